"""CC202 duplicate-key: the same reference number or key is listed twice.

When two entries carry the same number (or BibTeX key), a citation of it is
ambiguous: a reader cannot tell which work is meant, and BibTeX silently
keeps one of them.

Bad::

    References
    3. Hong S, et al. Bone metastasis ... PLoS One. 2020.
    3. Guo X, et al. Synchronous bone metastasis ... BMC Cancer. 2021.

Good::

    References
    3. Hong S, et al. Bone metastasis ... PLoS One. 2020.
    4. Guo X, et al. Synchronous bone metastasis ... BMC Cancer. 2021.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from citecheck.model import Document, Finding, Severity
from citecheck.rules.base import RuleContext

CODE = "CC202"
NAME = "duplicate-key"
SEVERITY = Severity.ERROR
SUMMARY = "The same reference number or citation key is defined more than once."
OPTIONS: dict[str, object] = {}


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    for label, refs in document.references_by_label().items():
        if len(refs) < 2:
            continue
        first = refs[0]
        numbered = first.number is not None and first.numbered_explicitly
        what = f"reference number {label}" if numbered else f"key '{label}'"
        if not numbered and first.number is not None:
            continue  # unnumbered list: labels are positions and cannot repeat
        times = "twice" if len(refs) == 2 else f"{len(refs)} times"
        first_at = document.locate(first.span)
        for ref in refs[1:]:
            # in another file of the manuscript (refs.json and refs.yaml), that file's name too
            where = (f"line {first_at.line}" if ref.span.source == first.span.source
                     else f"{os.path.basename(first_at.path)}:{first_at.line}")
            yield ctx.finding(
                ref.span,
                f"{what} is defined {times}; first at {where}",
                [label],
                related=[(first.span, f"{what} first defined here")],
            )
