"""Finding numbered in-text citations: brackets, superscripts, parentheses.

Each scanner takes *masked* text (code, comments and links blanked out, see
:mod:`citecheck.parsing.masking`) and the offsets to skip (the reference list),
and yields :class:`~citecheck.model.Citation` objects whose spans index the
original text.  Every pattern is linear: the character classes exclude the
delimiters, so a file of 100,000 ``[`` characters is one quick pass.

What counts as a citation's content: numbers from 1 up, single or in ranges,
separated by commas (``,`` ``，`` ``、``) or semicolons; ranges written with
``-`` ``–`` ``—`` ``~`` ``～``.  Anything else in the brackets (``[n = 40]``,
``[sic]``, ``[0, 1]``, ``[0.5, 2]``) means the brackets are not a citation.

Limits against hostile input: one scan finds at most :data:`MAX_CITATIONS`
citations, naming at most :data:`MAX_CITED_LABELS` references in all (ranges
counted by their length); past either, :class:`TooManyCitations` is raised
and the file is reported as unreadable (CC001).  A long book has a few
thousand citations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from citecheck.errors import CitecheckError
from citecheck.model import (
    Citation,
    CitationStyle,
    CiteItem,
    Span,
    new_citation,
    new_bracket_citation,
    new_number_item,
    new_span,
)

_BRACKET = re.compile(r"[\[［【]([^\[\]［］【】\n]{0,120})[\]］】]")
_PAREN = re.compile(r"[(（]([^()（）\n]{1,120})[)）]")
# The same patterns for a text without full-width openers: starting with one literal
# character, they are searched for as fast as str.find (six times as fast on 8 MB).
_BRACKET_ASCII = re.compile(r"\[([^\[\]［］【】\n]{0,120})[\]］】]")
_PAREN_ASCII = re.compile(r"\(([^()（）\n]{1,120})[)）]")
_CARET = re.compile(r"\^([^\^\s]{1,60})\^")
_SUP_TAG = re.compile(r"<sup>([^<\n]{1,120})</sup>", re.IGNORECASE)
# The separated groups are bounded: a run longer than MAX_CITATION_LENGTH is no citation, and
# an unbounded repeated group made one giant match (a line of "¹,¹,¹,...") superlinear.
_SUPERSCRIPT_RUN = re.compile(
    r"[⁰¹²³⁴⁵⁶⁷⁸⁹]+(?:[^\S\n]?[⁻˗‐‑–—,،﹐\u207b~][^\S\n]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+){0,61}"
)
#: The rest of an over-long run, skipped in one linear step.
_SUPERSCRIPT_REST = re.compile(r"[⁰¹²³⁴⁵⁶⁷⁸⁹⁻˗‐‑–—,،﹐\u207b~]*")
_SUPERSCRIPT_DIGIT_CHARS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_SEPARATOR = re.compile(r"[,，、;；]")
_ITEM = re.compile(r"^(\d{1,5})(?:[^\S\n]*([-–—~～‐‑−⁻][^\S\n]*)(\d{1,5})?)?$")
_DASH_BETWEEN = re.compile(r"^[^\S\n]*[-–—~～‐‑−][^\S\n]*$")
#: The dashes of :data:`_DASH_BETWEEN`: what it matches starts with one or with white space.
_DASHES = "-–—~～‐‑−"
# A superscript after these is an exponent or a unit, not a citation: 10⁻³, m², x².
_EXPONENT_BEFORE = re.compile(r"(?:\d|\b(?:[a-zA-Z]|cm|mm|km|nm|µm|μm|kg|mg|ms|mol|Hz|dm))$")
_LINE_START = re.compile(r"(?:^|\n)[^\S\n]*$")
_INTERVAL_BEFORE = re.compile(r"\bintervals?\s*$", re.IGNORECASE)

#: A bracketed number this large is a year, not a citation, when the reference
#: list is far shorter (``[2019]``).
YEAR_MIN = 1000
#: The longest text one citation may have; bracket contents are limited alike.
MAX_CITATION_LENGTH = 120
#: The most citations one scan of a document may find.
MAX_CITATIONS = 100_000
#: The most references all the citations of one scan may name, ranges counted
#: by their length (``[1-500]`` names 500).
MAX_CITED_LABELS = 250_000
#: A range longer than this is not expanded (see CiteItem.labels).
_RANGE_LIMIT = 10_000


class TooManyCitations(CitecheckError):
    """A document has more citations, or names more references, than
    :data:`MAX_CITATIONS` / :data:`MAX_CITED_LABELS` allow."""


class Tally:
    """Counts the citations a scan finds; raises :class:`TooManyCitations` past the limits."""

    def __init__(self) -> None:
        self.citations = 0
        self.labels = 0

    def add(self, citation: Citation) -> Citation:
        self.citations += 1
        self.labels += _count_labels(citation.items)
        if self.citations > MAX_CITATIONS or self.labels > MAX_CITED_LABELS:
            _refuse(self.citations)
        return citation


def _refuse(citations: int) -> None:
    """Raise :class:`TooManyCitations`: past :data:`MAX_CITATIONS` when ``citations``
    is, else past :data:`MAX_CITED_LABELS`."""
    if citations > MAX_CITATIONS:
        raise TooManyCitations(
            f"more than {MAX_CITATIONS:,} citations; citecheck refuses a file this large "
            "(a limit against hostile input)")
    raise TooManyCitations(
        f"the citations name more than {MAX_CITED_LABELS:,} references in all (counting "
        "each number of a range); citecheck refuses a file this large (a limit against hostile input)")


def _count_labels(items: tuple[CiteItem, ...]) -> int:
    """How many labels ``items`` expand to, without expanding them (see :func:`_size`)."""
    if len(items) == 1:
        return _size(items[0])
    count = 0
    for item in items:  # a loop, not sum() of a generator: once for every citation
        count += _size(item)
    return count


def _size(item: CiteItem) -> int:
    """How many labels ``item`` expands to, without expanding it."""
    if item.first is None or item.last is None:
        return 1
    count = abs(item.last - item.first) + 1
    return count if count <= _RANGE_LIMIT + 1 else 2


@dataclass(frozen=True)
class ScanContext:
    """What the scanners need besides the text."""

    skip: tuple[Span, ...] = ()
    reference_count: int = 0
    #: Whether the reference list numbers its entries.  An unnumbered list is
    #: numbered by position, which bracket citations may use; superscript or
    #: parenthetical numbers beside one are equation numbers and exponents.
    #: Parenthetical numbers with no list at all are enumerations ("2(b)(1)").
    numbered_list: bool = True

    def skipped(self, start: int) -> bool:
        for span in self.skip:  # a loop, not any(): called for every candidate
            if span.start <= start < span.end:
                return True
        return False


def parse_items(content: str, offset: int) -> tuple[CiteItem, ...] | None:
    """Parse a citation's content into items, or ``None`` if it is not one.

    ``offset`` is where ``content`` starts in the text, for the items' spans.
    An empty content gives an empty tuple (reported as malformed).  What each
    item is, :func:`read_numbers` says.
    """
    if content.isdecimal() and content.isascii() and len(content) <= 5:
        # The common case, one number: what the general case gives, made directly.
        first = int(content)
        return (new_number_item(content, offset, first, first),) if first else None
    numbers = read_numbers(content)
    if numbers is None:
        return None
    return tuple(
        new_number_item(text, offset + at, first, last, is_range) for text, at, first, last, is_range in numbers
    )


#: One item of a citation's content, as :func:`read_numbers` reads it: its text, where
#: it starts in the content, its first and last numbers (``last`` ``None`` for an open
#: range "6-") and whether it is written as a range.
Numbers = tuple[str, int, int, int | None, bool]


def read_numbers(content: str) -> list[Numbers] | None:
    """The items of a citation's content as plain values (what :func:`parse_items`
    makes its items of, without making them), or ``None`` if it is not a citation.

    The common items, ASCII numbers and ranges ("12", "3-5"), are read with
    string methods; any other item (Unicode digits or dashes, spaces around the
    dash, an open range "6-") goes to :data:`_ITEM`, which defines them all.
    """
    if not content.strip():
        return []
    items: list[Numbers] = []
    pos = 0
    ascii_text = content.isascii()
    # str.split is re.split for one literal separator: commas only, the common case.
    parts = content.split(",") if ascii_text and ";" not in content else _SEPARATOR.split(content)
    for part in parts:
        unindented = part.lstrip()
        stripped = unindented.rstrip()
        start = pos + len(part) - len(unindented)
        pos += len(part) + 1
        if not stripped:
            return None
        last: int | None
        if stripped.isdecimal() and (ascii_text or stripped.isascii()) and len(stripped) <= 5:
            first = last = int(stripped)  # one number: what _ITEM gives, without it
            if first == 0:
                return None
            is_range = False
        else:
            low, dash, high = stripped.partition("-")
            if (dash and (ascii_text or stripped.isascii()) and low.isdigit() and high.isdigit()
                    and len(low) <= 5 and len(high) <= 5):
                # "3-5": ASCII digits either side of a hyphen, what _ITEM reads as a closed range
                first, last, is_range = int(low), int(high), True
            else:
                match = _ITEM.match(stripped)
                if not match:
                    return None
                first = int(match.group(1))
                is_range = match.group(2) is not None
                last = int(match.group(3)) if match.group(3) else (None if is_range else first)
            if first == 0 or last == 0:
                return None
        items.append((stripped, start, first, last, is_range))
    return items


def _looks_like_year(items: tuple[CiteItem, ...], reference_count: int) -> bool:
    """:func:`_all_years` of the ends of ``items``."""
    return _all_years([n for item in items for n in (item.first, item.last) if n is not None], reference_count)


def _all_years(numbers: list[int], reference_count: int) -> bool:
    """Whether a citation whose items end in ``numbers`` is years, not a citation
    ("[2019]"): all of them :data:`YEAR_MIN` or more, beside a shorter list."""
    return bool(numbers) and reference_count < YEAR_MIN and min(numbers) >= YEAR_MIN


def scan_brackets(text: str, ctx: ScanContext) -> list[Citation]:
    """``[1]``, ``[1, 3-5]``, ``［1］``, ``【1】``; IEEE's ``[1]–[3]`` as one range."""
    return _scan_brackets(text, ctx)[0]


def _scan_brackets(text: str, ctx: ScanContext) -> tuple[list[Citation], int]:
    """The bracket citations of ``text`` and how many of them :func:`_resolvable` counts.

    One pass does what a scan, a merge of IEEE ranges ("[1]–[3]") and a count
    for :func:`choose_style` did in three: a long manuscript has 100,000
    citations.  The commonest citation, one ASCII number ("[12]"), is built
    from what :func:`_one_number` found the first time it was written so (a
    manuscript cites each reference many times); any other content is read by
    :func:`read_numbers` and goes through the year and interval checks.  A
    citation of plain numbers leaves its items to be read when asked for (see
    :func:`~citecheck.model.new_bracket_citation`): the rules read labels.
    """
    found: list[Citation] = []
    count = ctx.reference_count
    skip = ctx.skip
    # One skipped span (the reference list) is tested inline; more go to ctx.skipped.
    lo, hi = (skip[0].start, skip[0].end) if len(skip) == 1 else (0, 0)
    several = len(skip) > 1
    cited = labels = 0  # what Tally counts
    resolvable = 0
    # The one-number citations seen, by their text: see _one_number.
    numbers: dict[str, tuple[str, int, tuple[str, ...], bool]] = {}
    # The last citation found, if it is one number (not a range) that "–[n]" may extend to a range:
    # the citation, where it ends, its number and whether it resolves.
    single: Citation | None = None
    single_end = single_number = -1
    single_within = False
    number: int | None
    bracket = CitationStyle.BRACKET
    pattern = _BRACKET if "［" in text or "【" in text else _BRACKET_ASCII
    for match in pattern.finditer(text):
        start = match.start()
        if lo <= start < hi or (several and ctx.skipped(start)):
            continue
        written = match.group(0)
        known = numbers.get(written)
        if known is None:
            content = match.group(1)
            if content.isdecimal() and content.isascii() and len(content) <= 5:
                known = numbers[written] = _one_number(written, content, count)
        if known is not None:
            # One number: what read_numbers and the checks below give, made directly.
            written, number, cited_labels, within = known
            if not number:
                continue
            citation = new_bracket_citation(start, written, bracket, cited_labels)
            end = start + len(written)
            cited += 1
            labels += 1
        else:
            end = match.end()
            if not content and written != "[]":
                continue
            read = read_numbers(content)
            if (
                read is None
                or (count < YEAR_MIN and _year_like(read, count))
                or (len(read) == 2 and _interval_like(read, count, text, start))
            ):
                continue
            cited_labels = _labels_of(read)
            if read and _plain(read, cited_labels):
                citation = new_bracket_citation(start, written, bracket, cited_labels)
            else:  # empty, or with something CC103 reports: its items, made now
                items = tuple(new_number_item(t, start + 1 + at, f, la, r) for t, at, f, la, r in read)
                citation = new_citation(new_span(start, end), written, items, bracket, labels=cited_labels)
            cited += 1
            labels += len(cited_labels)  # as many as _count_labels counts (see _labels_of)
            within = _within_all(read, count)
            number = read[0][2] if len(read) == 1 and not read[0][4] else None
        if cited > MAX_CITATIONS or labels > MAX_CITED_LABELS:
            _refuse(cited)
        if number is not None and single is not None and _dash_between(text, single_end, start):
            # IEEE's "[1]–[3]": one range from the first number to the second.
            first = single.span.start
            span = new_span(first, end)
            written = text[first:end]
            merged = (new_number_item(written, first, single_number, number, True),)
            resolvable += _resolves(merged, count) - single_within
            found[-1] = new_citation(span, written, merged, bracket)
            single = None
            continue
        found.append(citation)
        resolvable += within
        if number is None:
            single = None
        else:
            single, single_end, single_number, single_within = citation, end, number, within
    return found, resolvable


def _one_number(written: str, content: str, reference_count: int) -> tuple[str, int, tuple[str, ...], bool]:
    """What :func:`_scan_brackets` needs of a citation of one ASCII number, ``written``
    ("[12]", ``content`` "12"): its text, the number (0 when the citation is none: a
    zero, or a year beside a short list), its labels and whether it resolves.  Kept by
    the text, these are shared by every citation written alike, which saves their
    strings and labels (about 150 bytes a citation) and the reading of the number."""
    number = int(content)
    if reference_count < YEAR_MIN and number >= YEAR_MIN:
        number = 0
    label = content if content[0] != "0" else str(number)
    return written, number, (label,), reference_count == 0 or number <= reference_count


def _year_like(read: list[Numbers], reference_count: int) -> bool:
    """:func:`_all_years` of the ends of the items ``read``."""
    return _all_years([n for _, _, first, last, _ in read for n in (first, last) if n is not None], reference_count)


def _interval_like(read: list[Numbers], reference_count: int, text: str, at: int) -> bool:
    """Whether ``[a, b]`` (the two items ``read``, written at ``at``) is a numeric
    interval rather than a citation: two single numbers in ascending order that both
    lie beyond a known list ("over a time interval [140, 160] (in hours)" beside 30
    references), or that follow the word "interval".  A dangling citation usually
    names one number just past the list's end."""
    (_, _, first, _, first_range), (_, _, second, _, second_range) = read
    if first_range or second_range or first >= second:
        return False
    return 0 < reference_count < first or bool(_INTERVAL_BEFORE.search(text[max(0, at - 12) : at]))


def _labels_of(read: list[Numbers]) -> tuple[str, ...]:
    """The labels of a citation of the items ``read`` (what :attr:`Citation.labels` gives):
    made here, with the citation, at less than half the cost of the property's general
    walk through :meth:`CiteItem.labels` (every rule reads them; a long manuscript
    has tens of thousands of citations of several numbers).  They are as many as
    :func:`_count_labels` counts: a range it counts as two is not expanded."""
    labels: list[str] = []
    for _, _, first, last, _ in read:
        if last is None or last == first:  # a number, or an open range: its first
            labels.append(str(first))
            continue
        low, high = (first, last) if first < last else (last, first)
        if high - low <= _RANGE_LIMIT:
            labels.extend(map(str, range(low, high + 1)))
        else:
            labels += (str(first), str(last))
    return tuple(labels)


def _plain(read: list[Numbers], labels: tuple[str, ...]) -> bool:
    """Whether a citation of the items ``read``, with ``labels``, is plain numbers, of
    which CC103 has nothing to say (its ``_sound``): no open or reversed range, no label
    repeated.  Its items may be read later (see :func:`~citecheck.model.items_unread`)."""
    for _, _, first, last, is_range in read:
        if is_range and (last is None or first > last):
            return False
    return len(labels) == 1 or len(set(labels)) == len(labels)


def _within_all(read: list[Numbers], reference_count: int) -> bool:
    """:func:`_resolves` of the items ``read``."""
    if reference_count == 0:
        return bool(read)
    for _, _, first, last, _ in read:
        if not 0 < first <= reference_count or (last is not None and not 0 < last <= reference_count):
            return False
    return bool(read)


def _dash_between(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a dash between two citations (:data:`_DASH_BETWEEN`),
    looked at only when it starts as one could."""
    if start >= end:
        return False
    head = text[start]
    return (head in _DASHES or head.isspace()) and _DASH_BETWEEN.match(text[start:end]) is not None


def _resolves(items: tuple[CiteItem, ...], reference_count: int) -> bool:
    """Whether a citation of ``items`` counts for :func:`_resolvable`."""
    if reference_count == 0:
        return bool(items)
    if len(items) == 1:
        return _within(items[0], reference_count)
    for item in items:  # a loop, not all() of a generator: once for every citation
        if not _within(item, reference_count):
            return False
    return bool(items)


def scan_superscripts(text: str, ctx: ScanContext) -> list[Citation]:
    """Unicode superscripts (¹²³, ⁴⁻⁶, ¹,³), Markdown ``^1,2^`` and ``<sup>1,2</sup>``."""
    found: list[Citation] = []
    tally = Tally()
    # A run starts with a superscript digit: a text without one (any ASCII text) has none,
    # and is not searched (the search finds no literal to skip to: 0.1 s on 8 MB).
    pos = 0 if any(digit in text for digit in _SUPERSCRIPT_DIGIT_CHARS) else len(text)
    while (match := _SUPERSCRIPT_RUN.search(text, pos)) is not None:
        start, pos = match.start(), match.end()
        if len(match.group(0)) > MAX_CITATION_LENGTH:
            rest = _SUPERSCRIPT_REST.match(text, pos)
            pos = rest.end() if rest else pos
            continue  # a run this long is a pattern, not a citation
        if ctx.skipped(start) or _is_exponent(text, start):
            continue
        if start and text[start - 1] in "⁻^":
            continue
        content = match.group(0).translate(_SUPERSCRIPT_DIGITS)
        items = parse_items(content, start)
        if items:
            found.append(tally.add(_citation(match, items, CitationStyle.SUPERSCRIPT)))
    for pattern in (_CARET, _SUP_TAG):
        for match in pattern.finditer(text):
            if ctx.skipped(match.start()) or _is_exponent(text, match.start()):
                continue
            content = match.group(1)
            inner = content.strip().strip("[]［］")
            # ^[3]^ and <sup>[3]</sup> are superscripted brackets, but in
            # ^1][^ (two footnote markers, [^1][^2]) the brackets do not pair.
            if content.strip() not in (inner, f"[{inner}]", f"［{inner}］"):
                continue
            shift = content.find(inner) if inner else 0
            items = parse_items(inner, match.start(1) + max(shift, 0))
            if items:
                found.append(tally.add(_citation(match, items, CitationStyle.SUPERSCRIPT)))
    found.sort(key=lambda c: c.span.start)
    return found


def _is_exponent(text: str, start: int) -> bool:
    """Whether a superscript at ``start`` follows a number, unit or variable."""
    return bool(_EXPONENT_BEFORE.search(text[max(0, start - 4) : start]))


def scan_parentheses(text: str, ctx: ScanContext) -> list[Citation]:
    """``(1)`` and ``(1–3)``, except an enumeration at the start of a line."""
    found: list[Citation] = []
    tally = Tally()
    for match in (_PAREN if "（" in text else _PAREN_ASCII).finditer(text):
        start = match.start()
        if ctx.skipped(start) or _LINE_START.search(text[max(0, start - 40) : start]):
            continue
        items = parse_items(match.group(1), match.start(1))
        if items and not _looks_like_year(items, ctx.reference_count):
            found.append(tally.add(_citation(match, items, CitationStyle.PARENTHETICAL)))
    return found


def _citation(match: re.Match[str], items: tuple[CiteItem, ...], style: CitationStyle) -> Citation:
    return new_citation(new_span(match.start(), match.end()), match.group(0), items, style)


SCANNERS = {
    CitationStyle.BRACKET: scan_brackets,
    CitationStyle.SUPERSCRIPT: scan_superscripts,
    CitationStyle.PARENTHETICAL: scan_parentheses,
}


def _resolvable(citations: Iterable[Citation], reference_count: int) -> int:
    """How many citations point only at numbers the list has."""
    return sum(_resolves(c.items, reference_count) for c in citations)


def _within(item: CiteItem, reference_count: int) -> bool:
    """Whether every label of ``item`` (a number or a range) is in 1..reference_count."""
    first = item.first
    if first is None:
        return True  # no labels
    last = item.last
    if last is None:
        return 0 < first <= reference_count
    return 0 < first <= reference_count and 0 < last <= reference_count


def detect_style(
    text: str, ctx: ScanContext
) -> tuple[CitationStyle, dict[CitationStyle, list[Citation]]]:
    """Choose the numbered style whose candidates best fit the reference list.

    Ties go to brackets, then superscripts: parenthetical numbers are the most
    often something else (list items, equation numbers).
    """
    candidates: dict[CitationStyle, list[Citation]] = {}
    counted: dict[CitationStyle, int] = {}
    for style, scan in SCANNERS.items():
        if not _plausible(style, ctx):
            candidates[style] = []
        elif style is CitationStyle.BRACKET:  # counted as it is scanned
            candidates[style], counted[style] = _scan_brackets(text, ctx)
        else:
            candidates[style] = scan(text, ctx)
    return choose_style(candidates, ctx.reference_count, counted), candidates


def _plausible(style: CitationStyle, ctx: ScanContext) -> bool:
    """Whether ``style`` is worth detecting, given the reference list (see ScanContext)."""
    if style is CitationStyle.BRACKET:
        return True
    if style is CitationStyle.PARENTHETICAL and ctx.reference_count == 0:
        return False
    return ctx.numbered_list


def choose_style(
    candidates: dict[CitationStyle, list[Citation]],
    reference_count: int,
    counted: dict[CitationStyle, int] | None = None,
) -> CitationStyle:
    """The style whose candidate citations resolve best against a list of
    ``reference_count`` references (ties: brackets, superscripts, parentheses).
    ``counted``: the :func:`_resolvable` counts of some styles, known from their scan."""
    order = [CitationStyle.BRACKET, CitationStyle.SUPERSCRIPT, CitationStyle.PARENTHETICAL]
    known = counted or {}

    def resolvable(style: CitationStyle) -> int:
        if style in known:
            return known[style]
        return _resolvable(candidates.get(style, []), reference_count)

    return max(order, key=lambda s: (resolvable(s), -order.index(s)))


_GREEK_SYMBOL = re.compile(r"(?:^|[^\w])[\u0370-\u03ff]$")


def is_exponent_context(before: str) -> bool:
    """Whether a superscript written right after ``before`` is an exponent or a
    unit (``10⁵``, ``m²``, ``x²``, ``χ²``) rather than a citation."""
    tail = before[-4:]
    return bool(_EXPONENT_BEFORE.search(tail) or _GREEK_SYMBOL.search(tail))


def find_citations(
    text: str, ctx: ScanContext, style: CitationStyle | None = None
) -> tuple[CitationStyle, list[Citation]]:
    """Find the citations of ``text`` in ``style``, detecting it when ``None``."""
    if style is None:
        style, candidates = detect_style(text, ctx)
        return style, candidates[style]
    return style, SCANNERS[style](text, ctx)


def iter_labels(citations: Iterable[Citation]) -> Iterator[tuple[Citation, str]]:
    for cit in citations:
        for label in cit.labels:
            yield cit, label
