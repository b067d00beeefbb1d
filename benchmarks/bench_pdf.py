"""One measurement of the PDF layer, each in a fresh process so that no run inherits another's heap or caches.

`python benchmarks/bench_pdf.py KIND PDF [--workers N]` prints one JSON object; `measure()` runs that in a
subprocess and returns it. Kinds:

  project     the project's PDF layer in this process: `sources.pdf.parse_pdf` (bytes → ParsedDocument)
  pdfplumber  pdfplumber reading `page.chars` of every page and nothing else (the floor the layer stands on)
  pdfium      pypdfium2: every page's text and the box of every character (a C library, for scale)
  workers     `sources.parsers.parse_limited` as a batch calls it: page ranges read by N limited children
  stages      one document through parse, rules, validate and write, each timed
  memory      peak RSS of `parse_pdf`, next to the size of the laid-out lines it keeps until composing

Seconds exclude interpreter start and imports; `peak_rss_mb` is the process's high-water mark.
"""

from __future__ import annotations

import argparse
import io
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "raw" / "reports" / "driving-k12-innovation-2027-sample.pdf"
KINDS = ("project", "pdfplumber", "pdfium", "workers", "stages", "memory")


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _project() -> Callable[[bytes], int]:
    from extract.sources.pdf import parse_pdf

    return lambda data: parse_pdf(data).metadata.page_count or 0


def _pdfplumber() -> Callable[[bytes], int]:
    import pdfplumber

    def read(data: bytes) -> int:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.chars  # noqa: B018 - reading the characters is the whole point
                page.close()
            return len(pdf.pages)

    return read


def _pdfium() -> Callable[[bytes], int]:
    import pypdfium2

    def read(data: bytes) -> int:
        doc = pypdfium2.PdfDocument(data)
        try:
            for index in range(len(doc)):
                page = doc[index]
                text = page.get_textpage()
                text.get_text_range()
                for k in range(text.count_chars()):
                    text.get_charbox(k)
                text.close()
                page.close()
            return len(doc)
        finally:
            doc.close()

    return read


def _workers(workers: int) -> Callable[[bytes], int]:
    from extract.settings import PdfSettings, RunSettings
    from extract.sources.detect import PDF
    from extract.sources.parsers import parse, parse_limited

    settings = PdfSettings(page_workers=workers)
    return lambda data: parse_limited(parse, data, PDF, RunSettings(), None, settings).metadata.page_count or 0


def _timed(fn, *args) -> tuple[Any, float]:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    out = fn(*args)
    return out, time.perf_counter() - start


def _cpu_timed(fn, *args) -> tuple[Any, float, float]:  # type: ignore[no-untyped-def]
    """The result, wall seconds and this process's CPU seconds (CPU time is what a busy machine distorts least)."""
    cpu = time.process_time()
    out, seconds = _timed(fn, *args)
    return out, seconds, time.process_time() - cpu


def _stages(path: Path, data: bytes) -> dict[str, Any]:
    """parse (bytes → ParsedDocument), rules (spaCy + rule families), validate (records with provenance,
    checked by pydantic: the pipeline's _Recorder.add, timed from outside), write (the curated files)."""
    import datetime as dt

    from extract import pipeline
    from extract.dataset.models import ProfileRef, RunInfo
    from extract.dataset.store import write_dataset
    from extract.document import SourceFile
    from extract.nlp import load
    from extract.sources.detect import PDF
    from extract.sources.pdf import parse_pdf

    profile, nlp = load(None)
    nlp("warm up the pipeline once")
    parsed, parse_s = _timed(parse_pdf, data)
    validate_s = 0.0
    add = pipeline._Recorder.add

    def timed_add(self, hit) -> None:  # type: ignore[no-untyped-def]
        nonlocal validate_s
        start = time.perf_counter()
        add(self, hit)
        validate_s += time.perf_counter() - start

    pipeline._Recorder.add = timed_add  # type: ignore[method-assign]
    result, extract_s = _timed(pipeline.extract, SourceFile(path.name, data), PDF, parsed, profile, nlp)
    now = dt.datetime.now(dt.UTC)
    ref = ProfileRef(name=profile.name, version=profile.version, sha256=profile.sha256)
    with tempfile.TemporaryDirectory() as folder:
        run = RunInfo(started_at=now, finished_at=now, flow_run_id=None, duration_s=0.0)
        _, write_s = _timed(write_dataset, Path(folder), [result], ref, run)
    return {
        "pages": parsed.metadata.page_count,
        "parse": parse_s,
        "rules": extract_s - validate_s,
        "validate": validate_s,
        "write": write_s,
        "records": len(result.topics) + len(result.definitions) + len(result.quotes),
    }


def _deep_mb(root: object) -> float:
    """MB held by an object and everything it refers to (containers, slots, dataclass fields), each counted once."""
    seen: set[int] = set()
    total, stack = 0, [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or obj is None or isinstance(obj, bool | type):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        if isinstance(obj, str | bytes | int | float):
            continue
        if isinstance(obj, dict):
            stack.extend(obj.keys())
            stack.extend(obj.values())
        elif isinstance(obj, list | tuple | set | frozenset):
            stack.extend(obj)
        else:
            for cls in type(obj).__mro__:
                stack.extend(getattr(obj, name) for name in getattr(cls, "__slots__", ()) if hasattr(obj, name))
            stack.extend(getattr(obj, "__dict__", {}).values())
    return total / 2**20


def _memory(data: bytes) -> dict[str, Any]:
    from extract.settings import PdfSettings
    from extract.sources.layout import lay_out_page
    from extract.sources.pdf import iter_pages, parse_pdf

    base = _rss_mb()
    doc, seconds = _timed(parse_pdf, data)
    peak = _peak_mb()
    settings = PdfSettings()
    _, pages = iter_pages(data, settings)
    laid = [lay_out_page(p.number, p.width, p.height, p.words, p.has_images, settings) for p in pages]
    return {
        "pages": doc.metadata.page_count,
        "seconds": seconds,
        "base_rss_mb": base,
        "peak_rss_mb": peak,
        "lines_mb": _deep_mb(laid),
        "document_mb": _deep_mb(doc),
        "words": sum(len(line.words) for page in laid for line in page.lines),
    }


def run(kind: str, path: Path, workers: int = 1) -> dict[str, Any]:
    """The measurement itself, in this process."""
    data = path.read_bytes()
    if kind == "stages":
        return _stages(path, data)
    if kind == "memory":
        return _memory(data)
    fn = {"project": _project, "pdfplumber": _pdfplumber, "pdfium": _pdfium}.get(kind)
    read = fn() if fn else _workers(workers)  # imports happen here, outside the timing
    pages, seconds, cpu = _cpu_timed(read, data)
    return {"pages": pages, "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": _peak_mb()}


def measure(kind: str, path: Path, workers: int = 1) -> dict[str, Any]:
    """`run` in a fresh interpreter; its JSON result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), kind, str(path), "--workers", str(workers)]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise RuntimeError(f"{kind} on {path.name} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=KINDS)
    parser.add_argument("pdf", type=Path, nargs="?", default=SAMPLE)
    parser.add_argument("--workers", type=int, default=1, help="page workers (kind 'workers')")
    args = parser.parse_args()
    print(json.dumps(run(args.kind, args.pdf, args.workers)))


if __name__ == "__main__":
    main()
