"""A long PDF read in page ranges by several limited children gives the document one reading gives; the
first failing range stops the others and is what the document fails with."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from extract.batch import Job, extract_source
from extract.document import SourceFile
from extract.errors import SourceError
from extract.settings import PdfSettings, RunSettings
from extract.sources.detect import PDF
from extract.sources.isolate import map_limited
from extract.sources.parsers import parse, parse_limited
from extract.sources.pdf import page_ranges, parse_pdf
from tests import pdfs

LIMITS = RunSettings(timeout_s=120, memory_mb=1024)


def _report(path: Path, pages: int) -> Path:
    """Pages with a running head, a folio and body text that differs page by page."""
    lines = [
        (72, 20, "Driving K-12 Innovation · Running Head", "Vera", 8),
        (72, 120, "Hurdles are defined as the obstacles that slow a district down.", "Vera", 10),
        (72, 140, "Body text that belongs to the page and nothing else at all.", "Vera", 10),
        (300, 760, "7", "Vera", 8),
    ]
    return pdfs.spaced_lines(path, lines, pages=pages)


@pytest.mark.parametrize(
    ("count", "chunk", "ranges"),
    [
        (1, 25, [(1, 1)]),  # one page: one range
        (50, 25, [(1, 25), (26, 50)]),  # an exact multiple
        (51, 25, [(1, 25), (26, 50), (51, 51)]),  # a last, short range
        (7, 3, [(1, 3), (4, 6), (7, 7)]),  # small chunks
    ],
)
def test_pages_are_cut_into_ranges_in_page_order(count: int, chunk: int, ranges: list[tuple[int, int]]) -> None:
    assert page_ranges(count, PdfSettings(pages_per_chunk=chunk)) == ranges


@pytest.mark.parametrize(
    ("settings", "isolate"),
    [
        (PdfSettings(parallel_min_pages=2, pages_per_chunk=2, page_workers=2), True),  # 3 ranges, 2 children
        (PdfSettings(parallel_min_pages=2, pages_per_chunk=1, page_workers=3), True),  # one page per child
        (PdfSettings(parallel_min_pages=2, pages_per_chunk=2, page_workers=2), False),  # in-process (debugging)
        (PdfSettings(parallel_min_pages=40), True),  # too short to split: one child reads it all
    ],
    ids=["ranges", "page-per-child", "in-process", "short"],
)
def test_ranges_give_the_document_one_reading_gives(tmp_path: Path, settings: PdfSettings, isolate: bool) -> None:
    data = _report(tmp_path / "report.pdf", pages=5).read_bytes()
    seen: list[tuple[int, int]] = []
    limits = RunSettings(timeout_s=120, memory_mb=1024, isolate=isolate)
    doc = parse_limited(parse, data, PDF, limits, lambda done, total: seen.append((done, total)), settings)
    assert doc == parse_pdf(data)
    # the running head repeats on every page, and is found although no child saw more than two pages
    assert sum(s.kind == "header" for s in doc.segments) == 5 and "Running Head" not in doc.text
    assert seen[-1] == (5, 5) and all(total == 5 for _, total in seen)


def test_a_long_pdf_in_a_batch_is_read_in_ranges_with_the_same_result(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extract.sources import parsers

    ranges: list[int] = []

    def spy(fn, calls, *args, **kw):  # type: ignore[no-untyped-def]
        ranges.append(len(calls))
        return map_limited(fn, calls, *args, **kw)

    monkeypatch.setattr(parsers, "map_limited", spy)
    pages = PdfSettings().parallel_min_pages + 5
    data = _report(tmp_path / "long.pdf", pages=pages).read_bytes()
    result = extract_source(Job(SourceFile("long.pdf", data), settings=LIMITS))
    assert ranges == [len(page_ranges(pages, PdfSettings()))]  # read in ranges, by children
    assert result.document.status == "ok" and result.document.page_count == pages
    assert result.text == parse_pdf(data).text
    assert [d.term for d in result.definitions] == ["Hurdles"]


def sleep_then_mark(folder: str, seconds: float, on_progress: Callable[[int, int], None] | None = None) -> None:
    """A range that takes long: records its pid, sleeps, and leaves a mark if it was not stopped."""
    Path(folder, "pid").write_text(str(os.getpid()))
    time.sleep(seconds)
    Path(folder, "finished").write_text("not stopped")


def fail_when_started(folder: str, _: float, on_progress: Callable[[int, int], None] | None = None) -> None:
    """A range that fails, once the long one is running."""
    while not Path(folder, "pid").exists():
        time.sleep(0.05)
    raise SourceError("page 30: corrupt PDF: the file structure cannot be parsed")


def dispatch(kind: str, folder: str, seconds: float, on_progress: Callable[[int, int], None] | None = None) -> None:
    {"sleep": sleep_then_mark, "fail": fail_when_started}[kind](folder, seconds, on_progress)


def test_the_first_failing_range_stops_the_others_and_is_raised(tmp_path: Path) -> None:
    calls = [("sleep", str(tmp_path), 30.0), ("fail", str(tmp_path), 0.0), ("sleep", str(tmp_path / "x"), 0.0)]
    with pytest.raises(SourceError, match="page 30: corrupt PDF") as caught:
        map_limited(dispatch, calls, LIMITS, workers=2)
    assert "stopped" not in str(caught.value)
    pid = int((tmp_path / "pid").read_text())
    with pytest.raises(ProcessLookupError):  # the long range's child was killed and reaped
        os.kill(pid, 0)
    assert not (tmp_path / "finished").exists()
    assert not (tmp_path / "x").exists()  # the range after the failure never started
