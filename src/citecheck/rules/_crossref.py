"""Shared by the Crossref rules (CC401, CC5xx): finding each reference's DOI,
the verifier's answer for it, and where in the text to point."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from citecheck.crossref.answers import DoiCheck, DoiStatus, reference_doi, written_doi
from citecheck.crossref.records import Update
from citecheck.doi import find_dois
from citecheck.model import Document, Reference, Span
from citecheck.rules.base import RuleContext

if TYPE_CHECKING:
    from citecheck.crossref.verifier import CrossrefVerifier


def verifier(ctx: RuleContext) -> CrossrefVerifier | None:
    service = ctx.services.get("crossref")
    if service is None:
        return None
    # Imported here: a run without the service never imports the client (see crossref.answers).
    from citecheck.crossref.verifier import CrossrefVerifier

    return service if isinstance(service, CrossrefVerifier) else None


def checked(document: Document, ctx: RuleContext,
            status: DoiStatus = DoiStatus.FOUND) -> Iterator[tuple[Reference, DoiCheck]]:
    """Each reference whose DOI Crossref answered with ``status``, once per DOI
    and label (a .bib entry shared by two documents is checked in each)."""
    service = verifier(ctx)
    if service is None:
        return
    seen: set[tuple[str, str]] = set()
    for ref in document.references:
        doi = reference_doi(ref)
        if doi is None or (ref.label, doi) in seen:
            continue
        seen.add((ref.label, doi))
        result = service.check(doi)
        if result.status is status:
            yield ref, result


def cited_dois(document: Document) -> set[str]:
    """Every valid DOI the document's references give."""
    return {d for d in map(reference_doi, document.references) if d}


def doi_span(document: Document, ref: Reference, raw: str | None = None) -> Span:
    """The span of the DOI as written inside the reference, or the reference's span."""
    fields = ref.fields
    raw = raw or (written_doi(fields) if fields else None)
    source = document.sources[ref.span.source].text
    # Some readers' spans cover only an entry's head ("@article{key"); the
    # entry's text follows it in the source.
    start, end = ref.span.start, min(len(source), max(ref.span.end, ref.span.start + len(ref.text)))
    window = source[start:end]
    if raw is None:  # an unparsed reference: the first DOI in its text
        found = find_dois(window)
        if found:
            return Span(start + found[0][1], start + found[0][2], ref.span.source)
    elif (at := window.find(raw)) >= 0 or (at := window.lower().find(raw.lower())) >= 0:
        return Span(start + at, start + at + len(raw), ref.span.source)
    return ref.span


def alias_note(result: DoiCheck) -> str:
    return f" (an alias of {result.work.doi})" if result.aliased and result.work else ""


def received(document: Document, ctx: RuleContext, kinds: frozenset[str],
             unless_cited: bool = False) -> Iterator[tuple[Reference, DoiCheck, list[Update]]]:
    """References whose work received updates of ``kinds`` (newest first).

    With ``unless_cited``, a notice the document also cites does not count:
    the author has seen it.
    """
    cited = cited_dois(document) if unless_cited else set()
    for ref, result in checked(document, ctx):
        if result.work is None:
            continue
        updates = sorted((u for u in result.work.received(kinds) if u.doi not in cited),
                         key=lambda u: u.date or "", reverse=True)
        if updates:
            yield ref, result, updates


def issued(document: Document, ctx: RuleContext,
           kinds: frozenset[str]) -> Iterator[tuple[Reference, DoiCheck, list[Update]]]:
    """References whose DOI is itself a notice of ``kinds`` about works the
    document does not also cite (citing both is deliberate)."""
    cited = cited_dois(document)
    for ref, result in checked(document, ctx):
        if result.work is None:
            continue
        targets = [u for u in result.work.issued(kinds) if u.doi not in cited]
        if targets:
            yield ref, result, targets


def shorten(text: str, limit: int = 80) -> str:
    """A title cut at a word boundary for a one-line message."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
