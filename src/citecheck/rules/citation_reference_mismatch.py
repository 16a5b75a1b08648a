"""CC105 citation-reference-mismatch: an author-year citation almost matches an entry.

An author-year citation that matches no entry exactly but one entry closely:
the year differs (2019 against 2020, 2020 against 2020a), the first author's
name is spelt differently (a letter or two, accents, transliteration:
"Muller" and "Müller"), or the co-authors differ ("Smith & Jones" against
"Smith and Brown", "et al." for a one-author work, one name for a work of
two).  The message says what differs and which entry it must be; that entry
then counts as cited.  A citation with no close entry is CC102.

Bad::

    Bone pain is common (Smtih et al., 2020).

    References
    Smith, J., Jones, K., & Lee, M. (2020). Bone pain. Pain, 3, 1-9.

Good::

    Bone pain is common (Smith et al., 2020).

    References
    Smith, J., Jones, K., & Lee, M. (2020). Bone pain. Pain, 3, 1-9.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Document, Finding, MatchKind, Severity
from citecheck.rules._cited import cited
from citecheck.rules.base import RuleContext

CODE = "CC105"
NAME = "citation-reference-mismatch"
SEVERITY = Severity.WARNING
SUMMARY = "An author-year citation matches an entry except the year, a name's spelling or the co-authors."
OPTIONS: dict[str, object] = {}


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    for item in cited(document, ctx.shared).matched_items():
        match = item.match
        if match is None or match.kind is not MatchKind.CLOSE:
            continue
        label = match.references[0]
        yield ctx.finding(
            item.span,
            f'citation "{match.cited}" matches reference "{label}" except {match.detail}',
            match.references,
            match=match,
        )
