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

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from citecheck.model import Author, Reference, ReferenceFields
from citecheck.refparse import parse_reference

TITLE_SIMILARITY = 90
"""Minimum ``fuzz.ratio`` of normalised titles for two references to be one work."""

IDENTIFIER_TITLE_SIMILARITY = 60
"""Below this, two references that share an identifier have different titles:
book chapters carrying the book's DOI, not one work listed twice."""

RELATED_TITLE_SIMILARITY = 85
"""Minimum title similarity for a conference/preprint and journal version."""

CONTAINER_SIMILARITY = 50
"""Journal names less similar than this (``token_set_ratio``), and neither an
abbreviation nor an acronym of the other, name different venues."""

YEAR_TOLERANCE = 1
"""Years may differ by this much (online-first year against print year)."""

RELATED_YEAR_TOLERANCE = 2
"""A journal version usually follows its conference paper within two years."""

SAME_PEOPLE_SHARE = 0.8
"""Author lists in another order name the same people when they share at
least this share of the shorter list (and at least two names)."""

BLOCK_TOKENS = 3
"""How many of a title's rarest words index it for candidate pairs."""

MAX_BLOCK = 1000
"""Blocks larger than this (a word common to many titles) are not compared."""

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
_ORDINALS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth".split()
)
_ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"}
_STOP = frozenset(
    "the a an of and in on for to with by from at as is are its via using under into its "
    "der die das und von zur zum les des une pour dans sur".split()
)


_THOUSANDS = re.compile(r"(?<=\d)[,\u2009\u202f](?=\d{3}\b)")
_MARKUP = re.compile(r"<[^>]+>")
_NON_WORD = re.compile(r"[\W_]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def normalize_text(value: str) -> str:
    """Lower case, accents removed, anything but letters and digits a space."""
    if not value.isascii():
        value = unicodedata.normalize("NFKD", value)
        value = "".join(ch for ch in value if not unicodedata.combining(ch))
    value = _THOUSANDS.sub("", value)  # 6,515 -> 6515
    if "<" in value:
        value = _MARKUP.sub(" ", value)  # markup left in titles
    return " ".join(_NON_WORD.sub(" ", value.lower()).split())


def _key(value: str | None) -> str:
    return normalize_text(value or "").replace(" ", "")


def title_tokens(title: str) -> list[str]:
    """Words of a normalised title for blocking; CJK runs as character bigrams."""
    if not _CJK.search(title):
        return [t for t in title.split() if len(t) >= 3 and t not in _STOP]
    out: list[str] = []
    for token in title.split():
        if _CJK.search(token):
            out.extend(token[i : i + 2] for i in range(max(1, len(token) - 1)))
        elif len(token) >= 3 and token not in _STOP:
            out.append(token)
    return out


def _part_numbers(title: str) -> frozenset[str]:
    """Numbers in a title: digits, and roman numerals after "part" and the like."""
    words = title.split()
    out = {w for w in words if w.isdigit() or w in _ORDINALS}
    for prev, word in zip(words, words[1:]):
        if prev in {"part", "paper", "vol", "volume", "chapter", "section", "book", "teil"} and (
            word in _ROMAN or word.isdigit()
        ):
            out.add(word)
    return frozenset(out)


def _first_page(pages: str | None) -> str | None:
    match = re.search(r"[A-Za-z]?\d+", pages or "")
    return match.group(0).lower() if match else None


def _page_range(pages: str | None) -> tuple[int, int] | None:
    """Numeric first and last page of "1093-1107" (or "1093-107"), else None."""
    match = re.fullmatch(r"\s*(\d+)\s*[-–—]+\s*(\d+)\b.*", pages or "")
    if not match:
        return None
    first, last = match.group(1), match.group(2)
    if len(last) < len(first):  # abbreviated: 1093-107
        last = first[: len(first) - len(last)] + last
    return int(first), int(last)


def _pages_differ(a: str | None, b: str | None) -> bool:
    """Different first pages, unless both ranges overlap (a typo in one entry:
    two different papers never share pages)."""
    pa, pb = _first_page(a), _first_page(b)
    if not pa or not pb or pa == pb:
        return False
    ra, rb = _page_range(a), _page_range(b)
    if ra and rb and ra[0] <= ra[1] and rb[0] <= rb[1]:
        return ra[1] < rb[0] or rb[1] < ra[0]
    return True


def _digits(value: str | None) -> str | None:
    match = re.search(r"\d+", value or "")
    return match.group(0).lstrip("0") or "0" if match else None


# One surname, romanised several ways: Hanyu Pinyin, Wade-Giles, Cantonese
# (Hong Kong), Hokkien (Singapore, Malaysia) and Korean variants.
_ROMANISATIONS = (
    "zhang chang cheung chong teo",
    "wang wong ong heng",
    "chen chan chin tan",
    "liu lau lao",
    "huang hwang wong ng",
    "zhao chao chiu",
    "zhou chou chow chau",
    "wu woo ng goh",
    "xu hsu tsui hui koh",
    "lin lam lim",
    "he ho hoh",
    "guo kuo kwok",
    "zhu chu chew",
    "gao kao ko",
    "luo lo law",
    "zheng cheng tcheng chang",
    "liang leung leong neo",
    "xie hsieh tse chia",
    "song sung",
    "tang tong",
    "deng teng tang",
    "feng fung",
    "cao tsao tso",
    "peng pang phang",
    "zeng tseng tsang",
    "xiao hsiao siu",
    "cai tsai choi chua",
    "pan poon phua",
    "yuan yuen",
    "jiang chiang keung",
    "ye yeh yip",
    "du tu to",
    "li lee lei lai",
    "lee yi rhee ri",
    "park pak bak",
    "choi choe",
    "kim gim",
)
_ROMAN_CLASS: dict[str, frozenset[int]] = {}
for _number, _names in enumerate(_ROMANISATIONS):
    for _name in _names.split():
        _ROMAN_CLASS[_name] = _ROMAN_CLASS.get(_name, frozenset()) | {_number}


def same_surname_romanised(a: str, b: str) -> bool:
    """Whether two family-name keys may romanise one Chinese or Korean surname
    (``zhang``/``chang``/``cheung``)."""
    return bool(_ROMAN_CLASS.get(a, frozenset()) & _ROMAN_CLASS.get(b, frozenset()))


def _given_matches(name: str, given: str) -> bool:
    """A given name as written ("Wei", "W") fits a full name ("wei")."""
    return name == given or (len(given) <= 2 and name.startswith(given[:1]) and given.isalpha())


def authors_agree(a: Author, b: Author) -> bool:
    """Whether two first authors are the same person, as far as names tell.

    Tolerates accents, hyphens and spaces in names, initials against full given
    names, and East Asian name order (``Zhang Wei`` against ``Wei Zhang``).
    Given names that start with different letters (``Karlsson TP`` and
    ``Karlsson JP``) are told apart by :func:`_fuzzy` unless the volume and
    pages confirm the match.
    """
    fa, fb = _key(a.family), _key(b.family)
    if not fa or not fb:
        return False
    ga, gb = _key(a.given), _key(b.given)
    if fa == fb:
        return True
    if same_surname_romanised(fa, fb):
        return True  # given names romanise differently too: "Xiaoming" / "Hsiao-ming"
    if ga and gb and _given_matches(fa, gb) and _given_matches(fb, ga):  # family and given swapped
        return True
    # A compound family name against its last word: "van der Berg" / "Berg",
    # "Martin-Facklam" / "Facklam" is too loose; only particles are dropped.
    la = normalize_text(a.family).split()
    lb = normalize_text(b.family).split()
    return bool(la and lb and la[-1] == lb[-1] and (len(la) > 1 or len(lb) > 1) and len(la[-1]) > 2)


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
    if _last is not None and len(_last[0]) == len(refs) and all(a is b for a, b in zip(_last[0], refs)):
        return _last[1]
    records = _build_records(refs)
    _last = (refs, records)
    return records


def _build_records(references: Sequence[Reference]) -> list[_Record]:
    records = []
    for i, ref in enumerate(references):
        fields = ref.fields if ref.fields is not None else parse_reference(ref.text)
        title = normalize_text(fields.title or "")
        records.append(_Record(i, fields, title, title_tokens(title), _part_numbers(title)))
    return records


def _first_authors(fields: ReferenceFields) -> list[Author]:
    """The first author, and the second when the first is a group author
    ("Genomes Project Consortium, Abecasis GR, ...")."""
    authors = list(fields.authors[:2])
    if authors and authors[0].is_group and len(authors) > 1:
        return authors
    return authors[:1]


def _authors_agree(a: ReferenceFields, b: ReferenceFields) -> bool:
    return any(authors_agree(x, y) for x in _first_authors(a) for y in _first_authors(b))


def _conflict(a: _Record, b: _Record, shared_identifier: bool = False) -> str | None:
    """Why two references cannot be one work, or ``None``.

    A shared identifier outweighs how the entries name the venue or the kind
    of work, so those are only checked without one.
    """
    fa, fb = a.fields, b.fields
    va, vb = _digits(fa.volume), _digits(fb.volume)
    if va and vb and va != vb:
        return "volume"
    if _pages_differ(fa.pages, fb.pages):
        return "pages"
    if (fa.edition or fb.edition) and _digits(fa.edition or "1") != _digits(fb.edition or "1"):
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
    if fa.container and fb.container and _containers_differ(fa.container, fb.container):
        return "container"
    return None


def _acronym(long: str) -> str:
    return "".join(w[0] for w in normalize_text(long).split() if w not in _STOP)


def _containers_differ(a: str, b: str) -> bool:
    """Two journal or book titles that are not one venue written two ways."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb or ka == kb:
        return False
    short, long = sorted((a, b), key=len)
    if _is_abbreviation(short, long) or _key(short) == _acronym(long):
        return False
    return fuzz.token_set_ratio(normalize_text(a), normalize_text(b)) < CONTAINER_SIMILARITY


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


def _author_keys(fields: ReferenceFields) -> set[str]:
    """Index keys for the first author: family name, its last word (particles
    dropped), and a whole given name (East Asian name order)."""
    keys = set()
    for author in _first_authors(fields):
        family = normalize_text(author.family).split()
        if family:
            keys.add("".join(family))
            keys.add(family[-1])
            keys.update(f"~{n}" for n in _ROMAN_CLASS.get("".join(family), ()))
        given = author.given.strip()
        if len(given) >= 2 and given.isalpha() and not given.isupper():
            keys.add(_key(given))  # a whole given name: "Hu Yong" may be "Yong Hu"
    return keys


def _other_initials(a: ReferenceFields, b: ReferenceFields) -> bool:
    """First authors with one family name and given names that start with
    different letters (not a romanisation or name-order variant)."""
    x, y = a.first_author, b.first_author
    if x is None or y is None or _key(x.family) != _key(y.family):
        return False
    gx, gy = _key(x.given), _key(y.given)
    return bool(gx and gy and gx[0] != gy[0])


def _same_issue_and_pages(a: ReferenceFields, b: ReferenceFields) -> bool:
    return bool(
        a.volume and a.pages and _digits(a.volume) == _digits(b.volume) and _first_page(a.pages) == _first_page(b.pages)
    )


def _same_people(a: ReferenceFields, b: ReferenceFields) -> bool:
    """Two author lists naming the same people, in any order, one perhaps cut
    short by "et al.": at least two shared, and most of the shorter list."""
    pa = [x for x in a.authors if not x.is_group]
    pb = [y for y in b.authors if not y.is_group]
    shared = sum(1 for x in pa if any(authors_agree(x, y) for y in pb))
    return shared >= 2 and shared >= SAME_PEOPLE_SHARE * min(len(pa), len(pb))


def _block_keys(fields: ReferenceFields) -> set[str]:
    """First-author keys, and the family names of the next two authors, so
    that lists in another order meet too."""
    keys = _author_keys(fields)
    keys.update(_key(a.family) for a in fields.authors[1:3] if not a.is_group and _key(a.family))
    return keys


def _candidate_pairs(records: list[_Record], year_tolerance: int) -> Iterable[tuple[int, int]]:
    """Pairs that share a first-author key, one of their titles' rarest words
    and a year window.

    Every pair the fuzzy rules can accept shares all three (the first authors
    must agree, the titles be near-identical and the years at most
    ``year_tolerance`` apart), so blocking loses nothing they could find, and
    blocks stay small even for common names and common title words.  A
    reference of year ``y`` is filed under ``y .. y + year_tolerance``: two
    years at most that far apart share a window.
    """
    df = Counter(tok for r in records for tok in set(r.tokens))
    blocks: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for r in records:
        rare = sorted(set(r.tokens), key=lambda t: (df[t], t))[:BLOCK_TOKENS]
        years = range(r.year, r.year + year_tolerance + 1) if r.year is not None else (-1,)
        for author in _block_keys(r.fields):
            for tok in rare:
                for year in years:
                    blocks[(author, tok, year)].append(r.index)
    seen: set[tuple[int, int]] = set()
    for members in blocks.values():
        if len(members) < 2 or len(members) > MAX_BLOCK:
            continue
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                pair = (members[x], members[y])
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
    reordered = not _authors_agree(a.fields, b.fields)
    if reordered and not _same_people(a.fields, b.fields):
        return None
    if not reordered and _other_initials(a.fields, b.fields) and not _same_issue_and_pages(a.fields, b.fields):
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


def _abbreviates(short: str, long: str) -> bool:
    """ISO 4 word abbreviations keep the first letter and drop others: "Natl"
    for "National", "Res" for "Research"."""
    if not short or short[0] != long[0] or len(short) > len(long):
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def _is_abbreviation(short: str, long: str) -> bool:
    """"J Thorac Dis" abbreviates "Journal of Thoracic Disease"."""
    sw = [w for w in normalize_text(short).split() if w not in _STOP]
    lw = [w for w in normalize_text(long).split() if w not in _STOP]
    if not sw or len(sw) > len(lw):
        return False
    pos = 0
    for word in sw:
        while pos < len(lw) and not _abbreviates(word, lw[pos]):
            pos += 1
        if pos == len(lw):
            return False
        pos += 1
    return True


def _differences(records: list[_Record], members: list[int], labels: Sequence[str]) -> list[str]:
    out: list[str] = []
    fields = [records[i].fields for i in members]
    containers = {_key(f.container): f.container for f in fields if f.container}
    if len(containers) > 1:
        names = sorted(containers.values(), key=len)
        if _is_abbreviation(names[0], names[-1]):
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
        if any(e.startswith("same DOI") or e.startswith("same PMID") for e in evidence):
            diffs = [d for d in diffs if not d.startswith("DOI given")]
        if any(e.startswith("years") or " years " in e for e in evidence):
            diffs = [d for d in diffs if not d.startswith("years")]
        out.append(DuplicateGroup(tuple(members), tuple(evidence), tuple(diffs)))
    return out


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
        if not _authors_agree(a.fields, b.fields) or a.parts != b.parts:
            continue
        score = fuzz.ratio(a.title, b.title)
        if score >= title_similarity:
            out.append(RelatedVersions((i, j), (a.fields.type or "", b.fields.type or ""), score))
    return out
