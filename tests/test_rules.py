"""Rule families on small texts: positive and negative examples per pattern."""

from __future__ import annotations

import pytest
from spacy.language import Language

from extract.nlp import build_nlp
from extract.profile import Profile
from extract.rules.base import SegmentDoc
from extract.rules.definitions import find_definitions
from extract.rules.edition import detect_edition
from extract.rules.quotes import find_quotes, pair_marks
from extract.rules.topics import find_topics
from extract.sources.html import parse_html
from extract.sources.text import parse_text
from tests.conftest import extract_one


def analyse(nlp: Language, text: str) -> list[SegmentDoc]:
    parsed = parse_text(text.encode())
    return [SegmentDoc(s, nlp(s.text)) for s in parsed.body]


def test_every_profile_pattern_is_valid(profile: Profile) -> None:
    build_nlp(profile)  # SpanRuler(validate=True) raises on a malformed token pattern
    ids = [r.id for r in profile.rules]
    assert len(ids) == len(set(ids)) and len(profile.cue_rules()) > 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“Closed,” he said.", [(0, 8)]),  # curly pair
        ('"Straight pair" here', [(0, 14)]),
        ("“Never closed at the end", [(0, None)]),  # unclosed at paragraph end
        ("“First “second”", [(0, 7), (7, 14)]),  # a new opening mark ends the unclosed one
        ("It’s the ‘why’ only", []),  # apostrophes and single quotes are not quotations
    ],
)
def test_quotation_marks_pair(text: str, expected: list) -> None:
    assert [(m.open, m.close) for m in pair_marks(text)] == expected


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "role"),
    [
        # speaker after the quote, with a role apposition
        (
            "“The framework matters more than any tool,” said Keith R. Krueger, CEO of CoSN.",
            "The framework matters more than any tool,",
            "Keith R. Krueger",
            "CEO of CoSN",
        ),
        # the verb first, then a lower-case role phrase before the name
        (
            "“We argued about it for two full sessions,” said advisory board member Priya Natarajan-Cole, chief "
            "innovation officer of Lakeshore Unified.",
            "We argued about it for two full sessions,",
            "Priya Natarajan-Cole",
            "chief innovation officer of Lakeshore Unified",
        ),
        # name first, then the verb
        (
            "“Schools need people before platforms,” Krueger said.",
            "Schools need people before platforms,",
            "Krueger",
            None,
        ),
        # organization as speaker, before the quote
        (
            "CoSN said that the shift underscores “a turning point in education for all of us.",
            "a turning point in education for all of us.",
            "CoSN",
            None,
        ),
        # according to
        (
            "“Budgets will stay tight for years,” according to Dana Whitfield.",
            "Budgets will stay tight for years,",
            "Dana Whitfield",
            None,
        ),
        # a dash credit after the quote in running text
        (
            "“Innovation is a team sport, not a product,” — Keith Krueger, CEO of CoSN.",
            "Innovation is a team sport, not a product,",
            "Keith Krueger",
            "CEO of CoSN",
        ),
        # straight quotes
        (
            '"We learned to start small and grow," said Ana Ruiz, superintendent of Lakeview Schools.',
            "We learned to start small and grow,",
            "Ana Ruiz",
            "superintendent of Lakeview Schools",
        ),
        # a bracketed role between the name and the verb, the quote later in the reported clause
        (
            "On the webinar Teresa Lindqvist (CoSN's CEO) said the bridges are \"where the argument of the whole "
            'report lives," which helps.',
            "where the argument of the whole report lives,",
            "Teresa Lindqvist",
            "CoSN's CEO",
        ),
    ],
)
def test_quotes_are_attributed(nlp: Language, profile: Profile, text: str, quote: str, speaker: str, role) -> None:
    hits = find_quotes(analyse(nlp, text), profile)
    assert [(h.text, h.speaker.name, h.speaker.role) for h in hits] == [(quote, speaker, role)]


@pytest.mark.parametrize(
    ("text", "speakers", "rule"),
    [
        # a pronoun points back to the person last named as speaking
        (
            "Raman said the debate took three sessions. “Some members wanted it ranked first,” she said.",
            ["Raman"],
            "quote.pronoun",
        ),
        # the speaker is named, with a role, in the sentence before the quote
        (
            "Maria Delgado, chief technology officer of Riverside Schools, said the leadership accelerator matched "
            "what she sees in her own district every single week. “We used to talk about devices; now it is trust.”",
            ["Maria Delgado"],
            "quote.previous_sentence",
        ),
        # a colon introduces the quote
        ("Raman put it simply: “Culture first, then technology.”", ["Raman"], "quote.colon"),
        # a relative clause between the name and the verb
        (
            "Krueger, who has led CoSN since 1993, told attendees: “The question is how, not whether, we innovate.",
            ["Krueger"],
            "quote.colon",
        ),
    ],
)
def test_quotes_attributed_from_context(nlp: Language, profile: Profile, text: str, speakers: list, rule: str) -> None:
    hits = find_quotes(analyse(nlp, text), profile)
    assert [h.speaker.name for h in hits if h.speaker] == speakers
    assert hits[-1].rule == rule
    assert hits[-1].confidence < 0.9 or rule == "quote.before"


@pytest.mark.parametrize(
    ("before", "mention", "speaker"),
    [
        # the full name stands in the text, after a role, in a sentence that is no quote's attribution
        (
            "State Superintendent of Public Instruction Marguerite Hansen joined the panel.",
            "Hansen",
            "Marguerite Hansen",
        ),
        # an honorific and the surname: completed the same way
        ("Board member Hollis Banerjee presented the item.", "Mr. Banerjee", "Hollis Banerjee"),
        # a first name alone is preferred to a capitalized word and an initial before the surname
        ("Director of Technology H. Banerjee and Hollis Banerjee spoke.", "Banerjee", "Hollis Banerjee"),
        # only a role before the surname: nothing to complete it with
        ("Superintendent Hansen opened the meeting.", "Hansen", "Hansen"),
    ],
)
def test_a_surname_is_completed_from_the_full_name_the_text_gives(before: str, mention: str, speaker: str) -> None:
    text = f"Report\n\n{before}\n\n“Our schools are small, but our challenges are not small at all,” {mention} said.\n"
    result = extract_one("a.txt", text.encode())
    assert [q.speaker.name for q in result.quotes if q.speaker] == [speaker]


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("Oduya takes it: “No. It means the panel thinks it is unavoidable, and that is different.”", "Marcus Oduya"),
        # a surname and a colon alone, as a live blog or a transcript writes
        (
            "Reyes-Whitfield: “We have a graveyard of successful pilots in this country, all of them.”",
            "Thomas Reyes-Whitfield",
        ),
        # a capitalized word that names no one introduced in the text
        ("Budget: “This is not a quote about anything in particular at all, to be honest.”", None),
    ],
)
def test_a_surname_the_text_introduced_speaks_before_a_colon(line: str, speaker: str | None) -> None:
    intro = (
        "On stage: moderator Gwen Ross; Dr. Thomas Reyes-Whitfield, chief technology officer of Harbor Point "
        "Unified School District; and Marcus Oduya, superintendent of Tamarack County Schools."
    )
    result = extract_one("live.txt", f"Live\n\n{intro}\n\n{line}\n".encode())
    assert [q.speaker.name if q.speaker else None for q in result.quotes] == [speaker]


@pytest.mark.parametrize(
    ("intro", "speaker"),
    [
        # one person named in the paragraph before, with a role and a place in brackets that name no one
        (
            "Board member Priya Raghunathan (Chief Technology Officer, Westfield Consolidated) served on the panel. "
            "We asked her what surprised her most.",
            "Priya Raghunathan",
        ),
        # two people: the pronoun could be either
        ("Priya Raghunathan and Tom Lee served on the panel this year.", None),
    ],
)
def test_a_pronoun_quote_opening_its_paragraph_after_one_person_was_named(intro: str, speaker: str | None) -> None:
    text = f"News\n\n{intro}\n\n“Honestly, that infrastructure showed up as a hurdle at all,” she said.\n"
    result = extract_one("a.txt", text.encode())
    assert [q.speaker.name if q.speaker else None for q in result.quotes] == [speaker]


def test_people_introduced_in_full_speak_by_their_first_names() -> None:
    text = (
        "# Recap\n\n"
        "- **Gabriel Osei**, director of research (moderating)\n"
        "- **Hannah Lindqvist**, chief technology officer, Birchfield Independent School District\n"
        "- **Wen Zhao**, director of digital learning, Harborview Public Schools\n\n"
        # a first name as the subject of a sentence that quotes
        'Gabriel opened by saying the panel "fought harder about the hurdles this year than ever," to laughter.\n\n'
        # a first name in the sentence before a pronoun that leads into the quote
        'Wen had the line of the session. Talking about models, she said: "The privacy conversation changes '
        'when the data never leaves the building."\n\n'
        # a Markdown block quote announced by a sentence ending in a colon; the heading after it credits nobody
        "Hannah closed out the Q&A with something I have been chewing on since:\n\n"
        '> "Trust by design is not a product you buy. It is every decision you make first."\n\n'
        "## What I am taking back\n\nAn identity audit.\n\n"
        # a block quote announced by a line that opens with a document; the next announcing line credits nothing
        "The report on digital overload (p. 9):\n\n"
        '> "Every new tool is adopted one at a time, and none of them is retired one at a time."\n\n'
        "On policy lag, from the summary:\n\n"
        # one person named in the announcing sentence, though not its subject
        "The line that stuck with me came from Dr. Omar Haddad, who leads tech for a district in Kansas:\n\n"
        '"We do not have a tool shortage. We have a time shortage."\n'
    )
    result = extract_one("recap.md", text.encode())
    assert [q.speaker.name if q.speaker else None for q in result.quotes] == [
        "Gabriel Osei",
        "Wen Zhao",
        "Hannah Lindqvist",
        "the report",
        "Dr. Omar Haddad",
    ]


@pytest.mark.parametrize(
    ("before", "speaker"),
    [
        ("The report itself is more measured.", "the report"),  # the document the sentence before opens with
        ("The superintendent itself is not a thing.", None),  # no document: `it` names nobody
    ],
)
def test_a_document_speaks_through_it(before: str, speaker: str | None) -> None:
    text = f"News\n\n{before} “Districts are now asked to supervise software that acts for them,” it says.\n"
    result = extract_one("a.txt", text.encode())
    assert [q.speaker.name if q.speaker else None for q in result.quotes] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the organization glossing a category in its own words, a short phrase
        (
            "The top accelerators — which CoSN describes as “megatrends that propel innovation forward” — are three.",
            "CoSN",
        ),
        # a pronoun for the document its sentence names
        (
            "Tying the lists together are the report’s bridges, which it describes as “commitments that hold no "
            "matter which tool is in front of you”: trust and design.",
            "the report",
        ),
    ],
)
def test_a_gloss_in_the_reports_own_words_is_a_quote(text: str, speaker: str) -> None:
    result = extract_one("a.txt", f"News\n\n{text}\n".encode())
    assert [q.speaker.name if q.speaker else None for q in result.quotes] == [speaker]


def test_a_pronoun_with_no_person_named_before_is_not_attributed(nlp: Language, profile: Profile) -> None:
    text = "The board met twice this year.\n\n“Some members wanted the topic ranked first on the list,” she said."
    hits = find_quotes(analyse(nlp, text), profile)
    assert [h.speaker for h in hits] == [None]


def test_quote_continued_after_attribution_keeps_the_speaker(nlp: Language, profile: Profile) -> None:
    text = "“The first half of the thought,” said Maria Lopez. “And here is the second half of it.”"
    hits = find_quotes(analyse(nlp, text), profile)
    assert [h.speaker.name for h in hits] == ["Maria Lopez", "Maria Lopez"]


@pytest.mark.parametrize(
    "text",
    [
        "Reconceptualizing their role from that of “student” to that of “learner.”",  # scare quotes
        "It starts with the ‘why’ (Hurdles) and the ‘answer’ too.",  # single-quoted words
        "When our students started saying, “Math is my favorite subject,” we knew something big had…",  # teaser
        # a title in quotation marks with the comma set inside them, though the report is named after it
        'The top accelerator is "Ambient Learning Environments," which the report describes as a change.',
    ],
)
def test_scare_quotes_and_teasers_are_not_quotes(nlp: Language, profile: Profile, text: str) -> None:
    assert find_quotes(analyse(nlp, text), profile) == []


@pytest.mark.parametrize(
    ("text", "term", "definition"),
    [
        (
            "Analytics refers to the process of analyzing data about learning.",
            "Analytics",
            "the process of analyzing data about learning",
        ),
        (
            "Accelerators were defined as real-world megatrends that speed innovation.",
            "Accelerators",
            "real-world megatrends that speed innovation",
        ),
        (
            "The board defined “hurdles” as roadblocks that slow schools down.",
            "Hurdles",
            "roadblocks that slow schools down",
        ),
        (
            "Tech enables are the tools that grease the wheels.",
            "Tech Enablers",
            "the tools that grease the wheels",
        ),
        ("Hurdles — barriers districts must overcome", "Hurdles", "barriers districts must overcome"),
        ("They named the most pressing Hurdles (obstacles) this year.", "Hurdles", "obstacles"),
        (
            "Bridges are the cross-cutting themes that connect the lists.",
            "Bridges",
            "the cross-cutting themes that connect the lists",
        ),
        # an apposition between the term and the cue
        (
            "The Bridges, a new feature this year, are the themes that connect all three lists.",
            "Bridges",
            "the themes that connect all three lists",
        ),
        # a dash gloss in mid-sentence, closed by a second dash
        (
            "This year the report adds Bridges — cross-cutting themes that connect the lists — for readers.",
            "Bridges",
            "cross-cutting themes that connect the lists",
        ),
        # the gloss stops where a new clause with its own subject begins
        (
            "The report describes accelerators as the megatrends that move innovation forward, and it calls "
            "tech enablers the tools.",
            "Accelerators",
            "the megatrends that move innovation forward",
        ),
        # two cues on one sentence give one definition, the tighter reading
        (
            "Hurdles are defined as the obstacles that slow schools down.",
            "Hurdles",
            "the obstacles that slow schools down",
        ),
        # a long bracketed gloss right after a category
        (
            "It is organized around Hurdles (the barriers that keep good ideas from reaching classrooms) first.",
            "Hurdles",
            "the barriers that keep good ideas from reaching classrooms",
        ),
        # commas inside brackets do not end a gloss
        (
            "Members described Cognitive Offloading as students (and, to be honest, adults) handing off thinking.",
            "Cognitive Offloading",
            "students (and, to be honest, adults) handing off thinking",
        ),
        # a dash aside inside the gloss, which goes on after it with a relative word
        (
            "Accelerators are longer-running trends — demographic, economic — that push schools to change.",
            "Accelerators",
            "longer-running trends — demographic, economic — that push schools to change",
        ),
        # `, meaning …,` glosses the noun phrase after `that`; the gloss closes at its comma
        (
            "The report says that agentic systems, meaning software that acts for a user, are the reason.",
            "agentic systems",
            "software that acts for a user",
        ),
        # `X, or Y, is …`: a gloss set off by commas before the sentence's verb
        (
            "Synthetic media, or content generated or altered by AI so that it looks real, is now part of school life.",
            "Synthetic media",
            "content generated or altered by AI so that it looks real",
        ),
        # `X (ACRONYM) are techniques such as …`: the acronym is not the term, `such as` goes on the gloss
        (
            "Privacy-enhancing technologies (PETs) are techniques such as federated analysis that protect students.",
            "Privacy-enhancing technologies",
            "techniques such as federated analysis that protect students",
        ),
        # a member noun right after the article heads an apposition gloss
        (
            "The report sorts them into hurdles and what it calls “tech enablers,” the tools in between.",
            "Tech Enablers",
            "the tools in between",
        ),
        # the category right before the copula, after `And then`
        (
            "And then the tech enablers are the tools that help you get over the hurdles.",
            "Tech Enablers",
            "the tools that help you get over the hurdles",
        ),
        # a label's gloss that names the other categories is still a gloss
        (
            "BRIDGES Cross-cutting themes that connect the Hurdles, Accelerators and Tech Enablers.",
            "Bridges",
            "Cross-cutting themes that connect the Hurdles, Accelerators and Tech Enablers",
        ),
        # an apposition after a quoted category whose comma sits inside the quotes
        (
            'The report ends with a few "bridges," ideas that cut across all three lists.',
            "Bridges",
            "ideas that cut across all three lists",
        ),
        # an aside between the gloss's noun and its clause
        (
            "Accelerators are the megatrends, originating inside or outside education, that propel innovation.",
            "Accelerators",
            "the megatrends, originating inside or outside education, that propel innovation",
        ),
        # an aside that is itself a list
        (
            "Hurdles are the obstacles, whether financial, cultural or technical, that make it harder to innovate.",
            "Hurdles",
            "the obstacles, whether financial, cultural or technical, that make it harder to innovate",
        ),
        # a hyphenated modifier and a coordination before the noun
        (
            "Accelerators are longer-term societal and educational trends that create momentum for innovation.",
            "Accelerators",
            "longer-term societal and educational trends that create momentum for innovation",
        ),
        # adjectives set apart by a comma, then an aside, then the clause
        (
            "Accelerators are the broad, long-term trends, originating inside or outside schools, that create pressure.",
            "Accelerators",
            "the broad, long-term trends, originating inside or outside schools, that create pressure",
        ),
        # `what` opens the gloss of a category
        ("Not dumb. Hurdles are what's blocking you.", "Hurdles", "what's blocking you"),
        # a naming verb, the category, then its gloss in quotation marks
        (
            'The report calls hurdles "anything that forces a district to stop, retool and start again," and it fits.',
            "Hurdles",
            "anything that forces a district to stop, retool and start again",
        ),
        (
            "The report itself puts the accelerators more elegantly: “the trends that are pushing change forward.”",
            "Accelerators",
            "the trends that are pushing change forward",
        ),
        # a short adverbial between the quoted category and its apposition
        (
            'The two "bridges" this year, the report\'s cross-cutting themes that link all three lists, are here.',
            "Bridges",
            "the report's cross-cutting themes that link all three lists",
        ),
        # a free relative instead of a noun
        (
            "So hurdles are whatever keeps a good idea from happening in your district.",
            "Hurdles",
            "whatever keeps a good idea from happening in your district",
        ),
        # a participle after the noun instead of a relative word
        (
            "Accelerators are the broad social shifts pushing schools toward change.",
            "Accelerators",
            "the broad social shifts pushing schools toward change",
        ),
        # the gloss is a quotation: it ends where the quotation does
        (
            "The moderator reminded the room that hurdles are “the challenges that slow innovation,” and moved on.",
            "Hurdles",
            "the challenges that slow innovation",
        ),
        # the definition is inside a quotation: the closing mark ends the gloss, not the sentence
        (
            "“Hurdles are anything that makes a good idea die in committee,” she said.",
            "Hurdles",
            "anything that makes a good idea die in committee",
        ),
        # a slide's heading then its gloss opened by a sign
        ("## Hurdles\n\n*= what slows innovation down*", "Hurdles", "what slows innovation down"),
        # a relative clause after the category's list: `the hurdles list, which … describes as`
        (
            "At the top of the hurdles list, which CoSN describes as the obstacles that slow innovation, sits Funding.",
            "Hurdles",
            "the obstacles that slow innovation",
        ),
        # a quoted gloss after `describes as`: the quotation, without its marks
        (
            'Burnout tops the hurdles, which the group describes as "the challenges that slow new ideas." It stays.',
            "Hurdles",
            "the challenges that slow new ideas",
        ),
        # a naming verb without `as`
        (
            "Two bridges, which CoSN calls the threads that run through all three lists, round things out.",
            "Bridges",
            "the threads that run through all three lists",
        ),
        # the gloss's own noun (`themes`) names the category too: the outer reading wins
        (
            "Quick detour to the bridges, which the report describes as cross-cutting themes that connect the lists.",
            "Bridges",
            "cross-cutting themes that connect the lists",
        ),
        # a table cell opens its own sentence: a term at the start of a cell
        (
            "| Tech Enabler | Trusted Agents | AI agents are software systems that can plan tasks. |",
            "AI agents",
            "software systems that can plan tasks",
        ),
        # a quoted term with the comma inside its closing mark, then `which the report defines as`
        (
            'There are "hurdles," which the report defines as "challenges that slow schools from adopting ideas."',
            "Hurdles",
            "challenges that slow schools from adopting ideas",
        ),
        # lower-case modifiers before the apposition's noun
        (
            "What the report calls accelerators, broad social and economic trends expected to push schools to "
            "change, were led by youth voice.",
            "Accelerators",
            "broad social and economic trends expected to push schools to change",
        ),
        # `defined in the report as`: the document between the verb and `as`
        (
            "Hurdles are defined in the report as challenges that impede adoption in schools.",
            "Hurdles",
            "challenges that impede adoption in schools",
        ),
        # a category mid-sentence, a colon, a definition noun with its clause
        (
            "Since 2024 the report has also identified bridges: cross-cutting themes that link the three lists.",
            "Bridges",
            "cross-cutting themes that link the three lists",
        ),
    ],
)
def test_definition_patterns(nlp: Language, profile: Profile, text: str, term: str, definition: str) -> None:
    hits = find_definitions(analyse(nlp, text), profile)
    assert [(h.term, h.definition) for h in hits] == [(term, definition)]


def test_glosses_between_emoji_bullets_on_one_line(nlp: Language, profile: Profile) -> None:
    text = "🔹 Hurdles = what's blocking innovation 🔹 Accelerators = the megatrends pushing it forward 🔹 Bridges = big ideas"
    hits = find_definitions(analyse(nlp, text), profile)
    assert [(h.term, h.definition) for h in hits] == [
        ("Hurdles", "what's blocking innovation"),
        ("Accelerators", "the megatrends pushing it forward"),
        ("Bridges", "big ideas"),
    ]


def test_bracketed_glosses_in_a_sentence_that_goes_on_after_a_dash(nlp: Language, profile: Profile) -> None:
    text = (
        "The report has Hurdles (obstacles that slow us), Accelerators (trends that speed up change) and "
        "Tech Enablers (technologies that help districts respond) — plus unranked Bridges."
    )
    hits = find_definitions(analyse(nlp, text), profile)
    assert [(h.term, h.definition) for h in hits] == [
        ("Hurdles", "obstacles that slow us"),
        ("Accelerators", "trends that speed up change"),
        ("Tech Enablers", "technologies that help districts respond"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "It refers to something mentioned earlier in the article.",  # pronoun subject
        "The report stresses that retention is not merely an HR issue — it is foundational.",  # mid-sentence dash
        "It starts with the ‘why’ (Hurdles).",  # bracket holds the term, not a gloss
        "Generative Artificial Intelligence (Gen AI) is changing schools.",  # acronym, not a gloss
        "| Hurdle: Budget Cliffs *(returning)* | Hurdle: Home Connectivity |",  # labelled titles in a table row
        "Reply: https://example.org/postreply?MessageKey=a81c0e6d&ListKey=4d2e",  # `=` inside a URL
        "Districts may buy laptops, tablets, or phones for their students.",  # `, or` in a list: no verb after
        "You will see it in the hurdles, which are about money, safety and access.",  # what they concern
        "Ask the principal, or the superintendent, whether it is allowed.",  # `, or …,` then no verb
        "The hurdles are the things during the year we cannot change.",  # `during` is no participle
        "Boring is what makes everything else work.",  # a free relative glosses a category or a topic only
        "On the hurdle side, the board warns that attackers now use AI to write phishing mail.",  # a clause
        "The report names its Tech Enablers and Bridges, the latest edition of a long series.",  # a list, no gloss
        "Ybarra called this the hurdle “under every other hurdle.” It is.",  # something else named, a phrase
        "The two bridges — community trust and sustainable funding — received less attention.",  # its members
        "We discussed the hurdles: it was a long meeting.",  # a colon, then a sentence of its own
        "The bridges, added to the framework in 2024, are few.",  # a participle phrase, no modified noun
        "It names hurdles, accelerators and tech enablers impacting education.",  # a list, not an apposition
        "The board picked three hurdles: funding cliffs, staff shortages and aging devices.",  # a colon, then items
    ],
)
def test_definition_negatives(nlp: Language, profile: Profile, text: str) -> None:
    assert find_definitions(analyse(nlp, text), profile) == []


def test_list_items_under_a_category_intro_are_ranked_topics(nlp: Language, profile: Profile) -> None:
    text = (
        "The top three hurdles for 2024 are:\n\n"
        "  • Staffing Shortages: Hiring is hard.\n  • Cybersecurity: Threats grow.\n\nAn unrelated paragraph here."
    )
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.rank, h.title, h.description) for h in hits] == [
        ("hurdle", 1, "Staffing Shortages", "Hiring is hard."),
        ("hurdle", 2, "Cybersecurity", "Threats grow."),
    ]


def test_prose_cue_gives_topic_with_status(nlp: Language, profile: Profile) -> None:
    text = "New to the Hurdles list in 2026, critical media literacy reflects rising concern about deepfakes."
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title, h.status) for h in hits] == [("hurdle", "critical media literacy", "new")]


PROSE_ARTICLE = """Despite persistent challenges, several forces are pushing districts forward.

Leadership development emerges as a cornerstone of progress. Coaching matters.

Students are increasingly positioned as designers and problem-solvers.

Portfolio assessment is gaining ground in many states.

New to the Accelerators list, learner agency reflects a shift in roles.

Dashboards can expose equity gaps early.
"""


def test_prose_section_keeps_its_cue_topics_and_fills_the_rest_in_order(nlp: Language, profile: Profile) -> None:
    hits = find_topics(analyse(nlp, PROSE_ARTICLE), profile)
    assert [(h.category, h.rank, h.title, h.status) for h in hits] == [
        ("accelerator", 1, "Leadership development", None),
        ("accelerator", 2, "Portfolio assessment", None),  # "Students are…" is an actor, not a topic
        ("accelerator", 3, "learner agency", "new"),  # "Dashboards…" would be a fourth of three
    ]
    assert {h.rule for h in hits} == {"topic.prose_subject", "topic.status"}


def test_a_counted_cue_sets_the_section_size(nlp: Language, profile: Profile) -> None:
    text = (
        "Two technology categories stand out.\n\nCloud platforms are everywhere.\n\nRobotics is rising.\n\nVR is back."
    )
    assert [h.title for h in find_topics(analyse(nlp, text), profile)] == ["Cloud platforms", "Robotics"]


@pytest.mark.parametrize(
    "text",
    [
        # a sentence naming several categories introduces the report, not a section
        "Each year the board selects the top Hurdles, Accelerators and Tech Enablers.\n\nReaders will find each topic.",
        # no section cue: a paragraph opening with a subject is just prose
        "Cybersecurity has moved to the front line.\n\nStaffing shortages remain stubborn.",
        # openers and generic actors are not subjects
        "Three accelerators stand out.\n\nFrom ransomware to phishing, threats grow.\n\nThe report argues for agency.",
    ],
)
def test_prose_without_a_section_or_subject_gives_no_topics(nlp: Language, profile: Profile, text: str) -> None:
    assert find_topics(analyse(nlp, text), profile) == []


def test_lower_case_items_after_a_ranked_category_phrase(nlp: Language, profile: Profile) -> None:
    text = (
        "The top three hurdles for 2024 include attracting and retaining educators and IT professionals, "
        "ensuring cybersecurity and safety online, and scaling innovation."
    )
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.rank, h.title) for h in hits] == [
        ("hurdle", 1, "attracting and retaining educators and IT professionals"),
        ("hurdle", 2, "ensuring cybersecurity and safety online"),
        ("hurdle", 3, "scaling innovation"),
    ]
    assert {h.rule for h in hits} == {"topic.clause_enumeration"}


@pytest.mark.parametrize(
    ("text", "category", "titles"),
    [
        (
            "Bridges: This section looks at key themes. For 2026, Ethical Framework & Trust as Non-negotiables, "
            "Equity & Access Are Key, and Cultural Change > Technical Change were all areas of interest.",
            "bridge",
            [
                "Ethical Framework & Trust as Non-negotiables",
                "Equity & Access Are Key",
                "Cultural Change > Technical Change",
            ],
        ),
        (
            "The 2027 Accelerators are Building the Human Capacity of Leaders, Portraits of a Graduate and Learner Agency.",
            "accelerator",
            ["Building the Human Capacity of Leaders", "Portraits of a Graduate", "Learner Agency"],
        ),
        # a short aside between the verb and the items
        (
            "This year's top hurdles are, in order, Staff Capacity Gaps, Fragmented Data Systems and Aging Devices.",
            "hurdle",
            ["Staff Capacity Gaps", "Fragmented Data Systems", "Aging Devices"],
        ),
        # a gloss set off by spaced hyphens between the category and its verb
        (
            "The board's three enablers - tools that help schools clear the hurdles - are AI Tutors, "
            "Credential Wallets and Identity Management.",
            "tech_enabler",
            ["AI Tutors", "Credential Wallets", "Identity Management"],
        ),
    ],
)
def test_enumerated_topics_after_a_category(
    nlp: Language, profile: Profile, text: str, category: str, titles: list
) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title, h.rank) for h in hits] == [(category, t, i) for i, t in enumerate(titles, 1)]
    assert all(h.rule == "topic.enumeration" for h in hits)


@pytest.mark.parametrize(
    "text",
    [
        "The Hurdles span staffing, cybersecurity, and scaling innovation across systems.",  # not title case
        "The report ranks Hurdles, Accelerators, and Tech Enablers every year.",  # the categories themselves
        "Districts in Ohio, Texas, and Maine joined the pilot this year.",  # no category named
        "The top hurdles are real, they are persistent, and they are expensive.",  # clauses, not items
        "Hurdles include staffing, cybersecurity, and funding, the board said.",  # no ranking cue: passing mention
    ],
)
def test_enumerations_that_are_not_topic_lists(nlp: Language, profile: Profile, text: str) -> None:
    assert find_topics(analyse(nlp, text), profile) == []


def test_numbered_topic_headings_give_rank_and_a_title_without_the_number(nlp: Language, profile: Profile) -> None:
    text = "# Report\n\n## Top Hurdles\n\n### 2. Ensuring Cybersecurity\n\nText.\n\n### 1. Attracting Staff\n\nMore."
    parsed = parse_text(text.encode(), markdown=True)
    hits = find_topics([SegmentDoc(s, nlp(s.text)) for s in parsed.body], profile)
    assert [(h.rank, h.title, parsed.text[slice(*h.spans[0])]) for h in hits] == [
        (2, "Ensuring Cybersecurity", "Ensuring Cybersecurity"),
        (1, "Attracting Staff", "Attracting Staff"),
    ]


def test_dash_titled_list_items_take_title_and_status(nlp: Language, profile: Profile) -> None:
    text = (
        "Hurdles\n\n- Ensuring Cybersecurity — protecting systems as threats multiply\n"
        "- Critical Media Literacy — new this year, as synthetic media spreads"
    )
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.title, h.rank, h.status, h.description) for h in hits] == [
        ("Ensuring Cybersecurity", 1, None, "protecting systems as threats multiply"),
        ("Critical Media Literacy", 2, "new", "new this year, as synthetic media spreads"),
    ]


def test_topic_mentioned_in_passing_is_not_a_topic(nlp: Language, profile: Profile) -> None:
    text = "The report covers hurdles and accelerators, and it mentions cybersecurity along the way."
    assert find_topics(analyse(nlp, text), profile) == []


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("CoSN released Driving K–12 Innovation 2026: Hurdles and more.", None, 2026),
        ("CoSN has released its 2024 global Driving K-12 Innovation report.", None, 2024),
        ("An article with no edition cue at all.", "2025-03-01", 2025),
        ("An article with no edition cue at all.", None, None),
    ],
)
def test_edition(nlp: Language, profile: Profile, text: str, published, expected) -> None:
    assert detect_edition(analyse(nlp, text), None, published, profile) == expected


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        # a date in the name is no edition: the text's `2028 … report` decides
        ("bulletin-2027-12.html", "CoSN released the topics for its 2028 Driving K-12 Innovation report.", 2028),
        # a year without a month in the name still votes
        ("2031_Driving-K12-Innovation-Report-V19.pdf", "The advisory panel met four times this year.", 2031),
        # nothing else to go by: the name's date is the last resort, December announcing the coming year
        ("digest-2029-12-11.txt", "The panel previewed next year's list on Tuesday.", 2030),
        ("digest-2031-03-19.txt", "Members traded notes on the list all week.", 2031),
        # the name's date votes with the text: this year's hurdle outweighs a proposal for next year's edition
        (
            "oped-2036-03-04.txt",
            "The top hurdle for 2036 is burnout. Here is my proposal for the 2037 edition: an audit.",
            2036,
        ),
    ],
)
def test_edition_from_a_file_name(nlp: Language, profile: Profile, name: str, text: str, expected: int) -> None:
    assert detect_edition(analyse(nlp, text), None, None, profile, name) == expected


def test_a_definition_repeated_with_other_punctuation_is_one_record(nlp: Language, profile: Profile) -> None:
    """Both lines have the same record id, so they must merge, not yield two records sharing an id."""
    text = "Hurdles — barriers districts must overcome\n\nHurdles — barriers, districts must overcome"
    hits = find_definitions(analyse(nlp, text), profile)
    assert len(hits) == 1 and len(hits[0].spans) == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a row label names the category; rows under it with an empty label cell keep it
        (
            "| Category | Topic |\n|---|---|\n| **Hurdles** | Policy Lag |\n| | Procurement Complexity |\n"
            "| **Accelerators** | Mastery-Based Progression |\n",
            [
                ("hurdle", "Policy Lag"),
                ("hurdle", "Procurement Complexity"),
                ("accelerator", "Mastery-Based Progression"),
            ],
        ),
        # header cells name the categories: each column holds its category's topics
        (
            "| Hurdles | Tech Enablers |\n|---|---|\n| Staffing Shortages | Zero Trust Security |\n"
            "| Aging Buildings | Open Credentials |\n",
            [
                ("hurdle", "Staffing Shortages"),
                ("tech_enabler", "Zero Trust Security"),
                ("hurdle", "Aging Buildings"),
                ("tech_enabler", "Open Credentials"),
            ],
        ),
        # columns headed by years: the earlier year's column is left out
        (
            "| Category | 2033 report | 2034 report |\n|---|---|---|\n| Hurdle #1 | Teacher Shortages | Teacher "
            "Shortages |\n| Hurdle #2 | Rising Connectivity Costs | Funding Cliffs |\n",
            [("hurdle", "Teacher Shortages"), ("hurdle", "Funding Cliffs")],
        ),
        # cells that carry their own label; the column about last year's edition is left out
        (
            "| This year | Last year |\n|---|---|\n| **Hurdle:** Teacher Time | **Hurdle:** Device Refresh |\n",
            [("hurdle", "Teacher Time")],
        ),
        # the category cell after the title, a rank before it, a note after it
        (
            "| # | Topic | Category | Relevance |\n|---|---|---|---|\n| 1 | Infrastructure Debt | Hurdle | High — Goal 1 |\n"
            "| 1 | Durable Skills | Accelerator | Medium |\n| – | Data Stewardship | Bridge | High |\n",
            [("hurdle", "Infrastructure Debt"), ("accelerator", "Durable Skills"), ("bridge", "Data Stewardship")],
        ),
        # a table inside a category's section: the first cell is the title, the rest describe it
        (
            "## Hurdles\n\n| Topic | What it means |\n|---|---|\n| Funding Cliffs | Grants ending at once. |\n",
            [("hurdle", "Funding Cliffs")],
        ),
    ],
)
def test_table_rows_give_topics(nlp: Language, profile: Profile, text: str, expected: list) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == expected
    assert {h.rule for h in hits} == {"topic.table_cell"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the subject, a placement verb, the list of a category
        ("Teacher burnout tops the list of hurdles for 2031.", [("hurdle", "Teacher burnout")]),
        # an aside between the subject and the verb; a rank and a possessive before the list
        (
            "Chronic absenteeism, her district's daily struggle, sits second on this year's list of hurdles.",
            [("hurdle", "Chronic absenteeism")],
        ),
        # the placed subject of a clause inside the sentence
        (
            "He was skeptical when AI teaching assistants landed on this year's list of tech enablers.",
            [("tech_enabler", "AI teaching assistants")],
        ),
        # an adverb before the verb, a link right after it
        ("Digital twins also appear among the accelerators.", [("accelerator", "Digital twins")]),
        # the verb in a relative clause after the subject
        (
            "Workforce readiness, which ranks first among the accelerators, reflects pressure from employers.",
            [("accelerator", "Workforce readiness")],
        ),
        # an earlier edition's list
        ("Last year, cybersecurity topped the list of hurdles.", []),
        # `top` as an adjective before a count
        ("The advisory board's top three hurdles for 2032 are all about capacity.", []),
        # a demonstrative, a pronoun, a category word as the subject
        ("That concern tops the list of hurdles.", []),
        ("It tops the list of hurdles.", []),
        ("The accelerators made the list of hurdles look small.", []),
    ],
)
def test_a_subject_placed_on_a_category_list_is_a_topic(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ranked `as` the category after a naming verb, a clause after the category
        (
            "The report ranks Cybersecurity Staffing Gaps as the number one hurdle facing districts this year.",
            [("hurdle", "Cybersecurity Staffing Gaps")],
        ),
        # the subject, a copula, then the ranked category
        ("Generative AI Copilots is the top accelerator this year.", [("accelerator", "Generative AI Copilots")]),
        # a lower-case subject of a clause inside the sentence, before the copula and the ranked category
        ("She said that staff turnover is the top hurdle in her district.", [("hurdle", "staff turnover")]),
        # after a comma there is no subject of its own
        ("In short, money is the biggest hurdle for us.", []),
        # the ranked category, then the title in an apposition
        (
            "The top hurdle, Workforce Shortages, is a broader version of last year's.",
            [("hurdle", "Workforce Shortages")],
        ),
        # the capitalized subject, then its verb, then `as one of` the category
        (
            "Zero Trust Architecture appears in the 2027 report as one of the year's tech enablers.",
            [("tech_enabler", "Zero Trust Architecture")],
        ),
        ("The District appears in the report as one of the tech enablers.", []),  # a determiner: no title
        # one member after `Among the … is`
        (
            "Among the tech enablers is adaptive assessment, which many families have seen.",
            [("tech_enabler", "adaptive assessment")],
        ),
        # a copula far from the category belongs to another clause
        ("The report lists AI Copilots among its tech enablers, and said the company is working on guidance.", []),
        # one capital at a sentence's start, an aside, a pronoun: no title
        ("Funding is the biggest hurdle for us.", []),
        ("The biggest hurdle, in my view, is money.", []),
        ("It is the top hurdle.", []),
        # an aside after the verb with no items after it
        ("The hurdles are, frankly, familiar to anyone in a district office these days.", []),
    ],
)
def test_one_topic_named_with_a_ranked_singular_category(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # counted categories in one sentence, each with its lower-case items, semicolons between them
        (
            "The report identifies three hurdles, rising cyber threats, teacher shortfalls and funding instability; "
            "two accelerators, AI-ready learners and student well-being; and two bridges, community trust and "
            "digital citizenship, which the panel describes as themes that tie the categories together.",
            [
                ("hurdle", "rising cyber threats"),
                ("hurdle", "teacher shortfalls"),
                ("hurdle", "funding instability"),
                ("accelerator", "AI-ready learners"),
                ("accelerator", "student well-being"),
                ("bridge", "community trust"),
                ("bridge", "digital citizenship"),
            ],
        ),
        # a short adverbial, then an apposition, between the counted category and its verb
        (
            'The two "bridges" this year, the report\'s cross-cutting themes that link all three lists, are '
            "Digital Citizenship and Resilience Planning.",
            [("bridge", "Digital Citizenship"), ("bridge", "Resilience Planning")],
        ),
        # counts with no items after them
        ("It identifies three hurdles that block progress in rural districts and three accelerators.", []),
    ],
)
def test_counted_categories_each_with_lower_case_items(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == expected


def test_a_clause_after_a_lists_last_member_is_about_the_category(nlp: Language, profile: Profile) -> None:
    text = (
        "The report names two hurdles, rising cyber threats and funding instability; and two bridges, community "
        "trust and digital citizenship, which the panel describes as themes that tie the categories together."
    )
    topics = find_topics(analyse(nlp, text), profile)
    titles = frozenset(t.title.lower() for t in topics)
    hits = find_definitions(analyse(nlp, text), profile, topic_titles=titles)
    assert [(h.term, h.definition) for h in hits] == [("Bridges", "themes that tie the categories together")]


@pytest.mark.parametrize(
    ("headings", "expected"),
    [
        # an article before a capitalized word opens a title
        (["The Attention Economy", "Legacy System Sprawl"], ["The Attention Economy", "Legacy System Sprawl"]),
        # a heading that says what the district does about a topic: the title is before the colon
        (
            ["Attention economy: phone-free day pilot", "Legacy sprawl: 214 apps on the list"],
            ["Attention economy", "Legacy sprawl"],
        ),
        # a label, then the title after the colon
        (
            ["Hurdle 1: Funding Cliffs", "Hurdle 2: Staff Capacity"],
            ["Funding Cliffs", "Staff Capacity"],
        ),
    ],
)
def test_topic_headings_under_a_category_heading(
    nlp: Language, profile: Profile, headings: list, expected: list
) -> None:
    text = "## Hurdles\n\nObstacles that slow innovation in schools\n\n" + "".join(f"### {h}\n\n" for h in headings)
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == [("hurdle", t) for t in expected]


def test_a_category_line_with_a_bracketed_note_opens_its_list(nlp: Language, profile: Profile) -> None:
    html = (
        "<html><body><article><h3>The list at a glance</h3><p>Hurdles (what's slowing schools down)</p>"
        "<ol><li>Teacher burnout &amp; retention</li><li>Aging infrastructure</li></ol>"
        "<p>Accelerators (long-term trends pushing schools forward)</p><ul><li>Student voice</li></ul>"
        "<p>The board meets at six on Tuesday in the district's administration building downtown.</p>"
        "</article></body></html>"
    )
    segments = [SegmentDoc(s, nlp(s.text)) for s in parse_html(html.encode()).body]
    hits = find_topics(segments, profile)
    assert [(h.category, h.title) for h in hits] == [
        ("hurdle", "Teacher burnout & retention"),
        ("hurdle", "Aging infrastructure"),
        ("accelerator", "Student voice"),
    ]


def test_a_later_weaker_reading_of_a_topic_joins_it_whatever_its_context(nlp: Language, profile: Profile) -> None:
    text = (
        "The technology enablers, in order: Open Interoperability Standards, AI Tutors, and Passwordless "
        "Authentication.\n\nInterop at #1 is the antidote to hurdle #2. AI tutors are returning for a third "
        "straight year.\n\nPasswordless is new to the list, and some of you will cheer."
    )
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title, h.status) for h in hits] == [
        ("tech_enabler", "Open Interoperability Standards", None),
        ("tech_enabler", "AI Tutors", "returning"),
        ("tech_enabler", "Passwordless Authentication", "new"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the last word of exactly one topic of the category: that topic
        (
            "The tech enablers are Digital Identity Wallets, Resilient Networks and Edge AI.\n\n"
            "Since wallets made the enabler list, who runs one?",
            ["Digital Identity Wallets", "Resilient Networks", "Edge AI"],
        ),
        # the last word of two topics: a topic of its own, not a guess between them
        (
            "The tech enablers are Digital Identity Wallets, Resilient Networks and Mesh Networks.\n\n"
            "Since networks made the enabler list, who runs one?",
            ["Digital Identity Wallets", "Resilient Networks", "Mesh Networks", "networks"],
        ),
    ],
)
def test_a_one_word_reading_joins_the_one_topic_it_ends(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [h.title for h in hits] == expected


@pytest.mark.parametrize(
    "count",
    [
        "two",  # a number word
        "a pair of",  # a pair counts two
    ],
)
def test_a_counted_category_then_this_years_are_lists_its_members(nlp: Language, profile: Profile, count: str) -> None:
    text = f"The report also names {count} bridges, themes that cut across all three lists. This year's are AI literacy and community trust."
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == [("bridge", "AI literacy"), ("bridge", "community trust")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the report names members after a sentence about the category; an item ends at its relative clause
        (
            "Workforce readiness ranks first among the accelerators. The report also highlights learner agency "
            "— giving students a say — and a whole-child approach that treats belonging as academic.",
            [
                ("accelerator", "Workforce readiness"),
                ("accelerator", "learner agency"),
                ("accelerator", "whole-child approach"),
            ],
        ),
        # a member noun after `Among the` names the category; a `meaning` gloss is no item
        (
            "Among the tools, the panel singled out adaptive assessment, meaning tests that adapt, and digital "
            "credentials that travel.",
            [("tech_enabler", "adaptive assessment"), ("tech_enabler", "digital credentials")],
        ),
        # people other than the report or its panel name nothing for it
        ("Among the tools, teachers named laptops and tablets.", []),
        # a clause after the naming verb is no item
        ("The accelerators matter. The report also highlights how districts can respond.", []),
    ],
)
def test_the_report_naming_members_of_the_category_in_context(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a placing phrase with the category, its verb, then the topic
        ("At the top of the hurdles list sits teacher burnout.", [("hurdle", "teacher burnout")]),
        ("Rounding out the tech enablers is Edge AI.", [("tech_enabler", "Edge AI")]),
        # two topics, an aside after the first, an apposition after the last
        (
            "Behind burnout on the hurdles list came data silos — the panel's shorthand for apps that do not "
            "talk — and, in third place, what the report calls the funding cliff, the squeeze of ending grants.",
            [("hurdle", "data silos"), ("hurdle", "funding cliff")],
        ),
        # a clause of its own before the category
        ("At the meeting, the hurdles were discussed at length.", []),
        # a determiner opens a subject, not a placing phrase
        ("The hurdles list is long.", []),
    ],
)
def test_a_placing_phrase_before_its_verb_names_the_topics_after_it(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == expected


def markdown(nlp: Language, text: str) -> list[SegmentDoc]:
    return [SegmentDoc(s, nlp(s.text)) for s in parse_text(text.encode(), markdown=True).body]


def test_a_feature_names_topics_in_ranked_prose_numbered_headings_and_headings_after_a_counted_cue(
    nlp: Language, profile: Profile
) -> None:
    text = (
        "# The Year Schools Stopped Waiting\n\n"
        # one topic after a singular verb, up to its apposition; then ranks in the sentences after it
        "At the top of this year's hurdle list is keeping pace with autonomous software, the panel's shorthand "
        "for agents that schedule, draft and message. Ranked second is staff capacity and burnout, back for a "
        "second year. Third is making sense of learning evidence, a newcomer.\n\n"
        # `Category No. N: Title` headings; a description naming the category again adds nothing
        "## Accelerator No. 1: Student-Created Media\n\nStudents producing podcasts topped the accelerator list.\n\n"
        "## Accelerator No. 2: Regional Data Cooperatives\n\nSmall districts are pooling staff.\n\n"
        # the third, named in an ordinal apposition in the prose under the headings
        "The third accelerator, learning beyond the bell, captures after-school programs.\n\n"
        # a counted cue, its anchors in a quotation aside, then one heading per member
        "## The tools that help\n\nThe three technology enablers are, in the report's words, the pieces that "
        "“make the accelerators easier to reach and the hurdles easier to clear.”\n\n"
        "## Verified Content Provenance\n\nSigned metadata.\n\n## Low-Bandwidth Immersive Labs\n\nOld laptops.\n\n"
        "## Interoperable Skills Wallets\n\nRecords that move.\n\n"
        # a counted category with its lower-case members in an apposition ends the enablers' headings
        "The two bridges, community trust and sustainable funding models, received less attention.\n\n"
        "## Not a shopping list\n\n“It is a map. If a district decides its own top hurdle is something we ranked "
        "ninth, that is a good outcome,” Whitcomb said.\n"
    )
    hits = find_topics(markdown(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == [
        ("hurdle", "keeping pace with autonomous software"),
        ("hurdle", "staff capacity and burnout"),
        ("hurdle", "making sense of learning evidence"),
        ("accelerator", "Student-Created Media"),
        ("accelerator", "Regional Data Cooperatives"),
        ("accelerator", "learning beyond the bell"),
        ("tech_enabler", "Verified Content Provenance"),
        ("tech_enabler", "Low-Bandwidth Immersive Labs"),
        ("tech_enabler", "Interoperable Skills Wallets"),
        ("bridge", "community trust"),
        ("bridge", "sustainable funding models"),
    ]
    assert [h.rank for h in hits if h.category == "accelerator"][:2] == [1, 2]


def test_run_in_headings_under_a_category_heading_are_its_topics(nlp: Language, profile: Profile) -> None:
    text = (
        "## Hurdles\n\nThe report defines hurdles as challenges that impede adoption.\n\n"
        # a run-in heading set as a line of its own, with its full stop, then its description
        "Procurement Built for a Slower Era.\n\nPurchasing rules written for textbooks do not fit software.\n\n"
        # run-in headings in the paragraph; a colon later in the description does not move the split
        "Attention and Well-Being. Concern about notifications returns to the list.\n\n"
        "Legacy Data Silos. Systems rarely talk: each has its own owner.\n\n"
        # the category's gloss as a label line under its own heading keeps the heading's section
        "## Accelerators\n\nAccelerators — megatrends likely to drive innovation — are where the report is hopeful.\n\n"
        "Competency-Based Progressions.\n\nStates move away from seat time.\n\n"
        "Generative Media in the Classroom.\n\nNew to the list this year, this accelerator reflects new tools.\n\n"
        "Edge Networks for Rural Schools.\n\nLocal caching for schools with limited bandwidth.\n"
    )
    hits = find_topics(markdown(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == [
        ("hurdle", "Procurement Built for a Slower Era"),
        ("hurdle", "Attention and Well-Being"),
        ("hurdle", "Legacy Data Silos"),
        ("accelerator", "Competency-Based Progressions"),
        ("accelerator", "Generative Media in the Classroom"),
        ("accelerator", "Edge Networks for Rural Schools"),
    ]


def test_page_numbers_and_footnotes_between_items_leave_the_list_whole(nlp: Language, profile: Profile) -> None:
    text = (
        "## Hurdles\n\nHurdles are challenges that impede adoption. The 2027 panel identified three:\n\n"
        "¹The 2027 panel included 124 members.\n\n1\n\n"  # a footnote and a folio at a page break
        "- Fragile Funding Streams. Grants end.\n- Staff Shortages. Fewer applicants.\n"
    )
    hits = find_topics(markdown(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == [
        ("hurdle", "Fragile Funding Streams"),
        ("hurdle", "Staff Shortages"),
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a loose name of the category, the category in brackets: the items after it are its own
        ("🚧 The 3 big barriers (CoSN calls them Hurdles: the things in the way)", "hurdle"),
        ('🚀 What\'s speeding things up (the "accelerators")', "accelerator"),
        ("🛠️ The tech that helps (officially: Tech Enablers)", "tech_enabler"),
        # an item tagged with its category introduces nothing (alone, outside a list, it is no topic either)
        ("• Total cost of ownership pressures (hurdle)", None),
    ],
)
def test_a_line_naming_its_category_in_brackets_introduces_the_items_after_it(
    nlp: Language, profile: Profile, line: str, expected: str | None
) -> None:
    text = f"{line}\n• Security Fatigue\n• Aging Infrastructure Debt\n"
    hits = find_topics(analyse(nlp, text), profile)
    if expected is None:
        assert hits == []
    else:
        assert [(h.category, h.title) for h in hits] == [
            (expected, "Security Fatigue"),
            (expected, "Aging Infrastructure Debt"),
        ]


def test_bold_run_in_heads_nested_items_and_a_singular_label_give_topics(nlp: Language, profile: Profile) -> None:
    text = (
        "## The hurdles: three of them, and we only talked about two\n\n"
        "The panel named three hurdles. I missed the third one.\n\n"
        # bold run-in heads in sentence case, one with an article
        "**Fragmented identity management.** Hannah described nine sign-ons.\n\n"
        "**The assessment lag.** Marcus took this one. His point: instruction has changed.\n\n"
        "## The slide\n\n"
        # a bulleted label with its gloss, its items nested under it
        "- Accelerators = the big, long-term trends pushing schools to change\n"
        "  - Learner agency at scale\n  - Climate-ready schools\n"
        # a singular label and its one item in sentence case
        "- Bridge: Trust by design\n\n"
        # a quoted title after a singular category ends at its closing mark
        'A commenter wrote that the third hurdle was "Sustaining Innovation Through Budget Cliffs" I think.\n'
    )
    hits = find_topics(markdown(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == [
        ("hurdle", "Fragmented identity management"),
        ("hurdle", "The assessment lag"),
        ("accelerator", "Learner agency at scale"),
        ("accelerator", "Climate-ready schools"),
        ("bridge", "Trust by design"),
        ("hurdle", "Sustaining Innovation Through Budget Cliffs"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a phrase at a marked rank, in a sentence naming the category; `No.` ends no sentence
        (
            "The hurdles this year put cybersecurity at No. 1 and staffing at No. 2.",
            [("hurdle", "cybersecurity", 1), ("hurdle", "staffing", 2)],
        ),
        # a spelled rank after the sentence naming the category; a hyphenated phrase stays whole
        (
            "Let's move to the accelerators. But community-owned broadband at number three surprised me.",
            [("accelerator", "community-owned broadband", 3)],
        ),
        # `The top one, X,` after the category
        (
            "Let's move to the accelerators. The top one, lifelong learner records, we saw coming.",
            [("accelerator", "lifelong learner records", None)],
        ),
        # a year is no rank, and a quantity before a rank is no topic
        ("The bridges were introduced in 2024 by the panel.", []),
        (
            "Sustained Funding moves to the top of the Hurdles list after two years at No. 2.",
            [("hurdle", "Sustained Funding", 1)],
        ),
    ],
)
def test_a_phrase_at_a_marked_rank_is_a_topic(nlp: Language, profile: Profile, text: str, expected: list) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title, h.rank) for h in hits] == expected


def test_a_short_question_naming_a_category_sets_it_for_the_answer(nlp: Language, profile: Profile) -> None:
    text = "Q: And the enablers?\n\nA: The cheap one, community-owned broadband at number three, surprised me.\n"
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == [("tech_enabler", "community-owned broadband")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # quoted titles: nothing inside the marks parts them, the comma the closing mark encloses ends the aside
        (
            'The second and third hurdles, "Deferred Digital Maintenance" and "Vendor Consolidation and Lock-In," '
            "are also honest.",
            [("hurdle", "Deferred Digital Maintenance"), ("hurdle", "Vendor Consolidation and Lock-In")],
        ),
        # a place on a list, one quoted title, then its apposition with a relative clause
        (
            'Further down the list of enablers is "Emotion-Aware Tutoring," software that reads a face and voice '
            "to decide whether she is bored.",
            [("tech_enabler", "Emotion-Aware Tutoring")],
        ),
        # the same shape with three titles is a list
        (
            "The hurdle list is Funding Cliffs, Staff Burnout and Aging Devices.",
            [("hurdle", "Funding Cliffs"), ("hurdle", "Staff Burnout"), ("hurdle", "Aging Devices")],
        ),
        # `something …` names no topic; `calls it "X"` in the next sentence does
        (
            "The top hurdle for 2036 is something teachers have shouted about for years. The panel calls it "
            '"Cognitive Offloading," which is a costly way of saying it.',
            [("hurdle", "Cognitive Offloading")],
        ),
        # a category as predicate: no list
        ("Every hurdle on the list is a people or policy problem, not a technology one.", []),
    ],
)
def test_quoted_titles_and_their_appositions(nlp: Language, profile: Profile, text: str, expected: list) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a rank, a singular category and a colon: a fact-box line with one member in sentence case
        ("Top accelerator: youth voice in design.", [("accelerator", "youth voice in design")]),
        # the category, an aside, a placement verb with its agent: the first member
        (
            "What the report calls accelerators, broad trends expected to push schools, were led by youth voice "
            "in design, the idea that students should help.",
            [("accelerator", "youth voice in design")],
        ),
        # lower-case members before `rounded out the list`, split into two of a size
        (
            "The accelerators were led by youth voice. Climate and sustainability education and interdisciplinary "
            "problem solving rounded out the list.",
            [
                ("accelerator", "youth voice"),
                ("accelerator", "Climate and sustainability education"),
                ("accelerator", "interdisciplinary problem solving"),
            ],
        ),
        # `Among the <member noun> <clause>, it singled out X`: the panel named before the pronoun
        (
            "Among the technologies the panel expects to help, it singled out explainable AI dashboards, which show "
            "teachers why.",
            [("tech_enabler", "explainable AI dashboards")],
        ),
        # an earlier edition's category names nothing for this one
        ("Last year's top hurdle, the authenticity problem, is gone, dropped off the list entirely.", []),
    ],
)
def test_fact_box_lines_passive_leads_and_earlier_lists(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == expected


@pytest.mark.parametrize(
    ("intro", "more"),
    [
        ("A few observations:", []),  # remarks after the list: it has ended
        ("The panel's top picks are:", ["Mesh Networks"]),  # a ranked intro under the heading goes on
    ],
)
def test_a_line_announcing_remarks_after_the_items_ends_the_list(
    nlp: Language, profile: Profile, intro: str, more: list
) -> None:
    text = f"## TECH ENABLERS\n\n- Intelligent Scheduling\n- Zero-Trust Networks\n\n{intro}\n\n- Mesh Networks\n"
    hits = find_topics(markdown(nlp, text), profile)
    assert [h.title for h in hits] == ["Intelligent Scheduling", "Zero-Trust Networks", *more]


def test_a_kicker_over_a_heading_names_the_category_of_the_title_below_it(nlp: Language, profile: Profile) -> None:
    text = (
        "## Hurdles\n\nHurdles are challenges that make it harder to adopt new practices.\n\n"
        # a numbered kicker with a letter-spaced status, then the title's own heading
        "###### HURDLE 1 N E W\n\n#### Erosion of Public Trust\n\n###### Why it matters\n\nConfidence fell.\n\n"
        "###### HURDLE 2\n\n#### Legacy System Debt\n\n###### Why it matters\n\nOld systems.\n\n"
        # a kicker without a number
        "## Bridges\n\n###### BRIDGE\n\n#### Ethical Use of AI\n\nFairness questions.\n"
    )
    hits = find_topics(markdown(nlp, text), profile)
    assert [(h.category, h.title, h.rank) for h in hits] == [
        ("hurdle", "Erosion of Public Trust", 1),
        ("hurdle", "Legacy System Debt", 2),
        ("bridge", "Ethical Use of AI", None),
    ]


@pytest.mark.parametrize(
    ("line", "titles"),
    [
        # two titles of two words or more, one `&` between them
        ("- Bridges: Digital Citizenship & Professional Learning", ["Digital Citizenship", "Professional Learning"]),
        # one word before the `&`: one title
        ("- Bridges: Scaling & Sustaining Innovation", ["Scaling & Sustaining Innovation"]),
    ],
)
def test_a_plural_label_with_one_conjunction_between_two_titles_names_both(
    nlp: Language, profile: Profile, line: str, titles: list
) -> None:
    hits = find_topics(analyse(nlp, line), profile)
    assert [h.title for h in hits] == titles


def test_a_news_lede_ranks_topics_in_running_prose(nlp: Language, profile: Profile) -> None:
    text = (
        # the subject ranked `as the No. 1 hurdle`; the next sentence's subject placed second, and the one after
        "Educator burnout and staffing gaps rank as the No. 1 hurdle to innovation in schools this year. Cyber "
        "threats to learning continuity came in second, followed by the lack of sustainable funding.\n\n"
        # a list with an adverbial after its last item
        "The top accelerators are AI-ready learning design, student agency and community partnerships, in that "
        "order.\n\n"
        # a rank word that is no placing: an aside, no list
        "The third hurdle is quieter but, one director thinks, more dangerous.\n"
    )
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == [
        ("hurdle", "Educator burnout and staffing gaps"),
        ("hurdle", "Cyber threats to learning continuity"),
        ("hurdle", "lack of sustainable funding"),
        ("accelerator", "AI-ready learning design"),
        ("accelerator", "student agency"),
        ("accelerator", "community partnerships"),
    ]


def test_a_countdown_of_headings_tagged_with_their_categories(nlp: Language, profile: Profile) -> None:
    text = (
        "# 10 Forces That Will Shape K-12 Innovation in 2030\n\n"
        "## 10. Immersive Learning Spaces (Tech Enabler)\n\nThe panel's No. 3 tech enabler covers headsets.\n\n"
        # the description names the category with a predicate: no topic of its own
        "## 9. Digital Distraction (Hurdle)\n\nRanked third among hurdles, digital distraction is the flip side "
        "of a decade of devices.\n\n"
        "## 7. Trusted Partnerships (Bridge)\n\nThis year's lone bridge asks districts to share.\n"
    )
    hits = find_topics(markdown(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == [
        ("tech_enabler", "Immersive Learning Spaces"),
        ("hurdle", "Digital Distraction"),
        ("bridge", "Trusted Partnerships"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dash aside inside the list, `something the report labels "Y,"` and an apposition after the last item
        (
            "After teacher shortages, the panel's hurdles included the rising cost of connectivity -- the bills "
            'districts pay for broadband -- and something the report labels "screen-time backlash," the growing '
            "push from parents to limit devices.",
            [("hurdle", "rising cost of connectivity"), ("hurdle", "screen-time backlash")],
        ),
        # the report names one member in context, then an apposition without a conjunction
        (
            "The tech enablers matter. The panel also highlighted cloud-native platforms, software built to run "
            "entirely online.",
            [("tech_enabler", "cloud-native platforms")],
        ),
    ],
)
def test_an_apposition_after_a_lists_last_item_is_no_item(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == expected


def test_counted_words_after_a_label_are_no_topics(nlp: Language, profile: Profile) -> None:
    hits = find_topics(analyse(nlp, "Accelerators: one great, one fuzzy, one overdue"), profile)
    assert hits == []


def test_a_table_without_categories_outside_a_section_gives_no_topics(nlp: Language, profile: Profile) -> None:
    text = "| Date | Event |\n|---|---|\n| May 9 | Filing Window Closes |\n| July 14 | Summer Institute |\n"
    assert find_topics(analyse(nlp, text), profile) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # lower-case items after dash labels, labels separated by `/`
        (
            "hurdles - funding cliffs, legacy systems and technical debt, screen time backlash / accelerators - "
            "competency-based learning, student-led inquiry, workforce-connected learning",
            [
                ("hurdle", "funding cliffs"),
                ("hurdle", "legacy systems and technical debt"),
                ("hurdle", "screen time backlash"),
                ("accelerator", "competency-based learning"),
                ("accelerator", "student-led inquiry"),
                ("accelerator", "workforce-connected learning"),
            ],
        ),
        # a singular label, then one title and its description
        (
            "* Accelerator: Learner Voice and Choice — students co-designing projects, schedules and assessments",
            [("accelerator", "Learner Voice and Choice")],
        ),
        # a counted category whose dash aside holds exactly that many items
        (
            "The report's three hurdles -- fragmented data systems, educator burnout, and keeping pace with AI "
            "policy -- are not eligible on their own.",
            [
                ("hurdle", "fragmented data systems"),
                ("hurdle", "educator burnout"),
                ("hurdle", "keeping pace with AI policy"),
            ],
        ),
        # a slogan with a comma stays one title
        (
            "This year there are two Bridges: Trust Is the Infrastructure and Design With, Not For.",
            [("bridge", "Trust Is the Infrastructure"), ("bridge", "Design With, Not For")],
        ),
    ],
)
def test_label_and_aside_lists(nlp: Language, profile: Profile, text: str, expected: list) -> None:
    assert [(h.category, h.title) for h in find_topics(analyse(nlp, text), profile)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a gloss after a dash label is a definition, not a list
        ("Hurdles — the barriers that slow innovation, from budgets to staffing", []),
        # two lower-case phrases are too few to tell a list from a gloss
        ("hurdles - tight budgets, old buildings", []),
    ],
)
def test_label_glosses_are_not_item_lists(nlp: Language, profile: Profile, text: str, expected: list) -> None:
    assert [(h.category, h.title) for h in find_topics(analyse(nlp, text), profile)] == expected


def test_title_case_names_in_a_category_sections_prose_are_its_topics(nlp: Language, profile: Profile) -> None:
    text = (
        "## This year's Hurdles\n\n"
        "Topping the Hurdles is Recruiting the Next Generation of Teachers, which climbed from fourth. "
        "Close behind is a newcomer, Cognitive Offloading and Over-Reliance on AI, which members described at length. "
        "“We argued about Cognitive Offloading for two sessions,” said board member Priya Natarajan-Cole. "
        "The Consortium for School Networking published Driving K-12 Innovation 2033 in March.\n\n"
        "## Accelerators\n\n"
        "Human Skills in an Automated World took the top spot, followed by Learning Anywhere, Student Wellness "
        "& Connection and Design for Every Learner, according to Dana Ortiz, chief technology officer.\n"
    )
    hits = find_topics(analyse(nlp, text), profile)
    assert [(h.category, h.title) for h in hits] == [
        ("hurdle", "Recruiting the Next Generation of Teachers"),
        ("hurdle", "Cognitive Offloading and Over-Reliance on AI"),
        ("accelerator", "Human Skills in an Automated World"),
        ("accelerator", "Learning Anywhere"),
        ("accelerator", "Student Wellness & Connection"),
        ("accelerator", "Design for Every Learner"),
    ]
    assert {h.rule for h in hits} == {"topic.title_case_mention"}


def test_title_case_names_outside_a_category_section_are_not_topics(nlp: Language, profile: Profile) -> None:
    text = "## Staff notes\n\nWe welcome Omar Kessel-Harrow and the Riverbend Regional Service Agency to Summer Institute.\n"
    assert find_topics(analyse(nlp, text), profile) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the category in the sentence before, a ranked count and a copula in this one; a lead-in dropped
        (
            "Let me give the hurdles their due. The top three are assessment systems out of step with learning, "
            "deepfakes and synthetic media, and what the report calls the Home Connectivity Affordability Gap.",
            [
                ("hurdle", "assessment systems out of step with learning"),
                ("hurdle", "deepfakes and synthetic media"),
                ("hurdle", "Home Connectivity Affordability Gap"),
            ],
        ),
        # title-case items open the sentence after the one naming their category
        (
            "Nor do I quarrel with the accelerators. Career-Connected Pathways, Rising Expectations for "
            "Personalization and Educator Professional Agency are, respectively, good ideas.",
            [
                ("accelerator", "Career-Connected Pathways"),
                ("accelerator", "Rising Expectations for Personalization"),
                ("accelerator", "Educator Professional Agency"),
            ],
        ),
        # one member named in an apposition
        (
            "The report also includes what it calls “bridges,” themes that run across its lists. One of them, "
            "Relationships Are the Real Infrastructure, is the best sentence in the document.",
            [("bridge", "Relationships Are the Real Infrastructure")],
        ),
        # a dash aside inside the list, and `along with` joining its items
        (
            "Among the tech enablers, the panel singled out agentic AI assistants -- software that can carry out "
            "tasks on a user's behalf -- along with privacy-preserving analytics and ubiquitous connectivity.",
            [
                ("tech_enabler", "agentic AI assistants"),
                ("tech_enabler", "privacy-preserving analytics"),
                ("tech_enabler", "ubiquitous connectivity"),
            ],
        ),
        # the count given with the category, the items after `they are` in the next sentence
        (
            'The panel also named two "bridges," a category added in 2024. For 2030 they are keeping humans in '
            "the loop and designing for equity from the start.",
            [("bridge", "keeping humans in the loop"), ("bridge", "designing for equity from the start")],
        ),
    ],
)
def test_lists_whose_category_is_named_in_the_sentence_before(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    assert [(h.category, h.title) for h in find_topics(analyse(nlp, text), profile)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The report covers hurdles. Smith, Jones and Lee are the authors.",  # names: one word each
        "Hurdles matter. One of them, as everyone knows, is money.",  # no title-case apposition
        "The panel named two bridges. For now they are under review and out of print.",  # no list of two topics
    ],
)
def test_sentences_after_a_category_that_list_no_topics(nlp: Language, profile: Profile, text: str) -> None:
    assert find_topics(analyse(nlp, text), profile) == []


def test_a_list_of_appositions_defines_each_category(nlp: Language, profile: Profile) -> None:
    text = (
        "It sorts its picks into three groups: hurdles, the obstacles that slow or block change; accelerators, "
        "the broad social and economic trends pushing schools to change; and tech enablers, the tools meant to "
        "help schools get past the first."
    )
    found = [(d.term.lower(), d.definition) for d in find_definitions(analyse(nlp, text), profile)]
    assert found == [
        ("hurdles", "the obstacles that slow or block change"),
        ("accelerators", "the broad social and economic trends pushing schools to change"),
        ("tech enablers", "the tools meant to help schools get past the first"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bracketed note with a colon after it labels the list: `):` is two marks, not an emoticon
        (
            '• Bridges (the report also calls them "cross-cutting themes"): Coherence Before Novelty; People First, '
            "Platforms Second",
            [("bridge", "Coherence Before Novelty"), ("bridge", "People First, Platforms Second")],
        ),
        # one item after `including` a counted category
        (
            "The report also names three tech enablers, including unified identity management, which lets staff "
            "reach every application through one login.",
            [("tech_enabler", "unified identity management")],
        ),
    ],
)
def test_label_notes_and_single_included_items(nlp: Language, profile: Profile, text: str, expected: list) -> None:
    assert [(h.category, h.title) for h in find_topics(analyse(nlp, text), profile)] == expected


def test_a_note_on_a_label_is_not_a_definition(nlp: Language, profile: Profile) -> None:
    text = "Bridges (unranked): Equity Is the Starting Line; Evidence Before Scale. Hurdles (barriers to change) lead."
    assert [(d.term, d.definition) for d in find_definitions(analyse(nlp, text), profile)] == [
        ("Hurdles", "barriers to change")
    ]


def test_a_category_pages_gloss_heading_and_sibling_topic_headings(nlp: Language, profile: Profile) -> None:
    text = (
        "## Bridges\n\n#### Unifying themes that connect the Hurdles, Accelerators and Tech Enablers.\n\n"
        "### Ethics Before Efficiency\n\nThe fastest option is not always the right one.\n\n"
        "### Every Learner, Every Place\n\nInnovation must reach every school.\n\n"
        "Four of the nine topics are returning from earlier editions.\n"
    )
    hits = find_topics(analyse(nlp, text), profile)
    # the gloss under the category heading neither closes the section nor is a topic; a sibling heading may
    # open with `Every`; a count of topics with a status cue is not a topic
    assert [(h.category, h.title) for h in hits] == [
        ("bridge", "Ethics Before Efficiency"),
        ("bridge", "Every Learner, Every Place"),
    ]


def test_items_set_as_headings_after_a_category_label(nlp: Language, profile: Profile) -> None:
    text = (
        "HURDLES Barriers that make it hard for schools to adopt innovation.\n\n"
        "#### 1.Policy Lag Behind Emerging Technology 2.Chronic Absenteeism 3.Procurement Complexity\n\n"
        "Also ranked by the board: 4. Aging Learning Spaces 5. Misinformation & Media Manipulation\n\n"
        "##### BY THE NUMBERS\n\n"
        "ACCELERATORS Megatrends that speed up the adoption of new practices.\n\n"
        "#### Mastery-Based Progression\n\nStudents move on when they show mastery.\n\n"
        "#### Cross-Sector Partnerships\n\nSchools work with employers.\n\n"
        "- Family Partnerships Reimagined\n"
        "- invite finance staff to your next planning meeting\n"
    )
    hits = find_topics(analyse(nlp, text), profile)
    # a numbered run set as one heading, its continuation after a colon, a box heading deeper than the items
    # (not a topic), a title-case bullet after the item headings (a topic), a lower-case one (its details)
    assert [(h.category, h.title, h.rank) for h in hits] == [
        ("hurdle", "Policy Lag Behind Emerging Technology", 1),
        ("hurdle", "Chronic Absenteeism", 2),
        ("hurdle", "Procurement Complexity", 3),
        ("hurdle", "Aging Learning Spaces", 4),
        ("hurdle", "Misinformation & Media Manipulation", 5),
        ("accelerator", "Mastery-Based Progression", 1),
        ("accelerator", "Cross-Sector Partnerships", 2),
        ("accelerator", "Family Partnerships Reimagined", 3),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adverb before the cue: the topic follows the cue
        ("## Tech Enablers\n\nAlso new this year, adaptive engines give students feedback.", ["adaptive engines"]),
        # no verb the lexicons know within reach: the subject's end cannot be told, so no topic
        (
            "## Tech Enablers\n\nNew to the list, immersive simulation labs rehearse skills with pilots and headsets.",
            [],
        ),
    ],
)
def test_a_status_cue_before_its_topic(nlp: Language, profile: Profile, text: str, expected: list) -> None:
    assert [h.title for h in find_topics(analyse(nlp, text), profile)] == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a reporting verb and a colon announce a short quote with no name
        ("One student on the youth panel put it best: “Don’t design for us. Design with us.”", True),
        # short, not announced: a scare quote or a title
        ("She wrote “too little, too late.” on the card.", False),
    ],
)
def test_a_short_quote_is_kept_when_a_colon_announces_it(
    nlp: Language, profile: Profile, text: str, kept: bool
) -> None:
    assert bool(find_quotes(analyse(nlp, text), profile)) is kept


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a list item's verbless phrase before `, which …` / `, a category …` / `, techniques that …` is its title
        (
            "The advisory board named three hurdles for 2029:\n\n"
            "- Shrinking budgets after enrollment decline, which the board ranked first again.\n"
            "- Escalating cyber extortion, a category the report widens this year.\n"
            "- Privacy-preserving analytics, techniques that let districts study outcomes.",
            [
                ("hurdle", "Shrinking budgets after enrollment decline"),
                ("hurdle", "Escalating cyber extortion"),
                ("hurdle", "Privacy-preserving analytics"),
            ],
        ),
        # the items follow a colon after a quoted gloss of the category
        (
            "Tying the lists together are the report's bridges, which it describes as “commitments that should "
            "hold no matter which tool is in front of you”: trust as a precondition, design for every learner, "
            "and sustainability over novelty.",
            [
                ("bridge", "trust as a precondition"),
                ("bridge", "design for every learner"),
                ("bridge", "sustainability over novelty"),
            ],
        ),
    ],
)
def test_items_cut_at_a_relative_clause_and_lists_after_a_quoted_gloss(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    assert [(h.category, h.title) for h in find_topics(analyse(nlp, text), profile)] == expected


def test_a_status_remark_and_a_reported_clause_are_neither_definitions_nor_topics(
    nlp: Language, profile: Profile
) -> None:
    text = (
        "The board picked these accelerators:\n\n"
        "- Educator workload and burnout, which is back on the list after a one-year absence.\n\n"
        "Lindqvist said the last of those was the most lopsided vote in the round."
    )
    segments = analyse(nlp, text)
    assert [h.title for h in find_topics(segments, profile)] == ["Educator workload and burnout"]
    assert find_definitions(segments, profile, topic_titles=frozenset({"educator workload and burnout"})) == []


def test_nested_bullets_are_details_and_a_shallower_bullet_ends_the_list(nlp: Language, profile: Profile) -> None:
    text = (
        "SLIDE 3 — HURDLES\n\n"
        "1. Chronic Absenteeism and Disengagement\n"
        "   - national rate still well above pre-2020\n"
        "2. Policy Whiplash\n"
        "   - rules on phones, AI, data privacy changing faster than we can write procedures\n\n"
        "SLIDE 6 — BRIDGES\n\n"
        "  * Trust Is the Infrastructure\n"
        "  * Start with the Learner\n\n"
        "- only two this year (there were three last year)\n"
    )
    found = [(h.category, h.title) for h in find_topics(analyse(nlp, text), profile)]
    assert found == [
        ("hurdle", "Chronic Absenteeism and Disengagement"),
        ("hurdle", "Policy Whiplash"),
        ("bridge", "Trust Is the Infrastructure"),
        ("bridge", "Start with the Learner"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a bracketed date between the term and `=` is neither the gloss nor part of the term
        (
            "Bridges (since 2024) = themes that tie the three lists together",
            [("Bridges", "themes that tie the three lists together")],
        ),
        # ordinal words in a bracketed gloss are no date
        (
            "It is organized around Tech Enablers (the tools that help schools clear the first and ride the second).",
            [("Tech Enablers", "the tools that help schools clear the first and ride the second")],
        ),
    ],
)
def test_bracketed_dates_are_not_glosses(nlp: Language, profile: Profile, text: str, expected: list) -> None:
    assert [(h.term, h.definition) for h in find_definitions(analyse(nlp, text), profile)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # ideas stated as `that` clauses after a count
        (
            "Since 2024 the report has named Bridges, a set of unifying themes. This year there are three: that "
            "trust is infrastructure, that equity is not optional, and the courage to stop.",
            [
                ("bridge", "trust is infrastructure"),
                ("bridge", "equity is not optional"),
                ("bridge", "courage to stop"),
            ],
        ),
        # a sentence naming two categories under one category's heading keeps that heading's category
        (
            "ACCELERATORS: OUTSIDE THE BUILDING\n\nIf the hurdles are about pressure, the accelerators are about "
            "where learning is heading. The board picked three: learning-anywhere ecosystems; civic and digital "
            "citizenship; and partnerships with health providers.",
            [
                ("accelerator", "learning-anywhere ecosystems"),
                ("accelerator", "civic and digital citizenship"),
                ("accelerator", "partnerships with health providers"),
            ],
        ),
        # one of a plural category, named with `as the first of its …`, a dash aside in between
        (
            "It lists trustworthy AI agents — systems that act for staff within limits — as the first of its "
            "technology enablers.",
            [("tech_enabler", "trustworthy AI agents")],
        ),
        # a singular category, a clause about it, then the item after a colon
        (
            "The first is a hurdle that anyone who has sat through a board meeting will recognize: shrinking "
            "enrollment and the budget squeeze that follows.",
            [("hurdle", "shrinking enrollment and the budget squeeze that follows")],
        ),
        # ordinals joined by `and` count the apposition's titles
        (
            "The fourth and fifth hurdles, Inequitable Home Connectivity and Assessment Systems Misaligned with "
            "Goals, receive a single paragraph each.",
            [("hurdle", "Inequitable Home Connectivity"), ("hurdle", "Assessment Systems Misaligned with Goals")],
        ),
        # the topic opens the sentence, its category in an apposition
        (
            "Real-world learning partnerships, the second accelerator, are formal arrangements with employers.",
            [("accelerator", "Real-world learning partnerships")],
        ),
        # a participle after the category, then the copula that lists
        (
            "The accelerators identified in the report are personalized pathways, human-centered AI literacy, and "
            "family and community partnerships.",
            [
                ("accelerator", "personalized pathways"),
                ("accelerator", "human-centered AI literacy"),
                ("accelerator", "family and community partnerships"),
            ],
        ),
        # a counted category, a short phrase, then the titles in apposition
        (
            'Ms. Castellanos also noted two cross-cutting "bridge" themes in this year\'s report, People Before '
            "Platforms and Listening to Learners, and stated that the committee will use them.",
            [("bridge", "People Before Platforms"), ("bridge", "Listening to Learners")],
        ),
        # items before a summing verb and `as` the category; categories inside a quotation do not count
        (
            "Multimodal AI tutors, digital credential wallets and unified identity management round out the "
            "announcement as the year's tech enablers, the tools the report says \"help schools clear the hurdles "
            'and ride the accelerators."',
            [
                ("tech_enabler", "Multimodal AI tutors"),
                ("tech_enabler", "digital credential wallets"),
                ("tech_enabler", "unified identity management"),
            ],
        ),
        # an ordinal category, then the topic in an apposition
        (
            "The second enabler, Privacy-Preserving Analytics, is the least flashy item. The third enabler, spatial "
            "computing, returns after appearing in the 2029 edition. The first hurdle, as everyone knows, is money.",
            [("tech_enabler", "Privacy-Preserving Analytics"), ("tech_enabler", "spatial computing")],
        ),
        # `on the list` between a ranked singular category and its copula
        ("The biggest hurdle on the list is retaining educators.", [("hurdle", "retaining educators")]),
    ],
)
def test_counted_propositions_partitives_and_section_context(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    assert [(h.category, h.title) for h in find_topics(analyse(nlp, text), profile)] == expected


def test_a_category_label_with_a_what_gloss_then_a_run_of_titles_then_prose(nlp: Language, profile: Profile) -> None:
    paragraphs = [
        "The consortium released its new list on Tuesday, and here is the full slate for the coming year.",
        "what slows us down",
        "Synthetic Media and Eroding Trust",
        "Workforce Burnout and Attrition",
        "Three entries are new this cycle, and zero-trust security returns after two years off the list.",
        "Winter Summit Registration",
        "Member Spotlight",
    ]
    body = "".join(f"<p>{p}</p>" for p in paragraphs).replace("<p>what", "<h3>HURDLES</h3><p>what")
    parsed = parse_html(f"<html><body><article>{body}</article></body></html>".encode())
    segments = [SegmentDoc(s, nlp(s.text)) for s in parsed.body]
    titles = [(h.category, h.title) for h in find_topics(segments, profile)]
    # the titles that follow one another are the list; after the prose paragraph, short lines are not topics
    assert titles == [("hurdle", "Synthetic Media and Eroding Trust"), ("hurdle", "Workforce Burnout and Attrition")]
    assert [(h.term, h.definition) for h in find_definitions(segments, profile)] == [("Hurdles", "what slows us down")]


def test_a_sentence_listing_each_counted_category_in_turn(nlp: Language, profile: Profile) -> None:
    text = (
        "This year's report identifies three hurdles — Funding Cliffs, Cyber Threats and Generative AI Pace — "
        "along with three accelerators, Student Inquiry, Whole-Child Supports and Leadership Networks, and two "
        "tech enablers: Feedback Tools and Cloud Infrastructure; the board also named two bridges, Purpose Before "
        "Product and Equity in Every Decision, which the report describes as principles."
    )
    found = [(h.category, h.title) for h in find_topics(analyse(nlp, text), profile)]
    assert found == [
        ("hurdle", "Funding Cliffs"),
        ("hurdle", "Cyber Threats"),
        ("hurdle", "Generative AI Pace"),
        ("accelerator", "Student Inquiry"),
        ("accelerator", "Whole-Child Supports"),
        ("accelerator", "Leadership Networks"),
        ("tech_enabler", "Feedback Tools"),
        ("tech_enabler", "Cloud Infrastructure"),
        ("bridge", "Purpose Before Product"),
        ("bridge", "Equity in Every Decision"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # each bare category with its own `that` clause
        (
            "It names hurdles that stand in the way of innovation, accelerators that propel it, and tech enablers "
            "that help schools overcome the former.",
            [
                ("Hurdles", "stand in the way of innovation"),
                ("Accelerators", "propel it"),
                ("Tech Enablers", "help schools overcome the former"),
            ],
        ),
        # `the hurdles that districts face`: which ones, not what hurdles are
        ("The report lists the hurdles that districts face most often this year.", []),
        # one clause after a list of categories is the whole list's
        ("These are the hurdles, accelerators and bridges that will shape the year ahead.", []),
    ],
)
def test_a_bare_category_and_its_that_clause(nlp: Language, profile: Profile, text: str, expected: list) -> None:
    assert [(h.term, h.definition) for h in find_definitions(analyse(nlp, text), profile)] == expected


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a role, then the name in apposition, then a colon
        (
            "My superintendent, Angela Ferris, has a line she says in every meeting: \"Don't buy the tool until you "
            'can name the hurdle."',
            "Angela Ferris",
        ),
        # `she said` with the person named (not reported speaking) in the sentence before
        (
            "So CoSN's CEO, Renata Castellanos, had a line in the press release. She said, \"We asked the board to be "
            'honest about what is broken."',
            "Renata Castellanos",
        ),
        # a quote opening the sentence after one whose subject is a person; the opening mark closes that sentence
        (
            "CoSN's chief executive, Renata J. Castellanos, made a similar point when the topics were announced. "
            "“For years we asked what technology could do for our schools.”",
            "Renata J. Castellanos",
        ),
        # a document opens the clause before the colon (after a footnote mark and a conjunction)
        (
            "Staffing appeared in each of the previous editions,² and the report is blunt about why it persists: "
            "“The shortage is no longer a cyclical problem that districts can wait out.”",
            "the report",
        ),
        # a document opens the sentence
        (
            'The report has this line I really liked, I wrote it down: "Disengagement is rarely a student problem. '
            'It is almost always a design problem."',
            "The report",
        ),
    ],
)
def test_speakers_named_around_the_quote(nlp: Language, profile: Profile, text: str, speaker: str) -> None:
    assert [h.speaker.name if h.speaker else None for h in find_quotes(analyse(nlp, text), profile)] == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "Hurdle One — Funding Beyond Grants",  # a number word after a category label is no rank, and no crash
        "Hurdle¹ — Funding Beyond Grants",  # a footnote mark is its own token
        "The top ² hurdles are Funding Beyond Grants and Cyber Threats.",  # a superscript is no count
    ],
)
def test_number_words_and_superscripts_never_crash_the_rules(nlp: Language, profile: Profile, text: str) -> None:
    segments = analyse(nlp, text)
    find_topics(segments, profile), find_definitions(segments, profile), find_quotes(segments, profile)


def test_a_glossary_of_label_lines_opens_no_list(nlp: Language, profile: Profile) -> None:
    text = (
        "Hurdles — barriers that slow innovation down\n\nAccelerators — megatrends that push it forward\n\n"
        "Bridges — themes that run through all three\n\nTri-County Technology Services\n\nAt a Glance"
    )
    segments = analyse(nlp, text)
    assert find_topics(segments, profile) == []
    assert [h.term for h in find_definitions(segments, profile)] == ["Hurdles", "Accelerators", "Bridges"]


def test_bullet_titles_with_a_paragraph_each_under_a_label_then_a_heading(nlp: Language, profile: Profile) -> None:
    text = (
        "HURDLES Barriers to innovation that require schools to slow down.\n\n"
        "- Misinformation at Machine Speed\n\nSynthetic video and cloned voices now reach families first.\n\n"
        "- Aging Infrastructure and Deferred Maintenance\n\nMuch of the wiring in schools predates the devices.\n\n"
        "## What Leaders Can Do Next\n\n- Share this summary with your cabinet."
    )
    titles = [h.title for h in find_topics(analyse(nlp, text), profile)]
    assert titles == ["Misinformation at Machine Speed", "Aging Infrastructure and Deferred Maintenance"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a reporting verb right before the marks: words said, though they end without punctuation
        (
            'page 14 literally says "the backlash is real, and it is not always wrong" which i appreciate.',
            [("the backlash is real, and it is not always wrong", None)],
        ),
        # a document defining a term in quotation marks is quoted
        (
            'the report defines tech enablers as "tools and technologies that help schools overcome hurdles" ok.',
            [("tools and technologies that help schools overcome hurdles", "the report")],
        ),
        # a short phrase in marks mid-sentence is a term, even with a reporting verb earlier in the sentence
        ('The report says little, but "AI copilots for teachers" is doing a lot of work there.', []),
        # a page of the document named before speaks for it
        (
            'the report defines hurdles as "the roadblocks that slow a district down before it can start" ok. '
            'page 14 literally says "the backlash is real, and it is not always wrong" which i appreciate.',
            [
                ("the roadblocks that slow a district down before it can start", "the report"),
                ("the backlash is real, and it is not always wrong", "the report"),
            ],
        ),
        # a short quote that closes its sentence is said
        (
            "As Tomasz Wierzbicki put it during the final round, the framework is “a map, not a shopping list”.",
            [("a map, not a shopping list", "Tomasz Wierzbicki")],
        ),
    ],
)
def test_quotes_without_closing_punctuation(nlp: Language, profile: Profile, text: str, expected: list) -> None:
    hits = find_quotes(analyse(nlp, text), profile)
    assert [(h.text, h.speaker.name if h.speaker else None) for h in hits] == expected


def test_a_bare_category_item_with_a_gloss_and_nested_topics(nlp: Language, profile: Profile) -> None:
    html = (
        "<html><body><article><h1>Categories and topics</h1><p>A research guide to the report's four lists, with "
        "search terms to try for each topic in the library's databases and catalog.</p><dl><dt>Hurdles</dt>"
        "<dd>Challenges that make innovation harder to sustain.<ul><li>Workforce Burnout<ul><li>Try: teacher "
        "attrition, IT staff turnover</li></ul></li><li>Legacy Infrastructure Debt</li></ul></dd>"
        "<dt>Accelerators</dt><dd>Large trends, sometimes called megatrends, that speed up change.<ul>"
        "<li>The Durable Skills Movement</li></ul></dd></dl></article></body></html>"
    )
    segments = [SegmentDoc(s, nlp(s.text)) for s in parse_html(html.encode()).body]
    topics = [(h.category, h.title) for h in find_topics(segments, profile)]
    assert topics == [
        ("hurdle", "Workforce Burnout"),
        ("hurdle", "Legacy Infrastructure Debt"),
        ("accelerator", "The Durable Skills Movement"),
    ]
    assert [h.term for h in find_definitions(segments, profile)] == ["Hurdles", "Accelerators"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one line of slashes, the category words among the items
        (
            "Hurdles / Cyber Insurance Pressures / Initiative Fatigue / Accelerators / AI Fluency for Everyone / "
            "Personalized Pathways / Bridges / Design With, Not For / Measure What Matters",
            [
                ("hurdle", "Cyber Insurance Pressures"),
                ("hurdle", "Initiative Fatigue"),
                ("accelerator", "AI Fluency for Everyone"),
                ("accelerator", "Personalized Pathways"),
                ("bridge", "Design With, Not For"),
                ("bridge", "Measure What Matters"),
            ],
        ),
        # a chat message ending in an emoji's code is no list intro
        (
            "I'll take hurdles, Colette has accelerators + tech enablers, Hank has bridges :sweat_smile:\\n\\n"
            "Hank Villalobos\\n\\nI would like the record to show I did not volunteer",
            [],
        ),
        # words inside a quotation end the list where it closes
        ("“The hurdles this year are less about technology and more about stamina,” said the CEO.", []),
    ],
)
def test_slash_lists_chat_codes_and_quoted_statements(
    nlp: Language, profile: Profile, text: str, expected: list
) -> None:
    assert [(h.category, h.title) for h in find_topics(analyse(nlp, text), profile)] == expected
