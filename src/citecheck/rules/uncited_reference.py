"""CC101 uncited-reference: a reference is never cited in the text.

Every entry of a manuscript's reference list should be cited at least once.
An uncited entry is often left over from an earlier draft, or its citation
was lost when text moved.  In a BibTeX or CSL database shared between papers
an unused entry is normal, so for those entries the finding is ``info``; for
a reference list in the manuscript (or a ``\\bibitem`` list) it is a warning.
``\\nocite{*}`` cites every entry.  A Manubot alias (``[@tag:x]: doi:...``)
is such a database entry too; a key any chapter of the project cites counts
as cited.  In an author-year list an entry is named by its label ("Smith
2020a"); a citation that matches it closely (CC105) or ambiguously (CC107)
counts as citing it.  An entry that a linked citation's text names while
its link goes to another entry (a JATS xref, a reference-manager field in
Word) is reported by CC109, not here, when CC109 runs.

Bad::

    Most patients develop bone metastases [1].

    References
    1. Macedo F, et al. Bone Metastases: An Overview. Oncol Rev. 2017.
    2. Hong S, et al. Bone metastasis and skeletal-related events. PLoS One. 2020.

Good::

    Most patients develop bone metastases [1], often with skeletal events [2].
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Document, Finding, ReferenceOrigin, Severity
from citecheck.rules._cited import cited as cited_summary
from citecheck.rules.base import RuleContext

CODE = "CC101"
NAME = "uncited-reference"
SEVERITY = Severity.WARNING
SUMMARY = "A reference is never cited in the text."
OPTIONS: dict[str, object] = {}


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    if document.metadata.get("standalone_bibliography") or document.metadata.get("author_year"):
        return
    if document.metadata.get("mixed_citations"):
        return  # CC106 reports the mix; entries the other kind cites are not uncited
    if document.metadata.get("fragment"):
        return  # one chapter of a LaTeX project cites only part of its bibliography
    summary = cited_summary(document, ctx.shared)
    if summary.nocite_all:
        return
    cited = set(summary.labels)
    # Keys the other chapters of a multi-file project cite (Manubot).
    cited.update(document.metadata.get("cited_elsewhere", ()))
    if "CC109" in ctx.enabled:
        # Entries a linked citation's text names while its link goes elsewhere: CC109 says so.
        cited.update(document.metadata.get("cited_by_text", ()))
    folded: dict[str, str] = {}
    if "CC204" in ctx.enabled and not document.style.numbered:
        # \cite{GMPY} of the entry gmpy: CC204 says to write the key in its case; the entry
        # is cited, only with another case.
        # (only a key no entry defines in its own case)
        defined = {ref.label for ref in document.references}
        folded = {label.casefold(): label for label in cited if label not in defined}
    reported: set[str] = set()
    for ref in document.references:
        if ref.label in cited or ref.label in reported or (folded and ref.label.casefold() in folded):
            continue
        reported.add(ref.label)
        severity = Severity.INFO if ref.origin is ReferenceOrigin.DATABASE else None
        what = f"reference {ref.label}" if ref.number is not None else f"reference '{ref.label}'"
        yield ctx.finding(ref.span, f"{what} is never cited", [ref.label], severity=severity)
