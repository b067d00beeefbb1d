#!/usr/bin/env bash
# Rebuild the three PDF documents of wave 9 from their sources.
#   - LibreOffice: Driving_K-12_Innovation_2028_Briefing_SilverCreekRESC.fodt  (two-column section, footnotes)
#   - Chromium:    skagit-falls-schools-innovation-report-2035.html           (default header/footer kept)
#   - pdfTeX:      tcetc-driving-k12-innovation-2027-executive-summary.tex
set -euo pipefail
SRC="$(cd "$(dirname "$0")" && pwd)"
OUT="$(cd "$SRC/../../docs" && pwd)"  # tests/gold/docs
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# 1. LibreOffice (flat ODT -> PDF)
soffice --headless -env:UserInstallation=file://$TMP/lo-profile \
  --convert-to pdf --outdir "$OUT" "$SRC/Driving_K-12_Innovation_2028_Briefing_SilverCreekRESC.fodt" >/dev/null

# 2. pdfTeX (run twice for stable references)
for i in 1 2; do
  pdflatex -interaction=nonstopmode -halt-on-error -output-directory "$TMP" \
    "$SRC/tcetc-driving-k12-innovation-2027-executive-summary.tex" >/dev/null
done
cp "$TMP/tcetc-driving-k12-innovation-2027-executive-summary.pdf" "$OUT/"

# 3. Chromium print with the default header and footer (no --no-pdf-header-footer).
#    The page is served locally but loaded under the newspaper's host name, so the
#    footer shows a realistic article URL instead of a file:// path.
PORT=8719
WEB="$TMP/web/news/education/2035/03/07"
mkdir -p "$WEB"
cp "$SRC/skagit-falls-schools-innovation-report-2035.html" "$WEB/skagit-falls-schools-see-themselves-in-national-ed-tech-report.html"
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$TMP/web" >/dev/null 2>&1 &
SERVER_PID=$!
sleep 1
chromium --headless --no-sandbox --disable-gpu --user-data-dir="$TMP/chrome-profile" \
  --host-resolver-rules="MAP www.cascadecourier.com 127.0.0.1:$PORT" \
  --print-to-pdf="$OUT/skagit-falls-schools-innovation-report-2035.pdf" \
  "http://www.cascadecourier.com/news/education/2035/03/07/skagit-falls-schools-see-themselves-in-national-ed-tech-report.html" 2>/dev/null || true
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true

ls -l "$OUT"/*.pdf
