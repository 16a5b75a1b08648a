"""Linked author-year citations whose printed text names another reference than their link.

A linked citation both prints a citation ("Schuman and Baldwin, 2012") and
links it to an entry: a JATS ``<xref ref-type="bibr" rid="bib73">``, or a
Zotero, Mendeley or EndNote field in Word, whose shown text can be edited by
hand.  When the printed names and year match one entry exactly and the link
goes to another, the reader who follows the link lands on the wrong work
(and a reference manager will print the linked one when it next refreshes),
and the entry the text names looks uncited.  Each such citation is a
:class:`~citecheck.model.ReaderProblem` for CC109, and the entries the text
names are returned so that CC101 does not also call them uncited.

The printed text is matched with the author-year matcher every text
manuscript uses (:mod:`citecheck.parsing.authoryear_match`), against the
entries' heads.  Only an exact match to exactly one entry counts: a text
that matches its linked entry, several entries, or none closely is not a
mismatch; nor is a link to an entry whose author and year could not be read,
or whose name is in another script than the text.  One index serves every
citation, so the check is linear in them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from citecheck.model import Citation, MatchKind, ReaderProblem, Reference
from citecheck.parsing.authoryear_cites import scan_author_year
from citecheck.parsing.authoryear_match import AuthorYearIndex, match_citations
from citecheck.parsing.authoryear_names import is_cjk
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


def _unjudged(head: EntryHead | None, text: str) -> bool:
    """Whether a linked entry cannot be compared with the text: no author and
    year read from it, or its name in another script than the text's."""
    return head is None or is_cjk(head.families[0]) != is_cjk(text)


def _named_as(label: str, id_of: dict[str, str]) -> str:
    other = id_of[label]
    return f'"{label}"' if other == label else f'"{label}" ({other})'


def link_mismatches(
    citations: Sequence[Citation],
    references: Sequence[Reference],
    heads: Sequence[EntryHead | None],
    ids: Sequence[str] | None = None,
    agrees: Callable[[Citation, set[str]], bool] | None = None,
) -> tuple[list[ReaderProblem], set[str]]:
    """The CC109 problems of linked citations, and the labels their texts name.

    ``citations`` are linked ones only (the caller chooses them); ``ids`` are
    what the document calls each entry besides its label (JATS ids), shown in
    the message.  ``agrees(citation, named)`` may say that the citation's own
    data names those entries after all (a Word field whose item is the work
    its text names): then its link, not the citation, is in doubt, and it is
    not reported."""
    labels = [ref.label for ref in references]
    id_of = dict(zip(labels, ids if ids is not None else labels))
    head_of = dict(zip(labels, heads))
    index = AuthorYearIndex(labels, heads, [ref.text for ref in references])
    problems: list[ReaderProblem] = []
    named_all: set[str] = set()
    for citation in citations:
        linked = set(citation.labels)
        if not linked or not linked <= id_of.keys():
            continue  # a link to no entry is CC102's
        if any(_unjudged(head_of[label], citation.text) for label in linked):
            continue
        named = _named(citation.text, index)
        if not named or named & linked or (agrees is not None and agrees(citation, named)):
            continue
        named_all |= named
        link = ", ".join(_named_as(label, id_of) for label in sorted(linked))
        names = ", ".join(_named_as(label, id_of) for label in sorted(named))
        advice = ("correct the link (rid) or the text" if ids is not None
                  else "insert the citation again from the reference manager")
        problems.append(ReaderProblem(
            CODE,
            f'citation "{citation.text}" links to reference {link} but its text names reference {names}; {advice}',
            citation.span,
            (*sorted(linked), *sorted(named)),
        ))
    return problems, named_all
