"""Suppression comments in manuscripts.

``<!-- citecheck: ignore CC101 -->`` (Markdown, HTML, plain text) or
``% citecheck: ignore CC101`` (LaTeX, BibTeX) hides the findings of the named
rules that start on the comment's own line or on the line after it (a
comment that follows other text on its line covers that line only).
``citecheck: ignore-file CC101`` hides them anywhere in the file.  Codes may be
rule codes, code prefixes or rule names, separated by commas or spaces; with
no codes, every rule is meant.  Unknown codes are ignored, so a manuscript
written for a newer citecheck still checks.

The comment syntax of each format lives in :data:`COMMENT_SYNTAX` only.  A
reader for a new format adds its format name there (or uses an existing
entry), and :func:`scan_suppressions` does the rest.  Formats without
comments (DOCX, JATS) have no entry: use a baseline for them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from citecheck.model import Document, Finding
from citecheck.rules import REGISTRY, matches

_DIRECTIVE = r"citecheck:\s*(?P<kind>ignore-file|ignore)\b(?P<codes>[^\n]*?)"

#: Format name -> the regular expression of a suppression comment in it.
COMMENT_SYNTAX: dict[str, re.Pattern[str]] = {}


def register_comment_syntax(formats: Iterable[str], pattern: str, flags: int = 0) -> None:
    """Recognise suppressions written as ``pattern`` (with ``{directive}``) in ``formats``."""
    compiled = re.compile(pattern.format(directive=_DIRECTIVE), re.IGNORECASE | flags)
    for name in formats:
        COMMENT_SYNTAX[name] = compiled


# HTML comments: Markdown, and plain text (which has no comments of its own).
register_comment_syntax(("text", "markdown", "html"), r"<!--\s*{directive}\s*-->")
# TeX comments: an unescaped % up to the end of the line.
register_comment_syntax(("latex", "bibtex"), r"(?<!\\)%\s*{directive}\s*$", re.MULTILINE)

ALL = "*"


@dataclass
class Suppressions:
    """The suppressions of one source: per line covered, and for the whole file.

    Each set holds selectors as written (``CC101``, ``CC1``, a rule name) or
    :data:`ALL`.
    """

    lines: dict[int, set[str]] = field(default_factory=dict)
    file: set[str] = field(default_factory=set)

    def covers(self, code: str, line: int) -> bool:
        """Whether a finding of rule ``code`` starting on ``line`` is suppressed."""
        for selectors in (self.file, self.lines.get(line, ())):
            if _any_matches(selectors, code):
                return True
        return False


def _any_matches(selectors: Iterable[str], code: str) -> bool:
    rule = REGISTRY.get(code)
    for selector in selectors:
        if selector == ALL:
            return True
        if rule is not None and matches(selector, rule):
            return True
    return False


def _selectors(raw: str) -> set[str]:
    parts = [p for p in re.split(r"[\s,]+", raw.strip()) if p]
    return set(parts) if parts else {ALL}


def _may_name_citecheck(text: str) -> bool:
    """Whether ``text`` holds "citecheck" as the comment patterns (ignoring case)
    may find it: ten times faster than running them over a large file.  Lower
    case finds it as they do, except for the Turkish dotted and dotless I.

    ``str.lower`` is fast on ASCII text only.  Other text that Latin-1 encodes
    (English with accented names, say) is lowered as bytes, three times as
    fast: no character of Latin-1 beyond ASCII lowers to an ASCII letter (only
    U+0130 and the Kelvin sign U+212A do, in all of Unicode), so
    ``bytes.lower``, which lowers ASCII letters only, finds "citecheck"
    exactly where ``str.lower`` does."""
    if text.isascii():
        return "citecheck" in text.lower()
    try:
        data = text.encode("latin-1")  # a copy of the characters when the string holds only these
    except UnicodeEncodeError:
        return "citecheck" in text.lower() or ("ı" in text or "İ" in text)
    return b"citecheck" in data.lower()


def parse_suppressions(text: str, format: str) -> Suppressions:
    """Find the suppression comments in ``text`` written in ``format``."""
    found = Suppressions()
    pattern = COMMENT_SYNTAX.get(format)
    if pattern is None or not _may_name_citecheck(text):
        return found
    for match in pattern.finditer(text):
        selectors = _selectors(match.group("codes"))
        if match.group("kind").lower() == "ignore-file":
            found.file |= selectors
        else:
            first = text.count("\n", 0, match.start()) + 1
            last = first + match.group(0).count("\n")
            line_start = text.rfind("\n", 0, match.start()) + 1
            trailing = bool(text[line_start : match.start()].strip())
            # A comment after other text covers its own line; one on a line of
            # its own covers that line and the next.
            for line in range(first, last + (1 if trailing else 2)):
                found.lines.setdefault(line, set()).update(selectors)
    return found


def source_format(document: Document, index: int) -> str:
    """The format of ``document``'s ``index``-th source (a .bib next to a .tex, say)."""
    if index == 0:
        return document.format
    from citecheck.readers import READERS  # late: readers import the model, not us

    ext = "." + document.sources[index].path.rsplit(".", 1)[-1].lower()
    entry = READERS.get(ext)
    return entry[0] if entry else document.format


def scan_suppressions(document: Document) -> dict[str, Suppressions]:
    """Every source's suppressions, keyed by source path.

    Besides comments in the text, a reader may record suppressions it found
    some other way in ``document.suppressions`` (source index -> line -> codes).
    """
    table = {}
    for i, source in enumerate(document.sources):
        found = parse_suppressions(source.text, source_format(document, i))
        for line, codes in document.suppressions.get(i, {}).items():
            found.lines.setdefault(line, set()).update(codes or {ALL})
        table[source.path] = found
    return table


def apply_suppressions(document: Document, findings: Iterable[Finding]) -> list[Finding]:
    """The findings that no suppression comment in ``document`` hides."""
    table = scan_suppressions(document)
    if not any(s.lines or s.file for s in table.values()):
        return list(findings)
    kept = []
    for finding in findings:
        suppressions = table.get(finding.location.path)
        if suppressions is None or not suppressions.covers(finding.code, finding.location.line):
            kept.append(finding)
    return kept
