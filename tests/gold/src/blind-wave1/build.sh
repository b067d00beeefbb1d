#!/bin/sh
# Rebuild the four PDFs of wave1b into ../docs/
set -e
SRC="$(cd "$(dirname "$0")" && pwd)"
DOCS="$(cd "$SRC/../../docs" && pwd)"
CHROME="chromium --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run"

# 1. Full report (Chromium, default header/footer kept: date, title, URL, page numbers)
$CHROME --print-to-pdf="$DOCS/2030_Driving-K12-Innovation-Report-V18.pdf" \
  "file://$SRC/report2030/2030_Driving-K12-Innovation-Report-V18.html" 2>/dev/null

# 2. Executive summary (LibreOffice Writer, flat ODT with a two-column section)
TMP=$(mktemp -d)
soffice --headless --convert-to pdf --outdir "$TMP" \
  "$SRC/execsummary2028/CoSN_DK12I-2028_Executive-Summary.fodt" >/dev/null 2>&1
mv "$TMP/CoSN_DK12I-2028_Executive-Summary.pdf" "$DOCS/"

# 3. Toolkit / conversation guide (pdfTeX, article class, twocolumn)
cp "$SRC/toolkit2033/DK12I-2033-Conversation-Toolkit.tex" "$TMP/"
( cd "$TMP" && for i in 1 2; do pdflatex -interaction=nonstopmode DK12I-2033-Conversation-Toolkit.tex >/dev/null; done )
mv "$TMP/DK12I-2033-Conversation-Toolkit.pdf" "$DOCS/"
rm -rf "$TMP"

# 4. Slide deck (Chromium, 16:9 landscape pages, no header/footer as exported decks have none)
$CHROME --no-pdf-header-footer --print-to-pdf="$DOCS/CoSN-DK12I-2027-member-webinar-slides.pdf" \
  "file://$SRC/slides2027/CoSN-DK12I-2027-member-webinar-slides.html" 2>/dev/null

ls -l "$DOCS"/*.pdf
