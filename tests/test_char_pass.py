"""The lean character pass (`sources.pdf.dedupe` + `chars_to_words`) gives exactly the words of pdfplumber's
own `dedupe_chars` + `extract_words`, on the PDFs the tests build and on hand-made characters that probe
the clustering rules (chained rows, ties, rotated text, empty and blank characters)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.utils import dedupe_chars, extract_words

from extract.settings import PdfSettings
from extract.sources.pdf import _FIELDS, chars_to_words, dedupe, page_words
from tests import pdfs, producers
from tests.conftest import RAW

SETTINGS = PdfSettings()


def reference(chars: list[dict], page: int, settings: PdfSettings = SETTINGS) -> list[tuple]:
    """Words as the PDF layer made them before the lean pass: pdfplumber's dedupe_chars + extract_words."""
    words = extract_words(
        dedupe_chars(chars, tolerance=settings.dedupe_tolerance),
        x_tolerance_ratio=settings.x_tolerance_ratio,
        y_tolerance=settings.y_tolerance,
        keep_blank_chars=False,
        extra_attrs=["fontname", "size"],
    )
    out = []
    for w in words:
        font = str(w["fontname"]).lower()
        bold = any(m in font for m in ("bold", "black", "heavy", "semibold", "demi", ",b"))
        italic = any(m in font for m in ("italic", "oblique", ",i"))
        box = (float(w["x0"]), float(w["x1"]), float(w["top"]), float(w["bottom"]))
        out.append((w["text"], page, *box, round(float(w["size"]), 2), bold, italic))
    return out


def lean(chars: list[dict], page: int, settings: PdfSettings = SETTINGS) -> list[tuple]:
    kept = dedupe(list(map(_FIELDS, chars)), settings.dedupe_tolerance)
    return [tuple(w) for w in chars_to_words(kept, page, settings)]


def _two_columns(path: Path) -> Path:
    left = [(72, 100 + 14 * i, f"left column line {i} of the first column text", "Vera", 10) for i in range(30)]
    right = [(320, 100 + 14 * i, f"right column line {i} of the second column", "Vera", 10) for i in range(30)]
    return pdfs.spaced_lines(path, left + right)


def _furniture(path: Path) -> Path:
    lines = [
        (72, 20, "Driving K-12 Innovation · Running Head", "Vera", 8),
        (72, 120, "Body text that belongs to the page and nothing else at all.", "Vera", 10),
        (300, 760, "7", "Vera", 8),
    ]
    return pdfs.spaced_lines(path, lines, pages=3)


BUILDERS: dict[str, Callable[[Path], Path]] = {
    # pdfTeX style: no space characters, words set apart by position only (the relative gap decides)
    "kerned": lambda d: pdfs.kerned_words(d / "tex.pdf", "Tech Enablers are the tools that make new approaches"),
    # fake bold: every glyph of the heading drawn twice, 0.3 pt apart (dedupe must drop one of each pair)
    "fake-bold": lambda d: pdfs.fake_bold(d / "bold.pdf", "Learner Agency", "Students lead their own learning."),
    # word-processor style with real spaces, two columns side by side on one page
    "two-columns": lambda d: _two_columns(d / "cols.pdf"),
    # three pages: doctop grows page by page, and small-type running heads and folios
    "furniture": lambda d: _furniture(d / "furn.pdf"),
    # Chromium (Skia): two CSS columns, ligatures, justified text
    "chromium": producers.chromium_pdf,
    # LibreOffice Writer: a two-column section, outline headings
    "libreoffice": producers.libreoffice_pdf,
    # the shipped 21-page sample report: cover, two columns, pull quotes, an "ﬁ" ligature, a hyphenated word
    "sample": lambda d: RAW / "reports" / "driving-k12-innovation-2027-sample.pdf",
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_lean_pass_equals_pdfplumber_on_every_page(name: str, tmp_path: Path) -> None:
    path = BUILDERS[name](tmp_path)
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            expected = reference(page.chars, number)
            assert expected, f"{name} page {number} has no words: the fixture is broken"
            assert [tuple(w) for w in page_words(page, number, SETTINGS).words] == expected, f"{name} page {number}"


def char(text: str, x0: float, top: float, size: float = 10.0, font: str = "Vera", upright: bool = True) -> dict:
    """One character as pdfplumber describes it (on the first page: doctop is top)."""
    width = 0.6 * size
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + width,
        "top": top,
        "bottom": top + size,
        "doctop": top,
        "upright": upright,
        "fontname": font,
        "size": size,
    }


def word(text: str, x0: float, top: float, **kw: object) -> list[dict]:
    return [char(c, x0 + 6 * i, top, **kw) for i, c in enumerate(text)]  # type: ignore[arg-type]


# (case, characters in drawing order, the words pdfplumber makes of them)
CASES = [
    # a plain line with a space: two words
    ("spaced", [*word("ab", 10, 100), char(" ", 22, 100), *word("cd", 28, 100)], ["ab", "cd"]),
    # fake bold: the whole word drawn again 0.3 pt to the right; the first drawing stays
    ("fake bold", word("bold", 10, 100) + word("bold", 10.3, 100), ["bold"]),
    # the duplicate drawn first sits to the right: the top-left one stays, wherever it is in drawing order
    ("duplicate drawn first", word("x", 10.4, 100.2) + word("x", 10, 100), ["x"]),
    # same glyph at tops 100, 100.8, 101.6 chains into one row, so x0 50 and 50.5 are duplicates although
    # their tops are 1.6 apart (more than the tolerance): pdfplumber's chained clustering, not pairwise
    ("chained row", [char("o", 50, 100), char("o", 80, 100.8), char("o", 50.5, 101.6)], ["o", "o"]),
    # chained x0 within one row: 50, 50.9, 51.8 are one cluster; only the leftmost stays
    ("chained cluster", [char("i", 50, 100), char("i", 50.9, 100), char("i", 51.8, 100)], ["i"]),
    # an exact tie in top and x0 with a different width: the first drawn stays
    ("tie", [char("m", 20, 100), {**char("m", 20, 100), "x1": 40.0}], ["m"]),
    # same place, different font or size: not duplicates
    (
        "other font",
        word("ab", 10, 100) + word("ab", 10, 100, font="Vera-Bold") + word("ab", 10, 100, size=11),
        ["ab"] * 3,
    ),
    # pdfTeX: no spaces; a gap of 0.33 em splits words, 0.1 em does not
    ("kerning", word("ab", 10, 100) + word("cd", 25.3, 100) + word("ef", 38.3, 100), ["ab", "cdef"]),
    # the right-hand word drawn first, 0.5 pt higher: one line, read left to right
    ("drawn out of order", word("ab", 40, 100) + word("cd", 10, 100.5), ["cd", "ab"]),
    # tops 2.9 pt apart share a line (chained), the next one 3.1 pt further down does not
    ("line tolerance", word("ab", 10, 100) + word("cd", 22, 102.9) + word("ef", 34, 106), ["abcd", "ef"]),
    # a font change mid-line: separate runs, so separate words even when touching
    (
        "font runs",
        word("ab", 10, 100) + word("cd", 22, 100, font="Vera-Bold") + word("ef", 34, 100),
        ["ab", "cd", "ef"],
    ),
    # rotated text: lines clustered by x0, words read top to bottom
    (
        "rotated",
        [char(c, 200, 100 + 7 * i, upright=False) for i, c in enumerate("up")] + word("flat", 10, 300),
        ["up", "flat"],
    ),
    # an empty character is a word of its own; a ligature is expanded
    (
        "empty and ligature",
        [*word("ab", 10, 100), char("", 22, 100), char("\ufb01", 28, 100), *word("x", 34, 100)],
        ["ab", "", "fix"],
    ),
    # tabs and non-breaking spaces are blank too
    (
        "blank chars",
        [*word("ab", 10, 100), char("\t", 22, 100), char("\xa0", 28, 100), *word("cd", 34, 100)],
        ["ab", "cd"],
    ),
]


@pytest.mark.parametrize(("chars", "texts"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_lean_pass_equals_pdfplumber_on_hand_made_chars(chars: list[dict], texts: list[str]) -> None:
    expected = reference(chars, 1)
    assert [w[0] for w in expected] == texts  # the case probes what its comment says
    assert lean(chars, 1) == expected


@pytest.mark.parametrize(
    "settings",
    [
        PdfSettings(dedupe_tolerance=0.0),  # only exact duplicates go
        PdfSettings(dedupe_tolerance=2.5, y_tolerance=1.0),  # wider clusters, tighter lines
        PdfSettings(x_tolerance_ratio=0.5),  # wide word gaps: pdfTeX words run together
    ],
    ids=["no-tolerance", "wide-dedupe", "wide-gap"],
)
def test_lean_pass_follows_the_settings_as_pdfplumber_does(settings: PdfSettings) -> None:
    for _, chars, _ in CASES:
        assert lean(chars, 1, settings) == reference(chars, 1, settings)
