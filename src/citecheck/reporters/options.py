"""Options every reporter takes, and the path helpers the CI formats share."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from citecheck.config import Config
from citecheck.reporters.indented_json import Unsupported, dumps_indented


@dataclass(frozen=True)
class RenderOptions:
    """How to render a report.

    ``colour`` and ``show_related`` are for the text format.  ``config`` is
    the run's configuration: JUnit uses it to list the rules that ran and to
    tell failures (at or above ``fail-on``) from notes.  ``base`` is the
    directory that relative paths in SARIF, JUnit and GitHub output are
    relative to (the working directory when ``None``).
    """

    colour: bool = False
    show_related: bool = False
    config: Config | None = None
    base: str | None = None


def display_path(path: str, base: str | None = None) -> str:
    """``path`` relative to ``base`` (default: the working directory), with
    forward slashes, when it lies below it; otherwise absolute.  Symbolic links
    are kept as written, so paths match what the user gave."""
    root = os.path.abspath(base or os.getcwd())
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive, on Windows
        return Path(absolute).as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return Path(rel).as_posix()


def _escapes() -> dict[int, str]:
    table = {code: f"\\x{code:02x}" for code in [*range(0x20), *range(0x7F, 0xA0)]}
    table.update({0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"})
    # Line separators, and the bidirectional controls that reorder what a
    # terminal shows ("Trojan Source").
    for code in (0x2028, 0x2029, 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
        table[code] = f"\\u{code:04x}"
    # Undecodable bytes of a file name (surrogate escapes) as the bytes they were.
    table.update({code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)})
    table.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000) if code not in table})
    return table


_ESCAPES = _escapes()


def printable(text: str) -> str:
    """``text`` safe to print on one terminal line: control characters (escape
    sequences, CR, LF, bell), line separators, bidirectional controls and
    undecodable bytes are written as ``\\x1b``, ``\\n``, ``\\u202e``.

    Cite keys, reference text and file names come from the manuscript: printed
    raw, they could clear the screen, retitle the window, or fake report lines.

    >>> printable("a\\x1b[2Jb\\nc")
    'a\\\\x1b[2Jb\\\\nc'
    """
    if text.isprintable():  # every character the table escapes is unprintable (tested)
        return text  # (str.translate looks each character up in the table: 0.05 s for 31,000 lines)
    return text.translate(_ESCAPES)


_SURROGATE = re.compile("[\ud800-\udfff]")


_FOR_MARKUP = {code: text for code, text in _ESCAPES.items() if 0xD800 <= code < 0xE000}
_FOR_MARKUP.update({code: "\ufffd" for code in range(0x20) if chr(code) not in "\t\n\r"})


def without_surrogates(text: str) -> str:
    """``text`` fit for markup (HTML): the undecodable bytes of a file name (surrogate
    escapes, which UTF-8 cannot carry) written as ``\\xff``, and control characters, which
    HTML does not allow, as U+FFFD.  One character stays one character where it can."""
    return text.translate(_FOR_MARKUP)


def dump_json(data: object, indent: int | None = 2) -> str:
    """``data`` as JSON (indented, or on one line with ``indent=None``), non-ASCII text as
    is; but when a file name holds undecodable bytes (surrogate escapes, which UTF-8 cannot
    carry), every non-ASCII character is escaped, so the output is valid UTF-8 and still
    says exactly what the name was."""
    separators = (",", ":") if indent is None else None
    try:
        # Indented: the standard library's pure-Python encoder, at twice the cost (see there).
        text = json.dumps(data, ensure_ascii=False, separators=separators) if indent is None \
            else dumps_indented(data, indent)
    except Unsupported:
        text = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
    if _SURROGATE.search(text):
        return json.dumps(data, indent=indent, separators=separators)
    return text


#: Where each rule's documentation page lives (``citecheck explain CODE`` prints the same text).
DOCS_URL = "https://citecheck.readthedocs.io/en/latest/"
RULE_DOCS_URL = DOCS_URL + "rules/{code}.html"


def rule_docs_url(code: str) -> str:
    """The documentation page of the rule ``code``."""
    return RULE_DOCS_URL.format(code=code)
