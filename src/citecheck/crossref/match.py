"""Comparing a reference with a Crossref record, and choosing a search match.

All thresholds are named here and documented; the rules expose them as
options, so an editorial office can tune them in configuration.

Similarities are rapidfuzz ``token_sort_ratio`` scores scaled to 0..1,
computed on text that is case-folded, accent-folded, stripped of markup and
punctuation.  Word order does not matter, typos cost little, missing words
cost in proportion.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz

from citecheck.crossref.records import Work
from citecheck.model import Reference, ReferenceFields

#: CC502: below this title similarity the registered title "differs".  0.80
#: tolerates a dropped subtitle word, British/American spelling and typos;
#: a different paper by the same group scores far lower (0.3-0.6).
TITLE_SIMILARITY = 0.80
#: CC502: first-author family names at least this similar agree (accents,
#: transliteration: "Muller"/"Müller" is 1.0 after folding, "Mueller" 0.92).
AUTHOR_SIMILARITY = 0.85
#: CC502: a reference year this many years off the registered issue, print or
#: online year still agrees (online-first articles are often cited by the
#: year they appeared online, registered under the print year).
YEAR_TOLERANCE = 1
#: CC502: journal names at least this similar agree; abbreviations ("J Orthop
#: Res") and acronyms ("PNAS") are matched word by word first.
JOURNAL_SIMILARITY = 0.80
#: CC507: a search hit is a match only with a title at least this similar...
SEARCH_TITLE_SIMILARITY = 0.90
#: ...and a Crossref relevance score this many times the runner-up's.  The
#: recorded CERMINE search has 167.7 against 120.8 (1.39).
SCORE_MARGIN = 1.2
#: CC508: when no search hit reaches this title similarity, the reference
#: "could not be found in Crossref".  Between this and SEARCH_TITLE_SIMILARITY
#: citecheck stays silent: something similar exists, but not clearly the same.
NOT_FOUND_TITLE_SIMILARITY = 0.60

#: Reference types that Crossref indexes well enough to search for.
SEARCHABLE_TYPES = frozenset({"article", "journal-article", "conference", "chapter",
                              "proceedings", "inproceedings", "incollection"})
JOURNAL_TYPES = frozenset({"article", "journal-article"})

_STOP = frozenset({"of", "the", "and", "for", "in", "on", "a", "an", "de", "der", "und", "la", "le"})
_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)
_TAG = re.compile(r"<[^>]+>")
_LATEX = re.compile(r"\\[A-Za-z]+\*?")  # \emph, \textit: keep their argument, drop the command


def fold(text: str | None) -> str:
    """Lower case, no accents, no markup or punctuation, single spaces."""
    # BibTeX braces protect case ("{P}arkinson"): drop them without splitting words.
    text = _LATEX.sub(" ", _TAG.sub(" ", text or "")).replace("{", "").replace("}", "")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _PUNCT.sub(" ", text.casefold().replace("&", " and "))
    return " ".join(text.split())


def similarity(a: str | None, b: str | None) -> float:
    a, b = fold(a), fold(b)
    if not a or not b:
        return 0.0
    return fuzz.token_sort_ratio(a, b) / 100.0


def title_similarity(title: str | None, work: Work) -> float:
    """The best similarity of ``title`` to the registered title, with and
    without subtitle, and of its main part (before a colon) likewise."""
    if not title or not work.title:
        return 0.0
    registered = {work.title, f"{work.title}: {work.subtitle}" if work.subtitle else work.title,
                  work.title.split(":")[0]}
    cited = {title, title.split(":")[0]} if len(title.split(":")[0].split()) >= 3 else {title}
    return max(similarity(c, r) for c in cited for r in registered)


def author_agrees(fields: ReferenceFields, work: Work,
                  threshold: float = AUTHOR_SIMILARITY) -> bool | None:
    """Whether the first authors agree; None when either side has none."""
    first = fields.first_author
    if first is None or first.is_group or not work.authors:
        return None
    cited = fold(first.family)
    registered = fold(work.authors[0][0])
    if not cited or not registered:
        return None
    # "van der Pluijm" cited as "Pluijm" (or the reverse): compare last words too.
    if cited.split()[-1] == registered.split()[-1]:
        return True
    # A name parsed the wrong way round ("CA Orengo" read as family "CA").
    if registered.split()[-1] in fold(f"{first.family} {first.given}").split():
        return True
    return similarity(cited, registered) >= threshold


def year_agrees(fields: ReferenceFields, work: Work, tolerance: int = YEAR_TOLERANCE) -> bool | None:
    if fields.year is None or not work.years:
        return None
    return any(abs(fields.year - y) <= tolerance for y in work.years)


def _abbreviates(short: str, full: str) -> bool:
    """Whether ``short`` abbreviates ``full`` word by word ("j orthop res" ->
    "journal of orthopaedic research") or is its acronym ("pnas")."""
    words = [w for w in full.split() if w not in _STOP]
    abbrev = [w for w in short.split() if w not in _STOP]
    if len(abbrev) == 1 and len(abbrev[0]) >= 3 and abbrev[0] == "".join(w[0] for w in words):
        return True
    if len(abbrev) != len(words):
        return False
    return all(f.startswith(a) for a, f in zip(abbrev, words, strict=True))


def journal_agrees(fields: ReferenceFields, work: Work,
                   threshold: float = JOURNAL_SIMILARITY) -> bool | None:
    if not fields.container or not work.containers:
        return None
    cited = fold(fields.container)
    for name in work.containers:
        registered = fold(name)
        if similarity(cited, registered) >= threshold or _abbreviates(cited, registered) \
                or _abbreviates(registered, cited):
            return True
    return False


@dataclass(frozen=True)
class Difference:
    field: str  # "title", "first author", "year", "journal"
    cited: str
    registered: str


def differences(fields: ReferenceFields, work: Work, *,
                title_threshold: float = TITLE_SIMILARITY,
                author_threshold: float = AUTHOR_SIMILARITY,
                year_tolerance: int = YEAR_TOLERANCE,
                journal_threshold: float = JOURNAL_SIMILARITY) -> list[Difference]:
    """The fields in which a reference disagrees with the record its DOI names.

    A field missing on either side is not a disagreement; the container is
    compared only for journal articles.
    """
    out = []
    if fields.title and work.title and title_similarity(fields.title, work) < title_threshold:
        out.append(Difference("title", fields.title, work.title))
    if author_agrees(fields, work, author_threshold) is False:
        assert fields.first_author is not None
        out.append(Difference("first author", fields.first_author.family, work.authors[0][0]))
    if year_agrees(fields, work, year_tolerance) is False:
        out.append(Difference("year", str(fields.year), str(work.year)))
    # Proceedings and book titles are cited in too many forms ("Proc. DAS 2014")
    # to compare; journal names are compared.
    if work.type in (None, "journal-article") and journal_agrees(fields, work, journal_threshold) is False:
        out.append(Difference("journal", fields.container or "", work.containers[0]))
    return out


def _pages_agree(fields: ReferenceFields, work: Work) -> bool | None:
    if not fields.pages or not work.page:
        return None
    first = re.split(r"[-–—]", fields.pages.strip())[0].strip().lower()
    return first == re.split(r"[-–—]", work.page.strip())[0].strip().lower()


def corroborations(fields: ReferenceFields, work: Work) -> list[str]:
    """The independent fields on which a search hit agrees with the reference:
    the year, the volume or pages, the first author."""
    agree = []
    if year_agrees(fields, work, 0):
        agree.append("year")
    if (fields.volume and work.volume and fields.volume.strip() == work.volume.strip()) \
            or _pages_agree(fields, work):
        agree.append("volume/pages")
    if author_agrees(fields, work):
        agree.append("first author")
    return agree


@dataclass(frozen=True)
class SearchVerdict:
    """What a bibliographic search says about a reference."""

    match: Work | None  # a confident match, or None
    agreeing: tuple[str, ...] = ()  # the fields that corroborate it


def judge_search(fields: ReferenceFields, hits: list[Work], *,
                 title_threshold: float = SEARCH_TITLE_SIMILARITY,
                 score_margin: float = SCORE_MARGIN) -> SearchVerdict:
    """Accept the top hit only when its title matches, at least one of year,
    volume/pages and first author agrees and none of the others contradicts,
    and its relevance score clearly beats the runner-up's."""
    if not hits:
        return SearchVerdict(None)
    top = hits[0]
    if title_similarity(fields.title, top) < title_threshold:
        return SearchVerdict(None)
    if len(hits) > 1 and top.score is not None and hits[1].score is not None \
            and top.score < score_margin * hits[1].score:
        return SearchVerdict(None)
    agreeing = corroborations(fields, top)
    contradicted = year_agrees(fields, top) is False or author_agrees(fields, top) is False
    if not agreeing or contradicted:
        return SearchVerdict(None)
    return SearchVerdict(top, tuple(agreeing))


def search_query(ref: Reference) -> str | None:
    """The ``query.bibliographic`` string for a reference worth searching for,
    or None: it needs a title of three words or more and an author or a year,
    and a type that Crossref indexes (journal, proceedings, chapter)."""
    fields = ref.fields
    if fields is None or not fields.title or len(fields.title.split()) < 3:
        return None
    if fields.first_author is None and fields.year is None:
        return None
    kind = (fields.type or ref.entry_type or "").lower()
    if kind and kind not in SEARCHABLE_TYPES:
        return None
    if not kind and not fields.container:
        return None
    names = " ".join(a.family for a in fields.authors[:3])
    parts = [names, fields.title, fields.container or "", str(fields.year or ""),
             fields.volume or "", fields.pages or ""]
    return " ".join(" ".join(p.split()) for p in parts if p).strip()


def is_journal_reference(ref: Reference) -> bool:
    fields = ref.fields
    if fields is None:
        return False
    kind = (fields.type or ref.entry_type or "").lower()
    if kind:
        return kind in JOURNAL_TYPES
    return bool(fields.container and (fields.volume or fields.pages))
