"""Find references that are the same work listed twice, and related versions.

The detector works on a list of :class:`~citecheck.model.Reference` objects,
whatever reader made them; a reference without ``fields`` is parsed first.

**Evidence.**  Two references are the same work when they share a DOI, PMID
or arXiv id, or when all three of these hold:

- their normalised titles (lower case, accents and punctuation dropped, and
  letters such as ø, ł and ß spelled o, l and ss) are at least
  :data:`TITLE_SIMILARITY` similar (``rapidfuzz.fuzz.ratio``, 0-100);
- their first authors' family names agree, tolerating accents, initials
  against full given names, hyphens, Chinese name order and the usual
  romanisations of Chinese and Korean surnames (Zhang, Chang, Cheung) -- or the author
  lists name the same people in another order (:data:`SAME_PEOPLE_SHARE`);
- their years are at most :data:`YEAR_TOLERANCE` apart (online-first against
  print year).

Or, evidence that survives a bad parse of the authors or the title: the same
year, volume and first page (a first page other than 1) and one of: similar
titles, a title that begins with the whole other title (a note appended, at
least :data:`PREFIX_MIN_WORDS` words), the same people, or whole reference
strings at least :data:`WHOLE_SIMILARITY` similar.  Two papers never start
on one page of one volume, so this holds even when an export mangled the
first author's name.

**Guards.**  Never the same work, whatever matched: a different volume
(roman or arabic numerals), first page (unless the page ranges overlap: a
typo) or edition; an erratum, correction, retraction notice, reply or
comment against anything else; different part or volume numbers in the
titles ("Part I" and "Part II", "Volumen II" and "Volumen III"); and, for a
shared identifier, clearly different titles (book chapters that carry the
book's DOI).  A shared identifier with the same volume and first page
outweighs numbers written differently in the titles.  Without a shared
identifier, also: two different DOIs, different web addresses for short
titles (software and web pages named alike), different kinds of work (a
book and an article; a thesis may be typed as a book), journals that are
neither the same nor abbreviations of one another
(:data:`CONTAINER_SIMILARITY`), and first authors whose given names start
with different letters.

**Related versions.**  A conference paper, preprint or report and a journal
article (or a preprint or report and a chapter or book) with titles at least :data:`RELATED_TITLE_SIMILARITY` similar, the
same first author and years at most :data:`RELATED_YEAR_TOLERANCE` apart are
two versions of one work: :func:`find_related_versions` reports them, and
:func:`find_duplicates` does not.

**Scale.**  :func:`analyse` proposes the pairs to compare once per list
(:mod:`citecheck.duplicates.index`), in linear time, and CC201 and CC203
share it: references with equal fields are compared once, and pairs are
proposed only within index blocks of bounded work.

**Calibration.**  ``bench/duplicate_calibration.py`` prints the labelled
pairs behind the thresholds.  In the shared corpus the verified duplicates
(six PLOS pairs, two klb2 pairs, two bibtex-tidy pairs) score 99-100 in title
similarity; book chapters sharing their book's DOI score 43 (hence
:data:`IDENTIFIER_TITLE_SIMILARITY` = 60); a conference paper and its journal
version 93 and 100, and Part I against Part II 95 -- so those are told apart
by entry type and part numbers, not by the threshold.  On the synthetic lists
of ``bench/duplicates.py`` (case, punctuation, a mistyped letter, a dropped
short word) planted duplicates score at least 96.9, so
:data:`TITLE_SIMILARITY` = 90 leaves room below the lowest true score; the
non-duplicate pairs with agreeing first authors that score 90 or more there
(planted look-alikes: another volume, pages, part, erratum or year) are all
stopped by the guards, not by the threshold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz

from citecheck.gcpause import gc_paused
from citecheck.duplicates.index import (
    Record,
    build_records,
    candidate_pairs,
    classes,
    shared_identifiers,
)
from citecheck.duplicates.names import (
    authors_agree,
    fields_agree,
    other_initials,
    same_issue_and_pages,
    same_people,
    same_surname_romanised,
)
from citecheck.duplicates.text import (
    containers_differ,
    is_abbreviation,
    key,
    normalize_text,
    pages_differ,
    urls_differ,
    volume_number,
)
from citecheck.duplicates.thresholds import (
    BLOCK_TOKENS,
    CONTAINER_SIMILARITY,
    IDENTIFIER_TITLE_SIMILARITY,
    NEIGHBOURS,
    PREFIX_MIN_WORDS,
    RELATED_CONTAINED_MIN_WORDS,
    RELATED_CONTAINED_TITLE,
    RELATED_TITLE_SIMILARITY,
    RELATED_YEAR_TOLERANCE,
    SAME_PEOPLE_SHARE,
    SHORT_TITLE_WORDS,
    SMALL_BLOCK,
    TITLE_PREFIX_WORDS,
    TITLE_SIMILARITY,
    WHOLE_SIMILARITY,
    YEAR_TOLERANCE,
)
from citecheck.model import Reference

__all__ = [
    "BLOCK_TOKENS",
    "CONTAINER_SIMILARITY",
    "IDENTIFIER_TITLE_SIMILARITY",
    "NEIGHBOURS",
    "PREFIX_MIN_WORDS",
    "RELATED_CONTAINED_MIN_WORDS",
    "RELATED_CONTAINED_TITLE",
    "TITLE_PREFIX_WORDS",
    "RELATED_TITLE_SIMILARITY",
    "RELATED_YEAR_TOLERANCE",
    "SAME_PEOPLE_SHARE",
    "SMALL_BLOCK",
    "TITLE_SIMILARITY",
    "WHOLE_SIMILARITY",
    "YEAR_TOLERANCE",
    "Analysis",
    "DuplicateGroup",
    "Match",
    "RelatedVersions",
    "analyse",
    "authors_agree",
    "find_duplicates",
    "find_related_versions",
    "normalize_text",
    "same_surname_romanised",
    "shared_analysis",
]

_VERSION_TYPES = {"conference", "preprint", "report"}
# Kinds of work that are never one another (a book is not an article; a
# thesis is often typed as a book, and published as one).
_TYPE_FAMILY = {
    "article": "article",
    "conference": "proceedings",
    "chapter": "proceedings",
    "book": "book",
    "thesis": "book",
    "report": "report",
    "preprint": "preprint",
}


@dataclass
class Analysis:
    """What the detector computes once per list of references.

    ``classes`` are the indices of references with equal fields (compared
    once), ``pairs`` the class representatives worth comparing, for years
    at most ``window`` apart.  CC201 and CC203 share one analysis.
    """

    references: Sequence[Reference]
    records: list[Record]
    classes: list[list[int]]
    pairs: list[tuple[int, int]]
    window: int


def analyse(references: Sequence[Reference], window: int = max(YEAR_TOLERANCE, RELATED_YEAR_TOLERANCE)) -> Analysis:
    """Prepare ``references`` for :func:`find_duplicates` and
    :func:`find_related_versions`: pairs with years up to ``window`` apart."""
    # The analysis allocates many small objects and frees none: the cyclic
    # garbage collector would traverse the whole heap again and again for
    # nothing (on 7,000 references, 60% of the time).
    with gc_paused():
        records = build_records(references)
        groups = classes(records)
        reps = [records[members[0]] for members in groups]
        return Analysis(references, records, groups, candidate_pairs(reps, window), window)


_CACHE_KEY = "duplicates.analysis"


def shared_analysis(references: Sequence[Reference], window: int, cache: dict[str, Any]) -> Analysis:
    """The analysis of ``references`` kept in ``cache`` (a rule context's
    ``shared`` dict): computed by the first rule that asks, reused by the
    next unless it needs years further apart."""
    cached = cache.get(_CACHE_KEY)
    if isinstance(cached, Analysis) and cached.references is references and cached.window >= window:
        return cached
    analysis = analyse(references, max(window, YEAR_TOLERANCE, RELATED_YEAR_TOLERANCE))
    cache[_CACHE_KEY] = analysis
    return analysis


def _conflict(a: Record, b: Record, shared_identifier: bool = False, same_place: bool = False) -> str | None:
    """Why two references cannot be one work, or ``None``.

    A shared identifier outweighs how the entries name the venue or the kind
    of work, so those are only checked without one.  With ``same_place`` (the
    same year, volume and first page) only numbers a title marks as a part
    ("Part II", "Volumen 3") count: a title run into the journal, or an
    erratum citing the paper it corrects, brings bare numbers of its own.
    """
    fa, fb = a.fields, b.fields
    va, vb = volume_number(fa.volume), volume_number(fb.volume)
    if va and vb and va != vb:
        return "volume"
    if pages_differ(fa.pages, fb.pages):
        return "pages"
    if (fa.edition or fb.edition) and volume_number(fa.edition or "1") != volume_number(fb.edition or "1"):
        return "edition"
    if (fa.note or None) != (fb.note or None):
        return "note"
    if same_place:
        if a.marks != b.marks:
            return "part"  # "Part I" and "Part II", whatever the pages say
    elif a.parts != b.parts and not (shared_identifier and same_issue_and_pages(fa, fb)):
        return "part"  # unless one DOI, volume and page say a number is only written otherwise
    if shared_identifier:
        return None
    if fa.doi and fb.doi and fa.doi != fb.doi:
        return "doi"
    family_a, family_b = _TYPE_FAMILY.get(fa.type or ""), _TYPE_FAMILY.get(fb.type or "")
    if family_a and family_b and family_a != family_b:
        return "type"
    if fa.container and fb.container and containers_differ(fa.container, fb.container):
        return "container"
    if a.title != b.title and min(len(a.title.split()), len(b.title.split())) <= SHORT_TITLE_WORDS:
        if urls_differ(fa.url, fb.url):
            return "url"  # "SciPy" and "SciPy Lecture Notes": two things at two addresses
    return None


@dataclass(frozen=True)
class Match:
    """Two references judged the same work (or related versions), and why."""

    first: int
    second: int
    evidence: str  # "same DOI", "same title, first author and year", ...


@dataclass
class DuplicateGroup:
    """References that are one work: ``members`` are indices in list order."""

    members: tuple[int, ...]
    evidence: tuple[str, ...]
    differences: tuple[str, ...] = ()

    @property
    def canonical(self) -> int:
        return self.members[0]


@dataclass
class RelatedVersions:
    """A conference paper/preprint/report and the journal version of it."""

    members: tuple[int, int]
    kinds: tuple[str, str]
    title_similarity: float


def _versions(a: Record, b: Record) -> bool:
    """A conference paper, preprint or report and a journal article; or a
    preprint or report and the chapter or book it became."""
    ta, tb = a.fields.type, b.fields.type
    if ta == tb:
        return False
    if {ta, tb} <= _VERSION_TYPES | {"article"} and "article" in {ta, tb}:
        return True
    return bool({ta, tb} & {"preprint", "report"}) and bool({ta, tb} & {"chapter", "book"})


def _fuzzy(a: Record, b: Record, title_similarity: float, year_tolerance: int) -> str | None:
    if not a.title or not b.title or a.year is None or b.year is None:
        return None
    if abs(a.year - b.year) > year_tolerance:
        return None
    if a.title != b.title and fuzz.ratio(a.title, b.title) < title_similarity:
        return None  # checked first: it is the cheapest test and rejects the most pairs
    reordered = not fields_agree(a.fields, b.fields)
    if reordered and not same_people(a.fields, b.fields):
        return None
    if not reordered and other_initials(a.fields, b.fields) and not same_issue_and_pages(a.fields, b.fields):
        return None  # "Karlsson TP" and "Karlsson JP": two people, unless volume and pages say otherwise
    title = "same title" if a.title == b.title else "similar title"
    if reordered:  # the same people listed in another order
        if a.year == b.year:
            return f"{title}, authors and year; authors listed in a different order"
        return f"{title} and authors, listed in a different order; years {min(a.year, b.year)} and {max(a.year, b.year)}"
    if a.year == b.year:
        return f"{title}, first author and year"
    return f"{title} and first author; years {min(a.year, b.year)} and {max(a.year, b.year)}"


def _extends(a: str, b: str) -> bool:
    """One title is the other with something appended ("... FIELDBased on
    observations with ..."): the shorter is a prefix of the longer."""
    short, long = sorted((a, b), key=len)
    return len(short.split()) >= PREFIX_MIN_WORDS and long.startswith(short)


def _contained_title(a: str, b: str) -> bool:
    """The shorter title's words (nearly) all stand in the longer one."""
    return fuzz.token_set_ratio(a, b) >= RELATED_CONTAINED_TITLE


def _letters_lost(a: str, b: str) -> bool:
    """One family name is the other with letters lost in an export
    ("Smoli" for "Smolčić"): same first letter, the shorter a subsequence."""
    short, long = sorted((a, b), key=len)
    if len(short) < 3 or short[0] != long[0] or len(long) - len(short) > 3:
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def _same_first_author(a: Record, b: Record) -> bool:
    """First authors that agree, as parsed, as an export mangled them, or as
    the references begin (when the parse of the author list failed)."""
    if fields_agree(a.fields, b.fields):
        return True
    x, y = a.fields.first_author, b.fields.first_author
    if x and y and _letters_lost(key(x.family), key(y.family)):
        return True
    start_a, start_b = a.whole.split()[:1], b.whole.split()[:1]
    return bool(start_a) and start_a == start_b


def _same_place(a: Record, b: Record) -> bool:
    """The same year, volume and first page -- read from one reference's
    printed numbers when its parse found no volume or pages."""
    ca, cb = a.coordinates(), b.coordinates()
    if ca and cb:
        return ca == cb and ca[2] != "1"  # page 1 is every article of an article-numbered journal
    other = b if ca else a
    c = ca or cb
    return bool(c and c[2] != "1" and other.unplaced and other.year == c[0] and {c[1], c[2]} <= other.numbers)


def _coordinates(a: Record, b: Record, title_similarity: float) -> str | None:
    """Evidence that survives a bad parse: the same year, volume and first
    page, and titles, authors or whole strings that agree."""
    if not _same_place(a, b):
        return None
    if same_people(a.fields, b.fields) and a.title and b.title and _contained_title(a.title, b.title):
        return "same authors, year, volume and pages"  # meeting abstracts share pages, not titles
    if not _same_first_author(a, b):
        return None  # the same title by other people: never reported
    if a.title and b.title and (a.title == b.title or fuzz.ratio(a.title, b.title) >= title_similarity):
        return "same title, year, volume and pages"
    if a.title and b.title and _extends(a.title, b.title):
        return "same year, volume and pages; one title is the other with a note appended"
    if fuzz.ratio(a.whole, b.whole) >= WHOLE_SIMILARITY:
        return "same year, volume and pages; the references read alike"
    return None


def _judge(a: Record, b: Record, title_similarity: float, year_tolerance: int) -> list[str]:
    """Why two references are one work (empty: they are not)."""
    labels = shared_identifiers(a.fields, b.fields)
    if labels:
        if a.title and b.title and fuzz.ratio(a.title, b.title) < IDENTIFIER_TITLE_SIMILARITY:
            return []  # chapters sharing their book's identifier
        if _conflict(a, b, shared_identifier=True):
            return []
        # A preprint and its journal version share the arXiv id, not the DOI.
        return [f"same {label}" for label in labels if not (label == "arXiv id" and _versions(a, b))]
    if _versions(a, b):
        return []
    evidence = _fuzzy(a, b, title_similarity, year_tolerance)
    if evidence and not _conflict(a, b):
        return [evidence]
    evidence = _coordinates(a, b, title_similarity)
    if evidence and not _conflict(a, b, same_place=True):
        return [evidence]
    return []


def _differences(records: list[Record], members: list[int], labels: Sequence[str]) -> list[str]:
    out: list[str] = []
    fields = [records[i].fields for i in members]
    containers = {key(f.container): f.container for f in fields if f.container}
    if len(containers) > 1:
        names = sorted(containers.values(), key=len)
        if is_abbreviation(names[0], names[-1]):
            out.append("journal abbreviated differently")
        else:
            out.append("journal written differently")
    dois = [f.doi for f in fields]
    if any(dois) and not all(dois):
        with_doi = [labels[k] for k, d in enumerate(dois) if d]
        out.append(f"DOI given only in reference {', '.join(with_doi)}")
    years = sorted({f.year for f in fields if f.year})
    if len(years) > 1:
        out.append(f"years {' and '.join(str(y) for y in years)}")
    raw_titles = {f.title for f in fields if f.title}
    norm_titles = {records[i].title for i in members if records[i].title}
    if len(raw_titles) > 1 and len(norm_titles) == 1:
        out.append("title case or punctuation differs")
    return out


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        parent = self.parent
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


_IDENTIFIER_ORDER = {"same DOI": 0, "same PMID": 1, "same arXiv id": 2}


def find_duplicates(
    references: Sequence[Reference],
    title_similarity: float = TITLE_SIMILARITY,
    year_tolerance: int = YEAR_TOLERANCE,
    *,
    analysis: Analysis | None = None,
    only: Collection[int] | None = None,
) -> list[DuplicateGroup]:
    """Groups of references that are the same work, in list order.

    Each group's first member is the one to keep; ``evidence`` says what
    matched and ``differences`` how the entries differ as written.  Give an
    ``analysis`` of ``references`` to reuse it, and ``only`` to consider
    only these indices (the entries of a database that a manuscript cites).
    """
    if analysis is None or analysis.window < year_tolerance:
        analysis = analyse(references, max(year_tolerance, 0))
    records = analysis.records
    wanted = None if only is None else set(only)
    first_of: dict[int, int] = {}  # representative -> first wanted member of its class
    matches: list[Match] = []
    for members in analysis.classes:  # one per entry of a list without duplicates: no copy when all count
        kept = members if wanted is None else [i for i in members if i in wanted]
        if kept:
            first_of[members[0]] = kept[0]
        if len(kept) > 1:  # equal fields: one verdict for all
            for evidence in _judge(records[kept[0]], records[kept[1]], title_similarity, year_tolerance):
                matches.extend(Match(kept[0], other, evidence) for other in kept[1:])
    for i, j in analysis.pairs:
        if i not in first_of or j not in first_of:
            continue
        for reason in _judge(records[i], records[j], title_similarity, year_tolerance):
            a, b = sorted((first_of[i], first_of[j]))
            matches.append(Match(a, b, reason))
    sets = _UnionFind()
    for m in matches:
        sets.union(m.first, m.second)
    members_of: dict[int, set[int]] = defaultdict(set)
    evidence_of: dict[int, list[str]] = defaultdict(list)
    for m in matches:
        root = sets.find(m.first)
        members_of[root].update((m.first, m.second))
        if m.evidence not in evidence_of[root]:
            evidence_of[root].append(m.evidence)
    out = []
    for root, member_set in sorted(members_of.items(), key=lambda item: sorted(item[1])):
        members = sorted(member_set)
        # When an identifier matched, say that first.
        reasons = sorted(evidence_of[root], key=lambda e: _IDENTIFIER_ORDER.get(e, 3))
        diffs = _differences(records, members, [references[i].label for i in members])
        if any(e.startswith(("same DOI", "same PMID")) for e in reasons):
            diffs = [d for d in diffs if not d.startswith("DOI given")]
        if any(e.startswith("years") or " years " in e for e in reasons):
            diffs = [d for d in diffs if not d.startswith("years")]
        out.append(DuplicateGroup(tuple(members), tuple(reasons), tuple(diffs)))
    return out


def _contained(a: str, b: str) -> bool:
    """Whether the shorter title's words all stand in the longer title (see
    :data:`RELATED_CONTAINED_TITLE`)."""
    shorter = min(a, b, key=len)
    return (
        len(shorter.split()) >= RELATED_CONTAINED_MIN_WORDS
        and fuzz.token_set_ratio(a, b) >= RELATED_CONTAINED_TITLE
    )


def _related(a: Record, b: Record, title_similarity: float, year_tolerance: int) -> float | None:
    """The title similarity of two versions of one work, or ``None``."""
    if not _versions(a, b) or not a.title or not b.title:
        return None
    if (a.year is None) != (b.year is None) or (a.year and b.year and abs(a.year - b.year) > year_tolerance):
        return None
    if not fields_agree(a.fields, b.fields) or a.parts != b.parts:
        return None
    score = fuzz.ratio(a.title, b.title)
    if score < title_similarity and _contained(a.title, b.title):
        score = fuzz.token_set_ratio(a.title, b.title)
    return score if score >= title_similarity else None


_EXPAND_LIMIT = 100  # beyond this many pairs between two classes, report their first members only


def find_related_versions(
    references: Sequence[Reference],
    title_similarity: float = RELATED_TITLE_SIMILARITY,
    year_tolerance: int = RELATED_YEAR_TOLERANCE,
    *,
    analysis: Analysis | None = None,
) -> list[RelatedVersions]:
    """Pairs of a conference paper, preprint or report and its journal version."""
    if analysis is None or analysis.window < year_tolerance:
        analysis = analyse(references, max(year_tolerance, 0))
    records = analysis.records
    class_of = {members[0]: members for members in analysis.classes}
    found: dict[tuple[int, int], RelatedVersions] = {}
    for i, j in analysis.pairs:
        a, b = records[i], records[j]
        score = _related(a, b, title_similarity, year_tolerance)
        if score is None:
            continue
        ma, mb = class_of[i], class_of[j]
        if len(ma) * len(mb) > _EXPAND_LIMIT:
            ma, mb = ma[:1], mb[:1]
        for x in ma:
            for y in mb:
                lo, hi = (x, y) if x < y else (y, x)
                kinds = (records[lo].fields.type or "", records[hi].fields.type or "")
                found[(lo, hi)] = RelatedVersions((lo, hi), kinds, score)
    return [found[pair] for pair in sorted(found)]
