"""Saved web pages → segments, with trafilatura finding the main content and dropping page furniture."""

from __future__ import annotations

import logging
import re

import lxml.html
import trafilatura
from lxml import etree

from extract.document import Metadata, ParsedDocument
from extract.errors import SourceError
from extract.settings import HtmlSettings
from extract.sources.builder import LEAD, TextBuilder
from extract.sources.encoding import decode_html
from extract.sources.text import runs_on

log = logging.getLogger(__name__)


_BREAK = "\u2028"  # where an <lb/> stood, until the block is split into its lines


def _text(el: etree._Element) -> str:
    # <lb/> is a line break inside a block; itertext drops it, so put a space back.
    for lb in el.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    return "".join(el.itertext())


def _lines(el: etree._Element) -> list[str]:
    """A paragraph's lines as its <br>s set them (`Hurdles: A; B<br>Accelerators: C; D`), a line that plainly runs
    on into the next (no closing punctuation, the next in lower case) kept with it."""
    for lb in el.iter("lb"):
        lb.tail = _BREAK + (lb.tail or "")
    lines: list[str] = []
    for line in "".join(el.itertext()).split(_BREAK):
        if lines and runs_on(lines[-1], line):
            lines[-1] += " " + line
        elif line.strip():
            lines.append(line)
    return lines


def _list(el: etree._Element, builder: TextBuilder, depth: int) -> None:
    """A list's items at their nesting depth (the segment's level): an item's own words, then its sub-lists
    (`<dt>Hurdles</dt><dd>Challenges that … <ul><li>Workforce Burnout <ul><li>Try: …`)."""
    for item in el.findall("item"):
        _mark_lead(item)
        own = [item.text or ""]
        for part in item:
            own.append("" if part.tag == "list" else _text(part))
            own.append(part.tail or "")
        text = "".join(own)
        if text.strip():
            builder.add("list_item", text, level=depth)
        for sub in item.findall("list"):  # its own sub-lists; theirs are read in turn
            _list(sub, builder, depth + 1)


def _mark_lead(el: etree._Element) -> None:
    """`<p><strong>Title.</strong> Description</p>`: mark where the bold run the block opens with ends (the
    builder keeps it as the segment's `lead`, a run-in heading)."""
    children = list(el)
    bold = bool(children) and children[0].tag == "hi" and "#b" in (children[0].get("rend") or "")
    if bold and not (el.text or "").strip() and "".join(children[0].itertext()).strip():
        children[0].tail = LEAD + (children[0].tail or "")


def _bold_only(p: etree._Element, settings: HtmlSettings) -> bool:
    """`<p><strong>HURDLES</strong></p>`: a short paragraph all in bold is a run-in heading."""
    children = list(p)
    bold = len(children) == 1 and children[0].tag == "hi" and "#b" in (children[0].get("rend") or "")
    text = _text(p).strip()
    outside = (p.text or "").strip() or (children[0].tail or "").strip() if children else True
    return bold and not outside and 0 < len(text.split()) <= settings.bold_heading_words and text[-1:] not in ".:?"


def _walk(el: etree._Element, builder: TextBuilder, settings: HtmlSettings) -> None:
    for child in el:
        tag = child.tag
        if tag == "head":
            rend = child.get("rend") or "h2"
            level = int(rend[1]) if rend[:1] == "h" and rend[1:].isdigit() else 2
            builder.add("heading", _text(child), level=level)
        elif tag == "list":
            _list(child, builder, 0)
        elif tag == "quote":
            paragraphs = child.findall("p")
            for part in paragraphs or [child]:
                builder.add("quote_block", _text(part))
        elif tag == "p" and _bold_only(child, settings):
            builder.add("heading", _text(child), level=settings.bold_heading_level)
        elif tag == "p":
            _mark_lead(child)
            for line in _lines(child):
                builder.add("paragraph", line)
        elif tag == "table":
            for row in child.iter("row"):
                cells = row.findall("cell")
                header = bool(cells) and all(c.get("role") == "head" for c in cells)
                builder.add_row([_text(c) for c in cells], header=header)
        elif tag == "code":
            builder.add("paragraph", _text(child))
        elif tag == "div" or tag == "main":
            _walk(child, builder, settings)
        elif tag not in ("graphic", "ref", "comments"):
            builder.add("paragraph", _text(child))


def _keep_asides(root: lxml.html.HtmlElement, settings: HtmlSettings) -> int:
    """An <aside> inside the article (a pull quote, a "list at a glance" box) is the article's text, which
    trafilatura would drop with the page's sidebars: make it a <div>. Asides outside the article, with a form
    (a newsletter sign-up), or mostly links (related stories) stay asides. Returns how many were kept."""
    kept = 0
    for aside in root.iter("aside"):
        if (
            not any(a.tag in ("article", "main") for a in aside.iterancestors())
            or next(aside.iter("form"), None) is not None
        ):
            continue
        text = len(aside.text_content().strip())
        linked = sum(len(a.text_content().strip()) for a in aside.iter("a"))
        if text and linked / text <= settings.aside_max_link_share:
            aside.tag = "div"
            aside.attrib.clear()  # a class such as `sidebar box` would have trafilatura prune it all the same
            kept += 1
    return kept


_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


def _cell_lines(root: lxml.html.HtmlElement) -> int:
    """A table cell whose lines are set with <br> (`<td><b>HURDLES</b><br>what slows us down</td>`, `<td>A<br>B
    <br>C</td>` in an e-mail's layout table) becomes one paragraph per line: trafilatura drops the text before
    a cell's first <br>. Returns how many cells were changed."""
    changed = 0
    for cell in [c for c in root.iter("td", "th") if next(c.iter("br"), None) is not None]:
        if next(cell.iter("table"), None) is not None:
            continue  # a layout cell holding a table: its own cells are handled
        markup = lxml.html.tostring(cell, encoding="unicode", with_tail=False)
        inner = markup[markup.index(">") + 1 : markup.rindex("<")]
        for child in list(cell):
            cell.remove(child)
        cell.text = None
        for line in _BR.split(inner):
            if line.strip():
                cell.append(lxml.html.fragment_fromstring(line, create_parent="p"))
        changed += 1
    return changed


_BLOCKS = ("p", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "table", "div")


def _own_cells(table: lxml.html.HtmlElement) -> list[list[lxml.html.HtmlElement]]:
    """A table's own rows, each as its cells (the rows of tables nested in its cells are theirs)."""
    rows = [r for r in table.iter("tr") if next(r.iterancestors("table")) is table]
    return [[c for c in r if c.tag in ("td", "th")] for r in rows]


def _layout_tables(root: lxml.html.HtmlElement) -> int:
    """An e-mail's layout: tables of one column whose cells hold paragraphs, lists and headings (a newsletter
    set as `<table><tr><td><h2>…</h2><p>…</p><ul>…</ul></td></tr>`) become the blocks they hold: trafilatura
    reads each such cell as one table cell, its structure flattened. Returns how many tables were changed."""
    changed = 0
    for table in list(root.iter("table")):
        cells = _own_cells(table)
        if not cells or any(len(c) > 1 for c in cells):
            continue  # a table of several columns holds data (or bullets, read above)
        if not any(next(cell.iter(*_BLOCKS), None) is not None for row in cells for cell in row):
            continue
        own = [
            e
            for e in table.iter("tbody", "thead", "tfoot", "tr", "td", "th")
            if next(e.iterancestors("table")) is table
        ]
        for element in [table, *own]:
            element.tag = "div"
            element.attrib.clear()
        changed += 1
    return changed


_BULLET_CELL = re.compile(r"^\s*(?:[•·▪◦●■►▸‣–*-]|\d{1,2}[.)])\s*$")


def _bullet_tables(root: lxml.html.HtmlElement) -> int:
    """An e-mail's list set as a layout table, one row per item with the bullet in a cell of its own
    (`<tr><td>&#8226;</td><td>Item</td></tr>`), becomes the list it is: trafilatura drops such tables whole.
    Returns how many tables were changed."""
    changed = 0
    for table in list(root.iter("table")):
        cells = _own_cells(table)
        if not cells or any(len(c) != 2 or not _BULLET_CELL.match(c[0].text_content()) for c in cells):
            continue
        items = lxml.html.fragment_fromstring("<ul></ul>")
        for _, content in cells:
            item = etree.SubElement(items, "li")
            item.text = content.text
            for child in list(content):
                item.append(child)
        items.tail = table.tail
        table.getparent().replace(table, items)
        changed += 1
    return changed


def _prepare(html: str, settings: HtmlSettings) -> str:
    """What trafilatura should see: asides of the article kept as text, cell lines as paragraphs, lists laid
    out as tables as lists."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return html  # trafilatura reports what it cannot read
    changed = _keep_asides(root, settings) + _bullet_tables(root) + _layout_tables(root) + _cell_lines(root)
    return lxml.html.tostring(root, encoding="unicode") if changed else html


def parse_html(data: bytes, settings: HtmlSettings | None = None) -> ParsedDocument:
    settings = settings or HtmlSettings()
    html = _prepare(decode_html(data), settings)
    try:
        xml = trafilatura.extract(
            html,
            output_format="xml",
            include_formatting=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            with_metadata=True,
            favor_recall=True,
            # A fixed upper bound: the default (today) would make the same page's date depend on the run day.
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "max_date": "2099-12-31",
            },
        )
    except Exception as err:  # trafilatura surfaces lxml's parse errors as assorted types
        raise SourceError(f"HTML could not be parsed: {type(err).__name__}: {err}") from None
    if not xml:
        raise SourceError("no main text found in the HTML page (only navigation/boilerplate, or empty)")
    root = etree.fromstring(xml.encode("utf-8"))
    builder = TextBuilder()
    main = root.find("main")
    _walk(main if main is not None else root, builder, settings)
    if not builder.segments:
        raise SourceError("no main text found in the HTML page")
    meta = Metadata(
        title=root.get("title") or None,
        author=root.get("author") or None,
        publisher=root.get("sitename") or None,
        published=root.get("date") or None,
    )
    return builder.build(meta)
