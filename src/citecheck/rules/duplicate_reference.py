"""CC201 duplicate-reference: the same work is listed more than once.

Authors often list one paper twice, written differently: other author
initials, the journal abbreviated in one entry, the online-first year in one
and the print year in the other, a DOI in only one.  Readers then see two
numbers for one source, and citation counts are split.

Two references are the same work when they share a DOI, PMID or arXiv id, or
when their titles are near-identical (ignoring case, accents and
punctuation), their first authors' family names agree and their years are at
most one apart.  When a typesetter garbled one entry (a stray "others a" in
the authors, a title run into the journal name) or an export mangled a name,
the numbers still agree: the same year, volume and first page, with similar
titles, the same people or near-identical reference strings, and the same
first author as far as the entries tell, are one work too.  Entries with a
different volume, first page or edition, an erratum, correction, retraction
notice, reply or comment and the paper it concerns, different part or volume
numbers ("Part I", "Volumen II"), book chapters that share their book's DOI,
short titles at different web addresses, and the same title by different
authors are never reported.  A conference paper and its journal version are
reported by CC203 related-version instead.

For a bibliography database (a ``.bib`` file) read with a manuscript, only
entries the manuscript cites count: a shared database may hold a work twice
without harm.  Checked on its own, or with ``\\nocite{*}``, every entry counts.

One finding is reported per group of duplicates, at the first entry that
repeats an earlier one.  It lists every member, says what matched and which
entry the citations should use (the first); its related locations point at
each member and at each citation of a repeated entry.

Options:

``title_similarity``  minimum title similarity, 0-100 (default 90)
``year_tolerance``    how many years apart the entries may be (default 1)

Bad::

    ... as shown before [8] and confirmed [10].
    8. Cheng JN, Jin Z, Su C, Jiang T, et al. Bone metastases diminish
       extraosseous response to checkpoint blockade immunotherapy through
       osteopontin-producing osteoclasts. Cancer Cell. 2025;43(6):1093-1107.
    10. Cheng JN, Jin Z, Su C,et al. Bone metastases diminish extraosseous
       response to checkpoint blockade immunotherapy through
       osteopontin-producing osteoclasts. Cancer Cell. 2025;43(6):1093-1107.

Good::

    ... as shown before [8] and confirmed [8].
    8. Cheng JN, Jin Z, Su C, Jiang T, et al. Bone metastases diminish
       extraosseous response to checkpoint blockade immunotherapy through
       osteopontin-producing osteoclasts. Cancer Cell. 2025;43(6):1093-1107.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from citecheck.duplicates import TITLE_SIMILARITY, YEAR_TOLERANCE, find_duplicates, shared_analysis
from citecheck.model import Citation, Document, Finding, ReferenceOrigin, Severity, Span
from citecheck.rules._cited import cited
from citecheck.rules.base import RuleContext

CODE = "CC201"
NAME = "duplicate-reference"
SEVERITY = Severity.WARNING
SUMMARY = "The same work is listed more than once in the references."
OPTIONS = {"title_similarity": TITLE_SIMILARITY, "year_tolerance": YEAR_TOLERANCE}


def and_list(items: Sequence[str]) -> str:
    """``["8"]`` -> ``8``; ``["8", "10"]`` -> ``8 and 10``; three -> ``3, 7 and 9``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def printed_labels(document: Document, shared: dict[str, Any] | None = None) -> set[str] | None:
    """Labels of database entries that reach the printed bibliography, or
    ``None`` when every entry does (no citations read, or ``\\nocite{*}``).

    A shared .bib file may hold the same work twice; that only matters to this
    manuscript when it cites both entries.  ``shared``: a rule context's
    per-document dict, to reuse the walk over the citations other rules made.
    """
    elsewhere = set(document.metadata.get("cited_elsewhere", ()))  # other chapters of a project
    if not (document.citations or elsewhere):
        return None
    summary = cited(document, {} if shared is None else shared)
    if summary.nocite_all:
        return None
    return elsewhere.union(summary.labels)


def citing_of(citations: Sequence[Citation], labels: set[str]) -> dict[str, list[Citation]]:
    """The citations that cite each of ``labels``, in document order, each once."""
    citing: dict[str, list[Citation]] = {}
    for citation in citations:
        if labels.isdisjoint(citation.labels):
            continue
        for label in dict.fromkeys(citation.labels):
            if label in labels:
                citing.setdefault(label, []).append(citation)
    return citing


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    printed = printed_labels(document, ctx.shared)
    refs = document.references
    # Entries of a shared .bib that this manuscript does not cite cannot matter.
    only = None if printed is None else [
        i for i, r in enumerate(refs) if r.origin is not ReferenceOrigin.DATABASE or r.label in printed
    ]
    year_tolerance = int(ctx.options.get("year_tolerance", YEAR_TOLERANCE))
    groups = find_duplicates(
        refs,
        title_similarity=float(ctx.options.get("title_similarity", TITLE_SIMILARITY)),
        year_tolerance=year_tolerance,
        analysis=shared_analysis(document.references, year_tolerance, ctx.shared),
        only=only,
    )
    # Only the citations of a repeated entry are reported: walk them when there is one.
    repeated_anywhere = {refs[i].label for group in groups for i in group.members[1:]}
    citing = citing_of(document.citations, repeated_anywhere) if repeated_anywhere else {}
    for group in groups:
        members = [refs[i] for i in group.members]
        keep = members[0]
        labels = [r.label for r in members]
        repeated = {r.label for r in members[1:]}
        reason = "; ".join([*group.evidence, *group.differences])
        message = (
            f"references {and_list(labels)} are the same work ({reason}); "
            f"cite reference {keep.label}"
        )
        related: list[tuple[Span, str]] = [(keep.span, f"reference {keep.label}: the entry to keep")]
        related += [(r.span, f"reference {r.label}: the same work as reference {keep.label}") for r in members[1:]]
        users = {id(c): c for label in dict.fromkeys(labels[1:]) for c in citing.get(label, ())}
        for citation in sorted(users.values(), key=lambda c: (c.span.source, c.span.start)):
            used = [label for label in dict.fromkeys(citation.labels) if label in repeated]
            if used:
                related.append(
                    (citation.span, f"cites reference {and_list(used)}; cite reference {keep.label} instead")
                )
        yield ctx.finding(members[1].span, message, references=labels, related=related)
