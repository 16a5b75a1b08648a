"""CC102 missing-reference: a citation points at a reference that does not exist.

A numbered citation beyond the end of the list, a number the list skips, or a
citation key no bibliography defines cannot be resolved by a reader.  An
author-year citation ("Smith et al., 2020") is missing when no entry has
that first author and year, nor one close to it (CC105 reports those).

Bad::

    As shown before [11].

    References
    1. ...
    (the list has 10 references)

Good::

    As shown before [10].
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Citation, CitationStyle, Document, Finding, MatchKind, Severity
from citecheck.rules._cited import cited
from citecheck.rules.base import RuleContext, sorted_labels

CODE = "CC102"
NAME = "missing-reference"
SEVERITY = Severity.ERROR
SUMMARY = "A citation refers to a reference that is not in the list."
OPTIONS: dict[str, object] = {}


def _join(labels: list[str]) -> str:
    """``3 and 4``; three or more consecutive numbers as a range (``2-9999``),
    so that a citation ``[1-9999]`` gives a short message."""
    parts: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if len(run) >= 3:
            parts.append(f"{run[0]}-{run[-1]}")
        else:
            parts.extend(str(n) for n in run)
        run.clear()

    for label in labels:
        if label.isdigit() and (not run or int(label) == run[-1] + 1):
            run.append(int(label))
            continue
        flush()
        if label.isdigit():
            run.append(int(label))
        else:
            parts.append(label)
    flush()
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _message(citation: Citation, missing: list[str], document: Document) -> str:
    if document.style.numbered:
        numbers = [r.number for r in document.references if r.number is not None]
        count = len(document.references)
        noun = "reference" if len(missing) == 1 else "references"
        head = f"citation {citation.text} refers to {noun} {_join(missing)}"
        if numbers and all(m.isdigit() and int(m) > max(numbers) for m in missing):
            if count == max(numbers):
                plural = "reference" if count == 1 else "references"
                return f"{head}, but the list has {count} {plural}"
            return f"{head}, but the list ends at reference {max(numbers)}"
        return f"{head}, which the reference list does not have"
    keys = ", ".join(f"'{m}'" for m in missing)
    noun = "key" if len(missing) == 1 else "keys"
    return f"citation {citation.text} uses {noun} {keys}, which no bibliography defines"


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    if not document.has_reference_section and not document.references:
        return  # CC002 reports the missing list once, not every citation.
    if document.metadata.get("author_year"):
        return
    known = {ref.label for ref in document.references}
    summary = cited(document, ctx.shared)
    if not summary.author_year and all(label in known or label == "*" for label in summary.labels):
        return  # every label cited is defined, and no author-year citation has a verdict to report
    for citation in document.citations:
        if citation.style is CitationStyle.AUTHOR_YEAR:
            for item in citation.items:
                if item.match is not None and item.match.kind is MatchKind.NONE:
                    yield ctx.finding(
                        item.span,
                        f'citation "{item.match.cited}" matches no reference in the list',
                        [item.match.cited_label],
                        match=item.match,
                    )
            continue
        unknown = [label for label in citation.labels if label not in known and label != "*"]
        if not unknown:
            continue
        missing = sorted_labels(unknown)
        if missing:
            yield ctx.finding(citation.span, _message(citation, missing, document), missing)
