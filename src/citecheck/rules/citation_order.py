"""CC301 citation-out-of-order: numbered references are not first cited in order.

In numbered styles (Vancouver, IEEE, GB/T 7714 顺序编码制) references are
numbered in the order they are first cited: the first citations must run
1, 2, 3, ...  The rule finds the longest run of first citations that is in
order, and reports each citation that introduces a number out of that
sequence, once.  When most of the list is out of order (a list sorted
alphabetically, say), it reports that once instead of a cascade.
References that are never cited, or cited but missing, are left to CC101 and
CC102.

Bad::

    Bone metastases are common [1] and costly [3]; see also [2].

Good::

    Bone metastases are common [1] and costly [2]; see also [3].
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate, chain
from typing import Any

from citecheck.model import Citation, Document, Finding, Severity
from citecheck.rules._cited import cited, first_citing
from citecheck.rules._sequence import longest_ordered
from citecheck.rules.base import RuleContext

CODE = "CC301"
NAME = "citation-out-of-order"
SEVERITY = Severity.WARNING
SUMMARY = "In a numbered style, references are not first cited in ascending order."
OPTIONS: dict[str, object] = {"whole-list-threshold": 0.5}


def first_cited(document: Document, shared: dict[str, Any]) -> list[tuple[int, str]]:
    """Each listed reference number with the label that first cites it, in text order.

    A label read once is done: whatever it names is seen, unlisted or no number
    ("007" is cited first as 7 when it comes before "7").  The labels in order of
    first citation come from the walk the rules share when the citations stand
    in text order, else from the citations sorted."""
    listed = {ref.number for ref in document.references if ref.number is not None}
    summary = cited(document, shared)
    if summary.in_text_order():
        labels: Iterable[str] = summary.labels
    else:
        labels = dict.fromkeys(chain.from_iterable(c.labels for c in _text_order(document.citations)))
    seen: set[int] = set()
    order: list[tuple[int, str]] = []
    for label in labels:
        if not label.isdigit():
            continue
        number = int(label)
        if number in listed and number not in seen:
            seen.add(number)
            order.append((number, label))
    return order


def _text_order(citations: Sequence[Citation]) -> list[Citation]:
    return sorted(citations, key=lambda c: (c.span.source, c.span.start))


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    if not document.style.numbered or document.metadata.get("author_year"):
        return
    if not any(ref.numbered_explicitly for ref in document.references):
        return
    order = first_cited(document, ctx.shared)
    numbers = [n for n, _ in order]
    keep = longest_ordered(numbers)
    out = [i for i in range(len(order)) if i not in keep]
    if not out:
        return
    # The citations to report at: found only now that there are some.
    wanted = {order[i][1] for i in out}
    citations = document.citations
    first = first_citing(citations if cited(document, ctx.shared).in_text_order() else _text_order(citations), wanted)
    threshold = float(ctx.options.get("whole-list-threshold", 0.5))
    if len(order) >= 3 and len(out) >= threshold * len(order):
        first_bad = out[0]
        sequence = ", ".join(str(n) for n in numbers[:12]) + (", ..." if len(numbers) > 12 else "")
        yield ctx.finding(
            first[order[first_bad][1]].span,
            "the reference list is not numbered in order of first citation "
            f"(references are first cited in the order {sequence})",
            [str(numbers[first_bad])],
        )
        return
    # The smallest number first cited after each, and the largest before it:
    # scanning the rest of the list for each number out of order was quadratic.
    suffix_min = list(accumulate(reversed(numbers), min))[::-1]  # suffix_min[i]: min(numbers[i:])
    prefix_max = list(accumulate(numbers, max))  # prefix_max[i]: max(numbers[:i + 1])
    for i in out:
        number, label = order[i]
        citation = first[label]
        if i + 1 < len(numbers) and suffix_min[i + 1] < number:
            other = suffix_min[i + 1]
            message = f"reference {number} is first cited before reference {other}"
        else:  # then a larger number came before it (else it would extend the ordered run)
            other = prefix_max[i - 1]
            message = f"reference {number} is first cited after reference {other}"
        yield ctx.finding(citation.span, message, [str(number), str(other)])
