"""The extraction flow: list raw/ → one task per document → write curated/."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from extract.batch import dedupe_sources, describe, finish, process
from extract.models import Manifest
from extract.pipeline import DocumentResult, discover


@task(name="extract-document", task_run_name="extract {rel}")
def extract_document(raw_dir: str, rel: str, profile_path: str | None = None) -> DocumentResult:
    """Never raises for a bad document: the failure is recorded on its Document record."""
    return process(Path(raw_dir), rel, profile_path)


@flow(name="extract-reports", task_runner=ThreadPoolTaskRunner(max_workers=2))
def extract_reports(raw_dir: str = "raw", curated_dir: str = "curated", profile_path: str | None = None) -> Manifest:
    logger = get_run_logger()
    started, clock = dt.datetime.now(dt.UTC), time.perf_counter()
    raw = Path(raw_dir)
    paths, skipped = dedupe_sources(raw, discover(raw))
    logger.info("%d documents in %s (%d duplicates skipped)", len(paths), raw, len(skipped))
    futures = [extract_document.submit(raw_dir, rel, profile_path) for rel in paths]
    results: list[DocumentResult] = []
    for n, future in enumerate(futures, start=1):
        result = future.result()
        results.append(result)
        logger.info(describe(n, len(futures), result))
    manifest = finish(Path(curated_dir), results, skipped, profile_path, started, clock, str(flow_run.get_id() or ""))
    logger.info("curated %s: %s", curated_dir, manifest.counts)
    return manifest
