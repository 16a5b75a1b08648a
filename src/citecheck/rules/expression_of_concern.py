"""CC504 expression-of-concern: the cited work carries an expression of concern.

An editor has published an expression of concern about the work: its data or
conclusions are in doubt while an investigation goes on.  Reported from the
work's ``updated-by`` list or a notice pointing at it, unless the document
also cites the notice; also when the DOI given is the expression of concern
itself rather than the work.  Needs
``--crossref``.

Bad::

    9. Example C, Sample D. A disputed study of many things. J Examples.
       2016;12(1):1-9. doi:10.5555/disputed.2016

Good::

    9. Example C, Sample D. An undisputed study of many things. J Examples.
       2016;12(2):10-19. doi:10.5555/undisputed.2016
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.crossref.records import CONCERN_TYPES
from citecheck.model import Document, Finding, Severity
from citecheck.rules._crossref import alias_note, doi_span, issued, received
from citecheck.rules.base import RuleContext

CODE = "CC504"
NAME = "expression-of-concern"
SEVERITY = Severity.WARNING
SUMMARY = "The cited work carries an expression of concern."
OPTIONS: dict[str, object] = {}
ONLINE = True


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    for ref, result, updates in received(document, ctx, CONCERN_TYPES, unless_cited=True):
        message = (f"the work with DOI {result.doi}{alias_note(result)} carries an "
                   f"expression of concern: {updates[0].describe()}")
        yield ctx.finding(doi_span(document, ref), message, [ref.label])
    for ref, result, targets in issued(document, ctx, CONCERN_TYPES):
        message = (f"DOI {result.doi} is the expression of concern about {targets[0].doi}, "
                   f"not the work itself")
        yield ctx.finding(doi_span(document, ref), message, [ref.label])
