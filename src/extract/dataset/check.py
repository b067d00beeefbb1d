"""`extract check`: is a curated folder one whole, consistent dataset? Read-only; each check is a named step
that returns the problems it found, so the crash test and a steward run the same validator.

The steps: no write left half done (journal, temporary files); every file parses against its JSON Schema;
the manifest matches the files; every record's document exists; texts and documents match; provenance
text equals its slice of the document's text; the release history is continuous and the changelog has it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from extract.dataset.commit import JOURNAL_NAME, interrupted, leftovers
from extract.dataset.models import CURATED_FILES
from extract.dataset.release import INITIAL, RECORD_TYPES
from extract.dataset.store import TEXT_NAME

OPTIONAL_FILES = frozenset({"catalog", "speakers", "releases", "rejected"})  # absent in datasets before 1.2
REPORTED_PER_STEP = 20  # problems listed per step; the rest are counted (a broken dataset can have thousands)


@dataclass
class Folder:
    """The curated folder as read once: each JSON file's data (None when absent) and what could not be read."""

    path: Path
    data: dict[str, Any] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)

    def items(self, name: str) -> list[dict[str, Any]]:
        payload = self.data.get(name)
        items = payload.get("items") if isinstance(payload, dict) else None
        return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _read(path: Path) -> Folder:
    folder = Folder(path)
    for name in CURATED_FILES:
        file = path / f"{name}.json"
        try:
            folder.data[name] = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            folder.data[name] = None
        except (OSError, ValueError) as err:
            folder.unreadable[name] = f"{file.name} cannot be read as JSON ({type(err).__name__}: {err})"
    return folder


def _unfinished(folder: Folder) -> list[str]:
    problems = []
    if interrupted(folder.path):
        problems.append(
            f"{JOURNAL_NAME}: a write was interrupted; the next `extract run` "
            "(or `extract check --repair`) completes it"
        )
    problems += [
        f"{p.relative_to(folder.path)}: temporary file of a write that never finished" for p in leftovers(folder.path)
    ]
    return problems


def _schemas(folder: Folder) -> list[str]:
    problems = list(folder.unreadable.values())
    for name, model in CURATED_FILES.items():
        payload = folder.data.get(name)
        if payload is None:
            if name not in OPTIONAL_FILES:
                problems.append(f"{name}.json is missing")
            continue
        validator = Draft202012Validator(model.model_json_schema())
        for error in sorted(validator.iter_errors(payload), key=lambda e: list(map(str, e.absolute_path))):
            where = "/".join(map(str, error.absolute_path)) or "the top level"
            problems.append(f"{name}.json does not match its JSON Schema at {where}: {error.message}")
    return problems


def _manifest(folder: Folder) -> list[str]:
    manifest = folder.data.get("manifest")
    if not isinstance(manifest, dict):
        return []
    counts = manifest.get("counts") or {}
    documents = folder.items("documents")
    actual = {
        "documents": len(documents),
        "documents_ok": sum(d.get("status") == "ok" for d in documents),
        "documents_failed": sum(d.get("status") == "failed" for d in documents),
        **{kind: len(folder.items(kind)) for kind in (*RECORD_TYPES, "rejected") if folder.data.get(kind) is not None},
    }
    problems = [
        f"manifest.json counts {counts[key]} {key} but the files hold {value}"
        for key, value in actual.items()
        if key in counts and counts[key] != value
    ]
    listed = {i.get("source_path"): i.get("doc_id") for i in manifest.get("inputs") or [] if isinstance(i, dict)}
    for document in documents:
        if listed.get(document.get("source_path")) != document.get("doc_id"):
            problems.append(f"documents.json has {document.get('source_path')} but manifest.json's inputs do not")
    return problems


def _documents(folder: Folder) -> list[str]:
    documents = {d.get("doc_id"): d for d in folder.items("documents")}
    problems = [
        f"{kind}.json record {record.get('id')} names document {record.get('doc_id')}, not in documents.json"
        for kind in RECORD_TYPES
        for record in folder.items(kind)
        if record.get("doc_id") not in documents
    ]
    texts = folder.path / "texts"
    present = (
        {p.name.removesuffix(".txt") for p in texts.glob("*.txt") if TEXT_NAME.match(p.name)}
        if texts.is_dir()
        else set()
    )
    for doc_id, document in sorted(documents.items(), key=lambda kv: str(kv[0])):
        if document.get("status") == "ok" and doc_id not in present:
            problems.append(f"texts/{doc_id}.txt is missing for {document.get('source_path')}")
    problems += [
        f"texts/{name}.txt belongs to no document of documents.json" for name in sorted(present - documents.keys())
    ]
    return problems


def _provenance(folder: Folder) -> list[str]:
    problems, texts = [], {}
    for kind in RECORD_TYPES:
        for record in folder.items(kind):
            for prov in record.get("provenance") or []:
                doc_id = prov.get("doc_id")
                if doc_id not in texts:
                    try:
                        texts[doc_id] = (folder.path / "texts" / f"{doc_id}.txt").read_text(encoding="utf-8")
                    except (OSError, ValueError, TypeError):
                        texts[doc_id] = None
                text, start, end = texts[doc_id], prov.get("char_start"), prov.get("char_end")
                if text is None:
                    continue  # reported by the documents step
                if not (isinstance(start, int) and isinstance(end, int)) or text[start:end] != prov.get("text"):
                    problems.append(
                        f"{kind}.json record {record.get('id')}: texts/{doc_id}.txt[{start}:{end}] is not its "
                        "provenance text"
                    )
    return problems


def _follows(previous: str, version: str) -> bool:
    """Whether `version` is one semantic-version bump (major, minor or patch) after `previous`."""
    try:
        a, b = [tuple(int(x) for x in v.split(".")) for v in (previous, version)]
    except ValueError:
        return False
    return b in {(a[0] + 1, 0, 0), (a[0], a[1] + 1, 0), (a[0], a[1], a[2] + 1)}


def _history(folder: Folder) -> list[str]:
    releases = folder.items("releases")
    if folder.data.get("releases") is None:
        return []
    versions = [str(r.get("version")) for r in releases]
    problems = []
    if versions and versions[0] != INITIAL:
        problems.append(f"releases.json starts at {versions[0]}, not {INITIAL}")
    problems += [
        f"releases.json goes from {a} to {b}, which is not one version bump"
        for a, b in pairwise(versions)
        if not _follows(a, b)
    ]
    manifest = folder.data.get("manifest")
    current = manifest.get("dataset_version") if isinstance(manifest, dict) else None
    if versions and current != versions[-1]:
        problems.append(f"manifest.json says version {current}, the last release is {versions[-1]}")
    try:
        changelog = (folder.path / "CHANGELOG.md").read_text(encoding="utf-8")
    except OSError:
        return [*problems, "CHANGELOG.md cannot be read"] if versions else problems
    problems += [f"CHANGELOG.md has no section for release {v}" for v in versions if f"## {v} " not in changelog]
    return problems


STEPS: tuple[tuple[str, Callable[[Folder], list[str]]], ...] = (
    ("complete write", _unfinished),
    ("JSON Schema", _schemas),
    ("manifest", _manifest),
    ("documents and texts", _documents),
    ("provenance", _provenance),
    ("release history", _history),
)


@dataclass(frozen=True)
class Report:
    folder: Path
    problems: dict[str, list[str]]  # step → problems (empty when the step found none)

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())

    def lines(self) -> list[str]:
        out = []
        for step, problems in self.problems.items():
            mark = "ok" if not problems else f"{len(problems)} problems"
            out.append(f"{step}: {mark}")
            out += [f"  - {p}" for p in problems[:REPORTED_PER_STEP]]
            if len(problems) > REPORTED_PER_STEP:
                out.append(f"  … and {len(problems) - REPORTED_PER_STEP} more")
        return out


class NotADataset(ValueError):
    """The folder holds no curated dataset to check."""


def check_dataset(curated: Path) -> Report:
    """Run every step over the folder (read-only)."""
    if not curated.is_dir():
        raise NotADataset(f"curated folder {curated} does not exist; give the folder `extract run` wrote")
    if not (curated / "documents.json").exists() and not interrupted(curated):
        raise NotADataset(
            f"{curated} holds no curated dataset (no documents.json); give the folder `extract run` wrote"
        )
    folder = _read(curated)
    return Report(curated, {name: step(folder) for name, step in STEPS})
