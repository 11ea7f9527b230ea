#!/usr/bin/env bash
# Renders what govwatch sends in real programs: the demo's HTML digest and a notice in
# headless Chromium (to PNG), every notice DOCX through LibreOffice (to PDF); the year-end
# pack's 考评结果通报 (DOCX) and workbook (XLSX) to PDF, the workbook landscape on every page.
# The console (govwatch console on the demo database) in Chromium at 1280 and 390 px.
# Usage: bash Tests/Scripts/render-check.sh [OUT_DIR]   (installs chromium, fonts-noto-cjk,
# libreoffice-writer-nogui, libreoffice-calc-nogui, poppler-utils and sqlite3 from Debian when missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${1:-$(mktemp -d /tmp/govwatch-render.XXXXXX)}"
mkdir -p "$out"
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)

missing=""
for p in chromium fonts-noto-cjk libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils sqlite3; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
fi

swift build --product govwatch >/dev/null
"$(swift build --show-bin-path)/govwatch" demo --out "$out/demo" >/dev/null
outbox="$out/demo/outbox"
digest=$(ls "$outbox"/digest-*.html | head -1)
notice=$(ls "$outbox"/notice-*.html | head -1)

fail=0
png_check() {  # FILE: a PNG of at least 20 KB (a blank page is a few KB)
  local f=$1
  if [ "$(head -c 8 "$f" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ] || [ "$(stat -c %s "$f")" -lt 20000 ]; then
    echo "FAIL: $f is not a rendered PNG"; fail=1
  else
    echo "ok: $f ($(stat -c %s "$f") bytes)"
  fi
}
for page in "$digest" "$notice"; do
  png="$out/$(basename "${page%.html}").png"
  log="$out/$(basename "${page%.html}").chromium.log"
  # --enable-logging=stderr prints console messages; a page error would be one of them.
  if ! chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 \
      --window-size=1000,2000 --screenshot="$png" "file://$page" 2>"$log"; then
    echo "FAIL: chromium exited with an error on $page (see $log)"; fail=1; continue
  fi
  if grep -E "CONSOLE|Uncaught|ERR_FILE|net::ERR" "$log"; then echo "FAIL: console errors on $page"; fail=1; fi
  png_check "$png"
done

# The console on the demo's database: overview, a unit page with its charts and a finding page,
# at 1280 px (a desk) and 390 px (a phone). CSP violations and script errors show in the log.
port=$((20000 + RANDOM % 10000))
"$(swift build --show-bin-path)/govwatch" console --db "$out/demo/govwatch.sqlite" --listen "127.0.0.1:$port" >"$out/console.log" 2>&1 &
console_pid=$!
trap 'kill $console_pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
unit=$(sqlite3 "$out/demo/govwatch.sqlite" "SELECT unit_id FROM finding GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1" 2>/dev/null || echo szfb)
finding=$(sqlite3 "$out/demo/govwatch.sqlite" "SELECT id FROM finding ORDER BY id LIMIT 1" 2>/dev/null || echo 1)
for page in "overview|/ui/" "unit|/ui/unit/$unit" "finding|/ui/finding/$finding"; do
  name=${page%%|*}; path=${page#*|}
  for width in 1280 390; do
    png="$out/console-$name-$width.png"
    log="$out/console-$name-$width.chromium.log"
    if ! chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 \
        --window-size=$width,1800 --screenshot="$png" "http://127.0.0.1:$port$path" 2>"$log"; then
      echo "FAIL: chromium exited with an error on $path (see $log)"; fail=1; continue
    fi
    if grep -E "Refused to|Uncaught|net::ERR" "$log"; then echo "FAIL: console errors on $path at $width px"; fail=1; fi
    png_check "$png"
  done
done
kill $console_pid 2>/dev/null || true

for docx in "$outbox"/notice-*.docx; do
  if ! libreoffice --headless --convert-to pdf --outdir "$out/pdf" "$docx" >/dev/null 2>&1; then
    echo "FAIL: LibreOffice cannot open $docx"; fail=1; continue
  fi
  pdf="$out/pdf/$(basename "${docx%.docx}").pdf"
  if [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then echo "FAIL: $pdf is not a PDF"; fail=1; else echo "ok: $pdf ($(stat -c %s "$pdf") bytes)"; fi
done
# The year-end pack: the 通报 on A4 portrait, the workbook on A4 landscape, one page wide.
for doc in "$out/demo"/report-*.docx "$out/demo"/evaluation-*.xlsx; do
  if ! libreoffice --headless --convert-to pdf --outdir "$out/pdf" "$doc" >/dev/null 2>&1; then
    echo "FAIL: LibreOffice cannot open $doc"; fail=1; continue
  fi
  pdf="$out/pdf/$(basename "${doc%.*}").pdf"
  pages=$(pdfinfo "$pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
  if [ -z "$pages" ]; then echo "FAIL: $pdf is not a PDF"; fail=1; continue; fi
  # Page sizes "W x H pts": landscape when W > H.
  sizes=$(pdfinfo -f 1 -l "$pages" "$pdf" | awk '/^Page +[0-9]+ size:/ {print ($4 > $6) ? "landscape" : "portrait"}' | sort | uniq -c | tr -s ' ' | tr '\n' ',')
  echo "ok: $pdf ($(stat -c %s "$pdf") bytes, $pages pages:$sizes)"
  case "$doc" in
    *.xlsx) if echo "$sizes" | grep -q portrait; then echo "FAIL: $pdf has portrait pages"; fail=1; fi
            # Three sheets, each one page wide: the demo's rows fit one page each.
            if [ "$pages" -ne 3 ]; then echo "FAIL: $pdf has $pages pages, expected 3 (one per sheet)"; fail=1; fi ;;
    *.docx) if echo "$sizes" | grep -q landscape; then echo "FAIL: $pdf has landscape pages"; fail=1; fi ;;
  esac
done
[ $fail = 0 ] && echo "all rendered in $out" || exit 1
