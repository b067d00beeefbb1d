"""The PDF layer on real producers' output: Chromium (Skia) and LibreOffice Writer, two columns each.

`make test` installs both (Debian packages chromium, libreoffice-writer-nogui) when they are missing.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pdfplumber
import pytest

from extract.settings import PdfSettings
from extract.sources.pdf import parse_pdf
from tests import producers
from tests.conftest import extract_one

BUILDERS = {"chromium": producers.chromium_pdf, "libreoffice": producers.libreoffice_pdf}


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def produced(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    folder = tmp_path_factory.mktemp(request.param)
    return request.param, BUILDERS[request.param](folder)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_producer_is_the_real_one(produced: tuple[str, Path]) -> None:
    name, pdf = produced
    with pdfplumber.open(pdf) as doc:
        producer = doc.metadata.get("Producer", "")
    assert ("Skia" in producer) if name == "chromium" else ("LibreOffice" in producer)


def test_paragraphs_come_back_word_for_word_in_reading_order(produced: tuple[str, Path]) -> None:
    _, pdf = produced
    parsed = parse_pdf(pdf.read_bytes(), PdfSettings(), None)
    paragraphs = [s.text for s in parsed.body if s.kind == "paragraph"]
    assert paragraphs == producers.PARAGRAPHS  # spaces, ligatures (office, efficient, flawless) and order
    headings = [(s.text, s.level) for s in parsed.body if s.kind == "heading"]
    assert [t for t, _ in headings] == [producers.TITLE, *[name for name, _ in producers.SECTIONS]]
    assert headings[0][1] < headings[1][1]  # the title outranks the section headings


def test_the_layout_really_has_two_columns(produced: tuple[str, Path]) -> None:
    _, pdf = produced
    parsed = parse_pdf(pdf.read_bytes(), PdfSettings(), None)
    with pdfplumber.open(pdf) as doc:
        width = doc.pages[0].width
    lefts = {s.bbox[0] < width / 2 for s in parsed.body if s.kind == "paragraph" and s.bbox}
    assert lefts == {True, False}


def test_records_from_a_real_producer_have_boxes_that_contain_them(produced: tuple[str, Path], profile, nlp) -> None:
    _, pdf = produced
    result = extract_one("report.pdf", pdf.read_bytes())
    assert {d.term for d in result.definitions} >= {"Hurdles", "Accelerators"}
    assert [q.speaker.name for q in result.quotes if q.speaker] == ["Keith R. Krueger"]
    with pdfplumber.open(pdf) as doc:
        for record in [*result.definitions, *result.quotes]:
            for pv in record.provenance:
                cropped = doc.pages[pv.page - 1].crop(pv.bbox, strict=False).extract_text()
                assert _squash(pv.text) in _squash(cropped), pv.text


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def table(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return producers.table_pdf(tmp_path_factory.mktemp(f"table-{request.param}"), request.param)


def test_a_ruled_table_is_read_row_by_row_between_its_paragraphs(table: Path) -> None:
    parsed = parse_pdf(table.read_bytes())
    body = [s for s in parsed.body if s.kind in ("paragraph", "table_row")]
    rows = [s for s in body if s.kind == "table_row"]
    # the header row first, then one row per topic, each cell its own column's text
    assert [r.level for r in rows] == [0, 1, 1, 1, 1]
    assert [[r.text[a:b] for _, a, b in r.cells] for r in rows[1:]] == [
        [c for c in row if c] for row in producers.TABLE_ROWS
    ]
    # the table sits where the page has it: after the paragraph above it, before the one below
    texts = [s.text for s in body]
    assert texts.index(producers.TABLE_BEFORE) < texts.index(rows[0].text) < texts.index(producers.TABLE_AFTER)


def test_topics_of_a_ruled_table_have_boxes_that_contain_them(table: Path) -> None:
    result = extract_one("report.pdf", table.read_bytes())
    expected = [({"Hurdle": "hurdle", "Accelerator": "accelerator"}[c or prev], t) for c, prev, t in _categories()]
    assert [(t.category, t.title) for t in result.topics] == expected
    with pdfplumber.open(table) as doc:
        for topic in result.topics:
            for pv in topic.provenance:
                cropped = doc.pages[pv.page - 1].crop(pv.bbox, strict=False).extract_text()
                assert _squash(pv.text) in _squash(cropped), pv.text


def _categories() -> list[tuple[str, str, str]]:
    """(own category cell, the category above it, title) of each table row."""
    out, above = [], ""
    for category, _, title, _ in producers.TABLE_ROWS:
        above = category or above
        out.append((category, above, title))
    return out
