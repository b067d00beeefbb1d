#!/bin/bash
# Regenerates the PDFs in ../../docs (tests/gold/docs) from the sources in this folder.
set -e
cd "$(dirname "$0")"
SRC="$(pwd)"
DOCS="$(cd ../../docs && pwd)"

# 2. Superintendent letter (LibreOffice Writer flat ODT -> PDF)
soffice --headless --convert-to pdf --outdir "$DOCS" "$SRC/CHPS_Superintendent_Letter_Innovation_Report_2030.fodt"

# 4. Working paper (pdflatex, run twice for references)
TMP=$(mktemp -d)
cp "$SRC/NMU-CLSR-WP-28-04_Driving-K12-Innovation-2028.tex" "$TMP/"
( cd "$TMP" && pdflatex -interaction=nonstopmode NMU-CLSR-WP-28-04_Driving-K12-Innovation-2028.tex >/dev/null && pdflatex -interaction=nonstopmode NMU-CLSR-WP-28-04_Driving-K12-Innovation-2028.tex >/dev/null )
cp "$TMP/NMU-CLSR-WP-28-04_Driving-K12-Innovation-2028.pdf" "$DOCS/"
rm -rf "$TMP"

# 7. Slide deck (Chromium print-to-PDF, default header/footer kept)
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
  --print-to-pdf="$DOCS/TCRESC_Board-Briefing_Driving-K12-Innovation-2034.pdf" \
  "file://$SRC/TCRESC_Board-Briefing_Driving-K12-Innovation-2034.html"
