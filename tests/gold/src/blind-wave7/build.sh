#!/bin/sh
# Rebuild the wave-7 PDF documents from their sources.
# Usage: sh build.sh   (run from anywhere; outputs go to tests/gold/docs/)
set -e
SRC="$(cd "$(dirname "$0")" && pwd)"
DOCS="$SRC/../../docs"  # tests/gold/docs
TMP="$(mktemp -d)"
mkdir -p "$DOCS"

# 5. Chromium-printed web article (default header/footer kept: date, title, URL, page numbers)
chromium --headless --no-sandbox --disable-gpu \
  --print-to-pdf="$DOCS/cosn-releases-2030-driving-k12-innovation-report.pdf" \
  "$SRC/cosn-releases-2030-driving-k12-innovation-report.html"

# 6. LibreOffice report from a flat ODT (two-column section, running header, table, footnotes)
soffice --headless --convert-to pdf --outdir "$DOCS" "$SRC/NTRESC-Tech-Planning-Brief-07-2034.fodt"

# 7. pdfTeX report excerpt (run twice for hyperref outlines)
for i in 1 2; do
  pdflatex -interaction=nonstopmode -halt-on-error -output-directory="$TMP" \
    "$SRC/DK12I-2035-report-excerpt.tex" >/dev/null
done
cp "$TMP/DK12I-2035-report-excerpt.pdf" "$DOCS/"
rm -rf "$TMP"
echo "built:"; ls -l "$DOCS"/*.pdf
