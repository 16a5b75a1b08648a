"""Cheap tests that tell, before a regular expression runs, that it cannot match.

The reference parser runs about a hundred patterns over every reference; many
look for a word that most references do not hold ("edition", "thesis",
"Accessed").  A substring test is a small fraction of a search's cost, and
when it fails the pattern cannot match, so the parse is the same.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def may_hold(text: str, words: tuple[str, ...]) -> bool:
    """Whether a case-insensitive pattern that matches only text holding one of
    ``words`` (ASCII, lower case) may match ``text``.

    Only an ASCII text is tested: outside ASCII, re's case-insensitive matching
    also takes "K" (Kelvin sign), "ſ", "ı" and "İ" for k, s and i, which
    ``str.lower`` does not.
    """
    if not text.isascii():
        return True
    lower = text.lower()
    for word in words:
        if word in lower:
            return True
    return False


def collapse_spaces(text: str) -> str:
    """``re.sub(r"\\s+", " ", text)``, without the pass when it would change nothing.

    Every character ``\\s`` matches but the space is unprintable to ``str.isprintable``
    (tabs, line and paragraph breaks, no-break and other Unicode spaces: checked
    over all code points by the tests), so a printable text without two spaces in
    a row has nothing to collapse.
    """
    if text.isprintable() and "  " not in text:
        return text
    return _SPACES.sub(" ", text)


def last_word(text: str, pattern: re.Pattern[str]) -> str:
    """What ``pattern`` (``(\\S+)$``) finds in ``text``: its last word when it does
    not end in a space, else ""."""
    if text.endswith("\n"):  # "$" also matches before a final newline
        found = pattern.search(text)
        return found.group(1) if found else ""
    if not text or text[-1].isspace():
        return ""
    return text.rsplit(None, 1)[-1]
