"""Writing curated/: atomic files, deterministic order, JSON Schema from the models, manifest last.

A run never destroys what it cannot replace: a batch with no documents does not overwrite a dataset that
has some, and a document that was curated before but fails now keeps its previous extraction.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extract import __version__
from extract.dataset.catalog import assign_topic_keys, build_catalog
from extract.dataset.lock import LOCK_NAME
from extract.dataset.models import (
    CURATED_FILES,
    SCHEMA_VERSION,
    WRITER,
    Collection,
    Definition,
    Document,
    Manifest,
    ManifestInput,
    ProfileRef,
    Quote,
    Rejected,
    Release,
    RunInfo,
    SpeakerEntry,
    Topic,
)
from extract.dataset.release import RECORD_TYPES, Snapshot, current_version, plan_release, render_changelog
from extract.dataset.results import DocumentResult
from extract.dataset.speakers import build_speakers

log = logging.getLogger(__name__)
GENERATOR = "k12-extract"
# Files that say when and how a run happened; everything else in curated/ depends only on the inputs.
RUN_METADATA = frozenset({"manifest.json", "releases.json", "CHANGELOG.md", LOCK_NAME})
RECORD_MODELS: dict[str, type[Topic | Definition | Quote]] = {
    "topics": Topic,
    "definitions": Definition,
    "quotes": Quote,
}


class WouldEmptyDataset(RuntimeError):
    """The batch has no documents while the curated folder has some: writing would wipe a good dataset."""


class BreaksContract(RuntimeError):
    """What the writer was given is not the contract (an unknown field, an invalid value): nothing is written."""


def check_contract(files: dict[str, Any]) -> None:
    """The writer is strict where readers are tolerant: every file is validated as it will be written, with
    the writer's context, so an unknown field is an error here although readers accept one."""
    for name, payload in files.items():
        try:
            CURATED_FILES[name.removesuffix(".json")].model_validate(payload, context=WRITER)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(map(str, first["loc"]))
            raise BreaksContract(
                f"{name} would break contract {SCHEMA_VERSION} ({err.error_count()} errors; first at {where}: "
                f"{first['msg']}); nothing was written"
            ) from None


def atomic_write(path: Path, data: str) -> None:
    """Write via a temporary file in the same folder and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump(model: BaseModel) -> str:
    return dump_data(model.model_dump(mode="json"))


def dump_data(data: object) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """JSON Schema text for every curated file, generated from the pydantic models."""
    return {
        f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
        for name, model in CURATED_FILES.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    written = []
    for name, text in schema_files().items():
        atomic_write(folder / name, text)
        written.append(folder / name)
    return written


def _items(path: Path) -> tuple[str | None, list[dict[str, Any]]]:
    """A curated collection file's contract version and items; (None, []) when absent or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None, []
    if not isinstance(data, dict):
        return None, []
    items = data.get("items")
    return data.get("schema_version"), [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def read_snapshot(curated: Path) -> Snapshot:
    """The curated folder as it stands, each file read once; an unreadable file reads as empty."""
    contract, documents = _items(curated / "documents.json")
    records = {k: {r["id"]: r for r in _items(curated / f"{k}.json")[1] if "id" in r} for k in RECORD_TYPES}
    try:
        history = tuple(Collection[Release].model_validate_json((curated / "releases.json").read_bytes()).items)
    except (OSError, ValidationError):
        history = ()
    return Snapshot(contract, {d["source_path"]: d for d in documents if "source_path" in d}, records, history)


def _keep_previous(result: DocumentResult, previous: Snapshot, curated: Path) -> DocumentResult:
    """A document that fails now but was curated before keeps its previous extraction (with its text)."""
    old = previous.documents.get(result.document.source_path)
    if not result.failed or old is None or old.get("status") != "ok":
        return result
    try:
        document = Document.model_validate(old)
        text = (curated / "texts" / f"{document.doc_id}.txt").read_text(encoding="utf-8")
        kept: dict[str, list[Any]] = {
            kind: [
                RECORD_MODELS[kind].model_validate(r)
                for r in previous.of_type(kind).values()
                if r["doc_id"] == old["doc_id"]
            ]
            for kind in RECORD_TYPES
        }
    except (OSError, ValidationError, KeyError) as err:
        log.warning("cannot keep the previous extraction of %s: %s", document_path(result), err)
        return result
    log.warning("%s failed (%s); its previous extraction is kept", document_path(result), result.document.error)
    return DocumentResult(document, text, kept["topics"], kept["definitions"], kept["quotes"], [], result.seconds)


def document_path(result: DocumentResult) -> str:
    return result.document.source_path


def _sorted_records(results: Sequence[DocumentResult], kind: str) -> list[Any]:
    """Records in reading order: by source path, then where they start in the text, then id."""
    paths = {r.document.doc_id: r.document.source_path for r in results}
    records = [rec for r in results for rec in getattr(r, kind)]
    return sorted(records, key=lambda rec: (paths.get(rec.doc_id, ""), rec.provenance[0].char_start, rec.id))


def write_dataset(
    curated: Path,
    results: Iterable[DocumentResult],
    profile: ProfileRef,
    run: RunInfo,
    skipped: Sequence[ManifestInput] = (),
) -> tuple[Manifest, Release | None]:
    """Write every curated file for this batch; the manifest goes last, as the mark of a complete write.

    Returns the manifest and the release this write made (None when nothing changed)."""
    previous = read_snapshot(curated)
    fresh = sorted(results, key=document_path)
    if not fresh and previous.documents:
        raise WouldEmptyDataset(
            f"no documents to curate, and {curated} holds a dataset of {len(previous.documents)} documents; "
            "nothing was written. Check the raw folder (is it the right path, and readable?); to empty the "
            "dataset on purpose, delete the curated folder first"
        )
    ordered = [_keep_previous(r, previous, curated) for r in fresh]
    documents = [r.document for r in ordered]
    paths = {d.doc_id: d.source_path for d in documents}
    topics = assign_topic_keys(_sorted_records(ordered, "topics"))
    quotes = _sorted_records(ordered, "quotes")
    files: dict[str, BaseModel] = {
        "documents.json": Collection[Document](items=documents),
        "topics.json": Collection[Topic](items=topics),
        "definitions.json": Collection[Definition](items=_sorted_records(ordered, "definitions")),
        "quotes.json": Collection[Quote](items=quotes),
        "rejected.json": Collection[Rejected](
            items=sorted(
                (x for r in ordered for x in r.rejected), key=lambda x: (paths.get(x.doc_id, ""), x.kind, x.reason)
            )
        ),
        # Derived from the records above: the same topic across documents and editions, and who is quoted.
        "catalog.json": build_catalog(topics, documents, [c.id for c in profile.categories]),
        "speakers.json": Collection[SpeakerEntry](items=build_speakers(quotes)),
    }
    # Dumped once: the same JSON data is checked, compared with the last release and then written.
    data = {name: model.model_dump(mode="json") for name, model in files.items()}
    check_contract(data)
    new = Snapshot(
        data["documents.json"]["schema_version"],
        {d["source_path"]: d for d in data["documents.json"]["items"]},
        {kind: {r["id"]: r for r in data[f"{kind}.json"]["items"]} for kind in RECORD_TYPES},
    )
    release = plan_release(previous, new, profile, run.finished_at)

    texts = curated / "texts"
    wanted = {f"{r.document.doc_id}.txt": r.text for r in ordered if r.text is not None}
    for name, text in wanted.items():
        target = texts / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            atomic_write(target, text)
    for name, payload in data.items():
        atomic_write(curated / name, dump_data(payload))
    write_schemas(curated / "schema")
    if release is not None:
        history = [*previous.history, release]
        atomic_write(curated / "releases.json", dump(Collection[Release](items=history)))
        atomic_write(curated / "CHANGELOG.md", render_changelog(history))
    if texts.exists():
        for stale in texts.glob("*.txt"):
            if stale.name not in wanted:
                stale.unlink()
    manifest = Manifest(
        generator=GENERATOR,
        generator_version=__version__,
        profile=profile,
        dataset_version=release.version if release else current_version(previous),
        inputs=sorted([_input(r, k) for r, k in zip(fresh, ordered, strict=True)] + list(skipped), key=_by_path),
        counts={
            "documents": len(documents),
            "documents_ok": sum(d.status == "ok" for d in documents),
            "documents_failed": sum(d.status == "failed" for d in documents),
            **{kind: len(data[f"{kind}.json"]["items"]) for kind in (*RECORD_TYPES, "rejected")},
            "extracted": sum(not r.reused for r in fresh),
            "reused": sum(r.reused for r in fresh),
        },
        run=run,
    )
    atomic_write(curated / "manifest.json", dump(manifest))
    return manifest, release


def _by_path(item: ManifestInput) -> str:
    return item.source_path


def _input(result: DocumentResult, kept: DocumentResult) -> ManifestInput:
    d = result.document
    error = d.error
    if kept is not result:
        error = f"{error}; the previous extraction of this document is kept"
    return ManifestInput(
        source_path=d.source_path, doc_id=d.doc_id, size_bytes=d.size_bytes, status=d.status, error=error
    )
