"""CC107 ambiguous-citation: an author-year citation matches several entries equally.

Two entries with the same first author and year need letters (2020a,
2020b) in the list and in the text, or a citation that names enough authors
to tell them apart.  Every candidate counts as cited.

Bad::

    As reported before (Smith, 2020).

    References
    Smith, J. (2020). Bone pain. Pain, 3, 1-9.
    Smith, J. (2020). Bone loss. Bone, 4, 2-8.

Good::

    As reported before (Smith, 2020a, b).

    References
    Smith, J. (2020a). Bone pain. Pain, 3, 1-9.
    Smith, J. (2020b). Bone loss. Bone, 4, 2-8.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Document, Finding, MatchKind, Severity
from citecheck.rules._cited import cited
from citecheck.rules.base import RuleContext

CODE = "CC107"
NAME = "ambiguous-citation"
SEVERITY = Severity.WARNING
SUMMARY = "An author-year citation matches two or more references equally."
OPTIONS: dict[str, object] = {}


def _join(labels: tuple[str, ...]) -> str:
    quoted = [f'"{label}"' for label in labels]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    for item in cited(document, ctx.shared).matched_items():
        match = item.match
        if match is None or match.kind is not MatchKind.AMBIGUOUS:
            continue
        detail = f" ({match.detail})" if match.detail else ""
        yield ctx.finding(
            item.span,
            f'citation "{match.cited}" matches references {_join(match.references)} equally{detail}; '
            "add letters to the years (2020a, 2020b) or name more authors",
            match.references,
            match=match,
        )
