"""CC507 missing-doi: a journal reference without a DOI that Crossref can supply.

The reference is a journal article, gives no DOI, and a Crossref
bibliographic search (``query.bibliographic``) finds it with confidence.
Search-based matching with validation: the top hit is accepted only when

* its title is at least ``title_similarity`` (0.90) similar to the reference's,
* its relevance score is at least ``score_margin`` (1.2) times the runner-up's,
* the year, the volume or pages, or the first author agree, and neither the
  year nor the first author contradicts.

The message suggests the DOI.  Needs ``--crossref``.

Bad::

    6. Tkaczyk D, Szostek P, Fedoryszak M, Dendek PJ, Bolikowski L. CERMINE:
       automatic extraction of structured metadata from scientific literature.
       IJDAR. 2015;18(4):317-335.

Good::

    6. Tkaczyk D, Szostek P, Fedoryszak M, Dendek PJ, Bolikowski L. CERMINE:
       automatic extraction of structured metadata from scientific literature.
       IJDAR. 2015;18(4):317-335. doi:10.1007/s10032-015-0249-8
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.crossref import match
from citecheck.crossref.answers import has_no_doi
from citecheck.model import Document, Finding, Severity
from citecheck.rules._crossref import verifier
from citecheck.rules.base import RuleContext

CODE = "CC507"
NAME = "missing-doi"
SEVERITY = Severity.INFO
SUMMARY = "A journal reference has no DOI, and Crossref confidently suggests one."
OPTIONS: dict[str, object] = {
    "title_similarity": match.SEARCH_TITLE_SIMILARITY,
    "score_margin": match.SCORE_MARGIN,
}
ONLINE = True


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    service = verifier(ctx)
    if service is None:
        return
    for ref in document.references:
        if ref.fields is None or not has_no_doi(ref) or not match.is_journal_reference(ref):
            continue
        hits = service.search(ref)
        if not hits:
            continue
        verdict = match.judge_search(ref.fields, list(hits),
                                     title_threshold=float(ctx.options["title_similarity"]),
                                     score_margin=float(ctx.options["score_margin"]))
        if verdict.match is None:
            continue
        agreeing = ", ".join(verdict.agreeing)
        yield ctx.finding(ref.span, f"reference has no DOI; Crossref matches it to "
                          f"doi:{verdict.match.doi} (title and {agreeing} agree)", [ref.label])
