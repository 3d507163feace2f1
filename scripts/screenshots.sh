#!/usr/bin/env bash
# Render one page of each document type of the sample case to docs/img/*.png for the README.
# Needs LibreOffice and poppler (make run installs them). Usage: scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r data/cam-linh "$work/case"
rm -rf "$work/case/.dispatch-gen"
.venv/bin/dispatch-gen build "$work/case" -o "$work/out" --as-of 2024-11-25 >/dev/null
shot() {  # shot PDF PAGE NAME
  pdftoppm -r 60 -png -f "$2" -l "$2" -singlefile "$1" "docs/img/$3"
}
out="$work/out"
shot "$out/cong-van.pdf" 1 cong-van
shot "$out/phieu/thon-01-thon-1.pdf" 1 phieu-thon
shot "$out/phieu/tc-02-giao-thong.pdf" 1 phieu-tieu-chi
shot "$out/phieu/nhom-ii-ha-tang-kinh-te-xa-hoi.pdf" 1 phieu-nhom
shot "$out/bao-cao.pdf" 1 bao-cao
appendix=$(for n in $(seq 1 "$(pdfinfo "$out/bao-cao.pdf" | awk '/^Pages/{print $2}')"); do
  pdftotext -f "$n" -l "$n" "$out/bao-cao.pdf" - | grep -q "^Phụ lục I$" && { echo "$n"; break; }; done)
shot "$out/bao-cao.pdf" "${appendix:-2}" bao-cao-phu-luc
shot "$out/cong-van-don-doc.pdf" 1 don-doc
ls -la docs/img
# The web app's pages (issue 14): the browser test saves one PNG per page it visits.
DISPATCH_GEN_SCREENSHOTS=docs/img .venv/bin/python -m pytest -q -p no:randomly tests/test_web_browser.py
ls -la docs/img/web-*.png
