"""End to end: the curated contract, its invariants, determinism and bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pdfplumber

from extract.batch import run_batch
from extract.dataset.models import CURATED_FILES
from extract.dataset.store import RUN_METADATA, schema_files
from extract.evaluate import evaluate
from tests import pdfs
from tests.conftest import RAW, ROOT, SHARED, extract_one, needs_shared

RECORD_FILES = ("topics.json", "definitions.json", "quotes.json")


def items(curated: Path, name: str) -> list[dict]:
    return json.loads((curated / name).read_text(encoding="utf-8"))["items"]


def test_every_curated_file_validates_against_its_model(curated_samples: Path) -> None:
    for name, model in CURATED_FILES.items():
        model.model_validate_json((curated_samples / f"{name}.json").read_text(encoding="utf-8"))


def test_provenance_text_is_exactly_the_curated_text_slice(curated_samples: Path) -> None:
    records = [r for f in RECORD_FILES for r in items(curated_samples, f)]
    assert len(records) > 30
    for rec in records:
        for pv in rec["provenance"]:
            text = (curated_samples / "texts" / f"{pv['doc_id']}.txt").read_text(encoding="utf-8")
            assert text[pv["char_start"] : pv["char_end"]] == pv["text"]


def _squash(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]+", "", unicodedata.normalize("NFKC", text))


def test_pdf_records_carry_a_page_and_box_that_contain_their_text(curated_samples: Path) -> None:
    pdf_records = [
        pv
        for f in RECORD_FILES
        for r in items(curated_samples, f)
        for pv in r["provenance"]
        if pv["source_path"].endswith(".pdf")
    ]
    assert len(pdf_records) >= 15
    with pdfplumber.open(RAW / pdf_records[0]["source_path"]) as pdf:
        for pv in pdf_records:
            cropped = pdf.pages[pv["page"] - 1].crop(pv["bbox"], strict=False).extract_text()
            assert _squash(pv["text"]) in _squash(cropped), pv["text"]


def test_two_runs_give_byte_identical_files_except_run_metadata(curated_samples: Path, tmp_path: Path) -> None:
    second = tmp_path / "again"
    run_batch(RAW, second)
    first_files = sorted(p.relative_to(curated_samples) for p in curated_samples.rglob("*") if p.is_file())
    assert first_files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert {f.name for f in first_files} >= RUN_METADATA - {".extract.lock"}
    for rel in first_files:
        if rel.name not in RUN_METADATA:
            assert (curated_samples / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_bad_documents_fail_with_reasons_while_the_rest_are_curated(raw_copy: Path, tmp_path: Path) -> None:
    bad = raw_copy / "bad"
    bad.mkdir()
    (bad / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntruncated garbage")
    pdfs.encrypted(bad / "locked.pdf")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "latin1.txt").write_bytes("Hurdles are “obstacles” for schools.".encode("cp1252"))
    pdfs.image_only(bad / "scanned.pdf")
    curated = tmp_path / "curated"
    manifest = run_batch(raw_copy, curated).manifest
    docs = {d["source_path"]: d for d in items(curated, "documents.json")}
    reasons = {
        "bad/corrupt.pdf": "corrupt PDF",
        "bad/locked.pdf": "encrypted PDF",
        "bad/empty.txt": "empty file",
        "bad/latin1.txt": "not valid UTF-8",
        "bad/scanned.pdf": "no text layer",
    }
    for path, reason in reasons.items():
        assert docs[path]["status"] == "failed" and reason in docs[path]["error"], docs[path]
    ok = [d for d in docs.values() if d["status"] == "ok"]
    assert len(ok) == manifest.counts["documents_ok"] == len(docs) - len(reasons)
    assert {r["doc_id"] for r in items(curated, "topics.json")} <= {d["doc_id"] for d in ok}


def test_duplicate_files_are_curated_once(raw_copy: Path, tmp_path: Path) -> None:
    src = raw_copy / "articles" / "000_20cdb0e28de2e296.txt"
    (raw_copy / "copy-of-000.txt").write_bytes(src.read_bytes())
    manifest = run_batch(raw_copy, tmp_path / "curated").manifest
    dup = [i for i in manifest.inputs if i.source_path == "copy-of-000.txt"]
    assert dup and dup[0].status == "duplicate" and dup[0].duplicate_of == "articles/000_20cdb0e28de2e296.txt"


def test_a_removed_source_leaves_no_stale_text(raw_copy: Path, tmp_path: Path) -> None:
    curated = tmp_path / "curated"
    run_batch(raw_copy, curated)
    (raw_copy / "articles" / "001_19d88b3174a73211.txt").unlink()
    run_batch(raw_copy, curated)
    doc_ids = {d["doc_id"] for d in items(curated, "documents.json")}
    assert {p.stem for p in (curated / "texts").glob("*.txt")} == doc_ids


def test_committed_schema_matches_the_models() -> None:
    for name, text in schema_files().items():
        assert (ROOT / "curated" / "schema" / name).read_text(encoding="utf-8") == text, (
            f"{name} drifted from the models: run `extract schema`"
        )


@needs_shared
def test_evaluate_agrees_with_the_reference_scorer(curated_samples: Path) -> None:
    ref = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score.py"),
            str(curated_samples),
            str(SHARED / "gold"),
            "--raw",
            str(RAW),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(ref.stdout)
    mine = evaluate(curated_samples, SHARED / "gold", RAW)
    assert mine["summary"] == expected["summary"]
    assert mine["documents"] == expected["documents"]


def test_a_bare_surname_resolves_to_a_full_name_reported_in_running_text(nlp, profile) -> None:
    text = (
        "Keith Krueger, CEO of CoSN, said the board met twice this year.\n\n"
        "“Budgets will stay tight for years to come,” Krueger said.\n"
    )
    (quote,) = extract_one("a.txt", text.encode()).quotes
    assert (quote.speaker.name, quote.speaker.role, quote.speaker.resolved_by) == (
        "Keith Krueger",
        "CEO of CoSN",
        "document",
    )


def test_bare_surnames_resolve_within_the_document_then_across_the_corpus(nlp, profile, tmp_path: Path) -> None:
    from extract.document import SourceFile
    from extract.rules.speakers import resolve_across_corpus

    one = SourceFile(
        "one.txt",
        "“We start with people, always,” said Jane Q. Doe, director of Example Schools.\n\n"
        "“Tools come second and that is fine,” Doe said.\n".encode(),
    )
    two = SourceFile("two.txt", "“Budgets will stay tight for years to come,” Doe said.\n".encode())
    results = [extract_one(s.path, s.data) for s in (one, two)]
    in_doc = results[0].quotes[1].speaker
    assert (in_doc.name, in_doc.mention, in_doc.resolved_by) == ("Jane Q. Doe", "Doe", "document")
    assert results[1].quotes[0].speaker.resolved_by == "mention"
    resolve_across_corpus(results)
    across = results[1].quotes[0].speaker
    assert (across.name, across.role, across.resolved_by) == ("Jane Q. Doe", "director of Example Schools", "corpus")


def test_a_copy_added_later_does_not_take_over_from_the_curated_file(raw_copy: Path, tmp_path: Path) -> None:
    curated = tmp_path / "curated"
    first = run_batch(raw_copy, curated).manifest
    src = raw_copy / "articles" / "000_20cdb0e28de2e296.txt"
    (raw_copy / "000-copy.txt").write_bytes(src.read_bytes())  # sorts before articles/: it would win by name
    second = run_batch(raw_copy, curated)
    dup = [i for i in second.manifest.inputs if i.source_path == "000-copy.txt"]
    assert dup and dup[0].status == "duplicate" and dup[0].duplicate_of == "articles/000_20cdb0e28de2e296.txt"
    assert second.release is None  # nothing changed: the curated file kept its place and its records
    assert {i.doc_id for i in first.inputs} <= {i.doc_id for i in second.manifest.inputs}
