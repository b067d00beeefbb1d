"""Plain text and Markdown articles → segments: paragraphs on blank lines, heading-like lines as headings."""

from __future__ import annotations

import re
import unicodedata

from extract.document import Metadata, ParsedDocument
from extract.settings import TextSettings
from extract.sources.builder import SEAM, TextBuilder
from extract.sources.encoding import decode_utf8

# `1️⃣ Title`: a keycap (a digit, the emoji selector, the enclosing keycap) numbers an item as `1.` does.
_LIST_MARKER = re.compile(r"^\s*(?P<m>[-*+•▪◦●‣–]|\d{1,2}[.)]|\d{1,2}\ufe0f?\u20e3|[a-z][.)])\s+(?=\S)")
_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_TABLE_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
# Words set apart by a run of spaces inside a line: columns pasted from a PDF (`Keep Humans First   Build Trust`).
_WIDE_GAP = re.compile(r"(?<=\S) {3,}(?=\S)")
# A line that opens a new block in hard-wrapped text although it is not a list item: an upper-case category
# label and its gloss (`TECH ENABLERS Tools and technologies that…`), or numbering run into its first word
# (`1.Agentic AI 2.Privacy…`: a new run starts at 1), as a PDF pasted into a mail gives them.
_BLOCK_OPENER = re.compile(r"^\s*(?:[A-Z]{4,}(?: [A-Z]{2,})* [A-Z][a-z]|1[.)][A-Z])")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# Small words a title-case heading may keep lower case; dashes and "&" count with them.
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "the",
        "to",
        "vs",
        "with",
        "&",
        "–",
        "—",
        "-",
    ]
)


def looks_like_heading(line: str, settings: TextSettings = TextSettings()) -> bool:
    """Short, unpunctuated, mostly capitalized lines ("Tech Enablers", "Why This Report Matters")."""
    words = line.split()
    if not 1 <= len(words) <= settings.heading_max_words or len(line) > settings.heading_max_chars:
        return False
    if line[-1] in '.,;:!?…"”’)':
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS and w[:1].isalpha()]
    if not content:
        return False
    capitalized = sum(1 for w in content if w[0].isupper())
    return capitalized / len(content) >= settings.heading_capitalized


def runs_on(previous: str, line: str) -> bool:
    """A line that plainly continues the one before it: no closing punctuation there, a lower-case start here."""
    stripped = line.lstrip()
    return (
        previous.rstrip()[-1:] not in '.!?:;”"'
        and stripped[:1].islower()
        and not _LIST_MARKER.match(line)
        and not _MD_HEADING.match(line)
    )


def _runs(lines: list[str]) -> list[list[str]]:
    """Runs of non-blank lines."""
    runs: list[list[str]] = [[]]
    for line in lines:
        if line.strip():
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [r for r in runs if r]


def _is_wrapped(lines: list[str], settings: TextSettings) -> bool:
    """Hard-wrapped prose: most lines of multi-line runs are short and few of them end a sentence."""
    runs = _runs(lines)
    multi = [line for r in runs if len(r) > 1 for line in r]
    # A paragraph's last line ends its sentence whether or not the file is wrapped: judge the others.
    inner = [line for r in runs if len(r) > 1 for line in r[:-1]]
    return (
        bool(multi)
        and sum(len(x.strip()) <= settings.hard_wrap_width for x in multi) / len(multi) > settings.wrapped_short_share
        and sum(x.rstrip()[-1:] in '.!?:”"' for x in inner) / len(inner) < settings.wrapped_max_terminal_share
    )


def _blocks(lines: list[str], settings: TextSettings, wrapped: bool) -> list[list[str]]:
    """Group lines into blocks; a run of lines merges only when the file is hard-wrapped prose."""
    runs = _runs(lines)
    blocks: list[list[str]] = []
    for run in runs:
        if not wrapped:
            # One line per paragraph, except where a line plainly runs on into the next: it ends without
            # closing punctuation and the next starts in lower case (`…interoperable` / `data platforms, and…`).
            own: list[list[str]] = []
            for line in run:
                if own and runs_on(own[-1][-1], line):
                    own[-1].append(line)
                else:
                    own.append([line])
            blocks.extend(own)
            continue
        current: list[str] = []
        # A heading stands on a short line of its own; a wrapped line of title-case words runs to the margin.
        margin = max(len(line.rstrip()) for line in run)
        for line in run:
            starts_item = bool(
                _LIST_MARKER.match(line) or _MD_HEADING.match(line) or _BLOCK_OPENER.match(line) or _sign_bullet(line)
            )
            previous = current[-1].strip() if current else ""
            heading = looks_like_heading(previous, settings) and len(previous) < settings.heading_line_share * margin
            laid_out = bool(_WIDE_GAP.search(line.strip()) or _WIDE_GAP.search(previous))  # a line of columns
            if current and (starts_item or heading or laid_out):
                blocks.append(current)
                current = []
            current.append(line)
        blocks.append(current)
    return blocks


def _cells(line: str) -> list[str]:
    """The cells of a pipe-table row: `| A | B |` → [A, B]; `\\|` is a bar inside a cell."""
    body = line.strip()
    body = body[1:] if body.startswith("|") else body
    body = body[:-1] if body.endswith("|") and not body.endswith("\\|") else body
    return [c.replace("\\|", "|").strip() for c in _CELL_SPLIT.split(body)]


def _stretches(lines: list[str]) -> list[tuple[str, list[str]]]:
    """The file as stretches of ("lines", …) and ("table", rows): a pipe table is a row of cells, a
    delimiter row (`|---|:--|`) and the rows after it that start with a bar."""
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if (
            line.lstrip().startswith("|")
            and i + 1 < len(lines)
            and _TABLE_DELIMITER.match(lines[i + 1])
            and len(_cells(lines[i + 1])) == len(_cells(line))
        ):
            rows = [line]
            i += 2
            while i < len(lines) and lines[i].lstrip().startswith("|"):
                rows.append(lines[i])
                i += 1
            out.append(("table", rows))
            continue
        if not out or out[-1][0] != "lines":
            out.append(("lines", []))
        out[-1][1].append(line)
        i += 1
    return out


def parse_text(data: bytes, markdown: bool = False, settings: TextSettings | None = None) -> ParsedDocument:
    settings = settings or TextSettings()
    text = decode_utf8(data).replace("\r\n", "\n").replace("\r", "\n")
    builder = TextBuilder()
    title: str | None = None
    stretches = _stretches(text.split("\n"))
    wrapped = _is_wrapped([line for kind, part in stretches if kind == "lines" for line in part], settings)
    for kind, part in stretches:
        if kind == "table":
            for number, row in enumerate(part):
                builder.add_row([_MD_EMPHASIS.sub(r"\2", c) for c in _cells(row)], header=number == 0)
            continue
        title = _add_blocks(builder, _blocks(part, settings, wrapped), markdown, settings, title)
    return builder.build(Metadata(title=title))


def _sign_bullet(text: str) -> str | None:
    """The sign that opens a line as a bullet (`👉 `, `✅ `, `→ `: an emoji or other sign outside ASCII, its
    variation selector included, then a space), or None."""
    head = text.lstrip()
    end = 0
    while end < len(head) and (unicodedata.category(head[end]) in ("So", "Sm") or head[end] == "\ufe0f"):
        end += 1
    signs = head[:end]
    if not signs or any(c.isascii() for c in signs) or not head[end : end + 1].isspace():
        return None
    return signs


def _after(text: str, count: int) -> str:
    """`text` after its first `count` characters, SEAM marks not counted (a marker found in the plain text)."""
    seen = 0
    for at, char in enumerate(text):
        if seen == count:
            return text[at:]
        seen += char != SEAM
    return ""


def _add_blocks(
    builder: TextBuilder, blocks: list[list[str]], markdown: bool, settings: TextSettings, title: str | None
) -> str | None:
    """Add a stretch's blocks as headings, list items and paragraphs; returns the document title so far."""
    for block in blocks:
        # `> "Trust by design isn't …"`: a Markdown block quote is a quotation block, its marks left out
        quoted = markdown and all(x.lstrip().startswith(">") for x in block)
        block = [x.lstrip()[1:] for x in block] if quoted else block
        first = block[0]
        joined = " ".join(x.strip() for x in block)
        heading = _MD_HEADING.match(first)  # `## Hurdles` is a heading in a .txt too (pasted Markdown)
        if markdown:
            joined = _MD_EMPHASIS.sub(SEAM + r"\2" + SEAM, joined)  # the text leaves `**` out; provenance knows
        if heading:
            seg = builder.add(
                "heading", _MD_EMPHASIS.sub(SEAM + r"\2" + SEAM, heading.group(2)), level=len(heading.group(1))
            )
            if seg and seg.level == 1 and title is None:
                title = seg.text
            continue
        plain = joined.replace(SEAM, "")  # what the block says, for deciding what it is
        marker = _LIST_MARKER.match(plain)
        sign = _sign_bullet(plain)
        if sign is not None and not heading:  # `👉 A 👉 B 👉 C`, `✅ A`: a sign bullets each item, one line or many
            for part in re.split(rf"\s*{re.escape(sign)}\s+", joined.strip()):
                builder.add("list_item", part, marker=sign, level=0)
            continue
        if len(block) == 1 and _WIDE_GAP.search(plain.strip()) and not marker:
            for part in _WIDE_GAP.split(joined.strip()):  # `Keep Humans at the Center   Build Trust Before Scale`
                builder.add("paragraph", part)
        elif marker:
            indent = len(first) - len(first.lstrip())  # a nested bullet is indented under its parent item
            builder.add("list_item", _after(joined, marker.end()), marker=marker.group("m"), level=indent)
        elif len(block) == 1 and looks_like_heading(plain.strip(), settings):
            builder.add("heading", joined, level=2)
        else:
            builder.add("quote_block" if quoted else "paragraph", joined)
    return title
