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

RELATED_CONTAINED_TITLE = 95
"""A journal version often shortens the preprint's title ("... for Semantic
Similarity" against "... for UMLS Semantic Similarity and Relatedness in the
Biomedical Domain").  When ``token_set_ratio`` reaches this (the shorter
title's words all stand in the longer one), the titles count as similar for
CC203 even if ``fuzz.ratio`` is below :data:`RELATED_TITLE_SIMILARITY`."""

RELATED_CONTAINED_MIN_WORDS = 6
"""The shorter title must have at least this many words for containment to
count: "Introduction" is contained in many titles."""

YEAR_TOLERANCE = 1
"""Years may differ by this much (online-first year against print year)."""

RELATED_YEAR_TOLERANCE = 2
"""A journal version usually follows its conference paper within two years."""

SAME_PEOPLE_SHARE = 0.8
"""Author lists in another order name the same people when they share at
least this share of the shorter list (and at least two names)."""

BLOCK_TOKENS = 3
"""How many of a title's rarest words index it for candidate pairs."""

TITLE_PREFIX_WORDS = 4
"""A title's first this many words also index it for candidate pairs."""

COMMON_WORD_TITLES = 500
"""A title word found in more than this many titles is too common to index
them: such words are replaced by pairs of words (see
:func:`citecheck.duplicates.index.candidate_pairs`).  A list of fewer titles
never has one."""


SMALL_BLOCK = 16
"""An index block of at most this many references compares all its pairs
(within the year window)."""

NEIGHBOURS = 4
"""In a larger block each reference meets this many neighbours in title
order and as many in reversed-title order."""

WHOLE_SIMILARITY = 90
"""With the same year, volume and first page, two references whose whole
normalised text is at least this similar (``fuzz.ratio``) are one work, even
when the field parse failed on one of them (a garbled author list, a title
run into the journal name)."""

PREFIX_MIN_WORDS = 4
"""With the same year, volume and first page, a title that begins with the
whole of the other title (at least this many words: a note appended) is the
same title."""

SHORT_TITLE_WORDS = 3
"""Titles of at most this many words that differ, with different web
addresses, name different things (software, web pages), however similar."""
