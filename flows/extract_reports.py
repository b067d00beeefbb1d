"""The extraction flow: list raw/ → one cached, isolated task per document → write curated/ → artifacts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path
from typing import Any

from prefect import Flow, flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.context import TaskRunContext
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from extract.batch import cache_key, dedupe_sources, describe, finish, process
from extract.isolate import Limits
from extract.lock import dataset_lock
from extract.models import Manifest
from extract.pipeline import DocumentResult, discover
from extract.release import previous_releases, render_release

RETRIES = 2


def _document_key(context: TaskRunContext, parameters: dict[str, Any]) -> str:
    return cache_key(parameters["sha256"], parameters["profile_path"])


def _transient(task: Any, task_run: Any, state: Any) -> bool:
    """Retry what may pass (a file briefly unreadable, a share that blinked), not a bad document."""
    try:
        state.result()
    except OSError:
        return True
    except Exception:
        return False
    return False


@task(
    name="extract-document",
    task_run_name="extract {rel}",
    cache_key_fn=_document_key,
    persist_result=True,
    retries=RETRIES,
    retry_delay_seconds=2,
    retry_condition_fn=_transient,
)
def extract_document(
    raw_dir: str, rel: str, sha256: str, profile_path: str | None, timeout_s: float, memory_mb: int
) -> DocumentResult:
    """Never raises for a bad document: the failure is recorded on its Document record.

    Cached on the document's SHA-256 plus the extractor and profile versions, so an unchanged document
    is not extracted again; parsing runs in a child process with a time and memory limit."""
    result = process(Path(raw_dir), rel, profile_path, Limits(timeout_s=timeout_s, memory_mb=memory_mb))
    result.produced_by = str(flow_run.get_id() or "")  # a later run that gets this back got it from the cache
    return result


@flow(name="extract-reports", task_runner=ThreadPoolTaskRunner(max_workers=2))
def extract_reports(
    raw_dir: str = "raw",
    curated_dir: str = "curated",
    profile_path: str | None = None,
    timeout_s: float = 300.0,
    memory_mb: int = 2048,
    wait_s: float = 0.0,
    refresh: bool = False,
) -> Manifest:
    """Curate raw_dir into curated_dir; `refresh` re-extracts every document instead of using the cache."""
    logger = get_run_logger()
    curated = Path(curated_dir)
    with dataset_lock(curated, wait_s):
        started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
        raw = Path(raw_dir)
        paths, skipped = dedupe_sources(raw, discover(raw))
        logger.info("%d documents in %s (%d duplicates skipped)", len(paths), raw, len(skipped))
        task_ = extract_document.with_options(refresh_cache=True) if refresh else extract_document
        futures = [task_.submit(raw_dir, rel, sha, profile_path, timeout_s, memory_mb) for rel, sha in paths.items()]
        run_id = str(flow_run.get_id() or "")
        results: list[DocumentResult] = []
        for n, future in enumerate(futures, start=1):
            result = future.result()
            if result.produced_by != run_id:
                result = dataclasses.replace(result, reused=True)
            results.append(result)
            logger.info(describe(n, len(futures), result))
        manifest = finish(curated, results, skipped, profile_path, started, clock, run_id)
    logger.info("curated %s (dataset %s): %s", curated_dir, manifest.dataset_version, manifest.counts)
    publish_artifacts(curated, manifest, results)
    return manifest


def publish_artifacts(curated: Path, manifest: Manifest, results: list[DocumentResult]) -> None:
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
        for r in sorted(results, key=lambda r: r.document.source_path)
    ]
    create_table_artifact(key="curated-documents", table=rows, description=f"Documents in {curated}")
    history = previous_releases(curated)
    latest = history[-1] if history else None
    if latest is not None and latest.released_at == manifest.run.finished_at:
        summary = f"# Dataset {latest.version}\n\n" + render_release(latest)
    else:
        summary = (
            f"# Dataset {manifest.dataset_version}: no changes\n\n"
            f"{manifest.counts.get('reused', 0)} documents reused from cache, "
            f"{manifest.counts.get('extracted', 0)} extracted; the curated files were left as they were."
        )
    create_markdown_artifact(key="release-summary", markdown=summary, description="Changes since the last release")


def with_runner(runner: str = "threads", dask_address: str | None = None, workers: int = 2) -> Flow:
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
