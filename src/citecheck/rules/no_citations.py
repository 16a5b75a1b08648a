"""CC004 no-citations: a reference list of three or more entries, and no citation found.

Then nothing was checked: the manuscript cites in a form citecheck did not
recognise (or not at all), and every other rule stays silent.  Rather than
pass such a manuscript, this says so.  Try ``--style author-year`` for
"(Smith, 2020)" citations, or ``--style bracket``, ``superscript`` or
``parenthetical`` for numbered ones.  A bibliography database checked on its
own (a ``.bib`` file) or one chapter of a larger project is not reported.

Bad::

    Bone pain is common, as Smith showed in 2020.

    References
    Jones, K. (2019). Bone loss. Bone, 4, 2-8.
    Lee, M. (2018). Bone cells. Cell, 5, 3-7.
    Smith, J. (2020). Bone pain. Pain, 3, 1-9.

Good::

    Bone pain is common (Smith, 2020), bone loss too (Jones, 2019; Lee, 2018).

    References
    Jones, K. (2019). Bone loss. Bone, 4, 2-8.
    Lee, M. (2018). Bone cells. Cell, 5, 3-7.
    Smith, J. (2020). Bone pain. Pain, 3, 1-9.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Document, Finding, ReferenceOrigin, Severity
from citecheck.rules.base import RuleContext

CODE = "CC004"
NAME = "no-citations"
SEVERITY = Severity.WARNING
SUMMARY = "A reference list of three or more entries, and no in-text citation was recognised."
OPTIONS: dict[str, object] = {"min-references": 3}


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    if document.citations or document.metadata.get("standalone_bibliography") or document.metadata.get("fragment"):
        return
    if document.metadata.get("cited_elsewhere"):
        return
    listed = [r for r in document.references if r.origin is not ReferenceOrigin.DATABASE]
    count = len(listed)
    if count < int(ctx.options.get("min-references", 3)):
        return
    span = document.reference_heading or listed[0].span
    yield ctx.finding(
        span,
        f"the reference list has {count} entries but no in-text citation was recognised; "
        "nothing was checked against it (try --style author-year, or --style bracket, "
        "superscript or parenthetical)",
    )
