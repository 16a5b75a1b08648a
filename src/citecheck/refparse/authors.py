"""Author lists at the head of a reference string.

Reference styles write names in a handful of shapes:

- ``Cheng JN, Jin Z, Su C, et al.``           Vancouver / ICMJE / GB/T (Latin)
- ``Cheng, J. N., Jin, Z. & Su, C.``          APA, Nature, Harvard
- ``J. N. Cheng, Z. Jin, and C. Su,``         IEEE, physics journals
- ``Cheng, Jiening, Zhe Jin, and Chao Su.``   Chicago, MLA (first name inverted)
- ``Jiening Cheng and Zhe Jin.``              full names (CORA, computer science)

:func:`split_authors` tries each shape at the start of the string and keeps
the one that consumes the longest well-formed run of names; the caller gets
the authors and the offset where the rest of the reference begins.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from citecheck import lazyre
from citecheck.model import Author

_W = r"[^\W\d_]"  # one letter, any script


def _char_class(chars: list[str]) -> str:
    """A regex character class for ``chars``, runs of consecutive code points written as
    ranges: the same set, but a pattern the ``re`` compiler reads in a fraction of the time
    (this class stands in many patterns; spelt out, it made importing this module 0.27 s)."""
    runs: list[tuple[int, int]] = []
    for code in sorted(map(ord, chars)):
        if runs and code == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], code)
        else:
            runs.append((code, code))
    parts = [re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in runs]
    return "[" + "".join(parts) + "]"


# Upper-case letters of the Latin, Greek and Cyrillic scripts ("Ž", "Ł", "Ö").  For a text
# that is all ASCII the class is "[A-Z]": the same letters of that text, in patterns the
# ``re`` compiler reads in a third of the time (see _Patterns).
_UP_ANY = _char_class([ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper() and ch.isalpha()])
_UP_ASCII = "[A-Z]"
_WORD = rf"{_W}(?:{_W}|['’])*(?:-{_W}(?:{_W}|['’])*)*"  # Cheng, O'Connor, Martin-Facklam
_PARTICLE = (
    r"(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Dd]el|[Dd]ella|[Dd]i|[Dd]a|[Dd]u|[Dd]os|[Ll]a|[Ll]e|St\.?|[Tt]er|[Tt]en"
    r"|Al|El|al|el|Abu|Ben|bin|ibn|VAN|VON|DE|DEL|DI|DA|DU|LA|LE|AL|EL)"  # "DE GAULLE", "AL RUBAEE"
)
_FAMILY = rf"(?:{_PARTICLE}\s+)*(?:{_WORD})(?:\s+{_PARTICLE}\s+{_WORD})?"
# "Filipa", "Roy A.", "Jean-Paul", "Mary Ann": given names, then initials only
_GIVEN_FULL = rf"(?:[A-Z]{_W}+(?:[\s\-][A-Z]{_W}+)?|[A-Z]\.)(?:\s*[A-Z]\.)*"
# a title's article is not a given name: "Tomlinson, Gary, The Anchor Bible"
_NOT_ARTICLE = r"(?!(?:The|An?|La|Le|Les|Der|Die|Das|El|Il)\s)"
_ETAL = r"(?:et\s*al\.?|and\s+others|et\s+alii|等)"
_AND = r"(?:\s*,?\s*(?<=[\s,])(?:and|und|et|y)\s+|\s*,?\s*&\s*|\s*,\s*|\s*;\s*)"


def _list_pattern(name: str, first: str | None = None) -> re.Pattern[str]:
    head = first or name
    return re.compile(
        rf"^\s*(?:{head})(?:{_AND}(?:{name}))*(?:\s*,?\s*{_ETAL})?",
    )


_CHICAGO_FIRST = lazyre.compile(rf"^\s*{_FAMILY},\s*{_GIVEN_FULL}")
_CHICAGO_NAME = lazyre.compile(rf"({_FAMILY}),\s*({_GIVEN_FULL})")
_NAME_SPLIT = lazyre.compile(rf"{_AND}")
_PARTICLE_WORD = lazyre.compile(_PARTICLE)
# Words that make a name an organisation: "Genomes Project Consortium".
_GROUP_WORDS = lazyre.compile(
    r"\b(?:Consortium|Group|Committee|Society|Association|Organi[sz]ation|Institute|Council|Agency|"
    r"Network|Collaboration|Collaborators|Investigators|Study|Team|Project|University|Ministry|"
    r"Department|Commission|Foundation|Cent(?:er|re)|Office|Bureau|Federation|Working|Board|Union|"
    r"Administration|Authority|Agency|Service|Services|Survey|Programme|Program|Institutes)\b"
)
_SUFFIX = r"(?:,?\s*(?:Jr|Sr|II|III|IV)\b\.?)?"
_SEP = lazyre.compile(r"\s*[,;]+\s*(?:(?:and|&|et|und)\s+)?|\s*\b(?:[Aa]nd|et|und)\s+|\s*&\s*")
# "Sasayama, D. Hattori, K." and "ROUSSILLON, René. CHABERT, Catherine.": inverted
# names one after another with only a space between them
_SPACE_SEP = lazyre.compile(r"\.?\s+|(?<=\s)")
_ETAL_RE = lazyre.compile(rf"\s*[,;]?\s*{_ETAL}")
_AND_WORD = lazyre.compile(r"\b[Aa]nd\b|&")
_ETAL_END = lazyre.compile(rf"\s*,?\s*{_ETAL}\s*$")
_ETAL_AT_END = lazyre.compile(_ETAL + r"\s*$")


class _Patterns:
    """The patterns that name upper-case letters, compiled for one class of them
    (``up``): :func:`_patterns` builds them once per class, when first needed."""

    def __init__(self, _UP: str) -> None:
        # A Vancouver family name: "Cheng", "O'Connor", "ben-Avraham", "Aguera y Arcas",
        # "de Ruyter van Steveninck", "Jansen van Vuren" (up to four words).
        _VAN_WORD = rf"(?:[a-z]{{1,4}}-)?{_UP}{_W}*(?:['’\-]{_W}+)*"
        _VAN_FAMILY = rf"(?:(?:{_PARTICLE}|y)\s+)*{_VAN_WORD}(?:\s+(?:(?:{_PARTICLE}|y)\s+)*{_UP}{_W}+(?:-{_W}+)*){{0,3}}?"
        _INITIALS_DOT = rf"(?:{_UP}[a-z]?(?:-{_UP})?\.\s*(?:-\s*)?)+"  # "J. N.", "J.-P.", "T-S.", "Th.", "M.-É."
        _INITIALS_BARE = rf"{_UP}{{1,4}}(?:-{_UP})?"  # "JN", "J-N", "Ž"
        # "Eric J. Rossetter, ...", "Albert B. Bishop. Title": a middle initial, not Vancouver initials
        _NOT_MIDDLE = (
            rf"(?!\.\s*{_UP}[a-z]+(?:['’\-]\w+)*(?:\s*,\s*(?:{_UP}|[“\"«‘]|and\s|eds?\b)|\s+and\s+{_UP}[a-z]+(?:\s+[A-Z]\.?)?\s+{_UP}[a-z]+[.,]))"
        )
        _INITIALS_BARE_GROUP = (
            rf"\s+(?P<van_g>{_UP}{{1,4}}(?:-{_UP})?)(?!\w)(?!\.\s?[A-Z]\.)(?!\.[A-Z]){_NOT_MIDDLE}"
            r"(?=\s*[,.;:(&]|\s+(?:and|et|und)\s|\s*$)"
        )
        _NAME_PATTERNS = {
            # Vancouver: family then bare initials.  The family must start upper case.
            "vancouver": rf"{_VAN_FAMILY}\s+{_INITIALS_BARE}(?!\w)(?!\.\s?[A-Z]\.)(?!\.[A-Z]){_NOT_MIDDLE}",
            # Vancouver and GB/T with whole Chinese given names: "Zhang Wei", "Wu Lihua".
            "vancouver_full": rf"{_UP}[a-z]{{1,6}}\s+{_UP}[a-z]{{1,8}}(?!\w)(?!\.\w)",
            # APA/Nature: family, initials with dots.
            "inverted": rf"{_FAMILY},\s*{_INITIALS_DOT}(?:\s*(?:Jr|Sr|II|III)\.?)?",
            # IEEE: initials with dots then family.
            "initials_first": rf"{_INITIALS_DOT}\s*{_FAMILY}",
            # Full names, given first.
            "full": rf"{_NOT_ARTICLE}[A-Z]{_W}+(?:\s+(?:[A-Z]\.|[A-Z]{_W}+))?\s+{_FAMILY}",
        }
        lists = {key: _list_pattern(pat) for key, pat in _NAME_PATTERNS.items() if key != "vancouver_full"}
        lists["vancouver"] = _list_pattern(
            rf"{_NAME_PATTERNS['vancouver']}|{_NAME_PATTERNS['vancouver_full']}",
            rf"{_NAME_PATTERNS['vancouver']}|{_NAME_PATTERNS['vancouver_full']}(?=\s*,\s*{_NAME_PATTERNS['vancouver']})"
            rf"|{_NAME_PATTERNS['vancouver_full']}(?=(?:\s*,\s*{_NAME_PATTERNS['vancouver_full']})+\s*(?:,\s*{_NAME_PATTERNS['vancouver']}|,?\s*{_ETAL}))",
        )
        # Chicago/MLA: "Nichols, Bill" then "Jane Doe" names.
        lists["chicago"] = _list_pattern(
            _NAME_PATTERNS["full"], rf"{_FAMILY},\s*{_GIVEN_FULL}"
        )
        self.lists = lists

        # One name of any shape, for lists that mix shapes: "Witten, I. H., Neal R. M.,
        # and Cleary J. G." or "Gimlich, R.L. and J. Braun".  Tried in this order.
        _CAP_WORD = rf"{_UP}{_W}+(?:['’\-]{_W}+)*"
        self.any_name = re.compile(
            # "Smith, J. R.", "Woodworth, G. Walter", "Hershey, Robert D., Jr."
            rf"(?P<inv_f>{_FAMILY}),\s*(?P<inv_g>{_INITIALS_DOT}(?:{_CAP_WORD}(?=\s*[.,;&(])(?!,\s*{_UP}{{1,3}}\.))?{_SUFFIX})"
            rf"|(?P<if_f>{_FAMILY}),\s*(?P<if_g>(?!(?:Vol|No|Pp|Ed|Eds|Vols)\b){_CAP_WORD}(?:\s+[A-Z]\.(?:-[A-Z]\.)?)*{_SUFFIX})"
            rf"(?=\s*[,;&.(]|\s+and\s|\s+\(?\d{{4}}|\s*$)"
            rf"|(?P<vd_f>{_FAMILY})\s+(?P<vd_g>{_INITIALS_DOT})(?=\s*[,;&(]|\s*$|\s+and\s)"
            rf"|(?P<van_f>{_VAN_FAMILY}){_INITIALS_BARE_GROUP}"
            rf"|(?P<ini_g>{_INITIALS_DOT})\s*(?P<ini_f>(?=[^\W\d_]{{2}}|[^\W\d_]\.?\s*[,\"“]){_FAMILY})(?=\s*[,;:.(&\[\"“'‘«]|\s+(?:and|et|und)\s|\s*$)"
            rf"|(?P<ib_g>[A-Z]{{1,3}})\s+(?P<ib_f>(?:{_PARTICLE}\s+)*(?=\w*[a-z]){_CAP_WORD})(?=\s*[,:;]|\s+and\s)"
            # French humanities: "ALLEN (J.P.)", "FERRIERES (Madeleine)"
            rf"|(?P<par_f>{_CAP_WORD}(?:\s+{_CAP_WORD})?)\s*\((?P<par_g>{_INITIALS_DOT}|{_CAP_WORD}(?:[\s-]{_CAP_WORD})?)\)(?=\s*[,.;:])"
            # "Silvio Savarese", "Larry S Davis", "Sai Sankalp Arrabolu", "J. Christian Gerdes"
            rf"|{_NOT_ARTICLE}(?P<full_g>(?:[A-Z]\.?\s+)?{_CAP_WORD}(?:\s+(?:[A-Z]{{1,2}}\.?|{_CAP_WORD}(?=\s+{_CAP_WORD})))?)"
            rf"\s+(?P<full_f>(?:{_PARTICLE}\s+)*(?=\w*[a-zß-ÿ]){_CAP_WORD})"
        )
        self.two_word_family = re.compile(
            rf"{_NOT_ARTICLE}(?!In\s)(?P<if_f>{_CAP_WORD}\s+{_CAP_WORD}),\s*"
            rf"(?P<if_g>{_INITIALS_DOT}|(?!(?:Vol|No|Pp|Ed|Eds|Vols)\b){_CAP_WORD}(?:\s+[A-Z]\.)*)"
            rf"(?=\s*\.\s|\s*,\s*(?:and\s|&\s|{_UP})|\s*\(|\s+and\s|\s*&)"
        )
        self.full_name = re.compile(rf"(?P<full_g>{_CAP_WORD}\s+[A-Z]\.)\s*(?P<full_f>(?:{_PARTICLE}\s+)*{_CAP_WORD})")
        self.inverted_name = re.compile(rf"({_FAMILY}),\s*({_INITIALS_DOT})")
        self.initials_first_name = re.compile(rf"({_INITIALS_DOT})\s*(.+)$")
        # which alternative of any_name matched: each kind and the group of its family name
        self.kinds = tuple((k, self.any_name.groupindex[f"{k}_f"])
                           for k in ("inv", "if", "vd", "van", "ini", "ib", "par", "full"))


@functools.cache
def _patterns(ascii_only: bool) -> _Patterns:
    """The patterns for a text that is all ASCII, or for any text."""
    return _Patterns(_UP_ASCII if ascii_only else _UP_ANY)


def _kind(match: re.Match[str], p: _Patterns) -> str:
    """Which alternative of ``p.any_name`` matched: the first whose family name is
    not empty (read from the match's spans in one call, not group by group)."""
    spans = match.regs
    return next(k for k, i in p.kinds if spans[i][1] > spans[i][0])


_LEADING_SPACE = lazyre.compile(r"\s*")
# After "Russell A. Berman": a new sentence or a year -- "A." was a middle initial
_AFTER_FULL_NAME = lazyre.compile(r"\.\s+(?![A-Z][a-z]*\.)[A-Z]|\s*\(\d")


def _mixed(text: str, p: _Patterns) -> tuple[list[Author], bool, int] | None:
    """Names of any shape, one after another; the list ends where no name
    follows, backing off to the last name after which a reference part starts."""
    authors: list[Author] = []
    pos, last_kind = 0, ""
    lead = _LEADING_SPACE.match(text)
    pos = lead.end() if lead else 0
    good: tuple[int, int] | None = None  # (number of authors, end)
    after_and = False  # the last name follows "and": "F. Jahanian and Al Mok"
    match = p.any_name.match(text, pos)
    while match:
        kind = _kind(match, p)
        if kind in ("full", "if") and _GROUP_WORDS.search(match.group(0)):
            break  # an organisation, not a person
        if kind == "full" and last_kind == "if" and len(authors) == 1 and not after_and and text[match.end():match.end() + 2].lstrip()[:1] == ":":
            break  # "Mahler, Alma, Gustav Mahler: Memories and Letters" -- a title
        if kind == "van" and (not authors or after_and) and len(match.group("van_g")) == 1:
            # "Russell A. Berman. Title", "and Tom R. Tyler (1988)": a middle initial
            longer = p.full_name.match(text, match.start())
            if longer and _AFTER_FULL_NAME.match(text, longer.end()):
                match = longer
                kind = "full"
        if kind == "full" and not authors and text[match.end():match.end() + 1] == ",":
            # "Vargas Llosa, Mario.", "Wellman Kephart, J. O.,": a family name of two words
            two = p.two_word_family.match(text, match.start())
            if two:
                match, kind = two, "if"
        if kind == "full" and authors and last_kind not in ("if", "full") and not after_and:
            break  # "J. Braun, Improved Fluorescent ..." is a title, not a name
        authors.append(Author(match.group(f"{kind}_f").strip(), match.group(f"{kind}_g").strip()))
        last_kind, pos = kind, match.end()
        etal = _ETAL_RE.match(text, pos)
        if etal:
            return authors, True, etal.end()
        if _boundary_ok(text, pos, "mixed"):
            good = (len(authors), pos)
        sep = _SEP.match(text, pos)
        match = p.any_name.match(text, sep.end()) if sep else None
        if not match and kind in ("inv", "if"):
            sep = _SPACE_SEP.match(text, pos)
            match = p.any_name.match(text, sep.end()) if sep else None
            if match and not _inverted_next(match):
                match = None
        if not sep or not match:
            break
        between = sep.group(0)
        after_and = ("nd" in between or "&" in between) and _AND_WORD.search(between) is not None
        pos = sep.end()
    if good is None:
        return None
    return authors[: good[0]], False, good[1]


def _inverted_next(match: re.Match[str]) -> bool:
    """After a space only, the next name must be plainly inverted: "Hattori, K.",
    "Ward, PB", "CHABERT, Catherine" (not "Cancer, Genomics")."""
    if match.group("inv_f"):
        return True
    if match.group("if_f"):
        given, family = match.group("if_g"), match.group("if_f")
        return bool(re.fullmatch(r"[A-Z]{1,3}", given) or re.fullmatch(r"[A-Z][A-Z\-' ]+", family))
    return False


@dataclass(frozen=True)
class AuthorSplit:
    authors: tuple[Author, ...]
    et_al: bool
    end: int  # offset in the text where the author list ends
    shape: str  # "vancouver", "inverted", ... or "group" / "none"


_YEAR_NEXT = lazyre.compile(r"\(?\d{4}")


def _boundary_ok(text: str, end: int, shape: str) -> bool:
    """A name list must end where the next part of a reference starts."""
    rest = text[end:]
    stripped = rest.lstrip()
    if not stripped:
        return False
    # "Smith J. Title", "Smith, J. (2020)", 'J. Smith, "Title"', "Smith J: Title"
    if text[:end].rstrip().endswith((".", ",", ":")):
        return True
    return stripped[0] in ".,:;(“\"‘'「《[" or bool(_YEAR_NEXT.match(stripped))


def _may_end_et_al(text: str) -> bool:
    """False when ``text`` holds none of the words _ETAL needs (case as written)."""
    return "et" in text or "and" in text or "等" in text


def _names(segment: str, shape: str, p: _Patterns) -> list[Author]:
    segment = segment.strip()
    if _may_end_et_al(segment):
        segment = _ETAL_END.sub("", segment)
    segment = segment.strip(" ,;")
    out: list[Author] = []
    if shape == "inverted":
        for match in p.inverted_name.finditer(segment):
            out.append(Author(match.group(1).strip(), match.group(2).strip()))
        return out
    if shape == "chicago":
        first = _CHICAGO_NAME.match(segment)
        if first:
            out.append(Author(first.group(1).strip(), first.group(2).strip()))
            segment = segment[first.end():]
        shape = "full"
    for part in _NAME_SPLIT.split(segment):
        part = part.strip(" ,;.")
        if not part:
            continue
        words = part.split()
        if shape == "vancouver":
            out.append(Author(" ".join(words[:-1]), words[-1]))
        elif shape == "initials_first":
            initials_first = p.initials_first_name.match(part)
            if initials_first:
                out.append(Author(initials_first.group(2).strip(), initials_first.group(1).strip()))
        else:  # full names: the family is the last word, with its particles
            idx = len(words) - 1
            while idx > 1 and _PARTICLE_WORD.fullmatch(words[idx - 1]):
                idx -= 1
            out.append(Author(" ".join(words[idx:]), " ".join(words[:idx])))
    return out


def split_authors(text: str) -> AuthorSplit:
    """Find the author list at the start of ``text``.

    >>> s = split_authors("Cheng JN, Jin Z, Su C, et al. Bone metastases.")
    >>> [a.family for a in s.authors], s.et_al, s.shape
    (['Cheng', 'Jin', 'Su'], True, 'vancouver')
    """
    p = _patterns(text.isascii())
    found = _personal(text, p)
    if found is not None:
        return found
    # A group author leading personal names: "Genomes Project Consortium, Abecasis GR, ..."
    group = re.match(r"^\s*([^,.;(“\"\d]{3,80}?)\s*[,;]\s*", text)
    if group:
        after = _personal(text[group.end():], p)
        if after is not None and after.shape != "full":
            lead = Author(group.group(1).strip(), "", is_group=True)
            return AuthorSplit((lead, *after.authors), after.et_al, group.end() + after.end, after.shape)
    return _group_authors(text)


_COLON_NEXT = lazyre.compile(r"\s*:")
_STOP_OR_COMMA_NEXT = lazyre.compile(r"\s*[.,]")


def _personal(text: str, p: _Patterns) -> AuthorSplit | None:
    candidates: list[tuple[bool, int, str]] = []
    for shape, pattern in p.lists.items():
        match = pattern.match(text)
        if not match:
            continue
        end = match.end()
        if shape == "chicago" and _COLON_NEXT.match(text, end):
            # "Tomlinson, Gary, Metaphysical Song: An Essay" -- the title, not a name
            first = _CHICAGO_FIRST.match(text)
            end = first.end() if first else end
        # Back off to the last name boundary the list regex may have overrun.
        if not _boundary_ok(text, end, shape):
            continue
        # A lone "full" name is usually the first words of a title.
        if shape == "full" and not _STOP_OR_COMMA_NEXT.match(text, end):
            continue
        if _GROUP_WORDS.search(text[:end].split(",")[0]):
            continue  # "World Health Organization." is an organisation
        candidates.append((shape != "full", end, shape))
    mixed = _mixed(text, p)
    if mixed and _boundary_ok(text, mixed[2], "mixed"):
        candidates.append((True, mixed[2], "mixed"))
    if any(c[2] == "inverted" for c in candidates):
        # "Wagner, T. Dynamics Of Networks" is an inverted name and a title in
        # title case, not a Chicago name with given names "T. Dynamics Of".
        candidates = [c for c in candidates if c[2] != "chicago"]
    if candidates:
        # The longest list wins; full names ("Jiening Cheng") are the loosest
        # shape, taken only when no other fits.
        _, end, shape = max(candidates)
        if shape == "mixed" and mixed:
            return AuthorSplit(tuple(mixed[0]), mixed[1], end, shape)
        segment = text[:end]
        et_al = _may_end_et_al(segment) and _ETAL_AT_END.search(segment.strip()) is not None
        authors = _names(segment, shape, p)
        if authors:
            return AuthorSplit(tuple(authors), et_al, end, shape)
    return None


def _group_authors(text: str) -> AuthorSplit:
    """No personal names: a group author ("World Health Organization.") or none."""
    # "U.S. Food and Drug Administration." -- an abbreviation may open the name
    match = re.match(r"^\s*((?:(?:[A-Z]\.){2,}\s*)?[^.(“\"]{2,120}?)\s*(?:\.\s|\(\s*\d{4}|\.$)", text)
    if not match:
        return AuthorSplit((), False, 0, "none")
    segment = match.group(1).strip(" ,;")
    if re.search(r",\s*(?:[Vv]ol|[Nn]o|pp?)$", segment):
        return AuthorSplit((), False, 0, "none")  # "The Peptides, Vol. 1."
    words = segment.split()
    # A group author is a name, not a sentence: short, mostly capitalised words.
    caps = sum(1 for w in words if w[:1].isupper() or not w[:1].isascii())
    if not words or len(words) > 12 or caps < max(1, len(words) // 2):
        return AuthorSplit((), False, 0, "none")
    parts = [p.strip() for p in re.split(r"\s*[,，;；]\s*", segment) if p.strip()]
    authors = tuple(Author(p, "", is_group=True) for p in parts)
    return AuthorSplit(authors, False, match.end(1), "group")
