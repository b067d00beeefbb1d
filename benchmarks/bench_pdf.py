"""PDF throughput and peak memory: prints pages/s and peak RSS for the sample report repeated N times."""

from __future__ import annotations

import argparse
import io
import resource
import time
from pathlib import Path

from extract.sources.pdf import parse_pdf

SAMPLE = Path(__file__).resolve().parent.parent / "raw" / "reports" / "driving-k12-innovation-2027-sample.pdf"


def _long_pdf(copies: int) -> bytes:
    """The sample's pages repeated, to see whether memory grows with page count."""
    from pypdf import PdfReader, PdfWriter  # optional: only this benchmark needs it

    reader = PdfReader(SAMPLE)
    writer = PdfWriter()
    for _ in range(copies):
        for page in reader.pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=1, help="repeat the sample's pages (needs pypdf if > 1)")
    args = parser.parse_args()
    data = SAMPLE.read_bytes() if args.copies == 1 else _long_pdf(args.copies)
    start = time.perf_counter()
    doc = parse_pdf(data)
    seconds = time.perf_counter() - start
    pages = doc.metadata.page_count or 0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"pages {pages} | seconds {seconds:.2f} | pages/s {pages / seconds:.1f} | peak RSS {peak_mb:.0f} MiB")


if __name__ == "__main__":
    main()
