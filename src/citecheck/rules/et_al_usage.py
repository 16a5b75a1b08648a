"""CC108 et-al-usage: "et al." for a work with few authors, or every name of a work with many.

**Opt-in**: this rule runs only when selected by its code or name
(``--select CC108``, ``extend-select = ["et-al-usage"]``), because the
number of authors from which "et al." is used is a matter of style guide:

- APA 7 (section 8.17): "et al." from the first citation for three or more
  authors; one or two authors are always named.  This is the default,
  ``min-authors = 3``.
- Chicago author-date (17th ed., 15.29) and Harvard (Cite Them Right):
  "et al." for four or more authors: set ``min-authors = 4``.

A citation is reported when it matches one entry exactly and

- writes "et al." although the entry has fewer than ``min-authors``
  authors, or
- names every author of an entry that has ``min-authors`` or more, unless
  another entry has the same first author and year: then "et al." would be
  ambiguous and naming the authors is right (APA 7, section 8.18).

A citation that writes its names once for several years ("Smith, Jones, &
Lee, 2020a, 2020b") is reported once.  The rule checks author-year citations
typed as text (text, Markdown, Word), against entries whose authors are
written with initials (APA, Harvard, Vancouver-like: "Smith, J., & Jones,
K."); an entry that spells out given names ("Smith, John, and Kate Jones")
or whose author list citecheck cannot read to the end is not judged, so the
count it would rely on is never a guess.
"et al." for a work with one author is CC105 citation-reference-mismatch
(the co-authors differ), reported whether or not this rule runs.
APA 6's rule (three to five authors named in full at the first citation,
"et al." afterwards) is not checked.  Entries whose author list is itself
cut short ("et al." in the list), group authors, and names in Chinese,
Japanese or Korean characters are not judged.

Bad::

    Bone loss (Smith et al., 2020) was shown in mice (Lee, Park, & Kim, 2018).

    References
    Lee, C., Park, D., & Kim, E. (2018). Bone loss in mice. Bone, 5, 6-7.
    Smith, J., & Jones, K. (2020). Bone loss. Bone, 4, 2-8.

Good::

    Bone loss (Smith & Jones, 2020) was shown in mice (Lee et al., 2018).

    References
    Lee, C., Park, D., & Kim, E. (2018). Bone loss in mice. Bone, 5, 6-7.
    Smith, J., & Jones, K. (2020). Bone loss. Bone, 4, 2-8.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from citecheck import lazyre
from citecheck.model import Document, Finding, MatchKind, Reference, Severity, items_unread
from citecheck.parsing import yearstatus
from citecheck.parsing.authoryear_names import is_cjk, strict_key
from citecheck.parsing.authoryear_refs import YEAR, EntryHead, entry_head
from citecheck.rules.base import RuleContext

CODE = "CC108"
NAME = "et-al-usage"
SEVERITY = Severity.WARNING
SUMMARY = 'A citation writes "et al." for too few authors, or every name of a work with many.'
OPTIONS: dict[str, object] = {"min-authors": 3}
OPTION_LIMITS = {"min-authors": (2, 20)}
OPT_IN = True

_ET_AL = lazyre.compile(r"\bet\s*al\b|\bu\.\s*a\.|等")
#: Where the names of a cited item end: its year, "n.d.", "in press", or a parenthesis.
_NAMES_END = lazyre.compile(r"[(（]|,?\s*(?:1[5-9]\d\d|20\d\d|n\.\s?d\.|" + yearstatus.ANY + ")", re.IGNORECASE)
_NAME_SEPARATOR = lazyre.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b)\s*")
_POSSESSIVE = lazyre.compile(r"['’]s?$")
_WORD = lazyre.compile(r"[^\W\d_]+")
_JOINING = frozenset({"and", "und", "et", "y", "e"})


def _cited_names(cited: str) -> list[str]:
    """The names a cited item writes before its year ("Lee, Park, & Kim" -> 3 names)."""
    names = _NAMES_END.split(cited, maxsplit=1)[0]
    return [n for n in (_POSSESSIVE.sub("", part.strip()) for part in _NAME_SEPARATOR.split(names)) if n]


def _explained(text: str, head: EntryHead) -> bool:
    """Whether the entry's text before its year holds the head's family names
    and nothing but initials and joining words: then its author count is sure.
    ("Talamini, R., Franceschi, S., Dal Maso, L., ..." read as two authors is
    not: "Dal Maso" and the rest are left over.)"""
    year = YEAR.search(text)
    if year is None:
        return False
    known = {w.casefold() for family in head.families for w in _WORD.findall(family)}
    for word in _WORD.findall(text[: year.start()]):
        folded = word.casefold()
        if folded in known or folded in _JOINING or (len(word) <= 3 and word.isupper()):
            continue
        return False
    return True


def _judged(ref: Reference) -> EntryHead | None:
    head = entry_head(ref.text, ref.fields)
    if head is None or head.et_al or head.abbreviation is not None or is_cjk(head.families[0]):
        return None
    return head if _explained(ref.text, head) else None


def _option(ctx: RuleContext) -> int:
    return int(ctx.options["min-authors"])


def _all(families: tuple[str, ...]) -> str:
    return families[0] if len(families) == 1 else ", ".join(families[:-1]) + " and " + families[-1]


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    minimum = _option(ctx)
    by_label: dict[str, Reference] = {ref.label: ref for ref in document.references}
    heads: dict[str, EntryHead | None] = {}
    # How many entries share a first author and year: there, names written out tell them apart.
    sharing = Counter(
        (strict_key(head.families[0]), head.year, head.suffix)
        for head in (entry_head(ref.text, ref.fields) for ref in document.references)
        if head is not None
    )
    for citation in document.citations:
        if items_unread(citation):
            continue  # plain numbers (see items_unread)
        reported: set[str] = set()  # the names part of each item reported in this citation
        for item in citation.items:
            match = item.match
            if match is None or match.kind is not MatchKind.EXACT or len(match.references) != 1:
                continue
            label = match.references[0]
            if label not in heads:
                ref = by_label.get(label)
                heads[label] = _judged(ref) if ref is not None else None
            head = heads[label]
            names = _NAMES_END.split(match.cited, maxsplit=1)[0].strip()
            if head is None or names in reported:
                continue
            count = len(head.families)
            if _ET_AL.search(match.cited):
                if count >= minimum:
                    continue
                authors = "author" if count == 1 else "authors"
                message = (f'citation "{match.cited}" writes "et al." but reference "{label}" has {count} '
                           f"{authors}; name {'them' if count > 1 else 'it'}: {_all(head.families)}")
            elif (
                count >= minimum
                and len(_cited_names(match.cited)) == count
                and sharing[(strict_key(head.families[0]), head.year, head.suffix)] == 1
            ):
                message = (f'citation "{match.cited}" names all {count} authors of reference "{label}"; '
                           f'with {minimum} or more authors write "{head.families[0]} et al."')
            else:
                continue
            reported.add(names)
            yield ctx.finding(item.span, message, (label,), match=match)
