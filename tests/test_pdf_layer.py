"""The PDF text layer on PDFs that encode text the way different producers do."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from extract.settings import PdfSettings
from extract.sources.layout import Word, find_gutters
from extract.sources.pdf import font_style, parse_pdf
from tests import pdfs

SAMPLE = Path(__file__).resolve().parent.parent / "raw" / "reports" / "driving-k12-innovation-2027-sample.pdf"


def squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u00ad]+", "", text)


def test_words_without_space_characters_are_split_by_their_gaps(tmp_path: Path) -> None:
    sentence = "Tech Enablers are the tools that make new approaches possible for every district"
    doc = parse_pdf(pdfs.kerned_words(tmp_path / "tex.pdf", sentence).read_bytes())
    assert doc.text == sentence


def test_fake_bold_duplicates_are_removed_and_heading_detected(tmp_path: Path) -> None:
    doc = parse_pdf(
        pdfs.fake_bold(tmp_path / "bold.pdf", "Learner Agency", "Students lead their own learning.").read_bytes()
    )
    heading = doc.segments[0]
    assert (heading.kind, heading.text) == ("heading", "Learner Agency")
    assert doc.segments[1].text == "Students lead their own learning."


def test_two_columns_are_read_left_then_right(tmp_path: Path) -> None:
    left = [(72, 100 + 14 * i, f"left column line {i} of the first column text", "Vera", 10) for i in range(30)]
    right = [(320, 100 + 14 * i, f"right column line {i} of the second column", "Vera", 10) for i in range(30)]
    doc = parse_pdf(pdfs.spaced_lines(tmp_path / "cols.pdf", left + right).read_bytes())
    assert doc.text.index("left column line 29") < doc.text.index("right column line 0")
    # Line 0 of the left column runs on into its line 1, not into the right column's line 0.
    assert "line 0 of the first column text left column line 1" in doc.text


def test_running_header_footer_and_folios_leave_the_body(tmp_path: Path) -> None:
    lines = [
        (72, 20, "Driving K-12 Innovation · Running Head", "Vera", 8),
        (72, 120, "Body text that belongs to the page and nothing else at all.", "Vera", 10),
        (300, 760, "7", "Vera", 8),
    ]
    doc = parse_pdf(pdfs.spaced_lines(tmp_path / "furn.pdf", lines, pages=3).read_bytes())
    kinds = {s.kind for s in doc.segments}
    assert {"header", "page_number", "paragraph"} <= kinds
    assert "Running Head" not in doc.text and "Body text" in doc.text


def test_a_paragraph_broken_by_a_page_is_joined_and_its_page_footnotes_follow_it(tmp_path: Path) -> None:
    first = [
        (72, 100, "Opening paragraph of the brief, which ends here as a sentence should.", "Vera", 10),
        (72, 130, "One of them described the mood of the final round this way, and the quote", "Vera", 10),
        (72, 144, "went on to the foot of the page without an end, so that it stops at Nobody", "Vera", 10),
        (72, 690, "1 Consortium for School Networking, the report, page references to the PDF.", "Vera", 8),
    ]
    second = [
        (72, 100, "in the room wanted to be against it, and everyone had a story to tell.", "Vera", 10),
        (72, 130, "A new paragraph starts on the second page with a capital letter.", "Vera", 10),
    ]
    doc = parse_pdf(pdfs.paged_lines(tmp_path / "broken.pdf", [first, second]).read_bytes())
    body = [s for s in doc.body if s.kind == "paragraph"]
    assert [s.text.split()[0] for s in body] == ["Opening", "One", "1", "A"]
    joined = body[1]
    assert "stops at Nobody in the room wanted" in joined.text and {p.page for p in joined.pieces} == {1, 2}
    for piece in joined.pieces:  # each line keeps its own page and place
        assert doc.text[piece.char_start : piece.char_end] in joined.text


@pytest.fixture(scope="module")
def sample() -> tuple:
    return parse_pdf(SAMPLE.read_bytes())


def test_sample_report_joins_hyphenation_and_expands_ligatures(sample) -> None:
    assert "comprehensive planning guide" in sample.text
    assert "\ufb01" not in sample.text and "first year" in sample.text


def test_sample_report_topic_headings_are_larger_bold_headings(sample) -> None:
    headings = {s.text: s for s in sample.segments if s.kind == "heading"}
    topic = headings["Sustaining Funding Beyond Short-Term Grants"]
    assert topic.marker == "1." and topic.level is not None and topic.level > headings["Hurdles"].level


def test_sample_report_segment_boxes_contain_their_text(sample) -> None:
    """Crop each page to each piece's box: the cropped text holds the piece's text."""
    with pdfplumber.open(SAMPLE) as pdf:
        for seg in sample.body[:80]:
            for piece in seg.pieces:
                page = pdf.pages[piece.page - 1]
                cropped = page.crop(piece.bbox, strict=False).extract_text()
                assert squash(sample.text[piece.char_start : piece.char_end]) in squash(cropped)


def test_sample_report_is_long_enough_and_two_columns(sample) -> None:
    assert sample.metadata.page_count >= 20
    assert sum(1 for s in sample.segments if s.kind == "header") >= 19


@pytest.mark.parametrize(
    ("fontname", "style"),
    [
        ("GGUFXA+CMSSBX10", (True, False)),  # TeX sans bold extended, with its subset prefix
        ("SNNJLA+CMBX10", (True, False)),  # TeX bold extended
        ("ECBX1200", (True, False)),  # the EC fonts' bold
        ("ZWFUGX+CMR10", (False, False)),  # TeX roman
        ("NJSVVN+CMTI10", (False, True)),  # TeX text italic
        ("CMSL10", (False, True)),  # TeX slanted
        ("CMSY10", (False, False)),  # TeX symbols: neither
        ("NimbusRomNo9L-Medi", (True, False)),  # Times as LaTeX embeds it, bold
        ("NimbusRomNo9L-ReguItal", (False, True)),  # and italic
        ("Arial-BoldMT", (True, False)),  # Word's bold
        ("Helvetica-Oblique", (False, True)),  # a PostScript oblique
        ("TimesNewRomanPSMT", (False, False)),  # Word's roman
    ],
)
def test_font_weight_and_shape_come_from_the_font_name(fontname: str, style: tuple[bool, bool]) -> None:
    assert font_style(fontname) == style


def _words(rows: list[tuple[float, float, str]], top: float = 100.0) -> list[Word]:
    """Words as (x0, x1, text), one line every 14 pt."""
    return [Word(text, 1, x0, x1, top + 14 * i, top + 14 * i + 10, 10.0) for i, (x0, x1, text) in enumerate(rows)]


def test_a_column_of_page_numbers_is_not_a_column_of_text() -> None:
    # a contents list in the left column, its dot leaders running close to the page numbers right-aligned at
    # x≈290, and body text in the right column from x=320: the strip between leaders and numbers is no gutter
    left = [(72.0, 272.0, "Sustaining Innovation Amid Budget Cliffs . . .")] * 30
    numbers = [(286.0, 292.0, "3")] * 30
    right = [(320.0, 540.0, "when a team picks one hurdle and one accelerator")] * 30
    words = _words(left) + _words(numbers) + _words(right)
    assert find_gutters(words, 612.0, PdfSettings()) == pytest.approx([306.0], abs=8)


def test_bold_headings_larger_than_the_body_rank_above_body_size_bold_headings(tmp_path: Path) -> None:
    body = "Many districts financed their most ambitious projects with temporary money that runs out."
    lines = [(72.0, 72.0, "5 Hurdles", "Vera-Bold", 12.0)]  # LaTeX's \section: bold, a little larger
    lines += [(72.0, 96.0 + 13 * i, body, "Vera", 10.9) for i in range(4)]
    lines += [(72.0, 160.0, "5.1 Sustaining Innovation", "Vera-Bold", 10.9)]  # \subsection: bold, body size
    lines += [(72.0, 184.0 + 13 * i, body, "Vera", 10.9) for i in range(4)]
    doc = parse_pdf(pdfs.spaced_lines(tmp_path / "levels.pdf", lines).read_bytes())
    levels = {s.text: s.level for s in doc.segments if s.kind == "heading"}
    assert levels["5 Hurdles"] < levels["5.1 Sustaining Innovation"]


def test_one_title_case_item_per_line_is_one_block_each_and_wrapped_prose_stays_whole(tmp_path: Path) -> None:
    prose = [
        "Districts that weathered recent controversies best had partners outside",
        "the school walls who understood what the district was trying to do and",
        "could explain it to their neighbours in their own words, the board said.",
    ]
    items = ["Competency-Based Pathways", "Family Partnerships Reimagined (new)", "Wellbeing-Centered Schooling"]
    label = [
        "Hurdles: Sustaining Innovation Amid Budget Cliffs; Protecting Student",
        "Attention; Widening AI Skills Gap",
    ]
    lines = [(72.0, 100.0 + 14 * i, text, "Vera", 10.0) for i, text in enumerate(prose)]
    lines += [(72.0, 180.0 + 20 * i, text, "Vera", 16.0) for i, text in enumerate(items)]  # a slide's bullets
    lines += [(72.0, 260.0 + 14 * i, text, "Vera", 10.0) for i, text in enumerate(label)]  # a wrapped label line
    doc = parse_pdf(pdfs.spaced_lines(tmp_path / "items.pdf", lines).read_bytes())
    assert [s.text for s in doc.body] == [
        " ".join(prose),  # wrapped prose: one paragraph
        *items,  # title-case items: a block each
        " ".join(label),  # title-case items after a label, wrapped: one line of the document
    ]


def test_footnote_marks_are_superscripts_not_digits_glued_to_a_word(tmp_path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    head, tail = "3. Procurement Complexity", " returns to the list."
    x = 72.0 + stringWidth(head, "Vera", 10.0)
    lines = [
        (72.0, 100.0, head, "Vera", 10.0),
        (x + 0.2, 100.0, "1", "Vera", 6.0),  # a smaller mark, its top at the words' top: raised
        (x + 4.0, 100.0, tail.strip(), "Vera", 10.0),
        (72.0, 130.0, "2", "Vera", 6.0),  # the footnote itself opens with its raised mark
        (76.0, 130.0, "Advisory board survey, round three.", "Vera", 10.0),
    ]
    doc = parse_pdf(pdfs.spaced_lines(tmp_path / "marks.pdf", lines).read_bytes())
    assert "Procurement Complexity¹ returns to the list." in doc.text
    assert "²Advisory board survey, round three." in doc.text


def test_columns_under_a_full_width_intro_are_read_column_by_column(tmp_path: Path) -> None:
    intro = [
        (
            40,
            60 + 12 * i,
            "Each year the advisory board picks the challenges, trends and tools that matter for schools, "
            "and this page sets the whole list out",
            "Vera",
            9,
        )
        for i in range(8)
    ]
    columns = []
    for col, x in enumerate((40, 225, 410)):
        for row in range(4):
            top = 200 + 40 * row
            columns.append((x, top, f"Heading {col}{row} Title", "Vera", 10))
            columns.append((x, top + 12, f"note {col}{row} that runs on and", "Vera", 9))
            columns.append((x, top + 24, f"ends here {col}{row}.", "Vera", 9))
    doc = parse_pdf(pdfs.spaced_lines(tmp_path / "flyer.pdf", intro + columns).read_bytes())
    # a column's rows stay together, and the first column comes whole before the second
    assert "note 00 that runs on and ends here 00." in doc.text
    assert doc.text.index("ends here 03.") < doc.text.index("Heading 10 Title")
    assert doc.text.index("ends here 13.") < doc.text.index("Heading 20 Title")


def test_a_table_of_short_cells_under_prose_keeps_its_rows(tmp_path: Path) -> None:
    prose = [
        (40, 60 + 12 * i, "Body text that runs the whole width of the page, line after line, " * 2, "Vera", 8)
        for i in range(10)
    ]
    table = [
        (x, 220 + 14 * r, f"Cell {r}{c} of the table", "Vera", 9)
        for r in range(4)
        for c, x in enumerate((40, 225, 410))
    ]
    doc = parse_pdf(pdfs.spaced_lines(tmp_path / "table.pdf", prose + table).read_bytes())
    assert doc.text.index("Cell 01 of the table") < doc.text.index("Cell 10 of the table")  # row by row


def test_a_full_width_line_goes_on_in_the_aligned_line_under_it(tmp_path: Path) -> None:
    lines = [
        (40, 30, "Driving K-12 Innovation running head", "Vera", 7),
        (420, 30, "Consortium for School Networking", "Vera", 7),
        (64, 120, "BRIDGES Cross-cutting themes that connect the Hurdles, Accelerators and Tech", "Vera", 10),
        (64, 132, "Enablers.", "Vera", 10),
        *[(40, 180 + 12 * i, f"Short note {i} in a narrow column", "Vera", 9) for i in range(6)],
    ]
    doc = parse_pdf(pdfs.spaced_lines(tmp_path / "callout.pdf", lines).read_bytes())
    assert "Accelerators and Tech Enablers." in doc.text


def test_a_numbered_items_wrapped_lines_hang_under_its_text(tmp_path: Path) -> None:
    lines = [
        (99, 200, "1.", "Vera", 15),
        (118, 200, "Sustaining Trust in", "Vera", 15),
        (118, 221, "an AI-Saturated", "Vera", 15),
        (118, 242, "World", "Vera", 15),
        (99, 272, "2.", "Vera", 15),
        (118, 272, "The Cost of Digital", "Vera", 15),
        (118, 293, "Sprawl", "Vera", 15),
    ]
    doc = parse_pdf(pdfs.spaced_lines(tmp_path / "slide.pdf", lines).read_bytes())
    assert [s.text for s in doc.segments] == ["Sustaining Trust in an AI-Saturated World", "The Cost of Digital Sprawl"]


def test_a_bullet_with_a_bold_run_in_title_is_one_list_item(tmp_path: Path) -> None:
    lines = [
        (72, 100, "Hurdles", "Helvetica-Bold", 10.5),
        (80, 118, "•", "Helvetica", 11),
        (92, 118, "Recruiting and Keeping Specialized Staff:", "Helvetica-Bold", 11),
        (310, 118, "schools everywhere struggle", "Helvetica", 11),
        (92, 132, "to hire speech therapists and special-education teachers.", "Helvetica", 11),
    ]
    doc = parse_pdf(pdfs.spaced_lines(tmp_path / "letter.pdf", lines).read_bytes())
    item = doc.segments[-1]
    assert item.kind == "list_item" and item.text.startswith("Recruiting and Keeping Specialized Staff:")
    assert item.text.endswith("special-education teachers.")


def _wrapped(inner: BaseException) -> BaseException:
    try:
        try:
            raise inner
        except BaseException as err:
            raise RuntimeError("while reading page 1") from err
    except RuntimeError as outer:
        return outer


@pytest.mark.parametrize(
    ("err", "memory"),
    [
        # the interpreter ran out of memory under the child's cap
        (MemoryError(), True),
        # a C extension's failed allocation under the cap, wrapped by the library that called it
        (_wrapped(SystemError("error return without exception set")), True),
        # a damaged file is a damaged file
        (_wrapped(ValueError("bad xref")), False),
        (SystemError("some other internal error"), False),
    ],
)
def test_a_failed_allocation_is_reported_as_the_memory_limit_not_as_a_damaged_pdf(
    err: BaseException, memory: bool
) -> None:
    from extract.sources.pdf import _out_of_memory

    assert _out_of_memory(err) is memory
