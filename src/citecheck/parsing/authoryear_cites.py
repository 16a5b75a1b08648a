"""Finding author-year citations in text.

Two forms, found on the masked text (code, links and the reference list
blanked out):

* parenthetical: ``(Smith, 2020)``, ``(Smith 2020)``, ``(Smith & Jones, 2020)``,
  ``(Smith et al., 2020a, b)``, ``(Smith, 2019, 2020)``, ``(Smith, 2019; Jones,
  2020)``, with prefixes and locators (``see Smith, 2020, p. 4; e.g., Jones,
  2019, chap. 3``), a group author's abbreviation defined in passing
  (``World Health Organization [WHO], 2020``), full-width ``（张三，2020）``,
  and in a parenthesis with parentheses inside, its parts without one
  (``(the (E)-α isomer; Smith, 2003)``);
* narrative: ``Smith (2020)``, ``Smith et al. (2020a)``, ``Smith and Jones's
  (2019)``, ``Smith (2019, 2020)``, ``张三等（2020）``.

A year is ``1500``-``2099`` with an optional letter, or ``n.d.``, ``in
press``, ``forthcoming``, ``in preparation``, ``under review``.  Parentheses that hold anything else between the
names and the years ("(n = 2020)", "(in 2020)", "(Table 2, 2020)") are not a
citation.  Which name is the first author is decided later, against the
reference list (:mod:`citecheck.parsing.authoryear_match`): a narrative
citation's words before the names ("In Smith (2020)") are offered as longer
candidates that the list rejects.

Every pattern is linear: a parenthesis is at most ``MAX_GROUP`` characters
(the one around others is matched possessively: one that is never closed
fails at once), and the words before a narrative year at most
``NARRATIVE_WINDOW``.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from citecheck.model import Span
from citecheck.parsing import yearstatus
from citecheck.parsing.authoryear_names import PARTICLES, is_cjk, is_stop_word

MAX_GROUP = 400
NARRATIVE_WINDOW = 100
_GROUP = re.compile(r"[(（]([^()（）]{4,%d})[)）]" % MAX_GROUP)
# A parenthesis with parentheses (one level) inside.  Possessive: a parenthesis
# that is not closed fails at once, whatever it holds, so the search is linear.
_NESTED = re.compile(rf"[(（]([^()（）]*+(?:[(（][^()（）]{{0,{MAX_GROUP}}}[)）][^()（）]*+)++)[)）]")
_INNER = re.compile(r"[(（][^()（）]*[)）]")
_YEAR = (
    r"(?:(?<![\w/.-])(?:1[5-9]\d\d|20\d\d)[a-z]?(?![\w])|(?-i:n\.\s?d\.)(?:-[a-z])?|(?:" + yearstatus.ANY + r")(?!\w))"
)
_HAS_YEAR = re.compile(_YEAR, re.IGNORECASE)
_TOKEN = re.compile(
    r"(?P<year>" + _YEAR + r")"
    r"|(?P<etal>et\s*al\b\.?|etal\.|等人?|et\s+coll\b\.?|and\s+(?:colleagues|co-?workers)\b)"
    r"|(?P<abbr>[\[]\s*[A-Z][A-Za-z&.\-]{0,15}\s*[\]])"
    r"|(?P<conj>&|＆|\band\b|\bund\b|\bet\b|\by\b|和|与|及)"
    r"|(?P<sep>[,，、:：])"
    r"|(?P<poss>['’]s\b|(?<=s)['’](?!\w))"
    r"|(?P<word>[^\W\d_](?:-\n(?=\w)|[\w'’′\-]|\.(?=[\w-]))*\.?)"
    r"|(?P<other>\S)",
    re.IGNORECASE,
)
_LOCATOR_START = re.compile(r"(?:pp?|chaps?|ch|sec|sect|secs|para|paras|fig|figs|vol|vols|n|nn|no|col|cols|l|ll)\.?$|[ivxlc]+$|\d", re.I)
_DIGIT = re.compile(r"\d")
# The common part "Smith, 2020", "Smith & Jones 2020", "Smith et al., 2020a",
# read without the tokenizer; anything else goes through it.
_SIMPLE_PART = re.compile(
    r"\s*(?P<names>[A-Z][\w'’\-]*(?:(?:,\s*(?:&\s*|and\s+)?|\s+&\s+|\s+and\s+)[A-Z][\w'’\-]*)*)"
    r"(?P<etal>\s+et\s+al\.)?,?\s+(?P<year>(?:1[5-9]|20)\d\d[a-z]?)\s*"
)
_NAME_SPLIT = re.compile(r",\s*(?:&\s*|and\s+)?|\s+&\s+|\s+and\s+")
_GROUP_WORDS = frozenset({"of", "the", "for", "on"})
_POSSESSIVE = re.compile(r"['’]s?$")
_PART_SPLIT = re.compile(r"[;；]")
_NARRATIVE = re.compile(
    r"[(（]\s*(?P<years>" + _YEAR + r"(?:\s*[,，]\s*(?:" + _YEAR + r"|[a-z](?=\s*[,，)）]|$)))*)"
    r"(?P<loc>\s*[,，:]\s*[^()（）\n]{1,40})?\s*[)）]",
    re.IGNORECASE,
)


# "by Chng et al., 2013 and Pauli et al., 2014": no parentheses, but "et al." and a year.
_NAKED = re.compile(  # "et" first: the search then skips to each "et" (the same matches as "(?<=\s)et")
    r"et(?<=\set)\s+al\.?,?\s+(?P<years>" + _YEAR + r"(?:\s*[,，]\s*(?:" + _YEAR + r"|[a-z](?=\s*[,;.)）]|\s|$)))*)"
    r"(?![\w)）])",
)


# Named tuples, not frozen dataclasses: a long manuscript builds one of each per
# citation, and a frozen dataclass costs three times as much to build.
class CitedYear(NamedTuple):
    """One year a unit cites: ``2020``, ``2020a``, ``n.d.``; a bare suffix ``b``
    (``2020a, b``) is stored with its year.  ``start`` and ``end``: where it is
    written."""

    text: str
    year: str
    suffix: str
    start: int
    end: int


class CitedUnit(NamedTuple):
    """One author-year reference as written: its names and years.

    ``names`` are the author names in order, as printed ("World Health
    Organization", "van der Berg"); ``first_options`` are the spellings the
    first author could have, longest first ("In Smith", "Smith").  ``start``
    and ``end``: from the first name to the last year.
    """

    names: tuple[str, ...]
    first_options: tuple[str, ...]
    et_al: bool
    years: tuple[CitedYear, ...]
    start: int
    end: int
    abbreviation: str | None = None  # "WHO" in "World Health Organization [WHO], 2020"
    #: Read from the end of a part of prose ("(for a tutorial, see Schad et al.,
    #: 2020)"): a citation only if it names an entry exactly.
    tentative: bool = False


class RawCitation(NamedTuple):
    """A parenthesis or a narrative citation: where it is and its units."""

    start: int
    end: int
    units: tuple[CitedUnit, ...]
    narrative: bool


@dataclass(slots=True)
class _Token:
    kind: str
    text: str
    start: int
    end: int


def _tokens(text: str, offset: int, pos: int = 0) -> list[_Token]:
    """The tokens of ``text`` from ``pos`` on (their offsets plus ``offset``)."""
    return [_Token(m.lastgroup or "other", m.group(0), offset + m.start(), offset + m.end())
            for m in _TOKEN.finditer(text, pos)]


@functools.lru_cache(maxsize=65536)
def _is_name_word(word: str) -> bool:
    if _DIGIT.search(word):
        return False
    return word[:1].isupper() or is_cjk(word[:1]) or word.casefold() in PARTICLES


def _split_year(token: _Token) -> CitedYear:
    text = token.text
    lowered = " ".join(text.lower().split())
    if lowered[:1].isdigit():
        year, suffix = (text[:4], text[4:].lower())
    elif lowered.startswith("n."):
        year, suffix = "n.d.", lowered.rsplit("-", 1)[1] if "-" in lowered else ""
    else:
        year, suffix = lowered, ""
    return CitedYear(text, year, suffix, token.start, token.end)


def _options(words: list[str], narrative: bool) -> tuple[str, ...]:
    """The spellings a first author written as ``words`` may have, longest first."""
    if len(words) == 1 and is_cjk(words[0]) and narrative:
        run = words[0]
        return tuple(run[-n:] for n in range(min(len(run), 6), 1, -1))
    return tuple(" ".join(words[i:]) for i in range(len(words)) if not words[i].casefold() in PARTICLES
                 or i == 0)


def _parse_names(
    tokens: Sequence[_Token], narrative: bool
) -> tuple[list[list[str]], bool, str | None, bool] | None:
    """Names, "et al." and a bracketed abbreviation, from the tokens before a
    year; and whether the name is irregular: one name that goes on in lower
    case after a capital ("The jamovi project", a group author, or prose)."""
    names: list[list[str]] = [[]]
    et_al = False
    abbreviation = None
    irregular = False
    for tok in tokens:
        if tok.kind == "word":
            if et_al or abbreviation or (irregular and len(names) > 1):
                return None
            word = _POSSESSIVE.sub("", tok.text)
            if word.endswith("等") and len(word) > 1 and is_cjk(word):
                word, et_al = word[:-1], True
            if not _is_name_word(word) and not (names[-1] and word in _GROUP_WORDS):
                # "Department of Economic ...": a group's name may hold "of"
                if narrative or len(names) > 1 or not names[-1] or not word.isalpha():
                    return None
                irregular = True
            names[-1].append(word)
        elif tok.kind in ("sep", "conj"):
            if names[-1]:
                names.append([])
        elif tok.kind == "etal":
            et_al = True
        elif tok.kind == "abbr":
            abbreviation = tok.text.strip("[] ")
        elif tok.kind == "poss":
            continue
        else:
            return None
    found = [n for n in names if n]
    if not found or len(found) > 10 or any(len(n) > 6 for n in found):
        return None
    return found, et_al, abbreviation, irregular


#: The words a citation's prefix is made of: "see also", "e.g.,", "reviewed in",
#: "for a review, see", "adapted from", "as described by".  Any other word
#: before the names ("mostly in Germany, Bavaria 2019") is prose.
_PREFIX_WORDS = frozenset("""
    see also e.g e.g. eg eg. cf cf. i.e i.e. ie viz viz. compare contrast for a an the review reviews reviewed
    in as by from after following but and or recent recently data adapted modified cited quoted according to
    described reported discussed summarized summarised reproduced redrawn based on with permission
    originally proposed introduced defined developed first later earlier notably especially particularly
    including among others other examples example studies study work works similar similarly detail details
    further more method methods previous previously published overview discussion
""".split())


def _strip_prefix(tokens: list[_Token]) -> tuple[list[_Token], bool]:
    """Drop "see", "e.g.,", "cf." and other lower-case words before the names;
    and say whether they were prose rather than a citation's prefix (a word
    not in ``_PREFIX_WORDS``): what follows is then a citation only if it
    names an entry exactly (unless the names open a bracket of their own)."""
    i = 0
    prose = False
    while i < len(tokens):
        tok = tokens[i]
        if tok.kind == "word" and _is_name_word(tok.text):
            break
        if tok.kind in ("word", "sep", "conj", "other") and tok.text != "(":
            if tok.kind == "word" and tok.text.casefold() not in _PREFIX_WORDS:
                prose = True
            i += 1
            continue
        break
    if i and tokens[i - 1].text == "[":
        prose = False  # "(hs:ctr [Hesselson et al., 2009])": the names have brackets of their own
    return tokens[i:], prose


def _units(part: list[_Token], inherited: CitedUnit | None) -> list[CitedUnit] | None:
    """The author-year units of one ';'-separated part of a parenthesis."""
    tokens, prose = _strip_prefix(part)
    units: list[CitedUnit] = []
    i = 0
    while i < len(tokens):
        j = i
        while j < len(tokens) and tokens[j].kind != "year":
            j += 1
        if j == len(tokens):
            return units or None
        head = [t for t in tokens[i:j]]
        years: list[CitedYear] = [_split_year(tokens[j])]
        k = j + 1
        while k + 1 < len(tokens) and tokens[k].kind == "sep" and tokens[k].text in ",，":
            nxt = tokens[k + 1]
            if nxt.kind == "year":
                years.append(_split_year(nxt))
            elif nxt.kind == "word" and len(nxt.text) == 1 and nxt.text.islower() and years[-1].year[:1].isdigit() and (
                k + 2 == len(tokens) or tokens[k + 2].kind == "sep"
            ):
                years.append(CitedYear(nxt.text, years[-1].year, nxt.text, nxt.start, nxt.end))
            else:
                break
            k += 2
        if not head and inherited is None and not units:
            return None
        if head:
            parsed = _parse_names(head, narrative=False)
            if parsed is None:
                return None
            names, et_al, abbreviation, irregular = parsed
            first = _options(names[0], narrative=False)
            start = head[0].start
        else:
            base = units[-1] if units else inherited
            assert base is not None
            names, et_al, abbreviation = [list(n.split()) for n in base.names], base.et_al, None
            first, start, irregular = base.first_options, tokens[j].start, base.tentative
        # Prose before the names, an irregular name or a weak status ("submitted"):
        # a citation only if it names an entry exactly.
        tentative = prose or irregular or any(yearstatus.is_weak(y.text) for y in years)
        units.append(CitedUnit(tuple(" ".join(n) for n in names), first, et_al, tuple(years), start,
                               tokens[k - 1].end, abbreviation, tentative))
        # What follows the years: another unit ("Smith 2019, Jones 2020") or a locator.
        if k < len(tokens) and tokens[k].kind == "sep":
            rest = tokens[k + 1 :]
            if rest and rest[0].kind == "word" and _is_name_word(rest[0].text) and any(
                t.kind == "year" for t in rest
            ) and not _LOCATOR_START.match(rest[0].text):
                i = k + 1
                continue
            return units
        if k < len(tokens) and tokens[k].kind == "word" and tokens[k].text[:1].islower():
            # "(see Maddieson, 2005 for details)": prose goes on after the years
            units[-1] = units[-1]._replace(tentative=True)
            return units
        if k < len(tokens) and not all(t.text in "]）)" for t in tokens[k:]):
            return None  # "[Smith et al., 2007]" inside parentheses: its bracket closes
        return units
    return units or None


_SimpleFields = tuple[tuple[str, ...], bool, int, int, int, str, str, str]


def _simple_fields(part: str) -> _SimpleFields | None:
    """A part in the common form ("Smith, 2020", "Smith & Jones 2020", "Smith et
    al., 2020a"), read without the tokenizer: its names, "et al.", where its
    names start and its year starts and ends, and the year as written, its
    number and its letter.  ``None`` for any other form."""
    match = _SIMPLE_PART.fullmatch(part)
    if match is None:
        return None
    names = _NAME_SPLIT.split(match.group("names"))
    if len(names) > 10 or not all(_is_name_word(n) for n in names):
        return None
    year = match.group("year")
    return (tuple(names), bool(match.group("etal")), match.start("names"), match.start("year"),
            match.end("year"), year, year[:4], year[4:])


def _simple_unit(part: str, offset: int, seen: dict[str, _SimpleFields | None]) -> CitedUnit | None:
    """The unit of a part in the common form (``seen``: the parts read so far;
    a manuscript cites the same work the same way many times)."""
    fields = seen.get(part, _UNREAD)
    if fields is _UNREAD:
        fields = seen[part] = _simple_fields(part)
    if fields is None:
        return None
    names, et_al, names_start, year_start, year_end, year, number, letter = fields
    end = offset + year_end
    return CitedUnit(names, names[:1], et_al, (CitedYear(year, number, letter, offset + year_start, end),),
                     offset + names_start, end)


_UNREAD: _SimpleFields = ((), False, 0, 0, 0, "", "", "")


def _parenthetical(text: str, skip: Sequence[Span], seen: dict[str, _SimpleFields | None]) -> Iterator[RawCitation]:
    """The citations of parentheses with none inside them (``seen``: see :func:`_simple_unit`)."""
    for match in _GROUP.finditer(text):
        content = match.group(1)
        if "\n\n" in content or _skipped(match.start(), skip):
            continue
        units = _group_units(content, match.start(1), seen)
        if units:
            yield RawCitation(match.start(), match.end(), units, False)


def _nested(
    text: str, skip: Sequence[Span], found: Sequence[RawCitation], seen: dict[str, _SimpleFields | None]
) -> Iterator[RawCitation]:
    """The citations of parentheses around others: "(the (E)-α isomer; Smith,
    2003)".  Only the parts without a parenthesis inside are read ("Smith
    (ed.), 2003" is not, nor "Sigma (St. Louis), 2019").  Citations do not
    overlap: in a parenthesis around citations found already ("(as Smith
    (2003) showed; Jones, 2004)"), each part read is a citation of its own
    ("Jones, 2004")."""
    starts = [c.start for c in found]
    for match in _NESTED.finditer(text):
        content = match.group(1)
        if len(content) > MAX_GROUP or "\n\n" in content or _skipped(match.start(), skip):
            continue
        offset = match.start(1)
        # Split where the parenthesis itself has ";": not inside the inner ones.
        blanked = _INNER.sub(lambda inner: " " * len(inner.group()), content)
        parts: list[tuple[CitedUnit, ...]] = []
        pos = 0
        for part in blanked.split(";") if "；" not in blanked else _PART_SPLIT.split(blanked):
            start, pos = pos, pos + len(part) + 1
            if part == content[start : start + len(part)]:  # no inner parenthesis in it
                units = _group_units(part, offset + start, seen)
                if units:
                    parts.append(units)
        if not parts:
            continue
        # Whether a citation was found inside: none found before can straddle a parenthesis.
        if bisect_left(starts, match.start()) == bisect_left(starts, match.end()):
            yield RawCitation(match.start(), match.end(), tuple(u for units in parts for u in units), False)
        else:
            yield from (RawCitation(units[0].start, units[-1].end, units, False) for units in parts)


def _group_units(content: str, offset: int, seen: dict[str, _SimpleFields | None]) -> tuple[CitedUnit, ...]:
    """The units of a parenthesis' ``content`` (at ``offset``), part by part."""
    units: list[CitedUnit] = []
    pos = 0
    dated = False
    for part in content.split(";") if "；" not in content else _PART_SPLIT.split(content):
        start = offset + pos
        pos += len(part) + 1
        simple = _simple_unit(part, start, seen)
        if simple is not None:
            units.append(simple)
            continue
        if not units and not dated:
            if not _HAS_YEAR.search(content):
                break  # no year in the parenthesis: no citation (a simple part has one)
            dated = True
        if not units and _starts_with_year(part):
            continue  # "(2020)", a narrative citation's years: no names, nothing before to inherit
        tokens = _tokens(part, start)
        if not tokens:
            continue
        # A part that is no author-year reference ("Sigma-Aldrich, St. Louis,
        # MO", "n = 2020") is left out; the others still cite.
        found = _units(tokens, units[-1] if units else None)
        if found is not None:
            units.extend(found)
        else:
            tail = _tentative_tail(part, start, seen)
            if tail is not None:
                units.append(tail)
    return tuple(units)


def _tentative_tail(part: str, offset: int, seen: dict[str, _SimpleFields | None]) -> CitedUnit | None:
    """A citation in the common form after the last comma of a part of prose:
    "(but we recommend it on substantive grounds, Lakens et al., 2017)",
    "(for a tutorial in GLMMs, see Schad et al., 2020)"."""
    cut = len(part)
    for _ in range(3):  # the year's comma, "et al.,", then the one before the names
        cut = part.rfind(",", 0, cut)
        if cut == -1:
            return None
        tail = _PROSE_PREFIX.sub("", part[cut + 1 :], count=1)
        unit = _simple_unit(tail, offset + len(part) - len(tail), seen)
        if unit is not None:
            return unit._replace(tentative=True)
    return None


_PROSE_PREFIX = re.compile(r"^\s*(?:see\s+also|see|e\.g\.,?|cf\.|i\.e\.,?)\s+", re.IGNORECASE)


def _starts_with_year(part: str) -> bool:
    """Whether the first token of ``part`` is a year (which :func:`_units`
    rejects when no unit came before it)."""
    first = _FIRST_TOKEN.match(part)
    return first is not None and first.lastgroup == "year"


_FIRST_TOKEN = re.compile(r"\s*(?:" + _TOKEN.pattern + ")", re.IGNORECASE)


def _tail_tokens(window: str, window_start: int) -> tuple[list[_Token], bool]:
    """The tokens of the last :data:`TAIL` characters or so of ``window``,
    exactly as tokenizing all of it would give them, or all of its tokens if
    no place there is safe to start from.

    A safe place is a space that no token can hold: only "in press", "n.
    d.", "et al", "et coll", a bracketed abbreviation and a word broken by
    "-" at a line's end have spaces in them, so a space after a character
    that none of them can have before a space (and no "[" in the window)
    starts the same tokens wherever the tokenizer started before it.
    The flag says whether the tokens are all the window's.
    """
    if len(window) > TAIL and "[" not in window:
        sync = _SYNC.search(window, len(window) - TAIL)
        if sync is not None:
            return _tokens(window, window_start, sync.start()), False
    return _tokens(window, window_start), True


#: How much of a narrative citation's window is tokenized first.
TAIL = 40
_SYNC = re.compile(r"(?<=[A-MO-SU-Za-mo-su-z0-9,;:!?)'\"])\s")
# A narrative citation's years as most are written: one year, "(2020a)".
_ONE_YEAR = re.compile(r"(?:1[5-9]|20)\d\d[a-z]?")
# "Pargent, F., Koch, T., ... (2024)": names with their initials, as a list writes them.
_NAME_INITIALS = re.compile(r"[^\W\d_][\w'’\-]*,\s*[A-Z]\.(?:\s?-?[A-Z]\.)*\s*(?=,|&|$)")
# "(2020, January 22)": a reference's date, not a citation's locator.
_MONTH = re.compile(
    r"[,，]\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?(?:\s+\d{1,2})?\s*$"
)


def _reference_entry(text: str, names_start: int, year_start: int, locator: str | None) -> bool:
    """Whether a "narrative citation" is a reference entry written outside the
    list ("Please cite as: Pargent, F., Koch, T., & Gaube, S. (2024). ...",
    "Jon Tennant. (2020, January 22). ..."): two or more names with their
    initials, or a month and day after the year."""
    if locator is not None and _MONTH.match(locator):
        return True
    names = text[names_start:year_start]
    return "," in names and len(_NAME_INITIALS.findall(names)) >= 2


def _name_run(tokens: list[_Token]) -> int:
    """Where the names before a narrative citation's years start: the walk back
    over words that may be names, "and", "&", commas between names, "et
    al." and a possessive."""
    names_from = len(tokens)
    while names_from > 0:
        tok = tokens[names_from - 1]
        if tok.kind == "word" and _is_name_word(tok.text):
            names_from -= 1
        elif tok.kind in ("conj", "etal", "poss") or (tok.kind == "sep" and tok.text in ",，、"):
            names_from -= 1
        else:
            break
    return names_from


def _narrative(
    text: str,
    skip: Sequence[Span],
    pattern: re.Pattern[str] = _NARRATIVE,
    found: Sequence[RawCitation] = (),
    paragraph_break: str = "\n\n",
) -> Iterator[RawCitation]:
    naked = pattern is _NAKED
    starts = [c.start for c in found]
    for match in pattern.finditer(text):
        start = match.start()
        if _skipped(start, skip) or (found and _inside(start, match.end(), found, starts)):
            continue
        window_start = max(0, start - NARRATIVE_WINDOW)
        window = text[window_start:start]
        cut = window.rfind(paragraph_break)
        if cut != -1:
            cut += len(paragraph_break)
            window, window_start = window[cut:], window_start + cut
        tokens, whole = _tail_tokens(window, window_start)
        if naked:
            tokens.append(_Token("etal", "et al.", match.start(), match.start("years")))
        names_from = _name_run(tokens)
        if names_from == 0 and not whole:
            # The names may go on before the tail: tokenize the whole window.
            tokens = _tokens(window, window_start)
            if naked:
                tokens.append(_Token("etal", "et al.", match.start(), match.start("years")))
            names_from = _name_run(tokens)
        head = tokens[names_from:]
        while head and head[0].kind != "word":
            head = head[1:]
        while head and head[0].kind == "word" and is_stop_word(head[0].text) and len(head) > 1:
            head = head[1:]
            while head and head[0].kind != "word":
                head = head[1:]
        if not head:
            continue
        parsed = _parse_names(head, narrative=True)
        if parsed is None:
            continue
        names, et_al, abbreviation, _ = parsed
        # "Smith, Jones and Lee (2020)" lists three names; a comma with no
        # "and" after it ("In Table 2, Smith (2020)") is not part of the list.
        if len(names) > 1 and not any(t.kind == "conj" for t in head):
            names = names[-1:]
            head = head[max(i for i, t in enumerate(head) if t.kind == "sep") + 1 :]
        if _reference_entry(text, head[0].start, start, None if naked else match.group("loc")):
            continue
        first = _options(names[0], narrative=True)
        ystart = match.start("years")
        written = match.group("years")
        years: list[CitedYear] = []
        if _ONE_YEAR.fullmatch(written):
            years.append(CitedYear(written, written[:4], written[4:], ystart, ystart + len(written)))
        else:
            for tok in _tokens(written, ystart):
                if tok.kind == "year":
                    years.append(_split_year(tok))
                elif tok.kind == "word" and years and years[-1].year[:1].isdigit():
                    years.append(CitedYear(tok.text, years[-1].year, tok.text.lower(), tok.start, tok.end))
        if not years:
            continue
        end = match.end()
        unit = CitedUnit(tuple(" ".join(n) for n in names), first, et_al, tuple(years), head[0].start, end,
                         abbreviation)
        yield RawCitation(head[0].start, end, (unit,), True)


def _skipped(start: int, skip: Sequence[Span]) -> bool:
    for span in skip:  # a loop, not any(): this runs for every parenthesis
        if span.start <= start < span.end:
            return True
    return False


def scan_author_year(text: str, skip: Sequence[Span] = (), paragraph_break: str = "\n\n") -> list[RawCitation]:
    """Every parenthetical and narrative author-year citation of ``text``, in order.

    ``paragraph_break``: what ends a paragraph, which a narrative citation's
    names do not cross ("\\n" where each line is a paragraph, as in Word)."""
    seen: dict[str, _SimpleFields | None] = {}  # the parts read: as long as the text at most, freed with it
    found = list(_parenthetical(text, skip, seen))
    taken = {c.start for c in found}
    found.extend(c for c in _narrative(text, skip, paragraph_break=paragraph_break) if c.start not in taken)
    found.sort(key=lambda c: c.start)
    nested = list(_nested(text, skip, found, seen))
    if nested:
        found = sorted(found + nested, key=lambda c: c.start)
    naked = list(_narrative(text, skip, _NAKED, found, paragraph_break))
    return sorted(found + naked, key=lambda c: c.start)


def _inside(start: int, end: int, found: Sequence[RawCitation], starts: list[int]) -> bool:
    """Whether ``start``-``end`` overlaps a citation already found (sorted, with their ``starts``)."""
    i = bisect_right(starts, end - 1) - 1
    return i >= 0 and found[i].end > start
