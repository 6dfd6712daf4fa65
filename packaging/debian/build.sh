#!/usr/bin/env bash
# Build dist/swdesk_VERSION_amd64.deb from the lock: swdesk and its own CPython under /opt/swdesk,
# /usr/bin/swdesk, a menu entry with the icon. Nothing is downloaded when the package is installed.
#
#   packaging/debian/build.sh
#
# PYTHON        a CPython 3.11 installed in a prefix of its own, with a shared libpython (pyenv, or
#               ./configure --enable-shared --prefix=…); it is copied into the package. Default: the
#               python3.11 on PATH. Debian's own /usr/bin/python3.11 cannot be copied out of /usr.
# DEB_COMPRESS  dpkg-deb's compressor and level, default "xz 6"; CI passes "gzip 1", much faster.
# Needs dpkg-deb, patchelf and readelf (apt install dpkg-dev patchelf binutils).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
version=$(sed -n 's/^version *= *//p' setup.cfg)
python=${PYTHON:-$(command -v python3.11 || true)}
[ -n "$python" ] || { echo "no python3.11 found: set PYTHON" >&2; exit 1; }
prefix=$("$python" -c 'import sys; print(sys.base_prefix)')
py=$("$python" -c 'import sys; print("python%d.%d" % sys.version_info[:2])')
if [ "$py" != python3.11 ]; then
    echo "the Linux lock is resolved for CPython 3.11; $python is $py" >&2
    exit 1
fi
case "$prefix" in /usr | /usr/local)
    echo "$python belongs to the system ($prefix); set PYTHON to a CPython in a prefix of its own" >&2
    exit 1 ;;
esac
for tool in dpkg-deb patchelf readelf; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt install dpkg-dev patchelf binutils)" >&2; exit 1; }
done
start=$SECONDS

work=$root/build/deb
pkg=$work/swdesk_${version}_amd64
opt=$pkg/opt/swdesk
rm -rf "$work"
mkdir -p "$work" "$root/dist" "$opt/bin" "$opt/lib"

bash packaging/build_wheel.sh "$python" "$work/wheel"
"$python" -m venv "$work/env"  # its pip installs into the package

# The interpreter: binary, libpython and the standard library, less what a program never needs.
cp "$prefix/bin/$py" "$opt/bin/"
cp -L "$prefix/lib/lib$py.so.1.0" "$opt/lib/"
patchelf --set-rpath '$ORIGIN/../lib' "$opt/bin/$py"
tar -C "$prefix/lib" -cf - --exclude=__pycache__ --exclude="$py/site-packages" \
    --exclude="$py/test" --exclude="$py/idlelib" --exclude="$py/tkinter" --exclude="$py/turtle*" \
    --exclude="$py/ensurepip" --exclude="$py/lib2to3" --exclude="$py/pydoc_data" \
    --exclude="$py/config-*" --exclude="$py/lib-dynload/_tkinter*" --exclude="$py/lib-dynload/_test*" \
    --exclude="$py/lib-dynload/xxlimited*" --exclude="$py/lib-dynload/_ctypes_test*" \
    --exclude="$py/lib-dynload/_curses*" --exclude="$py/lib-dynload/readline*" \
    --exclude="$py/lib-dynload/nis*" --exclude="$py/lib-dynload/_crypt*" "$py" |
    tar -C "$opt/lib" -xf -
mkdir -p "$opt/lib/$py/site-packages"

# The dependencies exactly as locked (hashes checked, wheels only), then swdesk itself.
site=$opt/lib/$py/site-packages
"$work/env/bin/pip" install -q --no-compile --no-deps --ignore-installed --only-binary=:all: \
    --require-hashes -r requirements/linux.txt --prefix "$opt" --no-warn-script-location
"$work/env/bin/pip" install -q --no-compile --no-deps --ignore-installed \
    --prefix "$opt" --no-warn-script-location "$work"/wheel/swdesk-*.whl
find "$opt/bin" -mindepth 1 ! -name "$py" -delete
untrimmed=$(du -sk "$opt" | cut -f1)
"$opt/bin/$py" "$root/packaging/trim.py" linux "$site"
echo "deb: files in place after $((SECONDS - start)) s"
"$opt/bin/$py" -m compileall -q -j0 --invalidation-mode unchecked-hash -s "$pkg" -p / "$opt/lib"

# Every shared library the package links to is either inside it or a Debian package in Depends.
"$opt/bin/$py" "$root/packaging/debian/depends.py" "$opt" >"$work/depends"

install -D -m 755 packaging/debian/swdesk.sh "$pkg/usr/bin/swdesk"
install -D -m 644 packaging/debian/swdesk.desktop "$pkg/usr/share/applications/swdesk.desktop"
install -D -m 644 resources/icons/swdesk.png "$pkg/usr/share/icons/hicolor/256x256/apps/swdesk.png"
install -D -m 644 resources/icons/swdesk.svg "$pkg/usr/share/icons/hicolor/scalable/apps/swdesk.svg"
mkdir -p "$pkg/DEBIAN"
sed -e "s/@VERSION@/$version/" -e "s/@SIZE@/$(du -sk "$pkg" | cut -f1)/" \
    -e "s/@DEPENDS@/$(sed -n 1p "$work/depends")/" -e "s/@RECOMMENDS@/$(sed -n 2p "$work/depends")/" \
    packaging/debian/control.in >"$pkg/DEBIAN/control"

deb=dist/swdesk_${version}_amd64.deb
read -r compressor level <<<"${DEB_COMPRESS:-xz 6}"
dpkg-deb --root-owner-group -Z"$compressor" -z"${level:-6}" --build "$pkg" "$deb" >/dev/null
echo "built $deb: $(du -k "$deb" | cut -f1) KB; installed $(du -sk "$pkg" | cut -f1) KB" \
    "(before trimming $((untrimmed + $(du -sk "$pkg" | cut -f1) - $(du -sk "$opt" | cut -f1))) KB);" \
    "$((SECONDS - start)) s"
