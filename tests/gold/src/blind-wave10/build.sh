#!/usr/bin/env bash
# Rebuild the PDF documents of wave 10 from their sources.
set -euo pipefail
SRC="$(cd "$(dirname "$0")" && pwd)"
DOCS="$SRC/../../docs"  # tests/gold/docs
mkdir -p "$DOCS"
CHROME="$(command -v chromium || command -v chromium-browser || command -v google-chrome)"

# 8. Designed annual report: multi-page HTML printed by Chromium, header/footer from CSS @page boxes.
"$CHROME" --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$DOCS/CoSN_Driving-K12-Innovation_2035.pdf" \
  "file://$SRC/CoSN_Driving-K12-Innovation_2035.html"

# 9. Two-page one-pager: HTML -> ODT (kept in src) -> PDF with LibreOffice.
TMP="$(mktemp -d)"
soffice --headless -env:UserInstallation="file://$TMP/profile" \
  --infilter="HTML (StarWriter)" --convert-to odt:writer8 \
  --outdir "$SRC" "$SRC/DKI-2036-At-a-Glance.html"
soffice --headless -env:UserInstallation="file://$TMP/profile" \
  --convert-to pdf:writer_pdf_Export --outdir "$DOCS" "$SRC/DKI-2036-At-a-Glance.odt"
rm -rf "$TMP"
ls -l "$DOCS"/*.pdf
