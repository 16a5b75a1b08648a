"""CC203 related-version: a conference paper or preprint and its journal version.

A paper presented at a conference, or posted as a preprint or report, is
often published later in a journal with a slightly reworded title.  Listing
both is sometimes right (the versions differ) and sometimes an oversight; it
is worth a look, so this is information, not a warning.

Reported when one entry is a conference paper, preprint or report and the
other a journal article (or a preprint or report and the chapter or book
it became), their titles are similar (ignoring case, accents
and punctuation), their first authors agree and their years are at most two
apart.  Such pairs are never reported by CC201 duplicate-reference.

Entries of a bibliography database count when both are cited, or when the
cited one is the conference paper, preprint or report and the database also
holds the journal version: citing the preprint when the journal version is
at hand is worth a look.  Citing the journal version while the database
keeps the preprint is what a shared .bib is for, and is not reported.

Options:

``title_similarity``  minimum title similarity, 0-100 (default 85); a shorter
                      title whose words all stand in the other also counts
``year_tolerance``    how many years apart the entries may be (default 2)

Bad::

    [3] K.-L. Besser, R. F. Schaefer, and H. V. Poor, "Reliability and
        latency of wireless communication systems with a secret-key budget,"
        in Proc. IEEE Int. Conf. Commun. (ICC), 2024.
    [4] K.-L. Besser, R. F. Schaefer, and H. V. Poor, "Reliability and
        latency analysis for wireless communication systems with a secret-key
        budget," IEEE Trans. Commun., vol. 72, no. 2, pp. 1033-1044, 2024.

Good::

    [4] K.-L. Besser, R. F. Schaefer, and H. V. Poor, "Reliability and
        latency analysis for wireless communication systems with a secret-key
        budget," IEEE Trans. Commun., vol. 72, no. 2, pp. 1033-1044, 2024.
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.duplicates import (
    RELATED_TITLE_SIMILARITY,
    RELATED_YEAR_TOLERANCE,
    find_related_versions,
    shared_analysis,
)
from citecheck.model import Document, Finding, ReferenceOrigin, Severity
from citecheck.rules.base import RuleContext
from citecheck.rules.duplicate_reference import printed_labels

CODE = "CC203"
NAME = "related-version"
SEVERITY = Severity.INFO
SUMMARY = "A conference paper or preprint and its journal version are both listed."
OPTIONS = {"title_similarity": RELATED_TITLE_SIMILARITY, "year_tolerance": RELATED_YEAR_TOLERANCE}

_KIND = {
    "conference": "a conference paper",
    "preprint": "a preprint",
    "report": "a report",
    "article": "a journal article",
    "chapter": "a book chapter",
    "book": "a book",
}


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    refs = document.references
    year_tolerance = int(ctx.options.get("year_tolerance", RELATED_YEAR_TOLERANCE))
    pairs = find_related_versions(
        refs,
        title_similarity=float(ctx.options.get("title_similarity", RELATED_TITLE_SIMILARITY)),
        year_tolerance=year_tolerance,
        analysis=shared_analysis(document.references, year_tolerance, ctx.shared),
    )
    printed = printed_labels(document, ctx.shared)
    for pair in pairs:
        a, b = (refs[i] for i in pair.members)
        unprinted = [
            r for r in (a, b)
            if printed is not None and r.origin is ReferenceOrigin.DATABASE and r.label not in printed
        ]
        if len(unprinted) == 2:
            continue  # neither is cited: a shared .bib may hold both versions
        kind_a, kind_b = (_KIND.get(k, "an entry") for k in pair.kinds)
        if unprinted:
            # One version is cited and the bibliography holds the other: worth
            # knowing, most of all when the cited one is the preprint.
            other = unprinted[0]
            cited = b if other is a else a
            if (pair.kinds[1] if other is a else pair.kinds[0]) in {"article", "chapter", "book"}:
                continue  # the journal version is cited: the unused preprint does no harm
            kind_cited, kind_other = (kind_b, kind_a) if other is a else (kind_a, kind_b)
            message = (
                f"reference {cited.label} is {kind_cited}; the bibliography also has "
                f"{kind_other} of the same work, {other.label}, which is not cited; "
                "cite the version you mean"
            )
            related = [
                (cited.span, f"reference {cited.label}: {kind_cited}, cited"),
                (other.span, f"reference {other.label}: {kind_other}, not cited"),
            ]
            yield ctx.finding(cited.span, message, references=[a.label, b.label], related=related)
            continue
        message = (
            f"references {a.label} and {b.label} may be two versions of one work: "
            f"reference {a.label} is {kind_a} and reference {b.label} {kind_b}, "
            "with similar titles and the same first author; keep both only if both are meant"
        )
        related = [
            (a.span, f"reference {a.label}: {kind_a}"),
            (b.span, f"reference {b.label}: {kind_b}"),
        ]
        yield ctx.finding(b.span, message, references=[a.label, b.label], related=related)
