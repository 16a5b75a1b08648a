"""CC401 malformed-doi: a DOI that does not have DOI syntax.

A DOI is ``10.`` followed by a registrant code of four to nine digits, a
slash and a suffix without spaces: ``10.1038/nature12373``.  After removing
what may legitimately surround one (``doi:``, ``https://doi.org/``, trailing
punctuation), a DOI with a space inside, without the ``10.`` prefix, or a URL
that is not a DOI link cannot be resolved by anyone.  A shortDOI
(``10/bqhp9z``, as Zotero's shortDOI plugin writes into ``.bib`` files) is
not reported: doi.org resolves it.  This rule runs offline and is always on;
the Crossref rules skip DOIs it reports, and shortDOIs.

Bad::

    1. Lieber RL, Jacks TM, Mohler RL, et al. Growth hormone secretagogue
       increases muscle strength during remobilization after canine hindlimb
       immobilization. J Orthop Res. 1997;15(4):519-527.
       doi:10.1002/ jor.1100150407

Good::

    1. Lieber RL, Jacks TM, Mohler RL, et al. Growth hormone secretagogue
       increases muscle strength during remobilization after canine hindlimb
       immobilization. J Orthop Res. 1997;15(4):519-527.
       doi:10.1002/jor.1100150407
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from citecheck.doi import DOI_PREFIX, is_short_doi, is_valid_doi, normalize_doi
from citecheck.model import Document, Finding, Severity
from citecheck.rules._crossref import doi_span
from citecheck.rules.base import RuleContext

CODE = "CC401"
NAME = "malformed-doi"
SEVERITY = Severity.ERROR
SUMMARY = "A DOI does not have DOI syntax (10.NNNN/suffix)."
OPTIONS: dict[str, object] = {}

_PREFIX = re.compile("^" + DOI_PREFIX)


def problem(doi: str) -> str:
    """Why a normalised DOI is not valid, in words."""
    if re.search(r"\s", doi):
        return "it contains a space"
    if re.match(r"^(?:https?://|www\.)", doi):
        return "it is a URL, not a DOI link"
    if not doi.startswith("10."):
        return 'it does not start with "10."'
    if "/" not in doi:
        return "it has no '/' between prefix and suffix"
    if not _PREFIX.match(doi):
        return 'its prefix is not "10." followed by 4 to 9 digits'
    return "it has nothing after the prefix"


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    for ref in document.references:
        fields = ref.fields
        raw = (fields.raw_doi or fields.doi) if fields else None
        if not raw:
            continue
        doi = normalize_doi(raw)
        if is_valid_doi(doi) or is_short_doi(doi):
            continue
        yield ctx.finding(doi_span(document, ref, raw),
                          f'"{raw.strip()}" is not a valid DOI: {problem(doi)}', [ref.label])
