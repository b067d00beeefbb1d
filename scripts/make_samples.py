"""Regenerate the synthetic sample report PDF in raw/reports/ (run with `make samples`).

The report is fictional text written for this project: a 2027 "edition" laid out like the real
releases (cover, two columns, running head and foot with folios, category sections, topic headings
in larger bold type, definitions, pull quotes, a word hyphenated across a line and an "ﬁ" ligature).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import reportlab
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "raw" / "reports" / "driving-k12-innovation-2027-sample.pdf"

CATEGORIES = [
    (
        "Hurdles",
        "Hurdles are defined as the obstacles that slow or block a school system's capacity to innovate.",
        [
            (
                "Sustaining Funding Beyond Short-Term Grants",
                "new",
                "Districts that built programs on one-time relief money now face the cliff those dollars left behind.",
            ),
            (
                "Attracting and Retaining Educators and IT Professionals",
                "returning",
                "Vacancies in classrooms and server rooms alike leave ambitious plans without the people to run them.",
            ),
            (
                "Misinformation and Synthetic Media",
                None,
                "Students meet fabricated images and voices daily, and few curricula teach them how to weigh a source.",
            ),
        ],
    ),
    (
        "Accelerators",
        "Accelerators refer to the megatrends that push innovation forward faster than any single program could.",
        [
            (
                "Building the Human Capacity of Leaders",
                "returning",
                "Principals and technology directors who coach rather than command turn pilots into practice.",
            ),
            (
                "Portraits of a Graduate",
                "new",
                "Communities are naming the durable skills they want graduates to leave with, and schools are redesigning around them.",
            ),
            (
                "Learner Agency",
                None,
                "Students who co-design their learning take on the work of setting goals and judging evidence of progress.",
            ),
        ],
    ),
    (
        "Tech Enablers",
        "Tech Enablers are the tools that make it possible to overcome Hurdles and harness Accelerators.",
        [
            (
                "AI Governance Platforms",
                "new",
                "Districts need a way to inventory, approve and monitor the AI features appearing inside every product they buy.",
            ),
            (
                "Interoperable Data Systems",
                None,
                "When rostering, assessment and attendance systems exchange data cleanly, staff stop retyping the same facts.",
            ),
            (
                "Privacy and Safety Technologies",
                "returning",
                "Vetting apps and watching networks for threats has become part of keeping children safe at school.",
            ),
        ],
    ),
    (
        "Bridges",
        "Bridges are the cross-cutting themes that connect the Hurdles, Accelerators and Tech Enablers.",
        [
            (
                "Trust Is the Infrastructure",
                None,
                "Families, staff and students adopt new tools only when they trust how decisions about them are made.",
            ),
            (
                "Coherence Over Novelty",
                None,
                "A few initiatives that fit together beat a crowded calendar of disconnected launches.",
            ),
            (
                "People Before Platforms",
                None,
                "Every enabler in this report depends on the adults who choose, configure and explain it.",
            ),
        ],
    ),
]

ELABORATION = [
    "Advisory board members described the pattern in districts of every size. Rural systems felt it first, "
    "but suburban and urban districts reported the same pressure within a year, and several members noted "
    "that the effects compound when budgets, staffing and expectations shift at the same time.",
    "The board's discussions returned again and again to leadership. Where superintendents named a clear owner, "
    "set a realistic timeline and reported progress in public, communities stayed patient; where they did not, "
    "even well-funded efforts stalled after the ﬁrst year.",
    "Case studies gathered for this edition show that small, well-supported steps travel further than sweeping "
    "mandates. A district that trains ten teacher leaders well and lets them teach their colleagues often outpaces "
    "one that buys a license for everyone and offers a single afternoon of training.",
    "Members also cautioned against treating this as a technology problem alone. Policies, schedules, "
    "procurement rules and the daily habits of staff decide whether a promising idea survives contact with "
    "a real school year.",
]

QUESTIONS = [
    "Who owns this work in our district, and how will the community hear about progress?",
    "Which existing initiative should we stop or merge before we start something new?",
    "What evidence, gathered by the end of the first semester, would tell us to change course?",
    "How will teachers, students and families shape the next step rather than only receive it?",
]

QUOTES = {
    "Sustaining Funding Beyond Short-Term Grants": (
        "We learned the hard way that a grant is a start date, not a plan.",
        "said Marisol Ortega, chief financial officer of Riverbend Unified School District",
    ),
    "Building the Human Capacity of Leaders": (
        "The most powerful upgrade we made this year was to our meetings, not our devices.",
        "said Thomas Achebe, superintendent of Northfield Public Schools",
    ),
    "AI Governance Platforms": (
        "If you cannot list the AI in your district, you cannot govern it.",
        "said Priya Raman, chief technology officer at Lakeshore County Schools",
    ),
}


def _fonts() -> None:
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf"), ("Vera-Italic", "VeraIt.ttf")):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName="Vera", fontSize=8.5, leading=11, spaceAfter=6, alignment=4)
    return {
        "body": body,
        "cover": ParagraphStyle("cover", fontName="Vera-Bold", fontSize=24, leading=30, spaceAfter=18),
        "subtitle": ParagraphStyle("subtitle", fontName="Vera", fontSize=12, leading=16, spaceAfter=12),
        "section": ParagraphStyle("section", fontName="Vera-Bold", fontSize=18, leading=22, spaceAfter=12),
        "topic": ParagraphStyle("topic", fontName="Vera-Bold", fontSize=12, leading=15, spaceBefore=6, spaceAfter=8),
        "pull": ParagraphStyle("pull", fontName="Vera-Italic", fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2),
        "subhead": ParagraphStyle(
            "subhead", fontName="Vera-Bold", fontSize=9.5, leading=12, spaceBefore=4, spaceAfter=4
        ),
        "bullet": ParagraphStyle(
            "bullet", parent=body, leftIndent=10, bulletIndent=0, alignment=0, bulletFontName="Vera"
        ),
        "credit": ParagraphStyle("credit", fontName="Vera", fontSize=7.5, leading=10, spaceAfter=10),
    }


def _decorate(canvas, doc) -> None:  # type: ignore[no-untyped-def]
    if doc.page == 1:
        return
    canvas.saveState()
    canvas.setFont("Vera", 6.5)
    width, height = A5
    canvas.drawString(36, height - 28, "Driving K-12 Innovation 2027 · Synthetic Sample Report")
    canvas.drawRightString(width - 36, height - 28, "Sample Consortium for School Technology")
    canvas.drawString(36, 22, "© 2027 Sample Consortium. Written for pipeline testing; not a real report.")
    canvas.drawRightString(width - 36, 22, str(doc.page))
    canvas.restoreState()


def build(out: Path) -> Path:
    _fonts()
    st = _styles()
    width, height = A5
    margin, gap = 36, 16
    col = (width - 2 * margin - gap) / 2
    doc = BaseDocTemplate(
        str(out),
        pagesize=A5,
        title="Driving K-12 Innovation 2027 (Synthetic Sample)",
        author="Sample Consortium for School Technology",
        creator="make_samples.py",
        invariant=1,
    )
    doc.addPageTemplates(
        [
            PageTemplate("cover", [Frame(margin, margin, width - 2 * margin, height - 2 * margin)], onPage=_decorate),
            PageTemplate(
                "body",
                [
                    Frame(margin, 40, col, height - 90, id="left"),
                    Frame(margin + col + gap, 40, col, height - 90, id="right"),
                ],
                onPage=_decorate,
            ),
        ]
    )
    story: list = [
        Spacer(1, 120),
        Paragraph("Driving K-12 Innovation 2027", st["cover"]),
        Paragraph("Hurdles • Accelerators • Tech Enablers • Bridges", st["subtitle"]),
        Paragraph("A synthetic sample report written for testing the extraction pipeline.", st["subtitle"]),
        NextPageTemplate("body"),
        PageBreak(),
        Paragraph("About This Report", st["section"]),
        Paragraph(
            "Each year an advisory board of educators and technology leaders selects the top Hurdles, "
            "Accelerators and Tech Enablers shaping schools. The 2027 report adds Bridges, themes that run across "
            "all three lists. This sample edition follows the same structure so that the pipeline can be tested "
            "on a document whose every sentence is known.",
            st["body"],
        ),
        Paragraph(
            "Readers will find each topic with a short description, the board's discussion and, where members "
            "spoke on the record, their words. The district's compre-<br/>hensive planning guide accompanies the "
            "report as a separate download.",
            st["body"],
        ),
        *[Paragraph(e, st["body"]) for e in ELABORATION],
        PageBreak(),
    ]
    for cat_name, definition, topics in CATEGORIES:
        story += [Paragraph(cat_name, st["section"]), Paragraph(definition, st["body"])]
        story += [Paragraph(e, st["body"]) for e in reversed(ELABORATION)]
        story.append(PageBreak())
        for rank, (title, status, description) in enumerate(topics, start=1):
            story.append(Paragraph(f"{rank}. {title}", st["topic"]))
            lead = description
            if status == "new":
                lead += " This topic is new to the list this year."
            elif status == "returning":
                lead += " This topic is returning to the list after an absence."
            story.append(Paragraph(lead, st["body"]))
            story += [Paragraph(e, st["body"]) for e in ELABORATION[rank % 2 :] + ELABORATION[: rank % 2]]
            story.append(Paragraph("Questions for district teams", st["subhead"]))
            story += [Paragraph(q, st["bullet"], bulletText="•") for q in QUESTIONS]
            if title in QUOTES:
                words, credit = QUOTES[title]
                story.append(Paragraph(f"“{words}”", st["pull"]))
                story.append(Paragraph(f"— {credit.removeprefix('said ')}", st["credit"]))
                story.append(Paragraph(f"“{words[:-1]},” {credit}.", st["body"]))
            story.append(PageBreak())
    story += [
        Paragraph("Methodology", st["section"]),
        *[Paragraph(e, st["body"]) for e in ELABORATION * 3],
        PageBreak(),
        Paragraph("Acknowledgements", st["section"]),
        Paragraph("The sample consortium thanks the imaginary advisory board for its imaginary service.", st["body"]),
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.build(story)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1800000000")
    path = build(args.out)
    print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
