; swdesk's installer, a pynsist template (pynsist fills in its placeholders).
; Per-user, no administrator rights; Chinese pages; refuses Windows older than 10 1809 (build
; 17763, Qt 6's floor) and 32-bit Windows; the uninstaller removes the program only, never the
; data folder (%LOCALAPPDATA%\swdesk, a different folder from the program's).
Target amd64-unicode
Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!define PRODUCT_NAME "社工机构人事与激励管理"
!define PRODUCT_VERSION "[[ib.version]]"
!define PRODUCT_ICON "[[icon]]"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\swdesk"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "WinVer.nsh"
!include "x64.nsh"

Name "${PRODUCT_NAME} ${PRODUCT_VERSION}"
OutFile "[[ib.installer_name]]"
InstallDir "$LOCALAPPDATA\Programs\swdesk"
ShowInstDetails show

!define MUI_ABORTWARNING
!define MUI_ICON "[[icon]]"
!define MUI_UNICON "[[icon]]"
!define MUI_FINISHPAGE_RUN
!define MUI_FINISHPAGE_RUN_TEXT "启动 ${PRODUCT_NAME}"
!define MUI_FINISHPAGE_RUN_FUNCTION start_program
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "SimpChinese"

Function .onInit
  ${WinVerGetBuild} $0
  ${IfNot} ${RunningX64}
  ${OrIfNot} ${AtLeastWin10}
  ${OrIf} $0 < 17763
    MessageBox MB_OK|MB_ICONSTOP "${PRODUCT_NAME} 需要 64 位的 Windows 10（1809 版或更新）或 Windows 11。$\r$\n这台电脑的 Windows 版本太旧，无法运行本程序，安装已取消。" /SD IDOK
    Abort
  ${EndIf}
FunctionEnd

Function start_program
  [% for scname, sc in ib.shortcuts.items() %]
  Exec '"[[ sc['target'] ]]" [[ sc['parameters'] ]]'
  [% endfor %]
FunctionEnd

Section "!${PRODUCT_NAME}" sec_app
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program whole; nothing of the user's lives here.
  RMDir /r "$INSTDIR\pkgs"
  RMDir /r "$INSTDIR\Python"
  File "${PRODUCT_ICON}"
  SetOutPath "$INSTDIR\pkgs"
  File /r "pkgs\*.*"
  [% for destination, group in grouped_files %]
  SetOutPath "[[destination]]"
  [% for file in group %]
  File "[[ file ]]"
  [% endfor %]
  [% endfor %]
  [% for dir, destination in ib.install_dirs %]
  SetOutPath "[[ pjoin(destination, dir) ]]"
  File /r "[[dir]]\*.*"
  [% endfor %]

  ; Start-menu and desktop shortcuts; their working folder is the user's home.
  SetOutPath "%HOMEDRIVE%\%HOMEPATH%"
  [% for scname, sc in ib.shortcuts.items() %]
  CreateShortCut "$SMPROGRAMS\${PRODUCT_NAME}.lnk" "[[ sc['target'] ]]" '[[ sc['parameters'] ]]' "$INSTDIR\[[ sc['icon'] ]]"
  CreateShortCut "$DESKTOP\${PRODUCT_NAME}.lnk" "[[ sc['target'] ]]" '[[ sc['parameters'] ]]' "$INSTDIR\[[ sc['icon'] ]]"
  [% endfor %]
  SetOutPath "$INSTDIR"

  [% if has_commands %]
  DetailPrint "设置命令行程序 swdesk……"
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" add_user "$INSTDIR\bin"'
  [% endif %]
  DetailPrint "编译 Python 模块……"
  nsExec::ExecToLog '[[ python ]] -m compileall -q "$INSTDIR\pkgs"'

  WriteUninstaller "$INSTDIR\uninstall.exe"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${PRODUCT_VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "swdesk"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${PRODUCT_ICON}"
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  [% if has_commands %]
  nsExec::ExecToLog '[[ python ]] -Es "$INSTDIR\_system_path.py" remove "$INSTDIR\bin"'
  [% endif %]
  Delete "$SMPROGRAMS\${PRODUCT_NAME}.lnk"
  Delete "$DESKTOP\${PRODUCT_NAME}.lnk"
  ; Only what the installer put here. The data folder is elsewhere and stays.
  RMDir /r "$INSTDIR\pkgs"
  [% for file, destination in ib.install_files %]
  Delete "[[pjoin(destination, file)]]"
  [% endfor %]
  [% for dir, destination in ib.install_dirs %]
  RMDir /r "[[pjoin(destination, dir)]]"
  [% endfor %]
  Delete "$INSTDIR\${PRODUCT_ICON}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
