"""One way to run a batch: read raw/ once (bytes and hash per file), extract each document, complete
speakers across the batch, write curated/ under its lock.

`run_batch` maps documents to results serially by default; the Prefect flow passes its own map (one
cached task per document), so both run the same steps in the same order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath

from extract import __version__
from extract.dataset.lock import dataset_lock
from extract.dataset.models import Manifest, ManifestInput, ProfileRef, Release, RunInfo
from extract.dataset.results import DocumentResult
from extract.dataset.store import write_dataset
from extract.document import SourceFile
from extract.errors import SourceError
from extract.nlp import load
from extract.pipeline import UNKNOWN_MEDIA_TYPE, extract, failed
from extract.profile import load_profile
from extract.rules.speakers import resolve_across_corpus
from extract.settings import RunSettings
from extract.sources.detect import sniff
from extract.sources.parsers import Parser, parse, parse_limited

log = logging.getLogger(__name__)
PAGE_LOG_EVERY = 25  # pages between two progress lines of a long PDF


@dataclass(frozen=True)
class Job:
    """One document to extract and how: what a Prefect task or a Dask worker receives."""

    source: SourceFile
    profile_path: str | None = None
    settings: RunSettings = RunSettings()
    parser: Parser = parse  # module-level, so that it can be sent to the isolated child


MapDocuments = Callable[[Sequence[Job]], Iterable[DocumentResult]]


@dataclass(frozen=True)
class BatchResult:
    manifest: Manifest
    release: Release | None  # None when the run changed nothing
    results: list[DocumentResult]


def discover(raw_dir: Path) -> list[str]:
    """Files under raw/ that the pipeline reads, as sorted POSIX paths; hidden files are skipped."""
    found = []
    for path in raw_dir.rglob("*"):
        rel = path.relative_to(raw_dir)
        if path.is_file() and not any(part.startswith(".") for part in rel.parts):
            found.append(rel.as_posix())
    return sorted(found)


def _read(path: Path, settings: RunSettings) -> bytes:
    """A file's bytes, tried again after a pause when the read fails (a network share that blinked)."""
    for attempt in range(settings.read_retries + 1):
        try:
            return path.read_bytes()
        except OSError as err:
            if attempt == settings.read_retries or isinstance(err, FileNotFoundError | IsADirectoryError):
                raise
            log.warning("cannot read %s (%s); trying again", path, err)
            time.sleep(settings.retry_delay_s)
    raise AssertionError("unreachable")


def read_sources(
    raw: Path, settings: RunSettings = RunSettings()
) -> tuple[list[SourceFile], list[DocumentResult], list[ManifestInput]]:
    """Every file of raw/, read and hashed once. Returns the sources to extract, the files that could not
    be read (as failed results) and the later names of identical files (skipped as duplicates)."""
    sources: list[SourceFile] = []
    unreadable: list[DocumentResult] = []
    duplicates: list[ManifestInput] = []
    first: dict[str, str] = {}
    for rel in discover(raw):
        try:
            source = SourceFile(rel, _read(raw / rel, settings))
        except OSError as err:
            empty = SourceFile(rel, b"")
            unreadable.append(failed(empty, f"cannot read the file: {err.strerror or err}; check its permissions"))
            continue
        if source.sha256 in first:
            why = f"duplicate of {first[source.sha256]} (identical bytes); curated once"
            duplicates.append(
                ManifestInput(
                    source_path=rel, doc_id=source.sha256, size_bytes=len(source.data), status="failed", error=why
                )
            )
            continue
        first[source.sha256] = rel
        sources.append(source)
    return sources, unreadable, duplicates


def extract_source(job: Job) -> DocumentResult:
    """Parse one source in a limited child process and run the rules; never raises for a bad document."""
    started = time.perf_counter()
    source, media_type = job.source, UNKNOWN_MEDIA_TYPE
    profile, nlp = load(job.profile_path)

    def on_page(done: int, total: int) -> None:
        if done % PAGE_LOG_EVERY == 0 or done == total:
            log.info("%s: page %d/%d", source.path, done, total)

    try:
        media_type = sniff(PurePosixPath(source.path), source.data)
        parsed = parse_limited(job.parser, source.data, media_type, job.settings, on_page)
        result = extract(source, media_type, parsed, profile, nlp)
    except SourceError as err:
        result = failed(source, str(err), media_type)
    except Exception as err:  # a parser or rule bug must cost one document, not the batch
        log.exception("unexpected error on %s", source.path)
        result = failed(source, f"internal error while extracting ({type(err).__name__}: {err})", media_type)
    result.seconds = time.perf_counter() - started
    return result


def map_serial(jobs: Sequence[Job]) -> Iterator[DocumentResult]:
    return (extract_source(job) for job in jobs)


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """The version plus a hash of the extractor's own source, so an edited rule never reuses stale results."""
    root = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(p for pattern in ("*.py", "*.json") for p in root.rglob(pattern)):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}-{digest.hexdigest()[:12]}"


def cache_key(job: Job) -> str:
    """What an extraction depends on: the document's bytes, the extractor, the profile and the parser."""
    profile = load_profile(job.profile_path)
    parser = f"{job.parser.__module__}.{job.parser.__qualname__}"
    return f"extract-{job.source.sha256}-{extractor_fingerprint()}-{profile.sha256[:16]}-{parser}"


def describe(n: int, total: int, result: DocumentResult) -> str:
    d = result.document
    if d.status == "failed":
        return f"[{n}/{total}] FAILED {d.source_path}: {d.error}"
    how = "cached" if result.reused else f"{result.seconds:.1f}s"
    return (
        f"[{n}/{total}] ok {d.source_path} ({how}): {len(result.topics)} topics, "
        f"{len(result.definitions)} definitions, {len(result.quotes)} quotes"
    )


def run_batch(
    raw: Path,
    curated: Path,
    profile_path: str | None = None,
    settings: RunSettings = RunSettings(),
    progress: Callable[[str], None] | None = None,
    map_documents: MapDocuments = map_serial,
    parser: Parser = parse,
    flow_run_id: str | None = None,
) -> BatchResult:
    """Every document in raw/ into curated/, under the curated folder's lock."""
    profile = load_profile(profile_path)
    with dataset_lock(curated, settings.wait_s):
        started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
        sources, unreadable, duplicates = read_sources(raw, settings)
        jobs = [Job(source, profile_path, settings, parser) for source in sources]
        total = len(jobs) + len(unreadable)
        log.info("%d documents in %s (%d duplicates skipped)", total, raw, len(duplicates))
        results: list[DocumentResult] = []
        for result in [*unreadable, *map_documents(jobs)]:
            results.append(result)
            if progress:
                progress(describe(len(results), total, result))
        resolve_across_corpus(results)
        run = RunInfo(
            started_at=started,
            finished_at=dt.datetime.now(dt.UTC),
            flow_run_id=flow_run_id,
            duration_s=round(time.perf_counter() - clock, 3),
        )
        ref = ProfileRef(name=profile.name, version=profile.version, sha256=profile.sha256)
        manifest, release = write_dataset(curated, results, ref, run, duplicates)
    return BatchResult(manifest, release, results)


def reused(result: DocumentResult) -> DocumentResult:
    """The same result, marked as taken from an orchestrator's cache rather than extracted in this run."""
    return replace(result, reused=True)
