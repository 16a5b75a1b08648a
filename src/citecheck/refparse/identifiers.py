"""Identifiers in a reference string: DOI, PMID, PMCID, arXiv id, ISBN, URL.

Identifiers are found first and cut out of the string, so that the rest of the
parse (authors, title, journal, numbers) does not trip over the digits and
dots of ``doi:10.1038/nature12373`` or ``PMID: 23201682``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck import lazyre
from citecheck.doi import _trim as trim_doi
from citecheck.doi import DOI, RESOLVER, normalize_doi
from citecheck.refparse.quick import collapse_spaces, may_hold

# What follows a DOI marker, as written, up to the next space -- or, when the
# marker is followed by "10." and the DOI is broken by a space ("10.1016/ j.x",
# "10.1371/journal.pbio. 1001425"), the broken DOI too, so that the
# malformed-DOI rule can see it (a truncated DOI would be looked up and
# reported as not registered).  "doi.acm.org/..." is a resolver, not a marker.
_DOI_MARKED = lazyre.compile(
    rf"(?:{RESOLVER}|(?<![\w/])doi\b(?!\.\w)\s*[:：]?\s*)"
    r"(?P<doi>10\s*\.(?:\s+\d{4,9}/\S+|[^\s/]*/\s+\S+|\S+\s+/\S+|\S+\.\s+[a-z][a-z0-9]*\.[\w.\-]+"
    r"|\S*\.[a-z]+\.\s+\d{4,}(?![\d.]*\w)|\S+)|[^\s,;]+)",
    re.IGNORECASE,
)
# Where a match of _DOI_MARKED may start (case aside): a resolver's scheme or host, or "doi".
_DOI_MARKED_STARTS = ("http", "dx.", "www.", "doi", "hdl.")
# A bare DOI with no marker.
_DOI_BARE = lazyre.compile(rf"(?<![\w/.])({DOI})")

_PMID = lazyre.compile(r"\b(?:PMID|PubMed\s+PMID)\s*[:：]?\s*(\d{4,9})\b", re.IGNORECASE)
_PMCID = lazyre.compile(r"\b(?:PMCID\s*[:：]?\s*)?(PMC\d{4,9})\b", re.IGNORECASE)
_ARXIV = lazyre.compile(
    r"(?:\barXiv\s*[:：]?\s*|arxiv\.org/(?:abs|pdf)/)"
    r"(?P<id>\d{4}\.\d{4,5}(?:v\d+)?|[a-z\-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)",
    re.IGNORECASE,
)
_ISBN = lazyre.compile(r"\bISBN(?:-1[03])?\s*[:：]?\s*((?:97[89][\s\-]?)?(?:\d[\s\-]?){9}[\dX])\b", re.IGNORECASE)
_URL = lazyre.compile(r"\b(?:https?|ftp)://[^\s<>\"]+|\bwww\.[^\s<>\"]+\.[a-z]{2,}[^\s<>\"]*", re.IGNORECASE)
# Notes around identifiers that carry no bibliographic field.
# An access date: "[cited 2020 Jan 5]", "Accessed 5 Jan. 2020", "Accessed: 2020-01-05",
# "Retrieved January 5, 2020, from".  Only day numbers and month names may stand
# between the word and the year, so that a title with "cited", "accessed" or
# "retrieved" in it ("Never cited. Science. 2018") keeps its words.
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ACCESS_DATE = (
    rf"\[?(?:Accessed|Retrieved|cited|Last\s+accessed)(?:\s+on)?\s*:?\s*"
    rf"(?:(?:\d{{1,2}}(?:st|nd|rd|th)?|{_MONTH})[\s,/-]+){{0,3}}\d{{4}}(?:[-/]\d{{1,2}}){{0,2}}"
    rf"(?:[\s,]+(?:{_MONTH}|\d{{1,2}}(?!\d))){{0,2}}\]?(?:,?\s+from\b)?"
)
_NOISE = lazyre.compile(
    r"\b(?:PubMed\s+Central\s+PMCID|PubMed\s+Central|Epub(?:\s+ahead\s+of\s+print)?\s*[\d/\-]*"
    rf"|Available\s+(?:from|at|online)\s*:?|Retrieved\s+from\s*:?(?=\s*$)|{_ACCESS_DATE}"
    r"|\[PubMed[^\]]*\]|\[(?:Google\s+Scholar|CrossRef|Ref\s+list)\])",
    re.IGNORECASE,
)
# A word each match of _NOISE holds (see quick.may_hold)
_NOISE_WORDS = ("pubmed", "epub", "available", "retrieved", "accessed", "cited", "google", "crossref", "list")
# Each match of _MARKER_LEFT holds one of these (case as written)
_MARKERS = ("doi", "DOI", "URL", "Available")
_PUNCTUATION_RUN = lazyre.compile(r"([.;:])(?:\s+[.,;:])+(?=\s|$)")
_LEFT_BEHIND = tuple(f"{a} {b}" for a in ".;:" for b in ".,;:")
_MARKER_LEFT = lazyre.compile(r"\b(?:doi|DOI|URL|Available)\s*[:：]?\s*(?=[.;,]?\s*$)")


@dataclass(frozen=True)
class Identifiers:
    """The identifiers found in a reference string, and the string without them."""

    rest: str
    doi: str | None = None
    raw_doi: str | None = None
    pmid: str | None = None
    pmcid: str | None = None
    arxiv: str | None = None
    isbn: str | None = None
    url: str | None = None


_GLUED = lazyre.compile(r"[,.](?=(?:arXiv|URL|PMID|PMCID)\b|doi\s*:|https?:)|\[", re.IGNORECASE)
_GLUED_NOTE = lazyre.compile(r"\.(?:URL|Available|Accessed)\S*$", re.IGNORECASE)
# A PubMed number printed bare after the DOI, not a page or a volume
_BARE_PMID = lazyre.compile(r"(?<![\w.:;(/\-–])(\d{7,8})(?=\s*(?:[;.]|$))")
_OPEN_BEFORE = lazyre.compile(r"[:;(]\s*$")


def _trim(value: str) -> str:
    # Glued to the next item: "10.1103/x.URL", "10.1146/x,arXiv", "10.1038/x[doi]",
    # "10.1088/x[arXiv:1509.00074]" (DOIs do not contain "[")
    value = _GLUED.split(value, maxsplit=1)[0]
    value = _GLUED_NOTE.sub("", trim_doi(value))
    return trim_doi(value)


def _first_start(text: str, lower: str) -> int:
    """Where _DOI_MARKED's search of ``text`` may start: no match starts before
    the first of _DOI_MARKED_STARTS (the search still sees what precedes it, for
    its look-behind).  Case-insensitive matching agrees with ``lower`` in ASCII only."""
    if not text.isascii():
        return 0
    found = [at for at in map(lower.find, _DOI_MARKED_STARTS) if at >= 0]
    return min(found) if found else 0


def _cut(text: str, start: int, end: int) -> str:
    return text[:start] + " " + text[end:]


def extract_identifiers(text: str) -> Identifiers:
    """Find and remove the identifiers of one reference string.

    >>> ids = extract_identifiers("Nature. 2013;493:216. doi: 10.1038/NATURE11690. PMID: 23201682")
    >>> ids.doi, ids.pmid, ids.rest.strip()
    ('10.1038/nature11690', '23201682', 'Nature. 2013;493:216.')
    """
    rest = text
    found: dict[str, str] = {}
    lower = text.lower()

    match = _DOI_MARKED.search(rest, _first_start(rest, lower)) if "doi" in lower else None
    if match and not match.group("doi").startswith("10") and _DOI_BARE.search(rest):
        # PubMed exports: "doi: nm.2234 [pii]; 10.1038/nm.2234 [doi]"
        match = None
    if match:
        raw = _trim(match.group("doi"))
        found["raw_doi"] = raw
        rest = _cut(rest, match.start(), match.start("doi") + len(raw))
    else:
        match = _DOI_BARE.search(rest) if "10." in rest else None
        if match:
            raw = _trim(match.group(1))
            found["raw_doi"] = raw
            start = match.start(1)
            # A resolver URL without the scheme ("dx.doi.org/10...") goes too.
            rest = _cut(rest, start, start + len(raw))
    for name, pattern, group, hint in (
        ("arxiv", _ARXIV, "id", "arxiv"),
        ("pmcid", _PMCID, 1, "pmc"),
        ("pmid", _PMID, 1, "pmid"),
        ("isbn", _ISBN, 1, "isbn"),
    ):
        if hint not in lower:  # a cheap test before the regular expression
            continue
        match = pattern.search(rest)
        if match:
            value = match.group(group)
            if name == "isbn":
                value = re.sub(r"[\s\-]", "", value).upper()
            elif name == "pmcid":
                value = value.upper()
            elif name == "arxiv":
                value = re.sub(r"v\d+$", "", value)
            found[name] = value
            rest = _cut(rest, match.start(), match.end())
    match = _URL.search(rest) if ("://" in rest or "www." in lower) else None
    if match:
        found["url"] = _trim(match.group(0))
        rest = _cut(rest, match.start(), match.end())
        # A publisher link carrying the DOI: ".../doi/pdfplus/10.1021/cb3005325"
        in_url = re.search(r"/doi/(?:abs/|full/|pdf/|pdfplus/|epdf/|book/)?(10\.\d{4,9}/[^\s?#&]+)", found["url"])
        if in_url and "raw_doi" not in found:
            found["raw_doi"] = _trim(in_url.group(1))
    # A PubMed number printed bare after the DOI (PLOS: "doi: 10.x/y 23201682").
    if "pmid" not in found and "raw_doi" in found:
        bare = _BARE_PMID.search(rest)
        if bare and not _OPEN_BEFORE.search(rest[: bare.start()]):
            found["pmid"] = bare.group(1)
            rest = _cut(rest, bare.start(), bare.end())
    if may_hold(rest, _NOISE_WORDS):
        rest = _NOISE.sub(" ", rest)
    if any(marker in rest for marker in _MARKERS):
        rest = _MARKER_LEFT.sub(" ", rest)
    rest = collapse_spaces(rest)
    # What cutting left behind: "216. doi: x. PMID: y." -> "216. . ."  (Every space
    # is now one " ", so a match holds one of _LEFT_BEHIND.)
    if any(left in rest for left in _LEFT_BEHIND):
        rest = _PUNCTUATION_RUN.sub(r"\1", rest)
    raw_doi = found.get("raw_doi")
    doi = normalize_doi(raw_doi) if raw_doi else None
    return Identifiers(
        rest=rest,
        doi=doi or None,
        raw_doi=raw_doi,
        pmid=found.get("pmid"),
        pmcid=found.get("pmcid"),
        arxiv=found.get("arxiv"),
        isbn=found.get("isbn"),
        url=found.get("url"),
    )
