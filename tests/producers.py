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


def _run(cmd: list[str], out: Path) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    if not out.exists():
        raise RuntimeError(f"{cmd[0]} made no PDF (exit {done.returncode}): {done.stderr[-2000:]}")
