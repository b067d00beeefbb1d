"""The `extract` command: run the flow, serve it on a schedule, write the review site, export the schema or
the dataset as CSV/Parquet, evaluate against gold.

A user's mistake (a wrong path, a bad profile, a bad option value, a folder another run holds) ends in one
line saying what was wrong and how to fix it, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from pathlib import Path
from typing import NoReturn

from flows.entry import INTERRUPTED, held_back

EXIT_USAGE = 2  # the command cannot run as given
EXIT_LOCKED = 3  # another run holds the curated folder
EXIT_FAILED = 1  # the run itself failed (a bug, not a mistake of the user's); `check` found problems
EXIT_DOCUMENTS_FAILED = 4  # --strict: documents failed (the others were curated)


class UsageError(Exception):
    """What the user asked for cannot be done as given; the message says why and how to fix it."""


def _prefect_home(verbose: bool = False) -> bool:
    """Prefect's settings for this process (before Prefect is imported); whether its database is still to be made."""
    # Keep Prefect's database inside the project's ignored state unless the user chose otherwise.
    home = Path(os.environ.setdefault("PREFECT_HOME", str(Path.cwd() / ".state" / "prefect")))
    home.mkdir(parents=True, exist_ok=True)  # Prefect creates only the last level itself
    if not verbose:  # run and task lines go to the Prefect API only; the command prints progress and a summary
        os.environ.setdefault("PREFECT_LOGGING_SETTINGS_PATH", str(Path(__file__).with_name("console_logging.yml")))
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # A fresh PREFECT_HOME builds its database on first start; Prefect's default 20 s wait is too short
    # for that on a busy machine, and the run would fail before it began.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "180")
    return not (home / "prefect.db").exists()


def _settings(args: argparse.Namespace, **given: object):
    from extract.settings import RunSettings

    try:
        return RunSettings.from_env(**given)
    except ValueError as err:
        raise UsageError(f"bad option value: {err}") from None


def _check_folders(args: argparse.Namespace) -> None:
    if not args.raw.strip() or not args.curated.strip():
        raise UsageError("--raw and --curated need a folder name (an empty one means the current folder by accident)")
    raw, curated = Path(args.raw), Path(args.curated)
    if not raw.is_dir():
        raise UsageError(f"raw folder {raw} does not exist (or is not a folder); pass --raw DIR (make run RAW=DIR)")
    if not os.access(raw, os.R_OK | os.X_OK):
        raise UsageError(f"raw folder {raw} cannot be read; check its permissions")
    if curated.exists() and not curated.is_dir():
        raise UsageError(f"curated path {curated} is a file, not a folder; pass --curated DIR")
    raw_at, curated_at = raw.resolve(), curated.resolve()
    if raw_at == curated_at or raw_at.is_relative_to(curated_at) or curated_at.is_relative_to(raw_at):
        raise UsageError(
            f"raw folder {raw} and curated folder {curated} overlap: the pipeline would read its own output "
            "or write among its inputs; give them separate folders"
        )
    parent = curated_at if curated_at.exists() else curated_at.parent
    if parent.exists() and not os.access(parent, os.W_OK | os.X_OK):
        raise UsageError(f"curated folder {curated} cannot be written; check its permissions")
    if args.profile:
        from extract.nlp import load

        load(args.profile)  # fails early, with the profile's path and the rule at fault


def cmd_run(args: argparse.Namespace) -> int:
    _check_folders(args)
    settings = _settings(
        args,
        timeout_s=args.timeout,
        memory_mb=args.memory_mb,
        wait_s=args.wait,
        workers=args.workers,
        strict=args.strict or None,
        allow_removals=args.allow_removals or None,
    )
    before = _dataset_version(Path(args.curated))
    if args.no_prefect and (args.runner != "threads" or args.dask_address or args.workers is not None):
        print("note: --runner, --dask-address and --workers apply to the Prefect flow, not to --no-prefect", flush=True)
    if not args.no_prefect and args.no_isolation:
        print("note: --no-isolation applies to --no-prefect only; the flow parses every document in isolation")
    if args.dask_address and not re.match(r"^(tcp|tls|inproc|ucx)://[^:/]+:\d+$", args.dask_address):
        raise UsageError(f"--dask-address {args.dask_address!r} is not a scheduler address like tcp://host:8786")
    if args.dask_address and args.dask_address.startswith(("tcp://", "tls://")):
        _reach(args.dask_address)
    from extract.batch import DocumentsFailed, strict_failure

    if args.no_prefect:
        from dataclasses import replace

        from extract.batch import run_batch

        settings = replace(settings, isolate=not args.no_isolation)
        manifest = run_batch(Path(args.raw), Path(args.curated), args.profile, settings, progress=print).manifest
        review = _review_site(args, settings.wait_s)
    else:
        if not settings.wait_s:
            from extract.dataset.lock import check_free

            check_free(Path(args.curated))  # at once, not after Prefect has started
        first = _prefect_home(args.verbose)
        server = os.environ.get("PREFECT_API_URL")
        if server:
            _reach_api(server)
        where = f"the Prefect server at {server}" if server else "an ephemeral Prefect API"
        setting_up = " (its first run sets up Prefect's database, ~15 s)" if first and not server else ""
        print(f"running the Prefect flow on {args.raw} with {where}{setting_up}", flush=True)
        from flows.ephemeral import tie_ephemeral_server_to_this_process
        from flows.extract_reports import CONSOLE, with_runner

        if not server:
            tie_ephemeral_server_to_this_process()  # a killed run leaves no server behind

        CONSOLE.append(lambda line: print(line, flush=True))

        flow = with_runner(args.runner, args.dask_address, settings.workers)
        state = flow(
            args.raw,
            args.curated,
            args.profile,
            settings.timeout_s,
            settings.memory_mb,
            settings.wait_s,
            args.refresh,
            settings.strict,
            settings.allow_removals,
            return_state=True,
        )
        try:
            manifest = _flow_result(state)
        except DocumentsFailed as err:
            manifest = err.manifest
        review = Path(args.curated) / "review" / "index.html"
    for line in summary(manifest, before, Path(args.curated), review):
        print(line)
    if strict_failure(manifest, settings) is not None:
        print(
            "error: documents failed and --strict is on (the others are curated); see the list above", file=sys.stderr
        )
        return EXIT_DOCUMENTS_FAILED
    return 0


def _dataset_version(curated: Path) -> str | None:
    """The version of the dataset in `curated` before the run (None when there is none, or it cannot be read)."""
    try:
        return json.loads((curated / "manifest.json").read_text(encoding="utf-8")).get("dataset_version")
    except (OSError, ValueError, AttributeError):
        return None


def summary(manifest, before: str | None, curated: Path, review: Path | None) -> list[str]:  # type: ignore[no-untyped-def]
    """The end-of-run table a steward reads: documents, records, the dataset version, where to look next."""
    from extract.batch import shown

    counts, inputs = manifest.counts, manifest.inputs
    statuses = [i.status for i in inputs]
    documents = f"{statuses.count('ok')} ok ({counts.get('extracted', 0)} extracted, {counts.get('reused', 0)} reused)"
    documents += f", {statuses.count('failed')} failed"
    if statuses.count("duplicate"):
        documents += f", {statuses.count('duplicate')} duplicates skipped"
    version = manifest.dataset_version
    if before == version:
        dataset = f"{version}: no changes"
    else:
        dataset = f"{version} (was {before})" if before else f"{version} (new dataset)"
        dataset += f"; what changed: {curated / 'CHANGELOG.md'}"
    rows = [
        ("documents", documents),
        ("records", ", ".join(f"{counts.get(k, 0)} {k}" for k in ("topics", "definitions", "quotes", "rejected"))),
        ("dataset", dataset),
    ]
    if review is not None:
        rows.append(("review", str(review)))
    lines = [f"{label:<10} {value}" for label, value in rows]
    lines += [f"failed     {shown(i.source_path)}: {i.error}" for i in inputs if i.status == "failed"]
    lines += [f"skipped    {shown(s.path)}: {s.reason}" for s in manifest.skipped]
    return lines


DASK_CONNECT_S = 5.0  # seconds to reach a Dask scheduler before saying it cannot be reached


def _reach(address: str) -> None:
    """Fail at once, in one line, when the Dask scheduler does not answer (Prefect would wait and log a traceback)."""
    import socket

    host, _, port = address.split("://", 1)[1].rpartition(":")
    try:
        socket.create_connection((host, int(port)), timeout=DASK_CONNECT_S).close()
    except OSError as err:
        raise UsageError(
            f"no Dask scheduler answers at {address} ({err.strerror or err}); start one (`dask scheduler`) or leave "
            "out --dask-address to run a local cluster"
        ) from None


API_CONNECT_S = 5.0  # seconds to reach a Prefect server named by PREFECT_API_URL before saying it cannot be reached


def _reach_api(url: str) -> None:
    """Fail at once, in one line, when PREFECT_API_URL names a server that does not answer (Prefect would
    retry and end in a traceback of a hundred lines)."""
    import urllib.error
    import urllib.request

    try:
        urllib.request.urlopen(f"{url.rstrip('/')}/health", timeout=API_CONNECT_S).close()
    except (urllib.error.URLError, OSError, ValueError) as err:
        reason = getattr(err, "reason", err)
        raise UsageError(
            f"no Prefect server answers at PREFECT_API_URL={url} ({reason}); start it (`prefect server start`) "
            "or unset PREFECT_API_URL to use an ephemeral one"
        ) from None


def _flow_result(state):  # type: ignore[no-untyped-def]
    """The flow's manifest, or the user's mistake it stopped on, raised again for main() to report in one line."""
    from extract.batch import DocumentsFailed
    from extract.dataset.lock import DatasetLocked
    from extract.dataset.store import UnsafeWrite
    from extract.errors import ProfileError

    try:
        return state.result()
    except (DatasetLocked, UnsafeWrite, ProfileError, DocumentsFailed):
        raise
    except Exception as err:  # the flow crashed: say so in one line; the run's log in Prefect has the details
        raise FlowFailed(f"the flow run failed ({type(err).__name__}: {err}); see its log in Prefect") from None


def _review_site(args: argparse.Namespace, wait_s: float) -> Path | None:
    """The review site follows the dataset in --no-prefect runs too (the flow writes it as its last step)."""
    from extract.dataset.lock import DatasetLocked
    from extract.review import ReviewError, write_site

    try:
        return write_site(Path(args.curated), Path(args.raw), wait_s=wait_s).index
    except DatasetLocked:
        print("another run holds the curated folder; it will write the review site")
    except ReviewError as err:
        print(f"note: the review site was not written: {err}")
    return None


class FlowFailed(Exception):
    """The Prefect flow run ended in a failure that is not the user's mistake."""


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the flow as a deployment with a cron schedule; runs until interrupted."""
    _check_folders(args)
    settings = _settings(args, cron=args.cron)
    from prefect._internal.schemas.validators import validate_cron_string  # the check Prefect's API applies

    try:
        validate_cron_string(settings.cron)
    except ValueError as err:
        raise UsageError(f"bad schedule: {err} (minute hour day month weekday, like '0 6 * * *')") from None
    server = os.environ.get("PREFECT_API_URL")
    if not server:
        raise UsageError(
            "extract serve needs a running Prefect server (an ephemeral one never fires schedules): start "
            "`prefect server start` and set PREFECT_API_URL=http://127.0.0.1:4200/api (README, Schedules)"
        )
    _reach_api(server)
    _prefect_home(args.verbose)
    from flows.deployment import serve

    print(f"serving extract-reports/{args.name} on the schedule {settings.cron!r} (Ctrl-C stops)", flush=True)
    serve(args.name, settings.cron, args.raw, args.curated, args.profile)
    return 0


def _raw_given(raw: str | None) -> Path:
    """--raw of review and evaluate: a folder named on purpose must exist (a typo would silently skip the page
    images or the provenance check); the default `raw` may be absent."""
    if raw is None:
        return Path("raw")
    if not Path(raw).is_dir():
        raise UsageError(f"raw folder {raw} does not exist (or is not a folder); pass the --raw the run used")
    return Path(raw)


def cmd_review(args: argparse.Namespace) -> int:
    """Write the static review site of a curated folder (default `<curated>/review/`)."""
    from extract.review import ReviewError, write_site

    try:
        site = write_site(Path(args.curated), _raw_given(args.raw), Path(args.out) if args.out else None)
    except ReviewError as err:
        raise UsageError(str(err)) from None
    print(f"review site: {site.index} ({site.pages} pages, {site.crops} page images); open it in a browser")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from extract.dataset.store import write_schemas

    try:
        written = write_schemas(Path(args.out))
    except OSError as err:
        raise UsageError(f"cannot write the schema into {args.out}: {err.strerror or err}") from None
    for path in written:
        print(path)
    return 0


def _outside_the_dataset(out: Path, curated: Path, raw: Path) -> None:
    """An export written among raw/ would be read as documents next run; among curated/, it mixes with the
    dataset's own files."""
    at = out.resolve()
    for folder, why in ((curated, "the dataset's own files"), (raw, "the documents (the next run would read it)")):
        if folder.exists() and (at == folder.resolve() or at.is_relative_to(folder.resolve())):
            raise UsageError(f"{out} is inside {folder}, among {why}; export into another folder, like `export`")


def cmd_export(args: argparse.Namespace) -> int:
    """One CSV or Parquet file per record type (and the catalog and speakers) of a curated folder."""
    from extract.dataset import DatasetError, load
    from extract.dataset.export import ExportError, export

    _outside_the_dataset(Path(args.out), Path(args.curated), Path(args.raw))
    try:
        written = export(load(args.curated), args.to, Path(args.out))
    except (DatasetError, ExportError) as err:
        raise UsageError(str(err)) from None
    except OSError as err:
        raise UsageError(f"cannot write into {args.out}: {err.strerror or err}") from None
    for path in written:
        print(path)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from extract.evaluate import EvaluationError, evaluate, format_report

    try:
        report = evaluate(Path(args.curated), Path(args.gold), _raw_given(args.raw))
    except EvaluationError as err:
        raise UsageError(str(err)) from None
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a curated folder as one whole dataset; --repair first completes a write a kill interrupted."""
    from extract.dataset.check import NotADataset, check_dataset

    curated = Path(args.curated)
    if args.repair and curated.is_dir():
        from extract.dataset.commit import JournalError, recover
        from extract.dataset.lock import dataset_lock

        try:
            with dataset_lock(curated, args.wait):
                for line in recover(curated) or ["nothing to repair: no interrupted write"]:
                    print(line)
        except JournalError as err:
            raise UsageError(str(err)) from None
    try:
        report = check_dataset(curated)
    except NotADataset as err:
        raise UsageError(str(err)) from None
    for line in report.lines():
        print(line)
    print(f"{curated}: {'a whole, consistent dataset' if report.ok else 'NOT consistent (see above)'}")
    return 0 if report.ok else EXIT_FAILED


def _version() -> str:
    from extract import __version__
    from extract.dataset.models import SCHEMA_VERSION

    return f"{__version__} (curated contract {SCHEMA_VERSION})"


class _Parser(argparse.ArgumentParser):
    """argparse, with its mistakes said like every other one: one line starting `error:`, exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"error: {message} (see `{self.prog} --help`)\n")


VERBOSE_HELP = "log every step (and Prefect's own lines)"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="extract", description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help=VERBOSE_HELP)
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract raw/ into curated/ with the Prefect flow")
    run.add_argument("--raw", default="raw", help="folder of documents to curate (default: raw)")
    run.add_argument("--curated", default="curated", help="dataset folder to write (default: curated)")
    run.add_argument("--profile", default=None, help="profile JSON (default: the packaged CoSN profile)")
    run.add_argument("--no-prefect", action="store_true", help="run the same pipeline without Prefect")
    run.add_argument(
        "--runner", choices=("threads", "dask"), default="threads", help="Prefect task runner (default: threads)"
    )
    run.add_argument(
        "--dask-address",
        default=None,
        help="scheduler of an existing Dask cluster, like tcp://host:8786 (default: a local cluster)",
    )
    run.add_argument("--workers", type=int, default=None, help="threads, or local Dask workers (EXTRACT_WORKERS; 2)")
    run.add_argument(
        "--timeout", type=float, default=None, help="seconds one document may parse (EXTRACT_TIMEOUT_S; 300)"
    )
    run.add_argument("--memory-mb", type=int, default=None, help="parser memory budget (EXTRACT_MEMORY_MB; 2048)")
    run.add_argument("--no-isolation", action="store_true", help="parse in-process (with --no-prefect; debugging)")
    run.add_argument("--refresh", action="store_true", help="re-extract every document, ignoring the cache")
    run.add_argument(
        "--strict",
        action="store_true",
        help=f"exit {EXIT_DOCUMENTS_FAILED} (and end the flow run Failed) when any document failed; the others are "
        "still curated (EXTRACT_STRICT; on for served deployments)",
    )
    run.add_argument(
        "--allow-removals",
        action="store_true",
        help="let this run remove all the curated documents, or more than half of them, whose files left raw/ "
        "(by default such a run stops before writing)",
    )
    run.add_argument(
        "--wait", type=float, default=None, help="seconds to wait if another run holds curated/ (EXTRACT_WAIT_S; 0)"
    )
    run.set_defaults(func=cmd_run)
    serve = sub.add_parser("serve", help="serve the flow as a scheduled deployment (until Ctrl-C)")
    serve.add_argument("--name", default="scheduled", help="deployment name (default: scheduled)")
    serve.add_argument("--cron", default=None, help="cron schedule (EXTRACT_CRON; default daily at 06:00 UTC)")
    serve.add_argument("--raw", default="raw", help="folder of documents to curate (default: raw)")
    serve.add_argument("--curated", default="curated", help="dataset folder to write (default: curated)")
    serve.add_argument("--profile", default=None, help="profile JSON (default: the packaged CoSN profile)")
    serve.set_defaults(func=cmd_serve)
    review = sub.add_parser("review", help="write the static review site of a curated folder")
    review.add_argument("--curated", default="curated", help="dataset folder to review (default: curated)")
    review.add_argument(
        "--raw", default=None, help="folder that source_path is relative to, for page images (default: raw)"
    )
    review.add_argument("--out", default=None, help="where to write the site (default: <curated>/review)")
    review.set_defaults(func=cmd_review)
    schema = sub.add_parser("schema", help="write the JSON Schema of every curated file")
    schema.add_argument("--out", default="curated/schema", help="folder to write (default: curated/schema)")
    schema.set_defaults(func=cmd_schema)
    export = sub.add_parser("export", help="write the dataset as CSV or Parquet, one file per record type")
    export.add_argument("out", help="folder to write into (created if missing)")
    export.add_argument(
        "--to", choices=("csv", "parquet"), default="csv", help="csv, or parquet (needs pyarrow) (default: csv)"
    )
    export.add_argument("--curated", default="curated", help="dataset folder to export (default: curated)")
    export.add_argument("--raw", default="raw", help="the raw folder, which the export must stay out of (default: raw)")
    export.set_defaults(func=cmd_export)
    ev = sub.add_parser("evaluate", help="score a curated folder against gold annotations")
    ev.add_argument("curated", help="the curated folder to score (written by `extract run`)")
    ev.add_argument("gold", help="folder of gold annotations, one JSON file per document")
    ev.add_argument(
        "--raw", default=None, help="folder that source_path is relative to, to check provenance (default: raw)"
    )
    ev.add_argument("--json", action="store_true", help="print the scores as JSON instead of a table")
    ev.set_defaults(func=cmd_evaluate)
    check = sub.add_parser("check", help="check that a curated folder is one whole, consistent dataset")
    check.add_argument("curated", nargs="?", default="curated", help="dataset folder to check (default: curated)")
    check.add_argument(
        "--repair", action="store_true", help="first complete a write that a kill interrupted (needs write access)"
    )
    check.add_argument(
        "--wait", type=float, default=0.0, help="with --repair: seconds to wait if a run holds the folder (default 0)"
    )
    check.set_defaults(func=cmd_check)
    for command in sub.choices.values():  # `extract run -v` as well as `extract -v run`
        command.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help=VERBOSE_HELP)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        return _main(argv)
    except KeyboardInterrupt:  # at any moment, even while the command line is still being read
        print(INTERRUPTED, file=sys.stderr)
        return 130


def _main(argv: list[str] | None) -> int:
    # building the parser imports the library: an interrupt inside a native module's import (pydantic-core's)
    # would end in a Rust panic, not KeyboardInterrupt, so Ctrl-C waits until it is built
    args = held_back(_parser).parse_args(argv)
    level = logging.INFO if args.verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:  # a record of a more talkative logger (Prefect's) stops here too
        handler.setLevel(level)
    from extract.dataset.lock import DatasetLocked
    from extract.dataset.store import UnsafeWrite
    from extract.errors import ProfileError

    try:
        return args.func(args)
    except DatasetLocked as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_LOCKED
    except (UsageError, ProfileError, UnsafeWrite) as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except FlowFailed as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as err:  # a folder that cannot be written, a disk that is full: the user's to fix
        where = f" ({err.filename})" if err.filename else ""
        print(f"error: {err.strerror or err}{where}; nothing was changed in curated/", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
