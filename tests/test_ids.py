"""Record ids depend on what a record is and where it stands (source path, kind, normalized content), never
on the document's bytes or offsets: a re-issued document keeps the ids of the records it did not change,
and its release says so."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extract.batch import run_batch
from tests.conftest import RAW, extract_one

SEED = "articles/000_20cdb0e28de2e296.txt"
PAGE = "articles/edtech-daily-2027-report.html"


def _ids(curated: Path) -> dict[str, dict[str, dict]]:
    return {
        kind: {r["id"]: r for r in json.loads((curated / f"{kind}.json").read_text(encoding="utf-8"))["items"]}
        for kind in ("topics", "definitions", "quotes")
    }


def _latest(curated: Path) -> dict:
    return json.loads((curated / "releases.json").read_text(encoding="utf-8"))["items"][-1]


def _raw(tmp_path: Path, *paths: str) -> Path:
    raw = tmp_path / "raw"
    for path in paths:
        (raw / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(RAW / path, raw / path)
    return raw


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    ("path", "old", "new"),
    [
        # a seed article: one word of its opening sentence, before every record, so every offset moves
        (SEED, "leaders juggle competing priorities", "leaders balance competing priorities"),
        # the sample web page: one word of its first paragraph
        (PAGE, "An international advisory board", "An global advisory board"),
    ],
)
def test_a_one_word_reissue_keeps_every_id_and_the_release_says_records_unchanged(
    path: str, old: str, new: str, tmp_path: Path
) -> None:
    raw, curated = _raw(tmp_path, path), tmp_path / "curated"
    run_batch(raw, curated)
    before = _ids(curated)
    _edit(raw / path, old, new)
    run_batch(raw, curated)
    after = _ids(curated)
    assert {k: set(v) for k, v in after.items()} == {k: set(v) for k, v in before.items()}
    moved = [i for k in after for i in after[k] if after[k][i]["provenance"] != before[k][i]["provenance"]]
    assert moved  # the same records, at new offsets in a document with a new hash
    release = _latest(curated)
    assert release["level"] == "patch" and release["documents_changed"] == [path]
    assert all(c["added"] == c["removed"] == c["changed"] == 0 for c in release["records"].values())
    assert release["summary"].startswith("changed 1 document, records unchanged (")
    changelog = (curated / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "- Changed 1 document, records unchanged (" in changelog


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a word inside a topic's description: the topic keeps its id and is reported changed
        (
            "Districts are competing with private-sector salaries",
            "Districts are competing with corporate salaries",
            {"topics": (0, 0, 1)},
        ),
        # a word inside a quote: a quote is its words, so it is another quote (one removed, one added)
        ("This report invites you", "This report urges you", {"quotes": (1, 1, 0)}),
    ],
)
def test_a_word_edited_inside_a_record_changes_that_record_only(
    old: str, new: str, expected: dict[str, tuple[int, int, int]], tmp_path: Path
) -> None:
    path = SEED if "Districts" in old else "articles/001_19d88b3174a73211.txt"
    raw, curated = _raw(tmp_path, path), tmp_path / "curated"
    run_batch(raw, curated)
    _edit(raw / path, old, new)
    run_batch(raw, curated)
    counts = {k: (c["added"], c["removed"], c["changed"]) for k, c in _latest(curated)["records"].items()}
    assert counts == {k: expected.get(k, (0, 0, 0)) for k in counts}


def test_ids_follow_the_source_path_kind_and_content_not_the_bytes(nlp, profile) -> None:
    text = "“We start with people, always,” said Jane Q. Doe, director of Example Schools.\n"
    (first,) = extract_one("a.txt", text.encode()).quotes
    (padded,) = extract_one("a.txt", ("An opening line.\n\n" + text).encode()).quotes
    (elsewhere,) = extract_one("b.txt", text.encode()).quotes
    assert first.id == padded.id  # new bytes and offsets, same record
    assert first.id != elsewhere.id  # the same words in another document are another record
    assert first.doc_id != padded.doc_id


def test_the_same_content_twice_in_a_document_gets_one_id_per_occurrence(profile) -> None:
    from extract.document import SourceFile
    from extract.pipeline import _Recorder
    from extract.rules.base import QuoteHit

    def hit(start: int, text: str = "We start with people, always") -> QuoteHit:
        return QuoteHit(text, [(start, start + len(text))], None, "quote.verb.after", 0.9)

    recorder = _Recorder(SourceFile("a.txt", b""), None, None, profile)  # type: ignore[arg-type]
    first, again, other = recorder.record_id(hit(0)), recorder.record_id(hit(90)), recorder.record_id(hit(9, "Else"))
    assert len({first, again, other}) == 3
    fresh = _Recorder(SourceFile("a.txt", b"new bytes"), None, None, profile)  # type: ignore[arg-type]
    assert [fresh.record_id(hit(5)), fresh.record_id(hit(50))] == [first, again]  # the n-th occurrence keeps its id
