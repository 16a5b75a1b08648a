"""CC103 malformed-citation: a citation that is written wrongly.

Reports a reversed range (``[8-6]``), an empty citation (``[]``), a number
repeated within one citation (``[3,3]``, ``[1-3,2]``) and an open-ended
range (``[6-]``).  Each makes the reader guess what was meant.

Bad::

    Several studies [8-6] and one more [3,3].

Good::

    Several studies [6-8] and one more [3].
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Citation, Document, Finding, Severity, items_unread
from citecheck.rules.base import RuleContext

CODE = "CC103"
NAME = "malformed-citation"
SEVERITY = Severity.WARNING
SUMMARY = "A citation has a reversed or open range, a repeated number, or is empty."
OPTIONS: dict[str, object] = {}


def _problems(citation: Citation, ctx: RuleContext) -> Iterator[Finding]:
    if not citation.items:
        yield ctx.finding(citation.span, f"citation {citation.text} is empty")
        return
    seen: set[str] = set()
    repeated_all: list[str] = []
    repeated_seen: set[str] = set()
    first_repeat = None
    for item in citation.items:
        if item.key is not None:
            labels: tuple[str, ...] = (item.key,)
        elif item.is_range and item.last is None:
            yield ctx.finding(
                item.span, f"range {item.text} in {citation.text} has no end", [str(item.first)]
            )
            labels = item.labels()
        elif item.is_range and item.first is not None and item.last is not None and item.first > item.last:
            yield ctx.finding(
                item.span,
                f"range {item.text} in {citation.text} runs backwards; write {item.last}-{item.first}",
                [str(item.first), str(item.last)],
            )
            labels = item.labels()
        else:
            labels = item.labels()
        repeated = [label for label in labels if label in seen and label not in repeated_seen]
        if repeated and first_repeat is None:
            first_repeat = item
        repeated_all.extend(repeated)
        repeated_seen.update(repeated)
        seen.update(labels)
    if repeated_all and first_repeat is not None and citation.command != "nocite":
        noun = "reference" if len(repeated_all) == 1 else "references"
        verb = "appears" if len(repeated_all) == 1 else "appear"
        yield ctx.finding(
            first_repeat.span,
            f"{noun} {', '.join(repeated_all)} {verb} more than once in {citation.text}",
            repeated_all,
        )


def _sound(citation: Citation) -> bool:
    """Whether a citation of several items or a range plainly has no problem:
    no range lacks its end or runs backwards, and no label repeats.  Most
    citations are such; checking that takes a set, not the item-by-item walk
    of :func:`_problems`, which decides whenever this says no."""
    keyed_match = False
    for item in citation.items:
        if item.key is not None:
            keyed_match = keyed_match or item.match is not None
        elif item.is_range and (item.last is None or item.first is None or item.first > item.last):
            return False
    # Labels as _problems reads them: a key item's key (an author-year match's labels differ).
    labels = [
        label for item in citation.items for label in ((item.key,) if item.key is not None else item.labels())
    ] if keyed_match else citation.labels
    return len(set(labels)) == len(labels)


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    for citation in document.citations:
        if items_unread(citation):
            continue  # plain numbers (see items_unread)
        items = citation.items
        if len(items) == 1 and (items[0].key is not None or not items[0].is_range):
            continue  # one number or key: nothing to repeat, no range to misread
        if items and _sound(citation):
            continue
        yield from _problems(citation, ctx)
