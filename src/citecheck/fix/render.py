"""Writing a list of reference numbers the way the document writes them.

A citation is rewritten in its own style: its separator (``,`` ``, ``
``，`` ``、``), its range dash (``-`` ``–`` ``~``), Unicode superscript digits
when it uses them, IEEE's ``[1]–[3]`` when it was written so.  Consecutive
numbers are compressed into a range as the document does: runs of three or
more always (Vancouver, GB/T 7714), pairs only when the document writes a pair
as a range (``[6-7]``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from citecheck.model import Citation, CiteItem, Document

_SUPER = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_SUPER_DIGITS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
_DIGITS = re.compile(r"[0-9⁰¹²³⁴⁵⁶⁷⁸⁹]+")


@dataclass(frozen=True)
class NumberStyle:
    """How one citation writes its numbers."""

    separator: str = ","
    dash: str = "-"
    pair_as_range: bool = False
    superscript_digits: bool = False
    ieee: bool = False  # "[1]–[3]": each number in its own brackets
    open: str = "["
    close: str = "]"
    compress: bool = True


def item_dash(item: CiteItem, text: str) -> str | None:
    """The dash a range item is written with (``"–"`` in ``6–8``, ``" - "`` in
    ``6 - 8``, ``"⁻"`` in ``⁶⁻⁸``); ``text`` is the item's source text."""
    if not item.is_range:
        return None
    written = text[item.span.start : item.span.end]
    parts = _DIGITS.split(written)
    if len(parts) != 3:
        return None
    dash = parts[1]
    if written.startswith(("[", "［", "【")):  # IEEE "[1]–[3]": the dash between the brackets
        dash = dash.strip("[]［］【】")
    return dash or None


def is_ieee_range(citation: Citation) -> bool:
    """IEEE's ``[1]–[3]``: one range item that is the whole citation, brackets and all."""
    items = citation.items
    return (
        len(items) == 1 and items[0].is_range and items[0].span == citation.span
        and citation.text[:1] in "[［【" and citation.text[-1:] in "]］】"
    )


@dataclass(frozen=True)
class DocumentHabits:
    """What the document does most often, for citations that do not show it."""

    separator: str
    dash: str
    pair_as_range: bool
    compress: bool = True  # False when the document writes runs out ([1, 2, 3, 4]) and never as ranges

    @classmethod
    def of(cls, citations: Iterable[Citation], text_of: dict[int, str]) -> DocumentHabits:
        separators: Counter[str] = Counter()
        dashes: Counter[str] = Counter()
        pair_as_range = False
        ranges = written_out = 0
        for citation in citations:
            written_out += _writes_runs_out(citation)
            ranges += any(item.is_range for item in citation.items)
            items = citation.items
            source_text = text_of.get(citation.span.source, "")
            for item in items:
                dash = item_dash(item, source_text)
                if dash is not None:
                    dashes[dash] += 1
                    if not is_ieee_range(citation) and item.first is not None and item.last == item.first + 1:
                        pair_as_range = True
            for a, b in zip(items, items[1:]):
                text = text_of.get(a.span.source, "")
                separators[text[a.span.end : b.span.start]] += 1
        separator = separators.most_common(1)[0][0] if separators else ","
        dash = dashes.most_common(1)[0][0] if dashes else "-"
        return cls(separator, dash, pair_as_range, compress=ranges >= written_out)


def citation_style(citation: Citation, text: str, habits: DocumentHabits) -> NumberStyle:
    """The :class:`NumberStyle` of ``citation`` (``text``: its source's text)."""
    items = citation.items
    separator = text[items[0].span.end : items[1].span.start] if len(items) > 1 else habits.separator
    dash = next((d for d in (item_dash(i, text) for i in items) if d is not None), None)
    ieee = is_ieee_range(citation)
    superscript = any(ch in _SUPER_DIGITS for ch in citation.text)
    if dash is None:
        dash = "⁻" if superscript else habits.dash
    open_, close = (citation.text[:1], citation.text[-1:]) if ieee else ("[", "]")
    compress = any(item.is_range for item in items) or (habits.compress and not _writes_runs_out(citation))
    return NumberStyle(separator, dash, habits.pair_as_range, superscript, ieee, open_, close, compress)


def _writes_runs_out(citation: Citation) -> bool:
    """Whether the citation lists three consecutive numbers one by one (``1, 2, 3``)."""
    singles = [i.first for i in citation.items if not i.is_range and i.first is not None]
    return any(b == a + 1 and c == b + 1 for a, b, c in zip(singles, singles[1:], singles[2:]))


def runs(numbers: Iterable[int], pair_as_range: bool, compress: bool = True) -> list[tuple[int, int]]:
    """Sorted, distinct ``numbers`` as (first, last) runs, compressed as the style says."""
    out: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if out and out[-1][1] == n - 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    if not compress:
        return [(n, n) for lo, hi in out for n in range(lo, hi + 1)]
    shortest = 2 if pair_as_range else 3
    split: list[tuple[int, int]] = []
    for lo, hi in out:
        if hi - lo + 1 >= shortest:
            split.append((lo, hi))
        else:
            split.extend((n, n) for n in range(lo, hi + 1))
    return split


def render(numbers: Iterable[int], style: NumberStyle) -> str:
    """The citation content for ``numbers`` in ``style``."""
    parts = []
    for lo, hi in runs(numbers, style.pair_as_range, style.compress):
        if style.ieee:
            one = f"{style.open}{lo}{style.close}"
            parts.append(one if lo == hi else f"{one}{style.dash}{style.open}{hi}{style.close}")
        else:
            parts.append(str(lo) if lo == hi else f"{lo}{style.dash}{hi}")
    separator = style.separator if not style.ieee else ", "
    out = separator.join(parts)
    return out.translate(_SUPER) if style.superscript_digits else out
