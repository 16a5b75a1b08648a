"""CC503 retracted-reference: the cited work was retracted, withdrawn or removed.

Crossref records a retraction in two ways, and both count: the work's
``updated-by`` list names the retraction notice (entered by the publisher,
or since 2024 from the Retraction Watch database, with its record id); or a
retraction notice's ``update-to`` points at the work even though the work's
own record says nothing.  The message gives the notice's DOI and date.
Citing a retracted work is sometimes deliberate (to discuss it); say so in
the text and suppress the finding for that reference.  Needs ``--crossref``.

Bad::

    7. Example A, Sample B. A finding that did not hold. J Examples.
       2012;7(2):31-39. doi:10.5555/retracted.2012

Good::

    7. Example A, Sample B. A finding that did hold. J Examples.
       2014;9(3):40-49. doi:10.5555/sound.2014
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.crossref.records import RETRACTION_TYPES
from citecheck.model import Document, Finding, Severity
from citecheck.rules._crossref import alias_note, doi_span, received
from citecheck.rules.base import RuleContext

CODE = "CC503"
NAME = "retracted-reference"
SEVERITY = Severity.ERROR
SUMMARY = "The cited work was retracted, withdrawn or removed."
OPTIONS: dict[str, object] = {}
ONLINE = True

_VERB = {"retraction": "retracted", "withdrawal": "withdrawn", "removal": "removed",
         "partial_retraction": "partially retracted"}


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    for ref, result, updates in received(document, ctx, RETRACTION_TYPES):
        notice = updates[0]
        message = (f"the work with DOI {result.doi}{alias_note(result)} was "
                   f"{_VERB.get(notice.kind, 'retracted')}: {notice.describe()}")
        if len(updates) > 1:
            message += f" (and {len(updates) - 1} more notice{'s' if len(updates) > 2 else ''})"
        yield ctx.finding(doi_span(document, ref), message, [ref.label])
