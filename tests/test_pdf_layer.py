"""The PDF text layer on PDFs that encode text the way different producers do."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from extract.sources.pdf import parse_pdf
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
