"""CC502 doi-metadata-mismatch: the DOI names a different work.

The DOI exists, but the work Crossref has registered under it disagrees with
the reference in its title, first author, year or journal: the DOI was
probably copied from a neighbouring reference or a search result.  The
message names the fields that differ and shows the registered work.

A field missing on either side is not compared.  What counts as "differs"
is set by options (see :mod:`citecheck.crossref.match` for the reasoning):

``title_similarity`` (0.80)   titles less similar than this differ
``author_similarity`` (0.85)  first-author family names less similar differ
``year_tolerance`` (1)        years further apart than this differ (online-first)
``journal_similarity`` (0.80) journal names less similar differ (abbreviations
                              and acronyms such as "J Orthop Res", "PNAS" agree);
                              proceedings and book titles are not compared

A DOI that is itself a retraction or correction notice is left to CC506 and
CC505.  Needs ``--crossref``.

Bad::

    4. Sadasivan S, Pond BB, Pani AK, et al. Dopamine neuron loss in the aging
       brain. PLoS ONE. 2012;7(3):e33693. doi:10.1371/journal.pone.0020476

Good::

    4. Sadasivan S, Pond BB, Pani AK, et al. Methylphenidate exposure induces
       dopamine neuron loss and activation of microglia in the basal ganglia of
       mice. PLoS ONE. 2012;7(3):e33693. doi:10.1371/journal.pone.0033693
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.crossref import match
from citecheck.model import Document, Finding, Severity
from citecheck.rules._crossref import alias_note, checked, doi_span
from citecheck.rules.base import RuleContext

CODE = "CC502"
NAME = "doi-metadata-mismatch"
SEVERITY = Severity.WARNING
SUMMARY = "The DOI resolves to a work whose title, author, year or journal differ."
OPTIONS: dict[str, object] = {
    "title_similarity": match.TITLE_SIMILARITY,
    "author_similarity": match.AUTHOR_SIMILARITY,
    "year_tolerance": match.YEAR_TOLERANCE,
    "journal_similarity": match.JOURNAL_SIMILARITY,
}
ONLINE = True


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    opts = ctx.options
    for ref, result in checked(document, ctx):
        work = result.work
        if work is None or ref.fields is None or work.updates_issued():
            continue
        diffs = match.differences(
            ref.fields, work,
            title_threshold=float(opts["title_similarity"]),
            author_threshold=float(opts["author_similarity"]),
            year_tolerance=int(opts["year_tolerance"]),
            journal_threshold=float(opts["journal_similarity"]),
        )
        if not diffs:
            continue
        names = [d.field for d in diffs]
        details = "; ".join(f'{d.field}: "{d.cited}" here, "{d.registered}" registered'
                            for d in diffs if d.field != "title")
        message = (f"DOI {result.doi}{alias_note(result)} is registered for a work whose "
                   f"{_join(names)} {'differ' if len(names) > 1 else 'differs'} from this reference: "
                   f"{work.citation_line()}")
        if details:
            message += f" ({details})"
        yield ctx.finding(doi_span(document, ref), message, [ref.label])
