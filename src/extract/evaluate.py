"""Scoring a curated folder against gold annotations, by the matching rules of shared/eval/score.py.

Lenient on wording, strict on substance: topics match on category plus >= 60% of a gold title's content
words (and those words >= 30% of the predicted title); definitions on the term's word set plus >= 60% of
the gold definition; quotes when a prediction covers >= 70% of the gold quote's words and is not much
longer; attribution when the gold speaker's last name is in the predicted speaker's name.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, Field, StringConstraints, TypeAdapter, ValidationError

STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "as",
        "at",
        "by",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "their",
        "from",
        "into",
        "than",
        "then",
        "so",
        "such",
        "can",
        "will",
    ]
)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})

Rec = dict[str, Any]


def words(text: str) -> list[str]:
    out = []
    for w in re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKC", text or "").translate(_QUOTES).lower()):
        if w in STOP:
            continue
        if len(w) > 3 and w.endswith("ies"):
            w = w[:-3] + "y"
        elif len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        out.append(w)
    return out


def cover(pred: str, gold: str) -> tuple[float, float]:
    """Share of gold's words found in pred, and share of pred's words that are gold's."""
    p, g = set(words(pred)), set(words(gold))
    if not p or not g:
        return 0.0, 0.0
    hit = len(p & g)
    return hit / len(g), hit / len(p)


def _items(path: Path) -> list[Rec]:
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise EvaluationError(f"curated file {path} cannot be read: {err}; run `extract run` again") from None
    items = data.get("items", []) if isinstance(data, dict) else data
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _get(rec: Rec, *names: str, default: str = "") -> Any:
    for n in names:
        if rec.get(n) not in (None, ""):
            return rec[n]
    return default


def _speaker(rec: Rec) -> str:
    sp = rec.get("speaker")
    return (sp.get("name") or "") if isinstance(sp, dict) else (sp or "")


def _provs(rec: Rec) -> list[Rec]:
    p = rec.get("provenance")
    if isinstance(p, dict):
        return [p]
    return [x for x in p if isinstance(x, dict)] if isinstance(p, list) else []


@dataclass
class Tally:
    tp_pred: int = 0
    n_pred: int = 0
    tp_gold: int = 0
    n_gold: int = 0

    def add(self, tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> None:
        self.tp_pred += tp_pred
        self.n_pred += n_pred
        self.tp_gold += tp_gold
        self.n_gold += n_gold

    def prf(self) -> dict[str, float]:
        p = self.tp_pred / self.n_pred if self.n_pred else (1.0 if not self.n_gold else 0.0)
        r = self.tp_gold / self.n_gold if self.n_gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def match_topics(preds: list[Rec], golds: list[Rec], optional: list[Rec]) -> tuple[int, int, int, int, list, list]:
    used: set[int] = set()
    misses = []
    for g in golds:
        best = None
        for i, p in enumerate(preds):
            if i in used or p.get("category") != g["category"]:
                continue
            title = _get(p, "title", "name")
            if any(r >= 0.6 and pr >= 0.3 for r, pr in (cover(title, a) for a in g["titles"])):
                best = i
                break
        if best is None:
            misses.append(g["titles"][0])
        else:
            used.add(best)
    ignored = {
        i
        for i, p in enumerate(preds)
        if i not in used
        and any(
            p.get("category") == o["category"] and any(cover(_get(p, "title"), a)[0] >= 0.6 for a in o["titles"])
            for o in optional
        )
    }
    extras = [_get(p, "title", default="?") for i, p in enumerate(preds) if i not in used and i not in ignored]
    return len(used), len(preds) - len(ignored), len(used), len(golds), misses, extras


def term_match(pred_term: str, gold_terms: list[str]) -> bool:
    pw = set(words(pred_term))
    return any(pw and set(words(t)) == pw for t in gold_terms)


def match_definitions(preds: list[Rec], golds: list[Rec], optional: list[Rec]) -> tuple[int, int, int, int, list, list]:
    used: set[int] = set()
    misses = []
    for g in golds:
        hit = next(
            (
                i
                for i, p in enumerate(preds)
                if i not in used
                and term_match(_get(p, "term"), g["terms"])
                and cover(_get(p, "definition", "text"), g["definition"])[0] >= 0.6
            ),
            None,
        )
        if hit is None:
            misses.append(g["terms"][0])
        else:
            used.add(hit)
    ignored = {
        i
        for i, p in enumerate(preds)
        if i not in used and any(term_match(_get(p, "term"), o["terms"]) for o in optional)
    }
    extras = [_get(p, "term", default="?") for i, p in enumerate(preds) if i not in used and i not in ignored]
    return len(used), len(preds) - len(ignored), len(used), len(golds), misses, extras


def match_quotes(preds: list[Rec], golds: list[Rec]) -> tuple[int, int, int, int, int, list, list]:
    found = attributed = 0
    misses = []
    correct: set[int] = set()
    for g in golds:
        hit = next((i for i, p in enumerate(preds) if cover(_get(p, "text", "quote"), g["text"])[0] >= 0.7), None)
        if hit is None:
            misses.append(g["text"][:50])
            continue
        found += 1
        correct.add(hit)
        if words(g["speaker"])[-1] in words(_speaker(preds[hit])):
            attributed += 1
    for i in list(correct):
        text = _get(preds[i], "text")
        covered = sum(len(words(g["text"])) for g in golds if cover(text, g["text"])[0] >= 0.7)
        if len(words(text)) > 1.5 * covered + 5:
            correct.discard(i)
    extras = [_get(p, "text", default="?")[:50] for i, p in enumerate(preds) if i not in correct]
    return len(correct), len(preds), found, len(golds), attributed, misses, extras


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def check_provenance(curated: Path, rec: Rec, raw: Path | None, sources: dict[str, str]) -> tuple[bool, str]:
    provs = _provs(rec)
    if not provs:
        return False, "no provenance"
    for pv in provs:
        doc_id = pv.get("doc_id") or rec.get("doc_id")
        start, end, snippet = pv.get("char_start"), pv.get("char_end"), pv.get("text")
        if doc_id is None or start is None or end is None or snippet is None:
            return False, "provenance lacks doc_id/char_start/char_end/text"
        tpath = curated / "texts" / f"{doc_id}.txt"
        if not tpath.exists():
            return False, f"no texts/{doc_id}.txt"
        if tpath.read_text(encoding="utf-8")[start:end] != snippet:
            return False, f"texts/{doc_id}.txt[{start}:{end}] != provenance text"
        src = sources.get(doc_id)
        if raw is not None and src and src.endswith((".txt", ".md")) and (raw / src).exists():
            original = (raw / src).read_text(encoding="utf-8", errors="replace")
            if _squash(snippet) not in _squash(original):
                return False, "provenance text not found verbatim in the source file"
    return True, ""


Words = Annotated[str, StringConstraints(pattern=r"\w")]  # a title, term or speaker has at least one word


class _GoldTopic(BaseModel):
    category: str
    titles: Annotated[list[Words], Field(min_length=1)]


class _GoldDefinition(BaseModel):
    terms: Annotated[list[Words], Field(min_length=1)]
    definition: str


class _GoldQuote(BaseModel):
    text: Words
    speaker: Words


# What scoring reads of each list of a gold file (other fields, like rank or role, are free).
GOLD_SHAPES: dict[str, TypeAdapter] = {
    "topics": TypeAdapter(list[_GoldTopic]),
    "optional_topics": TypeAdapter(list[_GoldTopic]),
    "definitions": TypeAdapter(list[_GoldDefinition]),
    "optional_definitions": TypeAdapter(list[_GoldDefinition]),
    "quotes": TypeAdapter(list[_GoldQuote]),
    "not_quotes": TypeAdapter(list[str]),
}


class EvaluationError(ValueError):
    """The evaluation cannot mean anything: no gold files, or no curated dataset to score."""


def _gold(path: Path) -> dict[str, Any]:
    """One gold file, checked enough to score: a JSON object naming its document."""
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise EvaluationError(f"gold file {path} cannot be read: {err}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("document"), str):
        raise EvaluationError(f"gold file {path} is not a gold annotation (a JSON object with a `document` name)")
    for key in ("topics", "definitions", "quotes", "not_quotes", "optional_topics", "optional_definitions"):
        if not isinstance(gold.get(key, []), list):
            raise EvaluationError(f"gold file {path}: `{key}` must be a list")
    for key, shape in GOLD_SHAPES.items():
        try:
            shape.validate_python(gold.get(key, []))
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(map(str, first["loc"]))
            raise EvaluationError(f"gold file {path}: {key}[{where}]: {first['msg']}") from None
    return gold


def evaluate(curated: Path, gold_dir: Path, raw: Path | None = None) -> dict[str, Any]:
    """Score `curated` against every gold file in `gold_dir`; an empty gold folder is an error, not F1 1.0."""
    if not gold_dir.is_dir():
        raise EvaluationError(f"gold folder {gold_dir} does not exist (or is not a folder)")
    golds = sorted(gold_dir.glob("*.json"))
    if not golds:
        raise EvaluationError(f"no gold files (*.json) in {gold_dir}: there is nothing to score against")
    if not (curated / "documents.json").is_file():
        raise EvaluationError(f"{curated} holds no documents.json: run `extract run --curated {curated}` first")
    docs = _items(curated / "documents.json")
    topics, defs, quotes = (_items(curated / f"{n}.json") for n in ("topics", "definitions", "quotes"))
    by_name = {Path(_get(d, "source_path", "path", "source")).name: d.get("doc_id") for d in docs}
    sources = {d.get("doc_id"): _get(d, "source_path", "path", "source") for d in docs}
    editions = {d.get("doc_id"): d.get("edition") for d in docs}
    t_top, t_def, t_quo = Tally(), Tally(), Tally()
    q_found = q_attr = ed_ok = ed_n = 0
    report: dict[str, Any] = {"documents": {}, "per_document": {}}
    for gpath in golds:
        gold = _gold(gpath)
        doc_id = by_name.get(gold["document"])
        entry: dict[str, Any] = {"found": doc_id is not None}
        ed_n += 1
        if doc_id is None:
            t_top.add(0, 0, 0, len(gold.get("topics", [])))
            t_def.add(0, 0, 0, len(gold.get("definitions", [])))
            t_quo.add(0, 0, 0, len(gold.get("quotes", [])))
            entry["missing"] = "document not in documents.json"
            report["documents"][gold["document"]] = entry
            continue

        def mine(rs: list[Rec], doc_id: str = doc_id) -> list[Rec]:
            return [r for r in rs if r.get("doc_id") == doc_id or any(p.get("doc_id") == doc_id for p in _provs(r))]

        counts: dict[str, Any] = {}  # per document: [true preds, preds, found golds, golds] per record type
        tp, npred, tg, ng, miss, extra = match_topics(
            mine(topics), gold.get("topics", []), gold.get("optional_topics", [])
        )
        t_top.add(tp, npred, tg, ng)
        counts["topics"] = [tp, npred, tg, ng]
        entry["topics"] = {"missed": miss, "extra": extra}
        tp, npred, tg, ng, miss, extra = match_definitions(
            mine(defs), gold.get("definitions", []), gold.get("optional_definitions", [])
        )
        t_def.add(tp, npred, tg, ng)
        counts["definitions"] = [tp, npred, tg, ng]
        entry["definitions"] = {"missed": miss, "extra": extra}
        tp, npred, tg, ng, attr, miss, extra = match_quotes(mine(quotes), gold.get("quotes", []))
        t_quo.add(tp, npred, tg, ng)
        counts["quotes"] = [tp, npred, tg, ng]
        counts["attribution"] = [attr, tg]
        q_found += tg
        q_attr += attr
        entry["quotes"] = {"missed": miss, "extra": extra}
        counts["edition"] = editions.get(doc_id) == gold.get("edition")
        if counts["edition"]:
            ed_ok += 1
        else:
            entry["edition"] = {"gold": gold.get("edition"), "got": editions.get(doc_id)}
        report["documents"][gold["document"]] = entry
        report["per_document"][gold["document"]] = counts
    if not report["per_document"]:
        raise EvaluationError(
            f"none of the {len(golds)} documents annotated in {gold_dir} is in {curated}: is it the curated folder "
            "made from the annotated documents? (the dev set's gold scores the folder `make devset` writes)"
        )
    prov_ok = 0
    failures: list[str] = []
    records = topics + defs + quotes
    for rec in records:
        ok, why = check_provenance(curated, rec, raw, sources)
        prov_ok += ok
        if not ok and len(failures) < 5:
            failures.append(why)
    report["summary"] = {
        "topics": t_top.prf(),
        "definitions": t_def.prf(),
        "quotes": t_quo.prf(),
        "attribution": round(q_attr / q_found, 3) if q_found else 0.0,
        "edition": round(ed_ok / ed_n, 3) if ed_n else 0.0,
        "provenance": round(prov_ok / len(records), 3) if records else 0.0,
        "records": len(records),
    }
    report["provenance_failures"] = failures
    return report


def format_report(report: dict[str, Any]) -> str:
    lines = []
    for doc, entry in report["documents"].items():
        lines.append(doc)
        for k, v in entry.items():
            if isinstance(v, dict) and (v.get("missed") or v.get("extra")):
                lines.append(f"  {k}: missed {v.get('missed')} extra {v.get('extra')}")
            elif k in ("missing", "edition"):
                lines.append(f"  {k}: {v}")
    lines += [f"  provenance: {why}" for why in report["provenance_failures"]]
    s = report["summary"]
    lines.append(
        f"topics F1 {s['topics']['f1']:.2f} (P {s['topics']['precision']:.2f} R {s['topics']['recall']:.2f}) | "
        f"definitions F1 {s['definitions']['f1']:.2f} (P {s['definitions']['precision']:.2f} "
        f"R {s['definitions']['recall']:.2f}) | "
        f"quotes F1 {s['quotes']['f1']:.2f} (P {s['quotes']['precision']:.2f} R {s['quotes']['recall']:.2f}) | "
        f"attribution {s['attribution']:.2f} | edition {s['edition']:.2f} | "
        f"provenance {s['provenance']:.2f} of {s['records']}"
    )
    return "\n".join(lines)
