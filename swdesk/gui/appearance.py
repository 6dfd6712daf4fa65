"""How the program looks in the user's language: the bundled CJK fonts (so Chinese shows on a
machine with no Chinese fonts), Qt's own translations for its standard dialogs, the stylesheet."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from swdesk.paths import fonts_dir, resources_dir

# Bundled font files, in the order Qt should try them for a character.
BUNDLED_FONTS = ("wqy-microhei.ttc", "HanaMinA-subset.ttf", "HanaMinB-subset.ttf")
# System families that draw Simplified Chinese well, preferred over the bundled one when present.
_GOOD_SYSTEM_CJK = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "PingFang SC",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
)

_registered: list[str] | None = None
_translators: list[QTranslator] = []


def register_fonts(folder: Path | None = None) -> list[str]:
    """Register the bundled fonts with Qt once; returns the families they brought."""
    global _registered
    if _registered is not None:
        return _registered
    families: list[str] = []
    folder = folder or fonts_dir()
    for name in BUNDLED_FONTS:
        path = folder / name
        if not path.is_file():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            for family in QFontDatabase.applicationFontFamilies(font_id):
                if family not in families:
                    families.append(family)
    _registered = families
    return families


def choose_ui_font(app: QApplication, bundled: list[str]) -> QFont:
    """Keep the system's UI font but make sure CJK text has a face: a good system CJK family if
    there is one, else the bundled ones, with the rare-character subsets as last fallbacks."""
    font = QFont(app.font())
    system_cjk = [
        f
        for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        if f not in bundled
    ]
    chain = [font.family()]
    preferred = [f for f in _GOOD_SYSTEM_CJK if f in system_cjk]
    chain += preferred[:1] or system_cjk[:1]
    # The monospaced cut of the bundled face is for code, not for the interface.
    chain += [f for f in bundled if f not in chain and not f.endswith("Mono")]
    font.setFamilies(chain)
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
    app.setFont(font)
    return font


def install_qt_translations(app: QApplication, language: str) -> bool:
    """Load ``qtbase_<lang>.qm`` (Qt's own buttons and dialogs) for Chinese; drop it for English.
    Returns whether a translation is installed."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    if not language.startswith("zh"):
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return False
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if translator.load("qtbase_zh_CN", folder):
        app.installTranslator(translator)
        _translators.append(translator)
        return True
    return False


def load_stylesheet(app: QApplication) -> None:
    path = resources_dir() / "style.qss"
    if path.is_file():
        app.setStyleSheet(path.read_text(encoding="utf-8"))
