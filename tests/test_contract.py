"""Readers are tolerant, the writer is strict: the published schemas allow fields a reader does not know, and
the writer refuses to write one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from extract.dataset.models import WRITER, Collection, Document, ProfileRef, RunInfo, Topic
from extract.dataset.results import DocumentResult
from extract.dataset.store import BreaksContract, schema_files, write_dataset
from tests.records import document, topic

PROFILE = ProfileRef(name="test", version="1", sha256="0" * 64)
NOON = dt.datetime(2027, 1, 1, 12, tzinfo=dt.UTC)
RUN = RunInfo(started_at=NOON, finished_at=NOON, flow_run_id=None, duration_s=0.0)


def _result(doc: Document, topics: list[Topic]) -> DocumentResult:
    return DocumentResult(doc, text="Learner Agency", topics=topics)


def _topic_data() -> dict:
    return topic(document("a.txt", 2026), "Learner Agency").model_dump(mode="json")


def test_no_published_schema_forbids_unknown_fields() -> None:
    for name, text in schema_files().items():
        assert '"additionalProperties": false' not in text, name


@pytest.mark.parametrize(
    ("extra", "where"),
    [
        ({"sentiment": "upbeat"}, "the record"),  # a field a later contract might add to topics
        ({"provenance": [{"line": 3}]}, "a provenance entry"),  # ... or nested, inside provenance
    ],
)
def test_a_reader_keeps_an_unknown_field_and_the_writer_rejects_it(extra: dict, where: str) -> None:
    data = _topic_data()
    if "provenance" in extra:
        data["provenance"] = [data["provenance"][0] | extra["provenance"][0]]
    else:
        data |= extra
    read = Topic.model_validate(data)
    assert read.model_dump(mode="json") == data, where  # kept, and written back as read
    with pytest.raises(ValidationError, match="unknown field"):
        Topic.model_validate(data, context=WRITER)


def test_a_reader_of_this_contract_reads_a_later_minor_version() -> None:
    later = {"schema_version": "1.7", "items": [_topic_data() | {"added_in_1_7": True}]}
    assert Collection[Topic].model_validate(later).items[0].title == "Learner Agency"
    with pytest.raises(ValidationError):
        Collection[Topic].model_validate({**later, "schema_version": "2.0"})  # a major version is another contract
    with pytest.raises(ValidationError, match="this writer writes contract"):
        Collection[Topic].model_validate({**later, "items": []}, context=WRITER)


def test_records_written_before_topic_keys_get_the_key_of_their_title() -> None:
    data = _topic_data()
    del data["topic_key"]
    assert Topic.model_validate(data).topic_key == "learner agency"


def test_the_store_writes_nothing_when_a_record_has_an_unknown_field(tmp_path: Path) -> None:
    doc = document("a.txt", 2026)
    sneaky = Topic.model_validate(_topic_data() | {"sentiment": "upbeat"})
    curated = tmp_path / "curated"
    with pytest.raises(BreaksContract, match=r"topics.json would break contract 1.3 .*sentiment.*nothing was written"):
        write_dataset(curated, [_result(doc, [sneaky])], PROFILE, RUN)
    assert not curated.exists() or not any(curated.iterdir())
    # the same record without it is written
    write_dataset(curated, [_result(doc, [Topic.model_validate(_topic_data())])], PROFILE, RUN)
    written = json.loads((curated / "topics.json").read_text(encoding="utf-8"))["items"]
    assert [t["title"] for t in written] == ["Learner Agency"]
