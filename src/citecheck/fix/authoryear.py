"""Fixes for author-year manuscripts: order the list, drop duplicates, correct citations.

* CC303 (safe): the list is put in alphabetical order by the collation CC303
  judges it by (:func:`citecheck.rules.reference_list_order.judged`), sorting
  stably: entries of one first author keep their order among themselves.
  Entries the rule does not judge keep a place: an entry in Chinese, Japanese
  or Korean characters stays where it is; an entry written for the author of
  the entry before ("———. 2019.") moves with it.  Any other entry that does
  not read as authors and a year (a heading read as an entry?), or an entry
  holding a blank line, leaves the list as it is.  Entries move as slots are refilled: each
  entry's text is copied unchanged, the separators and blank lines between
  entries stay where the document had them, and nothing is numbered.
* CC201 (safe): each duplicate entry after the first of its group is removed
  (with the separator after it).  Its citations need no rewriting when the
  two entries print the same authors and year; when they do not, and the
  dropped entry is cited, the group is left as it is (its citations would
  name another work) and the summary says so.
* CC101 (unsafe): the uncited entry is removed, as CC201 removes one.
* CC105 (unsafe): see :mod:`citecheck.fix.authoryear_cites`.

The list fixes are not made when text that belongs to no entry stands
between two entries (a page header in pdftotext output), or when sorting
would part an entry from the one it continues.

Bad::

    Bone (Jones, 2019; Smith, 2020; Brown, 2018; Lehnert, 1979).

    References
    Jones, K. (2019). Bone loss. Bone, 4, 2-8.
    Smith, J. (2020). Bone pain. Pain, 3, 1-9.

    Brown, A. (2018). Bone cells. Cell, 5, 3-7.
    Lehnert, W. (1978). The process of question answering. Erlbaum.

Good (with ``--unsafe-fixes`` for the year)::

    Bone (Jones, 2019; Smith, 2020; Brown, 2018; Lehnert, 1978).

    References
    Brown, A. (2018). Bone cells. Cell, 5, 3-7.
    Jones, K. (2019). Bone loss. Bone, 4, 2-8.

    Lehnert, W. (1978). The process of question answering. Erlbaum.
    Smith, J. (2020). Bone pain. Pain, 3, 1-9.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from citecheck.fix.authoryear_cites import Corrector
from citecheck.fix.edits import Edit
from citecheck.model import Citation, CitationStyle, CiteItem, Document, Finding, Reference, ReferenceOrigin, Span
from citecheck.parsing.authoryear_names import PARTICLES, strict_key
from citecheck.parsing.authoryear_refs import EntryHead, entry_head
from citecheck.rules.reference_list_order import judged

#: The codes this module fixes, and whether each fix is safe.
CODES = {"CC303": True, "CC201": True, "CC101": False, "CC105": False}
_LIST_CODES = frozenset({"CC303", "CC201", "CC101"})
#: The dashes that stand for the author of the entry before ("———. 2019."), after a list marker.
_SAME_AUTHOR = re.compile(r"(?:[-*+•]\s+)?[-‐‑‒–—―_]{2,}")
#: Lower-case words a group author's name may hold.
_GROUP_WORDS = frozenset({"of", "the", "for", "on", "and", "in", "&", "und", "et"})
#: Why CC101 is not fixed in a document without a citation recognised.
NO_CITATIONS = ("no citation was recognised in the document (CC004), so every entry looks uncited; "
                "nothing is removed")


def applies(document: Document) -> bool:
    """Whether ``document`` is an author-year manuscript with a typed reference list."""
    return (
        document.style is CitationStyle.AUTHOR_YEAR
        and document.format in ("text", "markdown", "docx")
        and len(document.sources) == 1
        and any(r.origin is ReferenceOrigin.LIST for r in document.references)
    )


def refusal(document: Document) -> str | None:
    """Why fixing ``document`` would be unsafe, or ``None``."""
    if any(r.origin is not ReferenceOrigin.LIST for r in document.references):
        return "its references come from a reference manager's fields; let the reference manager fix them"
    return None


def list_problem(document: Document) -> str | None:
    """Why the list itself cannot be rewritten (entries moved or removed), or ``None``."""
    refs = document.references
    if any(r.number_span is not None for r in refs):
        return "the entries are numbered (1., 2., ...); moving or removing them would break the numbering"
    text = document.sources[0].text
    for a, b in zip(refs, refs[1:]):
        if text[a.span.end : b.span.start].strip():
            return f'there is text between references "{a.label}" and "{b.label}" that is not part of either'
    for ref in refs:
        if "\n\n" in text[ref.span.start : ref.span.end].strip():
            return f'reference "{ref.label}" holds a blank line (a heading or a page break read into it?)'
    return None


@dataclass
class Plan:
    """What the fix of one document does: the list's new order, the entries
    removed, the citation edits, and the findings left alone with the reason."""

    order: list[Reference]
    dropped: dict[str, str] = field(default_factory=dict)  # duplicate label -> kept label
    removed: list[str] = field(default_factory=list)  # labels of uncited entries removed
    citation_edits: list[Edit] = field(default_factory=list)
    left: list[tuple[Finding, str]] = field(default_factory=list)


def plan(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> Plan:
    """The fix of ``findings`` of the selected ``codes`` (those this module fixes)."""
    wanted = [f for f in findings if f.code in codes and f.code in CODES]
    refs = list(document.references)
    result = Plan(refs)
    if not wanted:
        return result
    problem = list_problem(document)
    merging = [f for f in wanted if f.code == "CC201"]
    heads = {r.label: entry_head(r.text, r.fields) for r in refs} if merging else {}
    reorder = False
    for finding in wanted:
        if finding.code in _LIST_CODES and problem is not None:
            result.left.append((finding, problem))
        elif finding.code == "CC201" and len(finding.references) > 1:
            reason = _merge_problem(document, heads, finding.references)
            if reason is None:
                keep = finding.references[0]
                result.dropped.update({other: keep for other in finding.references[1:] if other not in result.dropped})
            else:
                result.left.append((finding, reason))
        elif finding.code == "CC101":
            if document.citations:
                result.removed.extend(finding.references)
            else:
                result.left.append((finding, NO_CITATIONS))
        elif finding.code == "CC303":
            reorder = True
    # An uncited entry that a duplicate is merged into is cited after the merge: it stays.
    result.removed = [label for label in result.removed if label not in result.dropped.values()]
    gone = set(result.dropped) | set(result.removed)
    kept = [r for r in refs if r.label not in gone]
    if reorder:
        ordered = alphabetical(kept)
        if isinstance(ordered, str):
            result.left.extend((f, ordered) for f in wanted if f.code == "CC303")
        else:
            kept = ordered
    result.order = kept
    _plan_corrections(document, wanted, result)
    return result


def _merge_problem(document: Document, heads: dict[str, EntryHead | None], labels: Sequence[str]) -> str | None:
    """Why dropping the duplicates after ``labels[0]`` would change what a citation names, or ``None``."""
    keep = heads.get(labels[0])
    for other in labels[1:]:
        if _same_head(keep, heads.get(other)):
            continue  # every citation of it reads as a citation of the kept entry
        cited = next((c for c in document.citations if other in c.labels), None)
        if cited is not None:
            return (f'"{other}" is cited as {cited.text}, which would not name "{labels[0]}"; '
                    "cite the kept entry, then fix again")
    return None


def _same_head(a: EntryHead | None, b: EntryHead | None) -> bool:
    """Whether two entries print the same authors and year (so a citation matches either alike)."""
    return (
        a is not None and b is not None
        and [strict_key(n) for n in a.families] == [strict_key(n) for n in b.families]
        and (a.et_al, a.year, a.suffix) == (b.et_al, b.year, b.suffix)
    )


def alphabetical(refs: list[Reference]) -> list[Reference] | str:
    """``refs`` in the order CC303 asks for, or why they cannot be put in it.

    The entries CC303 judges are sorted stably by its collation key; an entry
    written "———" (the author before) travels with the entry before it;
    entries in CJK characters keep their places.  Any other entry without an
    author-year head makes the order a guess."""
    keys = dict(judged(refs))
    for i in keys:
        head = entry_head(refs[i].text, refs[i].fields)
        if head is not None and not _name_like(head.families[0]):
            return f'reference "{refs[i].label}" does not start with a name ("{head.families[0]}": a heading read into it?)'
    blocks: list[tuple[str, list[Reference]]] = []
    fixed: dict[int, Reference] = {}
    for i, ref in enumerate(refs):
        if i in keys:
            blocks.append((keys[i], [ref]))
        elif entry_head(ref.text, ref.fields) is not None:
            fixed[i] = ref  # CJK names: sorted by their reading, which is not known
        elif blocks and i - 1 not in fixed and _SAME_AUTHOR.match(ref.text):
            blocks[-1][1].append(ref)  # "———. 2019.": continues the entry before it
        else:
            return f'reference "{ref.label}" does not start with authors and a year (a heading?)'
    blocks.sort(key=lambda block: block[0])
    out: list[Reference] = []
    pending = [ref for _, block in blocks for ref in block]
    starts = {id(block[0]) for _, block in blocks}
    taken = 0
    for i in range(len(refs)):
        if i in fixed:
            if taken < len(pending) and id(pending[taken]) not in starts:
                return "sorting would part an entry from the entry it continues"
            out.append(fixed[i])
        else:
            out.append(pending[taken])
            taken += 1
    return out


def _name_like(name: str) -> bool:
    """Whether ``name`` reads as a family or group name: capitalised words, particles and the
    small words of a group's name ("Working Group of the ..."); not "Secondary sources Brown"."""
    return all(w[:1].isupper() or w.casefold() in PARTICLES or w in _GROUP_WORDS for w in name.split())


def _plan_corrections(document: Document, wanted: Sequence[Finding], result: Plan) -> None:
    targets = [f for f in wanted if f.code == "CC105"]
    if not targets:
        return
    corrector = Corrector(document)
    by_place = _items_by_place(document)
    for finding in targets:
        found = by_place.get(_place(finding))
        if found is None:
            result.left.append((finding, "its citation could not be found again"))
            continue
        correction = corrector.correct(*found)
        if correction.edit is None:
            result.left.append((finding, correction.reason))
        else:
            result.citation_edits.append(correction.edit)


def _place(finding: Finding) -> tuple[int, int, int, int]:
    loc = finding.location
    return loc.line, loc.column, loc.end_line, loc.end_column


def _items_by_place(document: Document) -> dict[tuple[int, int, int, int], tuple[Citation, CiteItem]]:
    out: dict[tuple[int, int, int, int], tuple[Citation, CiteItem]] = {}
    for citation in document.citations:
        for item in citation.items:
            loc = document.sources[item.span.source].locate(item.span)
            out.setdefault((loc.line, loc.column, loc.end_line, loc.end_column), (citation, item))
    return out


def list_edits(document: Document, result: Plan) -> list[Edit]:
    """Refill the list's slots in the new order; cut the entries removed."""
    refs = list(document.references)
    gone = set(result.dropped) | set(result.removed)
    slots = [r for r in refs if r.label not in gone]
    out = []
    for slot, ref in zip(slots, result.order):
        if ref is not slot:
            out.append(Edit(slot.span, _entry_text(document, ref),
                            frozenset({"CC303"}), f"moved reference {ref.label}", origin=ref.span))
    i = 0
    while i < len(refs):
        if refs[i].label not in gone:
            i += 1
            continue
        j = i
        while j + 1 < len(refs) and refs[j + 1].label in gone:
            j += 1
        out.append(_cut(refs, i, j, result))
        i = j + 1
    return out


def _entry_text(document: Document, ref: Reference) -> str:
    return document.sources[ref.span.source].text[ref.span.start : ref.span.end]


def _cut(refs: list[Reference], i: int, j: int, result: Plan) -> Edit:
    """Remove entries ``i`` to ``j`` and one separator: the one after them, or
    before them when they end the list."""
    if j + 1 < len(refs):
        span = Span(refs[i].span.start, refs[j + 1].span.start, refs[i].span.source)
    elif i > 0:
        span = Span(refs[i - 1].span.end, refs[j].span.end, refs[i].span.source)
    else:
        span = Span(refs[i].span.start, refs[j].span.end, refs[i].span.source)
    labels = [r.label for r in refs[i : j + 1]]
    codes = frozenset("CC201" if label in result.dropped else "CC101" for label in labels)
    notes = [f'removed reference "{label}" (a duplicate of "{result.dropped[label]}")' if label in result.dropped
             else f'removed reference "{label}" (never cited)' for label in labels]
    return Edit(span, "", codes, "; ".join(notes))


def edits(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> list[Edit]:
    """Every edit that fixes ``findings`` of ``codes`` in an author-year ``document``."""
    result = plan(document, findings, codes)
    return result.citation_edits + list_edits(document, result)


def aliases(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> dict[str, str]:
    """Each dropped duplicate's label and the label of the entry kept."""
    return plan(document, findings, codes).dropped


def left_alone(document: Document, findings: Sequence[Finding], codes: frozenset[str]) -> list[tuple[Finding, str]]:
    """The findings of ``codes`` that the fix leaves as they are, each with the reason."""
    return plan(document, findings, codes).left


__all__ = ["CODES", "Plan", "aliases", "alphabetical", "applies", "edits", "left_alone", "plan", "refusal"]
