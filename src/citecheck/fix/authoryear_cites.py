"""CC105's unsafe fix: correct the year or the first author's spelling in a citation.

A citation that matches one entry except its year ("Lehnert, 1979" against
"Lehnert 1978") or the spelling of its first author ("Smtih et al., 2020"
against "Smith 2020") has that one token rewritten, in place: the year
becomes the entry's year (and letter), the name the entry's spelling; "et
al.", "&" or "and", the punctuation, a narrative or parenthetical form and
any particle as written ("Van der" at the start of a sentence) stay.

A correction is made only when it is unambiguous: the token is where the
match says it is, written once; the entry is not cited by another part of
the same citation (``(Smith, 2020a, b)`` against one "Smith 2020" would
become a repeat); and the corrected citation, matched again against the list
by the reader's own matcher, matches that entry exactly.  A difference of
co-authors ("Fikes, 1971" against "Fikes and Nilsson 1971") is never
rewritten: the citation or the list may be the one that is wrong, and adding
or dropping an author's name is not a correction of a typo.  Neither is a
year written "n.d." or "in press" (the cited work may be another,
forthcoming one).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.fix.edits import Edit
from citecheck.model import Citation, CiteItem, Document, MatchKind, Span
from citecheck.parsing.authoryear_cites import scan_author_year
from citecheck.parsing.authoryear_match import AuthorYearIndex, match_citations
from citecheck.parsing.authoryear_names import PARTICLES
from citecheck.parsing.authoryear_refs import EntryHead, entry_head

#: The year an item ends with ("1979", "2020a"); a lone "b" (in "2020a, b") is not one.
_YEAR_TOKEN = re.compile(r"(?<!\w)(?:1[5-9]|20)\d\d[a-z]?$")


@dataclass(frozen=True)
class Correction:
    """The edit that corrects one citation item, or why there is none."""

    item: CiteItem
    edit: Edit | None = None
    reason: str = ""


class Corrector:
    """Plans the corrections of one author-year document's citation items."""

    def __init__(self, document: Document) -> None:
        self.document = document
        refs = document.references
        self.heads = {r.label: entry_head(r.text, r.fields) for r in refs}
        self._index: AuthorYearIndex | None = None  # built at the first trial
        self._aliases: dict[str, str] = {}

    def correct(self, citation: Citation, item: CiteItem) -> Correction:
        match = item.match
        if match is None or match.kind is not MatchKind.CLOSE or len(match.references) != 1:
            return Correction(item, reason="it matches no single entry")
        target = match.references[0]
        head = self.heads.get(target)
        if match.differences != ("year",) and match.differences != ("spelling",):
            return Correction(item, reason="the co-authors differ; the citation or the list may be the one that "
                                           "is wrong, so it is not rewritten")
        if head is None:
            return Correction(item, reason=f'the entry "{target}" does not start with authors and a year')
        if any(other is not item and target in other.labels() for other in citation.items):
            return Correction(item, reason=f'the same citation already cites "{target}"')
        text = self.document.sources[item.span.source].text
        if match.differences == ("year",):
            found = _year_edit(text, item, match.cited_label, head)
        else:
            found = _name_edit(text, item, match.cited_label, head)
        if isinstance(found, str):
            return Correction(item, reason=found)
        span, replacement = found
        if not self._resolves(text, citation, span, replacement, target):
            return Correction(item, reason=f'corrected, it would still not match "{target}" exactly')
        old = text[span.start : span.end]
        note = f"{match.cited} -> {match.cited.replace(old, replacement, 1)}" if old in match.cited else \
            f"{old} -> {replacement}"
        return Correction(item, Edit(span, replacement, frozenset({"CC105"}), note))

    def _resolves(self, text: str, citation: Citation, span: Span, replacement: str, target: str) -> bool:
        """Whether the citation, corrected, matches ``target`` exactly (read alone, by the reader's matcher)."""
        start = citation.span.start
        new = text[start : span.start] + replacement + text[span.end : citation.span.end]
        if self._index is None:
            refs = self.document.references
            self._index = AuthorYearIndex([r.label for r in refs], [self.heads[r.label] for r in refs],
                                          [r.text for r in refs])
            self._aliases = dict(self._index.aliases)
        index = self._index
        index.aliases = dict(self._aliases)  # what the trial defines in passing is forgotten after it
        where = span.start - start
        for cited in match_citations(scan_author_year(new), index, new):
            for item in cited.items:
                if item.span.start <= where < item.span.end:
                    found = item.match
                    return found is not None and found.kind is MatchKind.EXACT and found.references == (target,)
        return False


def _year_edit(text: str, item: CiteItem, cited_label: str, head: EntryHead) -> tuple[Span, str] | str:
    new = f"{head.year}{head.suffix}"
    token = _YEAR_TOKEN.search(text, item.span.start, item.span.end)
    if not _YEAR_TOKEN.fullmatch(new) or token is None or not cited_label.endswith(" " + token.group(0)):
        return "only a year written in digits is corrected (not n.d., in press or a lone letter)"
    return Span(token.start(), token.end(), item.span.source), new


def _split_particles(name: str) -> tuple[list[str], str]:
    words = name.split(" ")
    lead: list[str] = []
    while len(words) > 1 and words[0].casefold() in PARTICLES:
        lead.append(words.pop(0))
    return lead, " ".join(words)


def _name_edit(text: str, item: CiteItem, cited_label: str, head: EntryHead) -> tuple[Span, str] | str:
    year = f"{head.year}{head.suffix}"
    if not cited_label.endswith(" " + year):
        return "the name could not be told from the year"
    written_particles, written = _split_particles(cited_label[: -len(year) - 1])
    target_particles, target = _split_particles(head.families[0])
    if written_particles and [p.casefold() for p in written_particles] != [p.casefold() for p in target_particles]:
        return "the particles of the name differ"
    item_text = text[item.span.start : item.span.end]
    places = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(written)}(?!\w)", item_text)]
    if len(places) != 1 or not written or written == target:
        return f'"{written}" is not written once in the citation'
    start = item.span.start + places[0]
    return Span(start, start + len(written), item.span.source), target


def corrections(document: Document, items: Sequence[tuple[Citation, CiteItem]]) -> list[Correction]:
    """The correction of each (citation, item) of ``document``."""
    corrector = Corrector(document)
    return [corrector.correct(citation, item) for citation, item in items]
