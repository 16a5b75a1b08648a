"""The library API: read manuscripts and check them.

>>> report = check_text("Bone metastases are common [1].\\n\\nReferences\\n1. Macedo F. Bone Metastases. Oncol Rev. 2017.\\n2. Hong S. Skeletal events. PLoS One. 2020.\\n")
>>> [(f.code, f.references) for f in report.findings]
[('CC101', ('2',))]
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from citecheck.config import Config
from citecheck.crossref import CrossrefSettings, open_verifier
from citecheck.crossref.answers import reference_doi
from citecheck.encoding import normalise_newlines
from citecheck.engine import run_rules
from citecheck.errors import InputError, UsageError
from citecheck.model import Document, FileSummary, Finding, Location, Report, Severity
from citecheck.readers import format_for, read_path
from citecheck.readers.options import ReadOptions
from citecheck.readers.text import parse_text
from citecheck.refparse import ensure_fields
from citecheck.rules import REGISTRY

if TYPE_CHECKING:  # imported when a run goes online (see citecheck.crossref.answers)
    from citecheck.crossref.verifier import CrossrefVerifier

TEXT_FORMATS = ("text", "markdown")
#: The online rules that use bibliographic searches (the others need only DOIs).
SEARCH_RULES = frozenset({"CC501", "CC507", "CC508"})


def _split_options(options: Mapping[str, Any]) -> tuple[Config, ReadOptions]:
    config = options.get("config")
    if config is None:
        unknown = set(options) - {f.name for f in dataclasses.fields(Config)}
        if unknown:
            raise UsageError(f"unknown option(s): {', '.join(sorted(unknown))}")
        config = Config.from_options(**options)
    read = ReadOptions(
        style=config.style, cite_commands=config.cite_commands, bib_files=config.bib_files,
        allow_outside_includes=config.allow_outside_includes,
    )
    return config, read


def parse_file(path: str | os.PathLike[str], **options: Any) -> Document:
    """Read a manuscript into a :class:`~citecheck.model.Document` without checking it.

    Raises :class:`~citecheck.errors.InputError` if the file cannot be read.
    """
    _, read = _split_options(options)
    return read_path(os.fspath(path), read)


def unreadable_finding(error: InputError) -> Finding:
    """The CC001 finding for a file that could not be read at all."""
    rule = REGISTRY["CC001"]
    return Finding(
        code=rule.code,
        name=rule.name,
        severity=Severity.ERROR,
        message=error.message,
        location=Location(error.path, error.line, error.column, error.line, error.column),
    )


def check_document(
    document: Document, config: Config | None = None, services: Mapping[str, Any] | None = None
) -> Report:
    """Check a Document that has already been read."""
    findings = run_rules(document, config, services)
    if findings:  # the fix package is imported only when there is something to mark
        from citecheck.fix import mark_fixable

        findings = mark_fixable(document, findings)
    summary = FileSummary(
        document.path, document.format, document.encoding,
        len(document.citations), len(document.references),
    )
    return Report(files=[summary], findings=findings, documents=[document])


def check_paths(
    paths: Iterable[str | os.PathLike[str]],
    config: Config | None = None,
    services: Mapping[str, Any] | None = None,
    crossref: CrossrefSettings | None = None,
) -> Report:
    """Check several files; an unreadable one is reported (CC001) and the rest go on.

    With ``crossref`` settings (or a :class:`~citecheck.crossref.CrossrefVerifier`
    in ``services["crossref"]``) the online rules run too: every document is
    read first, all their DOIs and searches are looked up in one batched
    prefetch, then the rules run.  References that could not be verified are
    counted in ``report.unverified`` and make ``report.incomplete`` true.
    """
    config = config or Config()
    if crossref is not None:
        with open_verifier(crossref) as service:
            return check_paths(paths, config, {**(services or {}), "crossref": service})
    _, read = _split_options({"config": config})
    report = Report()
    entries: list[Document | tuple[FileSummary, InputError]] = []
    for raw in paths:
        path = os.fspath(raw)
        try:
            entries.append(read_path(path, read))
        except InputError as error:
            fmt, _ = format_for(path)
            entries.append((FileSummary(path, fmt, None, 0, 0, error=error.message), error))
    documents = [e for e in entries if isinstance(e, Document)]
    verifier = _prefetch(documents, config, services)
    for entry in entries:
        if isinstance(entry, Document):
            report.extend(check_document(entry, config, services))
            continue
        summary, problem = entry
        report.files.append(summary)
        if config.enabled(REGISTRY["CC001"], summary.path):
            report.findings.append(unreadable_finding(problem))
        report.incomplete = True
    drop_cited_elsewhere(report)
    if verifier is not None:
        for document in documents:
            _record_crossref_status(document, verifier)
        report.unverified = sum(len(verifier.unverified_references(d)) for d in documents)
        if report.unverified:
            report.incomplete = True
            report.notes.append(verifier.summary())
    return report


def _record_crossref_status(document: Document, verifier: CrossrefVerifier) -> None:
    """Note in the document's metadata what Crossref could tell of each
    reference (the HTML report shows it): "unverified" when the look-up
    failed, "verified" when its DOI was checked, "searched" when a search
    was made for it, "not checked" otherwise.  Findings refine "verified"."""
    unverified = {id(ref) for ref in verifier.unverified_references(document)}
    status: dict[str, str] = {}
    for ref in document.references:
        if id(ref) in unverified:
            status[ref.label] = "unverified"
        elif reference_doi(ref):
            status[ref.label] = "verified"
        else:
            status[ref.label] = "searched" if verifier.wants_search(ref) else "not checked"
    document.metadata["crossref"] = status


#: Document.metadata key: the labels a document cites, kept when its citations are let go.
CITED_LABELS = "cited_labels"


def doc_cited_labels(document: Document) -> set[str]:
    """The labels ``document`` cites (from its citations, or as kept when they were let go)."""
    if document.citations:
        return {label for citation in document.citations for label in citation.labels}
    return set(document.metadata.get(CITED_LABELS, ()))


def drop_cited_elsewhere(report: Report) -> Report:
    """Drop the "never cited" findings (CC101) on an entry of a file that
    several checked documents read (one ``refs.bib`` for two papers) when
    another of those documents cites that entry: a shared bibliography is
    judged against every document that uses it, not only the first."""
    readers: dict[str, list[Document]] = {}
    for document in report.documents:
        for source in document.sources[1:]:
            readers.setdefault(os.path.realpath(source.path), []).append(document)
    shared = {path: docs for path, docs in readers.items() if len(docs) > 1}
    if not shared:
        return report
    cited: dict[int, set[str]] = {}

    def cites(document: Document, label: str) -> bool:
        if id(document) not in cited:
            cited[id(document)] = doc_cited_labels(document)
        return label in cited[id(document)] or "*" in cited[id(document)]

    def keep(finding: Finding) -> bool:
        if finding.code != "CC101":
            return True
        docs = shared.get(os.path.realpath(finding.location.path))
        return not docs or not any(cites(d, label) for d in docs for label in finding.references)

    report.findings = [f for f in report.findings if keep(f)]
    return report


def _prefetch(documents: list[Document], config: Config,
              services: Mapping[str, Any] | None) -> CrossrefVerifier | None:
    """Look up, in batch, what the enabled online rules will ask the verifier."""
    verifier = (services or {}).get("crossref")
    if verifier is None:
        return None
    from citecheck.crossref.verifier import CrossrefVerifier

    if not isinstance(verifier, CrossrefVerifier):
        return None
    online = {rule.code for rule in REGISTRY.values() if rule.online and config.enabled(rule)}
    if not online:
        return None
    for document in documents:
        # The engine parses the reference strings too, but the prefetch needs
        # the DOIs before any rule runs; parsing is done once either way.
        ensure_fields(document)
    verifier.prefetch(documents, searches=bool(online & SEARCH_RULES))
    return verifier


def check_file(path: str | os.PathLike[str], **options: Any) -> Report:
    """Check one manuscript file.

    Options: ``select``, ``ignore``, ``extend_select`` (codes, prefixes or
    names), ``fail_on``, ``style`` (``"auto"``, ``"bracket"``,
    ``"superscript"``, ``"parenthetical"``, ``"author-year"``), or a ready ``config``; and
    ``crossref``, a :class:`~citecheck.crossref.CrossrefSettings`, to verify
    DOIs and references against Crossref.
    An unreadable file gives a report with one CC001 finding.
    """
    crossref = options.pop("crossref", None)
    config, _ = _split_options(options)
    return check_paths([path], config, crossref=crossref)


def check_text(text: str, format: str = "text", path: str = "<text>", **options: Any) -> Report:
    """Check a manuscript given as a string (``format``: "text" or "markdown")."""
    if format not in TEXT_FORMATS:
        raise UsageError(f"check_text takes format 'text' or 'markdown', not '{format}'")
    config, read = _split_options(options)
    document = parse_text(normalise_newlines(text), path, format == "markdown", read)
    return check_document(document, config)
