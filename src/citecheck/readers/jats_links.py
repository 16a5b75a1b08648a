"""Author-year xrefs whose printed text names another reference than their link.

In a JATS author-year article each ``<xref ref-type="bibr" rid="bib73">``
both prints a citation ("Schuman and Baldwin, 2012") and links it to a
``<ref>``.  When the printed names and year match one entry exactly and the
link goes to another, the reader of the HTML or PDF follows the link to the
wrong work, and the entry the text names looks uncited.  Each such xref is
a :class:`~citecheck.model.ReaderProblem` for CC109, and the entries the text
names are returned so that CC101 does not also call them uncited.

The printed text is matched with the author-year matcher every text
manuscript uses (:mod:`citecheck.parsing.authoryear_match`), against the
entries' heads.  Only an exact match to exactly one entry counts: a text
that matches its linked entry, several entries, or none closely is not a
mismatch.  One index serves every xref, so the check is linear in them.
"""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.model import Citation, MatchKind, ReaderProblem, Reference
from citecheck.parsing.authoryear_cites import scan_author_year
from citecheck.parsing.authoryear_match import AuthorYearIndex, match_citations
from citecheck.parsing.authoryear_refs import EntryHead

CODE = "CC109"


def _named(text: str, index: AuthorYearIndex) -> set[str]:
    """The labels of the entries ``text`` names exactly ("Smith et al., 2020" -> {"Smith 2020"})."""
    for candidate in (text, f"({text})"):
        items = [item.match for cit in match_citations(scan_author_year(candidate), index, candidate)
                 for item in cit.items if item.match is not None]
        if items:
            return {m.references[0] for m in items if m.kind is MatchKind.EXACT and len(m.references) == 1}
    return set()


def link_mismatches(
    citations: Sequence[Citation],
    references: Sequence[Reference],
    heads: Sequence[EntryHead | None],
    ids: Sequence[str],
) -> tuple[list[ReaderProblem], set[str]]:
    """The CC109 problems of an author-year article's xrefs, and the labels their texts name."""
    labels = [ref.label for ref in references]
    id_of = dict(zip(labels, ids))
    index = AuthorYearIndex(labels, heads, [ref.text for ref in references])
    problems: list[ReaderProblem] = []
    named_all: set[str] = set()
    for citation in citations:
        linked = set(citation.labels)
        if not linked or not linked <= id_of.keys():
            continue  # a link to no entry is CC102's
        named = _named(citation.text, index)
        if not named or named & linked:
            continue
        named_all |= named
        link = ", ".join(f'"{label}" ({id_of[label]})' for label in sorted(linked))
        names = ", ".join(f'"{label}" ({id_of[label]})' for label in sorted(named))
        problems.append(ReaderProblem(
            CODE,
            f'citation "{citation.text}" links to reference {link} but its text names reference {names}; '
            "correct the link (rid)",
            citation.span,
            (*sorted(linked), *sorted(named)),
        ))
    return problems, named_all
