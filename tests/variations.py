"""A CheckList-style variation suite: each form real writing uses, built from parts, with what must come out.

Every family crosses its parts (category words × determiners and modifiers × verbs × separators × case ×
numbering × item shape × line breaks…), draws a deterministic sample, and checks each case end to end
(bytes → parser → rules → records) against the records it must give: the same topics (category, title),
definitions (term, gloss) and quotes (text, speaker), nothing missing and nothing extra. Invariance checks
run a case and its perturbation (`and` ↔ `&`, case, numbering style, other invented item names) and
require the same records, mapped through the perturbation.

`python -m tests.variations` prints the pass rate per family (run by `make eval`); tests/test_variations.py
asserts each family passes at least 0.95. Nothing here comes from a real article: items are invented.
"""

from __future__ import annotations

import itertools
import random
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from extract.batch import Job, extract_source
from extract.document import SourceFile
from extract.rules.base import norm_key
from extract.settings import RunSettings

SEED = 20261123
PER_FAMILY = 100  # cases drawn from each family's product of parts

# --- invented parts --------------------------------------------------------------------------------------------
TITLES = {
    "hurdle": [
        ["Sustaining Funding Beyond Grants", "Staff Burnout", "Data Privacy & Trust"],
        ["Attracting and Retaining Educators and IT Professionals", "Ensuring Cybersecurity", "Scaling Innovation"],
        ["Aging Infrastructure", "Policy Whiplash", "Misinformation and Synthetic Media"],
    ],
    "accelerator": [
        ["Learner Agency", "Portraits of a Graduate", "Human-Centered Leadership"],
        ["Building the Human Capacity of Leaders", "Authentic Assessment", "Community Partnerships"],
        ["Student Voice", "Competency-Based Pathways", "Family Engagement"],
    ],
    "tech_enabler": [
        ["Generative AI", "Interoperable Data Systems", "Privacy and Safety Technologies"],
        ["Data Dashboards", "Extended Reality", "Adaptive Learning Platforms"],
        ["AI Tutors", "Digital Credentials", "Cloud Identity Tools"],
    ],
    "bridge": [
        ["Ethics & Trust First", "Equity and Access for All", "Culture Over Hardware"],
        ["People Before Platforms", "Shared Accountability", "Wellbeing at the Center"],
    ],
}
CLAUSES = {
    "hurdle": [
        ["keeping up with rapid AI change", "working toward sustainable funding", "attracting and retaining staff"],
        ["securing networks against ransomware", "closing the homework gap", "finding time for teacher training"],
    ],
    "accelerator": [
        ["giving students more agency", "rethinking how learning is assessed", "growing leaders from within"],
        ["building community partnerships", "redesigning the school day", "making learning relevant to careers"],
    ],
    "tech_enabler": [
        ["generative AI tools", "interoperable data platforms", "privacy and safety technologies"],
        ["adaptive learning software", "immersive reality headsets", "digital portfolios"],
    ],
}
CATEGORY_WORDS = {
    "hurdle": ["hurdles", "Hurdles", "HURDLES", "innovation hurdles"],
    "accelerator": ["accelerators", "Accelerators", "ACCELERATORS", "innovation accelerators"],
    "tech_enabler": ["tech enablers", "Tech Enablers", "technology enablers", "TECH ENABLERS", "enablers"],
    "bridge": ["Bridges", "bridges", "unifying themes"],
}
LABELS = {"hurdle": "Hurdles", "accelerator": "Accelerators", "tech_enabler": "Tech Enablers", "bridge": "Bridges"}
SINGULAR = {"hurdle": "Hurdle", "accelerator": "Accelerator", "tech_enabler": "Tech Enabler", "bridge": "Bridge"}
GLOSSES = {
    "hurdle": "the obstacles that slow or block change in schools",
    "accelerator": "the megatrends that push innovation forward",
    "tech_enabler": "the tools schools use to get past the hurdles",
    "bridge": "the themes that connect all three lists",
}
PEOPLE = [
    ("Dana R. Whitfield", "CEO of CoSN"),
    ("Marcus Oyelaran", "chief technology officer of Pine Valley Schools"),
    ("Ana Q. Ruiz", "superintendent of Lakeshore District"),
    ("Priya Natarajan", "director of digital learning at Harbor City Schools"),
]
STATEMENTS = [
    "Every district we spoke with is asking the same question about funding",
    "We moved from buying devices to designing learning for every student",
    "The hardest part of innovation is sustaining it after the pilot ends",
    "Nobody has enough staff to run all of this safely and well",
]


# --- cases -----------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Case:
    family: str
    name: str
    filename: str
    text: str
    topics: frozenset[tuple[str, str]] = frozenset()
    definitions: frozenset[tuple[str, str]] = frozenset()
    quotes: frozenset[tuple[str, str]] = frozenset()  # (text key, speaker's last name)
    edition: int | None = None
    check_edition: bool = False


@dataclass
class Outcome:
    case: Case
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def _topics(category: str, titles: list[str]) -> frozenset[tuple[str, str]]:
    return frozenset((category, norm_key(t)) for t in titles)


def _join(items: list[str], sep: str, conj: str, serial: bool) -> str:
    """`a, b, and c` / `a; b; and c` / `a, b & c`."""
    if len(items) == 1:
        return items[0]
    head = f"{sep} ".join(items[:-1])
    comma = sep if serial or sep == ";" else ""
    return f"{head}{comma} {conj} {items[-1]}"


def _wrap(text: str, width: int) -> str:
    """Hard-wrap a paragraph at `width` columns, as mail clients do."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def _case_word(word: str, case: str) -> str:
    return {"upper": word.upper(), "lower": word.lower(), "title": word.title(), "as is": word}[case]


Family = Callable[[random.Random], Iterator[Case]]


def enumeration(rng: random.Random) -> Iterator[Case]:
    """A sentence naming one category, then its items: `The top three innovation hurdles for 2031 will be…`."""
    frames = [
        ("THE TOP THREE {cat} FOR 2031 ARE {items}.", True),
        ("The three top {cat} areas this year are {items}.", True),
        ("The top three {cat} for K-12 schools in 2031 will be {items}.", True),
        ("This year's three {cat} are {items}.", True),
        ("It lists the {cat} as {items}.", True),
        ("Among the {cat}, the advisory panel singled out {items}.", True),
        ("The 2031 {cat} are {items}.", True),
        ("According to the report, the top {cat} include {items}.", True),
        ("The advisory board named {items} as this year's top {cat}.", True),
        ("For 2031, the board's three {cat} are {items}.", True),
    ]
    parts = itertools.product(
        ["hurdle", "accelerator", "tech_enabler"],
        frames,
        ["title", "clause"],
        [(",", "and", True), (",", "and", False), (";", "and", True), (",", "&", False)],
        ["plain", "numbered"],
        [False, True],  # hard-wrapped
    )
    for category, (frame, _ranked), shape, (sep, conj, serial), numbering, wrapped in parts:
        pool = TITLES if shape == "title" else CLAUSES
        items = rng.choice(pool[category])
        if shape == "clause" and conj == "&":
            continue  # lower-case clauses are not joined with an ampersand
        shown = [f"({n}) {t}" for n, t in enumerate(items, 1)] if numbering == "numbered" else items
        word = rng.choice(CATEGORY_WORDS[category])
        if "areas" in frame:
            word = SINGULAR[category].lower()  # a singular category word as a modifier: `top hurdle areas`
        sentence = frame.format(cat=word, items=_join(shown, sep, conj, serial))
        if frame.isupper() or frame.startswith("THE"):
            sentence = sentence.upper()
            if shape == "clause":
                continue  # upper-case clause items are not a form writers use
        text = "Driving K-12 Innovation 2031\n\n" + (_wrap(sentence, 60) if wrapped else sentence) + "\n"
        name = f"{category}/{frame[:18]}/{shape}/{sep}{conj}{'S' if serial else ''}/{numbering}/{'wrap' if wrapped else ''}"
        expected = [t.upper() for t in items] if frame.startswith("THE") else items
        yield Case("enumeration", name, "article.txt", text, _topics(category, expected))


def gloss_in_enumeration(rng: random.Random) -> Iterator[Case]:
    """`The tech enablers, which the document defines as the tools …, are a, b and c`: a definition and a list."""
    frames = [
        "The {cat}, which the document defines as {gloss}, are {items}.",
        "The {cat}, which the report describes as {gloss}, include {items}.",
        "This year's {cat}, defined as {gloss}, are {items}.",
        "The three {cat}, or {gloss}, are {items}.",
    ]
    for category, frame, shape, wrapped in itertools.product(
        ["hurdle", "accelerator", "tech_enabler"], frames, ["title", "clause"], [False, True]
    ):
        items = rng.choice((TITLES if shape == "title" else CLAUSES)[category])
        word = rng.choice([w for w in CATEGORY_WORDS[category] if not w.isupper()])
        sentence = frame.format(cat=word, gloss=GLOSSES[category], items=_join(items, ",", "and", True))
        text = (_wrap(sentence, 64) if wrapped else sentence) + "\n"
        definitions = frozenset({(LABELS[category], norm_key(GLOSSES[category]))})
        yield Case(
            "gloss_in_enumeration",
            f"{category}/{frame[:24]}/{shape}",
            "article.txt",
            text,
            _topics(category, items),
            definitions,
        )


def label_lines(rng: random.Random) -> Iterator[Case]:
    """`Hurdles: A; B; C`, `• Tech Enablers: X, Y and Z` — each category's items on its label's line."""
    parts = itertools.product(
        ["", "• ", "- ", "* "],
        ["; ", ", "],
        ["title", "upper", "lower"],
        ["singular", "plural"],
        [".txt", ".md", ".html"],
    )
    for bullet, sep, case, number, ext in parts:
        cats = ["hurdle", "accelerator", "tech_enabler"]
        expected: set[tuple[str, str]] = set()
        lines = []
        for category in cats:
            items = rng.choice(TITLES[category])
            word = SINGULAR[category] if number == "singular" else LABELS[category]
            word = _case_word(word, case)
            lines.append(f"{bullet}{word}: {sep.join(items)}")
            expected |= _topics(category, items)
        body = "\n".join(lines) if bullet else "\n\n".join(lines)
        intro = "The 2031 report names its top topics."
        if ext == ".html":
            tag = "li" if bullet else "p"
            inner = "".join(f"<{tag}>{line.removeprefix(bullet)}</{tag}>" for line in lines)
            wrapper = f"<ul>{inner}</ul>" if bullet else inner
            if not bullet and case == "title":  # one paragraph, the labels on lines of their own
                wrapper = "<p>" + "<br>".join(lines) + "</p>"
            text = f"<html><body><article><h1>Report 2031</h1><p>{intro}</p>{wrapper}</article></body></html>"
        else:
            text = f"{intro}\n\n{body}\n"
        yield Case(
            "label_line",
            f"{bullet or 'none'}|{sep.strip()}|{case}|{number}|{ext}",
            f"doc{ext}",
            text,
            frozenset(expected),
        )


def category_blocks(rng: random.Random) -> Iterator[Case]:
    """`HURDLES Barriers to … that require …` then numbered items, run together by a mail client or a PDF."""
    numbering_styles = {
        "spaced lines": lambda items: "\n".join(f"{n}. {t}" for n, t in enumerate(items, 1)),
        "one line": lambda items: " ".join(f"{n}. {t}" for n, t in enumerate(items, 1)),
        "run together": lambda items: " ".join(f"{n}.{t}" if n > 1 else f"{n}. {t}" for n, t in enumerate(items, 1)),
        "parens": lambda items: "\n".join(f"{n}) {t}" for n, t in enumerate(items, 1)),
    }
    for category, style, same_line, case in itertools.product(
        ["hurdle", "accelerator", "tech_enabler"], list(numbering_styles), [False, True], ["upper", "title:", "lower:"]
    ):
        items = rng.choice(TITLES[category])
        gloss = {
            "hurdle": "Barriers to innovation that require sustained effort to overcome",
            "accelerator": "Megatrends that speed the pace of change in schools",
            "tech_enabler": "Tools that help schools move past the hurdles",
        }[category]
        label = _case_word(LABELS[category], case.rstrip(":")) + (":" if case.endswith(":") else "")
        listed = numbering_styles[style](items)
        block = f"{label} {gloss} {listed}" if same_line else f"{label} {gloss}\n\n{listed}"
        if style == "spaced lines" and same_line:
            block = f"{label} {gloss}\n{listed}"
        text = f"District Dispatch, 2031 edition\n\n{block}\n\nSee you next week.\n"
        definitions = frozenset({(LABELS[category], norm_key(gloss))})
        yield Case(
            "category_block",
            f"{category}/{style}/{'same' if same_line else 'next'}/{case}",
            "mail.txt",
            text,
            _topics(category, items),
            definitions,
        )


def mixed_lists(rng: random.Random) -> Iterator[Case]:
    """`The top hurdles and accelerators, ranked from most to least important, are:` and bullets of both."""
    intros = [
        "The top hurdles and accelerators, ranked from most to least important, are:",
        "The three hurdles and three accelerators, in order, are:",
        "Here are this year's top Hurdles and Accelerators:",
    ]
    for intro, labelled, bullet, ext in itertools.product(intros, [False, True], ["•", "-", "1."], [".txt", ".md"]):
        hurdles = rng.choice(TITLES["hurdle"])
        accelerators = rng.choice(TITLES["accelerator"])
        lines = []
        for n, title in enumerate([*hurdles, *accelerators], 1):
            tag = (" (hurdle)" if n <= 3 else " (accelerator)") if labelled else ""
            mark = f"{n}." if bullet == "1." else bullet
            lines.append(f"{mark} {title}{tag}")
        text = f"{intro}\n\n" + "\n".join(lines) + "\n\nThe full report is online.\n"
        yield Case(
            "mixed_list",
            f"{intro[:20]}/{labelled}/{bullet}/{ext}",
            f"brief{ext}",
            text,
            _topics("hurdle", hurdles) | _topics("accelerator", accelerators),
        )


def headings(rng: random.Random) -> Iterator[Case]:
    """A category heading, topic headings with a paragraph each, then headings that are not topics."""
    closers = ["What comes next", "Methodology", "About CoSN", "Why it matters", "Questions to consider"]
    for category, numbered, closer, ext, case in itertools.product(
        ["hurdle", "accelerator", "tech_enabler", "bridge"],
        [False, True],
        closers,
        [".md", ".html"],
        ["title", "upper"],
    ):
        items = rng.choice(TITLES[category])
        label = _case_word(LABELS[category], case)
        heads = [f"{n}. {t}" if numbered else t for n, t in enumerate(items, 1)]
        if ext == ".md":
            body = "\n\n".join(f"### {h}\n\nThis topic matters for districts of every size." for h in heads)
            text = f"# The 2031 Report\n\n## {label}\n\n{body}\n\n## {closer}\n\nMore on this next month.\n"
        else:
            body = "".join(f"<h3>{h}</h3><p>This topic matters for districts of every size.</p>" for h in heads)
            text = (
                f"<html><body><article><h1>The 2031 Report</h1><h2>{label}</h2>{body}"
                f"<h2>{closer}</h2><p>More on this next month.</p></article></body></html>"
            )
        yield Case(
            "headings", f"{category}/{numbered}/{closer}/{ext}/{case}", f"report{ext}", text, _topics(category, items)
        )


def titled_items(rng: random.Random) -> Iterator[Case]:
    """`**Title** — description` list items under a category heading: topics with a description, no
    definitions; a category word alone is never a topic."""
    for category, dash, bold, ext in itertools.product(
        ["hurdle", "accelerator", "tech_enabler"], ["—", "–", ":", " - "], [True, False], [".md", ".txt"]
    ):
        items = rng.choice(TITLES[category])
        sep = f" {dash.strip()} " if dash != ":" else ": "
        lines = [
            f"- {'**' + t + '**' if bold and ext == '.md' else t}{sep}why this matters now for schools" for t in items
        ]
        text = f"## {LABELS[category]}\n\n" + "\n".join(lines) + "\n\n## What comes next\n\nStay tuned.\n"
        yield Case("titled_items", f"{category}/{dash}/{bold}/{ext}", f"blog{ext}", text, _topics(category, items))


def definitions(rng: random.Random) -> Iterator[Case]:
    """The shapes of a gloss."""
    g = GLOSSES
    frames: list[tuple[str, list[tuple[str, str]]]] = [
        (
            "According to the project, accelerators pave the way for innovation, while hurdles hinder it.",
            [("Accelerators", "pave the way for innovation"), ("Hurdles", "hinder it")],
        ),
        (
            "The board defined “hurdles” as roadblocks that force schools to slow down.",
            [("Hurdles", "roadblocks that force schools to slow down")],
        ),
        (
            'The report defined "accelerators" as forces that speed up change.',
            [("Accelerators", "forces that speed up change")],
        ),
        (
            "Hurdles (barriers), Accelerators (mega-trends), and Tech Enablers (tools) frame the report.",
            [("Hurdles", "barriers"), ("Accelerators", "mega-trends"), ("Tech Enablers", "tools")],
        ),
        (
            "HURDLES Barriers to innovation that require sustained effort.",
            [("Hurdles", "Barriers to innovation that require sustained effort")],
        ),
        (
            "Accelerators are mega-trends that drive change – sometimes suddenly – across districts.",
            [("Accelerators", "mega-trends that drive change")],
        ),
        (f"Tech Enablers refer to {g['tech_enabler']}.", [("Tech Enablers", g["tech_enabler"])]),
        (f"Hurdles are defined as {g['hurdle']}.", [("Hurdles", g["hurdle"])]),
        (f"Bridges are {g['bridge']}.", [("Bridges", g["bridge"])]),
        (f"Tech enablers, or {g['tech_enabler']}, get their own chapter.", [("Tech Enablers", g["tech_enabler"])]),
        (
            "Learner agency refers to students taking charge of their own learning.",
            [("Learner agency", "students taking charge of their own learning")],
        ),
        (f"Accelerators — {g['accelerator']}", [("Accelerators", g["accelerator"])]),
        (f"Hurdles: {g['hurdle']}.", [("Hurdles", g["hurdle"])]),
        (
            "By “bridges,” the board means ideas that cut across every list.",
            [("Bridges", "ideas that cut across every list")],
        ),
    ]
    for (frame, expected), case, ext in itertools.product(frames, ["as is", "lower-first"], [".txt", ".md"]):
        text = frame
        if case == "lower-first" and not frame.startswith(("HURDLES", "By", "According", "The", "Learner")):
            continue
        yield Case(
            "definitions",
            f"{frame[:30]}/{case}/{ext}",
            f"note{ext}",
            text + "\n",
            definitions=frozenset((t, norm_key(d)) for t, d in expected),
        )


def quotes(rng: random.Random) -> Iterator[Case]:
    """Attribution shapes: role before the name, middle initials, a colon after a role apposition, documents
    and organizations speaking, a bullet whose subject speaks, a split quote, a pronoun, a shorter repeat."""
    q = STATEMENTS
    for (name, role), marks, statement in itertools.product(PEOPLE, ["curly", "straight"], range(4)):
        first = q[statement]
        second = q[(statement + 1) % 4]
        last = name.split()[-1]
        o, c = ("“", "”") if marks == "curly" else ('"', '"')
        role_short = role.split(" of ")[0].split(" at ")[0]
        forms = [
            (
                f"{role_short.upper() if len(role_short) <= 4 else role_short.title()} {name} said in a statement, "
                f"{o}{first}.{c}",
                [(first, last)],
            ),
            (f"{name}, {role}, put it bluntly: {o}{first}.{c}", [(first, last)]),
            (f"{o}{first},{c} said {name}, {role}. {o}{second}.{c}", [(first, last), (second, last)]),
            (f"{name} said the board met twice. {o}{first},{c} she said.", [(first, last)]),
            (f"- {name} and her team talked about staffing: {o}{first}.{c}", [(first, last)]),
            (f"The report argues that {o}{first.lower()}.{c}", [(first.lower(), "report")]),
            (f"The news release said {o}{first.lower()}.{c}", [(first.lower(), "release")]),
            (f"CoSN said in its announcement that {o}{first.lower()}.{c}", [(first.lower(), "CoSN")]),
            # a shorter repeat by the same speaker is the same quote (one record, two places)
            (
                f"{o}{first},{c} {name} said. {o}{second},{c} said Omar Haddad, a teacher.\n\n"
                f"{o}{' '.join(first.split()[:6])}{c}\n\n— {name}",
                [(first, last), (second, "Haddad")],
            ),
            # the same words from another speaker stay a quote of their own, with their own speaker
            (
                f"{o}{first},{c} {name} said.\n\nLater, Omar Haddad, a teacher, agreed: {o}{' '.join(first.split()[:6])}.{c}",
                [(first, last), (" ".join(first.split()[:6]), "Haddad")],
            ),
        ]
        for n, (text, expected) in enumerate(forms):
            yield Case(
                "quotes",
                f"{name}/{marks}/{statement}/{n}",
                "story.txt",
                text + "\n",
                quotes=frozenset((norm_key(t), who.lower()) for t, who in expected),
            )


def editions(rng: random.Random) -> Iterator[Case]:
    """The report year: a December announcement of next year's topics, a file name, `the 2031 report`."""
    forms = [
        ("Published December 9, 2030\n\nCoSN today named the top hurdles for 2031, the coming year.", "news.txt", 2031),
        ("The 2031 report ranks three hurdles, as every year.", "news.txt", 2031),
        ("2031 Top Topics\n\nHurdles, Accelerators and Tech Enablers.", "summary.txt", 2031),
        ("A summary of the year's report for district leaders.", "2031_Driving-K12-Innovation-Report-V19.txt", 2031),
        ("Driving K-12 Innovation 2031: what the board chose and why.", "story.txt", 2031),
        ("Last year's 2030 list was shorter. The 2031 report adds Bridges; the 2031 report is longer.", "a.txt", 2031),
    ]
    for text, filename, year in forms:
        for variant in range(4):
            body = (
                text
                if variant % 2 == 0
                else text.replace("2031", str(2031 + variant)).replace("2030", str(2030 + variant))
            )
            expected = year if variant % 2 == 0 else year + variant
            name = filename if variant % 2 == 0 else filename.replace("2031", str(2031 + variant))
            yield Case("edition", f"{filename}/{variant}", name, body + "\n", edition=expected, check_edition=True)


FAMILIES: dict[str, Family] = {
    "enumeration": enumeration,
    "gloss_in_enumeration": gloss_in_enumeration,
    "label_line": label_lines,
    "category_block": category_blocks,
    "mixed_list": mixed_lists,
    "headings": headings,
    "titled_items": titled_items,
    "definitions": definitions,
    "quotes": quotes,
    "edition": editions,
}


def cases(per_family: int = PER_FAMILY) -> list[Case]:
    rng = random.Random(SEED)
    out: list[Case] = []
    for family in FAMILIES.values():
        built = list(family(rng))
        out.extend(rng.sample(built, per_family) if len(built) > per_family else built)
    return out


# --- checking --------------------------------------------------------------------------------------------------
def run(case: Case) -> Outcome:
    result = extract_source(
        Job(SourceFile(case.filename, case.text.encode("utf-8")), settings=RunSettings(isolate=False))
    )
    outcome = Outcome(case)
    if result.failed:
        outcome.problems.append(f"failed: {result.document.error}")
        return outcome
    got_topics = {(t.category, norm_key(t.title)) for t in result.topics}
    got_defs = {(d.term, norm_key(d.definition)) for d in result.definitions}
    got_quotes = {
        (norm_key(q.text), _speaker_key(q.speaker.name if q.speaker else "", case.quotes, q.text))
        for q in result.quotes
    }
    if case.family != "edition":
        _compare(outcome, "topic", case.topics, got_topics)
        _compare(outcome, "definition", case.definitions, got_defs)
        _compare(outcome, "quote", case.quotes, got_quotes)
    if case.check_edition and result.document.edition != case.edition:
        outcome.problems.append(f"edition {result.document.edition} != {case.edition}")
    return outcome


def _speaker_key(name: str, expected: frozenset[tuple[str, str]], text: str) -> str:
    """The expected speaker key when the predicted name contains it (as the reference scorer matches)."""
    words = norm_key(name).split()
    for key, who in expected:
        if key == norm_key(text) and who in words:
            return who
    return words[-1] if words else ""


def _compare(outcome: Outcome, kind: str, expected: frozenset, got: set) -> None:
    for item in sorted(expected - got):
        outcome.problems.append(f"missed {kind} {item}")
    for item in sorted(got - expected):
        outcome.problems.append(f"extra {kind} {item}")


# --- invariance: perturb a passing case, require the same records ---------------------------------------------
PERTURBATIONS: dict[str, Callable[[str], str]] = {
    "and → &": lambda t: t.replace(", and ", ", & ").replace(" and ", " & ", 1) if " and " in t else t,
    "category upper case": lambda t: _recase_categories(t, str.upper),
    "category lower case": lambda t: _recase_categories(t, str.lower),
    "numbering 1. → 1)": lambda t: _renumber(t),
}


def _recase_categories(text: str, fn: Callable[[str], str]) -> str:
    for words in CATEGORY_WORDS.values():
        for w in sorted(words, key=len, reverse=True):
            text = text.replace(w, fn(w))
    return text


def _renumber(text: str) -> str:
    import re

    return re.sub(r"(?m)(^|\s)(\d)\.(\s|(?=[A-Z]))", r"\1\2)\3", text)


def invariance(sample: list[Case]) -> dict[str, tuple[int, int]]:
    """For each perturbation: (cases where it changed the text and the records stayed the same, cases where it
    changed the text). Records are compared with item titles normalized, so `&` and `and` read alike."""
    totals: dict[str, list[int]] = {name: [0, 0] for name in PERTURBATIONS}
    for case in sample:
        if case.family in ("edition", "quotes", "definitions"):
            continue
        base = _records(case.filename, case.text)
        for name, perturb in PERTURBATIONS.items():
            text = perturb(case.text)
            if text == case.text:
                continue
            totals[name][1] += 1
            totals[name][0] += _records(case.filename, text) == base
    return {k: (v[0], v[1]) for k, v in totals.items()}


def _records(filename: str, text: str) -> tuple:
    r = extract_source(Job(SourceFile(filename, text.encode("utf-8")), settings=RunSettings(isolate=False)))
    amp = lambda s: norm_key(s.replace("&", " and "))  # noqa: E731 - one normalization, used twice
    return (
        sorted((t.category, amp(t.title)) for t in r.topics),
        sorted((d.term.lower(), amp(d.definition)) for d in r.definitions),
    )


def report(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    by_family: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for o in outcomes:
        by_family[o.case.family][0] += o.passed
        by_family[o.case.family][1] += 1
    return {k: (v[0], v[1]) for k, v in by_family.items()}


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    sample = cases()
    outcomes = [run(c) for c in sample]
    print(f"variation suite: {len(outcomes)} generated cases")
    print("| family | passed | cases | pass rate |\n| --- | --- | --- | --- |")
    for family, (ok, n) in report(outcomes).items():
        print(f"| {family} | {ok} | {n} | {ok / n:.2f} |")
    inv = invariance([o.case for o in outcomes if o.passed][::3])
    print("\n| invariance | same records | perturbed cases | rate |\n| --- | --- | --- | --- |")
    for name, (ok, n) in inv.items():
        print(f"| {name} | {ok} | {n} | {ok / n:.2f} |" if n else f"| {name} | 0 | 0 | — |")
    if verbose:
        counts: Counter[str] = Counter()
        for o in outcomes:
            if not o.passed and counts[o.case.family] < 6:
                counts[o.case.family] += 1
                print(f"\nFAIL {o.case.family} {o.case.name}\n{o.case.text}\n  " + "\n  ".join(o.problems[:6]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
