"""Matching author-year citations to the reference list.

The entries are indexed by first author (strict and loose name keys, see
:mod:`citecheck.parsing.authoryear_names`) and year, so each citation costs a
few dictionary look-ups; only a citation with no exact entry is compared
with the entries of its year (spelling) or of its author (year).  The whole
match is linear in citations plus entries.

For each item (one name list with one year) the outcome is an
:class:`~citecheck.model.AuthorYearMatch`:

* ``EXACT``: one entry has this first author (particles, case and
  punctuation aside), this year and suffix, and co-authors that agree
  ("Smith & Jones" two authors, "Smith et al." two or more, "Smith" one);
* ``AMBIGUOUS``: several entries agree equally (two "Smith 2020" entries, or
  "Smith 2020" beside "Smith 2020a" and "Smith 2020b");
* ``CLOSE``: no entry agrees, but one differs only in the year (2019 against
  2020, 2020 against 2020a), the spelling of the first author (accents,
  transliteration, one or two letters) or the co-authors;
* ``NONE``: nothing is close.  A name that is a common word ("March 2020",
  "Since 2020"), or a single unknown name before a year in parentheses
  ("Katrina (2005)"), is then taken for prose, not a citation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck.model import AuthorYearMatch, Citation, CitationStyle, CiteItem, MatchKind, Span
from citecheck.parsing.authoryear_cites import CitedUnit, CitedYear, RawCitation
from citecheck.parsing.authoryear_names import (
    edit_distance,
    is_stop_word,
    loose_key,
    spelling_limit,
    strict_key,
)
from citecheck.parsing.authoryear_refs import EntryHead

#: How far apart two years may be and still be a typo of each other.
MAX_YEAR_GAP = 3
_UNSEEN = AuthorYearMatch("", "", MatchKind.NONE)  # a citation not matched yet (None: it is prose)


@dataclass(frozen=True)
class _Entry:
    label: str
    head: EntryHead
    strict: str
    loose: str


class AuthorYearIndex:
    """The entries of an author-year list, indexed by first author and year."""

    def __init__(self, labels: Sequence[str], heads: Sequence[EntryHead | None], texts: Sequence[str]) -> None:
        self.entries: list[_Entry] = []
        self.by_strict: dict[tuple[str, str], list[_Entry]] = {}
        self.by_loose: dict[tuple[str, str], list[_Entry]] = {}
        self.by_family: dict[str, list[_Entry]] = {}
        self.by_loose_family: dict[str, list[_Entry]] = {}
        self.by_year: dict[str, list[_Entry]] = {}
        self.aliases: dict[str, str] = {}
        self.headless: list[tuple[str, str]] = []  # (label, text) of entries whose head did not parse
        for label, head, text in zip(labels, heads, texts):
            if head is None:
                self.headless.append((label, text))
                continue
            entry = _Entry(label, head, strict_key(head.families[0]), loose_key(head.families[0]))
            self.entries.append(entry)
            self.by_strict.setdefault((entry.strict, head.year), []).append(entry)
            self.by_loose.setdefault((entry.loose, head.year), []).append(entry)
            self.by_family.setdefault(entry.strict, []).append(entry)
            self.by_loose_family.setdefault(entry.loose, []).append(entry)
            self.by_year.setdefault(head.year, []).append(entry)
            if head.abbreviation:
                self.aliases.setdefault(strict_key(head.abbreviation), head.families[0])

    def knows(self, name: str) -> bool:
        key = strict_key(name)
        return key in self.by_family or key in self.aliases or loose_key(name) in self.by_loose_family

    def headless_entry(self, name: str, year: str) -> str | None:
        """The label of an entry whose head did not parse but that starts with
        ``name`` and holds ``year``: the citation is not missing, its entry is
        only unusual ("O′Dwyer")."""
        key = strict_key(name)
        for label, text in self.headless:
            if strict_key(text[: len(name) + 4]).startswith(key) and re.search(rf"\b{re.escape(year)}\b", text):
                return label
        return None

    def resolve(self, name: str) -> str:
        return self.aliases.get(strict_key(name), name)


def _same_name(a: str, b: str) -> bool:
    return loose_key(a) == loose_key(b)


def _agrees(head: EntryHead, rest: Sequence[str], et_al: bool) -> bool:
    """Whether co-authors ``rest`` (after the first) and "et al." fit ``head``.
    A group author ("United Nations, Department of ...") is not compared."""
    if _is_group(head.families[0]):
        return True
    if et_al:  # "Lakens, Scheel, et al." (APA 7): the co-authors named come next in the entry
        return head.author_count >= 2 and all(_same_name(a, b) for a, b in zip(rest, head.families[1:]))
    if not rest:
        return head.author_count == 1
    if head.et_al:
        return len(head.families) >= 1 + len(rest) or len(rest) >= len(head.families) - 1
    if len(head.families) != 1 + len(rest):
        return False
    return all(_same_name(a, b) for a, b in zip(rest, head.families[1:]))


def _prefer_et_al(entries: list[_Entry], rest: Sequence[str], et_al: bool) -> list[_Entry]:
    """The entries the co-authors agree with; for "et al.", works of three or
    more authors before a work of two (which most styles cite "A and B")."""
    agree = [e for e in entries if _agrees(e.head, rest, et_al)]
    if et_al and len(agree) > 1:
        many = [e for e in agree if e.head.author_count >= 3]
        if many:
            return many
    return agree


@functools.lru_cache(maxsize=65536)
def _is_group(name: str) -> bool:
    words = name.split()
    return len(words) >= 2 and all(w[:1].isupper() and not w.endswith(".") for w in words)


def _authors(head: EntryHead) -> str:
    names = list(head.families)
    if head.et_al:
        return f"{names[0]} et al."
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _year(head: EntryHead) -> str:
    return f"{head.year}{head.suffix}"


_SPACES = re.compile(r"\s+")


def _cited_text(names: str, year: CitedYear, narrative: bool) -> str:
    """An item as its citation wrote it: ``names`` (as written, up to the
    first year) and ``year``."""
    names = _SPACES.sub(" ", names)
    if "*" in names:  # Markdown's emphasis around names ("*Smith* (2020)", masked for the scan)
        names = names.replace("*", "")
    value = year.year + year.suffix
    if narrative:
        return f"{names.rstrip(' (（')} ({value})"
    return f"{names}{value}" if names.endswith((" ", ",", "，")) else f"{names} {value}"


class Matcher:
    """Matches the items of raw citations against an index."""

    def __init__(self, index: AuthorYearIndex, text: str) -> None:
        self.index = index
        self.text = text
        # A manuscript cites the same work the same way many times: match once.
        self._seen: dict[tuple[object, ...], AuthorYearMatch | None] = {}

    def _first_author(self, unit: CitedUnit, narrative: bool) -> tuple[str, tuple[str, ...], str] | None:
        """The first author's name as the list knows it, the co-authors cited,
        and the name as written."""
        for option in unit.first_options:
            if self.index.knows(option):
                return self.index.resolve(option), unit.names[1:], option
        # "In Europe, Smith and Jones (2020)", "(AIC, Akaike, 1973)": the names may
        # start later, after words of the sentence or an acronym.
        for i, name in enumerate(unit.names[1:], start=1):
            if not (narrative or all(n.isupper() for n in unit.names[:i])):
                break
            if self.index.knows(name):
                return self.index.resolve(name), unit.names[i + 1 :], name
        return None

    def written_start(self, unit: CitedUnit, narrative: bool) -> int:
        """Where the cited names start: after any words the list rejected ("In Smith")."""
        known = self._first_author(unit, narrative) if narrative else None
        if known is None:
            return unit.start
        found = self.text.find(known[2], unit.start, unit.end)
        return found if found != -1 else unit.start

    def match(self, unit: CitedUnit, year: CitedYear, narrative: bool) -> AuthorYearMatch | None:
        """What ``year`` of ``unit`` matches (``None``: it is prose, not a citation)."""
        # The names as written are part of the key: they make the text of the match.
        written = self.text[unit.start : unit.years[0].start]
        key = (written, unit.names, unit.first_options, unit.et_al, year.year, year.suffix, narrative)
        found = self._seen.get(key, _UNSEEN)
        if found is _UNSEEN:
            found = self._seen[key] = self._match(unit, year, narrative, _cited_text(written, year, narrative))
        return found

    def _match(self, unit: CitedUnit, year: CitedYear, narrative: bool, cited: str) -> AuthorYearMatch | None:
        known = self._first_author(unit, narrative)
        if known is not None:
            name, rest = known[0], known[1]
        else:  # as written; a narrative's last word ("In Smith (2020)": "Smith")
            name, rest = unit.first_options[-1 if narrative else 0], unit.names[1:]
        cited_label = f"{name} {year.year}{year.suffix}"
        if known is None:
            close = None if is_stop_word(name) else self._spelling(name, rest, unit, year, cited)
            if close is not None:
                return close
            if any(is_stop_word(w) for w in name.split()):
                return None  # "(March 2020)", "Since (2020)": prose
            if narrative and not unit.et_al and len(unit.names) == 1:
                return None  # "Katrina (2005)": a name before a year is not enough
            headless = self.index.headless_entry(name, year.year + year.suffix)
            if headless is not None:
                return AuthorYearMatch(cited, cited_label, MatchKind.EXACT, (headless,))
            return AuthorYearMatch(cited, cited_label, MatchKind.NONE)
        key = strict_key(name)
        family = self.index.by_family.get(key) or self.index.by_loose_family.get(loose_key(name), [])
        same_year = [e for e in family if e.head.year == year.year]
        exact = [e for e in same_year if e.head.suffix == year.suffix and e.strict == key]
        if exact:
            agree = _prefer_et_al(exact, rest, unit.et_al)
            if len(agree) == 1:
                return AuthorYearMatch(cited, cited_label, MatchKind.EXACT, (agree[0].label,))
            if len(agree) > 1:
                return self._ambiguous(cited, cited_label, agree)
            if len(exact) > 1:
                return self._ambiguous(cited, cited_label, exact)
            return self._coauthors(cited, cited_label, exact[0], rest, unit.et_al)
        accented = [e for e in same_year if e.head.suffix == year.suffix]
        if accented:  # same loose key, different strict key: accents or transliteration
            best = self._pick(accented, rest, unit.et_al)
            if isinstance(best, list):
                return self._ambiguous(cited, cited_label, best)
            return AuthorYearMatch(cited, cited_label, MatchKind.CLOSE, (best.label,), ("spelling",),
                                   f'the spelling of "{best.head.families[0]}"')
        if same_year:  # 2020 against 2020a/2020b, or 2020a against 2020
            best = self._pick(same_year, rest, unit.et_al)
            if isinstance(best, list):
                years = " and ".join(_year(e.head) for e in best)
                return self._ambiguous(cited, cited_label, best, f"the list has {years}")
            return AuthorYearMatch(cited, cited_label, MatchKind.CLOSE, (best.label,), ("year",),
                                   f"the year ({year.year}{year.suffix}; the reference has {_year(best.head)})")
        other_years = self._nearest_year(family, year)
        if other_years:
            best = self._pick(other_years, rest, unit.et_al)
            if not isinstance(best, list):
                return AuthorYearMatch(cited, cited_label, MatchKind.CLOSE, (best.label,), ("year",),
                                       f"the year ({year.year}{year.suffix}; the reference has {_year(best.head)})")
        headless = self.index.headless_entry(name, year.year + year.suffix)
        if headless is not None:
            return AuthorYearMatch(cited, cited_label, MatchKind.EXACT, (headless,))
        return AuthorYearMatch(cited, cited_label, MatchKind.NONE)

    def _nearest_year(self, family: list[_Entry], year: CitedYear) -> list[_Entry]:
        if not year.year.isdigit():
            return family if len(family) == 1 else []
        dated = [(abs(int(e.head.year) - int(year.year)), e) for e in family if e.head.year.isdigit()]
        undated = [e for e in family if not e.head.year.isdigit()]
        if not dated:
            return undated if len(undated) == 1 else []
        gap = min(d for d, _ in dated)
        if gap > MAX_YEAR_GAP:
            return []
        return [e for d, e in dated if d == gap]

    def _pick(self, entries: list[_Entry], rest: Sequence[str], et_al: bool) -> _Entry | list[_Entry]:
        """The one entry among ``entries`` (co-authors breaking a tie), or all if none stands out."""
        if len(entries) == 1:
            return entries[0]
        agree = _prefer_et_al(entries, rest, et_al)
        return agree[0] if len(agree) == 1 else (agree or entries)

    def _spelling(
        self, name: str, rest: Sequence[str], unit: CitedUnit, year: CitedYear, cited: str
    ) -> AuthorYearMatch | None:
        """An entry of the same year whose first author is spelt a little differently."""
        key = loose_key(name)
        limit = spelling_limit(key)
        if limit == 0:
            return None
        best: list[tuple[int, _Entry]] = []
        for entry in self.index.by_year.get(year.year, []):
            if entry.head.suffix != year.suffix:
                continue
            distance = edit_distance(key, entry.loose, limit)
            if distance <= min(limit, spelling_limit(entry.loose)):
                best.append((distance, entry))
        if not best:
            return None
        low = min(d for d, _ in best)
        picked = self._pick([e for d, e in best if d == low], rest, unit.et_al)
        if isinstance(picked, list):
            return None
        label = f"{name} {year.year}{year.suffix}"
        return AuthorYearMatch(cited, label, MatchKind.CLOSE, (picked.label,), ("spelling",),
                               f'the spelling of "{picked.head.families[0]}"')

    def _ambiguous(self, cited: str, label: str, entries: list[_Entry], detail: str = "") -> AuthorYearMatch:
        return AuthorYearMatch(cited, label, MatchKind.AMBIGUOUS, tuple(e.label for e in entries), (), detail)

    def _coauthors(self, cited: str, label: str, entry: _Entry, rest: Sequence[str], et_al: bool) -> AuthorYearMatch:
        head = entry.head
        if et_al and head.author_count == 1:
            detail = '"et al." (the reference has one author)'
        else:
            detail = f"the co-authors (the reference has {_authors(head)})"
        return AuthorYearMatch(cited, label, MatchKind.CLOSE, (entry.label,), ("co-authors",), detail)


def match_citations(raw: Sequence[RawCitation], index: AuthorYearIndex, text: str) -> list[Citation]:
    """Citations with one item per (names, year), each carrying its match."""
    for cit in raw:  # "World Health Organization [WHO], 2020" defines WHO for later citations
        for unit in cit.units:
            if unit.abbreviation and unit.names:
                index.aliases.setdefault(strict_key(unit.abbreviation), unit.names[0])
    matcher = Matcher(index, text)
    match = matcher.match
    out = []
    for start, end, units, narrative in raw:
        if narrative:
            unit = units[0]
            start = matcher.written_start(unit, True)
            if start != unit.start:
                units = (unit._replace(start=start),)
        items = []
        for unit in units:
            for year in unit.years:
                found = match(unit, year, narrative)
                if found is not None and unit.tentative and found.kind is not MatchKind.EXACT:
                    continue  # prose that only looks like a citation at its end
                if found is not None:
                    items.append(CiteItem(found.cited, Span(unit.start, year.end), match=found))
        if items:
            out.append(Citation(Span(start, end), text[start:end], tuple(items), CitationStyle.AUTHOR_YEAR,
                                "narrative" if narrative else None))
    return out
