"""Tunable constants with named defaults, checked when constructed."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_X_TOLERANCE_RATIO = 0.15  # of the font size: pdfTeX inter-word kerning (~0.3em) splits, letter kerning doesn't
DEFAULT_Y_TOLERANCE = 3.0
DEFAULT_DEDUPE_TOLERANCE = 1.0  # fake bold draws each glyph twice, offset by a fraction of a point
DEFAULT_MARGIN_RATIO = 0.09  # share of page height at top and bottom where running heads and folios live
DEFAULT_HEADING_SIZE_RATIO = 1.15  # a line this much larger than body text is a heading
DEFAULT_MIN_GUTTER = 8.0  # points of empty vertical strip that separate two columns
DEFAULT_REPEAT_SHARE = 0.3  # margin text on this share of pages (at least 2) is running furniture


@dataclass(frozen=True)
class PdfSettings:
    x_tolerance_ratio: float = DEFAULT_X_TOLERANCE_RATIO
    y_tolerance: float = DEFAULT_Y_TOLERANCE
    dedupe_tolerance: float = DEFAULT_DEDUPE_TOLERANCE
    margin_ratio: float = DEFAULT_MARGIN_RATIO
    heading_size_ratio: float = DEFAULT_HEADING_SIZE_RATIO
    min_gutter: float = DEFAULT_MIN_GUTTER
    repeat_share: float = DEFAULT_REPEAT_SHARE

    def __post_init__(self) -> None:
        if not 0 < self.x_tolerance_ratio < 1:
            raise ValueError("x_tolerance_ratio must be in (0, 1)")
        if not 0 <= self.margin_ratio < 0.5:
            raise ValueError("margin_ratio must be in [0, 0.5)")
        if self.heading_size_ratio <= 1:
            raise ValueError("heading_size_ratio must be > 1")
        if not 0 < self.repeat_share <= 1:
            raise ValueError("repeat_share must be in (0, 1]")
