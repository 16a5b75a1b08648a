"""CC204 key-case-mismatch: two keys differ only in letter case.

BibTeX treats keys inconsistently: it matches ``\\cite`` keys against the
``.bib`` case-insensitively when it warns, but biblatex, pandoc and most
reference managers match them exactly.  So ``\\cite{Smith2020}`` against an
entry ``smith2020`` may work in one toolchain and fail in the next, and two
entries ``Smith2020`` and ``smith2020`` make BibTeX complain of a repeated
entry while biber keeps both.  This rule reports each key, defined or cited,
that differs only in case from an entry's key.  A citation key that matches
an entry only when case is ignored is also reported by CC102, since the
tools that match exactly will not find it; the entry it names is not also
reported uncited (CC101) while this rule runs.

Bad::

    \\cite{Smith2020}

    @article{smith2020, ...}

Good::

    \\cite{smith2020}

    @article{smith2020, ...}
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Document, Finding, Severity, Span
from citecheck.rules.base import RuleContext

CODE = "CC204"
NAME = "key-case-mismatch"
SEVERITY = Severity.WARNING
SUMMARY = "Two citation keys differ only in letter case (Smith2020 vs smith2020)."
OPTIONS: dict[str, object] = {}


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    if document.style.numbered:
        return
    defined: dict[str, Span] = {}  # exact key -> where first defined
    by_fold: dict[str, str] = {}  # case-folded key -> the first key with that folding
    for ref in document.references:
        label = ref.label
        if label in defined:
            continue  # the same key twice is CC202
        defined[label] = ref.span
        first = by_fold.setdefault(label.casefold(), label)
        if first != label:
            first_line = document.locate(defined[first]).line
            yield ctx.finding(
                ref.span,
                f"key '{label}' differs only in case from '{first}' (line {first_line}); "
                "BibTeX and biber treat such keys differently",
                [first, label],
                related=[(defined[first], f"'{first}' defined here")],
            )
    reported: set[tuple[str, int, int, int]] = set()
    for citation in document.citations:
        for item in citation.items:
            key = item.key
            if key is None or key in defined:
                continue
            target = by_fold.get(key.casefold())
            if target is None:
                continue  # absent in every case: CC102
            where = (key, item.span.source, item.span.start, item.span.end)
            if where in reported:
                continue
            reported.add(where)
            yield ctx.finding(
                item.span,
                f"citation key '{key}' matches the entry '{target}' only if case is ignored; "
                f"write '{target}'",
                [key, target],
                related=[(defined[target], f"'{target}' defined here")],
            )
