#!/usr/bin/env bash
# Exercise the installed package (/usr/bin/swdesk) with the network cut off: --version, demo on a
# temporary file, a printed PDF whose Chinese reads back, and the window started offscreen.
#   packaging/debian/smoke.sh
# As root with unshare(1), the steps run in a new network namespace (no interface but a down
# loopback); with strace(1) every connect() is logged and any to an IP address fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(sed -n 's/^version *= *//p' setup.cfg)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

steps() {
    set -euo pipefail
    export SWDESK_DATA_DIR=$tmp/data HOME=$tmp/home QT_QPA_PLATFORM=offscreen
    mkdir -p "$HOME"
    out=$(swdesk --version)
    [ "$out" = "swdesk $version" ] || { echo "--version said: $out" >&2; exit 1; }
    swdesk --db "$tmp/demo.db" demo >/dev/null
    swdesk --db "$tmp/demo.db" print ce-summary --year 2025 -o "$tmp/ce.pdf" >/dev/null
    pdftotext "$tmp/ce.pdf" "$tmp/ce.txt"
    grep -q "年度社会工作者继续教育学时汇总表" "$tmp/ce.txt" || { echo "the PDF's Chinese does not read back" >&2; exit 1; }
    # The Word copy (python-docx, its templates, lxml) and the pages drawn for a printer (pypdfium2).
    swdesk --db "$tmp/demo.db" print ce-summary --year 2025 -o "$tmp/ce.docx" >/dev/null
    /opt/swdesk/bin/python3.11 -I -c 'import sys, zipfile
assert "年度社会工作者继续教育学时汇总表" in zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()
from swdesk.printing.raster import plan_print, print_pages
pdf = open(sys.argv[2], "rb").read()
assert next(print_pages(pdf, plan_print(pdf))).image.mode == "L"' "$tmp/ce.docx" "$tmp/ce.pdf" ||
        { echo "the Word copy or the printer pages are wrong" >&2; exit 1; }
    # The window: still running after 8 s means it started and sits in its event loop.
    code=0
    timeout 8 swdesk --db "$tmp/demo.db" 2>"$tmp/gui.err" || code=$?
    if [ "$code" -ne 124 ]; then
        echo "the window ended with $code:" >&2
        cat "$tmp/gui.err" >&2
        exit 1
    fi
    if grep -q "Traceback" "$tmp/gui.err"; then cat "$tmp/gui.err" >&2; exit 1; fi
}
export -f steps
export tmp version

run=(bash -c steps)
if command -v strace >/dev/null; then
    run=(strace -f -qq -e trace=connect -o "$tmp/connect.log" "${run[@]}")
fi
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null && unshare -n true 2>/dev/null; then
    run=(unshare -n "${run[@]}")
    echo "smoke: network namespace without network"
fi
"${run[@]}"
if [ -f "$tmp/connect.log" ]; then
    if grep -E "AF_INET6?" "$tmp/connect.log"; then
        echo "smoke: the program tried the network (above)" >&2
        exit 1
    fi
    echo "smoke: no connect() to any IP address ($(grep -c connect "$tmp/connect.log" || true) local-socket connects)"
fi
echo "smoke: swdesk $version --version, demo, print, window: all as expected"
