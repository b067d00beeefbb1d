"""`make bench-rules`: is the rule stage linear in text length? The rules (parsing aside) over article-like
text of 10 KB to 1 MB, in paragraphs and on one line, printed as seconds per 100 KB and as a ratio to the
10 KB figure of the same run (flat means linear: 1.0 everywhere). About a minute.

    python benchmarks/bench_rules.py [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from extract.document import SourceFile  # noqa: E402
from extract.nlp import load  # noqa: E402
from extract.pipeline import extract  # noqa: E402
from extract.sources.detect import TEXT  # noqa: E402
from extract.sources.text import parse_text  # noqa: E402

SIZES_KB = (10, 40, 160, 640, 1000)
# Quotes with speakers, a listed category and a gloss: every rule family has work in every paragraph. Each
# paragraph's quotes are its own (numbered), as in a long text with thousands of different quotes.
PARAGRAPH = (
    "“We had to rethink how the network reaches every classroom in building {n},” said Jane Doe, director of "
    "technology at Riverside Unified. The district listed its hurdles as funding, staffing and time. Officials "
    "said the accelerators include student agency and design thinking, which the report defines as ways schools "
    "move faster. “It is about trust in school {n},” Doe said."
)
SHAPES = {"paragraphs": "\n\n", "one line": " "}


def text_of(kb: int, joiner: str) -> str:
    count = kb * 1024 // len((PARAGRAPH + joiner).encode()) + 1
    return joiner.join(PARAGRAPH.format(n=n) for n in range(count))


def rules_seconds(text: str) -> float:
    """The rule stage alone: the text is parsed first, outside the clock."""
    profile, nlp = load(None)
    data = text.encode()
    source = SourceFile("bench.txt", data)
    parsed = parse_text(data)
    started = time.perf_counter()
    result = extract(source, TEXT, parsed, profile, nlp)
    assert result.document.status == "ok"
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure; the median is shown (default 3)")
    args = parser.parse_args()
    rules_seconds(text_of(10, "\n\n"))  # warm: spaCy and the profile are built once, outside every figure
    print(f"rule stage, seconds per 100 KB (median of {args.repeat}); ratio to the 10 KB figure of the same shape")
    print(f"{'shape':<12}" + "".join(f"{f'{kb} KB':>16}" for kb in SIZES_KB))
    for shape, joiner in SHAPES.items():
        per_100kb = []
        for kb in SIZES_KB:
            text = text_of(kb, joiner)
            seconds = statistics.median(rules_seconds(text) for _ in range(args.repeat))
            per_100kb.append(seconds / (len(text.encode()) / 102_400))
        cells = [f"{v:.3f} s (×{v / per_100kb[0]:.2f})" for v in per_100kb]
        print(f"{shape:<12}" + "".join(f"{c:>16}" for c in cells))


if __name__ == "__main__":
    main()
