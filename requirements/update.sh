#!/usr/bin/env bash
# Re-resolve the locks from the ranges in setup.cfg (and build.in, tools.in), with hashes.
#   requirements/update.sh            keep every pin that still fits; resolve only what changed
#   requirements/update.sh --upgrade  take the newest release that each range allows
# uv itself comes from tools.txt, pinned and hashed, so the resolver is the same on every machine.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
python3 -m venv "$tools"
"$tools/bin/pip" install -q --require-hashes --no-deps -r requirements/tools.txt

compile() {
    "$tools/bin/uv" pip compile --quiet --generate-hashes --no-annotate "$@" \
        --custom-compile-command "requirements/update.sh" ${UPGRADE:+--upgrade}
}
UPGRADE=""
[ "${1:-}" = "--upgrade" ] && UPGRADE=1

# Linux: CPython 3.11 (CI and the .deb) on glibc 2.34 or newer, PySide6 6.12's floor.
linux=(--python-version 3.11 --python-platform x86_64-manylinux_2_34)
# Windows: what the installer ships, CPython 3.13 x86-64, resolved FOR that platform so that
# Windows-only dependencies chosen by markers are in (pip download --platform drops them).
windows=(--python-version 3.13 --python-platform x86_64-pc-windows-msvc)

# The -dev locks hold the program, its tests and its build tools; the runtime locks are resolved
# inside them (-c), so the packages carry the very versions the tests passed on.
compile setup.cfg requirements/build.in --extra test "${linux[@]}" -o requirements/linux-dev.txt
compile setup.cfg -c requirements/linux-dev.txt "${linux[@]}" -o requirements/linux.txt
compile requirements/build.in -c requirements/linux-dev.txt "${linux[@]}" -o requirements/build.txt
compile setup.cfg requirements/build.in --extra test "${windows[@]}" -o requirements/windows-dev.txt
compile setup.cfg -c requirements/windows-dev.txt "${windows[@]}" -o requirements/windows.txt
compile requirements/tools.in "${linux[@]}" -o requirements/tools.txt
