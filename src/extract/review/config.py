"""The review site's tunable numbers: one frozen settings object with a named default and reason each."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_LOW_CONFIDENCE = 0.7  # below this a record is doubtful: prose subjects (0.55), unattributed quotes (0.5)
DEFAULT_FIRST_SCREEN_RECORDS = 10  # lowest-confidence records listed on the overview; the queue has the rest
DEFAULT_CROP_RESOLUTION = 144  # dpi of a page crop: two pixels per point, so small print stays legible
DEFAULT_CROP_MARGIN = 36.0  # points of page shown around a box (half an inch): the lines before and after
DEFAULT_PARAGRAPH_CHARS = 700  # characters of context each side of a snippet before its paragraph is clipped


@dataclass(frozen=True)
class ReviewSettings:
    low_confidence: float = DEFAULT_LOW_CONFIDENCE
    first_screen_records: int = DEFAULT_FIRST_SCREEN_RECORDS
    crop_resolution: int = DEFAULT_CROP_RESOLUTION
    crop_margin: float = DEFAULT_CROP_MARGIN
    paragraph_chars: int = DEFAULT_PARAGRAPH_CHARS

    def __post_init__(self) -> None:
        if not 0 < self.low_confidence <= 1:
            raise ValueError("low_confidence must be in (0, 1]")
        if self.first_screen_records < 1 or self.crop_resolution < 1 or self.paragraph_chars < 1:
            raise ValueError("first_screen_records, crop_resolution and paragraph_chars must be >= 1")
        if self.crop_margin < 0:
            raise ValueError("crop_margin must be >= 0")
