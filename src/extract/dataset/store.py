"""Writing curated/: one switch for the whole dataset (`commit`), deterministic order, JSON Schema from the models.

A run never destroys what it cannot replace: a batch with no documents does not overwrite a dataset that
has some, and a document that was curated before but fails now keeps its previous extraction.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extract import __version__
from extract.dataset.catalog import assign_topic_keys, build_catalog
from extract.dataset.commit import TEMP_NAME, Transaction, atomic_write, recover
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
    SkippedPath,
    SpeakerEntry,
    Topic,
)
from extract.dataset.release import RECORD_TYPES, Snapshot, current_version, plan_release, render_changelog
from extract.dataset.results import DocumentResult
from extract.dataset.speakers import build_speakers

log = logging.getLogger(__name__)
GENERATOR = "k12-extract"
# A run that would remove more than this share of the curated documents stops before writing (a wrong or half
# mounted raw/ looks like a mass removal); removing all of them always stops. --allow-removals lets it through.
MAX_REMOVED_SHARE = 0.5
TEXT_NAME = re.compile(r"^[0-9a-f]{64}\.txt$")  # texts/<doc_id>.txt: the only files the pipeline writes there
# Files that say when and how a run happened; everything else in curated/ depends only on the inputs.
RUN_METADATA = frozenset({"manifest.json", "releases.json", "CHANGELOG.md", LOCK_NAME})
RECORD_MODELS: dict[str, type[Topic | Definition | Quote]] = {
    "topics": Topic,
    "definitions": Definition,
    "quotes": Quote,
}


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
    """A curated collection file's contract version and items; (None, []) when absent. A file that is there but
    cannot be read is `UnsafeWrite`: rebuilding over it would report every record as new and hide the damage."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, []
    except (OSError, ValueError) as err:
        raise _unreadable(path, type(err).__name__) from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise _unreadable(path, "not a curated collection: no list of items")
    return data.get("schema_version"), [i for i in data["items"] if isinstance(i, dict)]


def _unreadable(path: Path, reason: str) -> UnsafeWrite:
    return UnsafeWrite(
        f"{path} cannot be read ({reason}); nothing was written. Restore it from a backup or version control, "
        f"or move {path.parent} aside to rebuild the dataset from raw/"
    )


class UnsafeWrite(RuntimeError):
    """Writing would lose or corrupt something that cannot be replaced; nothing was written."""


class WouldEmptyDataset(UnsafeWrite):
    """The batch has no document to curate while the curated folder holds a dataset."""


class WouldRemoveDocuments(UnsafeWrite):
    """The batch would remove more of the curated documents than a run may without --allow-removals."""


def _nothing_to_curate(curated: Path, previous: Snapshot, fresh: Sequence[DocumentResult]) -> None:
    """A batch in which no document can be curated writes nothing: not a dataset of failures over a good one,
    not an empty first release (a wrong path, a failed mount, a folder of files the pipeline cannot read)."""
    if fresh:
        reasons = "; ".join(f"{r.document.source_path}: {r.document.error}" for r in fresh[:2])
        more = f"; and {len(fresh) - 2} more" if len(fresh) > 2 else ""
        found = f"every document of the raw folder failed ({len(fresh)}: {reasons}{more})"
    else:
        found = "no document to curate (the raw folder is empty, unreadable or holds nothing the pipeline reads)"
    if _holds_data(curated, previous):
        held = sum(d.get("status") == "ok" for d in previous.documents.values()) or "its"
        found += f", and {curated} holds a dataset of {held} documents"
    raise WouldEmptyDataset(
        f"{found}; nothing was written. Check the raw folder (the right path? readable? the files it should hold?); "
        "to empty a dataset on purpose, delete the curated folder"
    )


def _check_removals(curated: Path, previous: Snapshot, fresh: Sequence[DocumentResult], max_share: float) -> None:
    """Stop before writing when the batch would remove all the curated documents, or more than `max_share` of
    them: a wrong path or a half-mounted share looks like that, and the next release would drop them."""
    held = previous.documents.keys()
    removed = sorted(held - {r.document.source_path for r in fresh})
    if not removed or (len(removed) < len(held) and len(removed) <= max_share * len(held)):
        return
    named = ", ".join(removed[:3]) + (f" and {len(removed) - 3} more" if len(removed) > 3 else "")
    raise WouldRemoveDocuments(
        f"this run would remove {len(removed)} of the {len(held)} documents curated in {curated} ({named}): their "
        "files are no longer in the raw folder; nothing was written. Check the raw folder (the right path, fully "
        "mounted?); if they were removed on purpose, run again with --allow-removals"
    )


def read_snapshot(curated: Path) -> Snapshot:
    """The curated folder as it stands, each file read once; a file that is there but cannot be read stops the
    write (`UnsafeWrite`), as the release history would be wrong or its version set back."""
    contract, documents = _items(curated / "documents.json")
    records = {
        k: {r["id"]: r for r in _items(curated / f"{k}.json")[1] if isinstance(r.get("id"), str)} for k in RECORD_TYPES
    }
    history_file = curated / "releases.json"
    try:
        history = tuple(Collection[Release].model_validate_json(history_file.read_bytes()).items)
    except FileNotFoundError:
        history = ()
    except (OSError, ValidationError) as err:
        raise UnsafeWrite(
            f"{history_file} cannot be read ({type(err).__name__}), so the next dataset version is unknown; "
            "nothing was written. Restore it from a backup or version control, or delete it to start the "
            "history again at 1.0.0"
        ) from None
    docs = {d["source_path"]: d for d in documents if isinstance(d.get("source_path"), str)}
    return Snapshot(contract if isinstance(contract, str) else None, docs, records, history)


def _holds_data(curated: Path, previous: Snapshot) -> bool:
    """Whether the curated folder holds records worth keeping, even when documents.json cannot be read."""
    if any(d.get("status") == "ok" for d in previous.documents.values()):
        return True
    return any(previous.of_type(k) for k in RECORD_TYPES) or any((curated / "texts").glob("*.txt"))


def check_folder(curated: Path) -> None:
    """Refuse a folder that is not a curated dataset (and not empty): writing there would mix the dataset with
    files that are not its own, and the clean-up of stale texts could delete them."""
    if not curated.exists():
        return
    own = {LOCK_NAME, "review", "schema", "texts", *(f"{name}.json" for name in CURATED_FILES), *RUN_METADATA}
    entries = {p.name for p in curated.iterdir() if not p.name.startswith(".")}
    if entries and not ({"manifest.json", "documents.json"} & entries) and entries - own:
        raise UnsafeWrite(
            f"{curated} holds files that are not a curated dataset ({', '.join(sorted(entries - own)[:3])}…); "
            "nothing was written. Pass --curated with a new or empty folder, or the folder of an earlier run"
        )
    strangers = [
        p.name for p in (curated / "texts").glob("*") if not TEXT_NAME.match(p.name) and not TEMP_NAME.match(p.name)
    ]
    if strangers:
        raise UnsafeWrite(
            f"{curated / 'texts'} holds files the pipeline did not write ({', '.join(sorted(strangers)[:3])}); "
            "nothing was written. Move them out: texts/ holds only <doc_id>.txt files"
        )


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


def _under_unreadable_folders(
    previous: Snapshot, fresh: list[DocumentResult], folders: Sequence[str]
) -> list[DocumentResult]:
    """Documents curated before from a folder that cannot be read now: failed results, so that they keep their
    previous extraction instead of leaving the dataset."""
    seen = {r.document.source_path for r in fresh}
    out = []
    for path, old in sorted(previous.documents.items()):
        if path in seen or not any(path.startswith(f"{folder}/") or not folder for folder in folders):
            continue
        try:
            document = Document.model_validate(old).model_copy(
                update={"status": "failed", "error": "its folder in raw/ cannot be read"}
            )
        except ValidationError:
            continue
        out.append(DocumentResult(document))
    return out


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
    unreadable_folders: Sequence[str] = (),
    max_removed_share: float | None = MAX_REMOVED_SHARE,
    not_documents: Sequence[SkippedPath] = (),
) -> tuple[Manifest, Release | None]:
    """Write every curated file for this batch, switched in as one by the journal (`commit.Transaction`).

    Returns the manifest and the release this write made (None when nothing changed). `max_removed_share` None
    lets the batch remove any number of documents (--allow-removals)."""
    check_folder(curated)
    recover(curated)  # releases are planned only against a complete dataset
    previous = read_snapshot(curated)
    fresh = sorted(results, key=document_path)
    fresh += _under_unreadable_folders(previous, fresh, unreadable_folders)
    if not any(not r.failed for r in fresh):
        _nothing_to_curate(curated, previous, fresh)
    if max_removed_share is not None:
        _check_removals(curated, previous, fresh, max_removed_share)
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
    transaction = Transaction(curated)
    try:
        for name, text in wanted.items():
            target = texts / name
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                transaction.write(target, text)
        for name, payload in data.items():
            transaction.write(curated / name, dump_data(payload))
        for name, text in schema_files().items():
            transaction.write(curated / "schema" / name, text)
        if release is not None:
            history = [*previous.history, release]
            transaction.write(curated / "releases.json", dump(Collection[Release](items=history)))
            transaction.write(curated / "CHANGELOG.md", render_changelog(history))
        manifest = _manifest(previous, release, profile, run, fresh, ordered, skipped, not_documents, documents, data)
        transaction.write(curated / "manifest.json", dump(manifest))
        if texts.exists():
            for stale in sorted(texts.glob("*.txt")):
                if stale.name not in wanted and TEXT_NAME.match(stale.name):
                    transaction.remove(stale)
    except BaseException:
        transaction.abort()
        raise
    transaction.commit()  # one switch: a kill from here on is completed by the next run or reader
    return manifest, release


def _manifest(
    previous: Snapshot,
    release: Release | None,
    profile: ProfileRef,
    run: RunInfo,
    fresh: list[DocumentResult],
    ordered: list[DocumentResult],
    skipped: Sequence[ManifestInput],
    not_documents: Sequence[SkippedPath],
    documents: list[Document],
    data: dict[str, Any],
) -> Manifest:
    return Manifest(
        generator=GENERATOR,
        generator_version=__version__,
        profile=profile,
        dataset_version=release.version if release else current_version(previous),
        inputs=sorted([_input(r, k) for r, k in zip(fresh, ordered, strict=True)] + list(skipped), key=_by_path),
        skipped=list(not_documents),
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
