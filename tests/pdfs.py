"""Small PDFs built in code, each imitating how one kind of producer encodes text."""

from __future__ import annotations

from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

_FONTS = Path(reportlab.__file__).parent / "fonts"


def _register() -> None:
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", str(_FONTS / "Vera.ttf")))
        pdfmetrics.registerFont(TTFont("Vera-Bold", str(_FONTS / "VeraBd.ttf")))


def spaced_lines(path: Path, lines: list[tuple[float, float, str, str, float]], pages: int = 1) -> Path:
    """Word-processor style: text drawn with real space characters. lines: (x, top, text, font, size)."""
    return paged_lines(path, [lines] * pages)


def paged_lines(path: Path, pages: list[list[tuple[float, float, str, str, float]]]) -> Path:
    """Like `spaced_lines`, each page with lines of its own."""
    _register()
    c = Canvas(str(path), pagesize=LETTER, invariant=1)
    height = LETTER[1]
    for lines in pages:
        for x, top, text, font, size in lines:
            c.setFont(font, size)
            c.drawString(x, height - top - size, text)
        c.showPage()
    c.save()
    return path


def kerned_words(path: Path, sentence: str, size: float = 10.0) -> Path:
    """pdfTeX style: no space characters at all; words are placed apart by positioning alone."""
    _register()
    c = Canvas(str(path), pagesize=LETTER, invariant=1)
    x, y = 72.0, 700.0
    for word in sentence.split():
        c.setFont("Vera", size)
        c.drawString(x, y, word)
        x += pdfmetrics.stringWidth(word, "Vera", size) + 0.33 * size
        if x > 480:
            x, y = 72.0, y - size * 1.3
    c.showPage()
    c.save()
    return path


def fake_bold(path: Path, heading: str, body: str) -> Path:
    """Fake bold: the heading drawn twice, a fraction of a point apart."""
    _register()
    c = Canvas(str(path), pagesize=LETTER, invariant=1)
    for dx in (0.0, 0.3):
        c.setFont("Vera", 16)
        c.drawString(72 + dx, 700, heading)
    c.setFont("Vera", 10)
    c.drawString(72, 670, body)
    c.showPage()
    c.save()
    return path


def encrypted(path: Path) -> Path:
    c = Canvas(str(path), pagesize=LETTER, encrypt=StandardEncryption("user-secret", "owner-secret", strength=128))
    c.drawString(72, 700, "Hurdles are defined as obstacles that need a password to read.")
    c.showPage()
    c.save()
    return path


def image_only(path: Path) -> Path:
    """A 'scanned' page: a drawn shape standing in for the page image, and no characters."""
    import struct
    import zlib
    from io import BytesIO

    from reportlab.lib.utils import ImageReader

    def png(w: int, h: int) -> bytes:
        raw = b"".join(b"\x00" + b"\x80" * w for _ in range(h))

        def chunk(t: bytes, d: bytes) -> bytes:
            return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xFFFFFFFF)

        return (
            b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw))
            + chunk(b"IEND", b"")
        )

    c = Canvas(str(path), pagesize=LETTER, invariant=1)
    c.drawImage(ImageReader(BytesIO(png(20, 20))), 72, 500, 200, 200)
    c.showPage()
    c.save()
    return path
