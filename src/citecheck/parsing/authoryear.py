"""Reading a manuscript's author-year citations against its reference list.

Readers call :func:`read_author_year` when the reference list is unnumbered
(or ``--style author-year`` says so).  It decides whether the list is an
author-year list (most entries start with authors and a year, see
:mod:`citecheck.parsing.authoryear_refs`), relabels its entries
("Smith 2020a"), finds the citations
(:mod:`citecheck.parsing.authoryear_cites`) and matches them
(:mod:`citecheck.parsing.authoryear_match`).  The reader then compares the
result with the numbered citations it found: a manuscript whose list is
author-year may still cite by number, or mix both.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from citecheck.model import Citation, CitationStyle, MatchKind, Reference, ReferenceOrigin, Span


@dataclass(frozen=True)
class AuthorYearReading:
    """The relabelled references and the author-year citations of a text."""

    references: list[Reference]
    citations: list[Citation]

    @property
    def matched(self) -> int:
        """How many citation items found an entry (exactly, closely or ambiguously)."""
        return sum(
            1
            for c in self.citations
            for item in c.items
            if item.match is not None and item.match.kind is not MatchKind.NONE
        )


def read_author_year(
    masked: str,
    original: str,
    references: Sequence[Reference],
    skip: Sequence[Span] = (),
    forced: bool = False,
    resplit_lines: bool = True,
    paragraph_break: str = "\n\n",
    resplit_end: int | None = None,
) -> AuthorYearReading | None:
    """The author-year reading of a text, or ``None`` if its list is not author-year.

    ``masked`` is searched for citations; ``original`` (same offsets) gives
    their text.  With ``forced``, any list is read as author-year.
    ``resplit_lines``: re-split a list read from lines of text by entry heads
    no further than ``resplit_end``; given ``resplit_end``, each line is a
    paragraph (Word, whose paragraphs are the entries: only an entry a hard
    break cut in two is joined).  ``paragraph_break``:
    see :func:`~citecheck.parsing.authoryear_cites.scan_author_year`.
    """
    # Imported here: a numbered manuscript, which never reads author-year, pays nothing for them.
    from citecheck.parsing.authoryear_cites import scan_author_year
    from citecheck.parsing.authoryear_list import as_references, resplit
    from citecheck.parsing.authoryear_match import AuthorYearIndex, match_citations
    from citecheck.parsing.authoryear_refs import author_year_labels, entry_heads, looks_author_year

    refs = list(references)
    heads = entry_heads(refs)
    if not forced and not looks_author_year(heads):
        return None
    if resplit_lines and refs and all(r.origin is ReferenceOrigin.LIST for r in refs):
        # Re-split by entry heads: pdftotext page breaks cut the general split short.
        pieces = resplit(original, masked if resplit_end is None else masked[:resplit_end], refs[0],
                         paragraphs=resplit_end is not None)
        if [text for _, text in pieces] != [r.text for r in refs]:
            split = as_references(pieces, refs[0])
            split_heads = entry_heads(split)
            if sum(h is not None for h in split_heads) > sum(h is not None for h in heads):
                refs, heads = split, split_heads
    labels = author_year_labels(heads, [str(i) for i in range(1, len(refs) + 1)])
    relabelled = [
        replace(ref, label=label, number=position, numbered_explicitly=False)
        for position, (ref, label) in enumerate(zip(refs, labels), start=1)
    ]
    index = AuthorYearIndex(labels, heads, [r.text for r in refs])
    if refs:
        skip = (*skip, Span(refs[0].span.start, refs[-1].span.end, refs[0].span.source))
    raw = scan_author_year(masked, skip, paragraph_break)
    return AuthorYearReading(relabelled, match_citations(raw, index, original))


@dataclass(frozen=True)
class StyleChoice:
    """What a reader keeps: numbered or author-year citations, and its references."""

    style: CitationStyle
    citations: list[Citation]
    references: list[Reference]
    #: Both kinds cited: ``{"numbered": n, "author-year": m, "start": offset}``
    #: (``start``: the first citation of the kind that was not kept).
    mixed: dict[str, int] | None = None


def _found_entry(citation: Citation) -> bool:
    """Whether an item of ``citation`` matched an entry (exactly, closely or ambiguously)."""
    for item in citation.items:
        if item.match is not None and item.match.kind is not MatchKind.NONE:
            return True
    return False


def _resolvable(citations: Sequence[Citation], count: int) -> int:
    return sum(
        1 for c in citations if c.items and all(lb.isdigit() and 1 <= int(lb) <= count for lb in c.labels)
    )


def choose(
    numbered_style: CitationStyle,
    numbered: list[Citation],
    references: list[Reference],
    reading: AuthorYearReading | None,
    forced: bool = False,
) -> StyleChoice:
    """Numbered or author-year: whichever resolves more citations against the list.

    Numbered citations win ties, so that a numbered manuscript never changes
    behaviour.  When both kinds are cited substantially (each at least two
    citations and a fifth of all), the choice records that it is mixed.
    """
    if reading is None:
        return StyleChoice(numbered_style, numbered, references)
    cited = [c for c in reading.citations if _found_entry(c)]
    n_numbered = _resolvable(numbered, len(references)) if not forced else 0
    n_author_year = len(cited)
    mixed = None
    if min(n_numbered, n_author_year) >= 2 and min(n_numbered, n_author_year) >= 0.2 * (n_numbered + n_author_year):
        mixed = {"numbered": n_numbered, "author-year": n_author_year}
    if forced or n_author_year > n_numbered:
        if mixed is not None:
            mixed["start"] = numbered[0].span.start
        return StyleChoice(CitationStyle.AUTHOR_YEAR, reading.citations, reading.references, mixed)
    if mixed is not None:
        mixed["start"] = cited[0].span.start
    return StyleChoice(numbered_style, numbered, references, mixed)
