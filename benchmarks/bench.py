"""`make bench`: the PDF layer against pdfplumber and pypdfium2, page workers, stages, whole runs with and
without Prefect, and peak memory; medians of N runs in one table, saved as JSON under .state/bench/.

Every ratio is taken within one repetition (the runs it compares ran back to back) and the median of
those ratios is shown, so a machine that gets busier half-way skews no ratio. Wall-clock seconds are what
a user waits; CPU seconds of the measured process, which other load on the machine disturbs least, are
kept in the JSON next to them and given for the ratios of one-process runs.

    python benchmarks/bench.py                  # everything, median of 3 (~15 minutes on two cores)
    python benchmarks/bench.py --repeat 1       # a quick look
    python benchmarks/bench.py --compare A B    # two saved runs side by side
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_pdf
import bench_runs
import report

ROOT = bench_pdf.ROOT
STATE = ROOT / ".state" / "bench"
LONG_PAGES = 200  # the generated two-column report of the throughput and worker figures
MEMORY_PAGES = (50, 200, 500)  # peak RSS is measured at these page counts
TARGETS = {  # figure → (comparison, bound, as printed): the targets
    "ratio_pdfplumber_sample": (">=", 0.85, "≥ 0.85"),
    "ratio_pdfplumber_long": (">=", 0.85, "≥ 0.85"),
    "workers_speedup": (">=", 1.7, "≥ 1.7"),
    "peak_rss_500_mb": ("<=", 300.0, "≤ 300 MB"),
    "warm_share": ("<=", 0.03, "≤ 3 %"),
    "server_warm_wall_s": ("<=", 3.0, "≤ 3 s"),
}


QUIET_SHARE = 0.15  # the CPUs count as free when other work keeps less than this share of them busy
QUIET_WAIT_S = 180  # how long to wait for free CPUs before measuring anyway (and saying so)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _busy_share(seconds: float = 1.0) -> float:
    """Share of all CPUs busy during `seconds` (from /proc/stat), while the benchmark itself runs nothing."""

    def sample() -> tuple[int, int]:
        with open("/proc/stat") as fh:
            ticks = [int(x) for x in fh.readline().split()[1:]]
        return sum(ticks), ticks[3] + ticks[4]  # all, idle + iowait

    total, idle = sample()
    time.sleep(seconds)
    total2, idle2 = sample()
    return 1 - (idle2 - idle) / max(total2 - total, 1)


def free_cpus(say: Callable[[str], None], log: list[float]) -> None:
    """Wait until other work leaves the CPUs free (this machine is shared); log the busy share found."""
    waited = 0.0
    while (busy := _busy_share()) >= QUIET_SHARE and waited < QUIET_WAIT_S:
        if waited == 0:
            say(f"  other work keeps {busy:.0%} of the CPUs busy: waiting for them (at most {QUIET_WAIT_S} s)")
        time.sleep(2)
        waited += 3
    if busy >= QUIET_SHARE:
        say(f"  still {busy:.0%} busy: measuring anyway")
    log.append(busy)


def measure_pdf(sample: Path, long: Path, repeat: int, say: Callable[[str], None], busy: list[float]) -> dict[str, Any]:
    """Throughput of the three readers on both documents, page workers on the long one, stages on both."""
    runs: dict[str, list[dict[str, Any]]] = {}
    for k in range(repeat):
        for doc, path in (("sample", sample), ("long", long)):
            for kind in ("project", "pdfplumber", "pdfium", "stages"):
                free_cpus(say, busy)
                say(f"  run {k + 1}/{repeat}: {kind} on {path.name}")
                runs.setdefault(f"{kind}_{doc}", []).append(bench_pdf.measure(kind, path))
        for workers in (1, 2):
            free_cpus(say, busy)
            say(f"  run {k + 1}/{repeat}: {workers} page worker(s) on {long.name}")
            runs.setdefault(f"workers{workers}", []).append(bench_pdf.measure("workers", long, workers))
    return runs


def measure_memory(folder: Path, say: Callable[[str], None]) -> dict[str, Any]:
    out = {}
    for pages in MEMORY_PAGES:
        say(f"  peak RSS at {pages} pages")
        path = report.cached(folder, pages)
        out[str(pages)] = {
            "project": bench_pdf.measure("memory", path),
            "pdfplumber": bench_pdf.measure("pdfplumber", path),
        }
    return out


def measure_runs(long: Path, repeat: int, say: Callable[[str], None], busy: list[float]) -> dict[str, Any]:
    work = STATE / "work"
    shutil.rmtree(work, ignore_errors=True)  # a fresh Prefect home: the first run really is the first
    raw = bench_runs.corpus(work / "raw", [long])
    ephemeral = bench_runs.environment(work / "prefect-ephemeral")
    say("  Prefect's first run (database set-up)")
    out: dict[str, Any] = {"first": bench_runs.first_runs(work, ephemeral), "cycles": []}
    say("  starting a Prefect server")
    with bench_runs.prefect_server(bench_runs.environment(work / "prefect-server")) as (server, start_s):
        out["server_start_s"] = start_s
        for k in range(repeat):
            free_cpus(say, busy)
            say(f"  run {k + 1}/{repeat}: whole runs (no Prefect; ephemeral API; server), cold and warm")
            out["cycles"].append(bench_runs.cycle(raw, work, ephemeral, server))
    return out


def figures(data: dict[str, Any]) -> dict[str, float]:
    """The numbers of the table, from the raw measurements."""
    pdf, fig = data["pdf"], {}
    for doc in ("sample", "long"):
        for kind in ("project", "pdfplumber", "pdfium"):
            fig[f"{kind}_{doc}_pps"] = median([r["pages"] / r["seconds"] for r in pdf[f"{kind}_{doc}"]])
        for other in ("pdfplumber", "pdfium"):
            pairs = list(zip(pdf[f"project_{doc}"], pdf[f"{other}_{doc}"], strict=True))
            fig[f"ratio_{other}_{doc}"] = median([o["seconds"] / p["seconds"] for p, o in pairs])
            fig[f"ratio_{other}_{doc}_cpu"] = median([o["cpu_seconds"] / p["cpu_seconds"] for p, o in pairs])
        for stage in ("parse", "rules", "validate", "write"):
            fig[f"stage_{stage}_{doc}_pps"] = median([r["pages"] / r[stage] for r in pdf[f"stages_{doc}"]])
    for workers in (1, 2):
        fig[f"workers{workers}_pps"] = median([r["pages"] / r["seconds"] for r in pdf[f"workers{workers}"]])
    pairs = list(zip(pdf["workers1"], pdf["workers2"], strict=True))
    fig["workers_speedup"] = median([one["seconds"] / two["seconds"] for one, two in pairs])
    for pages, m in data["memory"].items():
        fig[f"peak_rss_{pages}_mb"] = m["project"]["peak_rss_mb"]
        fig[f"pdfplumber_rss_{pages}_mb"] = m["pdfplumber"]["peak_rss_mb"]
        fig[f"lines_{pages}_mb"] = m["project"]["lines_mb"]
        fig[f"document_{pages}_mb"] = m["project"]["document_mb"]
        fig[f"base_rss_{pages}_mb"] = m["project"]["base_rss_mb"]
    runs = data["runs"]
    cycles = runs["cycles"]
    for name in ("direct_cold", "ephemeral_cold", "ephemeral_warm", "server_cold", "server_warm"):
        fig[f"{name}_wall_s"] = median([c[name]["wall_s"] for c in cycles])
        fig[f"{name}_run_s"] = median([c[name]["run_s"] for c in cycles])
    pages = cycles[0]["direct_cold"]["pages"]
    fig["corpus_pages"] = pages
    for name in ("direct_cold", "ephemeral_cold", "server_cold"):
        fig[f"{name}_pps"] = median([pages / c[name]["wall_s"] for c in cycles])
    fig["ephemeral_cost_s"] = median([c["ephemeral_cold"]["wall_s"] - c["direct_cold"]["wall_s"] for c in cycles])
    fig["server_cost_s"] = median([c["server_cold"]["wall_s"] - c["direct_cold"]["wall_s"] for c in cycles])
    fig["warm_share"] = median([c["server_warm"]["run_s"] / c["server_cold"]["run_s"] for c in cycles])
    fig["first_run_wall_s"] = runs["first"]["ephemeral_setup"]["wall_s"]
    fig["server_start_s"] = runs["server_start_s"]
    return fig


def _met(name: str, value: float) -> str:
    if name not in TARGETS:
        return ""
    op, bound, shown = TARGETS[name]
    ok = value >= bound if op == ">=" else value <= bound
    return f"target {shown}: {'met' if ok else 'NOT met'}"


def table(fig: dict[str, float], data: dict[str, Any]) -> str:
    """One Markdown table: figure, sample report, 200-page report (or the corpus), note."""
    long = f"{LONG_PAGES}-page report"
    rows: list[tuple[str, str, str, str]] = []

    def pdf_runs(*names: str) -> list[list[dict[str, Any]]]:
        return [data["pdf"][name] for name in names]

    def row(label: str, sample: str, other: str, note: str = "") -> None:
        rows.append((label, sample, other, note))

    def pps(x: float) -> str:
        return f"{x:.1f}" if x < 100 else f"{x:.0f}"

    row("**PDF text layer, one process** (pages/s)", "", "", "")
    row("project: `sources.pdf.parse_pdf`", pps(fig["project_sample_pps"]), pps(fig["project_long_pps"]))
    row("pdfplumber: `page.chars` only", pps(fig["pdfplumber_sample_pps"]), pps(fig["pdfplumber_long_pps"]))
    row("pypdfium2: text + every char box", pps(fig["pdfium_sample_pps"]), pps(fig["pdfium_long_pps"]))
    for other, name in (("pdfplumber", "pdfplumber chars"), ("pdfium", "pypdfium2")):
        s, g = fig[f"ratio_{other}_sample"], fig[f"ratio_{other}_long"]
        note = f"CPU time: {fig[f'ratio_{other}_sample_cpu']:.2f} / {fig[f'ratio_{other}_long_cpu']:.2f}"
        if other == "pdfplumber":
            each = [
                ", ".join(
                    f"{b['seconds'] / a['seconds']:.2f}"
                    for a, b in zip(*pdf_runs(f"project_{d}", f"pdfplumber_{d}"), strict=True)
                )
                for d in ("sample", "long")
            ]
            note += f"; each run: {each[0]} / {each[1]}"
            missed = [m for m in (_met(f"ratio_{other}_sample", s), _met(f"ratio_{other}_long", g)) if "NOT" in m]
            note = f"{missed[0] if missed else _met(f'ratio_{other}_long', g)} (both); {note}"
        row(f"project ÷ {name}", f"{s:.2f}", f"{g:.2f}", note)
    row("**Page workers** (pages/s, `parse_limited` as a batch runs it)", "", "", "")
    row("1 worker process", "", pps(fig["workers1_pps"]))
    row("2 worker processes", "", pps(fig["workers2_pps"]))
    each = ", ".join(
        f"{a['seconds'] / b['seconds']:.2f}" for a, b in zip(*pdf_runs("workers1", "workers2"), strict=True)
    )
    note = f"{_met('workers_speedup', fig['workers_speedup'])}; each run: {each}"
    row("2 workers ÷ 1", "", f"{fig['workers_speedup']:.2f}", note)
    row("**Stages, one document** (pages/s)", "", "", "")
    for stage, note in (
        ("parse", "bytes → ParsedDocument"),
        ("rules", "spaCy + the rule families"),
        ("validate", "records with provenance, pydantic"),
        ("write", "the curated files"),
    ):
        row(stage, pps(fig[f"stage_{stage}_sample_pps"]), pps(fig[f"stage_{stage}_long_pps"]), note)
    corpus = f"corpus: raw/ + the {long}, {fig['corpus_pages']:.0f} PDF pages"
    row(f"**Whole runs, `extract run`** ({corpus})", "", "wall s", "pages/s; run's own s (manifest)")
    for name, label in (
        ("direct_cold", "no Prefect (`--no-prefect`), cold"),
        ("ephemeral_cold", "Prefect, ephemeral API, cold (`--refresh`)"),
        ("server_cold", "Prefect, running server, cold (`--refresh`)"),
    ):
        row(
            label,
            "",
            f"{fig[f'{name}_wall_s']:.1f}",
            f"{pps(fig[f'{name}_pps'])} pages/s; {fig[f'{name}_run_s']:.1f} s",
        )
    row(
        "Prefect, ephemeral API, warm (no change)",
        "",
        f"{fig['ephemeral_warm_wall_s']:.1f}",
        f"run {fig['ephemeral_warm_run_s']:.2f} s",
    )
    row(
        "Prefect, running server, warm (no change)",
        "",
        f"{fig['server_warm_wall_s']:.2f}",
        f"run {fig['server_warm_run_s']:.2f} s; {_met('server_warm_wall_s', fig['server_warm_wall_s'])}; each run: "
        + ", ".join(f"{c['server_warm']['wall_s']:.2f}" for c in data["runs"]["cycles"]),
    )
    row(
        "warm run ÷ cold run (the runs' own time)",
        "",
        f"{100 * fig['warm_share']:.1f} %",
        _met("warm_share", fig["warm_share"]),
    )
    row("Prefect per run: ephemeral API", "", f"+{fig['ephemeral_cost_s']:.1f}", "cold wall − no-Prefect wall")
    row("Prefect per run: running server", "", f"+{fig['server_cost_s']:.1f}", "cold wall − no-Prefect wall")
    row("Prefect first run (database set-up)", "", f"{fig['first_run_wall_s']:.1f}", "samples only, once")
    row("`prefect server start` until healthy", "", f"{fig['server_start_s']:.1f}", "once per server")
    row("**Peak RSS of `parse_pdf`** (MB; generated report)", "", "", "")
    for pages in MEMORY_PAGES:
        p = str(pages)
        row(
            f"{pages} pages",
            "",
            f"{fig[f'peak_rss_{p}_mb']:.0f}",
            f"after imports {fig[f'base_rss_{p}_mb']:.0f}; laid-out lines {fig[f'lines_{p}_mb']:.0f} and parsed "
            f"document {fig[f'document_{p}_mb']:.0f} held at the peak; pdfplumber chars only "
            f"{fig[f'pdfplumber_rss_{p}_mb']:.0f}"
            + (f"; {_met('peak_rss_500_mb', fig['peak_rss_500_mb'])}" if pages == 500 else ""),
        )
    head = ("figure", "sample (21 p)", long, "note")
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join("---" for _ in head) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(lines)


def compare(a: Path, b: Path) -> str:
    fa, fb = (json.loads(p.read_text(encoding="utf-8"))["figures"] for p in (a, b))
    lines = [f"| figure | {a.name} | {b.name} | change |", "| --- | --- | --- | --- |"]
    for name in sorted(set(fa) & set(fb)):
        x, y = fa[name], fb[name]
        change = f"{y / x:.2f}×" if x else ""
        lines.append(f"| {name} | {x:.3g} | {y:.3g} | {change} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (the median is shown)")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("A.json", "B.json"))
    args = parser.parse_args()
    if args.compare:
        print(compare(*args.compare))
        return

    def say(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    reports = STATE / "reports"
    long = report.cached(reports, LONG_PAGES)
    started = dt.datetime.now(dt.UTC)
    say(f"benchmark: median of {args.repeat}; PDFs in {reports}")
    busy: list[float] = []
    data: dict[str, Any] = {"repeat": args.repeat, "busy_before": busy}
    say("PDF layer")
    data["pdf"] = measure_pdf(bench_pdf.SAMPLE, long, args.repeat, say, busy)
    say("memory")
    data["memory"] = measure_memory(reports, say)
    say("whole runs")
    data["runs"] = measure_runs(long, args.repeat, say, busy)
    fig = figures(data)
    machine = {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    out = STATE / f"bench-{started:%Y%m%d-%H%M%S}.json"
    saved = {"started": started.isoformat(), "machine": machine, "figures": fig, "data": data}
    out.write_text(json.dumps(saved, indent=1), encoding="utf-8")
    print(
        f"k12-extract benchmark, {started:%Y-%m-%d %H:%M} UTC: median of {args.repeat} runs on {machine['cpus']} CPUs, "
        f"Python {machine['python']}. The machine is shared: before each run (each cycle of whole runs) the "
        f"benchmark waited for other work to leave the CPUs free; the busy share it went on at was at most "
        f"{max(busy):.0%} (median {median(busy):.0%}), but work that starts during a run can still slow it.\n"
    )
    print(table(fig, data))
    previous = sorted(p for p in STATE.glob("bench-*.json") if p != out)
    print(f"\nfigures saved to {out.relative_to(ROOT)}", end="")
    print(
        f"; compare with the previous run: python benchmarks/bench.py --compare {previous[-1].relative_to(ROOT)} "
        f"{out.relative_to(ROOT)}"
        if previous
        else ""
    )


if __name__ == "__main__":
    main()
