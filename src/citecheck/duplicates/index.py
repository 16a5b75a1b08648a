"""Which pairs of references the duplicate detector compares.

Comparing every pair is quadratic; these functions propose the pairs that
can possibly match, in time linear in the number of references:

- references whose parsed fields are equal are one *class*: the detector
  compares one member and lets the verdict stand for all (a list holding
  one entry a thousand times is one group, not half a million pairs);
- class representatives are indexed by a first-author key and one of the
  rarest words of their titles (or their opening words) -- where those words
  are common (in more than :data:`COMMON_WORD_TITLES` titles: a long list
  written with a small vocabulary), by runs of title words instead
  (:func:`word_runs`) -- and by the
  bibliographic coordinates year, volume and first page (evidence that
  survives a bad parse of the authors or the title);
- within an index block of at most :data:`SMALL_BLOCK` references every pair
  within the year window is proposed; a larger block (common names and
  common title words) proposes each reference's :data:`NEIGHBOURS` nearest
  neighbours in title order and in reversed-title order, so near-identical
  titles still meet while the work stays linear.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from operator import attrgetter
from typing import TypeVar

from citecheck.duplicates.names import block_keys
from citecheck.duplicates.text import (
    digits,
    first_page,
    normalize_once,
    normalize_text,
    part_marks,
    part_numbers,
    title_tokens,
)
from citecheck.duplicates.thresholds import (
    BLOCK_TOKENS,
    COMMON_WORD_TITLES,
    NEIGHBOURS,
    SMALL_BLOCK,
    TITLE_PREFIX_WORDS,
)
from citecheck.model import Reference, ReferenceFields, ReferenceOrigin
from citecheck.refparse import parse_reference

IDENTIFIERS = (("doi", "DOI"), ("pmid", "PMID"), ("arxiv", "arXiv id"))
_NUMBER = re.compile(r"\d+")
_MAX_NUMBERS = 8  # numbers of an unparsed reference that index it
_MAX_PARTITIONS = 16  # beyond this many different entries with one cheap key, equal ones are not merged
_NO_PLACE_PAGE = "1"
"""A first page that indexes no reference by its coordinates.  Page 1 is where
every article of an article-numbered journal starts, so the coordinates rule
never takes it as evidence (``_same_place`` in :mod:`citecheck.duplicates`);
its year-and-page block could only propose pairs that rule refuses, and an
APA list of such articles would make it one large block per year (2,000
references gave 15,000 pairs).  Pairs that share an identifier, or a title key
and first author, meet in those blocks; unplaced references never index page 1
(their numbers index only with two digits or more)."""
_TOKENS = attrgetter("tokens")


@dataclass(slots=True)
class Record:
    """One reference as the detector sees it (slots: one is made for every
    entry of a list; 50,000 records take 2.4 MB less than with a dict each)."""

    index: int
    fields: ReferenceFields
    title: str
    tokens: list[str]
    raw: str = ""  # the reference as printed (lists, not databases), for whole-string evidence
    year: int | None = None
    place: tuple[int, str, str] | None = None  # year, volume and first page, when all are known
    # Worked out when a comparison first asks (few records are compared with any other):
    _whole: str | None = field(default=None, repr=False)
    _numbers: frozenset[str] | None = field(default=None, repr=False)
    _parts: frozenset[str] | None = field(default=None, repr=False)
    _marks: frozenset[str] | None = field(default=None, repr=False)

    @property
    def parts(self) -> frozenset[str]:
        """The numbers of the title (:func:`~citecheck.duplicates.text.part_numbers`)."""
        if self._parts is None:
            self._parts = part_numbers(self.title, self.marks)
        return self._parts

    @property
    def marks(self) -> frozenset[str]:
        """The numbers the title marks as a part or volume, "Part II"
        (:func:`~citecheck.duplicates.text.part_marks`)."""
        if self._marks is None:
            self._marks = part_marks(self.title)
        return self._marks

    @property
    def whole(self) -> str:
        """The normalised reference as a whole: what survives a bad field parse."""
        if self._whole is None:
            if self.raw:
                self._whole = normalize_text(self.raw)
            else:  # a database entry: its fields, in a printed order
                f = self.fields
                names = " ".join(a.family for a in f.authors)
                self._whole = normalize_text(" ".join(x for x in (names, f.title or "", f.container or "") if x))
        return self._whole

    @property
    def numbers(self) -> frozenset[str]:
        """The numbers of the reference as printed (or of its fields)."""
        if self._numbers is None:
            self._numbers = frozenset(n.lstrip("0") or "0" for n in _NUMBER.findall(self.raw or self.whole))
        return self._numbers

    def coordinates(self) -> tuple[int, str, str] | None:
        """Year, volume and first page, when all three are known."""
        return self.place

    @property
    def unplaced(self) -> bool:
        """Printed, with a year, but the parse found neither volume nor pages."""
        return bool(self.raw) and self.year is not None and not (self.fields.volume or self.fields.pages)


def _place(fields: ReferenceFields) -> tuple[int, str, str] | None:
    if fields.year is None or not fields.volume or not fields.pages:
        return None
    volume, page = digits(fields.volume), first_page(fields.pages)
    return (fields.year, volume, page) if volume and page else None


def build_records(references: Sequence[Reference]) -> list[Record]:
    records = []
    database = ReferenceOrigin.DATABASE
    for i, ref in enumerate(references):
        fields = ref.fields
        if fields is None:
            fields = parse_reference(ref.text)
        title = normalize_once(fields.title or "")
        raw = "" if ref.origin is database else ref.text
        records.append(Record(i, fields, title, title_tokens(title), raw, fields.year, _place(fields)))
    return records


def classes(records: Sequence[Record]) -> list[list[int]]:
    """Indices of records the detector cannot tell apart (equal fields and
    printed text), each list in list order; the first is the representative."""
    table: dict[tuple[object, ...], list[list[int]]] = {}
    for r in records:
        f = r.fields
        # A cheap key first; equal keys are told apart by comparing fields.
        cheap = (r.raw, r.title, f.year, f.volume, f.pages, f.doi)
        same_key = table.get(cheap)
        if same_key is None:  # the usual record, alike to none before it
            table[cheap] = [[r.index]]
            continue
        for members in same_key[:_MAX_PARTITIONS]:
            if records[members[0]].fields == f:
                members.append(r.index)
                break
        else:
            same_key.append([r.index])
    return sorted((members for lists in table.values() for members in lists), key=lambda m: m[0])


def _year_key(r: Record) -> tuple[bool, int, int]:
    return (r.year is not None, r.year or 0, r.index)


def _near_in_years(a: Record, b: Record, window: int) -> bool:
    if (a.year is None) != (b.year is None):
        return False
    return a.year is None or b.year is None or abs(a.year - b.year) <= window


def _block_pairs(block: list[Record], window: int | None) -> Iterator[tuple[int, int]]:
    """The pairs of one block worth comparing (see the module docstring);
    ``window`` ``None``: whatever the years."""
    if window is None:
        if len(block) <= SMALL_BLOCK:
            for x, a in enumerate(block):
                for b in block[x + 1 :]:
                    yield a.index, b.index  # blocks are built in list order
            return
    elif len(block) <= SMALL_BLOCK:
        block.sort(key=_year_key)
        for x, a in enumerate(block):
            for b in block[x + 1 :]:
                if (a.year is None) != (b.year is None):
                    break
                if a.year is not None and b.year is not None and b.year - a.year > window:
                    break
                yield (a.index, b.index) if a.index < b.index else (b.index, a.index)
        return
    for order in (
        sorted(block, key=lambda r: (r.title, r.year or 0, r.fields.pages or "", r.index)),
        sorted(block, key=lambda r: (r.title[::-1], r.year or 0, r.fields.pages or "", r.index)),
    ):
        for x, a in enumerate(order):
            for b in order[x + 1 : x + 1 + NEIGHBOURS]:
                if window is None or _near_in_years(a, b, window):
                    yield (a.index, b.index) if a.index < b.index else (b.index, a.index)


def word_runs(tokens: Sequence[str]) -> set[str]:
    """The keys of a title whose rarest words are common: its runs of three
    consecutive words, and for a title of four or five words also the three
    words of each run of four less its second or third word (so every three
    of four words).  Whichever one word of a title of four words or more is
    mistyped or changed, the two titles still share a key; whichever is
    dropped or added, too, down to three words (whose one run is then the
    other title's key).  Empty for titles of fewer than three words."""
    return {" ".join(run) for run in _runs(tokens)}


def _runs(tokens: Sequence[str]) -> Iterator[tuple[str, str, str]]:
    """:func:`word_runs` as tuples of words: the index keys them so, without
    building a string per run (words hold no space, so the tuples are equal
    exactly when the strings are).  One after another, made in C, not
    gathered in a set: a run that comes twice in a title comes twice, and
    :func:`shared_keys` counts the title once (a set hashed each tuple
    once more: candidate_pairs on 50,000 .bib titles of five to nine words,
    0.67 -> 0.66 s)."""
    runs = zip(tokens, tokens[1:], tokens[2:])
    if 3 < len(tokens) <= 5:  # each run of four less its second word, and less its third
        return chain(runs, zip(tokens, tokens[1:], tokens[3:]), zip(tokens, tokens[2:], tokens[3:]))
    return runs


_K = TypeVar("_K", bound=Hashable)


def shared_keys(records: Iterable[Record], keys_of: Callable[[Record], Iterable[_K]]) -> dict[_K, list[Record]]:
    """The index blocks of two records or more: each key that ``keys_of``
    gives for more than one record, with its records in list order, each
    once (a record may give a key twice).

    Most keys belong to one record only (a list has few duplicates), and
    their blocks propose nothing: each key is held by the first record that
    gives it, and a list is made only when a second one does, instead of a
    list for every key of every record (65,000 lists of one for 10,000
    references whose titles all index by runs of words).  One pass, a key
    hashed once unless it repeats: counting the keys first and looking them
    up again hashed each key four times, and a tuple of words
    recomputes its hash each time (50,000 .bib entries of a small vocabulary:
    0.26 -> 0.17 s, 290,000 runs of words)."""
    holder: dict[_K, Record] = {}
    hold = holder.setdefault
    blocks: dict[_K, list[Record]] = {}
    for r in records:
        for k in keys_of(r):
            first = hold(k, r)
            if first is not r:
                block = blocks.get(k)
                if block is None:
                    blocks[k] = [first, r]
                elif block[-1] is not r:
                    block.append(r)
    return blocks


def _title_keys(r: Record, common: set[str], rank: dict[str, int]) -> Iterable[str | tuple[str, str, str]]:
    """The title keys of one record: its rarest words, or its runs of words
    where its rarest words would include a common one, and its opening words."""
    if not r.title:
        return ()
    tokens = r.tokens
    words = set(tokens)
    rare = words - common  # a set: the order of a record's keys does not matter, each key is one block
    # The title's opening words too: a journal version that shortens the
    # preprint's title keeps its start but may lose all its rarest words.
    opening = ("^" + " ".join(r.title.split(None, TITLE_PREFIX_WORDS)[:TITLE_PREFIX_WORDS]),)
    if len(rare) < min(BLOCK_TOKENS, len(words)) and len(tokens) >= 3:
        # Its rarest words would include a common word: runs are rarer.
        if len(tokens) > 3:
            return chain(rare, _runs(tokens), opening)
        # Three words: its rarest words too, as the one run is lost if one word changes.
        return chain(sorted(words, key=rank.__getitem__)[:BLOCK_TOKENS], _runs(tokens), opening)
    return chain(sorted(rare if len(rare) >= BLOCK_TOKENS else words, key=rank.__getitem__)[:BLOCK_TOKENS], opening)


def _other_keys(r: Record) -> list[tuple[str, ...]]:
    """The keys of one record by its coordinates (or printed numbers) and identifiers."""
    keys: list[tuple[str, ...]] = []
    if r.place:
        if r.place[2] != _NO_PLACE_PAGE:
            keys.append(("#", str(r.place[0]), r.place[2]))
    elif r.unplaced:  # volume and pages not parsed: any number may be the page
        pages = sorted(n for n in r.numbers if len(n) >= 2 and n != str(r.year))[:_MAX_NUMBERS]
        keys.extend(("#", str(r.year), number) for number in pages)
    fields = r.fields
    if fields.doi or fields.pmid or fields.arxiv:
        for name, _ in IDENTIFIERS:
            value = getattr(fields, name)
            if value:
                keys.append(("=" + name, value.lower()))
    return keys


def candidate_pairs(records: Sequence[Record], window: int) -> list[tuple[int, int]]:
    """Pairs of ``records`` (by index) that share an index block.

    Every pair the title rules can accept shares a first-author key, one of
    its titles' rarest words or opening words, and a year within ``window``;
    every pair the coordinates rule can accept shares year and first page
    (or, when the parse found no volume or pages, a number of the printed
    reference).  Also the pairs that share an identifier.
    """
    # (_title_keys makes each title's set of words again: keeping them cost 35 MB at 50,000)
    df: Counter[str] = Counter(chain.from_iterable(map(set, map(_TOKENS, records))))
    common = {word for word, titles in df.items() if titles > COMMON_WORD_TITLES}
    # Words from rarest to commonest, ties by spelling: sorting a title's words by
    # their rank is sorting them by (df[word], word), without a tuple per word.
    rank = {word: i for i, word in enumerate(sorted(df, key=lambda t: (df[t], t)))}
    # Title blocks are (author key, title key); they are found title key first,
    # and split by author only where two titles share a key: most titles
    # share none, and their author keys are then never paired with them.
    by_title = shared_keys(records, partial(_title_keys, common=common, rank=rank))
    blocks = shared_keys(records, _other_keys)
    authors: dict[int, set[str]] = {}
    seen: set[tuple[int, int]] = set()
    for same_title in by_title.values():
        if len(same_title) == 2:  # the usual case, as _block_pairs would do it
            a, b = same_title
            if not _near_in_years(a, b, window):
                continue
            keys_a = authors.get(a.index)
            if keys_a is None:
                keys_a = authors[a.index] = block_keys(a.fields)
            keys_b = authors.get(b.index)
            if keys_b is None:
                keys_b = authors[b.index] = block_keys(b.fields)
            if not keys_a.isdisjoint(keys_b):
                seen.add((a.index, b.index) if a.index < b.index else (b.index, a.index))
            continue
        by_author: dict[str, list[Record]] = defaultdict(list)
        for r in same_title:  # in list order, as the blocks must be
            keys = authors.get(r.index)
            if keys is None:
                keys = authors[r.index] = block_keys(r.fields)
            for author in keys:
                by_author[author].append(r)
        for block in by_author.values():
            if len(block) > 1:
                seen.update(_block_pairs(block, window))
    for key, block in blocks.items():
        # Identifiers are compared whatever the years.
        seen.update(_block_pairs(block, None if key[0].startswith("=") else window))
    return sorted(seen)



def shared_identifiers(a: ReferenceFields, b: ReferenceFields) -> list[str]:
    """Labels of the identifiers two references share, DOI first."""
    out = []
    for name, label in IDENTIFIERS:
        x, y = getattr(a, name), getattr(b, name)
        if x and y and x.lower() == y.lower():
            out.append(label)
    return out
