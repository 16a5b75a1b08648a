"""What several rules need to know about the citations, gathered in one pass.

CC101 (uncited references), CC102 (missing references), CC201 and CC203 (which
entries reach the printed bibliography) and CC301 (the order of first
citations) each walked every label of every citation.  On a long manuscript
(100,000 citations) those walks were most of the rules' time.  :func:`cited`
walks the citations once per document and keeps the result in the rule
context's ``shared`` dict, so that the next rule asks a dictionary instead.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from citecheck.model import CiteItem, Citation, CitationStyle, Document, items_unread

_KEY = "citations.cited"
_SPAN_SOURCE = operator.attrgetter("span.source")
_SPAN_START = operator.attrgetter("span.start")
_STYLE = operator.attrgetter("style")
_COMMAND = operator.attrgetter("command")


@dataclass(frozen=True)
class Cited:
    """The citations of one document, summed up.

    ``labels`` holds every label cited, in order of first citation (in the
    document's order of citations, items in order, ranges expanded): a dict
    used as an ordered set.  ``nocite_all`` tells whether a ``\\nocite{*}``
    cites every entry; ``author_year`` whether any citation is author-year.
    """

    document: Document
    labels: dict[str, None]
    nocite_all: bool
    author_year: bool
    _matched: list[CiteItem] | None = field(default=None, repr=False, compare=False)
    _in_text_order: bool | None = field(default=None, repr=False, compare=False)

    def matched_items(self) -> list[CiteItem]:
        """The items that carry an author-year match, in document order: CC105
        and CC107 report from them, and most citations have none."""
        items = self._matched
        if items is None:
            every = chain.from_iterable([c.items for c in self.document.citations if not items_unread(c)])
            items = [item for item in every if item.match is not None]
            object.__setattr__(self, "_matched", items)
        return items

    def in_text_order(self) -> bool:
        """Whether the document's citations already stand in text order (by
        source, then start), so that ``labels`` is also the order of first
        citation in the text.  Readers give them in text order; a reader that
        does not makes the callers sort.  Computed once."""
        ordered = self._in_text_order
        if ordered is None:
            ordered = _in_text_order(self.document)
            object.__setattr__(self, "_in_text_order", ordered)
        return ordered


def _in_text_order(document: Document) -> bool:
    citations = document.citations
    # Span.source indexes the document's sources: with one source, all are in it.
    if len(document.sources) > 1 and len(set(map(_SPAN_SOURCE, citations))) > 1:
        keys = [(c.span.source, c.span.start) for c in citations]
        return keys == sorted(keys)
    starts = list(map(_SPAN_START, citations))  # one pass (spans, then their starts, took 8 ms more)
    return starts == sorted(starts)


def summarise(document: Document) -> Cited:
    """Walk the citations of ``document`` once (see :class:`Cited`)."""
    citations = document.citations
    labels = dict.fromkeys(chain.from_iterable([c.labels for c in citations]))
    commands = set(map(_COMMAND, citations))
    nocite_all = "nocite" in commands and any(c.is_nocite_all for c in citations)
    author_year = CitationStyle.AUTHOR_YEAR in map(_STYLE, citations)  # identity tests: no enum hashing
    return Cited(document, labels, nocite_all, author_year)


def cited(document: Document, shared: dict[str, Any]) -> Cited:
    """The :class:`Cited` summary of ``document``, computed by the first rule
    that asks and kept in ``shared`` (a rule context's per-document dict)."""
    summary = shared.get(_KEY)
    if not isinstance(summary, Cited) or summary.document is not document:
        summary = summarise(document)
        shared[_KEY] = summary
    return summary


def first_citing(citations: list[Citation], labels: set[str]) -> dict[str, Citation]:
    """The first of ``citations`` that cites each of ``labels`` (those cited)."""
    out: dict[str, Citation] = {}
    for citation in citations:
        for label in citation.labels:
            if label in labels and label not in out:
                out[label] = citation
        if len(out) == len(labels):
            break
    return out
