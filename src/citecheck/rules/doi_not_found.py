"""CC501 doi-not-found: a DOI that is registered nowhere.

The DOI has valid syntax, but Crossref answers 404 for it and no DOI
registration agency (Crossref, DataCite, mEDRA, ...) knows it: it resolves to
nothing.  Usually a typo or a DOI copied from the wrong place.  A DOI
registered with another agency, such as a DataCite dataset DOI, is not
reported.  When a bibliographic search finds the reference confidently, the
message suggests the DOI Crossref has for it.  Needs ``--crossref``.

Bad::

    3. Boulkedid R, Abdoul H, Loustau M, et al. Using and reporting the Delphi
       method for selecting healthcare quality indicators: a systematic review.
       PLoS ONE. 2011;6(6):e20476. doi:10.1371/journal.pone.020476

Good::

    3. Boulkedid R, Abdoul H, Loustau M, et al. Using and reporting the Delphi
       method for selecting healthcare quality indicators: a systematic review.
       PLoS ONE. 2011;6(6):e20476. doi:10.1371/journal.pone.0020476
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.crossref.match import judge_search
from citecheck.crossref.answers import DoiStatus
from citecheck.model import Document, Finding, Severity
from citecheck.rules._crossref import checked, doi_span, verifier
from citecheck.rules.base import RuleContext

CODE = "CC501"
NAME = "doi-not-found"
SEVERITY = Severity.ERROR
SUMMARY = "A DOI is registered with no DOI agency (Crossref 404, no agency)."
OPTIONS: dict[str, object] = {}
ONLINE = True


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    service = verifier(ctx)
    for ref, result in checked(document, ctx, DoiStatus.NOT_FOUND):
        message = f"DOI {result.doi} is not registered with Crossref or any other DOI agency"
        hits = service.search(ref) if service is not None else None
        if hits and ref.fields is not None:
            match = judge_search(ref.fields, list(hits)).match
            if match is not None:
                message += f"; Crossref has this work as {match.doi}"
        yield ctx.finding(doi_span(document, ref), message, [ref.label])
