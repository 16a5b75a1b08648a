"""Text comparisons for the duplicate detector: titles, pages, journal names."""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata

from rapidfuzz import fuzz

from citecheck import lazyre
from citecheck.duplicates.thresholds import CONTAINER_SIMILARITY

_ORDINALS = frozenset(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
)
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10, "xi": 11, "xii": 12}
_ROMAN = set(_ROMAN_VALUES)
# Words before a part or volume number, in the languages reference lists use.
_PART_WORDS = frozenset(
    ["part", "paper", "vol", "volume", "chapter", "section", "book", "teil", "band", "bd",
     "volumen", "tomo", "tome", "tom", "parte", "partie", "livre", "deel", "del", "libro", "cast", "czesc"]
)
# Letters that Unicode decomposition leaves alone: Sørensen, Łukasiewicz, Straße.
_FOLD = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h", "ŀ": "l"})
STOP = frozenset(
    ["the", "a", "an", "of", "and", "in", "on", "for", "to", "with", "by", "from", "at", "as", "is", "are", "its", "via", "using", "under", "into", "its", "der", "die", "das", "und", "von", "zur", "zum", "les", "des", "une", "pour", "dans", "sur"]
)


_THOUSANDS = lazyre.compile(r"(?<=\d)[,\u2009\u202f](?=\d{3}\b)")
_MARKUP = lazyre.compile(r"<[^>]+>")
_NON_WORD = lazyre.compile(r"[\W_]+")
# What _NON_WORD matches among ASCII characters (anything but letters and digits) made a
# space: a table indexed by code point, for str.translate of an ASCII string.
_ASCII_NON_WORD = "".join(chr(c) if chr(c).isalnum() else " " for c in range(128))
_CJK = lazyre.compile(r"[\u3400-\u9fff]")
_DIGITS = lazyre.compile(r"\d+")
_FIRST_PAGE = lazyre.compile(r"[A-Za-z]?\d+")
_NONE: frozenset[str] = frozenset()
_MATH = lazyre.compile(r"\$([^$]{1,200})\$")
_MATH_MARKUP = lazyre.compile(r"[_^{}\\]")


def normalize_once(value: str) -> str:
    """Lower case, accents removed, anything but letters and digits a space.

    :func:`normalize_text` without its cache, for strings that seldom come
    twice: the titles of a reference list are nearly all different, and a
    cache entry for each cost more than it saved (50,000 .bib titles:
    0.097 -> 0.075 s)."""
    if not value.isascii():
        value = unicodedata.normalize("NFKD", value)
        value = "".join(ch for ch in value if not unicodedata.combining(ch))
    if "," in value or "\u2009" in value or "\u202f" in value:  # what _THOUSANDS can match
        value = _THOUSANDS.sub("", value)  # 6,515 -> 6515
    if "$" in value:  # LaTeX math in a .bib title: Al$_x$In$_{1-x}$As is AlxIn1-xAs
        value = _MATH.sub(lambda m: _MATH_MARKUP.sub("", m.group(1)), value)
    if "<" in value:
        value = _MARKUP.sub(" ", value)  # markup left in titles
    value = value.lower()
    if value.isascii():  # the usual title: a table lookup per character, not a regular expression
        return " ".join(value.translate(_ASCII_NON_WORD).split())
    value = value.translate(_FOLD)
    return " ".join(_NON_WORD.sub(" ", value).split())


@functools.lru_cache(maxsize=1 << 16)
def normalize_text(value: str) -> str:
    """Lower case, accents removed, anything but letters and digits a space
    (:func:`normalize_once`, cached: names and journals come again and again)."""
    return normalize_once(value)


@functools.lru_cache(maxsize=1 << 16)
def key(value: str | None) -> str:
    return normalize_text(value or "").replace(" ", "")


def title_tokens(title: str) -> list[str]:
    """Words of a normalised title for blocking; CJK runs as character bigrams."""
    if title.isascii() or not _CJK.search(title):
        return [t for t in title.split() if len(t) >= 3 and t not in STOP]
    out: list[str] = []
    for token in title.split():
        if _CJK.search(token):
            out.extend(token[i : i + 2] for i in range(max(1, len(token) - 1)))
        elif len(token) >= 3 and token not in STOP:
            out.append(token)
    return out


def part_numbers(title: str, marks: frozenset[str] | None = None) -> frozenset[str]:
    """Numbers in a title: digits, and roman numerals after "part" and the like
    (``marks``: the title's :func:`part_marks`, when known)."""
    if marks is None:
        marks = part_marks(title)
    if title.isascii() and not _DIGITS.search(title):
        return marks  # no digit at all (str.isdigit and \d differ only beyond ASCII)
    numbers = [w for w in title.split() if w.isdigit()]
    return frozenset(numbers).union(marks) if numbers else marks


def part_marks(title: str) -> frozenset[str]:
    """The numbers a title marks as its part or volume: ordinals, and what
    follows "part", "volume", "Band" and the like ("Part II", "Volumen 3")."""
    words = title.split()
    if _ORDINALS.isdisjoint(words) and _PART_WORDS.isdisjoint(words):
        return _NONE
    out = {w for w in words if w in _ORDINALS}
    for prev, word in itertools.pairwise(words):
        if prev in _PART_WORDS and (word in _ROMAN or word.isdigit()):
            out.add(word)
    return frozenset(out)


def first_page(pages: str | None) -> str | None:
    """The first page, letter included ("e1093"), in lower case."""
    if pages:
        first = pages.partition("-")[0]
        if first.isdecimal():  # "1093-1107": no regular expression (isdecimal is what \d matches)
            return first
    match = _FIRST_PAGE.search(pages or "")
    return match.group(0).lower() if match else None


def page_range(pages: str | None) -> tuple[int, int] | None:
    """Numeric first and last page of "1093-1107" (or "1093-107"), else None."""
    match = re.fullmatch(r"\s*(\d+)\s*[-–—]+\s*(\d+)\b.*", pages or "")
    if not match:
        return None
    first, last = match.group(1), match.group(2)
    if len(last) < len(first):  # abbreviated: 1093-107
        last = first[: len(first) - len(last)] + last
    return int(first), int(last)


def pages_differ(a: str | None, b: str | None) -> bool:
    """Different first pages, unless both ranges overlap (a typo in one entry:
    two different papers never share pages)."""
    pa, pb = first_page(a), first_page(b)
    if not pa or not pb or pa == pb:
        return False
    ra, rb = page_range(a), page_range(b)
    if ra and rb and ra[0] <= ra[1] and rb[0] <= rb[1]:
        return ra[1] < rb[0] or rb[1] < ra[0]
    return True


def digits(value: str | None) -> str | None:
    """The first number of ``value``, leading zeros dropped ("0" for zero)."""
    if value and value.isdecimal():  # "12", the usual volume: no regular expression
        return value.lstrip("0") or "0"
    match = _DIGITS.search(value or "")
    return match.group(0).lstrip("0") or "0" if match else None


def volume_number(value: str | None) -> str | None:
    """The number of a volume or edition: "12", "vol. 12", or a roman "III"."""
    number = digits(value)
    if number or not value:
        return number
    word = value.strip(" .").lower()
    return str(_ROMAN_VALUES[word]) if word in _ROMAN_VALUES else None


def _address(url: str) -> str:
    url = re.sub(r"^[a-z]+://", "", url.strip().lower())
    url = re.sub(r"^www\.", "", url)
    return url.rstrip("/")


def urls_differ(a: str | None, b: str | None) -> bool:
    """Two web addresses that point to different places (scheme, ``www.``
    and a trailing slash aside)."""
    return bool(a and b and _address(a) != _address(b))


# One surname, romanised several ways: Hanyu Pinyin, Wade-Giles, Cantonese
# (Hong Kong), Hokkien (Singapore, Malaysia) and Korean variants.

def acronym(long: str) -> str:
    return "".join(w[0] for w in normalize_text(long).split() if w not in STOP)


def containers_differ(a: str, b: str) -> bool:
    """Two journal or book titles that are not one venue written two ways."""
    ka, kb = key(a), key(b)
    if not ka or not kb or ka == kb:
        return False
    short, long = sorted((a, b), key=len)
    if is_abbreviation(short, long) or key(short) == acronym(long):
        return False
    return fuzz.token_set_ratio(normalize_text(a), normalize_text(b)) < CONTAINER_SIMILARITY


def abbreviates(short: str, long: str) -> bool:
    """ISO 4 word abbreviations keep the first letter and drop others: "Natl"
    for "National", "Res" for "Research"."""
    if not short or short[0] != long[0] or len(short) > len(long):
        return False
    it = iter(long)
    return all(ch in it for ch in short)


def is_abbreviation(short: str, long: str) -> bool:
    """"J Thorac Dis" abbreviates "Journal of Thoracic Disease"."""
    sw = [w for w in normalize_text(short).split() if w not in STOP]
    lw = [w for w in normalize_text(long).split() if w not in STOP]
    if not sw or len(sw) > len(lw):
        return False
    pos = 0
    for word in sw:
        while pos < len(lw) and not abbreviates(word, lw[pos]):
            pos += 1
        if pos == len(lw):
            return False
        pos += 1
    return True
