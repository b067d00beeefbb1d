"""Render the development set's report-style PDFs from their plain-text sources (run with `make devset`).

Sources live in tests/gold/src/*.rpt, one per PDF, in a tiny markup so that a reviewer can read and
annotate the text the PDF carries:

    @key: value     settings (title, header, layout one|two, font Times|Helvetica, page letter|a4)
    = Title         cover title (own page)
    # Heading       section heading (a category)
    ## Heading      topic heading
    > words         pull quote; `-- credit` on the next line credits it
    * words         bullet item
    other lines     body paragraphs, separated by blank lines

The fonts are the PDF core fonts, unlike the sample report's embedded TrueType, so the dev set also
exercises a second kind of text encoding.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from reportlab.lib.pagesizes import A4, letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate, Paragraph, Spacer

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "tests" / "gold" / "src"
OUT = ROOT / "tests" / "gold" / "docs"
REGULAR = {"Times": "Times-Roman", "Helvetica": "Helvetica"}
BOLD = {"Times": "Times-Bold", "Helvetica": "Helvetica-Bold"}
ITALIC = {"Times": "Times-Italic", "Helvetica": "Helvetica-Oblique"}


def _styles(font: str) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=REGULAR[font], fontSize=10, leading=13, spaceAfter=7, alignment=4)
    return {
        "body": body,
        "cover": ParagraphStyle("cover", fontName=BOLD[font], fontSize=26, leading=32, spaceAfter=18),
        "h1": ParagraphStyle("h1", fontName=BOLD[font], fontSize=18, leading=22, spaceBefore=10, spaceAfter=10),
        "h2": ParagraphStyle("h2", fontName=BOLD[font], fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=6),
        "pull": ParagraphStyle("pull", fontName=ITALIC[font], fontSize=11.5, leading=15, spaceBefore=6, spaceAfter=2),
        "credit": ParagraphStyle("credit", fontName=REGULAR[font], fontSize=8.5, leading=11, spaceAfter=10),
        "bullet": ParagraphStyle("bullet", parent=body, leftIndent=12, bulletIndent=2, alignment=0),
    }


def _parse(text: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    settings: dict[str, str] = {}
    blocks: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(("body", " ".join(para)))
            para.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        for prefix, kind in (
            ("@", "set"),
            ("= ", "cover"),
            ("## ", "h2"),
            ("# ", "h1"),
            ("> ", "pull"),
            ("-- ", "credit"),
            ("* ", "bullet"),
        ):
            if stripped.startswith(prefix):
                flush()
                body = stripped[len(prefix) :]
                if kind == "set":
                    key, _, value = body.partition(":")
                    settings[key.strip()] = value.strip()
                else:
                    blocks.append((kind, body))
                break
        else:
            para.append(stripped)
    flush()
    return settings, blocks


def build(source: Path, out_dir: Path) -> Path:
    settings, blocks = _parse(source.read_text(encoding="utf-8"))
    font = settings.get("font", "Times")
    st = _styles(font)
    size = A4 if settings.get("page") == "a4" else letter
    width, height = size
    margin, gap = 54, 18
    two = settings.get("layout") == "two"
    col = (width - 2 * margin - gap) / 2 if two else width - 2 * margin
    frames = [Frame(margin, margin, col, height - 2 * margin - 10, id="c1")]
    if two:
        frames.append(Frame(margin + col + gap, margin, col, height - 2 * margin - 10, id="c2"))
    header = settings.get("header", "")

    def decorate(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        if doc.page == 1:
            return
        canvas.saveState()
        canvas.setFont(REGULAR[font], 7.5)
        canvas.drawString(margin, height - 32, header)
        canvas.drawRightString(width - margin, 30, f"Page {doc.page}")
        canvas.restoreState()

    out = out_dir / f"{source.stem}.pdf"
    doc = BaseDocTemplate(
        str(out),
        pagesize=size,
        title=settings.get("title", source.stem),
        author=settings.get("author", ""),
        creator="make_devset.py",
        invariant=1,
    )
    doc.addPageTemplates([PageTemplate("page", frames, onPage=decorate)])
    story: list = []
    for kind, body in blocks:
        if kind == "cover":
            story += [Spacer(1, 160), Paragraph(body, st["cover"])]
        elif kind == "h1" and story:
            story += [PageBreak(), Paragraph(body, st["h1"])]
        elif kind == "bullet":
            story.append(Paragraph(body, st["bullet"], bulletText="•"))
        elif kind == "credit":
            story.append(Paragraph(f"— {body}", st["credit"]))
        elif kind == "pull":
            story.append(Paragraph(f"“{body}”", st["pull"]))
        else:
            story.append(Paragraph(body, st.get(kind, st["body"])))
    out_dir.mkdir(parents=True, exist_ok=True)
    doc.build(story)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1800000000")
    for source in sorted(SRC.glob("*.rpt")):
        path = build(source, args.out)
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
