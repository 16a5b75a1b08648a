"""Finding pandoc citations: ``[@key]``, ``[-@key]``, ``[see @a, p. 3; @b]``, ``@key``.

The text must be masked first (code, HTML comments, links and URLs blanked,
see :func:`citecheck.parsing.masking.mask_markdown`).  Keys follow pandoc's
rules: they start with a letter, digit or ``_`` and may contain internal
punctuation (``:.#$%&-+?<>~/``) when it is followed by a letter or digit,
and ``:`` or ``/`` before a ``/`` (so ``@url:https://example.org/a`` is one
key, as in pandoc's ``simpleCiteIdentifier``); a trailing ``/`` or ``.`` ends
the key, so Manubot users brace such keys: ``@{url:https://example.org/}``.
``@{...}`` takes any key.  An ``@`` preceded by a letter or digit is part of
an e-mail address, not a citation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.model import Citation, CitationStyle, CiteItem, Span
from citecheck.parsing.citations import Tally

_KEY = r"(?:\{(?P<braced>[^{}\n]+)\}|(?P<plain>[\w](?:[\w]|[:.#$%&\-+?<>~/](?=\w)|[:/](?=/))*))"
# A key where a citation may start: not after a word character, a backslash or another @.
_AT_KEY = re.compile(r"(?<![\w@\\])-?@" + _KEY)
# A bracket group on one paragraph, no nested brackets.
_BRACKET = re.compile(r"\[((?:[^\[\]\n]|\n(?![ \t]*\n))*)\](?![(\[])")
#: Prefixes of pandoc-crossref and Quarto cross-references (``@fig:plot``, ``@tbl-data``).
CROSSREF_PREFIX = re.compile(
    r"^(?:fig|tbl|lst|eq|sec|thm|lem|cor|prp|cnj|def|exm|exr|sol|rem|tip|nte|wrn|imp|cau)[-:]"
)


def _key(match: re.Match[str]) -> str:
    return match.group("braced") or match.group("plain")


def _key_span(match: re.Match[str]) -> tuple[int, int]:
    name = "braced" if match.group("braced") is not None else "plain"
    return match.start(name), match.end(name)


def _bracket_items(text: str, start: int, end: int) -> tuple[CiteItem, ...] | None:
    """The keys of a bracket's items, or ``None`` if some item has no key."""
    items: list[CiteItem] = []
    pos = start
    while pos <= end:
        stop = text.find(";", pos, end)
        stop = end if stop == -1 else stop
        match = _AT_KEY.search(text, pos, stop)
        if match is None:
            return None
        key_start, key_end = _key_span(match)
        items.append(CiteItem(text=text[match.start() : key_end + (text[key_end : key_end + 1] == "}")],
                              span=Span(key_start, key_end), key=_key(match)))
        pos = stop + 1
    return tuple(items)


def scan_pandoc(masked: str, original: str) -> list[Citation]:
    """The pandoc citations of ``masked`` text, in order; texts taken from ``original``."""
    found: list[Citation] = []
    covered: list[tuple[int, int]] = []
    if "@" not in masked:
        return found
    tally = Tally()
    for match in _BRACKET.finditer(masked):
        if "@" not in match.group(1):
            continue
        items = _bracket_items(masked, match.start(1), match.end(1))
        if not items:
            continue
        found.append(tally.add(Citation(Span(match.start(), match.end()), original[match.start() : match.end()],
                                        items, CitationStyle.KEY, command="bracket")))
        covered.append((match.start(), match.end()))
    in_text = [tally.add(citation) for citation in _in_text(masked, original, covered)]
    return sorted(found + in_text, key=lambda c: c.span.start)


def _in_text(masked: str, original: str, covered: list[tuple[int, int]]) -> Iterator[Citation]:
    ci = 0
    for match in _AT_KEY.finditer(masked):
        while ci < len(covered) and covered[ci][1] <= match.start():
            ci += 1
        if ci < len(covered) and covered[ci][0] <= match.start():
            continue
        if match.group(0).startswith("-"):
            continue  # [-@key] is only meaningful in brackets
        key_start, key_end = _key_span(match)
        end = key_end + (masked[key_end : key_end + 1] == "}")
        item = CiteItem(text=original[match.start() : end], span=Span(key_start, key_end), key=_key(match))
        yield Citation(Span(match.start(), end), original[match.start() : end], (item,),
                       CitationStyle.KEY, command="in-text")


def has_bracket_citation(masked: str) -> bool:
    """Whether the text holds at least one ``[@key]`` citation (pandoc syntax)."""
    for match in _BRACKET.finditer(masked):
        if "@" in match.group(1) and _bracket_items(masked, match.start(1), match.end(1)):
            return True
    return False


__all__ = ["CROSSREF_PREFIX", "has_bracket_citation", "scan_pandoc"]
