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


def cmd_run(args: argparse.Namespace) -> int:
    if not Path(args.raw).is_dir():
        print(f"error: raw folder {args.raw} does not exist", file=sys.stderr)
        return 2
    if args.no_prefect:
        from extract.batch import run_batch

        manifest = run_batch(Path(args.raw), Path(args.curated), args.profile, progress=print)
    else:
        _prefect_home()
        from flows.extract_reports import extract_reports

        print(
            f"running the Prefect flow on {args.raw} (first run sets up Prefect's database, ~15 s)",
            flush=True,
        )
        manifest = extract_reports(args.raw, args.curated, args.profile)
    failed = [i for i in manifest.inputs if i.status == "failed"]
    print(f"curated {args.curated}: {json.dumps(manifest.counts)}")
    for item in failed:
        print(f"  failed {item.source_path}: {item.error}")
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
    run.set_defaults(func=cmd_run)
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
