"""The extraction flow: the library's `run_batch`, with each document as a cached Prefect task, and the
stewards' artifacts and review site at the end."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from prefect import Flow, flow, get_run_logger, task
from prefect.artifacts import create_link_artifact, create_markdown_artifact, create_table_artifact
from prefect.context import TaskRunContext
from prefect.runtime import flow_run
from prefect.states import Failed, State
from prefect.task_runners import ThreadPoolTaskRunner

from extract.batch import BatchResult, Job, MapDocuments, cache_key, extract_source, reused, run_batch, strict_failure
from extract.dataset.lock import DatasetLocked
from extract.dataset.models import Manifest
from extract.dataset.release import render_release
from extract.dataset.results import DocumentResult
from extract.dataset.store import UnsafeWrite
from extract.errors import ProfileError
from extract.review import write_site
from extract.settings import DEFAULT_WORKERS, RunSettings

# Where progress lines go besides the run's log: `extract run` adds its console (Prefect's own console lines
# are kept out of a steward's terminal unless --verbose).
CONSOLE: list[Callable[[str], None]] = []


def _job_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    return cache_key(parameters["job"])


@task(name="extract-document", task_run_name="extract {job.source.path}", cache_key_fn=_job_key, persist_result=True)
def extract_document(job: Job) -> DocumentResult:
    """Never raises for a bad document: the failure is recorded on its Document record. Cached on the
    document's SHA-256 plus the extractor, profile and parser, so an unchanged document is not extracted again."""
    return extract_source(job)


def task_map(refresh: bool = False) -> MapDocuments:
    """Documents as Prefect tasks on the flow's task runner; a result Prefect took from its cache is marked
    `reused` (Prefect names such a state "Cached")."""
    task_ = extract_document.with_options(refresh_cache=True) if refresh else extract_document

    def map_documents(jobs: Sequence[Job]) -> Iterator[DocumentResult]:
        futures = [task_.submit(job) for job in jobs]
        for job, future in zip(jobs, futures, strict=True):
            result = future.result()
            if future.state.name == "Cached" and result.limited:  # a limit failure is tried again, never reused
                result = extract_document.with_options(refresh_cache=True).submit(job).result()
            elif future.state.name == "Cached":
                result = reused(result)
            yield result

    return map_documents


@flow(name="extract-reports", task_runner=ThreadPoolTaskRunner(max_workers=DEFAULT_WORKERS))
def extract_reports(
    raw_dir: str = "raw",
    curated_dir: str = "curated",
    profile_path: str | None = None,
    timeout_s: float | None = None,
    memory_mb: int | None = None,
    wait_s: float | None = None,
    refresh: bool = False,
    strict: bool | None = None,
    allow_removals: bool | None = None,
) -> Manifest | State:
    """Curate raw_dir into curated_dir. Limits left out come from EXTRACT_* variables or the defaults;
    `refresh` re-extracts every document instead of using the cache; `strict` ends the run Failed when a
    document failed (the others are curated); `allow_removals` lets it remove most or all documents."""
    logger = get_run_logger()
    settings = RunSettings.from_env(
        timeout_s=timeout_s, memory_mb=memory_mb, wait_s=wait_s, strict=strict, allow_removals=allow_removals
    )

    def progress(line: str) -> None:
        logger.info("%s", line)
        for show in CONSOLE:
            show(line)

    try:
        outcome = run_batch(
            Path(raw_dir),
            Path(curated_dir),
            profile_path,
            settings,
            progress=progress,
            map_documents=task_map(refresh),
            flow_run_id=str(flow_run.get_id() or "") or None,
        )
    except (DatasetLocked, UnsafeWrite, ProfileError) as err:
        # The steward's to fix, not a crash: one line in the log, no traceback; the state carries the error.
        logger.error("%s", err)
        return Failed(message=str(err), data=err)
    logger.info("curated %s (dataset %s): %s", curated_dir, outcome.manifest.dataset_version, outcome.manifest.counts)
    publish_artifacts(Path(curated_dir), outcome)
    try:
        site = write_site(Path(curated_dir), Path(raw_dir), wait_s=settings.wait_s)
    except DatasetLocked:  # a queued run took the folder at once; it writes the site when it is done
        logger.info("another run holds %s; it will write the review site", curated_dir)
    else:
        logger.info("review site: %s", site.index)
        create_link_artifact(
            key="review-site",
            link=site.index.resolve().as_uri(),
            link_text=f"Review site of dataset {outcome.manifest.dataset_version}",
            description=f"Static site for stewards (open from disk): {site.index.resolve()}",
        )
    failure = strict_failure(outcome.manifest, settings)
    if failure is not None:
        logger.error("%s", failure)
        return Failed(message=str(failure), data=failure)
    return outcome.manifest


def publish_artifacts(curated: Path, outcome: BatchResult) -> None:
    """The stewards' view: a table of documents, and what changed since the last release."""
    rows = [
        {
            "document": r.document.source_path,
            "status": r.document.status,
            "edition": r.document.edition,
            "topics": len(r.topics),
            "definitions": len(r.definitions),
            "quotes": len(r.quotes),
            "extracted": "cached" if r.reused else f"{r.seconds:.1f} s",
            "error": r.document.error or "",
        }
        for r in sorted(outcome.results, key=lambda r: r.document.source_path)
    ]
    create_table_artifact(key="curated-documents", table=rows, description=f"Documents in {curated}")
    manifest, release = outcome.manifest, outcome.release
    if release is not None:
        summary = f"# Dataset {release.version}\n\n" + render_release(release)
    else:
        summary = (
            f"# Dataset {manifest.dataset_version}: no changes\n\n"
            f"{manifest.counts.get('reused', 0)} documents reused from cache, "
            f"{manifest.counts.get('extracted', 0)} extracted; the curated files were left as they were."
        )
    create_markdown_artifact(key="release-summary", markdown=summary, description="Changes since the last release")


def with_runner(runner: str = "threads", dask_address: str | None = None, workers: int = DEFAULT_WORKERS) -> Flow:
    """The flow with the chosen task runner: local threads, or Dask (a local cluster, or `dask_address`)."""
    if runner == "threads":
        return extract_reports.with_options(task_runner=ThreadPoolTaskRunner(max_workers=workers))
    if runner == "dask":
        import dask
        from prefect_dask import DaskTaskRunner

        # Each document's parser runs in a child process, which daemonic Dask workers may not start.
        dask.config.set({"distributed.worker.daemon": False})
        if dask_address:
            return extract_reports.with_options(task_runner=DaskTaskRunner(address=dask_address))
        cluster = {"n_workers": workers, "threads_per_worker": 1, "processes": True, "dashboard_address": None}
        return extract_reports.with_options(task_runner=DaskTaskRunner(cluster_kwargs=cluster))
    raise ValueError(f"unknown task runner {runner!r}: use 'threads' or 'dask'")
