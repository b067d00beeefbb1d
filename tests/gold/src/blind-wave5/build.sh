#!/bin/sh
# Regenerates the PDFs in ../docs from the sources in this folder.
set -e
HERE="$(cd "$(dirname "$0")" && pwd)"
DOCS="$HERE/../../docs"  # tests/gold/docs
mkdir -p "$DOCS"

# 4. Report PDF (LibreOffice Writer, two-column sections, footnotes, TOC, footer)
soffice --headless --convert-to pdf --outdir "$DOCS" "$HERE/2033_Driving-K12-Innovation-Report-V21.fodt"

# 7. One-page infographic (Chromium print; default header/footer kept)
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --print-to-pdf="$DOCS/2034-driving-k12-innovation-at-a-glance.pdf" \
  "file://$HERE/2034-driving-k12-innovation-at-a-glance.html"
