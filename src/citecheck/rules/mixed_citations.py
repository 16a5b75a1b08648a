"""CC106 mixed-citations: the manuscript cites both by number and by author and year.

A manuscript should use one citation system.  When both are used
substantially (each at least two citations and a fifth of all), citecheck
checks the citations of the majority against the list and reports the mix
here, once, at the first citation of the other kind; it does not report the
entries only the other kind cites as never cited.

Bad::

    Bone pain is common [1], and so is bone loss (Jones, 2019).
    Cells matter [3], as do genes (Lee, 2018).

    References
    Jones, K. (2019). Bone loss. Bone, 4, 2-8.
    Lee, M. (2018). Bone cells. Cell, 5, 3-7.
    Smith, J. (2020). Bone pain. Pain, 3, 1-9.

Good::

    Bone pain is common (Smith, 2020), and so is bone loss (Jones, 2019).
    Cells matter (Lee, 2018).

    References
    Jones, K. (2019). Bone loss. Bone, 4, 2-8.
    Lee, M. (2018). Bone cells. Cell, 5, 3-7.
    Smith, J. (2020). Bone pain. Pain, 3, 1-9.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Document, Finding, Severity, Span
from citecheck.rules.base import RuleContext

CODE = "CC106"
NAME = "mixed-citations"
SEVERITY = Severity.WARNING
SUMMARY = "The manuscript cites both by number and by author and year."
OPTIONS: dict[str, object] = {}


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    mixed = document.metadata.get("mixed_citations")
    if not mixed:
        return
    numbered, author_year = mixed["numbered"], mixed["author-year"]
    kept = "author and year" if not document.style.numbered else "number"
    yield ctx.finding(
        Span(mixed["start"], mixed["start"]),
        f"the manuscript cites both by number ({numbered} citations) and by author and year "
        f"({author_year} citations); only the citations by {kept} were checked against the list",
    )
