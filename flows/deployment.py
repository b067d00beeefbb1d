"""The scheduled deployment of the extraction flow, for `extract serve` (prefect.yaml has the same for
`prefect deploy` with a work pool)."""

from __future__ import annotations

from pathlib import Path

from extract.settings import DEFAULT_SCHEDULED_WAIT_S
from flows.extract_reports import extract_reports


def serve(
    name: str, cron: str, raw_dir: str = "raw", curated_dir: str = "curated", profile_path: str | None = None
) -> None:
    """Register the deployment with the Prefect API and run its scheduled and triggered runs here.

    Paths are made absolute, since runs start in this process's working directory only by accident."""
    extract_reports.serve(
        name=name,
        cron=cron,
        parameters={
            "raw_dir": str(Path(raw_dir).resolve()),
            "curated_dir": str(Path(curated_dir).resolve()),
            "profile_path": str(Path(profile_path).resolve()) if profile_path else None,
            "wait_s": DEFAULT_SCHEDULED_WAIT_S,
            "strict": True,  # a scheduled run with a failed document ends Failed, so the schedule shows it
        },
        description="Extract topics, definitions and quotes from raw/ into curated/.",
        tags=["k12-extract"],
    )
