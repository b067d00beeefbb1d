"""Media-type detection from the bytes first, the file name second."""

from __future__ import annotations

import re
from pathlib import PurePath

from extract.errors import SourceError

PDF = "application/pdf"
HTML = "text/html"
TEXT = "text/plain"
MARKDOWN = "text/markdown"

_EXTENSIONS = {".pdf": PDF, ".html": HTML, ".htm": HTML, ".txt": TEXT, ".md": MARKDOWN, ".markdown": MARKDOWN}
SUPPORTED_SUFFIXES = frozenset(_EXTENSIONS)
HEAD_BYTES = 2048  # what sniff reads of a file with an unsupported name: enough to recognise a PDF
_HTML_START = re.compile(
    rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title|article|div|p)\b", re.I | re.S
)
# Signatures of formats that are neither PDF nor text, to name them in the error instead of "not UTF-8".
_BINARY_SIGNATURES = {
    b"PK\x03\x04": "a ZIP container (DOCX/XLSX/EPUB?)",
    b"\xd0\xcf\x11\xe0": "an OLE2 file (legacy .doc/.xls?)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%!PS": "a PostScript file",
}


def sniff(path: PurePath, data: bytes) -> str:
    """Return the media type of `data`; raise SourceError when it is empty, unsupported or mislabelled."""
    claimed = _EXTENSIONS.get(path.suffix.lower())
    # Unknown names are read only when the bytes prove a PDF; anything else there is not ours to guess.
    if claimed is None and not data.startswith(b"%PDF-"):
        raise SourceError(f"unsupported file type {path.suffix or '(no extension)'}")
    if not data.strip():
        raise SourceError("empty file: no bytes to extract from")
    head = data[:HEAD_BYTES].lstrip(b"\xef\xbb\xbf")
    # A PDF starts with its header (a PDF-named file may carry a little junk before it); an article that
    # merely mentions "%PDF-1.7" near its top is not a PDF.
    if head.lstrip().startswith(b"%PDF-") or (claimed == PDF and b"%PDF-" in data[:1024]):
        return PDF
    for signature, what in _BINARY_SIGNATURES.items():
        if head.startswith(signature):
            raise SourceError(f"unsupported format: the bytes are {what}, not PDF, HTML or text")
    if _HTML_START.match(head):
        return HTML
    if claimed == PDF:
        raise SourceError("not a PDF: the file is named .pdf but has no %PDF- header (corrupt or mislabelled)")
    return claimed  # a known text or HTML name: None was ruled out above unless the bytes were a PDF
