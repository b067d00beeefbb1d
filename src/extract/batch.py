"""Running a whole batch without Prefect (tests, scripts); the flow composes the same pieces."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from spacy.language import Language

from extract import __version__
from extract.isolate import Limits
from extract.lock import dataset_lock
from extract.models import Manifest, ManifestInput, RunInfo
from extract.nlp import build_nlp
from extract.parsers import Parser, parse
from extract.pipeline import DocumentResult, extract_document, read_source, resolve_across_corpus
from extract.profile import Profile, load_profile
from extract.store import write_dataset

log = logging.getLogger(__name__)
DEFAULT_LIMITS = Limits()


@lru_cache(maxsize=4)
def load(profile_path: str | None = None) -> tuple[Profile, Language]:
    """The profile and its spaCy pipeline, built once per process."""
    profile = profile_only(profile_path)
    return profile, build_nlp(profile)


@lru_cache(maxsize=4)
def profile_only(profile_path: str | None = None) -> Profile:
    """The profile without its spaCy pipeline: enough for cache keys and writing the dataset."""
    return load_profile(profile_path)


def dedupe_sources(raw: Path, paths: list[str]) -> tuple[dict[str, str], list[ManifestInput]]:
    """Identical bytes under two names are one document; later names are listed as skipped duplicates.

    Returns the kept paths with their SHA-256 (the cache key's base) and the skipped duplicates."""
    seen: dict[str, str] = {}
    keep: dict[str, str] = {}
    skipped: list[ManifestInput] = []
    for rel in paths:
        data = (raw / rel).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            skipped.append(
                ManifestInput(
                    source_path=rel,
                    doc_id=digest,
                    size_bytes=len(data),
                    status="failed",
                    error=f"duplicate of {seen[digest]} (identical bytes); curated once",
                )
            )
            continue
        seen[digest] = rel
        keep[rel] = digest
    return keep, skipped


def process(
    raw: Path, rel: str, profile_path: str | None = None, limits: Limits = DEFAULT_LIMITS, parser: Parser = parse
) -> DocumentResult:
    profile, nlp = load(profile_path)

    def on_page(done: int, total: int) -> None:
        if done % 25 == 0 or done == total:
            log.info("%s: page %d/%d", rel, done, total)

    return extract_document(read_source(raw, rel), profile, nlp, on_page, limits, parser)


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """The version plus a hash of the extractor's own source, so an edited rule never reuses stale results."""
    root = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}-{digest.hexdigest()[:12]}"


def cache_key(sha256: str, profile_path: str | None = None) -> str:
    """What an extraction depends on: the document's bytes, the extractor and the profile."""
    profile = profile_only(profile_path)
    return f"extract-{sha256}-{extractor_fingerprint()}-{profile.sha256[:16]}"


def finish(
    curated: Path,
    results: list[DocumentResult],
    skipped: list[ManifestInput],
    profile_path: str | None,
    started: dt.datetime,
    clock: float,
    flow_run_id: str | None = None,
) -> Manifest:
    profile = profile_only(profile_path)
    resolve_across_corpus(results)
    run = RunInfo(
        started_at=started,
        finished_at=dt.datetime.now(dt.UTC),
        flow_run_id=flow_run_id,
        duration_s=round(time.perf_counter() - clock, 3),
    )
    return write_dataset(curated, results, profile, run, skipped)


def run_batch(
    raw: Path,
    curated: Path,
    profile_path: str | None = None,
    progress: Callable[[str], None] | None = None,
    limits: Limits = DEFAULT_LIMITS,
    wait_s: float = 0.0,
    parser: Parser = parse,
) -> Manifest:
    """Every document in raw/, one after the other, under the curated folder's lock."""
    from extract.pipeline import discover

    with dataset_lock(curated, wait_s):
        started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
        paths, skipped = dedupe_sources(raw, discover(raw))
        results = []
        for n, rel in enumerate(paths, start=1):
            result = process(raw, rel, profile_path, limits, parser)
            results.append(result)
            if progress:
                progress(describe(n, len(paths), result))
        return finish(curated, results, skipped, profile_path, started, clock)


def describe(n: int, total: int, result: DocumentResult) -> str:
    d = result.document
    if d.status == "failed":
        return f"[{n}/{total}] FAILED {d.source_path}: {d.error}"
    how = "cached" if result.reused else f"{result.seconds:.1f}s"
    return (
        f"[{n}/{total}] ok {d.source_path} ({how}): {len(result.topics)} topics, "
        f"{len(result.definitions)} definitions, {len(result.quotes)} quotes"
    )
