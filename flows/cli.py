"""The `extract` command: run the flow, export the schema, evaluate against gold."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path


def _prefect_home() -> None:
    # Keep Prefect's database inside the project's ignored state unless the user chose otherwise.
    home = Path(os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".state" / "prefect")))
    home.mkdir(parents=True, exist_ok=True)  # Prefect creates only the last level itself
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # A fresh PREFECT_HOME builds its database on first start; Prefect's default 20 s wait is too short
    # for that on a busy machine, and the run would fail before it began.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")


def cmd_run(args: argparse.Namespace) -> int:
    if not Path(args.raw).is_dir():
        print(f"error: raw folder {args.raw} does not exist", file=sys.stderr)
        return 2
    from extract.isolate import Limits
    from extract.lock import DatasetLocked

    try:
        if args.no_prefect:
            from extract.batch import run_batch

            limits = Limits(timeout_s=args.timeout, memory_mb=args.memory_mb, isolate=not args.no_isolation)
            manifest = run_batch(
                Path(args.raw), Path(args.curated), args.profile, progress=print, limits=limits, wait_s=args.wait
            )
        else:
            _prefect_home()
            from flows.extract_reports import with_runner

            print(
                f"running the Prefect flow on {args.raw} (first run sets up Prefect's database, ~15 s)",
                flush=True,
            )
            manifest = with_runner(args.runner, args.dask_address, args.workers)(
                args.raw, args.curated, args.profile, args.timeout, args.memory_mb, args.wait, args.refresh
            )
    except DatasetLocked as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    failed = [i for i in manifest.inputs if i.status == "failed"]
    print(f"curated {args.curated} (dataset {manifest.dataset_version}): {json.dumps(manifest.counts)}")
    for item in failed:
        print(f"  failed {item.source_path}: {item.error}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the flow as a deployment with a cron schedule; runs until interrupted."""
    _prefect_home()
    from flows.deployment import serve

    serve(args.name, args.cron, args.raw, args.curated, args.profile)
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from extract.store import write_schemas

    for path in write_schemas(Path(args.out)):
        print(path)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from extract.evaluate import evaluate, format_report

    report = evaluate(Path(args.curated), Path(args.gold), Path(args.raw) if args.raw else None)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="extract", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log every step")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract raw/ into curated/ with the Prefect flow")
    run.add_argument("--raw", default="raw")
    run.add_argument("--curated", default="curated")
    run.add_argument("--profile", default=None, help="profile JSON (default: the packaged CoSN profile)")
    run.add_argument("--no-prefect", action="store_true", help="run the same pipeline without Prefect")
    run.add_argument("--runner", choices=("threads", "dask"), default="threads", help="Prefect task runner")
    run.add_argument("--dask-address", default=None, help="scheduler of an existing Dask cluster (tcp://host:8786)")
    run.add_argument("--workers", type=int, default=2, help="threads, or local Dask workers")
    run.add_argument("--timeout", type=float, default=300.0, help="seconds one document may spend parsing")
    run.add_argument("--memory-mb", type=int, default=2048, help="memory budget of one document's parser")
    run.add_argument("--no-isolation", action="store_true", help="parse in-process (with --no-prefect; debugging)")
    run.add_argument("--refresh", action="store_true", help="re-extract every document, ignoring the cache")
    run.add_argument("--wait", type=float, default=0.0, help="seconds to wait if another run holds curated/")
    run.set_defaults(func=cmd_run)
    serve = sub.add_parser("serve", help="serve the flow as a scheduled deployment (until Ctrl-C)")
    serve.add_argument("--name", default="scheduled")
    serve.add_argument("--cron", default="0 6 * * *", help="cron schedule (default: daily at 06:00)")
    serve.add_argument("--raw", default="raw")
    serve.add_argument("--curated", default="curated")
    serve.add_argument("--profile", default=None)
    serve.set_defaults(func=cmd_serve)
    schema = sub.add_parser("schema", help="write the JSON Schema of every curated file")
    schema.add_argument("--out", default="curated/schema")
    schema.set_defaults(func=cmd_schema)
    ev = sub.add_parser("evaluate", help="score a curated folder against gold annotations")
    ev.add_argument("curated")
    ev.add_argument("gold")
    ev.add_argument("--raw", default="raw", help="folder that source_path is relative to")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(func=cmd_evaluate)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
