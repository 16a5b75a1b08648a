"""Splitting an author-year reference list into entries by their heads.

The general splitter (:mod:`citecheck.parsing.reflist`) ends an unnumbered
list at the first paragraph that does not look like a reference.  In
pdftotext output a page break leaves a page number, a form feed or half an
entry there, and the rest of the list would be read as text: its entries as
citations and its authors as missing.  An author-year list has a stronger
signal: every entry starts with authors and a year.  So a line starts an
entry when it begins with a name, the entry above it ended (``.``, ``?``,
``!``) and the line, with the next one, has an author-year head; every other
line continues the entry above it, except a line that starts "Surname, X." and
has a year (an entry whose head did not parse), a page number (skipped) and, after
a blank line, a line with no digit that starts in upper case (a heading such
as "Appendix": the list ends there).
"""

from __future__ import annotations

import re
from dataclasses import replace

from citecheck.model import Reference, Span
from citecheck.parsing.authoryear_names import PARTICLES
from citecheck.parsing.authoryear_refs import YEAR, entry_head
from citecheck.parsing.reflist import Line, split_lines

_PAGE_NUMBER = re.compile(r"^[\s\f]*\d{0,4}[\s\f]*$")
_ENDED = re.compile(r"(?:[.?!]|\d{4}[a-z]?\)?\.?)\s*$")
_INITIAL_END = re.compile(r"(?:^|[\s.,(])[A-Z]\.\s*$")
# "Pinheiro, J., ..." or "United Nations, Department ...": an entry whose head did not parse.
_SURNAME_FIRST = re.compile(r"^[A-Z][\w'’-]+, (?:[A-Z]\.|[A-Z][a-z])")
_HYPHEN_END = re.compile(r"\S[-‐–—]$")
_NAME_START = re.compile(r"^\s*(?:(?:[A-Z]\.(?:-?[A-Z]\.)*\s*)+)?(?P<name>[^\W\d_][^\s,.]*)")


def _starts_entry(line: Line, following: str) -> bool:
    start = _NAME_START.match(line.text)
    if start is None:
        return False
    name = start.group("name")
    if not (name[:1].isupper() or not name[:1].isascii() or name.casefold() in PARTICLES):
        return False
    head = entry_head(f"{line.text.strip()} {following.strip()}")
    return head is not None and head.families[0].split()[-1][:3] in line.text[: start.end() + 40]


def _ended(line: str) -> bool:
    """Whether ``line`` ends an entry (a full stop, not after an initial).  Both
    patterns end the line: only its last few characters are searched."""
    end = len(line.rstrip())
    return bool(_ENDED.search(line, max(0, end - 7))) and not _INITIAL_END.search(line, max(0, end - 3))


def _following(lines: list[Line], i: int) -> str:
    return next((ln.text for ln in lines[i + 1 : i + 3] if ln.text.strip()), "")


def resplit(original: str, masked: str, first: Reference, paragraphs: bool = False) -> list[tuple[Span, str]]:
    """The entries of the author-year list that starts with ``first``: their
    spans and texts (:func:`as_references` makes them references).

    ``paragraphs``: each line is a paragraph (Word), so every line may start an
    entry, ended or not ("... doi:10.1016/j.x.2012.05.003" ends one)."""
    lines = list(split_lines(masked, first.span.start))
    groups: list[list[Line]] = []
    after_blank = False
    for i, line in enumerate(lines):
        if _PAGE_NUMBER.match(line.text):
            after_blank = after_blank or not line.text.strip()
            continue
        ended = bool(groups) and (paragraphs or _ended(groups[-1][-1].text))
        # The cheap test first: most entries start "Surname, X." and have a year.
        if not groups or (ended and (_SURNAME_FIRST.match(line.text) and YEAR.search(line.text)
                                     or _starts_entry(line, _following(lines, i)))):
            groups.append([line])
        elif after_blank and ended and line.text[:1].isupper() and not any(map(str.isdigit, line.text)):
            break
        else:
            groups[-1].append(line)
        after_blank = False
    pieces = []
    for group in groups:
        text = ""
        for ln in group:
            part = original[ln.start : ln.end].strip()
            if text and not _HYPHEN_END.search(text):
                text += " "
            text += part
        span = Span(group[0].start + len(group[0].text) - len(group[0].text.lstrip()),
                    group[-1].start + len(group[-1].text.rstrip()))
        pieces.append((span, text))
    return pieces


def as_references(pieces: list[tuple[Span, str]], first: Reference) -> list[Reference]:
    """The entries :func:`resplit` found, as references like ``first``."""
    return [replace(first, label=str(position), span=span, text=text, number=position, fields=None,
                    numbered_explicitly=False)
            for position, (span, text) in enumerate(pieces, start=1)]
