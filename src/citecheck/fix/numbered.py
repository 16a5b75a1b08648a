"""Fixes for numbered styles: merge duplicates, renumber, drop uncited entries.

The fixes of CC201, CC301, CC302 and CC101 all change which number a work
has, so they are planned together as one :class:`Renumbering`: the new order
of the list and each old label's new number.  The edits follow from it: every
citation whose numbers change is rewritten in its own style (see
:mod:`citecheck.fix.render`), and the list is rewritten entry by entry (an
entry keeps its text; only its number changes).  CC103 rewrites a citation
with a reversed range or a repeated number even when its numbers keep.

Bad::

    ... as shown [8] and confirmed [10].
    8. Cheng JN ... Cancer Cell. 2025.
    9. Asano Y ... Lung Cancer. 2024.
    10. Cheng JN ... Cancer Cell. 2025.

Good::

    ... as shown [8] and confirmed [8].
    8. Cheng JN ... Cancer Cell. 2025.
    9. Asano Y ... Lung Cancer. 2024.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from citecheck.fix.authoryear import NO_CITATIONS
from citecheck.fix.edits import Edit, FixRefused
from citecheck.fix.render import DocumentHabits, citation_style, render
from citecheck.model import Citation, CitationStyle, Document, Finding, Reference, ReferenceOrigin, Span

#: The codes this module fixes, and whether each fix is safe.
CODES = {"CC201": True, "CC301": True, "CC302": True, "CC103": True, "CC101": False}


@dataclass
class Renumbering:
    """The new list: the references in their new order, and each old label's new number."""

    order: list[Reference]
    numbers: dict[str, int]  # old label -> new number (a merged entry: its kept entry's)
    merged: dict[str, str] = field(default_factory=dict)  # old label -> kept label
    removed: list[Reference] = field(default_factory=list)


def applies(document: Document) -> bool:
    """Whether ``document`` is a numbered manuscript with a typed reference list."""
    return (
        document.style.numbered
        and not document.metadata.get("author_year")
        and any(r.origin is ReferenceOrigin.LIST for r in document.references)
    )


def refusal(document: Document) -> str | None:
    """Why renumbering ``document`` would be unsafe, or ``None``."""
    refs = document.references
    if any(r.origin is not ReferenceOrigin.LIST for r in refs):
        return "its references come from a reference manager's fields; let the reference manager renumber them"
    if any(c.command is not None for c in document.citations):
        return "its citations are reference-manager fields; let the reference manager renumber them"
    labels = [r.label for r in refs]
    if len(set(labels)) != len(labels):
        repeated = min((label for label, n in Counter(labels).items() if n > 1), key=int)
        return f"the reference list gives the number {repeated} to more than one entry (CC202)"
    if len({r.span.source for r in refs}) > 1:
        return "the reference list spans several files"
    listed = set(labels)
    for citation in document.citations:
        for item in citation.items:
            if item.is_range and item.last is None:
                return f"citation {citation.text} has an open range (CC103)"
        missing = [label for label in citation.labels if label not in listed]
        if missing:
            return f"citation {citation.text} cites reference {missing[0]}, which the list does not have (CC102)"
    text = document.sources[refs[0].span.source].text if refs else ""
    for a, b in zip(refs, refs[1:]):
        if text[a.span.end : b.span.start].strip():
            return f"there is text between references {a.label} and {b.label} that is not part of either"
    return None


def _first_cited(document: Document, merged: dict[str, str]) -> dict[str, int]:
    """Each label's rank in the order of first citation, merged labels counting as their kept one."""
    rank: dict[str, int] = {}
    for citation in sorted(document.citations, key=lambda c: (c.span.source, c.span.start)):
        for label in citation.labels:
            rank.setdefault(merged.get(label, label), len(rank))
    return rank


def plan(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> Renumbering:
    """The renumbering that fixes ``findings`` of the selected ``codes``."""
    refs = list(document.references)
    merged: dict[str, str] = {}
    removed_labels: set[str] = set()
    reorder = renumber = False
    for finding in findings:
        if finding.code not in codes:
            continue
        if finding.code == "CC201" and len(finding.references) > 1:
            keep = finding.references[0]
            for other in finding.references[1:]:
                merged[other] = keep
        elif finding.code == "CC101" and document.citations:  # none recognised: all would look uncited
            removed_labels.update(finding.references)
        elif finding.code == "CC301":
            reorder = True
        elif finding.code == "CC302":
            renumber = True
    for label in list(merged):  # a chain 12 -> 10 -> 8 ends at 8
        seen = {label}
        while merged[label] in merged and merged[label] not in seen:
            seen.add(merged[label])
            merged[label] = merged[merged[label]]
    # An uncited entry that a cited duplicate is merged into is cited after the merge: it stays.
    removed_labels -= set(merged.values())
    kept = [r for r in refs if r.label not in merged and r.label not in removed_labels]
    if reorder:
        kept = _by_first_citation(kept, _first_cited(document, merged))
    changed = reorder or renumber or bool(merged) or bool(removed_labels)
    numbers = {r.label: (i if changed else int(r.label)) for i, r in enumerate(kept, start=1)}
    for label, keep in merged.items():
        numbers[label] = numbers[keep]
    removed = [r for r in refs if r.label in removed_labels and r.label not in merged]
    return Renumbering(kept, numbers, merged, removed)


def _by_first_citation(refs: list[Reference], rank: dict[str, int]) -> list[Reference]:
    """Cited references in order of first citation, then the uncited ones in list order
    (they have no first citation to place them by)."""
    cited = sorted((r for r in refs if r.label in rank), key=lambda r: rank[r.label])
    return cited + [r for r in refs if r.label not in rank]


def citation_edits(
    document: Document, renumbering: Renumbering, normalise: frozenset[int] = frozenset()
) -> Iterable[Edit]:
    """Rewrite every citation whose numbers change, and those in ``normalise``
    (ids of citations with a reversed range or a repeated number)."""
    texts = {i: s.text for i, s in enumerate(document.sources)}
    numbered = [c for c in document.citations if c.style is not CitationStyle.KEY and c.items]
    habits = DocumentHabits.of(numbered, texts)
    for citation in numbered:
        labels = citation.labels
        new = [renumbering.numbers[label] for label in labels]
        if new == [int(label) for label in labels] and id(citation) not in normalise:
            continue
        text = texts[citation.span.source]
        style = citation_style(citation, text, habits)
        first, last = citation.items[0].span, citation.items[-1].span
        span = Span(first.start, last.end, citation.span.source)
        replacement = render(new, style)
        if replacement == text[span.start : span.end]:
            continue
        codes = {"CC103"} if id(citation) in normalise else set()
        if any(label in renumbering.merged for label in labels):
            codes.add("CC201")
        if new != [int(label) for label in labels]:
            codes.add("renumber")
        yield Edit(span, replacement, frozenset(codes),
                   f"{citation.text} -> {text[citation.span.start:span.start]}{replacement}"
                   f"{text[span.end:citation.span.end]}")


def malformed(citation: Citation) -> bool:
    """A reversed range or a number repeated within the citation (what CC103 fixes)."""
    labels = citation.labels
    reversed_range = any(
        i.is_range and i.first is not None and i.last is not None and i.first > i.last for i in citation.items
    )
    return reversed_range or len(set(labels)) != len(labels)


def list_edits(document: Document, renumbering: Renumbering) -> Iterable[Edit]:
    """Rewrite the reference list: each slot gets the entry now numbered so;
    the slots left over at the end (merged or removed entries) are deleted."""
    refs = [r for r in document.references if r.origin is ReferenceOrigin.LIST]
    if not refs:
        return
    source = refs[0].span.source
    text = document.sources[source].text
    order = renumbering.order
    # A Markdown list written "1." "1." "1." is numbered by its renderer: its
    # typed numbers are not the entries' numbers, and none is rewritten.
    typed = all(r.number_span is None or text[r.number_span.start : r.number_span.end] == r.label for r in refs)
    for slot, ref in zip(refs, order):
        new_text = _entry_text(text, ref, renumbering.numbers[ref.label] if typed else None)
        if new_text != text[slot.span.start : slot.span.end]:
            yield Edit(
                Span(slot.span.start, slot.span.end, source), new_text, frozenset({"renumber"}),
                f"reference {ref.label} is now reference {renumbering.numbers[ref.label]}",
                origin=ref.span,
            )
    if len(order) < len(refs):
        gone = refs[len(order) :]
        start = refs[len(order) - 1].span.end if order else gone[0].span.start
        labels = [*renumbering.merged, *(r.label for r in renumbering.removed)]
        yield Edit(Span(start, gone[-1].span.end, source), "", frozenset({"CC201", "CC101"}),
                   f"removed reference(s) {', '.join(sorted(labels, key=int))}")


def _entry_text(text: str, ref: Reference, number: int | None) -> str:
    """The entry's text as written, its typed number replaced by ``number``."""
    body = text[ref.span.start : ref.span.end]
    span = ref.number_span
    if number is None or span is None or text[span.start : span.end] != ref.label:
        return body  # Word's automatic number, or a Markdown list "1." "1." "1.": nothing typed
    offset = span.start - ref.span.start
    return body[:offset] + str(number) + body[offset + span.end - span.start :]


def edits(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> list[Edit]:
    """Every edit that fixes ``findings`` of ``codes`` in a numbered ``document``."""
    relevant = [f for f in findings if f.code in codes and f.code in CODES]
    if not relevant:
        return []
    reason = refusal(document)
    if reason is not None:
        raise FixRefused(f"{document.path}: not fixed: {reason}")
    renumbering = plan(document, relevant, codes)
    normalise = frozenset(id(c) for c in document.citations if malformed(c)) if "CC103" in codes else frozenset()
    out = list(citation_edits(document, renumbering, normalise))
    out.extend(list_edits(document, renumbering))
    return out


def aliases(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> dict[str, str]:
    """Each merged reference label and the label of the entry it was merged into."""
    relevant = [f for f in findings if f.code in codes and f.code in CODES]
    return plan(document, relevant, codes).merged if relevant else {}


def left_alone(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> list[tuple[Finding, str]]:
    """The findings this module's fixes leave as they are: the uncited entries of a document
    in which no citation was recognised (otherwise a refusal covers the whole file)."""
    if document.citations or "CC101" not in codes:
        return []
    return [(f, NO_CITATIONS) for f in findings if f.code == "CC101"]
