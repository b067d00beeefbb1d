#!/bin/sh
# Rebuilds the two PDFs of wave3 into ../../docs/ (tests/gold/docs)
set -e
SRC="$(cd "$(dirname "$0")" && pwd)"
DOCS="$(cd "$SRC/../../docs" && pwd)"

# 1. Report (LibreOffice Writer, flat ODT source)
soffice --headless --convert-to pdf --outdir "$DOCS" "$SRC/CoSN_2032_Driving-K12-Innovation-Report_FINAL.fodt"

# 2. One-page flyer (Chromium print, default header/footer kept)
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --print-to-pdf="$DOCS/heartland-cosn-2027-driving-innovation-flyer.pdf" \
  "file://$SRC/heartland-cosn-2027-driving-innovation-flyer.html"

pdfinfo "$DOCS/CoSN_2032_Driving-K12-Innovation-Report_FINAL.pdf" | grep Pages
pdfinfo "$DOCS/heartland-cosn-2027-driving-innovation-flyer.pdf" | grep Pages
