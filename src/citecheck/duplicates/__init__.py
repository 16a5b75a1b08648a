"""Find references that are the same work listed twice, and related versions.

The detector works on a list of :class:`~citecheck.model.Reference` objects,
whatever reader made them; a reference without ``fields`` is parsed first.

**Evidence.**  Two references are the same work when they share a DOI, PMID
or arXiv id, or when all three of these hold:

- their normalised titles (lower case, accents and punctuation dropped) are at
  least :data:`TITLE_SIMILARITY` similar (``rapidfuzz.fuzz.ratio``, 0-100);
- their first authors' family names agree, tolerating accents, initials
  against full given names, hyphens, Chinese name order and the usual
  romanisations of Chinese and Korean surnames (Zhang, Chang, Cheung) -- or the author
  lists name the same people in another order (:data:`SAME_PEOPLE_SHARE`);
- their years are at most :data:`YEAR_TOLERANCE` apart (online-first against
  print year).

**Guards.**  Never the same work, whatever matched: a different volume, first
page (unless the page ranges overlap: a typo) or edition; an erratum,
correction, retraction notice, reply or comment against anything else;
different part numbers in the titles ("Part I" and "Part II"); and, for a
shared identifier, clearly different titles (book chapters that carry the
book's DOI).  Without a shared identifier, also: two different DOIs, different
kinds of work (a book and an article), journals that are neither the same
nor abbreviations of one another (:data:`CONTAINER_SIMILARITY`), and first
authors whose given names start with different letters.

**Related versions.**  A conference paper, preprint or report and a journal
article with titles at least :data:`RELATED_TITLE_SIMILARITY` similar, the
same first author and years at most :data:`RELATED_YEAR_TOLERANCE` apart are
two versions of one work: :func:`find_related_versions` reports them, and
:func:`find_duplicates` does not.

**Scale.**  Pairs are only compared within blocks: references that share an
identifier, or a first-author key, one of the :data:`BLOCK_TOKENS` rarest
words of their titles and a window of years.  The work grows with the
number of references times the block sizes, which the two keys together keep
small; blocks larger than :data:`MAX_BLOCK` are skipped.

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

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from citecheck.duplicates.names import (
    authors_agree,
    block_keys,
    fields_agree,
    other_initials,
    same_issue_and_pages,
    same_people,
    same_surname_romanised,
)
from citecheck.duplicates.text import (
    containers_differ,
    digits,
    is_abbreviation,
    key,
    normalize_text,
    pages_differ,
    part_numbers,
    title_tokens,
)
from citecheck.duplicates.thresholds import (
    BLOCK_TOKENS,
    CONTAINER_SIMILARITY,
    IDENTIFIER_TITLE_SIMILARITY,
    MAX_BLOCK,
    RELATED_CONTAINED_MIN_WORDS,
    RELATED_CONTAINED_TITLE,
    RELATED_TITLE_SIMILARITY,
    RELATED_YEAR_TOLERANCE,
    SAME_PEOPLE_SHARE,
    TITLE_PREFIX_WORDS,
    TITLE_SIMILARITY,
    YEAR_TOLERANCE,
)
from citecheck.model import Reference, ReferenceFields
from citecheck.refparse import parse_reference

__all__ = [
    "BLOCK_TOKENS",
    "CONTAINER_SIMILARITY",
    "IDENTIFIER_TITLE_SIMILARITY",
    "MAX_BLOCK",
    "RELATED_CONTAINED_MIN_WORDS",
    "RELATED_CONTAINED_TITLE",
    "TITLE_PREFIX_WORDS",
    "RELATED_TITLE_SIMILARITY",
    "RELATED_YEAR_TOLERANCE",
    "SAME_PEOPLE_SHARE",
    "TITLE_SIMILARITY",
    "YEAR_TOLERANCE",
    "DuplicateGroup",
    "Match",
    "RelatedVersions",
    "authors_agree",
    "find_duplicates",
    "find_related_versions",
    "normalize_text",
    "same_surname_romanised",
]

_VERSION_TYPES = {"conference", "preprint", "report"}
# Kinds of work that are never one another (a book is not an article).
_TYPE_FAMILY = {
    "article": "article",
    "conference": "proceedings",
    "chapter": "proceedings",
    "book": "book",
    "thesis": "thesis",
    "report": "report",
    "preprint": "preprint",
}


@dataclass
class _Record:
    index: int
    fields: ReferenceFields
    title: str
    tokens: list[str]
    parts: frozenset[str]

    @property
    def year(self) -> int | None:
        return self.fields.year


_last: tuple[tuple[Reference, ...], list[_Record]] | None = None


def _prepare(references: Sequence[Reference]) -> list[_Record]:
    """Normalised titles and keys, computed once per list of references.

    CC201 and CC203 run over the same list one after the other; the last list
    is remembered (References are frozen, so the same objects mean the same
    input; holding them keeps their ids from being reused).
    """
    global _last
    refs = tuple(references)
    last = _last  # one read: another thread may replace it (check --jobs)
    if last is not None and len(last[0]) == len(refs) and all(a is b for a, b in zip(last[0], refs, strict=True)):
        return last[1]
    records = _build_records(refs)
    _last = (refs, records)
    return records


def _build_records(references: Sequence[Reference]) -> list[_Record]:
    records = []
    for i, ref in enumerate(references):
        fields = ref.fields if ref.fields is not None else parse_reference(ref.text)
        title = normalize_text(fields.title or "")
        records.append(_Record(i, fields, title, title_tokens(title), part_numbers(title)))
    return records


def _conflict(a: _Record, b: _Record, shared_identifier: bool = False) -> str | None:
    """Why two references cannot be one work, or ``None``.

    A shared identifier outweighs how the entries name the venue or the kind
    of work, so those are only checked without one.
    """
    fa, fb = a.fields, b.fields
    va, vb = digits(fa.volume), digits(fb.volume)
    if va and vb and va != vb:
        return "volume"
    if pages_differ(fa.pages, fb.pages):
        return "pages"
    if (fa.edition or fb.edition) and digits(fa.edition or "1") != digits(fb.edition or "1"):
        return "edition"
    if (fa.note or None) != (fb.note or None):
        return "note"
    if a.parts != b.parts:
        return "part"
    if shared_identifier:
        return None
    if fa.doi and fb.doi and fa.doi != fb.doi:
        return "doi"
    family_a, family_b = _TYPE_FAMILY.get(fa.type or ""), _TYPE_FAMILY.get(fb.type or "")
    if family_a and family_b and family_a != family_b:
        return "type"
    if fa.container and fb.container and containers_differ(fa.container, fb.container):
        return "container"
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


def _candidate_pairs(records: list[_Record], year_tolerance: int) -> Iterable[tuple[int, int]]:
    """Pairs that share a first-author key, one of their titles' rarest words
    (or their opening words) and a year window.

    Every pair the fuzzy rules can accept shares all three (the first authors
    must agree, the titles be near-identical and the years at most
    ``year_tolerance`` apart), so blocking loses nothing they could find, and
    blocks stay small even for common names and common title words.  Within
    a block, references are sorted by year and only those at most
    ``year_tolerance`` apart are paired (a reference with no year pairs only
    with others that have none).
    """
    df = Counter(tok for r in records for tok in set(r.tokens))
    blocks: dict[tuple[str, str], list[_Record]] = defaultdict(list)
    for r in records:
        rare = sorted(set(r.tokens), key=lambda t: (df[t], t))[:BLOCK_TOKENS]
        # The title's opening words too: a journal version that shortens the
        # preprint's title keeps its start but may lose all its rarest words.
        rare.append("^" + " ".join(r.title.split()[:TITLE_PREFIX_WORDS]))
        for author in block_keys(r.fields):
            for tok in rare:
                blocks[(author, tok)].append(r)
    seen: set[tuple[int, int]] = set()
    for block in blocks.values():
        if len(block) < 2 or len(block) > MAX_BLOCK:
            continue
        block.sort(key=lambda r: (r.year is not None, r.year or 0, r.index))
        for x, a in enumerate(block):
            for b in block[x + 1 :]:
                if (a.year is None) != (b.year is None):
                    break
                if a.year is not None and b.year is not None and b.year - a.year > year_tolerance:
                    break
                pair = (a.index, b.index) if a.index < b.index else (b.index, a.index)
                if pair not in seen:
                    seen.add(pair)
                    yield pair


def _identifier_pairs(records: list[_Record]) -> Iterable[tuple[int, int, str]]:
    for name, label in (("doi", "DOI"), ("pmid", "PMID"), ("arxiv", "arXiv id")):
        table: dict[str, list[int]] = defaultdict(list)
        for r in records:
            value = getattr(r.fields, name)
            if value:
                table[value.lower()].append(r.index)
        for members in table.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    yield members[x], members[y], label


def _versions(a: _Record, b: _Record) -> bool:
    ta, tb = a.fields.type, b.fields.type
    return ta != tb and {ta, tb} <= _VERSION_TYPES | {"article"} and "article" in {ta, tb}


def _fuzzy(a: _Record, b: _Record, title_similarity: float, year_tolerance: int) -> str | None:
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


def _pairs(records: list[_Record], title_similarity: float, year_tolerance: int) -> list[Match]:
    """The pairs of references that are one work."""
    matches: list[Match] = []
    done: set[tuple[int, int]] = set()
    for i, j, label in _identifier_pairs(records):
        a, b = records[i], records[j]
        done.add((i, j))
        if a.title and b.title and fuzz.ratio(a.title, b.title) < IDENTIFIER_TITLE_SIMILARITY:
            continue  # chapters sharing their book's identifier
        # A preprint and its journal version share the arXiv id, not the DOI.
        if _conflict(a, b, shared_identifier=True) or (label == "arXiv id" and _versions(a, b)):
            continue
        matches.append(Match(i, j, f"same {label}"))
    for i, j in _candidate_pairs(records, year_tolerance):
        if (i, j) in done:
            continue
        a, b = records[i], records[j]
        if _versions(a, b):
            continue
        evidence = _fuzzy(a, b, title_similarity, year_tolerance)
        if evidence and not _conflict(a, b):
            matches.append(Match(i, j, evidence))
    return matches


def _groups(n: int, matches: list[Match]) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for m in matches:
        ra, rb = find(m.first), find(m.second)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, set[int]] = defaultdict(set)
    for m in matches:
        groups[find(m.first)].update((m.first, m.second))
    return [sorted(g) for g in groups.values()]


def _differences(records: list[_Record], members: list[int], labels: Sequence[str]) -> list[str]:
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


def find_duplicates(
    references: Sequence[Reference],
    title_similarity: float = TITLE_SIMILARITY,
    year_tolerance: int = YEAR_TOLERANCE,
) -> list[DuplicateGroup]:
    """Groups of references that are the same work, in list order.

    Each group's first member is the one to keep; ``evidence`` says what
    matched and ``differences`` how the entries differ as written.
    """
    records = _prepare(references)
    matches = _pairs(records, title_similarity, year_tolerance)
    out = []
    labels = [r.label for r in references]
    for members in sorted(_groups(len(records), matches)):
        member_set = set(members)
        evidence: list[str] = []
        for m in matches:
            if m.first in member_set and m.evidence not in evidence:
                evidence.append(m.evidence)
        # When an identifier matched, say that first.
        evidence.sort(key=lambda e: not e.startswith("same ") or "," in e)
        diffs = _differences(records, members, [labels[i] for i in members])
        if any(e.startswith(("same DOI", "same PMID")) for e in evidence):
            diffs = [d for d in diffs if not d.startswith("DOI given")]
        if any(e.startswith("years") or " years " in e for e in evidence):
            diffs = [d for d in diffs if not d.startswith("years")]
        out.append(DuplicateGroup(tuple(members), tuple(evidence), tuple(diffs)))
    return out


def _contained(a: str, b: str) -> bool:
    """Whether the shorter title's words all stand in the longer title (see
    :data:`RELATED_CONTAINED_TITLE`)."""
    shorter = min(a, b, key=len)
    return (
        len(shorter.split()) >= RELATED_CONTAINED_MIN_WORDS
        and fuzz.token_set_ratio(a, b) >= RELATED_CONTAINED_TITLE
    )


def find_related_versions(
    references: Sequence[Reference],
    title_similarity: float = RELATED_TITLE_SIMILARITY,
    year_tolerance: int = RELATED_YEAR_TOLERANCE,
) -> list[RelatedVersions]:
    """Pairs of a conference paper, preprint or report and its journal version."""
    records = _prepare(references)
    out = []
    pairs = set(_candidate_pairs(records, year_tolerance))
    pairs.update((i, j) for i, j, _ in _identifier_pairs(records))
    for i, j in sorted(pairs):
        a, b = records[i], records[j]
        if not _versions(a, b) or not a.title or not b.title:
            continue
        if (a.year is None) != (b.year is None) or (a.year and b.year and abs(a.year - b.year) > year_tolerance):
            continue
        if not fields_agree(a.fields, b.fields) or a.parts != b.parts:
            continue
        score = fuzz.ratio(a.title, b.title)
        if score < title_similarity and _contained(a.title, b.title):
            score = fuzz.token_set_ratio(a.title, b.title)
        if score >= title_similarity:
            out.append(RelatedVersions((i, j), (a.fields.type or "", b.fields.type or ""), score))
    return out
