"""What runs where a file is checked (a worker process, a Dask worker).

Plain functions of picklable values, so that any executor can ship them:

* :func:`check_file` reads and checks one file (no online rules);
* :func:`prepare` reads one file and says what it needs from Crossref
  (:class:`Needs`), keeping the document where it was read;
* :func:`finish` runs the rules over a prepared document with the Crossref
  answers that were looked up centrally (:class:`~citecheck.crossref.verifier.Answers`).

Every result is a one-file :class:`~citecheck.model.Report` without its
document, so the client never receives a manuscript's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.api import check_document, unreadable_finding
from citecheck.config import Config
from citecheck.crossref.match import search_query
from citecheck.crossref.answers import Answers, has_no_doi, reference_doi
from citecheck.crossref.verifier import CrossrefVerifier
from citecheck.errors import InputError
from citecheck.model import Document, FileSummary, Report
from citecheck.readers import format_for, read_path
from citecheck.readers.options import ReadOptions
from citecheck.refparse import ensure_fields
from citecheck.rules import REGISTRY
from citecheck.runner import _check_one


@dataclass(frozen=True)
class Needs:
    """What one document asks of Crossref: its DOIs, and the searches its
    references may need, each with the reference's DOI (None: it has none;
    then it is searched whatever Crossref says of the DOIs)."""

    dois: tuple[str, ...] = ()
    searches: tuple[tuple[str, str | None], ...] = ()


#: A document read and kept where it was read, or the report of a file that
#: could not be read, with what it needs from Crossref.
Prepared = tuple[Document | Report, Needs]


def check_file(path: str, config: Config) -> Report:
    """Read and check one file, as ``--jobs`` does."""
    report = _check_one(path, config)
    report.documents = []
    return report


def failed(path: str, message: str, config: Config, error: InputError | None = None) -> Report:
    """The report of a file that could not be read or checked (CC001)."""
    fmt, _ = format_for(path)
    report = Report(files=[FileSummary(path, fmt, None, 0, 0, error=message)], incomplete=True)
    if config.enabled(REGISTRY["CC001"], path):
        report.findings.append(unreadable_finding(error or InputError(path, message)))
    return report


def prepare(path: str, config: Config, searches: bool) -> Prepared:
    """Read one file and list its Crossref needs (``searches``: the search rules run)."""
    read = ReadOptions(style=config.style, cite_commands=config.cite_commands,
                       bib_files=config.bib_files)
    try:
        document = read_path(path, read)
        ensure_fields(document)
    except InputError as error:
        return failed(path, error.message, config, error), Needs()
    except Exception as error:  # noqa: BLE001 - one file's bug must not end the run
        return failed(path, _internal(error), config), Needs()
    return document, needs_of(document, searches)


def needs_of(document: Document, searches: bool) -> Needs:
    dois = tuple(dict.fromkeys(d for d in map(reference_doi, document.references) if d))
    wanted: list[tuple[str, str | None]] = []
    if searches:
        for ref in document.references:
            query = search_query(ref)
            if query is None:
                continue
            if has_no_doi(ref):
                wanted.append((query, None))
            elif (doi := reference_doi(ref)) is not None:
                wanted.append((query, doi))
    return Needs(dois, tuple(dict.fromkeys(wanted)))


def finish(prepared: Prepared, answers: Answers | None, config: Config, online: bool) -> Report:
    """Run the rules over a prepared document; ``online``: the online rules are enabled."""
    document, _ = prepared
    if isinstance(document, Report):
        return document
    verifier = CrossrefVerifier.from_answers(answers or Answers({}, {}))
    try:
        report = check_document(document, config, {"crossref": verifier})
    except Exception as error:  # noqa: BLE001
        return failed(document.path, _internal(error), config)
    report.documents = []
    if online:
        report.unverified = len(verifier.unverified_references(document))
        report.incomplete = report.unverified > 0
    return report


def finish_many(prepared: Sequence[Prepared], answers: Sequence[Answers | None], config: Config,
                online: bool) -> list[Report]:
    return [finish(p, a, config, online) for p, a in zip(prepared, answers, strict=True)]


def _internal(error: Exception) -> str:
    return f"internal error while checking this file ({type(error).__name__}: {error}); please report it"
