"""Where a finding is, in words: the text around it.

Word does not show paragraph numbers, so ``paper.docx:57:120`` does not help
an editor find a citation; a few words of the text around it do (Word's
search finds them).  :func:`excerpt` gives them; the engine attaches one to
every finding in a .docx (:attr:`citecheck.model.Finding.excerpt`).

>>> from citecheck.model import Document, Location, Source
>>> doc = Document("p.docx", "docx", [Source("p.docx", "Intro.\\nBone metastases are common in advanced cancer [12] and cause pain.")])
>>> excerpt(doc, Location("p.docx", 2, 48, 2, 52))
'…common in advanced cancer [12] and cause pain.'
"""

from __future__ import annotations

from citecheck.model import Document, Location, Span

#: Characters of context on each side, and the most of the flagged text kept.
CONTEXT, FLAGGED = 28, 60
ELLIPSIS = "\u2026"


def span_of(document: Document, location: Location) -> Span | None:
    """The character span of ``location`` in ``document``'s sources, or
    ``None`` when it lies in none of them."""
    for index, source in enumerate(document.sources):
        if source.path == location.path:
            lines = source.index
            start = lines.line_start(location.line) + max(0, location.column - 1)
            end = lines.line_start(location.end_line) + max(0, location.end_column - 1)
            return Span(start, max(start, min(end, len(source.text))), index)
    return None


def excerpt(document: Document, location: Location) -> str | None:
    """The flagged text with a few words either side, within its line
    (paragraph), white space squeezed, ``…`` where it is cut."""
    span = span_of(document, location)
    if span is None:
        return None
    text = document.sources[span.source].text
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.start)
    line_end = len(text) if line_end == -1 else line_end
    end = min(max(span.end, span.start), line_end)
    flagged = text[span.start:end]
    if len(flagged) > FLAGGED:
        flagged = flagged[:FLAGGED].rsplit(" ", 1)[0] + ELLIPSIS
        after = ""
    else:
        after = _words(text[end:line_end][: CONTEXT + 1], keep_start=True)
    before = _words(text[max(line_start, span.start - CONTEXT - 1):span.start], keep_start=False)
    if span.start - len(before) > line_start and before:
        before = ELLIPSIS + before.lstrip()
    if end + len(after) < line_end and after:
        after = after.rstrip() + ELLIPSIS
    result = " ".join((before + flagged + after).split())
    return result or None


def _words(chunk: str, keep_start: bool) -> str:
    """``chunk`` cut at a word boundary: its end dropped (``keep_start``)
    or its beginning, when that falls inside a word."""
    if len(chunk) <= CONTEXT:
        return chunk
    if keep_start:
        cut = chunk.rfind(" ", 0, CONTEXT)
        return chunk[:cut + 1] if cut > 0 else chunk[:CONTEXT]
    cut = chunk.find(" ", 1)
    return chunk[cut:] if 0 < cut < len(chunk) - 1 else chunk[1:]
