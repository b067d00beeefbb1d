"""Dataset versions: compare a new batch with what is curated, bump the semantic version, keep a changelog.

Pure: the store reads the curated folder into a `Snapshot` and writes what `plan_release` decides."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from extract import __version__
from extract.dataset.models import SCHEMA_VERSION, ProfileRef, RecordChanges, Release

RECORD_TYPES = ("topics", "definitions", "quotes")
INITIAL = "1.0.0"
# Where a record stands, not what it says: a re-issued document moves its records without changing them.
PLACE_FIELDS = frozenset({"doc_id", "provenance"})


@dataclass(frozen=True)
class Snapshot:
    """A dataset as JSON data, the form records are written and compared in: the curated folder as it
    stands (`store.read_snapshot`), or a batch about to be written."""

    contract: str | None = None  # schema_version of documents.json; None when there is no dataset
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)  # source_path → document
    records: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)  # type → id → record
    history: tuple[Release, ...] = ()

    def of_type(self, kind: str) -> dict[str, dict[str, Any]]:
        return self.records.get(kind, {})


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


def current_version(previous: Snapshot) -> str:
    return previous.history[-1].version if previous.history else INITIAL


def _content(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in PLACE_FIELDS}


def _compare(olds: dict[str, dict[str, Any]], news: dict[str, dict[str, Any]]) -> RecordChanges:
    both = news.keys() & olds.keys()
    changed = {i for i in both if _content(news[i]) != _content(olds[i])}
    return RecordChanges(
        added=len(news.keys() - olds.keys()),
        removed=len(olds.keys() - news.keys()),
        changed=len(changed),
        moved=sum(1 for i in both - changed if news[i] != olds[i]),
    )


def _differs(c: RecordChanges) -> bool:
    return bool(c.added or c.removed or c.changed)


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"


def summarize(added: list[str], removed: list[str], changed: list[str], records: dict[str, RecordChanges]) -> str:
    """One line for people: "changed 1 document, records unchanged (12 moved: same content, new place)"."""
    verbs = {"added": added, "removed": removed, "changed": changed}
    docs = [f"{verb} {_count(len(paths), 'document')}" for verb, paths in verbs.items() if paths]
    counts = [f"{k} +{c.added} −{c.removed} ~{c.changed}" for k, c in records.items() if _differs(c)]
    line = ", ".join(docs or ["no document changed"])
    line += ", records unchanged" if not counts else ", records " + "; ".join(counts)
    moved = sum(c.moved for c in records.values())
    return line + (f" ({_count(moved, 'record')} moved: same content, new place in the text)" if moved else "")


def plan_release(previous: Snapshot, new: Snapshot, profile: ProfileRef, now: dt.datetime) -> Release | None:
    """The release that turns `previous` into `new`, or None when nothing changed. Pure.

    Records are matched by id (what they are and where they stand, not the document's bytes) and compared
    on what they say: a record whose only difference is its `doc_id` or `provenance` counts as moved, not
    changed."""
    old_docs = {p: d.get("sha256") for p, d in previous.documents.items()}
    new_docs = {p: d.get("sha256") for p, d in new.documents.items()}
    added = sorted(new_docs.keys() - old_docs.keys())
    removed = sorted(old_docs.keys() - new_docs.keys())
    changed = sorted(p for p in new_docs.keys() & old_docs.keys() if new_docs[p] != old_docs[p])
    olds = {k: previous.of_type(k) for k in RECORD_TYPES}
    news = {k: new.of_type(k) for k in RECORD_TYPES}
    changes = {k: _compare(olds[k], news[k]) for k in RECORD_TYPES}
    old_contract = previous.contract
    contract_changed = old_contract is not None and old_contract != SCHEMA_VERSION
    records_changed = any(c.added or c.removed or c.changed or c.moved for c in changes.values())
    history = previous.history
    if history and not (added or removed or changed or records_changed or contract_changed):
        return None
    if not history:
        level = "initial"
    elif contract_changed and old_contract.split(".")[0] != SCHEMA_VERSION.split(".")[0]:  # type: ignore[union-attr]
        level = "major"
    elif added or removed or contract_changed:  # an additive contract change is a minor one
        level = "minor"
    else:
        level = "patch"
    return Release(
        version=_bump(history[-1].version, level) if history else INITIAL,
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
        summary=summarize(added, removed, changed, changes),
    )


def _shown(path: str) -> str:
    """A file name in Markdown: control characters escaped, backticks kept from closing the code span."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path).replace("`", "'")


def render_release(release: Release) -> str:
    """One changelog section in Markdown; also the Prefect run's summary artifact."""
    lines = [f"## {release.version} — {release.released_at:%Y-%m-%d %H:%M} UTC ({release.level})", ""]
    if release.summary:
        lines.append(f"- {release.summary[0].upper()}{release.summary[1:]}")
    for label, names in (
        ("Documents added", release.documents_added),
        ("Documents removed", release.documents_removed),
        ("Documents changed", release.documents_changed),
    ):
        if names:
            lines.append(f"- {label}: " + ", ".join(f"`{_shown(n)}`" for n in names))
    counts = "; ".join(
        f"{k} +{c.added} −{c.removed} ~{c.changed}" + (f" ({c.moved} moved)" if c.moved else "")
        for k, c in release.records.items()
    )
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
