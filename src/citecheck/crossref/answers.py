"""What the Crossref service answers, and which DOI a reference gives.

Kept apart from :mod:`citecheck.crossref.verifier`, which needs the HTTP
client and the cache: the rules and the library API use these types and
helpers on every run, and a check without ``--crossref`` should not import the
client (9-10 ms CPU of every check).  :mod:`citecheck.crossref.verifier`
re-exports all of them.  (The scale workers, ``citecheck.scale``, still import
the verifier: they rebuild one from a run's answers.)
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from citecheck.crossref.records import Work
from citecheck.doi import is_doi_url, is_valid_doi, normalize_doi
from citecheck.model import Reference, ReferenceFields
from citecheck.refparse import parse_reference


class DoiStatus(enum.Enum):
    FOUND = "found"  # a Crossref work record
    NOT_FOUND = "not-found"  # 404 at Crossref and no registration agency
    ELSEWHERE = "elsewhere"  # registered, but not with Crossref metadata (DataCite, ...)
    UNVERIFIED = "unverified"  # could not be checked this run


@dataclass(frozen=True)
class DoiCheck:
    """What Crossref says about one DOI."""

    doi: str
    status: DoiStatus
    work: Work | None = None
    agency: str | None = None
    updates_checked: bool = True  # False when the notice query failed

    @property
    def aliased(self) -> bool:
        """Whether the DOI is an alias of another (Crossref answered with a 301)."""
        return self.work is not None and self.work.doi != self.doi


@dataclass(frozen=True)
class Answers:
    """A verifier's answers for one document: its DOIs and its searches (by query key)."""

    dois: dict[str, DoiCheck]
    searches: dict[str, tuple[Work, ...] | None]
    can_search: bool = True


def written_doi(fields: ReferenceFields) -> str | None:
    """The DOI a reference gives, as written: its DOI field, or a doi.org link
    in its URL field (reference managers often store DOIs that way)."""
    if fields.doi or fields.raw_doi:
        return fields.doi or fields.raw_doi
    if fields.url and is_doi_url(fields.url):
        return fields.url.strip()
    return None


def reference_doi(ref: Reference) -> str | None:
    """A reference's DOI, normalised, when it has one with DOI syntax.

    Unparsed references (``fields`` is None) are parsed here, so that a DOI
    broken by a space is seen whole (and left to CC401), not truncated.
    """
    fields = ref.fields if ref.fields is not None else parse_reference(ref.text)
    raw = written_doi(fields)
    if not raw:
        return None
    doi = normalize_doi(raw)
    return doi if is_valid_doi(doi) else None


def has_no_doi(ref: Reference) -> bool:
    return ref.fields is not None and written_doi(ref.fields) is None
