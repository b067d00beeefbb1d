"""The scheduled deployment of the extraction flow, for `extract serve` and `prefect deploy` (prefect.yaml)."""

from __future__ import annotations

import os
from pathlib import Path

from flows.extract_reports import extract_reports

DEFAULT_CRON = "0 6 * * *"


def serve(
    name: str = "scheduled",
    cron: str | None = None,
    raw_dir: str = "raw",
    curated_dir: str = "curated",
    profile_path: str | None = None,
) -> None:
    """Register the deployment with the Prefect API and run its scheduled and triggered runs here.

    Paths are made absolute, since runs start in this process's working directory only by accident."""
    cron = cron or os.environ.get("EXTRACT_CRON", DEFAULT_CRON)
    extract_reports.serve(
        name=name,
        cron=cron,
        parameters={
            "raw_dir": str(Path(raw_dir).resolve()),
            "curated_dir": str(Path(curated_dir).resolve()),
            "profile_path": str(Path(profile_path).resolve()) if profile_path else None,
            "wait_s": 600.0,  # a scheduled run queues behind a manual one instead of failing
        },
        description="Extract topics, definitions and quotes from raw/ into curated/.",
        tags=["k12-extract"],
    )
