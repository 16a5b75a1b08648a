"""The author-and-year head of a reference entry, and its label.

An author-year entry starts with its authors and then its year: APA
"Smith, J., & Jones, K. (2020a).", Harvard "Smith, J. 2020.", Chicago
"Smith, John. 2020.", Nature-like "Smith J, Jones K (2020)", ACL
"J. Smith and K. Jones. 2020.", GB/T 7714 author-year "张三, 李四, 2020.".
A year written ``n.d.``, ``in press``, ``forthcoming``, ``in preparation``,
``under review``, ``submitted`` or another status (see
:mod:`citecheck.parsing.yearstatus`) counts.  Group
authors ("World Health Organization [WHO]. (2020).") are one name; their
abbreviation is kept so that "(WHO, 2020)" finds them.

An entry's label is "<first author's family name as printed> <year><suffix>"
("Smith 2020a", "World Health Organization 2020"); entries that would share
one get " #2", " #3" in list order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck import lazyre
from citecheck.model import Reference, ReferenceFields
from citecheck.parsing import yearstatus
from citecheck.parsing.authoryear_names import is_cjk, is_stop_word, strict_key
from citecheck.refparse import parse_reference

#: A year (with a letter suffix), or a year not given.
YEAR = lazyre.compile(
    r"(?<![\d\w/.-])(?P<year>1[5-9]\d\d|20\d\d)(?P<suffix>[a-z])?(?![\d\w])"
    r"|(?P<nd>" + yearstatus.ANY + r")(?:-?(?P<ndsuffix>[a-z])\b)?",
    re.IGNORECASE,
)
#: How far into an entry its year may be.
HEAD_LENGTH = 3000
#: How many characters may separate the last author's name from the year.
GAP_AFTER_AUTHORS = 14
_ABBREVIATION = lazyre.compile(r"[\[(（]\s*([A-Z][A-Za-z&.\-]{1,15})\s*[\])）]")
_INITIALS = lazyre.compile(r"(?:[A-Z]\.?[\s-]*)+")
_ACRONYM = lazyre.compile(r"[A-Z]{4,}")  # four capitals without stops are no one's initials
_CJK_SPLIT = lazyre.compile(r"[,，、;；]\s*")
_CJK_ET_AL = lazyre.compile(r"\s*(?:等|et\s+al\.?)\s*$")


@dataclass(frozen=True)
class EntryHead:
    """What an author-year citation is matched against."""

    families: tuple[str, ...]  # family names as printed, in order
    et_al: bool  # the list itself wrote "et al."
    year: str  # "2020", "n.d.", "in press"
    suffix: str  # "a", "b" or ""
    abbreviation: str | None = None  # "WHO" for a group author

    @property
    def base_label(self) -> str:
        return f"{self.families[0]} {self.year}{self.suffix}"

    @property
    def author_count(self) -> int:
        return len(self.families) + (2 if self.et_al else 0)


def normalise_year(text: str) -> str:
    lowered = " ".join(text.lower().split())
    if lowered.startswith("n."):
        return "n.d."
    return lowered if not lowered[:1].isdigit() else text


def _year_match(text: str) -> re.Match[str] | None:
    return YEAR.search(text, 0, min(len(text), HEAD_LENGTH))


def _cjk_head(segment: str) -> tuple[tuple[str, ...], bool] | None:
    et_al = bool(_CJK_ET_AL.search(segment))
    segment = _CJK_ET_AL.sub("", segment)
    names = tuple(n.strip(" .。") for n in _CJK_SPLIT.split(segment) if n.strip(" .。"))
    if not names or any(len(n) > 40 or any(map(str.isdigit, n)) for n in names):
        return None
    return names, et_al


def entry_head(text: str, fields: ReferenceFields | None = None) -> EntryHead | None:
    """The authors and year an entry starts with, or ``None`` if it does not."""
    match = _year_match(text)
    if match is None:
        return None
    segment = text[: match.start()].rstrip(" ([（,，.。:")
    if not segment or any(map(str.isdigit, segment)):
        return None
    year = normalise_year(match.group("year") or match.group("nd"))
    suffix = (match.group("suffix") or match.group("ndsuffix") or "").lower()
    if is_cjk(segment[:4]):
        parsed = _cjk_head(segment)
        if parsed is None:
            return None
        return EntryHead(parsed[0], parsed[1], year, suffix)
    abbreviation = None
    found = _ABBREVIATION.search(segment)
    if found and found.end() >= len(segment) - 2:
        abbreviation = found.group(1)
        segment = segment[: found.start()].rstrip(" ,.")
    fast = _fast_families(text[: match.start()].rstrip(" ([（,，:")) if fields is None else None
    if fast is not None:
        families, et_al = fast
    else:
        if fields is None:
            fields = parse_reference(text)
        families, et_al = tuple(a.family for a in fields.authors if a.family), fields.et_al
    if not families or families[0] not in segment:
        if _is_group_name(segment):
            families = (segment.strip(" ."),)  # a group author: "World Health Organization."
        else:
            return None
    before = segment[: segment.find(families[0])].strip()
    if before and "," not in before and (not _INITIALS.fullmatch(before) or _ACRONYM.fullmatch(before)):
        # "United Nations", read as "Nations"; "COST Action", read as "Action" with initials "COST"
        families = (f"{before} {families[0]}", *families[1:])
    last = max(segment.rfind(f) + len(f) for f in families if f in segment)
    if len(segment) - last > GAP_AFTER_AUTHORS and not _names_only(segment[last:]):
        return None  # the year comes after the title: Vancouver, not author-year
    return EntryHead(families, et_al, year, suffix, abbreviation)


_NAME_WORD = lazyre.compile(r"^(?:[^\W\d_a-z][\w'’.\-]*|van|von|de|der|den|del|della|da|di|du|le|la|'t|dos|das)$")
# Lower-case words a group author's name may hold: "Working Group of the ...".
_GROUP_WORDS = frozenset({"of", "the", "for", "on", "in", "and", "de", "la", "du"})


# One author as APA and Harvard write them ("Smith, J. K.", "van der Berg, A.")
# or Nature-like ("Smith JK"), with the separator before it; a particle may
# follow the initials ("Santos, C. dos", Springer's "Walden F von"); Nature-like
# initials may be hyphenated ("Östlund Farrants A-K"); APA 7 puts "…" before
# the last of 21 or more authors.
_TRAILING_PARTICLE = r"(?:van|von|de|der|den|del|della|di|da|das|dos|du|la|le|ten|ter)"
_FAST_AUTHOR = lazyre.compile(
    r"(?:,\s*|\s+)?(?:(?:…|\.\.\.)\s*)?(?:&\s*|and\s+)?(?P<family>[^\W\d_][\w'’\-]*(?: [^\W\d_][\w'’\-]*){0,3}?)"
    r"(?:,\s+(?:[A-Z][a-z]?\.[\s-]*)+|\s+[A-Z]{1,3}(?:-[A-Z]{1,2})?(?=(?:\s+" + _TRAILING_PARTICLE + r")*(?:,|\s*&|\.?\s*$)))"
    r"(?:\s*" + _TRAILING_PARTICLE + r"(?:\s+" + _TRAILING_PARTICLE + r")?(?=,|\s*&|\.?\s*$))?"
)
_FAST_ET_AL = lazyre.compile(r",?\s*et\s+al\.?\s*$")


def _fast_families(segment: str) -> tuple[tuple[str, ...], bool] | None:
    """The family names of an author list in the common forms, without the full
    reference parser; ``None`` when the list is in any other form."""
    et_al = _FAST_ET_AL.search(segment)
    end = et_al.start() if et_al else len(segment.rstrip(" ,."))
    families = []
    pos = 0
    while pos < end:
        match = _FAST_AUTHOR.match(segment, pos)
        if match is None or match.end() <= pos:
            return None
        families.append(match.group("family"))  # as printed first: "Walden" of "Walden F von"
        pos = match.end()
    if not families or pos < end - 1:
        return None
    return tuple(families), bool(et_al)


def _names_only(rest: str) -> bool:
    """Whether the text after the names the parser read is more names (group
    authors, names it gave up on), not a title: every comma-separated chunk
    is capitalised words, initials or particles (a group name may hold a few
    words such as "of the")."""
    for chunk in (c.strip() for c in re.split(r",|&", rest)):
        words = chunk.split()
        if not words:
            continue
        lower = [w for w in words if not _NAME_WORD.match(w)]
        if len(words) > 14 or len(lower) > 3 or any(w not in _GROUP_WORDS for w in lower):
            return False
    return True


def _is_group_name(segment: str) -> bool:
    """A group author: a few capitalised words, no comma, no "and", no initials."""
    words = segment.split()
    return (
        1 <= len(words) <= 8
        and "," not in segment
        and segment[:1].isupper()
        and not is_stop_word(words[0])
        and not any(w.lower() in ("and", "&", "und") for w in words)
        and not re.match(r"[A-Z]\.", segment)
    )


def entry_heads(references: Sequence[Reference]) -> list[EntryHead | None]:
    return [entry_head(ref.text, ref.fields) for ref in references]


def looks_author_year(heads: Sequence[EntryHead | None]) -> bool:
    """Whether a list is author-year: most entries start with authors and a year."""
    return len(heads) > 0 and sum(h is not None for h in heads) >= max(1, 0.6 * len(heads))


def author_year_labels(heads: Sequence[EntryHead | None], fallback: Sequence[str]) -> list[str]:
    """Each entry's label; ``fallback`` (its position) for an entry without a head."""
    seen: dict[str, int] = {}
    labels = []
    for head, other in zip(heads, fallback):
        base = head.base_label if head is not None else other
        count = seen.get(base, 0) + 1
        seen[base] = count
        labels.append(base if count == 1 else f"{base} #{count}")
    return labels


def family_key(head: EntryHead) -> str:
    return strict_key(head.families[0])
