"""Dataset versions: compare a new batch with what is curated, bump the semantic version, keep a changelog."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extract import __version__
from extract.models import SCHEMA_VERSION, Collection, Document, ProfileRef, RecordChanges, Release

RECORD_TYPES = ("topics", "definitions", "quotes")
INITIAL = "1.0.0"


def _read(path: Path) -> dict[str, Any]:
    """A curated file as it stands, or {} when there is none or it cannot be read."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def previous_releases(curated: Path) -> list[Release]:
    """The release history in curated/releases.json; empty when there is none or it cannot be read."""
    try:
        return list(Collection[Release].model_validate_json((curated / "releases.json").read_bytes()).items)
    except (OSError, ValidationError):
        return []


def _bump(version: str, level: str) -> str:
    major, minor, patch = (int(x) for x in version.split("."))
    if level == "major":
        return f"{major + 1}.0.0"
    if level == "minor":
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def _topic_label(t: dict[str, Any]) -> str:
    edition = f"{t['edition']} " if t.get("edition") else ""
    return f"{edition}{t.get('category')}: {t.get('title')}"


def plan_release(
    curated: Path,
    documents: list[Document],
    records: dict[str, list[dict[str, Any]]],
    profile: ProfileRef,
    now: dt.datetime,
) -> tuple[str, list[Release] | None]:
    """The dataset version for this batch, and the release history with a new entry when anything changed
    (else None). `records` are the new records per type as JSON data, the form they are written in."""
    history = previous_releases(curated)
    old_documents = _read(curated / "documents.json")
    old_docs = {d["source_path"]: d.get("sha256") for d in old_documents.get("items", [])}
    new_docs = {d.source_path: d.sha256 for d in documents}
    added = sorted(set(new_docs) - set(old_docs))
    removed = sorted(set(old_docs) - set(new_docs))
    changed = sorted(p for p in set(new_docs) & set(old_docs) if new_docs[p] != old_docs[p])

    olds = {k: {r["id"]: r for r in _read(curated / f"{k}.json").get("items", []) if "id" in r} for k in RECORD_TYPES}
    news = {k: {r["id"]: r for r in records[k]} for k in RECORD_TYPES}
    changes = {
        k: RecordChanges(
            added=len(news[k].keys() - olds[k].keys()),
            removed=len(olds[k].keys() - news[k].keys()),
            changed=sum(1 for i in news[k].keys() & olds[k].keys() if news[k][i] != olds[k][i]),
        )
        for k in RECORD_TYPES
    }
    old_contract = old_documents.get("schema_version")
    contract_changed = old_contract is not None and old_contract != SCHEMA_VERSION
    records_changed = any(c.added or c.removed or c.changed for c in changes.values())
    if history and not (added or removed or changed or records_changed or contract_changed):
        return history[-1].version, None

    if not history:
        level, version = "initial", INITIAL
    else:
        if contract_changed and old_contract.split(".")[0] != SCHEMA_VERSION.split(".")[0]:  # type: ignore[union-attr]
            level = "major"
        elif added or removed or contract_changed:  # an additive contract change is a minor one
            level = "minor"
        else:
            level = "patch"
        version = _bump(history[-1].version, level)
    release = Release(
        version=version,
        level=level,  # type: ignore[arg-type]
        released_at=now,
        contract_version=SCHEMA_VERSION,
        generator_version=__version__,
        profile=profile,
        documents_added=added,
        documents_removed=removed,
        documents_changed=changed,
        records=changes,
        topics_added=sorted({_topic_label(t) for i, t in news["topics"].items() if i not in olds["topics"]}),
        topics_removed=sorted({_topic_label(t) for i, t in olds["topics"].items() if i not in news["topics"]}),
    )
    return version, [*history, release]


def render_release(release: Release) -> str:
    """One changelog section in Markdown; also the Prefect run's summary artifact."""
    lines = [f"## {release.version} — {release.released_at:%Y-%m-%d %H:%M} UTC ({release.level})", ""]
    for label, names in (
        ("Documents added", release.documents_added),
        ("Documents removed", release.documents_removed),
        ("Documents changed", release.documents_changed),
    ):
        if names:
            lines.append(f"- {label}: " + ", ".join(f"`{n}`" for n in names))
    counts = "; ".join(f"{k} +{c.added} −{c.removed} ~{c.changed}" for k, c in release.records.items())
    lines.append(f"- Records: {counts}")
    if release.topics_added:
        lines.append("- New topics: " + "; ".join(release.topics_added))
    if release.topics_removed:
        lines.append("- Topics that dropped off: " + "; ".join(release.topics_removed))
    lines.append(
        f"- Extractor {release.generator_version}, profile {release.profile.name} {release.profile.version}, "
        f"contract {release.contract_version}"
    )
    return "\n".join(lines) + "\n"


def render_changelog(history: list[Release]) -> str:
    body = "\n".join(render_release(r) for r in reversed(history))
    intro = "Newest first. Written by the pipeline on every run that changes the dataset."
    return f"# Dataset changelog\n\n{intro}\n\n{body}"
