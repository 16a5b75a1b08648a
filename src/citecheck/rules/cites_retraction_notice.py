"""CC506 cites-retraction-notice: the DOI given is a retraction notice, not the work.

Retraction notices have DOIs of their own, and their titles repeat the
retracted work's title after "Retraction:", so they are easy to pick up by
mistake from a search.  Citing the notice instead of the work hides the
retraction from readers and tools.  Not reported when the document also
cites the retracted work (then citing the notice is deliberate).  Needs
``--crossref``.

Bad::

    5. Retraction: Grape seed proanthocyanidins inhibit the invasiveness of
       human HNSCC cells by targeting EGFR and reversing the
       epithelial-to-mesenchymal transition. PLoS ONE. 2018;13(12):e0210346.
       doi:10.1371/journal.pone.0210346

Good::

    5. Grape seed proanthocyanidins inhibit the invasiveness of human HNSCC
       cells by targeting EGFR and reversing the epithelial-to-mesenchymal
       transition. PLoS ONE. 2012;7:e31093. doi:10.1371/journal.pone.0031093.
       Retracted in: PLoS ONE. 2018;13:e0210346.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.crossref.records import RETRACTION_TYPES
from citecheck.model import Document, Finding, Severity
from citecheck.rules._crossref import doi_span, issued, shorten
from citecheck.rules.base import RuleContext

CODE = "CC506"
NAME = "cites-retraction-notice"
SEVERITY = Severity.WARNING
SUMMARY = "The DOI given is a retraction notice, not the retracted work."
OPTIONS: dict[str, object] = {}
ONLINE = True


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    for ref, result, targets in issued(document, ctx, RETRACTION_TYPES):
        notice = targets[0]
        when = f" ({notice.date})" if notice.date else ""
        title = f' ("{shorten(result.work.title)}")' if result.work and result.work.title else ""
        message = (f"DOI {result.doi} is the retraction notice{when}{title} for "
                   f"{notice.doi}, not the work itself")
        yield ctx.finding(doi_span(document, ref), message, [ref.label])
