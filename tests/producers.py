"""Real PDF producers for the PDF layer's tests: Chromium (Skia) and LibreOffice Writer, from one text.

Both lay the same article out in two columns; the tests check that what comes back is the text that
went in, in reading order, whatever each producer does with spaces, columns and ligatures.
"""

from __future__ import annotations

import html
import shutil
import subprocess
from pathlib import Path

TITLE = "Driving K-12 Innovation 2026"
SECTIONS = [
    (
        "Hurdles",
        [
            "Hurdles are defined as the obstacles that slow a school system's capacity to innovate.",
            "The office of the superintendent reported efficient, affluent and flawless workflows in the first "
            "fiscal year, yet staffing remained the hardest problem to solve across every region surveyed.",
            "Districts competing with private employers for technical talent described long vacancies, rising "
            "workloads and a steady loss of experienced staff to better-paid positions elsewhere.",
        ],
    ),
    (
        "Accelerators",
        [
            "Accelerators refer to the megatrends that push innovation forward faster than any single program.",
            "“Schools need people before platforms, and that has never been more true,” said Keith R. Krueger, "
            "CEO of CoSN.",
            "Board members pointed to coaching, shared leadership and patient funding as the conditions under "
            "which promising pilots grow into practices that last well beyond their first champions.",
        ],
    ),
]
PARAGRAPHS = [p for _, ps in SECTIONS for p in ps]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def chromium_pdf(folder: Path) -> Path:
    body = "".join(
        f"<h2>{html.escape(name)}</h2>" + "".join(f"<p>{html.escape(p)}</p>" for p in paras) for name, paras in SECTIONS
    )
    page = folder / "article.html"
    page.write_text(
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>"
        "@page{size:A4;margin:20mm} body{font-family:serif;font-size:11pt}"
        ".cols{column-count:2;column-gap:24pt} h2{font-size:16pt} p{text-align:justify}"
        f"</style></head><body><h1>{TITLE}</h1><div class='cols'>{body}</div></body></html>",
        encoding="utf-8",
    )
    out = folder / "chromium.pdf"
    _run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-pdf-header-footer",
            f"--user-data-dir={folder / 'chromium-profile'}",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ],
        out,
    )
    return out


def libreoffice_pdf(folder: Path) -> Path:
    """A flat ODT (Writer's XML) with outline headings and a two-column section, exported by Writer."""
    ns = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
        'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"'
    )
    body = "".join(
        f'<text:h text:style-name="H2" text:outline-level="2">{html.escape(name)}</text:h>'
        + "".join(f'<text:p text:style-name="P">{html.escape(p)}</text:p>' for p in paras)
        for name, paras in SECTIONS
    )
    source = folder / "article.fodt"
    source.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?><office:document {ns} office:version="1.2" '
        'office:mimetype="application/vnd.oasis.opendocument.text"><office:automatic-styles>'
        '<style:style style:name="Cols" style:family="section"><style:section-properties>'
        '<style:columns fo:column-count="2" fo:column-gap="0.6cm"/></style:section-properties></style:style>'
        '<style:style style:name="H1" style:family="paragraph"><style:text-properties fo:font-size="20pt" '
        'fo:font-weight="bold"/></style:style>'
        '<style:style style:name="H2" style:family="paragraph"><style:text-properties fo:font-size="14pt" '
        'fo:font-weight="bold"/></style:style>'
        '<style:style style:name="P" style:family="paragraph"><style:paragraph-properties fo:text-align="justify" '
        'fo:margin-bottom="0.2cm"/><style:text-properties fo:font-size="10pt"/></style:style>'
        "</office:automatic-styles><office:body><office:text>"
        f'<text:h text:style-name="H1" text:outline-level="1">{TITLE}</text:h>'
        f'<text:section text:style-name="Cols" text:name="Body">{body}</text:section>'
        "</office:text></office:body></office:document>",
        encoding="utf-8",
    )
    home = folder / "lo-profile"
    _run(
        [
            str(SOFFICE),
            f"-env:UserInstallation={home.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(folder),
            str(source),
        ],
        folder / "article.pdf",
    )
    return folder / "article.pdf"


# A ruled "at a glance" table between two paragraphs: a category column whose cell spans the rows of its
# category (`rowspan`), a rank, a title that wraps, a one-line gloss.
TABLE_ROWS = [
    ("Hurdle", "1", "Staffing Shortages in Rural Districts", "Too few people for too many systems."),
    ("", "2", "Aging Device Fleets", "Refresh cycles that budgets no longer cover."),
    ("Accelerator", "1", "Learner Agency", "Students setting and owning their goals."),
    ("", "2", "Community Partnerships", "Employers and libraries as partners in teaching."),
]
TABLE_BEFORE = "The advisory panel ranked the topics of each category by its final vote, as the table shows."
TABLE_AFTER = "Districts should read the table as a map of pressures rather than a list of purchases to make."


def table_html() -> str:
    rows = []
    for n, (category, rank, title, gloss) in enumerate(TABLE_ROWS):
        span = sum(1 for r in TABLE_ROWS[n + 1 :] if not r[0]) if category else 0
        first = f"<td rowspan='{span + 1}'>{category}</td>" if category else ""
        rows.append(f"<tr>{first}<td>{rank}</td><td style='width:30%'>{title}</td><td>{gloss}</td></tr>")
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><style>"
        "body{font-family:serif;font-size:11pt} table{border-collapse:collapse;width:100%}"
        "td,th{border:1px solid black;padding:4pt;vertical-align:top}</style></head><body>"
        f"<h1>{TITLE}</h1><p>{TABLE_BEFORE}</p><table border='1' cellpadding='4'>"
        "<tr><th>Category</th><th>Rank</th><th>Topic</th><th>In one line</th></tr>"
        f"{''.join(rows)}</table><p>{TABLE_AFTER}</p></body></html>"
    )


def table_pdf(folder: Path, producer: str) -> Path:
    """The table page printed by Chromium, or opened and exported by LibreOffice Writer."""
    page = folder / "table.html"
    page.write_text(table_html(), encoding="utf-8")
    if producer == "chromium":
        out = folder / "table-chromium.pdf"
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
        profile = f"--user-data-dir={folder / 'chromium-profile'}"
        _run([str(CHROMIUM), *flags, profile, f"--print-to-pdf={out}", page.as_uri()], out)
        return out
    home = folder / "lo-profile"
    command = [str(SOFFICE), f"-env:UserInstallation={home.as_uri()}", "--headless", "--writer"]
    _run([*command, "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(folder), str(page)], folder / "table.pdf")
    return folder / "table.pdf"


def _run(cmd: list[str], out: Path) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if not out.exists():
        raise RuntimeError(f"{cmd[0]} made no PDF (exit {done.returncode}): {done.stderr[-2000:]}")
