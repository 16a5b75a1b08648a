"""Splitting a ``.bib`` file into blocks: bibtexparser's splitter, with a fast path.

bibtexparser (v2) is the reference: what it reads as an entry, a string or a
failed block is what citecheck reads.  Its splitter visits every delimiter,
comma and newline of the file from Python and builds an object per field;
on a 50,000-entry file that alone takes several seconds.  This module reads
the blocks that are plainly well formed with a few C-level regular
expression matches each and hands every other block to bibtexparser.

Why that is faithful: bibtexparser starts a new block at every ``@name{`` (or
``@name(``) that begins a line, aborting the block it was reading if any.  So
the file splits at those marks into *segments* that bibtexparser parses
independently of each other (its state is reset at each).  A segment made of
one ``@type{key, field = value, ...}`` entry whose values are balanced braces,
quoted strings or bare words (the same rules as bibtexparser's: a delimiter
after a backslash does not count, quotes do not count inside braces nor
braces inside quotes), followed by text with no other block mark, is read
here; any other segment (``@string``, ``@comment``, ``@preamble``, ``(...)``
blocks, a syntax error, braces nested deeper than the patterns below, a
``{"}`` quote escape) is given to bibtexparser's own ``Splitter``, with the
next segment's opening mark appended so that it aborts a broken block with
the same message as it would on the whole file.  ``tests/test_bibsplit.py``
checks the two give the same blocks on every ``.bib`` of the corpus and of
the tests.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from citecheck.model import LineIndex

if TYPE_CHECKING:
    from bibtexparser import model as bib

# bibtexparser logs every failed block as a warning; we report them as findings.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())


@dataclass(slots=True)
class RawEntry:
    """An entry as written: type (lower case), key, fields in order (names as
    written, values with their braces or quotes), and its text."""

    start: int
    entry_type: str
    key: str
    fields: list[tuple[str, str]]
    raw: str


@dataclass(slots=True)
class RawString:
    """An ``@string`` definition; ``duplicate`` when its key (as written) was
    defined before, in which case the first definition stands."""

    start: int
    key: str
    value: str
    duplicate: bool = False


@dataclass(slots=True)
class RawFailure:
    """A block bibtexparser could not parse, and the message saying why."""

    start: int
    message: str


RawBlock = RawEntry | RawString | RawFailure

# A backslash makes the delimiter after it an ordinary character (bibtexparser's
# marks are ``(?<!\\)[{}",=\n]``); the look-ahead keeps the match deterministic.
_ESC = r'\\(?:[{}",=\n]|(?![{}",=\n]))'


def _braces(depth: int) -> str:
    """A ``{...}`` group nested at most ``depth`` deep; quotes inside are text."""
    inner = rf"[^{{}}\\]++|{_ESC}"
    group = rf"\{{(?:{inner})*+\}}"
    for _ in range(depth - 1):
        group = rf"\{{(?:{inner}|{group})*+\}}"
    return group


_GROUP = _braces(6)
_QUOTED = rf'"(?:[^"\\]++|{_ESC})*+"'  # braces inside quotes are text
_VALUE = rf'(?:[^{{}}",\\]++|{_ESC}|{_GROUP}|{_QUOTED})*+'
_KEY = r'[^{}",=@\\]*+'  # anything else in a key: leave it to bibtexparser
_PAIR = rf"{_KEY}=(?:{_VALUE})"
# One entry: `@type{key}` or `@type{key, name = value, ...}` with an optional
# trailing comma; anything else between the fields is left to bibtexparser.
_ENTRY = re.compile(rf"@(\w*)[ \t]*\{{({_KEY})(?:,((?:{_PAIR},)*+(?:{_PAIR})?)\s*+)?\}}", re.S)
_FIELDS = re.compile(rf"({_KEY})=({_VALUE})", re.S)
_BLOCK_MARK = re.compile(r"@\w*[ \t]*(?=[{(])")
_FIRST_LINE_MARK = re.compile(r"[^\S\n]*(@\w*[ \t]*[{(])")
_LINE_MARK = re.compile(r"\n[^\S\n]*(@\w*[ \t]*[{(])")
_SPECIAL = ("comment", "preamble", "string")


def _fast_entry(text: str, start: int, end: int) -> RawEntry | None:
    """The entry that is the whole segment ``text[start:end]``, or None when
    the segment is anything but one plainly well-formed entry."""
    entry = _ENTRY.match(text, start, end)
    if entry is None:
        return None
    entry_type = entry.group(1).lower()
    if entry_type.startswith(_SPECIAL):
        return None
    pos = entry.end()
    if _BLOCK_MARK.search(text, pos, end):  # another block begins on this line
        return None
    fields = [(name.strip(), value.strip()) for name, value in
              _FIELDS.findall(text, entry.start(3), entry.end(3))] if entry.start(3) != -1 else []
    return RawEntry(start, entry_type, entry.group(2).strip(), fields, text[start:pos])


def _failure_message(block: bib.ParsingFailedBlock) -> str:
    reason = str(block.error).strip().splitlines()[-1] if str(block.error).strip() else "syntax error"
    reason = re.sub(r"^Parsing of .*? aborted on line \d+ due to syntactical error in bibtex:\s*", "", reason)
    raw = (block.raw or "").lstrip()
    head = raw.split(",", 1)[0].split("\n", 1)[0][:60]
    what = f"entry {head!s}" if head.startswith("@") else "block"
    return f"cannot parse the {what}: {reason}; it is skipped and the rest of the file is checked"


def _fallback(text: str, start: int, end: int, next_mark: str, lines: LineIndex) -> Iterator[RawBlock]:
    """bibtexparser's reading of the segment ``text[start:end]``."""
    from bibtexparser import model as bib  # only for the blocks the fast path leaves
    from bibtexparser.splitter import Splitter

    segment = text[start:end]
    blocks = Splitter(segment + next_mark).split().blocks
    if next_mark:
        blocks = blocks[:-1]  # the appended mark: a block cut short by the end
    first_line = lines.position(start)[0] - 1
    for wrapped in blocks:
        block: bib.Block | None = wrapped
        # As bibtexparser gives lines, not offsets: the first '@' of the line.
        line_start = lines.line_start(first_line + (wrapped.start_line or 0) + 1)
        at = text.find("@", line_start)
        offset = line_start if at == -1 else at
        if isinstance(block, (bib.DuplicateBlockKeyBlock, bib.DuplicateFieldKeyBlock)):
            block = block.ignore_error_block  # a duplicate key: read like the rest
        if isinstance(block, bib.String):
            yield RawString(offset, block.key, block.value)
        elif isinstance(block, bib.Entry):
            yield RawEntry(offset, block.entry_type.lower(), block.key,
                           [(f.key, f.value) for f in block.fields], block.raw or "")
        elif isinstance(block, bib.ParsingFailedBlock):
            yield RawFailure(offset, _failure_message(block))


def split_bibtex(text: str, fast: bool = True) -> Iterator[RawBlock]:
    """The entries, strings and failed blocks of ``text``, in order.

    With ``fast=False`` bibtexparser reads the whole text in one go: the
    reference the tests compare the fast path with.
    """
    strings: set[str] = set()
    for block in _blocks(text) if fast else _fallback(text, 0, len(text), "", LineIndex(text)):
        if isinstance(block, RawString):
            block.duplicate = block.key in strings
            strings.add(block.key)
        yield block


def _line_marks(text: str) -> list[tuple[int, str]]:
    r"""Where each block mark that begins a line (after white space) starts, and
    the mark: what ``^[^\S\n]*(@...)`` finds in multi-line mode, found as the
    first line's mark and then the marks after a line break.  A pattern led by
    ``\n`` is searched for its first character at C speed, where ``^`` was
    tried at every character of the file (a 50,000-entry file: 0.09 -> 0.04 s;
    never slower on text dense with ``@`` or with line breaks)."""
    first = _FIRST_LINE_MARK.match(text)
    marks = [(first.start(1), first.group(1))] if first else []
    marks += [(m.start(1), m.group(1)) for m in _LINE_MARK.finditer(text)]
    return marks


def _blocks(text: str) -> Iterator[RawBlock]:
    lines: LineIndex | None = None  # only the blocks bibtexparser reads need it
    marks = _line_marks(text)
    if not marks or marks[0][0] != 0:
        marks.insert(0, (0, ""))  # the text before the first block
    marks.append((len(text), ""))
    for (start, mark), (end, next_mark) in zip(marks, marks[1:]):
        if not mark and not _BLOCK_MARK.search(text, start, end):
            continue  # only comment text
        entry = _fast_entry(text, start, end) if mark and text.find('{"}', start, end) == -1 else None
        if entry is not None:
            yield entry
        else:
            lines = lines or LineIndex(text)
            yield from _fallback(text, start, end, next_mark, lines)


__all__ = ["RawBlock", "RawEntry", "RawFailure", "RawString", "split_bibtex"]
