"""CC505 corrected-reference: the cited work has a correction, or the DOI is one.

The cited work has been corrected (a correction, erratum, corrigendum or
addendum).  Nothing is wrong with citing it, but check that what you cite
from it still stands, and cite the correction too: a correction the document
also cites is not reported.  Also reported when the DOI given is the
correction notice itself and the corrected work is not cited.  Updates that point at the record itself (a publisher listing its
own record) and new versions or editions are not corrections.  Needs
``--crossref``.

Bad::

    2. Bai S, Davis MJ, Sivaramakrishnan R, Skodje RT. Corrigendum to "A
       chemical pathway perspective on the kinetics of low-temperature ignition
       of propane". Combust Flame. 2021;229:111371.
       doi:10.1016/j.combustflame.2021.02.017

Good::

    2. Bai S, Davis MJ, Sivaramakrishnan R, Skodje RT. A chemical pathway
       perspective on the kinetics of low-temperature ignition of propane.
       Combust Flame. 2019;202:154-178. doi:10.1016/j.combustflame.2019.01.006
    3. Bai S, Davis MJ, Sivaramakrishnan R, Skodje RT. Corrigendum to "A
       chemical pathway perspective on the kinetics of low-temperature ignition
       of propane". Combust Flame. 2021;229:111371.
       doi:10.1016/j.combustflame.2021.02.017
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.crossref.records import CORRECTION_TYPES
from citecheck.model import Document, Finding, Severity
from citecheck.rules._crossref import alias_note, doi_span, issued, received
from citecheck.rules.base import RuleContext

CODE = "CC505"
NAME = "corrected-reference"
SEVERITY = Severity.INFO
SUMMARY = "The cited work has a correction, erratum, corrigendum or addendum (or is one)."
OPTIONS: dict[str, object] = {}
ONLINE = True


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    for ref, result, updates in received(document, ctx, CORRECTION_TYPES, unless_cited=True):
        more = f" (and {len(updates) - 1} more)" if len(updates) > 1 else ""
        message = (f"the work with DOI {result.doi}{alias_note(result)} has been corrected: "
                   f"{updates[0].describe()}{more}")
        yield ctx.finding(doi_span(document, ref), message, [ref.label])
    for ref, result, targets in issued(document, ctx, CORRECTION_TYPES):
        kind = (targets[0].label or targets[0].kind).lower().replace("_", " ")
        article = "an" if kind[:1] in "aeiou" else "a"
        message = (f"DOI {result.doi} is {article} {kind} notice for {targets[0].doi}; "
                   f"cite the corrected work as well or instead")
        yield ctx.finding(doi_span(document, ref), message, [ref.label])
