"""Every tunable number of the project: frozen settings with named defaults and a one-line reason each.

`PdfSettings` and `TextSettings` hold the layout thresholds of the source readers, `RuleSettings` the
bounds of the rule engine, `RunSettings` how a batch runs (limits, schedule, queueing, workers). Each is
checked when constructed, so a bad value fails at once with the field's name.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

# --- PDF layout ---------------------------------------------------------------------------------------------
DEFAULT_X_TOLERANCE_RATIO = 0.15  # of the font size: pdfTeX inter-word kerning (~0.3em) splits, letter kerning doesn't
DEFAULT_Y_TOLERANCE = 3.0  # points: words whose tops (or bottoms) differ by less sit on one line
DEFAULT_DEDUPE_TOLERANCE = 1.0  # fake bold draws each glyph twice, offset by a fraction of a point
DEFAULT_MARGIN_RATIO = 0.09  # share of page height at top and bottom where running heads and folios live
DEFAULT_HEADING_SIZE_RATIO = 1.15  # a line this much larger than body text is a heading
DEFAULT_MIN_GUTTER = 8.0  # points of empty vertical strip that separate two columns
DEFAULT_REPEAT_SHARE = 0.3  # margin text on this share of pages (at least 2) is running furniture
DEFAULT_MIN_REPEAT_PAGES = 2  # ...and on at least this many pages: one page cannot show a running head
DEFAULT_MIN_COLUMN_PAGE_WORDS = 20  # fewer words than this on a page: too little text to find columns
DEFAULT_GUTTER_CROSSING_SHARE = 0.02  # a gutter may be crossed by this share of the page's words (a wide title)
DEFAULT_GUTTER_BAND = (0.2, 0.8)  # gutters are looked for between these shares of the page width
DEFAULT_MIN_COLUMN_WORDS = 10  # each side of a gutter holds at least this many words, or it is a ragged margin
DEFAULT_TITLE_LONG_WORD = 4  # letters: shorter words (of, and, the, for) may stay lower case in a title line
DEFAULT_TITLE_CAPITALIZED_SHARE = 0.75  # a line is title case when this share of its long words is capitalized
# A footnote mark: at most 0.8 × the size of the word it marks, raised by 0.2 × that size, 3 characters at most.
DEFAULT_SUPERSCRIPT = (0.8, 0.2, 3)
DEFAULT_WRAP_SLACK_RATIO = 1.5  # × font size of room left at a line's end: the next word would have fitted there
DEFAULT_ALIGN_TOLERANCE = 2.0  # points: lines whose left edges differ by less start at the same margin
DEFAULT_REGION_NARROW_LINE_SHARE = 0.4  # of the page width: a lone line narrower than this may sit in a column
DEFAULT_REGION_BREAK_RATIO = 2.0  # × font size: a wider vertical gap ends a stretch of side-by-side columns
DEFAULT_MIN_REGION_WRAPS = 2  # lines running on within their column: side-by-side prose, not a table's rows
DEFAULT_MIN_COLUMN_SHARE = 0.15  # a column is at least this share of the text's width; narrower is a list of numbers
DEFAULT_LINE_LOOKBACK = 8  # a word joins one of the last lines built: enough for side-by-side columns
DEFAULT_FLUSH_GAP_RATIO = 0.1  # of the font size: a narrower gap between two words is a font change, no space
DEFAULT_SIZE_CHANGE_RATIO = 0.1  # of the body size: a font size change larger than this starts a new block
DEFAULT_PARAGRAPH_GAP_RATIO = 0.6  # of the font size: a vertical gap larger than this starts a new paragraph
DEFAULT_LINE_OVERLAP = 2.0  # points: a line starting this far above the previous one's bottom starts a block
DEFAULT_SHORT_LINE_RATIO = 4.0  # of the body size: a sentence-final line this much shorter than the next ends it
DEFAULT_HEADING_MAX_WORDS = 20  # a large-font block longer than this is a lead paragraph, not a heading
DEFAULT_BOLD_HEADING_MAX_LINES = 2  # a bold block of at most this many lines...
DEFAULT_BOLD_HEADING_MAX_WORDS = 14  # ...and words, not ending in a full stop, is a run-in heading
DEFAULT_NOTE_SIZE_RATIO = 0.92  # of the body size: a numbered block this small at a page's foot is a footnote
DEFAULT_QUOTE_SIZE_RATIO = 1.05  # a quoted block this much larger than body text is a pull quote
DEFAULT_BODY_SIZE = 10.0  # points: the body size assumed for a page with no text
DEFAULT_PARALLEL_MIN_PAGES = 40  # PDFs longer than this are parsed in page ranges by several workers
DEFAULT_PAGES_PER_CHUNK = 25  # pages one worker parses at a time: ~2 s of work against ~0.05 s to start it
DEFAULT_PAGE_WORKERS = 2  # worker processes reading one long PDF's page ranges at once: two cores here
DEFAULT_TABLE_MIN_ROWS = 2  # a ruled grid of fewer rows is a box around text (a slide's frame), not a table
DEFAULT_TABLE_MIN_COLUMNS = 2  # ...and of fewer columns: a one-column grid reads as text anyway
DEFAULT_TABLE_HEADER_MAX_WORDS = 4  # a first row whose cells are this short and no sentences is the header


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise ValueError(message)


@dataclass(frozen=True)
class PdfSettings:
    x_tolerance_ratio: float = DEFAULT_X_TOLERANCE_RATIO
    y_tolerance: float = DEFAULT_Y_TOLERANCE
    dedupe_tolerance: float = DEFAULT_DEDUPE_TOLERANCE
    margin_ratio: float = DEFAULT_MARGIN_RATIO
    heading_size_ratio: float = DEFAULT_HEADING_SIZE_RATIO
    min_gutter: float = DEFAULT_MIN_GUTTER
    repeat_share: float = DEFAULT_REPEAT_SHARE
    min_repeat_pages: int = DEFAULT_MIN_REPEAT_PAGES
    min_column_page_words: int = DEFAULT_MIN_COLUMN_PAGE_WORDS
    gutter_crossing_share: float = DEFAULT_GUTTER_CROSSING_SHARE
    gutter_band: tuple[float, float] = DEFAULT_GUTTER_BAND
    min_column_words: int = DEFAULT_MIN_COLUMN_WORDS
    min_column_share: float = DEFAULT_MIN_COLUMN_SHARE
    min_region_wraps: int = DEFAULT_MIN_REGION_WRAPS
    region_narrow_line_share: float = DEFAULT_REGION_NARROW_LINE_SHARE
    region_break_ratio: float = DEFAULT_REGION_BREAK_RATIO
    align_tolerance: float = DEFAULT_ALIGN_TOLERANCE
    wrap_slack_ratio: float = DEFAULT_WRAP_SLACK_RATIO
    superscript: tuple[float, float, int] = DEFAULT_SUPERSCRIPT
    title_long_word: int = DEFAULT_TITLE_LONG_WORD
    title_capitalized_share: float = DEFAULT_TITLE_CAPITALIZED_SHARE
    line_lookback: int = DEFAULT_LINE_LOOKBACK
    flush_gap_ratio: float = DEFAULT_FLUSH_GAP_RATIO
    size_change_ratio: float = DEFAULT_SIZE_CHANGE_RATIO
    paragraph_gap_ratio: float = DEFAULT_PARAGRAPH_GAP_RATIO
    line_overlap: float = DEFAULT_LINE_OVERLAP
    short_line_ratio: float = DEFAULT_SHORT_LINE_RATIO
    heading_max_words: int = DEFAULT_HEADING_MAX_WORDS
    bold_heading_max_lines: int = DEFAULT_BOLD_HEADING_MAX_LINES
    bold_heading_max_words: int = DEFAULT_BOLD_HEADING_MAX_WORDS
    quote_size_ratio: float = DEFAULT_QUOTE_SIZE_RATIO
    note_size_ratio: float = DEFAULT_NOTE_SIZE_RATIO
    body_size: float = DEFAULT_BODY_SIZE
    parallel_min_pages: int = DEFAULT_PARALLEL_MIN_PAGES
    pages_per_chunk: int = DEFAULT_PAGES_PER_CHUNK
    page_workers: int = DEFAULT_PAGE_WORKERS
    table_min_rows: int = DEFAULT_TABLE_MIN_ROWS
    table_min_columns: int = DEFAULT_TABLE_MIN_COLUMNS
    table_header_max_words: int = DEFAULT_TABLE_HEADER_MAX_WORDS

    def __post_init__(self) -> None:
        _check(0 < self.x_tolerance_ratio < 1, "x_tolerance_ratio must be in (0, 1)")
        _check(0 <= self.margin_ratio < 0.5, "margin_ratio must be in [0, 0.5)")
        _check(self.heading_size_ratio > 1, "heading_size_ratio must be > 1")
        _check(0 < self.repeat_share <= 1, "repeat_share must be in (0, 1]")
        _check(0 <= self.gutter_band[0] < self.gutter_band[1] <= 1, "gutter_band must be 0 <= lo < hi <= 1")
        _check(0 <= self.gutter_crossing_share < 0.5, "gutter_crossing_share must be in [0, 0.5)")
        _check(self.line_lookback >= 1 and self.min_repeat_pages >= 1, "line_lookback, min_repeat_pages must be >= 1")
        _check(self.dedupe_tolerance >= 0 and self.y_tolerance >= 0, "dedupe_tolerance, y_tolerance must be >= 0")
        _check(self.pages_per_chunk >= 1 and self.parallel_min_pages >= 1, "page chunking needs positive sizes")
        _check(self.page_workers >= 1, "page_workers must be >= 1")
        _check(self.table_min_rows >= 2 and self.table_min_columns >= 2, "a table has at least 2 rows and 2 columns")


# --- Plain text and Markdown --------------------------------------------------------------------------------
DEFAULT_HARD_WRAP_WIDTH = 100  # characters: lines no longer than this may be a hard-wrapped paragraph
DEFAULT_WRAPPED_SHORT_SHARE = 0.9  # a file whose multi-line runs are this share short lines is hard-wrapped...
DEFAULT_WRAPPED_MAX_TERMINAL_SHARE = 0.5  # ...unless this share of them end a sentence (one sentence per line)
DEFAULT_TEXT_HEADING_MAX_WORDS = 12  # a heading-like line has at most this many words...
DEFAULT_TEXT_HEADING_MAX_CHARS = 90  # ...and characters...
DEFAULT_TEXT_HEADING_CAPITALIZED = 0.75  # ...and this share of its content words capitalized
DEFAULT_HEADING_LINE_SHARE = 0.6  # in a wrapped paragraph, a heading line is shorter than this share of the margin


@dataclass(frozen=True)
class TextSettings:
    hard_wrap_width: int = DEFAULT_HARD_WRAP_WIDTH
    wrapped_short_share: float = DEFAULT_WRAPPED_SHORT_SHARE
    wrapped_max_terminal_share: float = DEFAULT_WRAPPED_MAX_TERMINAL_SHARE
    heading_max_words: int = DEFAULT_TEXT_HEADING_MAX_WORDS
    heading_max_chars: int = DEFAULT_TEXT_HEADING_MAX_CHARS
    heading_capitalized: float = DEFAULT_TEXT_HEADING_CAPITALIZED
    heading_line_share: float = DEFAULT_HEADING_LINE_SHARE

    def __post_init__(self) -> None:
        _check(self.hard_wrap_width > 0, "hard_wrap_width must be > 0")
        for name in ("wrapped_short_share", "wrapped_max_terminal_share", "heading_capitalized", "heading_line_share"):
            _check(0 <= getattr(self, name) <= 1, f"{name} must be in [0, 1]")


# --- Saved web pages ------------------------------------------------------------------------------------------
DEFAULT_ASIDE_MAX_LINK_SHARE = 0.3  # an <aside> in the article with more of its text in links is navigation
DEFAULT_BOLD_HEADING_WORDS = 6  # a paragraph all in bold of at most this many words is a run-in heading
DEFAULT_BOLD_HEADING_LEVEL = 4  # the level such a heading gets: under the page's own <h2>/<h3>


@dataclass(frozen=True)
class HtmlSettings:
    aside_max_link_share: float = DEFAULT_ASIDE_MAX_LINK_SHARE
    bold_heading_words: int = DEFAULT_BOLD_HEADING_WORDS
    bold_heading_level: int = DEFAULT_BOLD_HEADING_LEVEL

    def __post_init__(self) -> None:
        _check(0 <= self.aside_max_link_share <= 1, "aside_max_link_share must be in [0, 1]")


# --- Rules --------------------------------------------------------------------------------------------------
DEFAULT_MIN_QUOTE_WORDS = 3  # fewer words inside quotation marks is a scare quote or a title
DEFAULT_MIN_UNATTRIBUTED_WORDS = 8  # a quote with no speaker must be at least a sentence to be kept
DEFAULT_PRONOUN_REACH = 2  # segments back that a `she said` may point to
DEFAULT_CONTINUATION_WORDS = 8  # at most this many words between two quotes of one speaker's continued quote
DEFAULT_SINGULAR_REACH = 5  # tokens before a singular category where its rank or `as` stands (`as the first of its`)
DEFAULT_VERB_REACH = 12  # tokens between a reporting verb and the quote it introduces
DEFAULT_NAME_MAX_TOKENS = 6  # a person's or organization's name runs at most this many tokens
DEFAULT_APPOSITION_REACH = 30  # tokens back from a verb to the name before an apposition ("X, CIO of …, said")
DEFAULT_NAMING_REACH = 3  # tokens before a quote where `calls`/`dubbed` makes the quoted words a term
DEFAULT_UNCLOSED_QUOTE_DISCOUNT = 0.9  # × a rule's confidence for a quote whose closing mark never comes
DEFAULT_MAX_NAMED_TERM_WORDS = 5  # a quoted phrase this short right after "calls" names a term, not a quote
DEFAULT_TEASER_MAX_WORDS = 40  # a paragraph cut off with "…" and shorter than this is a teaser link
DEFAULT_MAX_TITLE_WORDS = 12  # a topic title (heading or list item) has at most this many words
DEFAULT_MAX_PROSE_TITLE_TOKENS = 8  # a topic named in running text has at most this many tokens
DEFAULT_MAX_CLAUSE_ITEM_TOKENS = 14  # a lower-case clause item of an enumeration has at most this many tokens
DEFAULT_MIN_PLAIN_ITEMS = 3  # lower-case phrases after a label are a list, not a gloss, from this many on
DEFAULT_MAX_GERUND_ITEM_TOKENS = 22  # a gerund item ("keeping up with rules that change faster than…") runs longer
DEFAULT_MIN_TITLE_CASE_WORDS = 2  # a title-case name in prose has this many capitalized words (one is a name)
DEFAULT_TITLE_CASE_SHARE = 0.75  # a line is title case when this share of its content words is capitalized
DEFAULT_MAX_TERM_TOKENS = 6  # a defined term has at most this many tokens
DEFAULT_MAX_APPOSITION = 8  # tokens of an apposition skipped between a term and its definition cue
DEFAULT_ADVERBIAL_WORDS = 2  # words between a category and its apposition's comma (`the bridges this year, …,`)
DEFAULT_PLACEMENT_REACH = 8  # tokens between a placement verb and its category (`sits second on this year's list of`)
DEFAULT_VERB_ASIDE_WORDS = 4  # words of an aside between a listing verb and its items (`are, in order, A, B`)
DEFAULT_CATEGORY_HEADING_WORDS = 8  # a heading naming one category in at most this many words opens its section
DEFAULT_MAX_GLOSS_WORDS = 60  # a longer "gloss" is a paragraph that happens to follow a cue
DEFAULT_MAX_GLOSS_LINE_WORDS = 20  # a category heading's gloss line is short: "Obstacles that slow…"
DEFAULT_MAX_TOPIC_TERMS = 200  # a document's topic titles read as terms (a real one has a few dozen at most)
# A longer block (a text with no line breaks, a scraped page on one line) is read by the rules in pieces cut at
# sentence ends: their cost grows faster than a block's length, and no paragraph anyone wrote is this long.
DEFAULT_MAX_BLOCK_CHARS = 20_000
DEFAULT_TYPO_CUTOFF = 0.85  # similarity above which a misspelt category word ("Tech enables") is that category


@dataclass(frozen=True)
class RuleSettings:
    min_quote_words: int = DEFAULT_MIN_QUOTE_WORDS
    min_unattributed_words: int = DEFAULT_MIN_UNATTRIBUTED_WORDS
    pronoun_reach: int = DEFAULT_PRONOUN_REACH
    continuation_words: int = DEFAULT_CONTINUATION_WORDS
    verb_reach: int = DEFAULT_VERB_REACH
    adverbial_words: int = DEFAULT_ADVERBIAL_WORDS
    verb_aside_words: int = DEFAULT_VERB_ASIDE_WORDS
    singular_reach: int = DEFAULT_SINGULAR_REACH
    placement_reach: int = DEFAULT_PLACEMENT_REACH
    name_max_tokens: int = DEFAULT_NAME_MAX_TOKENS
    apposition_reach: int = DEFAULT_APPOSITION_REACH
    teaser_max_words: int = DEFAULT_TEASER_MAX_WORDS
    max_named_term_words: int = DEFAULT_MAX_NAMED_TERM_WORDS
    naming_reach: int = DEFAULT_NAMING_REACH
    unclosed_quote_discount: float = DEFAULT_UNCLOSED_QUOTE_DISCOUNT
    max_title_words: int = DEFAULT_MAX_TITLE_WORDS
    max_prose_title_tokens: int = DEFAULT_MAX_PROSE_TITLE_TOKENS
    max_clause_item_tokens: int = DEFAULT_MAX_CLAUSE_ITEM_TOKENS
    max_gerund_item_tokens: int = DEFAULT_MAX_GERUND_ITEM_TOKENS
    min_plain_items: int = DEFAULT_MIN_PLAIN_ITEMS
    title_case_share: float = DEFAULT_TITLE_CASE_SHARE
    min_title_case_words: int = DEFAULT_MIN_TITLE_CASE_WORDS
    max_term_tokens: int = DEFAULT_MAX_TERM_TOKENS
    max_apposition: int = DEFAULT_MAX_APPOSITION
    category_heading_words: int = DEFAULT_CATEGORY_HEADING_WORDS
    max_gloss_words: int = DEFAULT_MAX_GLOSS_WORDS
    max_gloss_line_words: int = DEFAULT_MAX_GLOSS_LINE_WORDS
    max_topic_terms: int = DEFAULT_MAX_TOPIC_TERMS
    max_block_chars: int = DEFAULT_MAX_BLOCK_CHARS
    typo_cutoff: float = DEFAULT_TYPO_CUTOFF

    def __post_init__(self) -> None:
        for f in fields(self):
            _check(getattr(self, f.name) > 0, f"{f.name} must be > 0")
        _check(self.typo_cutoff <= 1, "typo_cutoff must be <= 1")


# --- Runs ---------------------------------------------------------------------------------------------------
DEFAULT_TIMEOUT_S = 300.0  # seconds one document's parser may run: a 300-page report parses in well under this
DEFAULT_MEMORY_MB = 2048  # MiB one document's parser may add to its process: pdfminer peaks far below this
DEFAULT_CRON = "0 6 * * *"  # daily at 06:00 UTC: new releases land during the working day before
DEFAULT_WAIT_S = 0.0  # seconds a run waits for another run's lock: by default it stops and says so
DEFAULT_SCHEDULED_WAIT_S = 600.0  # a scheduled run queues behind a manual one instead of failing
DEFAULT_WORKERS = 2  # documents extracted at once: the machines this runs on have two cores
DEFAULT_READ_RETRIES = 2  # a file of raw/ that cannot be read is tried again this many times (a share that blinked)
DEFAULT_RETRY_DELAY_S = 1.0  # seconds between two tries
DEFAULT_MAX_FILE_MB = 512  # a larger file in raw/ is recorded as too large instead of being parsed
# A larger file is not held by the batch's process: it is hashed as it streams and read again by the children
# that parse it, so the batch's memory does not grow with the files in raw/ (Dask workers elsewhere then need
# raw/ at the same path).
DEFAULT_INLINE_MAX_MB = 32

# Environment variables that override a default (the command line overrides them in turn).
ENVIRONMENT = {
    "timeout_s": "EXTRACT_TIMEOUT_S",
    "memory_mb": "EXTRACT_MEMORY_MB",
    "cron": "EXTRACT_CRON",
    "wait_s": "EXTRACT_WAIT_S",
    "workers": "EXTRACT_WORKERS",
    "max_file_mb": "EXTRACT_MAX_FILE_MB",
    "strict": "EXTRACT_STRICT",
    "allow_removals": "EXTRACT_ALLOW_REMOVALS",
}
BOOLEAN_WORDS = {
    "1": True,
    "true": True,
    "yes": True,
    "on": True,
    "0": False,
    "false": False,
    "no": False,
    "off": False,
}


@dataclass(frozen=True)
class RunSettings:
    timeout_s: float = DEFAULT_TIMEOUT_S
    memory_mb: int = DEFAULT_MEMORY_MB
    cron: str = DEFAULT_CRON
    wait_s: float = DEFAULT_WAIT_S
    workers: int = DEFAULT_WORKERS
    read_retries: int = DEFAULT_READ_RETRIES
    retry_delay_s: float = DEFAULT_RETRY_DELAY_S
    max_file_mb: int = DEFAULT_MAX_FILE_MB
    inline_max_mb: int = DEFAULT_INLINE_MAX_MB
    isolate: bool = field(default=True)  # False parses in-process (debugging, profiling)
    strict: bool = False  # any failed document makes the run fail (exit status, flow state); served runs set it
    allow_removals: bool = False  # let a run remove more than store.MAX_REMOVED_SHARE of the documents (or all)

    def __post_init__(self) -> None:
        _check(0 < self.timeout_s < math.inf, f"timeout must be a number of seconds > 0 (got {self.timeout_s})")
        _check(self.memory_mb >= 64, f"memory must be at least 64 MiB (got {self.memory_mb})")
        _check(self.wait_s >= 0, f"wait must be >= 0 seconds (got {self.wait_s})")
        _check(self.workers >= 1, f"workers must be >= 1 (got {self.workers})")
        _check(self.read_retries >= 0 and self.retry_delay_s >= 0, "read_retries and retry_delay_s must be >= 0")
        _check(self.inline_max_mb >= 0, f"inline_max_mb must be >= 0 (got {self.inline_max_mb})")
        _check(len(self.cron.split()) == 5, f"cron must have five fields, like '0 6 * * *' (got {self.cron!r})")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: object) -> RunSettings:
        """Defaults, then EXTRACT_* environment variables, then explicit overrides (None means 'not given')."""
        environ = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(ENVIRONMENT.get(f.name, ""), "").strip()
            if raw:
                kind = type(f.default)
                try:
                    values[f.name] = raw if kind is str else _boolean(raw) if kind is bool else kind(raw)
                except ValueError:
                    what = "true or false" if kind is bool else f"a valid {kind.__name__}"
                    raise ValueError(f"{ENVIRONMENT[f.name]}={raw!r} is not {what}") from None
        values |= {k: v for k, v in overrides.items() if v is not None}
        return replace(cls(), **values)


def _boolean(raw: str) -> bool:
    try:
        return BOOLEAN_WORDS[raw.lower()]
    except KeyError:
        raise ValueError(raw) from None
