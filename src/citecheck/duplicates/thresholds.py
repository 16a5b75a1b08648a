"""The duplicate detector's thresholds, calibrated as :mod:`citecheck.duplicates` describes."""

from __future__ import annotations

TITLE_SIMILARITY = 90
"""Minimum ``fuzz.ratio`` of normalised titles for two references to be one work."""

IDENTIFIER_TITLE_SIMILARITY = 60
"""Below this, two references that share an identifier have different titles:
book chapters carrying the book's DOI, not one work listed twice."""

RELATED_TITLE_SIMILARITY = 85
"""Minimum title similarity for a conference/preprint and journal version."""

CONTAINER_SIMILARITY = 50
"""Journal names less similar than this (``token_set_ratio``), and neither an
abbreviation nor an acronym of the other, name different venues."""

YEAR_TOLERANCE = 1
"""Years may differ by this much (online-first year against print year)."""

RELATED_YEAR_TOLERANCE = 2
"""A journal version usually follows its conference paper within two years."""

SAME_PEOPLE_SHARE = 0.8
"""Author lists in another order name the same people when they share at
least this share of the shorter list (and at least two names)."""

BLOCK_TOKENS = 3
"""How many of a title's rarest words index it for candidate pairs."""

MAX_BLOCK = 1000
"""Blocks larger than this (a word common to many titles) are not compared."""
