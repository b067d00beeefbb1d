"""Reading the dataset: `extract.dataset.load` gives typed records with filters; `extract export` writes
CSV or Parquet that read back to the same records."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from extract.dataset import DatasetError, load
from extract.dataset.export import export, parse_csv, tables
from extract.dataset.models import Definition, Quote, Topic
from flows.cli import EXIT_USAGE, main

REPORT = "reports/driving-k12-innovation-2027-sample.pdf"


def test_load_gives_the_records_as_the_contracts_models(curated_samples: Path) -> None:
    ds = load(curated_samples)
    assert all(isinstance(t, Topic) for t in ds.topics) and all(isinstance(q, Quote) for q in ds.quotes)
    assert len(ds.documents) == 5 and ds.version == "1.0.0" and ds.releases[-1].level == "initial"
    agency = ds.topic("learner agency")
    assert [e.edition for e in agency.editions] == [2024, 2026, 2027]
    p = ds.topics[0].provenance[0]
    assert ds.text(p.doc_id)[p.char_start : p.char_end] == p.text
    assert ds.document(REPORT).media_type == "application/pdf"


@pytest.mark.parametrize(
    ("where", "check"),
    [
        # one edition: every record, document and catalog edition is of it
        ({"edition": 2027}, lambda ds: {r.edition for r in (*ds.topics, *ds.quotes, *ds.documents)} == {2027}),
        # one category: topics, catalog editions and changes of it only; quotes have no category and stay
        (
            {"category": "hurdle"},
            lambda ds: (
                {t.category for t in ds.topics} == {"hurdle"}
                and {e.category for i in ds.catalog.items for e in i.editions} == {"hurdle"}
                and {c.category for c in ds.catalog.changes} == {"hurdle"}
                and len(ds.quotes) == 11
            ),
        ),
        # one document: its records, and the speakers it quotes
        (
            {"document": REPORT},
            lambda ds: (
                len(ds.documents) == 1
                and {r.doc_id for r in (*ds.topics, *ds.definitions, *ds.quotes)} == {ds.documents[0].doc_id}
                and {s.name for s in ds.speakers} == {"Marisol Ortega", "Priya Raman", "Thomas Achebe"}
            ),
        ),
        # all three at once
        ({"edition": 2027, "category": "accelerator", "document": REPORT}, lambda ds: len(ds.topics) >= 3),
    ],
)
def test_where_narrows_records_catalog_and_speakers_alike(curated_samples: Path, where: dict, check) -> None:
    narrowed = load(curated_samples).where(**where)
    assert check(narrowed)
    ids = {t.id for t in narrowed.topics}
    assert {i for item in narrowed.catalog.items for e in item.editions for i in e.record_ids} <= ids


def test_load_reads_a_later_minor_version_and_keeps_its_new_fields(curated_samples: Path, tmp_path: Path) -> None:
    later = tmp_path / "curated"
    shutil.copytree(curated_samples, later, ignore=shutil.ignore_patterns("review"))
    topics = json.loads((later / "topics.json").read_text(encoding="utf-8"))
    topics["schema_version"] = "1.3"
    topics["items"][0]["sentiment"] = "upbeat"  # a field contract 1.3 might add
    (later / "topics.json").write_text(json.dumps(topics), encoding="utf-8")
    (later / "catalog.json").unlink()  # as a dataset written before 1.2 has none
    ds = load(later)
    assert ds.topics[0].model_extra == {"sentiment": "upbeat"} and ds.catalog is None


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        # no folder at all
        (lambda c: shutil.rmtree(c), "does not exist"),
        # a folder, but no dataset in it
        (lambda c: (c / "documents.json").unlink(), "holds no curated dataset"),
        # a file cut short
        (lambda c: (c / "quotes.json").write_text('{"items": [', encoding="utf-8"), "quotes.json is not a file of"),
        # another major contract
        (
            lambda c: (c / "topics.json").write_text('{"schema_version": "2.0", "items": []}', encoding="utf-8"),
            "first at schema_version",
        ),
    ],
)
def test_load_says_what_is_wrong_with_a_folder(
    curated_samples: Path, tmp_path: Path, damage, message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    curated = tmp_path / "curated"
    shutil.copytree(curated_samples, curated, ignore=shutil.ignore_patterns("review"))
    damage(curated)
    with pytest.raises(DatasetError, match=message):
        load(curated)
    assert main(["export", "--curated", str(curated), str(tmp_path / "out")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1 and "Traceback" not in err


# --- export -----------------------------------------------------------------------------------------------------


def _record_from_row(model, row: dict, fields: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return model.model_validate({f: row[f] for f in fields} | {"provenance": json.loads(row["provenance"])})


def test_csv_export_round_trips_to_the_same_records(curated_samples: Path, tmp_path: Path) -> None:
    ds = load(curated_samples)
    assert main(["export", "--curated", str(curated_samples), "--to", "csv", str(tmp_path)]) == 0
    for table in tables(ds):
        assert parse_csv(table.columns, (tmp_path / f"{table.name}.csv").read_text(encoding="utf-8")) == table.rows
    rows = {t.name: parse_csv(t.columns, (tmp_path / f"{t.name}.csv").read_text(encoding="utf-8")) for t in tables(ds)}
    topic_fields = ("id", "doc_id", "edition", "category", "topic_key", "title", "rank", "status", "description",
                    "confidence", "rule")  # fmt: skip
    assert tuple(_record_from_row(Topic, r, topic_fields) for r in rows["topics"]) == ds.topics
    definition_fields = ("id", "doc_id", "edition", "term", "definition", "confidence", "rule")
    assert tuple(_record_from_row(Definition, r, definition_fields) for r in rows["definitions"]) == ds.definitions
    assert [r["topic_key"] for r in rows["catalog"]] == [i.topic_key for i in ds.catalog.items for _ in i.editions]


def test_parquet_export_round_trips_with_its_column_types(curated_samples: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet", reason="Parquet export needs pyarrow (the parquet or dev extra)")
    ds = load(curated_samples)
    written = export(ds, "parquet", tmp_path)
    assert [p.name for p in written] == [f"{t.name}.parquet" for t in tables(ds)]
    for table in tables(ds):
        read = pq.read_table(tmp_path / f"{table.name}.parquet")
        assert read.column_names == [c.name for c in table.columns]
        assert read.to_pylist() == table.rows
    assert str(pq.read_table(tmp_path / "topics.parquet").schema.field("rank").type) == "int64"


def test_parquet_without_pyarrow_is_one_clear_line(
    curated_samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if it were not installed
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    assert main(["export", "--curated", str(curated_samples), "--to", "parquet", str(tmp_path / "out")]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err == "error: Parquet export needs pyarrow: pip install -e '.[parquet]' (or export --to csv)\n"
    assert not (tmp_path / "out").exists()


def test_export_into_a_file_is_refused(curated_samples: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "a-file"
    target.write_text("keep me", encoding="utf-8")
    assert main(["export", "--curated", str(curated_samples), str(target)]) == EXIT_USAGE
    assert "is a file, not a folder" in capsys.readouterr().err and target.read_text(encoding="utf-8") == "keep me"
