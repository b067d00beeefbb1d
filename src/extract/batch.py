"""One way to run a batch: read raw/ once (bytes and hash per file), extract each document, complete
speakers across the batch, write curated/ under its lock.

`run_batch` maps documents to results serially by default; the Prefect flow passes its own map (one
cached task per document), so both run the same steps in the same order.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
import stat
import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from extract import __version__
from extract.dataset.commit import recover
from extract.dataset.lock import dataset_lock
from extract.dataset.models import CategoryRef, Manifest, ManifestInput, ProfileRef, Release, RunInfo, SkippedPath
from extract.dataset.results import DocumentResult
from extract.dataset.store import MAX_REMOVED_SHARE, check_folder, read_snapshot, write_dataset
from extract.document import ParsedDocument, SourceFile
from extract.errors import SourceError
from extract.profile import load_profile
from extract.rules.speakers import resolve_across_corpus
from extract.settings import RunSettings
from extract.sources.detect import HEAD_BYTES, PDF, SUPPORTED_SUFFIXES, sniff
from extract.sources.isolate import LimitExceeded, preload, run_limited, stage
from extract.sources.parsers import Content, OnDisk, Parser, parse, parse_limited, with_bytes

log = logging.getLogger(__name__)
PAGE_LOG_EVERY = 25  # pages between two progress lines of a long PDF


def run_rules(
    source: SourceFile, media_type: str, parsed: ParsedDocument, profile_path: str | None, on_progress: object = None
) -> DocumentResult:
    """The rules over one parsed document: what the isolated child runs (`on_progress` is unused: the rules
    report no progress of their own)."""
    from extract.nlp import load
    from extract.pipeline import extract

    profile, nlp = load(profile_path)
    return extract(source, media_type, parsed, profile, nlp)


Rules = Callable[..., DocumentResult]


def parse_then_rules(
    parser: Parser,
    content: Content,
    media_type: str,
    source: SourceFile,
    profile_path: str | None,
    rules: Rules,
    on_progress: Callable[[int, int], None] | None = None,
) -> DocumentResult:
    """Parse and run the rules in one isolated child (articles): the parsed text stays in the child."""
    parsed = with_bytes(parser, content, media_type, on_progress=on_progress)
    stage("rules")
    return rules(source, media_type, parsed, profile_path)


@dataclass(frozen=True)
class Job:
    """One document to extract and how: what a Prefect task or a Dask worker receives."""

    source: SourceFile
    profile_path: str | None = None
    settings: RunSettings = RunSettings()
    parser: Parser = parse  # module-level, so that it can be sent to the isolated child
    rules: Rules = run_rules  # the same


MapDocuments = Callable[[Sequence[Job]], Iterable[DocumentResult]]


@dataclass(frozen=True)
class BatchResult:
    manifest: Manifest
    release: Release | None  # None when the run changed nothing
    results: list[DocumentResult]


class DocumentsFailed(Exception):
    """A strict run (--strict; served deployments) in which documents failed: the good ones are curated, and the
    run still fails so that a schedule reports it."""

    def __init__(self, manifest: Manifest) -> None:
        self.manifest = manifest
        self.failures = [(i.source_path, i.error or "") for i in manifest.inputs if i.status == "failed"]
        shown_failures = "; ".join(f"{path}: {why}" for path, why in self.failures[:3])
        more = f"; and {len(self.failures) - 3} more" if len(self.failures) > 3 else ""
        super().__init__(
            f"{len(self.failures)} of {len(manifest.inputs)} documents failed (--strict): {shown_failures}{more}"
        )


def strict_failure(manifest: Manifest, settings: RunSettings) -> DocumentsFailed | None:
    """The failure a strict run ends in, or None (not strict, or no document failed)."""
    if settings.strict and any(i.status == "failed" for i in manifest.inputs):
        return DocumentsFailed(manifest)
    return None


@dataclass(frozen=True)
class Listing:
    """What raw/ holds: the files to read, and what was found but cannot be read (with the reason)."""

    files: list[str]
    problems: dict[str, str]  # a file that is a document but cannot be read → why: it fails as a document
    skipped: dict[str, str] = field(default_factory=dict)  # a path that is no document → why: never opened

    def unreadable_folders(self) -> list[str]:
        return [path for path, why in self.skipped.items() if why.startswith(FOLDER_PROBLEM)]


FOLDER_PROBLEM = "cannot read the folder"
SPECIAL_FILES = ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "device"), (stat.S_ISBLK, "device"))
TRANSIENT_ERRNOS = frozenset({errno.EIO, errno.EAGAIN, errno.ETIMEDOUT, errno.EBUSY, getattr(errno, "ESTALE", -1)})


def discover(raw_dir: Path) -> Listing:
    """Files under raw/ that the pipeline reads, as sorted POSIX paths (hidden files are skipped); a folder that
    cannot be read, a link that leaves raw/ and a file name that is not UTF-8 are problems, not silence."""
    root = raw_dir.resolve()
    files: list[str] = []
    problems: dict[str, str] = {}
    skipped: dict[str, str] = {}

    def folder_error(err: OSError) -> None:
        where = Path(err.filename or raw_dir)
        rel = where.relative_to(raw_dir).as_posix() if where.is_relative_to(raw_dir) else str(where)
        skipped[rel] = f"{FOLDER_PROBLEM} ({err.strerror or err}): its documents keep their previous extraction"

    for folder, dirs, names in os.walk(raw_dir, onerror=folder_error):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in dirs:
            if (here / d).is_symlink():
                skipped[(here / d).relative_to(raw_dir).as_posix()] = "a link to a folder: not followed"
        for name in sorted(n for n in names if not n.startswith(".")):
            path = here / name
            rel = path.relative_to(raw_dir).as_posix()
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                shown = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                problems[shown] = "the file name is not valid UTF-8: rename the file"
                continue
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                skipped[rel] = "a link to a file outside raw/: not followed (copy the file in instead)"
                continue
            try:
                mode = path.stat().st_mode  # a link inside raw/ is followed to its file
            except FileNotFoundError:
                skipped[rel] = "a link to nothing (its target was moved or deleted)"
                continue
            except OSError as err:
                problems[rel] = f"cannot look at the file: {err.strerror or err}; check its permissions"
                continue
            if stat.S_ISREG(mode):
                files.append(rel)
            elif not stat.S_ISDIR(mode):
                kind = next((k for test, k in SPECIAL_FILES if test(mode)), "special file")
                skipped[rel] = f"a special file ({kind}), not a document: not read"
    return Listing(sorted(files), problems, skipped)


def _open_inside(path: Path, root: Path) -> BinaryIO:
    """Open a file of raw/ and check what was opened, not what the name pointed to a moment before: a file
    swapped for a link out of raw/ (or for a FIFO) after `discover` looked at it is refused, not read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)  # O_NONBLOCK: a FIFO cannot hang the open
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LeftRaw(errno.EINVAL, "it is no longer a regular file: not read")
        try:
            opened = Path(os.readlink(f"/proc/self/fd/{fd}"))  # the file itself, whatever links led there
        except OSError:
            opened = path.resolve()  # no /proc: the name, resolved now
        if not opened.is_relative_to(root):
            raise LeftRaw(errno.EXDEV, "it became a link to a file outside raw/ during the run: not read")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


class LeftRaw(OSError):
    """The file changed into something the pipeline does not read between listing and reading."""


def _read(path: Path, rel: str, settings: RunSettings, root: Path) -> SourceFile:
    """A file of raw/, tried again after a pause when the read fails in a way that may pass (a network share
    that blinked). A file of a type the pipeline does not read is held as its head only (enough for sniff to
    tell a PDF with an odd name, which is then read whole), hashed over all its bytes; so is a large file,
    which the children that parse it read again by path."""
    for attempt in range(settings.read_retries + 1):
        try:
            with _open_inside(path, root) as fh:
                size = os.fstat(fh.fileno()).st_size
                head = fh.read(HEAD_BYTES)
                unread = path.suffix.lower() not in SUPPORTED_SUFFIXES and not head.startswith(b"%PDF-")
                if not unread and size > settings.max_file_mb * 1024 * 1024:
                    raise FileTooLarge(size)
                if unread or size > settings.inline_max_mb * 1024 * 1024:  # hashed as it streams
                    fh.seek(0)
                    digest = hashlib.file_digest(fh, "sha256").hexdigest()
                    return SourceFile(rel, head, digest, size, None if unread else str(path.resolve()))
                return SourceFile(rel, head + fh.read())
        except OSError as err:  # FileTooLarge and LeftRaw carry errnos that are not transient: raised at once
            if attempt == settings.read_retries or err.errno not in TRANSIENT_ERRNOS:
                raise
            log.warning("cannot read %s (%s); trying again", path, err)
            time.sleep(settings.retry_delay_s)
    raise AssertionError("unreachable")


class FileTooLarge(OSError):
    def __init__(self, size: int) -> None:
        super().__init__(errno.EFBIG, f"{size / 1024 / 1024:.0f} MB is more than the limit")


def failed(source: SourceFile, reason: str, media_type: str | None = None) -> DocumentResult:
    """A failed document's result; the pipeline (and with it spaCy) is loaded only when one is needed, so a
    run that takes every document from the cache never loads it."""
    from extract import pipeline

    return pipeline.failed(source, reason, media_type or pipeline.UNKNOWN_MEDIA_TYPE)


def read_sources(
    raw: Path, settings: RunSettings = RunSettings(), curated_paths: Collection[str] = ()
) -> tuple[list[SourceFile], list[DocumentResult], list[ManifestInput], Listing]:
    """Every file of raw/, read and hashed once. Returns the sources to extract, the files that could not be
    read (as failed results), the other names of identical files (skipped as duplicates) and the listing.
    Of identical files, the one already curated (`curated_paths`) stays; otherwise the first by name."""
    listing = discover(raw)
    root = raw.resolve()
    sources: list[SourceFile] = []
    unreadable: list[DocumentResult] = [failed(SourceFile(path, b""), why) for path, why in listing.problems.items()]
    duplicates: list[ManifestInput] = []
    first: dict[str, str] = {}
    for rel in sorted(listing.files, key=lambda rel: (rel not in curated_paths, rel)):
        try:
            source = _read(raw / rel, rel, settings, root)
        except FileTooLarge as err:
            why = f"file too large: {err.strerror} of {settings.max_file_mb} MB (EXTRACT_MAX_FILE_MB)"
            unreadable.append(failed(SourceFile(rel, b""), why))
            continue
        except LeftRaw as err:
            unreadable.append(failed(SourceFile(rel, b""), str(err.strerror)))
            continue
        except OSError as err:
            why = f"cannot read the file: {err.strerror or err}; check its permissions"
            unreadable.append(failed(SourceFile(rel, b""), why))
            continue
        if source.sha256 in first and source.data:  # empty files are each "empty", not copies of each other
            duplicates.append(
                ManifestInput(
                    source_path=rel,
                    doc_id=source.sha256,
                    size_bytes=source.size,
                    status="duplicate",
                    error=None,
                    duplicate_of=first[source.sha256],
                )
            )
            continue
        first.setdefault(source.sha256, rel)
        sources.append(source)
    return sources, unreadable, duplicates, listing


def extract_source(job: Job) -> DocumentResult:
    """Parse one source in a limited child process and run the rules; never raises for a bad document."""
    from extract.nlp import load  # spaCy and the rules load only when a document is extracted, not for a
    from extract.pipeline import UNKNOWN_MEDIA_TYPE  # run that takes everything from the cache

    started = time.perf_counter()
    source, media_type = job.source, UNKNOWN_MEDIA_TYPE
    load(job.profile_path)  # a broken profile stops the run here, before any document (ProfileError)

    def on_page(done: int, total: int) -> None:
        if done % PAGE_LOG_EVERY == 0 or done == total:
            log.info("%s: page %d/%d", source.path, done, total)

    try:
        media_type = sniff(PurePosixPath(source.path), source.data)  # a large file's head is enough
        content = OnDisk(source.location, source.sha256) if source.location else source.data
        if media_type == PDF and job.parser is parse:  # pages in ranges, by several children, composed here
            parsed = parse_limited(job.parser, content, media_type, job.settings, on_page)
            # the rules too run under the time and memory limits, in a child of their own
            result = run_limited(job.rules, (source, media_type, parsed, job.profile_path), job.settings, what="rules")
        else:  # one child parses and runs the rules: a long text never crosses into this process unless curated
            args = (job.parser, content, media_type, source, job.profile_path, job.rules)
            result = run_limited(parse_then_rules, args, job.settings, on_page, what="parser")
    except LimitExceeded as err:  # time or memory: may pass on another run, so a cache never keeps it
        result = failed(source, str(err), media_type)
        result.limited = True
    except SourceError as err:
        result = failed(source, str(err), media_type)
    except Exception as err:  # a parser or rule bug must cost one document, not the batch
        log.exception("unexpected error on %s", source.path)
        result = failed(source, f"internal error while extracting ({type(err).__name__}: {err})", media_type)
    result.seconds = time.perf_counter() - started
    return result


preload("extract.preload")  # the children that run the rules start with spaCy and the packaged profile loaded


def map_serial(jobs: Sequence[Job]) -> Iterator[DocumentResult]:
    return (extract_source(job) for job in jobs)


# What a document's extraction depends on: an edit here re-extracts; an edit to the writer, the release notes
# or the review site does not.
EXTRACTOR_PARTS = (
    "__init__.py",
    "batch.py",
    "document.py",
    "errors.py",
    "nlp.py",
    "pipeline.py",
    "profile.py",
    "settings.py",
    "dataset/keys.py",
    "dataset/models.py",
    "dataset/results.py",
    "profiles",
    "rules",
    "sources",
)


def extractor_files() -> list[Path]:
    """The source files an extraction depends on (code and profiles), sorted."""
    root = Path(__file__).parent
    found: list[Path] = []
    for part in EXTRACTOR_PARTS:
        path = root / part
        found.extend([path] if path.is_file() else path.rglob("*"))
    return sorted(p for p in found if p.is_file() and p.suffix in (".py", ".json"))


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """The version plus a hash of the extractor's own source, so an edited rule never reuses stale results."""
    root = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in extractor_files():
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{__version__}-{digest.hexdigest()[:12]}"


def cache_key(job: Job) -> str:
    """What an extraction depends on: the document's bytes and path (a renamed file carries its new path, and
    the edition may come from its name), the extractor, the profile, the parser and the limits it ran under
    (a document that timed out under 2 s is tried again under 300 s)."""
    profile = load_profile(job.profile_path)
    parser = f"{job.parser.__module__}.{job.parser.__qualname__}"
    if job.rules is not run_rules:
        parser += f"+{job.rules.__module__}.{job.rules.__qualname__}"
    where = hashlib.sha256(job.source.path.encode("utf-8")).hexdigest()[:16]
    limits = f"{job.settings.timeout_s:g}s{job.settings.memory_mb}m"
    return f"extract-{job.source.sha256}-{where}-{extractor_fingerprint()}-{profile.sha256[:16]}-{parser}-{limits}"


def shown(path: str) -> str:
    """A path as a progress line or a changelog shows it: control characters (a newline in a file name) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in path)


def describe(n: int, total: int, result: DocumentResult) -> str:
    d = result.document
    if d.status == "failed":
        return f"[{n}/{total}] FAILED {shown(d.source_path)}: {d.error}"
    how = "cached" if result.reused else f"{result.seconds:.1f}s"
    return (
        f"[{n}/{total}] ok {shown(d.source_path)} ({how}): {len(result.topics)} topics, "
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
    rules: Rules = run_rules,
) -> BatchResult:
    """Every document in raw/ into curated/, under the curated folder's lock."""
    profile = load_profile(profile_path)
    check_folder(curated)  # before the lock file is made: a folder that is not a dataset is left untouched
    with dataset_lock(curated, settings.wait_s):
        started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
        recover(curated)  # a write a kill interrupted is completed (or its temporary files deleted) first
        curated_paths = read_snapshot(curated).documents.keys()  # a damaged dataset stops here, before any work
        sources, unreadable, duplicates, listing = read_sources(raw, settings, curated_paths)
        sources.sort(key=lambda source: source.path)
        jobs = [Job(source, profile_path, settings, parser, rules) for source in sources]
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
        ref = ProfileRef(
            name=profile.name,
            version=profile.version,
            sha256=profile.sha256,
            categories=[CategoryRef(id=c.id, label=c.label) for c in profile.categories],
        )
        manifest, release = write_dataset(
            curated,
            results,
            ref,
            run,
            duplicates,
            listing.unreadable_folders(),
            None if settings.allow_removals else MAX_REMOVED_SHARE,
            [SkippedPath(path=path, reason=why) for path, why in sorted(listing.skipped.items())],
        )
    return BatchResult(manifest, release, results)


def reused(result: DocumentResult) -> DocumentResult:
    """The same result, marked as taken from an orchestrator's cache rather than extracted in this run."""
    return replace(result, reused=True)
