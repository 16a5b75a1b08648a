"""CC508 unverifiable-reference: the reference could not be found in Crossref.

A journal, proceedings or book-chapter reference with enough fields to search
for (a title of three words or more and an author or a year), without a DOI
or with a DOI registered nowhere, for which a Crossref bibliographic search
finds no record with a similar title (none reaching ``title_similarity``,
0.60).  This does not mean the work does not exist: Crossref does not index
everything, and the reference may be garbled.  Check it by hand.  Books,
theses, reports, software and web pages are not searched.  Needs
``--crossref``.

Bad::

    8. Smith J, Jones K. A study that no index knows about. J Imaginary Res.
       2019;4(1):1-10.

Good::

    8. Lieber RL, Jacks TM, Mohler RL, et al. Growth hormone secretagogue
       increases muscle strength during remobilization after canine hindlimb
       immobilization. J Orthop Res. 1997;15(4):519-527.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.crossref import match
from citecheck.crossref.answers import has_no_doi
from citecheck.model import Document, Finding, Severity
from citecheck.rules._crossref import verifier
from citecheck.rules.base import RuleContext

CODE = "CC508"
NAME = "unverifiable-reference"
SEVERITY = Severity.WARNING
SUMMARY = "A reference could not be found in Crossref, by DOI or by a search."
OPTIONS: dict[str, object] = {"title_similarity": match.NOT_FOUND_TITLE_SIMILARITY}
ONLINE = True


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    service = verifier(ctx)
    if service is None:
        return
    threshold = float(ctx.options["title_similarity"])
    for ref in document.references:
        if ref.fields is None or not service.wants_search(ref):
            continue
        hits = service.search(ref)
        if hits is None:  # not searched, or the search failed: unverified, not unfound
            continue
        best = max((match.title_similarity(ref.fields.title, w) for w in hits), default=0.0)
        if best >= threshold:
            continue
        how = "by a search" if has_no_doi(ref) else "by its DOI or by a search"
        yield ctx.finding(ref.span, f"reference could not be found in Crossref {how}: "
                          f"no record has a similar title (best similarity {best:.2f})", [ref.label])

