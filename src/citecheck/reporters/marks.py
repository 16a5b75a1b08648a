"""What a reader of the manuscript should see on each citation and reference.

The HTML report and ``citecheck annotate`` both place findings on the text
they concern; this module works that out once, from a :class:`Document` and
its findings, as plain data:

* each citation's status: ``ok`` (it resolves), ``missing`` (it refers to
  nothing) or ``suspect`` (it resolves, but a rule doubts it);
* each finding's character span in the document's sources, and the citation
  or reference it sits on;
* each reference's use: how often and where it is first cited, its duplicate
  group, its Crossref status.

Which codes make a citation *suspect* or *missing* is decided here and only
here (:data:`SUSPECT_CODES`, :data:`MISSING_CODES`), so a new rule lights up
amber by being added to a set.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from citecheck.excerpt import span_of
from citecheck.model import Citation, Document, Finding, Location, Reference, Span

#: Findings that, located on a citation, mean it refers to nothing.
MISSING_CODES = frozenset({"CC102"})
#: Findings that, located on a citation, mean it resolves but is doubtful:
#: a malformed citation, a mismatch between citation and reference, an
#: ambiguous author-year citation, a key differing in case, out of order.
SUSPECT_CODES = frozenset({"CC103", "CC105", "CC107", "CC108", "CC109", "CC204", "CC301"})
#: Findings on a reference that make every citation of it suspect: the cited
#: work is not what the reference says, or should not be cited as it is.
SUSPECT_REFERENCE_CODES = frozenset({"CC501", "CC502", "CC503", "CC504", "CC506", "CC508"})

#: A reference's Crossref status from the findings on it, most serious first.
CROSSREF_STATUS: tuple[tuple[str, str], ...] = (
    ("CC503", "retracted"),
    ("CC506", "retraction notice"),
    ("CC504", "expression of concern"),
    ("CC501", "not found"),
    ("CC508", "not found"),
    ("CC502", "mismatch"),
    ("CC505", "corrected"),
)

OK, MISSING, SUSPECT = "ok", "missing", "suspect"


@dataclass
class PlacedFinding:
    """A finding, its number in the document (from 0) and where it sits."""

    number: int
    finding: Finding
    span: Span | None  # None: not in any of the document's sources
    citation: int | None = None  # index into document.citations
    reference: int | None = None  # index into document.references


@dataclass
class CitationMark:
    citation: Citation
    status: str
    references: list[int]  # indexes of the references it resolves to
    findings: list[int] = field(default_factory=list)  # PlacedFinding numbers


@dataclass
class ReferenceUse:
    reference: Reference
    cited: int = 0
    first_citation: int | None = None  # index into document.citations
    findings: list[int] = field(default_factory=list)
    duplicate_group: int | None = None  # 1-based group number
    crossref: str | None = None  # None when Crossref did not run


@dataclass
class Marks:
    document: Document
    citations: list[CitationMark]
    references: list[ReferenceUse]
    findings: list[PlacedFinding]
    crossref_ran: bool = False
    _cites: _SpanIndex | None = None
    _refs: _SpanIndex | None = None

    def target(self, location: Location) -> tuple[str, int] | None:
        """What lies at ``location``: ("citation", index) or ("reference", index)."""
        span = span_of(self.document, location)
        if span is None or self._cites is None or self._refs is None:
            return None
        hit = self._cites.find(span)
        if hit is not None:
            return "citation", hit
        hit = self._refs.find(span)
        return None if hit is None else ("reference", hit)


def source_of(document: Document, path: str) -> int | None:
    """The index of the source read from ``path``, if the document has one."""
    for i, source in enumerate(document.sources):
        if source.path == path:
            return i
    return None


def belongs_to(document: Document, finding: Finding) -> bool:
    return source_of(document, finding.location.path) is not None


class _SpanIndex:
    """Finds which of a set of non-overlapping spans holds an offset."""

    def __init__(self, spans: Iterable[tuple[int, Span]]) -> None:
        self._by_source: dict[int, tuple[list[int], list[tuple[int, Span]]]] = {}
        for item in sorted(spans, key=lambda s: (s[1].source, s[1].start)):
            starts, items = self._by_source.setdefault(item[1].source, ([], []))
            starts.append(item[1].start)
            items.append(item)

    def find(self, span: Span) -> int | None:
        starts, items = self._by_source.get(span.source, ([], []))
        i = bisect_right(starts, span.start) - 1
        if i >= 0:
            number, held = items[i]
            if held.start <= span.start < max(held.end, held.start + 1):
                return number
        return None


def duplicate_groups(findings: Iterable[Finding], labels: Sequence[str]) -> dict[str, int]:
    """Label -> 1-based group number, from the CC201 findings (transitively)."""
    parent: dict[str, str] = {}

    def root(label: str) -> str:
        while parent.setdefault(label, label) != label:
            label = parent[label]
        return label

    for finding in findings:
        if finding.code == "CC201" and len(finding.references) > 1:
            first = root(finding.references[0])
            for other in finding.references[1:]:
                parent[root(other)] = first
    groups: dict[str, int] = {}
    numbers: dict[str, int] = {}
    for label in labels:
        if label in parent:
            group = root(label)
            numbers.setdefault(group, len(numbers) + 1)
            groups[label] = numbers[group]
    return groups


def mark(document: Document, findings: Sequence[Finding]) -> Marks:
    """Work out the marks of ``document`` given the run's ``findings`` (those
    located in other files are ignored)."""
    refs_by_label: dict[str, list[int]] = {}
    for i, ref in enumerate(document.references):
        refs_by_label.setdefault(ref.label, []).append(i)
    cite_index = _SpanIndex((i, c.span) for i, c in enumerate(document.citations))
    ref_index = _SpanIndex((i, r.span) for i, r in enumerate(document.references))
    placed: list[PlacedFinding] = []
    for finding in findings:
        if not belongs_to(document, finding):
            continue
        span = span_of(document, finding.location)
        item = PlacedFinding(len(placed), finding, span)
        if span is not None:
            item.citation = cite_index.find(span)
            if item.citation is None:
                item.reference = ref_index.find(span)
        placed.append(item)

    uses = [ReferenceUse(ref) for ref in document.references]
    crossref: dict[str, str] | None = document.metadata.get("crossref")
    groups = duplicate_groups((p.finding for p in placed), [r.label for r in document.references])
    for use in uses:
        use.duplicate_group = groups.get(use.reference.label)
        if crossref is not None:
            use.crossref = crossref.get(use.reference.label, "not checked")
    for item in placed:
        targets = set()
        if item.reference is not None:
            targets.add(item.reference)
        elif item.citation is None:
            for label in item.finding.references:
                targets.update(refs_by_label.get(label, ()))
        for target in sorted(targets):
            uses[target].findings.append(item.number)

    marks: list[CitationMark] = []
    for ci, citation in enumerate(document.citations):
        resolved: list[int] = []
        unresolved = False
        for label in dict.fromkeys(citation.labels):
            hits = refs_by_label.get(label)
            if hits:
                resolved.append(hits[0])
                use = uses[hits[0]]
                use.cited += 1
                if use.first_citation is None:
                    use.first_citation = ci
            else:
                unresolved = True
        marks.append(CitationMark(citation, MISSING if unresolved else OK, resolved))
    for item in placed:
        if item.citation is not None:
            marks[item.citation].findings.append(item.number)
    for cm in marks:
        codes = {placed[n].finding.code for n in cm.findings}
        ref_codes = {placed[n].finding.code for r in cm.references for n in uses[r].findings}
        if codes & MISSING_CODES:
            cm.status = MISSING
        elif cm.status == OK and ( codes & SUSPECT_CODES or ref_codes & SUSPECT_REFERENCE_CODES):
            cm.status = SUSPECT
    for use in uses:
        codes = {placed[n].finding.code for n in use.findings}
        for code, status in CROSSREF_STATUS:
            if code in codes:
                use.crossref = status
                break
    return Marks(document, marks, uses, placed, crossref is not None, cite_index, ref_index)
