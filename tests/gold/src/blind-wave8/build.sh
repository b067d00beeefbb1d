#!/usr/bin/env bash
# Rebuild the three PDF documents of wave 8 from their sources.
# Needs: soffice (LibreOffice Writer), chromium, pdflatex (texlive-latex-base).
set -euo pipefail
SRC="$(cd "$(dirname "$0")" && pwd)"
DOCS="$(cd "$SRC/../../docs" && pwd)"  # tests/gold/docs
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# 5. LibreOffice report from a flat ODT
soffice --headless -env:UserInstallation="file://$TMP/lo-profile" \
  --convert-to pdf --outdir "$DOCS" "$SRC/TCETC_DK12I_2031_Regional_Briefing.fodt"

# 6. Chromium-printed 16:9 slide deck
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$DOCS/OHISD_Board_Work_Session_DK12I_2034.pdf" \
  "file://$SRC/OHISD_Board_Work_Session_DK12I_2034.html"

# 7. pdfTeX two-column paper (run twice for references)
cp "$SRC/okonkwo_lindqvist_2035_dk12i_persistence.tex" "$TMP/"
( cd "$TMP" \
  && pdflatex -interaction=nonstopmode -halt-on-error okonkwo_lindqvist_2035_dk12i_persistence.tex >/dev/null \
  && pdflatex -interaction=nonstopmode -halt-on-error okonkwo_lindqvist_2035_dk12i_persistence.tex >/dev/null )
cp "$TMP/okonkwo_lindqvist_2035_dk12i_persistence.pdf" "$DOCS/"

ls -l "$DOCS"/*.pdf
