"""The topic catalog and the speakers: one topic across documents and editions, one entry per speaker; built
in code for each rule, then on the seeds and samples as curated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.dataset.catalog import assign_topic_keys, build_catalog
from extract.dataset.keys import acronyms, speaker_key, topic_key
from extract.dataset.models import Catalog, Document, Topic
from extract.dataset.speakers import build_speakers
from tests.conftest import extract_one
from tests.records import PDF, document, quote, topic


def catalog(*topics: Topic, documents: list[Document]) -> Catalog:
    return build_catalog(assign_topic_keys(topics), documents, ["hurdle", "accelerator", "tech_enabler", "bridge"])


def item(cat: Catalog, key: str):  # type: ignore[no-untyped-def]
    return next(i for i in cat.items if i.topic_key == key)


# --- keys ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "key", "aliases"),
    [
        ("Learner Agency", "learner agency", []),  # case
        ("learner agency", "learner agency", []),  # ... either way
        ("The Learner-Agency", "learner agency", []),  # a leading article and a hyphen
        ("Analytical & Adaptive Technologies", "analytical and adaptive technologies", []),  # & reads as "and"
        ("Analytical and Adaptive Technologies", "analytical and adaptive technologies", []),  # ... the same key
        ("Generative Artificial Intelligence (Gen AI)", "generative artificial intelligence", ["Gen AI"]),  # acronym
        ("Generative AI (GenAI)", "generative ai", ["GenAI"]),  # an acronym with lower-case letters inside
        ("Data Privacy (and Security)", "data privacy and security", []),  # not an acronym: its words stay
        ("Learner’s Voice", "learners voice", []),  # a curly apostrophe joins the word
        ("Cultural Change > Technical Change", "cultural change technical change", []),  # other punctuation
        ("A", "a", []),  # an article alone stays
        ("ﬁnancial sustainability", "financial sustainability", []),  # a ligature
    ],
)
def test_topic_keys_fold_case_and_punctuation_and_keep_acronyms_as_aliases(title, key, aliases) -> None:
    assert (topic_key(title), acronyms(title)) == (key, aliases)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Keith R. Krueger", "keith r krueger"),  # initials lose their dot
        ("KEITH KRUEGER", "keith krueger"),  # case
        ("Dana O’Neil", "dana oneil"),  # an apostrophe inside a name
    ],
)
def test_speaker_keys_normalize_names(name: str, key: str) -> None:
    assert speaker_key(name) == key


# --- grouping ----------------------------------------------------------------------------------------------------


def test_one_topic_is_one_item_across_documents_and_editions_titled_from_the_report() -> None:
    old = document("articles/2024.txt", 2024)
    report = document("reports/2026.pdf", 2026, PDF)
    news = document("articles/2026.txt", 2026)
    records = [
        topic(old, "Learner agency", rank=3, confidence=0.9),
        topic(news, "learner agency", rank=2, confidence=0.95),  # higher confidence, but an article
        topic(report, "Learner Agency", rank=2, confidence=0.85),
    ]
    cat = catalog(*records, documents=[old, report, news])
    (only,) = cat.items
    assert (only.topic_key, only.title, only.category) == ("learner agency", "Learner Agency", "accelerator")
    assert only.aliases == ["Learner Agency", "Learner agency", "learner agency"]
    assert [(e.edition, e.rank, e.title) for e in only.editions] == [
        (2024, 3, "Learner agency"),
        (2026, 2, "Learner Agency"),
    ]
    assert only.editions[1].record_ids == [records[2].id, records[1].id]  # the preferred record first
    assert only.editions[1].doc_ids == [report.doc_id, news.doc_id]
    assert only.conflicts == []


def test_an_acronym_only_title_joins_the_one_topic_that_spells_it_out() -> None:
    a, b = document("a.txt", 2025), document("b.txt", 2026)
    spelled = topic(a, "Generative AI (GenAI)", "tech_enabler")
    short = topic(b, "GenAI", "tech_enabler")
    keyed = assign_topic_keys([spelled, short])
    assert [t.topic_key for t in keyed] == ["generative ai", "generative ai"]
    assert catalog(spelled, short, documents=[a, b]).items[0].aliases == ["GenAI", "Generative AI (GenAI)"]
    # two topics spell out the same acronym: which one "GenAI" means cannot be told, so it stays its own
    other = topic(a, "General Aviation Instruction (GenAI)", "hurdle")
    assert assign_topic_keys([spelled, short, other])[1].topic_key == "genai"


@pytest.mark.parametrize(
    ("second", "field", "values"),
    [
        # the same topic at another rank in the same edition
        ({"rank": 2}, "rank", ["1", "2"]),
        # the same topic in another category
        ({"category": "tech_enabler", "rank": 3}, "category", ["accelerator", "tech_enabler"]),
        # one document says new, the other returning
        ({"status": "returning"}, "status", ["new", "returning"]),
    ],
)
def test_sources_of_one_edition_that_disagree_are_listed_not_resolved(second, field, values) -> None:
    report, news = document("r.pdf", 2027, PDF), document("n.txt", 2027)
    first = topic(report, "Learner Agency", status="new")
    other = topic(news, "Learner Agency", **{"status": "new", **second})
    cat = catalog(first, other, documents=[report, news])
    conflicts = [c for c in item(cat, "learner agency").conflicts if c.field == field]
    assert [[v.value for v in c.values] for c in conflicts] == [values]
    assert sorted(i for v in conflicts[0].values for i in v.record_ids) == sorted([first.id, other.id])
    edition = item(cat, "learner agency").editions[0]
    assert (edition.category, edition.rank) == ("accelerator", 1)  # the report's, with the conflict beside it


def test_different_topics_at_one_place_are_a_title_conflict_on_each() -> None:
    one, two = document("one.txt", 2026), document("two.txt", 2026)
    ethics = topic(one, "Ethics and trust are non-negotiable", "bridge", rank=1)
    framework = topic(two, "Ethical Framework & Trust as Non-negotiables", "bridge", rank=1)
    cat = catalog(ethics, framework, documents=[one, two])
    for key in ("ethics and trust are non negotiable", "ethical framework and trust as non negotiables"):
        (conflict,) = item(cat, key).conflicts
        assert conflict.field == "title" and conflict.edition == 2026
        assert [(v.value, v.record_ids) for v in conflict.values] == [
            ("Ethical Framework & Trust as Non-negotiables", [framework.id]),
            ("Ethics and trust are non-negotiable", [ethics.id]),
        ]


def test_a_source_that_says_nothing_does_not_disagree() -> None:
    report, news = document("r.pdf", 2027, PDF), document("n.txt", 2027)
    cat = catalog(topic(report, "Learner Agency", status="new"), topic(news, "Learner Agency", rank=None),
                  documents=[report, news])  # fmt: skip
    assert item(cat, "learner agency").conflicts == []


# --- year over year ----------------------------------------------------------------------------------------------


def test_changes_say_what_entered_stayed_and_dropped_and_which_claims_disagree() -> None:
    d24, d25, d26 = document("a.txt", 2024), document("b.txt", 2025), document("c.txt", 2026)
    records = [
        topic(d24, "Cybersecurity", "hurdle", 1),
        topic(d24, "Staffing", "hurdle", 2),
        topic(d25, "Cybersecurity", "hurdle", 1, status="new"),  # claims new, but it stayed
        topic(d25, "Funding", "hurdle", 2, status="returning"),  # claims returning, but it entered
        topic(d26, "Staffing", "hurdle", 1, status="returning"),  # returning after a year away: agrees
        topic(d26, "Funding", "hurdle", 2, status="new"),  # claims new, but it stayed
    ]
    cat = catalog(*records, documents=[d24, d25, d26])
    got = [(c.edition, c.previous_edition, c.entered, c.stayed, c.dropped) for c in cat.changes]
    assert got == [
        (2025, 2024, ["funding"], ["cybersecurity"], ["staffing"]),
        (2026, 2025, ["staffing"], ["funding"], ["cybersecurity"]),
    ]
    claims = [(d.topic_key, d.claimed, d.observed) for c in cat.changes for d in c.claim_disagreements]
    assert claims == [
        ("cybersecurity", "new", "stayed"),
        ("funding", "returning", "entered"),
        ("funding", "new", "stayed"),
    ]
    statuses = {(i.topic_key, e.edition): (e.status, e.status_from) for i in cat.items for e in i.editions}
    assert statuses[("staffing", 2026)] == ("returning", "editions")  # observed, whatever the claim
    assert statuses[("cybersecurity", 2024)] == (None, None)  # the first edition held: no one can tell


def test_in_the_first_edition_held_the_status_is_what_the_documents_claim_when_they_agree() -> None:
    a, b = document("a.txt", 2026), document("b.txt", 2026)
    agree = catalog(topic(a, "Funding", status="new"), topic(b, "Funding", status="new"), documents=[a, b])
    assert (agree.items[0].editions[0].status, agree.items[0].editions[0].status_from) == ("new", "documents")
    split = catalog(topic(a, "Funding", status="new"), topic(b, "Funding", status="returning"), documents=[a, b])
    assert split.items[0].editions[0].status is None and split.changes == []


def test_the_catalog_is_the_same_whatever_order_the_records_come_in() -> None:
    report, news = document("r.pdf", 2027, PDF), document("n.txt", 2027)
    records = [topic(report, "Learner Agency", confidence=0.85), topic(news, "Learner agency", rank=2, confidence=0.85)]
    assert catalog(*records, documents=[report, news]) == catalog(*reversed(records), documents=[news, report])


# --- speakers ----------------------------------------------------------------------------------------------------


def test_speakers_join_name_forms_and_bare_surnames_and_keep_roles_per_edition() -> None:
    d24, d26 = document("a.txt", 2024), document("b.txt", 2026)
    quotes = [
        quote(d24, "One", "Keith R. Krueger", "CEO of CoSN"),
        quote(d26, "Two", "Keith Krueger", "CoSN CEO", mention="CoSN CEO Keith Krueger"),  # a role before the name
        quote(d26, "Three", "Krueger"),  # a bare surname the extractor could not complete
        quote(d26, "Four", "CoSN", kind="organization"),
    ]
    entries = {e.speaker_key: e for e in build_speakers(quotes)}
    assert set(entries) == {"keith r krueger", "cosn"}
    krueger = entries["keith r krueger"]
    assert (krueger.name, krueger.kind) == ("Keith R. Krueger", "person")
    assert [(r.edition, r.role) for r in krueger.roles] == [(2024, "CEO of CoSN"), (2026, "CoSN CEO")]
    assert krueger.quote_ids == [q.id for q in quotes[:3]]
    assert krueger.mentions == ["CoSN CEO Keith Krueger", "Keith R. Krueger", "Krueger"]
    assert entries["cosn"].kind == "organization"


@pytest.mark.parametrize(
    ("names", "keys"),
    [
        # two different middle initials: two people, and the bare first-last name cannot be told
        (["Ann B. Lee", "Ann C. Lee", "Ann Lee"], ["ann b lee", "ann c lee", "ann lee"]),
        # a surname two people share stays apart from both
        (["Ann Lee", "Bo Lee", "Lee"], ["ann lee", "bo lee", "lee"]),
        # one middle initial: the shorter form joins it
        (["Ann Lee", "Ann B. Lee"], ["ann b lee"]),
    ],
)
def test_speakers_are_joined_only_when_the_name_says_who(names: list[str], keys: list[str]) -> None:
    doc = document("a.txt", 2026)
    assert [e.speaker_key for e in build_speakers([quote(doc, f"q{i}", n) for i, n in enumerate(names)])] == keys


def test_a_role_written_before_the_name_is_resolved_to_the_person(nlp, profile) -> None:
    text = "“Budgets will stay tight for years to come,” said CoSN CEO Keith Krueger.\n"
    (said,) = extract_one("a.txt", text.encode()).quotes
    full = quote(document("b.txt", 2026), "Other words entirely", "Keith R. Krueger", "CEO of CoSN")
    (entry,) = build_speakers([said, full])
    assert (entry.name, entry.quote_ids) == ("Keith R. Krueger", [said.id, full.id])
    assert "CoSN CEO Keith Krueger" in entry.mentions and said.speaker.role == "CoSN CEO"


# --- on the seeds and samples ------------------------------------------------------------------------------------


def _catalog(curated: Path) -> Catalog:
    return Catalog.model_validate_json((curated / "catalog.json").read_text(encoding="utf-8"))


def test_the_samples_catalog_groups_one_topic_from_four_documents_and_three_editions(curated_samples: Path) -> None:
    cat = _catalog(curated_samples)
    agency = item(cat, "learner agency")
    assert [(e.edition, e.category, e.rank, e.status) for e in agency.editions] == [
        (2024, "accelerator", 3, None),  # the first edition the dataset holds
        (2026, "accelerator", 3, "returning"),
        (2027, "accelerator", 3, "returning"),
    ]
    assert len({d for e in agency.editions for d in e.doc_ids}) == 4  # the seeds' articles, the web page, the PDF
    assert agency.title == "Learner Agency" and "Learner agency" in agency.aliases
    educators = item(cat, "attracting and retaining educators and it professionals")
    assert [e.edition for e in educators.editions] == [2024, 2027]
    assert item(cat, "generative artificial intelligence").aliases == [
        "Gen AI", "Generative Artificial Intelligence (Gen AI)"
    ]  # fmt: skip


def test_the_samples_catalog_lists_their_conflicts_and_disagreeing_claims(curated_samples: Path) -> None:
    cat = _catalog(curated_samples)
    # the two 2026 articles name the bridges differently
    (conflict,) = item(cat, "ethics and trust are non negotiable").conflicts
    assert (conflict.edition, conflict.field) == (2026, "title")
    assert {v.value for v in conflict.values} == {
        "Ethics and trust are non-negotiable",
        "Ethical Framework & Trust as Non-negotiables",
    }
    # an article says a 2026 tech enabler returns; the 2024 list the dataset holds did not have it
    claims = [(c.edition, d.topic_key, d.claimed, d.observed) for c in cat.changes for d in c.claim_disagreements]
    assert (2026, "privacy and safety technologies", "returning", "entered") in claims
    hurdles_2027 = next(c for c in cat.changes if (c.category, c.edition) == ("hurdle", 2027))
    assert "sustaining funding beyond short term grants" in hurdles_2027.entered
    assert "staffing shortages" in hurdles_2027.dropped


def test_every_topic_record_is_in_the_catalog_item_of_its_key(curated_samples: Path) -> None:
    cat = _catalog(curated_samples)
    listed = {rid: i.topic_key for i in cat.items for e in i.editions for rid in e.record_ids}
    topics = json.loads((curated_samples / "topics.json").read_text(encoding="utf-8"))["items"]
    assert listed == {t["id"]: t["topic_key"] for t in topics}


def test_the_samples_speakers_resolve_a_bare_surname_across_documents(curated_samples: Path) -> None:
    speakers = json.loads((curated_samples / "speakers.json").read_text(encoding="utf-8"))["items"]
    krueger = next(s for s in speakers if s["speaker_key"] == "keith r krueger")
    assert krueger["mentions"] == ["Keith R. Krueger", "Krueger"]
    assert [r["edition"] for r in krueger["roles"]] == [2024, 2026] and len(krueger["quote_ids"]) == 4
    quotes = json.loads((curated_samples / "quotes.json").read_text(encoding="utf-8"))["items"]
    assert sorted(q["id"] for q in quotes if q["speaker"]) == sorted(i for s in speakers for i in s["quote_ids"])


def test_the_review_site_reads_the_catalog_and_speakers_the_store_writes(curated_samples: Path, tmp_path: Path) -> None:
    from extract.review import write_site
    from tests.conftest import RAW

    site = write_site(curated_samples, RAW, tmp_path / "site")
    assert (site.index.parent / "catalog.html").is_file() and (site.index.parent / "speakers.html").is_file()
    edition = (site.index.parent / "edition-2026.html").read_text(encoding="utf-8")
    assert "Learner Agency" in edition
