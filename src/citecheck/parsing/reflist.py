"""Finding the reference list of a text manuscript and splitting it into entries.

The list starts after a heading (see :mod:`citecheck.parsing.headings`).  Its
entries are numbered ``1.``, ``[1]``, ``1)``, ``(1)`` or ``1 ``, or unnumbered
(one per line, or one per paragraph when blank lines separate them).  An entry
that wraps over several lines is one entry.  The list ends where the entries
stop: at a heading, or at a paragraph that is not an entry (the seed article's
editor credits and reader comments follow its list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import takewhile

from citecheck.model import Reference, ReferenceOrigin, Span
from citecheck.parsing import yearstatus
from citecheck.parsing.headings import is_reference_heading, is_subheading

_ATX = re.compile(r"^ {0,3}(#{1,6})[^\S\n]+(.*?)[^\S\n]*#*[^\S\n]*$")
_ATX_ANY = re.compile(r"^ {0,3}#{1,6}(?:[^\S\n]|$)")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[^\S\n]*$")

# Entry markers, tried in this order on the first entry; the list then keeps
# the kind it started with.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bracket", re.compile(r"^[^\S\n]*(?:[-*+][^\S\n]+)?[\[［【][^\S\n]*(\d{1,5})[^\S\n]*[\]］】][^\S\n]*")),
    ("paren", re.compile(r"^[^\S\n]*(?:[-*+][^\S\n]+)?[(（][^\S\n]*(\d{1,5})[^\S\n]*[)）][^\S\n]*")),
    ("dot", re.compile(r"^[^\S\n]*(\d{1,5})[.．、][^\S\n]*(?=\S)")),
    ("close", re.compile(r"^[^\S\n]*(\d{1,5})\)[^\S\n]*(?=\S)")),
    ("space", re.compile(r"^[^\S\n]*(\d{1,5})[^\S\n]+(?=[^\d\s])")),
)
_BULLET = re.compile(r"^[^\S\n]*[-*+•][^\S\n]+")
# A year, a status in place of one (see citecheck.parsing.yearstatus: a weak
# one only in parentheses), a DOI or a link: what every reference holds.
_YEAR_OR_ID = re.compile(
    r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)|\bn\.\s?d\.|(?<!\w)(?:" + yearstatus.STRONG + r")(?!\w)"
    r"|[(（]\s*(?:" + yearstatus.WEAK + r")\s*[)）]|10\.\d{4,9}/|https?://|\bdoi\b",
    re.IGNORECASE,
)
#: A numbered entry may skip numbers (a gap is reported), but a marker whose
#: number jumps further than this from the previous one is not an entry.
MAX_NUMBER_JUMP = 50
#: How many non-blank lines a numbered list may be interrupted by (after a
#: blank line) before the next entry, and still go on.
LOOKAHEAD_LINES = 3
#: An unnumbered list is split per paragraph only if no paragraph is longer
#: than this; longer paragraphs mean blank lines are page breaks, not separators.
MAX_ENTRY_LINES = 6
# A wrapped line that ends a word with a hyphen or dash joins the next without a space.
_WRAP_HYPHEN = re.compile(r"\S[-‐–—]$")
_INITIAL_END = re.compile(r"(?:^|[\s.,(])[A-Z]\.\s*$")
_TERMINAL = re.compile(r"[.。!?]\s*$|\d{4}[a-z]?\)?\.?\s*$|https?://\S+\s*$")


@dataclass(frozen=True)
class Line:
    start: int
    end: int  # offset of the line's end, without the newline
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class ReferenceList:
    """A reference list found in a text: its heading and its entries."""

    heading: Span
    end: int  # offset where the list (the last entry) ends
    references: tuple[Reference, ...]
    numbered: bool


def split_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    end = len(text) if end is None else end
    pos = start
    while pos <= end:
        nl = text.find("\n", pos, end)
        stop = end if nl == -1 else nl
        yield Line(pos, stop, text[pos:stop])
        if nl == -1:
            return
        pos = nl + 1


def find_headings(text: str, markdown: bool) -> list[tuple[Line, int]]:
    """Reference-list headings: ``(heading line, offset where the list starts)``.

    The lines are walked as strings (what :func:`split_lines` gives, without its
    objects): a long manuscript has tens of thousands of lines and a few headings."""
    lines = text.split("\n")
    last = len(lines) - 1
    found = []
    end = -1
    for i, line in enumerate(lines):
        start = end + 1
        end = start + len(line)
        if len(line) > 120 or not line.strip():
            continue
        atx = _ATX.match(line)
        if atx:
            if is_reference_heading(atx.group(2)):
                found.append((Line(start, end, line), end + 1))
            continue
        # An underlined heading: setext in Markdown, and just as common in plain text.
        if i < last and _SETEXT.match(lines[i + 1]) and is_reference_heading(line):
            found.append((Line(start, end, line), end + len(lines[i + 1]) + 2))
        elif is_reference_heading(line):
            found.append((Line(start, end, line), end + 1))
    return found


def _is_heading(line: Line, markdown: bool) -> bool:
    return bool(markdown and _ATX_ANY.match(line.text)) or is_reference_heading(line.text)


def _looks_like_reference(text: str) -> bool:
    return len(text.strip()) >= 15 and bool(_YEAR_OR_ID.search(text))


looks_like_reference = _looks_like_reference


def entry_marker(line: str) -> tuple[int, int] | None:
    """The number of a reference entry written at the start of ``line``
    (``1.``, ``[1]``, ``(1)``, ``1)``, ``1 ``) and where the entry's text starts."""
    for _, pattern in _MARKERS:
        match = pattern.match(line)
        if match:
            return int(match.group(1)), match.end()
    return None


def _numbered_entries(
    lines: list[Line], kind: str, pattern: re.Pattern[str], markdown: bool
) -> list[tuple[int, Line, list[Line]]]:
    """Group lines into (number, first line, all lines) for a numbered list."""
    entries: list[tuple[int, Line, list[Line]]] = []
    after_blank = False
    for index, line in enumerate(lines):
        if line.blank:
            after_blank = True
            continue
        match = pattern.match(line.text)
        if match and entries:
            number = int(match.group(1))
            previous = entries[-1][0]
            if abs(number - previous) > MAX_NUMBER_JUMP:
                match = None
        if match:
            entries.append((int(match.group(1)), line, [line]))
            after_blank = False
            continue
        if _is_subheading(line, lines[index - 1] if index else None):
            after_blank = True  # "Articles" between "2. ..." and "3. ...": the list goes on
            continue
        if _is_heading(line, markdown):
            break
        if (
            after_blank
            and not line.text[:1].isspace()
            and (not entries or _TERMINAL.search(entries[-1][2][-1].text))
            and not _entry_follows(
                lines, index, pattern, entries[-1][0] if entries else 0
            )
        ):
            break
        if entries:
            entries[-1][2].append(line)
        after_blank = False
    return entries


def _markdown_numbers(
    entries: list[tuple[int, Line, list[Line]]],
) -> list[tuple[int, Line, list[Line]]]:
    """A Markdown ordered list written ``1.`` ``1.`` ``1.`` renders as 1, 2, 3:
    only its first number counts.  Any other numbering is taken as written."""
    if len(entries) > 1 and len({number for number, _, _ in entries}) == 1:
        start = entries[0][0]
        return [(start + i, line, group) for i, (_, line, group) in enumerate(entries)]
    return entries


def _entry_follows(lines: list[Line], index: int, pattern: re.Pattern[str], previous: int) -> bool:
    """Whether the next entry (numbered just after ``previous``) starts within a
    few lines: then a paragraph break before it is a page or column break inside
    an entry (pdftotext output is full of them), not the end of the list."""
    seen = 0
    for line in lines[index + 1 :]:
        if line.blank:
            continue
        match = pattern.match(line.text)
        if match:
            return previous < int(match.group(1)) <= previous + 2
        seen += 1
        if seen >= LOOKAHEAD_LINES:
            return False
    return False


def _is_subheading(line: Line, previous: Line | None) -> bool:
    """A heading inside the list that starts a group of entries ("Primary
    sources", "中文文献"): a known name on a line of its own, not indented,
    after the list's start, a blank line or a finished entry (so a wrapped
    title that happens to end on "Data" is not one)."""
    if not is_subheading(line.text):
        return False
    if _ATX_ANY.match(line.text):
        return True
    return not line.text[:1].isspace() and (
        previous is None or previous.blank or bool(_TERMINAL.search(previous.text))
    )


def _unnumbered_entries(lines: list[Line], markdown: bool) -> list[list[Line]]:
    """The entries of an unnumbered list, group by group: a sub-heading
    ("Secondary sources") divides the list; the list ends at another heading."""
    groups: list[list[Line]] = [[]]
    previous: Line | None = None
    for line in lines:
        if _is_subheading(line, previous):
            groups.append([])
        elif _is_heading(line, markdown):
            break
        else:
            groups[-1].append(line)
        previous = line
    entries: list[list[Line]] = []
    for block in groups:
        found = _group_entries(block)
        entries.extend(found)
        if not _ends_in_list(block, found):
            break  # the list ended inside this group (editor credits, a note)
    return entries


def _paragraphs(block: list[Line]) -> list[list[Line]]:
    paragraphs: list[list[Line]] = [[]]
    for line in block:
        if line.blank:
            if paragraphs[-1]:
                paragraphs.append([])
        else:
            paragraphs[-1].append(line)
    return [p for p in paragraphs if p]


def _ends_in_list(block: list[Line], found: list[list[Line]]) -> bool:
    """Whether every non-blank line of ``block`` went into an entry (the list goes on after it)."""
    used = sum(len(entry) for entry in found)
    return used == sum(1 for line in block if not line.blank)


def _group_entries(block: list[Line]) -> list[list[Line]]:
    """One entry per paragraph when blank lines separate entries, else per line."""
    paragraphs = _paragraphs(block)
    # Only the paragraphs before the first one that is no reference (editor
    # credits, a note) tell whether blank lines separate the entries.
    listed = list(takewhile(lambda p: _looks_like_reference(" ".join(ln.text for ln in p)), paragraphs))
    per_paragraph = (
        len(listed) > 1
        and any(len(p) > 1 for p in listed)
        and all(len(p) <= MAX_ENTRY_LINES for p in listed)
    )
    if not per_paragraph:
        # Hanging indents: an indented line continues the entry above it.
        paragraphs = []
        for line in (ln for ln in block if not ln.blank):
            if paragraphs and _continues(paragraphs[-1][-1], line):
                paragraphs[-1].append(line)
            else:
                paragraphs.append([line])
    entries = []
    for para in paragraphs:
        if not _looks_like_reference(" ".join(ln.text for ln in para)):
            break
        entries.append(para)
    return entries


def _continues(previous: Line, line: Line) -> bool:
    """Whether ``line`` wraps the entry that ``previous`` belongs to: it has a
    hanging indent, starts in lower case or with a digit, or ``previous`` did
    not end a sentence (a line that ends with an initial, ``and R.L.``, is in
    the middle of an author list)."""
    if _BULLET.match(line.text):
        return False
    first = line.text[:1]
    return (
        first.isspace()
        or first.islower()
        or first.isdigit()
        or not _TERMINAL.search(previous.text)
        or bool(_INITIAL_END.search(previous.text))
    )


def _entry_text(first_body_start: int, lines: list[Line], text: str) -> str:
    """An entry's text from the *original* text (URLs and the like unmasked).

    Wrapped lines are joined with a space, except after a hyphen or dash that
    ends a word: ``672--`` / ``686`` is ``672--686``, not ``672-- 686``.
    """
    parts = [text[first_body_start : lines[0].end].strip()]
    parts.extend(text[ln.start : ln.end].strip() for ln in lines[1:])
    joined = ""
    for part in filter(None, parts):
        if joined and not _WRAP_HYPHEN.search(joined):
            joined += " "
        joined += part
    return joined


def parse_list(
    text: str, heading: Line, start: int, markdown: bool, original: str | None = None
) -> ReferenceList | None:
    """Parse the entries that follow a heading; ``None`` when there are none.

    ``text`` is the masked text that decides the structure; ``original`` (same
    offsets) supplies the entries' wording.
    """
    original = text if original is None else original
    lines = list(split_lines(text, min(start, len(text))))
    first = next((ln for ln in lines if not ln.blank and not _is_subheading(ln, None)), None)
    if first is None:
        return None
    refs: list[Reference] = []
    for kind, pattern in _MARKERS:
        if pattern.match(first.text):
            entries = _numbered_entries(lines, kind, pattern, markdown)
            if markdown and kind in ("dot", "close"):
                entries = _markdown_numbers(entries)
            for number, line, group in entries:
                match = pattern.match(line.text)
                assert match is not None
                body = _entry_text(line.start + match.end(), group, original)
                refs.append(
                    Reference(
                        label=str(number),
                        span=Span(line.start + _indent(line.text), _line_end(group[-1], original)),
                        text=body,
                        number=number,
                        origin=ReferenceOrigin.LIST,
                        number_span=Span(line.start + match.start(1), line.start + match.end(1)),
                    )
                )
            numbered = True
            break
    else:
        numbered = False
        for position, group in enumerate(_unnumbered_entries(lines, markdown), start=1):
            bullet = _BULLET.match(group[0].text)
            body_start = group[0].start + (bullet.end() if bullet else 0)
            refs.append(
                Reference(
                    label=str(position),
                    span=Span(group[0].start + _indent(group[0].text), _line_end(group[-1], original)),
                    text=_entry_text(body_start, group, original),
                    number=position,
                    origin=ReferenceOrigin.LIST,
                    numbered_explicitly=False,
                )
            )
    if not refs:
        return None
    return ReferenceList(
        heading=Span(heading.start + _indent(heading.text), heading.end),
        end=refs[-1].span.end,
        references=tuple(refs),
        numbered=numbered,
    )


def _line_end(line: Line, original: str) -> int:
    """Where ``line``'s text ends, trailing blanks left out, in the *original*
    text (masking blanks a URL, which may end the line)."""
    return line.start + len(original[line.start : line.end].rstrip())


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def find_reference_lists(
    text: str, markdown: bool, original: str | None = None
) -> list[ReferenceList]:
    """Every headed section of ``text`` that parses as a reference list, in order.

    ``text`` may be masked; ``original`` (same offsets) supplies entry wording.
    """
    found = []
    for heading, start in find_headings(text, markdown):
        parsed = parse_list(text, heading, start, markdown, original)
        if parsed is not None:
            found.append(parsed)
    return found


def find_reference_list(
    text: str, markdown: bool, original: str | None = None
) -> ReferenceList | None:
    """The reference list of ``text``: the last headed section that parses as a list."""
    found = find_reference_lists(text, markdown, original)
    return found[-1] if found else None
