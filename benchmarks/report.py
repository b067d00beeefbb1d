"""A long two-column report for the benchmarks, generated in code: reproducible, any number of pages.

Laid out like the real releases and the shipped sample (letter pages, running head and foot with folios,
a section heading per page, justified body text in two columns, an occasional pull quote), with fictional
text drawn from a fixed vocabulary by a seeded generator, so the same page count gives the same bytes.
Each page's two columns are filled to a fixed number of lines, so a report has exactly the pages asked for.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import BaseDocTemplate, Frame, FrameBreak, PageBreak, PageTemplate, Paragraph

_WORDS = (
    "district school leaders teachers students families board community data privacy security network learning "
    "agency graduate portrait funding grant budget staff educators professional development pilot practice evidence "
    "curriculum platform device broadband access equity innovation hurdle accelerator enabler bridge governance "
    "interoperable system assessment attendance roster vendor procurement policy schedule coaching leadership trust "
    "coherence analytics cybersecurity ransomware training semester"
)
VOCABULARY = tuple(_WORDS.split())
CATEGORIES = ("Hurdles", "Accelerators", "Tech Enablers", "Bridges")
PARAGRAPHS_PER_COLUMN = 5  # of about eight lines each: a column nearly full (the first column also has the heading)
SENTENCES_PER_PARAGRAPH = 4


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(VOCABULARY) for _ in range(rng.randint(9, 14))]
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random) -> str:
    return " ".join(_sentence(rng) for _ in range(SENTENCES_PER_PARAGRAPH))


def _fonts() -> None:
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf"), ("Vera-Italic", "VeraIt.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(folder / file)))


def _decorate(canvas, doc) -> None:  # type: ignore[no-untyped-def]
    width, height = LETTER
    canvas.saveState()
    canvas.setFont("Vera", 7)
    canvas.drawString(54, height - 36, "Driving K-12 Innovation 2031 · Generated Benchmark Report")
    canvas.drawString(54, 30, "Generated for the benchmarks of k12-extract; not a real report.")
    canvas.drawRightString(width - 54, 30, str(doc.page))
    canvas.restoreState()


def build(out: Path, pages: int, seed: int = 2031) -> Path:
    """Write a report of exactly `pages` pages to `out` (same pages and seed, same bytes)."""
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1800000000")
    _fonts()
    rng = random.Random(seed)
    body = ParagraphStyle("body", fontName="Vera", fontSize=9, leading=11.5, spaceAfter=6, alignment=4)
    heading = ParagraphStyle("heading", fontName="Vera-Bold", fontSize=14, leading=18, spaceAfter=8)
    pull = ParagraphStyle("pull", fontName="Vera-Italic", fontSize=10.5, leading=14, spaceAfter=6)
    width, height = LETTER
    margin, gap = 54, 18
    col = (width - 2 * margin - gap) / 2
    doc = BaseDocTemplate(
        str(out), pagesize=LETTER, title="Driving K-12 Innovation 2031 (Generated)", author="k12-extract", invariant=1
    )
    frames = [
        Frame(margin, 54, col, height - 108, id="left"),
        Frame(margin + col + gap, 54, col, height - 108, id="right"),
    ]
    doc.addPageTemplates([PageTemplate("body", frames, onPage=_decorate)])
    story: list = []
    for number in range(1, pages + 1):
        category = CATEGORIES[(number - 1) % len(CATEGORIES)]
        title = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(2, 4))).title()
        story.append(Paragraph(f"{number}. {category}: {title}", heading))
        for column in range(2):
            for k in range(PARAGRAPHS_PER_COLUMN - (column == 0) - (column == 1 and number % 3 == 0)):
                text = _paragraph(rng)
                if column == 1 and k == 0 and number % 3 == 0:
                    story.append(Paragraph(f"“{_sentence(rng)}” said a district leader.", pull))
                story.append(Paragraph(text, body))
            if column == 0:
                story.append(FrameBreak())
        if number < pages:
            story.append(PageBreak())
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.build(story)
    if doc.page != pages:
        raise RuntimeError(f"{out.name}: a column overflowed, {doc.page} pages instead of {pages}")
    return out


def cached(folder: Path, pages: int) -> Path:
    """The report of `pages` pages under `folder`, generated on first use."""
    path = folder / f"generated-report-{pages}p.pdf"
    if not path.exists():
        build(path, pages)
    return path
