#!/bin/sh
# Regenerates the PDFs in ../docs from the sources in this folder.
set -e
HERE="$(cd "$(dirname "$0")" && pwd)"
DOCS="$HERE/../../docs"  # tests/gold/docs
mkdir -p "$DOCS"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# 6. Report PDF (pdflatex, article class, two columns; run twice for the TOC)
for i in 1 2; do
  pdflatex -interaction=nonstopmode -halt-on-error -output-directory "$TMP" \
    "$HERE/2031_Driving-K12-Innovation-Report-V19.tex" >/dev/null
done
cp "$TMP/2031_Driving-K12-Innovation-Report-V19.pdf" "$DOCS/"

# 7. Executive brief PDF (LibreOffice Writer from flat ODT)
soffice --headless --convert-to pdf --outdir "$DOCS" \
  "$HERE/CoSN-2034-Driving-K12-Innovation-Executive-Brief.fodt"
