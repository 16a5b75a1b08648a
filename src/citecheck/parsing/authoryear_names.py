"""Author names in author-year citations: how they compare and how they sort.

Two keys compare names.  The *strict* key ignores case, the particles
(``van der``, ``de``, ``von``: "van der Berg" and "Berg" are one name),
spaces, hyphens, apostrophes and full stops ("O'Neil" and "ONeil", "García
Márquez" and "García-Márquez").  The *loose* key also drops accents and
transliterates (``ß``, ``ø``, ``æ``, ``ł``...), so "Muller" and "Müller" share a loose
key but not a strict one: that is a spelling difference (CC105), not a match.

The collation of CC303 (reference-list-order) sorts by :func:`sort_key`:
case and accents ignored, particles kept as printed ("van der Berg" sorts
under *v*), ``Mc`` and ``Mac`` as spelt (not as if ``Mac``), hyphens,
apostrophes and spaces ignored.
"""

from __future__ import annotations

import functools
import unicodedata

#: Lower-case name particles: part of a name, but not of its comparison key.
PARTICLES = frozenset(
    "van von der den de del della dei degli di da das dos du la le les lo ten ter 't op "
    "vom zu zum zur y e bin ibn al el d' l' st st. mac".split()
    + ["d’", "l’"]
) - {"mac"}

#: Capitalised words that begin a sentence or a parenthesis but are no author.
#: A citation whose only name is one of these is not a citation.
STOP_WORDS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn fall winter
    monday tuesday wednesday thursday friday saturday sunday
    figure figures fig figs table tables tab supplementary supplement appendix section sections
    chapter chapters eq eqs equation equations box panel step phase stage version release vol
    volume issue part wave year years since in during before after from until till through
    between circa ca about around early late mid and or the a an as at by for of on to with
    see also eg cf ie e.g i.e note notes total mean median range n p q ci or rr hr sd se
    however moreover thus therefore while although though when where here there this that these
    those our we it its they their his her recently previously later earlier then both like
    unlike similarly following according using based consistent contrary building extending
    since until first second third last next each every all some most many few other others
    copyright published received accepted revised updated accessed retrieved available
    usd eur gbp jpy cny rmb chf cad aud inr krw us$ euro euros dollars
    """.split()
)

_TRANSLITERATE = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe", "ł": "l",
     "Ł": "l", "đ": "d", "Đ": "d", "þ": "th", "ð": "d", "ı": "i"}
)
_DROP = str.maketrans("", "", " -‐‑–'’‘′`.\n\u00a0")


def _words(name: str) -> list[str]:
    return unicodedata.normalize("NFC", name).replace("’", "'").replace("′", "'").split()


def _without_particles(name: str) -> str:
    words = _words(name)
    while len(words) > 1 and words[0].casefold() in PARTICLES:
        words = words[1:]
    return " ".join(words)


@functools.lru_cache(maxsize=65536)
def strict_key(name: str) -> str:
    """Case, particles, spaces, hyphens and apostrophes ignored; accents kept."""
    return _without_particles(name).casefold().translate(_DROP)


@functools.lru_cache(maxsize=65536)
def loose_key(name: str) -> str:
    """:func:`strict_key` without accents, transliterated to ASCII where it can be."""
    key = strict_key(name).translate(_TRANSLITERATE)
    decomposed = unicodedata.normalize("NFKD", key)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=65536)
def sort_key(name: str) -> str:
    """The collation key of CC303: particles as printed, case and accents ignored."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().translate(_TRANSLITERATE))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_DROP)


def is_stop_word(name: str) -> bool:
    return name.casefold().rstrip(".") in STOP_WORDS


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with adjacent transpositions, or ``limit + 1`` if larger."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def spelling_limit(key: str) -> int:
    """How many edits still make a misspelling of a name with this key."""
    if len(key) <= 3:
        return 0
    return 1 if len(key) <= 6 else 2


def is_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)
