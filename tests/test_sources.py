"""Article readers and type detection."""

from __future__ import annotations

import re
from pathlib import PurePath

import pytest

from extract.errors import SourceError
from extract.sources.detect import HTML, PDF, TEXT, sniff
from extract.sources.html import parse_html
from extract.sources.text import parse_text
from tests.conftest import extract_one


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.pdf", b"%PDF-1.7\n...", PDF),  # the ordinary case
        ("a.txt", b"%PDF-1.4\n...", PDF),  # mislabelled PDF: bytes win
        ("a.pdf", b"<!DOCTYPE html><html><p>x</p></html>", HTML),  # a saved page named .pdf
        ("a.txt", b"Plain words.", TEXT),
    ],
)
def test_media_type_comes_from_bytes_first(name: str, data: bytes, expected: str) -> None:
    assert sniff(PurePath(name), data) == expected


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("a.txt", b"", "empty"),
        ("a.txt", b"  \n\t", "empty"),
        ("a.pdf", b"garbage that is not a pdf", "not a PDF"),
        ("a.pdf", b"PK\x03\x04rest", "ZIP"),
        ("notes.docx", b"<html><p>x</p></html>", "unsupported file type .docx"),  # unknown name, not PDF bytes
        ("", b"", "unsupported file type \\(no extension\\)"),
    ],
)
def test_unusable_bytes_are_rejected_with_a_reason(name: str, data: bytes, reason: str) -> None:
    with pytest.raises(SourceError, match=reason):
        sniff(PurePath(name), data)


def test_text_lines_become_paragraphs_headings_and_list_items() -> None:
    data = "Tech Enablers\n\nIntro paragraph of the article ends here.\n  • First: an item\n- Second item\n".encode()
    doc = parse_text(data)
    assert [(s.kind, s.text) for s in doc.segments] == [
        ("heading", "Tech Enablers"),
        ("paragraph", "Intro paragraph of the article ends here."),
        ("list_item", "First: an item"),
        ("list_item", "Second item"),
    ]
    for seg in doc.segments:
        assert doc.text[seg.char_start : seg.char_end] == seg.text


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    data = (
        b"The report was released today and it\ncovers three lists of topics for\nschools\n\nSecond paragraph here.\n"
    )
    doc = parse_text(data)
    assert doc.segments[0].text == "The report was released today and it covers three lists of topics for schools"


def test_text_normalization_is_nfc_and_collapses_whitespace() -> None:
    doc = parse_text("Cafe\u0301\u00a0 menu\tnow".encode())
    assert doc.text == "Caf\u00e9 menu now"


def test_non_utf8_text_fails_with_the_offset_and_a_guess() -> None:
    with pytest.raises(SourceError, match=r"not valid UTF-8 \(byte 0x93 at offset 4"):
        parse_text("Our “quoted” words and more text for detection.".encode("cp1252"))


def test_markdown_headings_and_emphasis() -> None:
    doc = parse_text(
        b"# Report title\n\n## Hurdles\n\n1. **Staffing:** hard to hire\n   - ours: 4 openings\n", markdown=True
    )
    assert [(s.kind, s.text, s.level) for s in doc.segments] == [
        ("heading", "Report title", 1),
        ("heading", "Hurdles", 2),
        ("list_item", "Staffing: hard to hire", 0),  # a list item's level is its indentation
        ("list_item", "ours: 4 openings", 3),
    ]
    assert doc.metadata.title == "Report title"


def test_html_furniture_is_not_body_text(tmp_path) -> None:
    from tests.conftest import RAW

    doc = parse_html((RAW / "articles" / "edtech-daily-2027-report.html").read_bytes())
    assert "cookie" not in doc.text.lower() and "Related stories" not in doc.text
    assert "window.dataLayer" not in doc.text and "All rights reserved" not in doc.text
    kinds = [s.kind for s in doc.segments]
    assert kinds.count("list_item") == 6 and "quote_block" in kinds
    assert doc.metadata.published == "2027-02-10" and doc.metadata.author == "Jordan Ellis"


def test_broken_html_still_yields_its_text() -> None:
    html = b"<html><body><article><h2>Hurdles<p>An unclosed paragraph about hurdles that schools face every year in districts.<li>Item one of a list"
    doc = parse_html(html)
    assert "unclosed paragraph about hurdles" in doc.text


def test_html_with_only_boilerplate_fails_clearly() -> None:
    with pytest.raises(SourceError, match="no main text"):
        parse_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")


def test_html_in_legacy_encoding_is_decoded_by_its_declared_charset() -> None:
    html = '<html><head><meta charset="windows-1252"></head><body><article><p>“Quoted” words in a paragraph that is long enough to be kept as main content of the page.</p></article></body></html>'
    doc = parse_html(html.encode("cp1252"))
    assert "“Quoted” words" in doc.text


@pytest.mark.parametrize(
    "charset",
    [
        "undefined",  # Python's codec of that name fails on every byte: a UnicodeError, not a decode error
        "no-such-charset",  # a name Python does not know
        "utf-16",  # claimed, while the bytes are plain ASCII/UTF-8 (browsers ignore the claim too)
    ],
)
def test_html_whose_declared_charset_cannot_be_right_is_read_as_utf8(charset: str) -> None:
    html = (
        f'<html><head><meta charset="{charset}"></head><body><article><p>Café words in a paragraph that is long '
        "enough to be kept as main content of the page.</p></article></body></html>"
    )
    assert "Café words" in parse_html(html.encode("utf-8")).text


def _rows(parsed) -> list[tuple[int | None, list[tuple[int, str]]]]:
    return [(s.level, [(col, s.text[a:b]) for col, a, b in s.cells]) for s in parsed.segments if s.kind == "table_row"]


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # header row (level 0), delimiter row dropped, empty cells keep the columns of the others
        (
            "Intro.\n\n| Category | Topic |\n|---|:--|\n| **Hurdles** | Policy Lag |\n| | Procurement |\n\nAfter.",
            [(0, [(0, "Category"), (1, "Topic")]), (1, [(0, "Hurdles"), (1, "Policy Lag")]), (1, [(1, "Procurement")])],
        ),
        # an escaped bar stays inside its cell (written as `/` so cells stay apart in the text)
        ("| A | B |\n| --- | --- |\n| x \\| y | z |\n", [(0, [(0, "A"), (1, "B")]), (1, [(0, "x / y"), (1, "z")])]),
        # bars without a delimiter row are no table
        ("| not a table |\njust a line\n", []),
    ],
)
def test_markdown_tables_become_rows_of_cells(text: str, rows: list) -> None:
    assert _rows(parse_text(text.encode(), markdown=True)) == rows


def test_html_tables_become_rows_of_cells() -> None:
    body = "<p>" + "Plenty of article text before the table. " * 8 + "</p>"
    html = (
        f"<html><body><article><h1>Title</h1>{body}<table><thead><tr><th>Hurdles</th><th>Accelerators</th></tr>"
        "</thead><tbody><tr><td>Staffing</td><td>Learner Agency</td></tr><tr><td></td><td>Design</td></tr>"
        f"</tbody></table>{body}</article></body></html>"
    )
    assert _rows(parse_html(html.encode())) == [
        (0, [(0, "Hurdles"), (1, "Accelerators")]),
        (1, [(0, "Staffing"), (1, "Learner Agency")]),
        (1, [(1, "Design")]),
    ]


_ARTICLE = (
    "<html><body><main><article><h1>Districts weigh the new list</h1>"
    "<p>The consortium released its annual report on Tuesday, and district leaders spent the week reading it "
    "closely, comparing this year's lists with last year's and with their own budgets.</p>{inside}"
    "<p>Board members said they would return to the report at the next meeting, after staff had time to "
    "prepare a summary of what it means for the district's technology plan.</p></article></main>{outside}"
    "</body></html>"
)


@pytest.mark.parametrize(
    ("inside", "outside", "kept", "dropped"),
    [
        # a pull quote set in an <aside> inside the article is the article's text
        ('<aside class="pullquote"><p>“Trust is the real infrastructure.”</p></aside>', "", "Trust is the real", None),
        # a "list at a glance" box, even with a class trafilatura prunes (`sidebar`)
        (
            '<aside class="sidebar box"><h3>At a glance</h3><p>Hurdles: Staffing; Funding; Privacy</p></aside>',
            "",
            "Hurdles: Staffing; Funding; Privacy",
            None,
        ),
        # a newsletter sign-up form inside the article is furniture
        (
            '<aside><p>Get the Morning Dispatch in your inbox.</p><form><input type="email"></form></aside>',
            "",
            None,
            "Morning Dispatch",
        ),
        # an aside that is mostly links (related stories) is navigation
        (
            '<aside><p><a href="/a">Cabling standards, a reality check</a></p>'
            '<p><a href="/b">Single sign-on for sixty thousand students</a></p></aside>',
            "",
            None,
            "Cabling standards",
        ),
        # the page's own sidebar, outside the article, stays out
        (
            "",
            '<aside class="widget"><p>Upcoming events: the spring conference opens in April.</p></aside>',
            None,
            "spring",
        ),
    ],
)
def test_asides_inside_the_article_are_text_and_page_sidebars_are_not(
    inside: str, outside: str, kept: str | None, dropped: str | None
) -> None:
    text = parse_html(_ARTICLE.format(inside=inside, outside=outside).encode()).text
    assert "district leaders" in text
    if kept:
        assert kept in text
    if dropped:
        assert dropped not in text


def test_an_email_layout_tables_cell_lines_and_bold_labels_are_kept() -> None:
    cell = 'style="padding:10px"'
    html = (
        '<html><body><table role="presentation" width="600"><tr><td><h1>The list is out</h1>'
        f"<p>The consortium released its list on Tuesday, and district leaders in our four states "
        "will find the hurdles familiar. Here is the full slate for the coming year, category by category:</p>"
        '</td></tr><tr><td><table role="presentation" width="100%">'
        f"<tr><td {cell}><b>HURDLES</b><br><span>what slows us down</span></td>"
        f"<td {cell}>Synthetic Media and Eroding Trust<br>Workforce Burnout<br>Vendor Sprawl</td></tr>"
        "</table></td></tr><tr><td><p>Three entries are new this cycle, and one returns after two years off the "
        "list, which tells you something about the ransomware season most of us just lived through.</p></td></tr>"
        "</table></body></html>"
    )
    segments = [(s.kind, s.text) for s in parse_html(html.encode()).segments]
    # the text before a cell's first <br> is not lost, and a bold-only line is a heading
    assert ("heading", "HURDLES") in segments
    assert ("paragraph", "Synthetic Media and Eroding Trust") in segments
    assert ("paragraph", "Vendor Sprawl") in segments


@pytest.mark.parametrize(
    ("bullets", "is_list"),
    [
        (["&#8226;", "&#8226;", "&#8226;"], True),  # a bullet glyph in a cell of its own, one row per item
        (["1.", "2.", "3)"], True),  # numbers instead of bullets
        (["&#8226;", "Note", "&#8226;"], False),  # a word in the first cell: a table, not a list
    ],
)
def test_an_email_list_laid_out_as_a_table_is_a_list(bullets: list[str], is_list: bool) -> None:
    items = ["Budget Volatility (hurdle)", "Human-Centered Leadership (accelerator)", "Legacy Systems (hurdle)"]
    rows = "".join(f'<tr><td width="18">{b}</td><td>{item}</td></tr>' for b, item in zip(bullets, items, strict=True))
    html = (
        '<html><body><table role="presentation" width="600"><tr><td><h1>The list is out</h1>'
        "<p>The consortium released its list on Tuesday, and the top hurdles and accelerators, ranked by the "
        "board from most to least pressing, are these for the coming school year in every district:</p></td></tr>"
        f'<tr><td><table role="presentation" width="100%">{rows}</table></td></tr>'
        "<tr><td><p>Three entries are new this cycle, and one returns after two years off the list, which tells "
        "you something about the ransomware season most of us just lived through.</p></td></tr>"
        "</table></body></html>"
    )
    found = [s.text for s in parse_html(html.encode()).segments if s.kind == "list_item"]
    assert found == (items if is_list else [])


@pytest.mark.parametrize(
    ("line", "items"),
    [
        # one line, the same emoji before each item
        (
            "👉 Synthetic content 👉 Digital wellbeing & balance 👉 Workforce capacity",
            ["Synthetic content", "Digital wellbeing & balance", "Workforce capacity"],
        ),
        # a check mark with its variation selector
        ("✔️ Community as Classroom ✔️ Adaptive Leadership", ["Community as Classroom", "Adaptive Leadership"]),
        # an ASCII sign is no bullet, and a sign inside a line is not one either
        ("> quoted reply text", []),
        ("Scores went up → and stayed there", []),
    ],
)
def test_a_line_bulleted_by_signs_is_a_list(line: str, items: list[str]) -> None:
    segments = parse_text(f"Thread\n\n{line}\n".encode()).segments
    assert [s.text for s in segments if s.kind == "list_item"] == items


@pytest.mark.parametrize(
    ("lines", "items"),
    [
        # keycaps number items as `1.` does, and keep their number as the marker
        ("1️⃣ Security Fatigue\n2️⃣ The Evidence Gap", [("1️⃣", "Security Fatigue"), ("2️⃣", "The Evidence Gap")]),
        # a sign on each line after a line that ends in a colon: each line its own item
        (
            "And the 2 bridges that tie it all together:\n➡️ Digital Wellness\n➡️ Equitable Access 2.0",
            [("➡️", "Digital Wellness"), ("➡️", "Equitable Access 2.0")],
        ),
    ],
)
def test_lines_opened_by_keycaps_or_signs_are_items_of_their_own(lines: str, items: list) -> None:
    wrapped = "The consortium released its list this week and our members have\nbeen comparing notes on it ever since\n"
    segments = parse_text(f"{wrapped * 3}\n{lines}\n".encode()).segments
    assert [(s.marker, s.text) for s in segments if s.kind == "list_item"] == items


@pytest.mark.parametrize(
    ("html", "markdown", "lead"),
    [
        # a block that opens with a bold run: the run is its lead, in HTML and in Markdown
        (
            "<p><strong>Fragmented identity.</strong> Hannah described it.</p>",
            "**Fragmented identity.** Hannah described it.",
            "Fragmented identity.",
        ),
        # a block all in bold, or with bold inside it, has none
        ("<p>We <b>really</b> mean it, said the board chair.</p>", "We **really** mean it, said the board chair.", ""),
        (
            "<p><b>All of this paragraph is bold, every word.</b></p>",
            "**All of this paragraph is bold, every word.**",
            "",
        ),
    ],
)
def test_a_blocks_opening_bold_run_is_its_lead(html: str, markdown: str, lead: str) -> None:
    page = f"<html><body><article><h2>The hurdles</h2>{html}<p>The panel met in March.</p></article></body></html>"
    from_html = next(s for s in parse_html(page.encode()).body if s.kind == "paragraph")
    from_markdown = parse_text(f"{markdown}\n".encode(), markdown=True).body[0]
    assert from_html.text[: from_html.lead] == from_markdown.text[: from_markdown.lead] == lead


@pytest.mark.parametrize(
    ("name_is_markdown", "kind", "text"),
    [
        # a Markdown block quote: a quotation block without its marks
        (True, "quote_block", '"Trust by design is not a product you buy."'),
        # in plain text (a mail's quoted reply) the marks stay and the block is a paragraph
        (False, "paragraph", '> "Trust by design is not a product you buy."'),
    ],
)
def test_a_markdown_block_quote_is_a_quotation_block(name_is_markdown: bool, kind: str, text: str) -> None:
    body = parse_text(b'Notes\n\n> "Trust by design is not a product you buy."\n', markdown=name_is_markdown).body
    assert [(s.kind, s.text) for s in body][-1] == (kind, text)


@pytest.mark.parametrize(
    ("cells", "kinds"),
    [
        # one column whose cells hold a heading, a paragraph and a list: the blocks they hold
        (
            [
                "<h2>National News</h2><p>CoSN released this year's report on March 1 in Washington.</p>"
                "<ul><li>Cybersecurity Workforce Shortage</li><li>Data Privacy Concerns</li></ul>"
            ],
            ["heading", "paragraph", "list_item", "list_item"],
        ),
        # two columns of data stay a table
        (["<p>Hurdle</p>", "<p>Data Privacy Concerns</p>"], ["table_row"]),
    ],
)
def test_an_emails_layout_table_gives_the_blocks_its_cells_hold(cells: list[str], kinds: list[str]) -> None:
    row = "".join(f"<td>{c}</td>" for c in cells)
    html = (
        '<html><body><table width="100%"><tr><td><table class="wrap" width="600">'
        f"<tr>{row}</tr></table></td></tr></table></body></html>"
    )
    body = parse_html(html.encode()).body
    assert [s.kind for s in body] == kinds


def test_a_pdf_pasted_into_hard_wrapped_mail_keeps_its_labels_runs_and_columns() -> None:
    wrapped = "The consortium released its list this week and our members have\nbeen comparing notes on it ever since, with more to come\n"
    text = (
        wrapped * 3 + "\nACCELERATORS Trends and forces that create\nmomentum for change\n"
        "1. Learning Beyond School Walls 2.Well-Being by Design 3.Skills-Based\nCredentials\n"
        "TECH ENABLERS Tools and technologies that help\nschools clear the hurdles\n"
        "1.Agentic AI 2.Privacy-Preserving Analytics 3.Spatial\nComputing\n"
        "Keep Humans at the Center   Build Trust Before Scale\n"
        "What comes next\nThe advisory board reconvenes in September to begin work on the next edition of it.\n"
    )
    texts = [s.text for s in parse_text(text.encode()).segments]
    # an upper-case label with its gloss, and a run numbered from 1, open blocks of their own
    assert "TECH ENABLERS Tools and technologies that help schools clear the hurdles" in texts
    assert "1.Agentic AI 2.Privacy-Preserving Analytics 3.Spatial Computing" in texts
    # words set apart by a run of spaces are separate pieces
    assert "Keep Humans at the Center" in texts and "Build Trust Before Scale" in texts


def test_nested_html_lists_give_each_item_its_own_words_and_depth() -> None:
    html = (
        "<html><body><article><h1>Categories and topics</h1><p>A research guide to the report's four lists, with "
        "search terms to try for each topic in the library's databases and catalog.</p><dl><dt>Hurdles</dt>"
        "<dd>Challenges that make innovation harder to sustain.<ul><li>Workforce Burnout<ul><li>Try: teacher "
        "attrition, IT staff turnover</li></ul></li><li>Legacy Infrastructure Debt</li></ul></dd></dl>"
        "</article></body></html>"
    )
    items = [(s.text, s.level) for s in parse_html(html.encode()).segments if s.kind == "list_item"]
    assert items == [
        ("Hurdles", 0),
        ("Challenges that make innovation harder to sustain.", 0),
        ("Workforce Burnout", 1),  # the item's own words, not its sub-list's
        ("Try: teacher attrition, IT staff turnover", 2),
        ("Legacy Infrastructure Debt", 1),
    ]


@pytest.mark.parametrize(
    "markdown",
    [
        "- **Bridges:** trust and sustainability\n",  # a bold label, then its items
        "## Hurdles\n\n1. **Synthetic Media** ⟵ NEW, straight to #1\n2. **Staff Capacity** — too few people\n",  # titles
        "The report says **hurdles are the obstacles that slow us down** and that matters to us.\n",  # bold inside
        "**Hurdles:** the obstacles that slow innovation down in every district we know of.\n",  # a bold label line
    ],
)
def test_markdown_records_are_found_in_the_source_file_piece_by_piece(markdown: str) -> None:
    source = f"# Driving K-12 Innovation 2031\n\nThe 2031 report from CoSN names its hurdles and bridges.\n\n{markdown}"
    result = extract_one("notes.md", source.encode())
    records = [*result.topics, *result.definitions, *result.quotes]
    assert records, "nothing extracted: the case proves nothing"
    squashed = re.sub(r"\s+", " ", source)
    for record in records:
        for pv in record.provenance:
            # the curated text holds it at its offsets, and the file holds it as written (the `**` left out
            # of the text cut a record's provenance in two pieces rather than making it a text the file lacks)
            assert result.text[pv.char_start : pv.char_end] == pv.text
            assert re.sub(r"\s+", " ", pv.text) in squashed, pv.text
