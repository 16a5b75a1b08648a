"""A fast path for the two commonest shapes of a journal-article reference.

Most references of a long manuscript are plain journal articles written in one
of two shapes::

    Cheng JN, Jin Z, Su C, et al. Title words. Cancer Cell. 2025;43(6):1093-1107. doi:10.1016/x
    Cao, Y., Afzal, M. Z., & Shirai, K. (2021). Title words. Journal of Thoracic Disease, 13(8), 4668–4677.

(the first also as many journals print it, ``Cancer Cell 2025; 43(6): 1093-1107.``, and
with PubMed's date, ``Cancer Cell. 2025 Jun 9;43(6):1093-1107.``)

The general parser (:mod:`.parser`) runs some hundred heuristics over each; for
a string of one of these shapes, built only of plain words, their outcome is
known: :func:`parse_normalised` matches the whole string with one anchored
pattern per shape and builds the same :class:`ReferenceFields`.

It DECLINES (returns ``None``, and the general parser runs) on anything the
general parser treats specially, which is most things: any character outside
plain letters, spaces, hyphens and apostrophes in a title or journal (but for
digits in a Vancouver title's words: "p53", "2 years"; and the full stops of a
Vancouver journal's abbreviated words: "J. Appl. Phys."), so commas, brackets,
quotes, full stops in a title or an APA journal; names with particles ("van", "De") or group words ("Group",
"Study"); a journal whose last word reads as a volume, issue, page, edition or
month mark; words that make the general parser look for a conference, thesis,
report, preprint, access date or further identifiers; numbers in a title that
read as an edition or a PubMed number; a year outside 1500-2099, a volume that
reads as a year, a single page that reads as a year.  Each condition is the
general parser's own, noted where it is tested.  ``tests/test_refparse_fastpath.py``
checks that the two agree on every labelled reference string of the shared
corpus and on generated strings of both shapes.
"""

from __future__ import annotations

import functools
import re

from citecheck.model import Author, ReferenceFields, new_article_fields
from citecheck.refparse import authors as _authors
from citecheck.refparse import parser as _parser
from citecheck.refparse.parser import _NOISE_WORDS, _THESIS, _conference


def _one_of(words: frozenset[str]) -> str:
    """A pattern for any of ``words``, its alternatives grouped by first letter
    (re tries a group's alternatives one by one: ``Da|De|Del|...`` costs a try
    for each at every name, ``D(?:a|e|el|...)`` one unless the name opens with D)."""
    by_first: dict[str, list[str]] = {}
    for word in sorted(words):
        by_first.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rests)})" for first, rests in by_first.items())


# Names the author patterns read as a particle ("De Souza", "Van Gogh") or an
# organisation ("Genomes Project Consortium").
_PARTICLES = frozenset(
    "Van Von De Der Den Del Della Di Da Du Dos La Le St Ter Ten Al El Abu Ben".split()
)
# What may precede the capital of a family name: "McArthur", "O'Neill", "DeVries".
_NAME_PREFIXES = frozenset("Mc Mac O' De Di Da La Le Van Von".split())
# A family name: one capitalised word, or two joined by a hyphen, but not a particle
# (followed by the initials' space, Vancouver, or comma, APA).  Besides ASCII,
# only the lower-case letters of Latin-1, none of which a case-insensitive
# pattern takes for an ASCII letter (as it takes "ſ" for "s" or "K" for "k").
_LOWER = "a-zà-öø-ÿ"
_FAMILY = (
    rf"(?!(?:{_one_of(_PARTICLES)})[ ,])(?:{_one_of(_NAME_PREFIXES)})?[A-Z][{_LOWER}]+(?:-[A-Z][{_LOWER}]+)?"
)
# A plain word: letters, with hyphens or apostrophes inside ("non-small", "Crohn's"):
# all the letters, hyphens and apostrophes there are (possessive: no backtracking into
# them), the last a letter.  (A word is followed by a space, a colon or a full stop,
# so the pattern never needs a shorter run.)
_REST_OF_WORD = r"[A-Za-z'-]*+(?<=[A-Za-z])"
# At least two words; a colon may end a word ("Cancer: a review").
_TITLE = rf"(?P<title>[A-Z]{_REST_OF_WORD}(?::? [A-Za-z]{_REST_OF_WORD})+)"
# A Vancouver title's words may hold digits too ("p53", "COVID-19", "2 years"), its first
# still opening with a capital (after the names, parser._AUTHOR_DATE takes a year);
# see _plain_title for the numbers the general parser reads in a title.
_REST_OF_WORD_OR_NUMBER = r"[A-Za-z0-9'-]*+(?<=[A-Za-z0-9])"
_VANCOUVER_TITLE = rf"(?P<title>[A-Z]{_REST_OF_WORD_OR_NUMBER}(?::? [A-Za-z0-9]{_REST_OF_WORD_OR_NUMBER})+)"
_JOURNAL = r"(?P<journal>[A-Z][A-Za-z]*(?: [A-Za-z]+)*)"
# A Vancouver journal's words may be abbreviated with full stops ("J. Appl. Phys."):
# see _plain_journal for which.
_VANCOUVER_JOURNAL = r"(?P<journal>[A-Z][A-Za-z]*(?:\.? [A-Za-z]+)*)"
# A DOI as the last thing of the string, perhaps with a full stop, which the
# identifier step trims (and the full stop it leaves behind goes too).
_DOI = r"(?P<doi>10\.\d{4,9}/[-A-Za-z0-9._/]*[A-Za-z0-9])\.?"
# A year the general parser reads as one (parser._YEAR).
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
# PubMed's date after a Vancouver year: " Jun", " Jun 9".
_MONTH_DAY = r"(?: (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?: (?:[1-9]|[12][0-9]|3[01]))?)?"
# Not a single page that reads as a year, which the numbers step may take for the year.
_PAGES = r"(?P<pages>(?!(?:1[5-9]|20)\d\d\.)\d{1,6}(?:[-–]\d{1,6})?)"
# Not a volume that reads as a year, which the general parser's volume-and-pages
# pattern does not take ((?!(?:19|20)\d\d\b)).
_VOLUME = r"(?P<volume>(?!(?:19|20)\d\d)\d{1,4})(?:\((?P<issue>\d{1,3})\))?"

# (ASCII: \d is only 0-9.)
VANCOUVER = re.compile(
    rf"(?P<authors>{_FAMILY} [A-Z]{{1,3}}(?:, {_FAMILY} [A-Z]{{1,3}})*)(?P<etal>, et al\.|\.)"
    rf" {_VANCOUVER_TITLE}\. {_VANCOUVER_JOURNAL}\.?"
    rf" {_YEAR}{_MONTH_DAY}; ?{_VOLUME}: ?{_PAGES}\.(?P<marker> doi: ?{_DOI})?",
    re.ASCII,
)
_APA_NAME = rf"{_FAMILY}, [A-Z]\.(?: [A-Z]\.)*"
APA = re.compile(
    rf"(?P<authors>{_APA_NAME}(?:, {_APA_NAME})*(?:,? & {_APA_NAME})?) \({_YEAR}[a-z]?\)\. {_TITLE}\."
    rf" {_JOURNAL}, {_VOLUME}, {_PAGES}\.(?P<marker> (?:https://doi\.org/|doi: ?){_DOI})?",
    re.ASCII,
)
# The first word of the title: "Ed", "Eds", "Editors", "Dir" ... are editor marks
# (parser._EDITOR_MARK) after "et al."
_EDITOR_WORDS = frozenset("ed eds editor editors hrsg coord coords dir comp comps".split())
# The last word of a title the sentence splitter reads as an abbreviation (parser._ABBREVIATION).
_ABBREVIATIONS = frozenset("vs etc St Dr Mr No Vol no vol pp al approx ca cf".split())
# The last word of a journal that parser._CONTAINER_END cuts off, or that _numbers
# reads as a volume, issue, page or edition mark before the year.
_JOURNAL_END_WORDS = frozenset(
    "v V No pages volume appear press forthcoming from January February March April May June July August"
    " September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec janvier mars"
    " avril mai juin juillet septembre octobre novembre no nr Nr issue Issue num Num p pp P S page Page Pages"
    " ed Ed ED edn Edn edition Edition".split()
)
# The first word of a journal (lower-cased) that _container reads as "In:" or as
# numbers first (parser._IN, parser._NUMBERS_FIRST: "Pp. 1985").
_JOURNAL_FIRST_WORDS = frozenset("in vol volume no p pp".split())
# Words (case as written) that make a journal a publisher (parser._PUBLISHER_WORD and
# the "University ... Press" test) or that parser._VOL reads as a volume mark.
_PUBLISHER_HINTS = (
    "Press", "Publish", "Verlag", "Wiley", "Springer", "Elsevier", "Routledge", "Blackwell", "McGraw",
    "Academic", "Books", "Edition", "University", "Vol", "vol",
)
# Lower-case words anywhere in the string after which the general parser does more:
# other identifiers (arXiv, PMCID, PMID, ISBN, URL), access dates and database notes
# (identifiers._NOISE), DOI resolvers, reports (parser._REPORT).
_TEXT_HINTS = (
    "arxiv", "pmc", "pmid", "isbn", "www.", "pubmed", "epub", "available", "retrieved", "accessed", "cited",
    "google", "crossref", "hdl.", "technical report", "tech.", "report no", "working paper",
)
# What parser._THESIS needs in the lower-cased text.
_THESIS_HINTS = ("thesis", "dissertation", "doctoral", "phd", "ph.d", "ph d", "ph. d")
# Any of both, in one search: cheaper than their 25 substring tests, which run only
# when it finds one, to tell which.
_ANY_HINT = re.compile(_one_of(frozenset(_TEXT_HINTS + _THESIS_HINTS)))
# What a title of plain words must hold for parser._NOTE to match: one of its
# words anywhere ("Erratum to ...", "Correction for ...") or at the start ("Reply:
# ...", "Response to ...", not "Immune response in ..."); (its third branch needs a "[").
_NOTE_ANYWHERE = ("erratum", "corrigendum", "correction", "retract")
_NOTE_OPENERS = ("expression", "reply", "response", "comment")
# What makes a journal a preprint server (parser._PREPRINT) or proceedings (parser._JOURNAL_PROCEEDINGS).
_JOURNAL_HINTS = ("rxiv", "ssrn", "preprint", "research square", "proc")
_IN_HOST = re.compile(r"\bIn:?\s")
_DIGIT = re.compile(r"[0-9]")
# An abbreviated word of a journal's name: "J.", "Appl.", "Phys.".
_ABBREVIATED_WORD = re.compile(r"[A-Z][a-z]{0,6}\.")


def parse_normalised(text: str) -> ReferenceFields | None:
    """The fields of ``text`` (already normalised as ``parser.parse_reference``
    normalises it: NFC, no soft hyphens, single spaces, stripped) when it has
    one of the two shapes and nothing the general parser treats specially;
    else ``None``."""
    if len(text) > 1000 or not text[:1].isupper():
        return None
    match = VANCOUVER.fullmatch(text) or APA.fullmatch(text)
    if match is None:
        return None
    written, title, journal, year, volume, issue, pages, raw_doi = match.group(
        "authors", "title", "journal", "year", "volume", "issue", "pages", "doi"
    )
    if not (_plain_text(text, match.start("marker")) and _plain_title(title, text) and _plain_journal(journal)):
        return None
    if match.re is APA:
        if _may_be_journal_only(text, match):
            return None
        authors = _apa_authors(written)
        et_al = False
    else:
        authors = _vancouver_authors(written)
        et_al = match.group("etal") != "."
    if authors is None:
        return None
    doi = None
    if raw_doi is not None:
        # What the identifier step makes of a DOI of the pattern's letters, digits and
        # "-._/", after _plain_text: normalize_doi lower-cases it (no resolver, space,
        # "%" or trailing punctuation to strip) and identifiers._trim leaves it as it
        # is but for a glued mark, ".URL" (the others, ".arXiv", ".PMID", ".Accessed",
        # are _TEXT_HINTS).
        doi = raw_doi.lower()
        if ".url" in doi:
            return None  # "10.1103/x.URL"
    return new_article_fields(
        authors, et_al, title, journal, int(year), volume, issue, pages.replace("–", "-"), doi, raw_doi,
        _note(title),
    )


def _plain_text(text: str, marker: int) -> bool:
    """Nothing in the whole string that the general parser treats specially (see
    the module's docstring).  (No line-break hyphen, parser._LINE_BREAK_HYPHEN's
    "- ": every word the patterns take ends in a letter or a digit.)"""
    lower = text.lower()
    before = lower if marker < 0 else lower[:marker]
    if "doi" in before or "http" in before:
        return False  # a second DOI marker, or a name such as "Doi K"
    if _ANY_HINT.search(lower):
        for hint in _TEXT_HINTS:
            if hint in lower:
                return False
        for hint in _THESIS_HINTS:
            if hint in lower and _THESIS.search(text):
                return False
    if ("In " in text or "In:" in text) and _IN_HOST.search(text):
        return False  # _guess_type's "In: host"
    return True


def _plain_title(title: str, text: str) -> bool:
    """Nothing in the title that the general parser treats specially."""
    words = title.split(" ")
    first = words[0].rstrip(":")
    if (
        first in _PARTICLES
        or first.lower() in _EDITOR_WORDS
        # authors._NOT_MIDDLE: "Smith J. Cats and Dogs Forever." reads "J" as a middle initial
        or (words[1] == "and" and len(words) > 2 and words[2][:1].isupper())
        or words[-1] in _ABBREVIATIONS
        or len(words[-1]) < 2
        or " vol" in title  # parser._TRAILER: "Title volume 2", "Title Volume VI"
        or " Vol" in title
    ):
        return False
    if _DIGIT.search(title):
        # No edition ("2nd edition", "edition 2", "the 2nd. Ed Psychol": parser._EDITION
        # over the whole string), no PubMed number ending the title ("... 12345678.":
        # identifiers._BARE_PMID takes it when a DOI follows).
        last = words[-1]
        return not ((last.isdigit() and len(last) >= 7) or _parser._EDITION.search(text))
    return True


def _note(title: str) -> str | None:
    """What parse_reference takes from the title as a note ("Reply to ...", "Erratum for ...")."""
    lower = title.lower()
    if not lower.startswith(_NOTE_OPENERS):
        for hint in _NOTE_ANYWHERE:
            if hint in lower:
                break
        else:
            return None
    note = _parser._NOTE.search(title)
    return (note.group("a") or note.group("b") or note.group("c")).lower().split()[0] if note else None


@functools.lru_cache(maxsize=4096)
def _plain_journal(journal: str) -> bool:
    """Nothing in the journal's name that the general parser treats specially.
    (Kept for each name: a long list cites few journals, most of them often.)"""
    words = journal.split(" ")
    if "." in journal:
        # Abbreviations only, which the general parser leaves in the journal's name, and no
        # section number ("Title. II. Results. Phys Rev": parser._SECTION_NUMBER keeps
        # "II" in the title), nor a sentence: "Title. More words. Phys Rev" (the title
        # is "Title" here, but not always).
        if _parser._SECTION_NUMBER.match(journal) or not all(
            _ABBREVIATED_WORD.fullmatch(word) for word in words if word.endswith(".")
        ):
            return False
        words = [word.rstrip(".") for word in words]
    if (
        len(journal) < 2
        or words[0].lower() in _JOURNAL_FIRST_WORDS
        or words[-1] in _JOURNAL_END_WORDS
        or _only_noise_words(words)
        or _parser._NOT_CONTAINER.match(journal)
        or _conference(journal)
    ):
        return False
    for hint in _PUBLISHER_HINTS:
        if hint in journal:
            return False
    lower = journal.lower()
    for hint in _JOURNAL_HINTS:
        if hint in lower:
            return False
    return True


def _only_noise_words(words: list[str]) -> bool:
    """``_WORD3.search(journal) and _only_noise(journal)`` (parser._container drops such
    a journal: "February") for a journal of plain words: its words of three letters or
    more are all months or volume and page marks."""
    long_words = [word for word in words if len(word) > 2]
    return bool(long_words) and all(word.lower() in _NOISE_WORDS for word in long_words)


def _may_be_journal_only(text: str, match: re.Match[str]) -> bool:
    """Whether parser._JOURNAL_ONLY (no title: "ApJ, 475, 163") matches after the date.
    It can only when the title ends in a capitalised word of up to six letters,
    whose token takes the full stop."""
    title = match.group("title")
    if not any("A" <= ch <= "Z" for ch in title[-6:]):
        return False
    # (sliced, not matched from a position: the pattern opens with "^")
    return _parser._JOURNAL_ONLY.match(text[match.start("title"):]) is not None


def _vancouver_authors(written: str) -> tuple[Author, ...] | None:
    """``Cheng JN, Jin Z`` as the general parser splits it; ``None`` for a name the
    author patterns may read otherwise (the pattern declines particles)."""
    names = written.split(", ")
    if _authors._GROUP_WORDS.search(names[0]):
        return None  # the first name is an organisation's
    return tuple([Author(family, initials) for family, initials in map(str.split, names)])


def _apa_authors(written: str) -> tuple[Author, ...] | None:
    """``Cao, Y., Afzal, M. Z., & Shirai, K.`` as the general parser splits it."""
    parts = written.replace(", & ", ", ").replace(" & ", ", ").split(", ")
    if _authors._GROUP_WORDS.search(parts[0]):
        return None
    return tuple([Author(parts[i], parts[i + 1]) for i in range(0, len(parts), 2)])
