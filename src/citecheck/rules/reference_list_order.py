"""CC303 reference-list-order: an author-year list is not in alphabetical order.

An author-year list is sorted by the first author's family name.  The
collation followed (APA 7 section 9.44, Chicago 15.16, Harvard alike): case
and accents are ignored ("Ávila" sorts as "Avila"), particles are sorted as
printed ("van der Berg" under *v*), ``Mc`` and ``Mac`` as spelt (not as if
both were ``Mac``), hyphens, apostrophes and spaces are ignored ("O'Neil" as
"ONeil").  Entries of one first author are not compared among themselves:
styles order them differently (APA puts the author alone first, then by
co-authors, then by year; natbib styles sort by the whole author list), and
a false alarm costs more than a miss.  Entries with names in Chinese,
Japanese or Korean characters, which are sorted by their reading, are not
compared.

The rule keeps the longest run of entries that is in order and reports the
first entry of each stretch out of place, once, not every entry after it.
A list divided by sub-headings ("Primary sources", "Secondary sources",
"中文文献", "外文文献") is sorted group by group.

Bad::

    Bone (Jones, 2019; Smith, 2020; Brown, 2018).

    References
    Jones, K. (2019). Bone loss. Bone, 4, 2-8.
    Smith, J. (2020). Bone pain. Pain, 3, 1-9.
    Brown, A. (2018). Bone cells. Cell, 5, 3-7.

Good::

    Bone (Jones, 2019; Smith, 2020; Brown, 2018).

    References
    Brown, A. (2018). Bone cells. Cell, 5, 3-7.
    Jones, K. (2019). Bone loss. Bone, 4, 2-8.
    Smith, J. (2020). Bone pain. Pain, 3, 1-9.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

from citecheck.model import CitationStyle, Document, Finding, Reference, Severity
from citecheck.parsing.authoryear_names import is_cjk, sort_key
from citecheck.parsing.authoryear_refs import EntryHead, entry_head
from citecheck.parsing.headings import is_subheading
from citecheck.rules._sequence import longest_ordered
from citecheck.rules.base import RuleContext

CODE = "CC303"
NAME = "reference-list-order"
SEVERITY = Severity.WARNING
SUMMARY = "An author-year reference list is not in alphabetical order."
OPTIONS: dict[str, object] = {}


def collation_key(head: EntryHead) -> str:
    """The key an entry is sorted by (see the module docstring)."""
    return sort_key(head.families[0])


def judged(references: Sequence[Reference]) -> list[tuple[int, str]]:
    """The entries whose place this rule judges, as (index in ``references``,
    collation key): those with an author-year head whose first author is not
    written in Chinese, Japanese or Korean characters.  ``citecheck fix``
    sorts by the same keys."""
    out = []
    for i, ref in enumerate(references):
        head = entry_head(ref.text, ref.fields)
        if head is not None and not is_cjk(head.families[0]):
            out.append((i, collation_key(head)))
    return out


def groups(document: Document) -> list[int]:
    """The group of each reference: a sub-heading between two entries
    ("Secondary sources", "中文文献") starts a new group, sorted on its own."""
    out: list[int] = []
    group = 0
    previous: Reference | None = None
    for ref in document.references:
        if previous is not None and previous.span.source == ref.span.source:
            between = document.sources[ref.span.source].text[previous.span.end : ref.span.start]
            if any(is_subheading(line) for line in between.splitlines() if line.strip()):
                group += 1
        out.append(group)
        previous = ref
    return out


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    if document.style is not CitationStyle.AUTHOR_YEAR:
        return
    refs = document.references
    group_of = groups(document)
    by_group: dict[int, list[tuple[Reference, str]]] = {}
    for i, key in judged(refs):
        by_group.setdefault(group_of[i], []).append((refs[i], key))
    for entries in by_group.values():
        yield from _check_group(entries, ctx)


def _check_group(entries: list[tuple[Reference, str]], ctx: RuleContext) -> Iterator[Finding]:
    keys = [key for _, key in entries]
    keep = longest_ordered(keys, strict=False)
    kept = sorted(keep)
    kept_keys = [keys[j] for j in kept]  # in order: the longest ordered run
    for i, (ref, key) in enumerate(entries):
        if i in keep or (i > 0 and i - 1 not in keep):
            continue  # in order, or inside a stretch already reported
        at = bisect_right(kept_keys, key)
        later = entries[kept[at]][0] if at < len(kept) else None
        earlier = entries[kept[at - 1]][0] if at > 0 else None
        if later is not None:
            where, other = f'before reference "{later.label}"', later
        elif earlier is not None:
            where, other = f'after reference "{earlier.label}"', earlier
        else:
            continue
        yield ctx.finding(
            ref.span,
            f'reference "{ref.label}" is out of alphabetical order: it belongs {where}',
            [ref.label, other.label],
        )
