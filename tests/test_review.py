"""The review site: what a steward sees, built from curated files only, deterministic, written whole,
safe with the dataset's own text, and checked in a real browser (tests/browser.py)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pytest
from reportlab.pdfgen import canvas

from extract.review import ReviewError, ReviewSettings, write_site
from extract.review import site as site_module
from extract.review.chart import catalog_chart
from extract.review.grid import edition_grids
from extract.review.links import related
from extract.review.load import Record, Span, load_curated
from extract.review.names import categories
from extract.review.snippets import snippet
from flows.cli import EXIT_USAGE, main
from tests.conftest import RAW, ROOT

SCREENSHOTS = ROOT / ".state" / "review"
SCRIPT_QUOTE = "Funding <script>window.__xss = 1</script> & “more” matters to every board"


# --- a curated release built in code -------------------------------------------------------------------------


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _id(*parts: object) -> str:
    return _sha("|".join(map(str, parts)).encode())[:16]


@dataclass
class Doc:
    source_path: str
    media_type: str
    edition: int | None
    paragraphs: list[str]
    doc_id: str = ""
    boxes: dict[str, tuple[int, list[float]]] = field(default_factory=dict)  # paragraph → (page, bbox)
    status: str = "ok"
    error: str | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def _pdf(path: Path, pages: list[list[str]]) -> dict[str, tuple[int, list[float]]]:
    """A PDF with one paragraph per line; returns where pdfplumber finds each line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf = canvas.Canvas(str(path), invariant=1)
    for lines in pages:
        y = 720
        for line in lines:
            pdf.setFont("Helvetica", 12)
            pdf.drawString(72, y, line)
            y -= 40
        pdf.showPage()
    pdf.save()
    boxes = {}
    with pdfplumber.open(path) as doc:
        for number, lines in enumerate(pages, start=1):
            for line in lines:
                hit = doc.pages[number - 1].search(line, regex=False)[0]
                boxes[line] = (number, [hit["x0"], hit["top"], hit["x1"], hit["bottom"]])
    return boxes


class Release:
    """Documents and records of a curated folder, written as `extract run` would write them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.raw = root / "raw"
        self.curated = root / "curated"
        self.docs: list[Doc] = []
        self.records: dict[str, list[dict]] = {"topics": [], "definitions": [], "quotes": []}

    def pdf(self, source_path: str, edition: int, pages: list[list[str]], keep_raw: bool = True) -> Doc:
        path = self.raw / source_path
        boxes = _pdf(path, pages)
        doc = Doc(source_path, "application/pdf", edition, [line for lines in pages for line in lines])
        doc.doc_id, doc.boxes = _sha(path.read_bytes()), boxes
        if not keep_raw:
            path.unlink()
        self.docs.append(doc)
        return doc

    def article(self, source_path: str, edition: int, paragraphs: list[str]) -> Doc:
        doc = Doc(source_path, "text/plain", edition, paragraphs)
        doc.doc_id = _sha(doc.text.encode())
        self.docs.append(doc)
        return doc

    def failed(self, source_path: str, error: str) -> Doc:
        doc = Doc(source_path, "application/pdf", None, [], status="failed", error=error)
        doc.doc_id = _sha(source_path.encode())
        self.docs.append(doc)
        return doc

    def _provenance(self, doc: Doc, words: str, rule: str) -> list[dict]:
        paragraph = next(p for p in doc.paragraphs if words in p)
        start = doc.text.index(paragraph) + paragraph.index(words)
        page, bbox = doc.boxes.get(paragraph, (None, None))
        return [
            {
                "doc_id": doc.doc_id,
                "source_path": doc.source_path,
                "page": page,
                "bbox": bbox,
                "char_start": start,
                "char_end": start + len(words),
                "text": words,
                "rule": rule,
                "extractor_version": "0.2.0",
            }
        ]

    def _record(self, doc: Doc, words: str, confidence: float, rule: str, **fields: object) -> dict:
        return {
            "id": _id(doc.doc_id, rule, words, *fields.values()),
            "doc_id": doc.doc_id,
            "edition": doc.edition,
            "confidence": confidence,
            "rule": rule,
            "provenance": self._provenance(doc, words, rule),
            **fields,
        }

    def topic(self, doc: Doc, title: str, category: str, rank: int | None, confidence: float, status=None) -> dict:
        record = self._record(
            doc,
            title,
            confidence,
            "topic.heading",
            category=category,
            title=title,
            rank=rank,
            status=status,
            description=None,
        )
        self.records["topics"].append(record)
        return record

    def definition(self, doc: Doc, words: str, term: str, definition: str, confidence: float) -> dict:
        record = self._record(doc, words, confidence, "definition.refers_to", term=term, definition=definition)
        self.records["definitions"].append(record)
        return record

    def quote(self, doc: Doc, text: str, confidence: float, speaker: str | None = None) -> dict:
        who = {"name": speaker, "role": None, "kind": "person", "mention": speaker, "resolved_by": "mention"}
        record = self._record(doc, text, confidence, "quote.verb.after", text=text, speaker=who if speaker else None)
        self.records["quotes"].append(record)
        return record

    def write(self, catalog: dict | None = None, speakers: dict | None = None) -> Path:
        c = self.curated
        (c / "texts").mkdir(parents=True, exist_ok=True)

        def dump(name: str, items: list[dict], version: str = "1.1") -> None:
            (c / name).write_text(json.dumps({"schema_version": version, "items": items}, indent=2), encoding="utf-8")

        documents = []
        for d in self.docs:
            documents.append(
                {
                    "doc_id": d.doc_id, "source_path": d.source_path, "media_type": d.media_type, "sha256": d.doc_id,
                    "size_bytes": 1, "title": None, "publisher": None, "author": None, "published": None,
                    "edition": d.edition, "page_count": None, "status": d.status, "error": d.error,
                }
            )  # fmt: skip
            if d.status == "ok":
                (c / "texts" / f"{d.doc_id}.txt").write_text(d.text, encoding="utf-8")
        dump("documents.json", documents)
        for name, items in self.records.items():
            dump(f"{name}.json", items)
        dump("rejected.json", [])
        manifest = {"dataset_version": "1.2.0", "generator_version": "0.2.0", "inputs": []}
        (c / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        if catalog is not None:
            (c / "catalog.json").write_text(json.dumps(catalog), encoding="utf-8")
        if speakers is not None:
            (c / "speakers.json").write_text(json.dumps(speakers), encoding="utf-8")
        return c


@dataclass
class Built:
    release: Release
    report: Doc
    article: Doc
    gone: Doc
    funding_2027: dict
    script_quote: dict
    ortega: dict


@pytest.fixture()
def built(tmp_path: Path) -> Built:
    """Two editions: a report PDF (raw present), an article with a quote holding markup, a PDF whose raw file
    is gone, and a failed document; a category no list of four knows (`wildcard`)."""
    r = Release(tmp_path)
    report = r.pdf(
        "reports/driving-2027.pdf",
        2027,
        [
            ["Hurdles refer to the obstacles that slow innovation.", "Sustaining Funding", "Data Privacy"],
            ["Quantum Curiosity", "We learned that a grant is a start date, said Marisol Ortega."],
        ],
    )
    article = r.article(
        "articles/news-2027.txt",
        2027,
        ["Sustaining Funding tops the hurdles list.", "Misinformation comes second.", f"He said “{SCRIPT_QUOTE}.”"],
    )
    gone = r.pdf("reports/driving-2026.pdf", 2026, [["Sustaining Funding"]], keep_raw=False)
    r.failed("reports/scanned.pdf", "no text layer (a scanned document?)")
    r.definition(report, "Hurdles refer to the obstacles that slow innovation.", "Hurdles", "the obstacles", 0.9)
    funding = r.topic(report, "Sustaining Funding", "hurdle", 1, 0.9, status="new")
    r.topic(report, "Data Privacy", "hurdle", 2, 0.85)
    r.topic(report, "Quantum Curiosity", "wildcard", 1, 0.6)
    ortega = r.quote(report, "We learned that a grant is a start date", 0.9, speaker="Marisol Ortega")
    r.topic(article, "Sustaining Funding", "hurdle", 1, 0.55)
    r.topic(article, "Misinformation", "hurdle", 2, 0.55)
    script = r.quote(article, SCRIPT_QUOTE, 0.5)
    r.topic(gone, "Sustaining Funding", "hurdle", 1, 0.8, status="returning")
    return Built(r, report, article, gone, funding, script, ortega)


def catalog_for(b: Built) -> dict:
    funding_ids = [t["id"] for t in b.release.records["topics"] if t["title"] == "Sustaining Funding"]
    return {
        "schema_version": "1.3",
        "items": [
            {
                "topic_key": "sustaining funding", "title": "Sustaining Funding", "category": "hurdle",
                "aliases": ["Sustaining Funding", "funding"],
                "editions": [
                    {"edition": 2026, "category": "hurdle", "rank": 1, "status": "new", "record_ids": funding_ids[-1:],
                     "doc_ids": [b.gone.doc_id]},
                    {"edition": 2027, "category": "hurdle", "rank": 1, "status": "returning",
                     "record_ids": funding_ids[:2], "doc_ids": [b.report.doc_id, b.article.doc_id]},
                ],
                "conflicts": [{"edition": 2027, "field": "status", "values": [
                    {"value": "new", "record_ids": funding_ids[:1]}, {"value": "null", "record_ids": funding_ids[1:2]}]}],
            },
            {
                "topic_key": "quantum curiosity", "title": "Quantum Curiosity", "category": "wildcard", "aliases": [],
                "editions": [{"edition": 2027, "category": "wildcard", "rank": 1, "status": "new", "record_ids": [],
                              "doc_ids": [b.report.doc_id]}],
                "conflicts": [],
            },
        ],
        "changes": [
            {"category": "hurdle", "edition": 2027, "previous_edition": 2026, "entered": [],
             "stayed": ["sustaining funding"], "dropped": [],
             "claim_disagreements": [{"topic_key": "sustaining funding", "record_id": funding_ids[0],
                                      "claimed": "new", "observed": "stayed"}]},
        ],
    }  # fmt: skip


def speakers_for(b: Built) -> dict:
    return {
        "schema_version": "1.3",
        "items": [
            {
                "speaker_key": "marisol ortega", "name": "Marisol Ortega", "kind": "person",
                "roles": [{"edition": 2027, "role": "Superintendent"}], "quote_ids": [b.ortega["id"]],
                "mentions": ["Marisol Ortega"],
            }
        ],
    }  # fmt: skip


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _page_of(site: Path, doc: Doc) -> str:
    return (site / f"doc-{doc.doc_id}.html").read_text(encoding="utf-8")


# --- the pure parts ------------------------------------------------------------------------------------------

TEXT = "Title\n\nFirst sentence. The words we want are here. Last sentence.\n\nNext paragraph."


@pytest.mark.parametrize(
    ("start", "end", "expected", "context", "want"),
    [
        # a span in the middle of its paragraph: the paragraph around it, nothing from the next one
        (23, 49, "The words we want are here", 100, ("First sentence. ", ". Last sentence.", False, False, True)),
        # a span that opens the text
        (0, 5, "Title", 100, ("", "", False, False, True)),
        # a long paragraph is clipped at word boundaries, and says so
        (23, 49, "The words we want are here", 12, ("sentence. ", ". Last", True, True, True)),
        # offsets that do not point at the record's words: nothing is highlighted, the mismatch is reported
        (0, 5, "Other", 100, ("", "", False, False, False)),
        # offsets past the end of the text
        (500, 505, "Title", 100, ("", "", False, False, False)),
    ],
)
def test_a_snippet_is_highlighted_inside_its_paragraph(start, end, expected, context, want) -> None:
    s = snippet(TEXT, start, end, expected, context)
    assert (s.before, s.after, s.clipped_before, s.clipped_after, s.offsets_match) == want
    assert s.match == expected


def _rec(kind: str, rid: str, edition: int | None, page: int | None = None, **fields) -> Record:
    span = Span("d" * 64, "a.pdf", page, (0, 0, 1, 1) if page else None, 0, 1, "x", "r")
    return Record(
        kind=kind, id=rid, doc_id="d" * 64, edition=edition, confidence=0.5, rule="r", spans=(span,), **fields
    )


@pytest.mark.parametrize(
    ("other", "reason"),
    [
        # a definition of the topic's category
        (_rec("definition", "d1", 2027, term="Hurdles", definition="obstacles"), "defines its category"),
        # a definition of the topic itself
        (_rec("definition", "d2", 2027, term="sustaining funding", definition="money"), "defines it"),
        # a quote that names the topic, whatever its case and punctuation
        (_rec("quote", "q1", 2027, text="Sustaining funding, she said, is hard"), "a quote that names it"),
        # a quote that does not name it but sits on the same PDF page
        (_rec("quote", "q2", 2027, page=4, text="A grant is a start date"), "a quote on the same page"),
        # the same words in another edition: no link
        (_rec("quote", "q3", 2026, text="Sustaining funding is hard"), None),
        # a quote elsewhere that does not name it: no link
        (_rec("quote", "q4", 2027, page=5, text="Nothing to do with it"), None),
    ],
)
def test_topics_definitions_and_quotes_of_one_edition_are_linked_with_a_reason(other: Record, reason) -> None:
    topic = _rec("topic", "t1", 2027, page=4, title="Sustaining Funding", category="hurdle")
    links = related([topic, other])
    found = [link.reason for link in links.get(topic.key, ()) if link.target == other.key]
    assert found == ([reason] if reason else [])
    if reason:
        assert [link.target for link in links[other.key]] == [topic.key]


def test_category_labels_come_from_the_data_not_a_fixed_list(built: Built) -> None:
    data = load_curated(built.release.write())
    labels = {c.id: c.label for c in categories(data.records, data.catalog)}
    # `hurdle` is named by a definition's term; `wildcard`, which no definition names, by its id in words
    assert labels == {"hurdle": "Hurdles", "wildcard": "Wildcard"}


def test_edition_grid_places_topics_by_category_and_rank_and_shows_disagreements(built: Built) -> None:
    data = load_curated(built.release.write())
    grids = {g.edition: g for g in edition_grids(data.records, categories(data.records, None))}
    assert sorted(grids) == [2026, 2027]
    g = grids[2027]
    assert [c.id for c in g.columns] == ["hurdle", "wildcard"]
    cells = {row.rank: [[e.title for e in cell] for cell in row.cells] for row in g.rows}
    # rank 1: both documents name Sustaining Funding, one claims it is new; rank 2: they disagree
    assert cells == {1: [["Sustaining Funding"], ["Quantum Curiosity"]], 2: [["Data Privacy", "Misinformation"], []]}
    funding = g.rows[0].cells[0][0]
    assert (funding.documents, funding.statuses) == (2, ("new",))


def test_with_a_catalog_the_grid_and_chart_are_the_catalogs(built: Built) -> None:
    data = load_curated(built.release.write(catalog=catalog_for(built)))
    cats = categories(data.records, data.catalog)
    grids = {g.edition: g for g in edition_grids(data.records, cats, data.catalog)}
    funding = grids[2027].rows[0].cells[0][0]
    assert funding.statuses == ("returning",)
    assert any("status differs" in c for c in funding.conflicts)
    assert any("claims new" in c for c in funding.conflicts)
    assert grids[2027].movements[0].stayed == ("Sustaining Funding",)
    # topic records the catalog does not name are not lost from view
    site = write_site(data.folder, built.release.raw, data.folder.parent / "site").folder
    edition = (site / "edition-2027.html").read_text(encoding="utf-8")
    uncatalogued = edition[
        edition.index('id="uncatalogued"') : edition.index("</section>", edition.index("uncatalogued"))
    ]
    assert "Data Privacy" in uncatalogued and "Misinformation" in uncatalogued and "Sustaining" not in uncatalogued
    assert "2027: 3 topic records in no catalog entry" in (site / "index.html").read_text(encoding="utf-8")
    chart = catalog_chart(data.catalog, cats)
    # one mark per topic and edition it was on the list; one line along Sustaining Funding's two years
    assert [(m.rank, m.status, m.conflict) for m in chart.marks] == [
        (1, "new", False),
        (1, "returning", True),
        (1, "new", False),
    ]
    assert len(chart.segments) == 1 and [c.text for c in chart.columns] == ["2026", "2027"]


# --- the site ------------------------------------------------------------------------------------------------


def test_every_record_is_on_its_documents_page_sorted_by_doubt(built: Built, tmp_path: Path) -> None:
    site = write_site(built.release.write(), built.release.raw, tmp_path / "site").folder
    page = _page_of(site, built.report)
    shown = re.findall(r'data-confidence="([0-9.]+)"', page)
    assert [float(c) for c in shown] == sorted(float(c) for c in shown) and len(shown) == 5
    queue = (site / "records.html").read_text(encoding="utf-8")
    assert len(re.findall(r'<details class="record', queue)) == sum(map(len, built.release.records.values()))


def test_a_pdf_record_gets_a_crop_of_its_page_with_the_box_drawn(built: Built, tmp_path: Path) -> None:
    site = write_site(built.release.write(), built.release.raw, tmp_path / "site").folder
    page = _page_of(site, built.report)
    anchor = page.index(f'id="topic-{built.funding_2027["id"]}"')
    crop = re.search(r'<img src="(crops/[0-9a-f]{16}\.png)"', page[anchor:]).group(1)
    from PIL import Image

    with Image.open(site / crop) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        assert 100 < width < 800 and 40 < height < 400  # the words and some page round them, not the whole page
        assert (200, 0, 0) in {rgb.getpixel((x, y)) for x in range(width) for y in range(height)}  # the frame


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        # the raw file is not where source_path says
        (lambda pdf: pdf.unlink(), "is not there, so no page image is shown"),
        # the raw file was edited after it was curated: its SHA-256 is no longer the doc_id
        (lambda pdf: pdf.write_bytes(pdf.read_bytes() + b"\n% edited"), "has changed since it was curated"),
    ],
)
def test_a_missing_or_changed_raw_pdf_is_said_instead_of_a_crop(built: Built, tmp_path: Path, spoil, message) -> None:
    curated = built.release.write()
    spoil(built.release.raw / built.report.source_path)
    site = write_site(curated, built.release.raw, tmp_path / "site").folder
    page = _page_of(site, built.report)
    assert message in page and "<img" not in page
    assert message in (site / "index.html").read_text(encoding="utf-8")


def test_the_same_curated_folder_gives_the_same_site(built: Built, tmp_path: Path) -> None:
    curated = built.release.write(catalog=catalog_for(built), speakers=speakers_for(built))
    first = _files(write_site(curated, built.release.raw, tmp_path / "one").folder)
    second = _files(write_site(curated, built.release.raw, tmp_path / "two").folder)
    assert first == second
    assert {"index.html", "records.html", "catalog.html", "speakers.html", "edition-2027.html"} <= set(first)


def test_a_site_whose_sources_did_not_change_is_kept_and_one_whose_sources_changed_is_rebuilt(
    built: Built, tmp_path: Path, monkeypatch
) -> None:
    curated = built.release.write(catalog=catalog_for(built), speakers=speakers_for(built))
    out = tmp_path / "site"
    first = _files(write_site(curated, built.release.raw, out).folder)
    rendered: list[int] = []
    real = site_module.render_crops
    monkeypatch.setattr(site_module, "render_crops", lambda *a, **k: rendered.append(1) or real(*a, **k))
    again = write_site(curated, built.release.raw, out)  # a run that changed nothing: nothing is drawn again
    assert rendered == [] and _files(again.folder) == first and again.pages == sum(n.endswith(".html") for n in first)
    topics = curated / "topics.json"
    topics.write_text(topics.read_text(encoding="utf-8").replace("Sustaining Funding", "Renamed Topic"), "utf-8")
    rebuilt = _files(write_site(curated, built.release.raw, out).folder)
    assert rendered and rebuilt != first and any(b"Renamed Topic" in v for v in rebuilt.values())


def test_catalog_and_speaker_views_are_left_out_without_their_files(built: Built, tmp_path: Path) -> None:
    site = write_site(built.release.write(), built.release.raw, tmp_path / "site").folder
    assert not (site / "catalog.html").exists() and not (site / "speakers.html").exists()
    assert "no catalog.json" in (site / "index.html").read_text(encoding="utf-8")


def test_speakers_link_to_their_quotes(built: Built, tmp_path: Path) -> None:
    curated = built.release.write(catalog=catalog_for(built), speakers=speakers_for(built))
    site = write_site(curated, built.release.raw, tmp_path / "site").folder
    speakers = (site / "speakers.html").read_text(encoding="utf-8")
    assert f"doc-{built.report.doc_id}.html#quote-{built.ortega['id']}" in speakers
    assert 'href="speakers.html#speaker-marisol-ortega"' in _page_of(site, built.report)


def test_the_overview_lists_what_to_check_first(built: Built, tmp_path: Path) -> None:
    site = write_site(built.release.write(), built.release.raw, tmp_path / "site").folder
    index = (site / "index.html").read_text(encoding="utf-8")
    checks = dict(re.findall(r'data-check="(\w+)">\s*<span class="n">(\d+)</span>', index))
    assert checks == {
        "failed": "1",  # reports/scanned.pdf
        "rejected": "0",
        "offsets": "0",
        "unavailable": "1",  # reports/driving-2026.pdf has no raw file
        "doubtful": "4",  # the article's two topics, its unattributed quote, Quantum Curiosity
        "disagreements": "1",  # 2027 Hurdles #2: Data Privacy or Misinformation
    }
    assert index.index("no text layer") < index.index('id="doubtful"')


def test_dataset_text_is_escaped_never_markup(built: Built, tmp_path: Path) -> None:
    site = write_site(built.release.write(), built.release.raw, tmp_path / "site").folder
    for name in ("records.html", f"doc-{built.article.doc_id}.html"):
        page = (site / name).read_text(encoding="utf-8")
        assert "<script>window.__xss" not in page
        assert "&lt;script&gt;window.__xss = 1&lt;/script&gt; &amp; “more”" in page


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [value or "" for name, value in attrs if name in {"src", "href", "action", "srcset"}]


def test_every_link_stays_in_the_site_and_finds_its_target(built: Built, tmp_path: Path) -> None:
    curated = built.release.write(catalog=catalog_for(built), speakers=speakers_for(built))
    site = write_site(curated, built.release.raw, tmp_path / "site").folder
    for page in site.glob("*.html"):
        parser = _References()
        parser.feed(page.read_text(encoding="utf-8"))
        for ref in parser.found:
            if ref == "data:,":  # the empty favicon, so that the browser asks for none
                continue
            assert not re.match(r"^[a-z]+:", ref), (page.name, ref)
            target, _, fragment = ref.partition("#")
            assert not target or (site / target).is_file(), (page.name, ref)
            if fragment:  # and every link to a place in a page finds it there
                assert f'id="{fragment}"' in (site / (target or page.name)).read_text(encoding="utf-8"), (
                    page.name,
                    ref,
                )


def test_a_failed_write_leaves_the_previous_site_whole(built: Built, tmp_path: Path, monkeypatch) -> None:
    curated = built.release.write()
    out = tmp_path / "site"
    before = _files(write_site(curated, built.release.raw, out).folder)

    def broken(env, page):
        raise RuntimeError("disk full")

    monkeypatch.setattr(site_module, "render", broken)
    topics = curated / "topics.json"  # a change, so that the site is built again (an unchanged one is kept)
    topics.write_text(topics.read_text(encoding="utf-8").replace("Sustaining Funding", "Renamed Topic"), "utf-8")
    with pytest.raises(RuntimeError, match="disk full"):
        write_site(curated, built.release.raw, out)
    assert _files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["curated", "raw", "site"]  # no half-built folder


@pytest.mark.parametrize(
    ("out", "message"),
    [
        # a folder of the user's that this command did not write is never replaced
        ("{tmp}/mine", "holds files that `extract review` did not write"),
        # the curated folder itself
        ("{tmp}/curated", "would replace the curated folder"),
        # inside raw/, where the next run would read the pages as documents
        ("{tmp}/raw/site", "overlaps the raw folder"),
    ],
)
def test_the_site_never_replaces_a_folder_it_did_not_write(built: Built, tmp_path: Path, out: str, message) -> None:
    curated = built.release.write()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ReviewError, match=re.escape(message)):
        write_site(curated, built.release.raw, Path(out.format(tmp=tmp_path)))
    assert (tmp_path / "mine" / "notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        # no curated folder at all
        (lambda tmp: tmp / "nowhere", "curated folder {path} does not exist"),
        # a folder that holds no dataset
        (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty", "curated folder {path} has no documents.json"),
    ],
)
def test_review_without_a_dataset_ends_in_one_clear_line(tmp_path: Path, capsys, make, message) -> None:
    path = make(tmp_path)
    assert main(["review", "--curated", str(path)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message.format(path=path) in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_review_writes_the_site_inside_curated_by_default(built: Built, capsys) -> None:
    curated = built.release.write()
    assert main(["review", "--curated", str(curated), "--raw", str(built.release.raw)]) == 0
    assert (curated / "review" / "index.html").is_file()
    assert f"review site: {curated / 'review' / 'index.html'}" in capsys.readouterr().out


def test_settings_reject_impossible_values() -> None:
    with pytest.raises(ValueError, match="low_confidence"):
        ReviewSettings(low_confidence=0)


def test_the_site_reads_curated_files_only_never_the_extractor() -> None:
    from tests.test_architecture import _import_graph

    allowed = ("extract.review", "extract.dataset", "extract.settings")
    edges = _import_graph().graph()
    review = {m: t for m, t in edges.items() if m.startswith("extract.review")}
    assert len(review) > 5
    for module, targets in review.items():
        assert all(t.startswith(allowed) for t in targets), (module, targets)


# --- end to end: the shipped samples ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample_site(curated_samples: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review site of the shipped samples (written beside, not inside, the shared curated folder)."""
    return write_site(curated_samples, RAW, tmp_path_factory.mktemp("review") / "site").folder


def test_every_sample_record_appears_and_every_pdf_box_has_a_crop(curated_samples: Path, sample_site: Path) -> None:
    pages = "".join(p.read_text(encoding="utf-8") for p in sample_site.glob("doc-*.html"))
    for name in ("topics", "definitions", "quotes"):
        for record in json.loads((curated_samples / f"{name}.json").read_text(encoding="utf-8"))["items"]:
            assert f'id="{name[:-1]}-{record["id"]}"' in pages
    boxes = pages.count('<figure class="crop">')
    assert boxes >= 15 and "no page image is shown" not in pages
    assert len(list((sample_site / "crops").glob("*.png"))) >= 15


# --- in a real browser -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    from tests.browser import chromium

    with chromium() as b:
        yield b


def test_in_a_browser_the_overview_loads_clean_and_is_screenshot(browser, sample_site: Path) -> None:
    from playwright.sync_api import expect

    from tests.browser import open_page

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with open_page(browser, sample_site / "index.html") as w:
        expect(w.page.locator("section.checks .card")).to_have_count(6)
        expect(w.page.locator("#doubtful table.queue tbody tr").first).to_be_visible()
        w.page.screenshot(path=str(SCREENSHOTS / "overview.png"))
        assert w.problems == []


def test_in_a_browser_filters_hide_records_and_a_click_shows_the_crop(browser, sample_site: Path) -> None:
    from playwright.sync_api import expect

    from tests.browser import open_page

    with open_page(browser, sample_site / "records.html") as w:
        page = w.page
        records = page.locator("[data-records] .record")
        total = records.count()
        expect(page.locator("[data-shown]")).to_have_text(str(total))
        # the type filter: no topic stays visible
        page.get_by_label("topics").uncheck()
        expect(page.locator(".record[data-kind=topic]:visible")).to_have_count(0)
        expect(page.locator(".record[data-kind=quote]").first).to_be_visible()
        page.get_by_label("topics").check()
        # the confidence filter: only doubtful records stay
        page.locator("input[name=confidence]").fill("0.6")
        expect(page.locator("[data-shown]")).not_to_have_text(str(total))
        for value in page.locator(".record:visible").evaluate_all("els => els.map(e => e.dataset.confidence)"):
            assert float(value) <= 0.6
        page.locator("input[name=confidence]").fill("1")
        # the category filter keeps the category's topics and what links to them
        page.get_by_label("Category").select_option("bridge")
        expect(page.locator(".record[data-kind=topic]:visible").first).to_contain_text("Bridges")
        page.get_by_label("Category").select_option("")
        expect(page.locator("[data-shown]")).to_have_text(str(total))
        # a click on a PDF record opens it and shows its page image, loaded
        pdf_record = page.locator("details.record:has(figure.crop)").first
        image = pdf_record.locator("figure.crop img").first
        expect(image).to_be_hidden()
        pdf_record.locator("summary .line").click()
        expect(image).to_be_visible()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        pdf_record.scroll_into_view_if_needed()
        page.screenshot(path=str(SCREENSHOTS / "record-with-crop.png"))
        assert w.problems == []


def test_in_a_browser_a_quote_holding_markup_shows_as_text(browser, built: Built, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    from tests.browser import open_page

    site = write_site(built.release.write(), built.release.raw, tmp_path / "site").folder
    with open_page(browser, site / f"doc-{built.article.doc_id}.html") as w:
        quote = w.page.locator(f"#quote-{built.script_quote['id']} .headline q")
        expect(quote).to_have_text(SCRIPT_QUOTE)
        assert w.page.evaluate("typeof window.__xss") == "undefined"
        assert w.page.locator("script").count() == 1  # the site's own review.js, nothing from the data
        assert w.problems == []


# --- the Prefect flow ----------------------------------------------------------------------------------------------


@pytest.mark.prefect
def test_the_flow_writes_the_site_and_publishes_a_link(tmp_path: Path) -> None:
    from prefect.testing.utilities import prefect_test_harness

    from flows.extract_reports import extract_reports
    from tests.test_flow import _artifact

    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(sorted((RAW / "articles").glob("*.txt"))[0], raw)
    (raw / "note.txt").write_text(f"Made for {tmp_path.name}.\n", encoding="utf-8")
    curated = tmp_path / "curated"
    with prefect_test_harness(server_startup_timeout=120):
        extract_reports(str(raw), str(curated))
        link = _artifact("review-site")
    assert (curated / "review" / "index.html").is_file()
    assert (curated / "review" / "index.html").resolve().as_uri() in link
