"""Writing curated/: atomic files, deterministic order, JSON Schema from the models, manifest last."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel

from extract import __version__
from extract.lock import LOCK_NAME
from extract.models import (
    CURATED_FILES,
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
    Topic,
)
from extract.pipeline import DocumentResult
from extract.profile import Profile
from extract.release import RECORD_TYPES, plan_release, render_changelog

GENERATOR = "k12-extract"
# Files that say when and how a run happened; everything else in curated/ depends only on the inputs.
RUN_METADATA = frozenset({"manifest.json", "releases.json", "CHANGELOG.md", LOCK_NAME})


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


def _record_key(rec: Topic | Definition | Quote, paths: dict[str, str]) -> tuple[str, int, str]:
    return paths.get(rec.doc_id, ""), rec.provenance[0].char_start, rec.id


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


def write_dataset(
    curated: Path,
    results: Iterable[DocumentResult],
    profile: Profile,
    run: RunInfo,
    skipped: list[ManifestInput] = (),
) -> Manifest:
    """Write every curated file for this batch; the manifest goes last, as the mark of a complete write."""
    ordered = sorted(results, key=lambda r: r.document.source_path)
    paths = {r.document.doc_id: r.document.source_path for r in ordered}
    documents = [r.document for r in ordered]
    topics = sorted((t for r in ordered for t in r.topics), key=lambda x: _record_key(x, paths))
    definitions = sorted((d for r in ordered for d in r.definitions), key=lambda x: _record_key(x, paths))
    quotes = sorted((q for r in ordered for q in r.quotes), key=lambda x: _record_key(x, paths))
    rejected = sorted(
        (x for r in ordered for x in r.rejected), key=lambda x: (paths.get(x.doc_id, ""), x.kind, x.reason)
    )

    texts = curated / "texts"
    wanted = {f"{r.document.doc_id}.txt": r.text for r in ordered if r.text is not None}
    for name, text in wanted.items():
        target = texts / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            atomic_write(target, text)
    files: list[tuple[str, BaseModel]] = [
        ("documents.json", Collection[Document](items=documents)),
        ("topics.json", Collection[Topic](items=topics)),
        ("definitions.json", Collection[Definition](items=definitions)),
        ("quotes.json", Collection[Quote](items=quotes)),
        ("rejected.json", Collection[Rejected](items=rejected)),
    ]
    # Dumped once: the same JSON data is compared with the last release and then written.
    data = {name: model.model_dump(mode="json") for name, model in files}
    profile_ref = ProfileRef(name=profile.name, version=profile.version, sha256=profile.sha256)
    records = {kind: data[f"{kind}.json"]["items"] for kind in RECORD_TYPES}
    version, history = plan_release(curated, documents, records, profile_ref, run.finished_at)
    for name, payload in data.items():
        atomic_write(curated / name, dump_data(payload))
    write_schemas(curated / "schema")
    if history is not None:
        atomic_write(curated / "releases.json", dump(Collection[Release](items=history)))
        atomic_write(curated / "CHANGELOG.md", render_changelog(history))
    if texts.exists():
        for stale in texts.glob("*.txt"):
            if stale.name not in wanted:
                stale.unlink()
    inputs = [
        ManifestInput(
            source_path=d.source_path,
            doc_id=d.doc_id,
            size_bytes=d.size_bytes,
            status=d.status,
            error=d.error,
        )
        for d in documents
    ] + list(skipped)
    manifest = Manifest(
        generator=GENERATOR,
        generator_version=__version__,
        profile=profile_ref,
        dataset_version=version,
        inputs=sorted(inputs, key=lambda i: i.source_path),
        counts={
            "documents": len(documents),
            "documents_ok": sum(d.status == "ok" for d in documents),
            "documents_failed": sum(d.status == "failed" for d in documents),
            "topics": len(topics),
            "definitions": len(definitions),
            "quotes": len(quotes),
            "rejected": len(rejected),
            "extracted": sum(not r.reused for r in ordered),
            "reused": sum(r.reused for r in ordered),
        },
        run=run,
    )
    atomic_write(curated / "manifest.json", dump(manifest))
    return manifest
