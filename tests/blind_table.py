"""The blind table: each dev document written by someone who never saw the rules, its first score (the rules as
they stood before any change was made for it) and its score now.

`python -m tests.blind_table CURATED` prints the table for a curated folder of `tests/gold/docs` (run by
`make eval`); `--write` also puts it into tests/gold/README.md between its markers. First scores are recorded
once, in tests/gold/scores/first_scores.json, from the run that scored each document before it was read.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from extract.evaluate import evaluate

GOLD = Path(__file__).resolve().parent / "gold"
FIRST = GOLD / "scores" / "first_scores.json"
README = GOLD / "README.md"
BEGIN, END = "<!-- blind-table:begin -->", "<!-- blind-table:end -->"
KINDS = ("topics", "definitions", "quotes")


def first_scores() -> dict[str, Any]:
    return json.loads(FIRST.read_text(encoding="utf-8"))


def f1(tally: list[int]) -> float:
    tp_pred, n_pred, tp_gold, n_gold = tally
    p = tp_pred / n_pred if n_pred else (1.0 if not n_gold else 0.0)
    r = tp_gold / n_gold if n_gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _sum(tallies: Iterable[list[int]]) -> list[int]:
    out = [0, 0, 0, 0]
    for t in tallies:
        out = [a + b for a, b in zip(out, t, strict=False)]
    return out


def summary(per_doc: dict[str, Any], docs: list[str]) -> dict[str, float]:
    """Micro-averaged figures over `docs`, as the reference scorer computes them over a folder."""
    out = {kind: f1(_sum(per_doc[d][kind] for d in docs)) for kind in KINDS}
    found = sum(per_doc[d]["attribution"][1] for d in docs)
    out["attribution"] = sum(per_doc[d]["attribution"][0] for d in docs) / found if found else float("nan")
    out["edition"] = sum(bool(per_doc[d]["edition"]) for d in docs) / len(docs) if docs else 0.0
    return out


def _fmt(value: float) -> str:
    return "—" if value != value else f"{value:.2f}"  # NaN: no quote found to attribute


def _cell(first: float, now: float) -> str:
    return f"{_fmt(first)} → {_fmt(now)}"


def table(now: dict[str, Any]) -> str:
    recorded = first_scores()
    missing = sorted(set(recorded) - set(now))
    if missing:
        raise SystemExit(f"not in the curated folder: {', '.join(missing)} (curate tests/gold/docs first)")
    rows = [
        "| document | wave | topics F1 | definitions F1 | quotes F1 | attribution | edition |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for doc in sorted(recorded, key=lambda d: (recorded[d]["wave"], d)):
        first = summary({doc: recorded[doc]["first"]}, [doc])
        current = summary(now, [doc])
        cells = [_cell(first[k], current[k]) for k in (*KINDS, "attribution", "edition")]
        rows.append(f"| {doc} | {recorded[doc]['wave']} | " + " | ".join(cells) + " |")
    rows.append("")
    rows.append("| wave | documents | figures | topics F1 | definitions F1 | quotes F1 | attribution | edition |")
    rows.append("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for wave in sorted({r["wave"] for r in recorded.values()}):
        docs = sorted(d for d, r in recorded.items() if r["wave"] == wave)
        for label, figures in (
            ("old rules, gold as first annotated", summary({d: recorded[d]["old_rules"] for d in docs}, docs)),
            (
                "first score, gold as first annotated",
                summary({d: recorded[d]["first_as_annotated"] for d in docs}, docs),
            ),
            ("first score", summary({d: recorded[d]["first"] for d in docs}, docs)),
            ("now", summary(now, docs)),
        ):
            cells = " | ".join(_fmt(figures[k]) for k in (*KINDS, "attribution", "edition"))
            rows.append(f"| {wave} | {len(docs)} | {label} | {cells} |")
    return "\n".join(rows)


def write_readme(text: str) -> None:
    readme = README.read_text(encoding="utf-8")
    head, _, rest = readme.partition(BEGIN)
    _, _, tail = rest.partition(END)
    README.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    if not args:
        print("usage: python -m tests.blind_table CURATED [--write]", file=sys.stderr)
        return 2
    curated = Path(args[0])
    now = evaluate(curated, GOLD, GOLD / "docs")["per_document"]
    text = table(now)
    print(text)
    if "--write" in argv:
        write_readme(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
