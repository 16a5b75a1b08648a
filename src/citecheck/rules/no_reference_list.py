"""CC002 no-reference-list: citations were found but no reference list.

Without a reference list no citation can be resolved.  Often the list is
there but its heading is not recognised (write ``References``,
``Bibliography``, ``参考文献`` ... on a line of its own), or the bibliography
file of a LaTeX or pandoc manuscript was not found.

Bad::

    Bone is the most common site of metastasis [1].
    (no reference list follows)

Good::

    Bone is the most common site of metastasis [1].

    References
    1. Macedo F, et al. Bone Metastases: An Overview. Oncol Rev. 2017;11(1):321.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.model import Document, Finding, Severity
from citecheck.rules.base import RuleContext

CODE = "CC002"
NAME = "no-reference-list"
SEVERITY = Severity.ERROR
SUMMARY = "Citations were found but no reference list or bibliography."
OPTIONS: dict[str, object] = {}


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    if document.has_reference_section or document.references or not document.citations:
        return
    cited = [c for c in document.citations if c.items]
    if not cited:
        return
    count = len(cited)
    noun = "citation" if count == 1 else "citations"
    named = list(dict.fromkeys(document.metadata.get("bibliographies_named") or ()))
    if named:  # named but missing, unreadable or outside the project (said where it is named), or empty
        files = ", ".join(named[:3]) + (f" and {len(named) - 3} more" if len(named) > 3 else "")
        read = document.metadata.get("bib_files") or ()
        why = (f"the bibliography {files} holds no entries" if read
               else f"the bibliography {files} could not be read")
    else:
        why = "no heading such as 'References' or '参考文献', and no bibliography file"
    yield ctx.finding(cited[0].span, f"{count} {noun} found, but no reference list ({why})")
