"""Dataset versions: compare a new batch with what is curated, bump the semantic version, keep a changelog."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from extract import __version__
from extract.models import SCHEMA_VERSION, Collection, Document, ProfileRef, RecordChanges, Release

RECORD_TYPES = ("topics", "definitions", "quotes")
INITIAL = "1.0.0"


def _load(path: Path) -> list[dict[str, Any]] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("items") if isinstance(data, dict) else None


def previous_releases(curated: Path) -> list[Release]:
    """The release history in curated/releases.json; empty when there is none or it cannot be read."""
    try:
        return list(Collection[Release].model_validate_json((curated / "releases.json").read_bytes()).items)
    except (OSError, ValidationError):
        return []


def _previous_contract(curated: Path) -> str | None:
    try:
        return json.loads((curated / "documents.json").read_text(encoding="utf-8")).get("schema_version")
    except (OSError, ValueError, AttributeError):
        return None


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
    records: dict[str, list[BaseModel]],
    profile: ProfileRef,
    now: dt.datetime,
) -> tuple[str, Release | None]:
    """The dataset version for this batch, and a new release entry when anything changed (else None)."""
    history = previous_releases(curated)
    old_docs = {d["source_path"]: d.get("sha256") for d in _load(curated / "documents.json") or []}
    new_docs = {d.source_path: d.sha256 for d in documents}
    added = sorted(set(new_docs) - set(old_docs))
    removed = sorted(set(old_docs) - set(new_docs))
    changed = sorted(p for p in set(new_docs) & set(old_docs) if new_docs[p] != old_docs[p])

    changes: dict[str, RecordChanges] = {}
    old_topics: dict[str, dict[str, Any]] = {}
    new_topics: dict[str, dict[str, Any]] = {}
    for kind in RECORD_TYPES:
        old = {r["id"]: r for r in _load(curated / f"{kind}.json") or [] if "id" in r}
        new = {r.id: r.model_dump(mode="json") for r in records[kind]}  # type: ignore[attr-defined]
        if kind == "topics":
            old_topics = old
            new_topics = new
        changes[kind] = RecordChanges(
            added=len(set(new) - set(old)),
            removed=len(set(old) - set(new)),
            changed=sum(1 for k in set(new) & set(old) if new[k] != old[k]),
        )
    old_contract = _previous_contract(curated)
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
        topics_added=sorted({_topic_label(t) for k, t in new_topics.items() if k not in old_topics}),
        topics_removed=sorted({_topic_label(t) for k, t in old_topics.items() if k not in new_topics}),
    )
    return version, release


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
