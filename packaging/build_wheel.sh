#!/usr/bin/env bash
# swdesk's own wheel, built with the locked build tools (requirements/build.txt), into $2.
#   packaging/build_wheel.sh PYTHON OUT_DIR        (both packaging scripts call it)
set -euo pipefail
python=$1
out=$2
env=$(mktemp -d)
trap 'rm -rf "$env"' EXIT
"$python" -m venv "$env"
"$env/bin/pip" install -q --require-hashes -r requirements/build.txt
"$env/bin/pip" wheel -q --no-deps --no-build-isolation -w "$out" .
