"""Turn one reference string into :class:`~citecheck.model.ReferenceFields`.

The parse runs in steps, each cutting what it recognised out of the string:

1. the list label (``[3]``, ``3.``) and the identifiers (DOI, PMID, ...);
2. GB/T 7714 references, recognised by their ``[J]``/``[M]``/``[C]`` marker;
3. the author list (:mod:`.authors`), then an author-date year
   (``(2019)``, ``2019.``) if one follows;
4. the title: a quoted run, else the next sentence;
5. the container (journal, book or proceedings) up to the first number;
6. year, volume, issue and pages from the numbers that remain.

It is a heuristic parser, measured against labelled references by
``bench/parse_accuracy.py``; it never raises on odd input.  Identifiers are
taken from the whole string; the other fields from its first
:data:`MAX_PARSE_CHARS` characters (cut at a space), which bounds the time a
hostile string (50,000 nested parentheses, a run of ``A. A. A.``) can take:
several of the heuristics look back or ahead over the whole string.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from citecheck import lazyre
from citecheck.model import ReferenceFields
from citecheck.refparse import gbt7714
from citecheck.refparse.authors import AuthorSplit, split_authors
from citecheck.refparse.identifiers import extract_identifiers
from citecheck.refparse.quick import collapse_spaces, last_word, may_hold

_LABEL = lazyre.compile(r"^\s*(?:\[\s*\d+[a-z]?\s*\]|\(\s*\d+\s*\)|\d+[.)](?!\d)|\d+\s+(?=[A-Z\u3400-\u9fff]))\s*")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_AUTHOR_DATE = lazyre.compile(
    rf"^\s*[.,]?\s*(?:\(\s*(?:[A-Z][a-z]+\.?\s+(?:\d{{1,2}},?\s+)?)?(?P<py>{_YEAR})[a-z]?(?:\s*,[^)]*)?"
    rf"(?:\s*\[[^\]]*\])?\s*\)|(?P<y>{_YEAR})[a-z]?(?:\s*\[{_YEAR}\])?(?=[.,:;]|\s+[A-Z\"“«‘]))\s*[.,:;]?\s*"
    r"|^\s*[.,]?\s*\(?n\.\s?d\.\)?\s*[.,]?\s*",
)
# Words that are no title, journal or publisher: months and volume/page marks
_NOISE_WORDS = frozenset({
    "vol", "vols", "volume", "no", "nos", "pp", "pages", "page", "jan", "january", "feb", "febr",
    "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug",
    "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
    "janv", "janvier", "févr", "février", "mars", "avr", "avril", "mai", "juin", "juil",
    "juillet", "août", "septembre", "octobre", "novembre", "déc", "décembre", "januar",
    "februar", "märz", "juni", "juli", "oktober", "dezember", "enero", "febrero", "marzo",
    "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre",
    "diciembre",
})
_WORD3 = lazyre.compile(r"[^\W\d_]{3,}")


def _only_noise(text: str) -> bool:
    """No word of three letters or more in ``text`` but months and volume/page marks."""
    return all(word.lower() in _NOISE_WORDS for word in _WORD3.findall(text))


# "In: Smith J, editor.", "In E. M. Hetherington (Ed.),": the editors before a book's title
_EDITORS = lazyre.compile(
    r"^\(?(?:(?-i:[A-Z])\.|[^.\d])*?\b(?:eds?|editors?|hrsg|\(eds?\.?\))(?!\w)\.?\)?\s*[,.:]?\s*", re.IGNORECASE
)
# What follows a journal's or book's name: "Meteoritics, v. 26", "Applied Optics, to appear",
# "The New York Times, March 5", "In Romancing the Shadow, edited by J. G. Kennedy"
_CONTAINER_NOTE = lazyre.compile(r"[,.:]?\s+(?:Ahead of print|Special Issue|(?:edited|translated|ed\.|eds\.|trans\.)\s+by)\b.*$")
_CONTAINER_END = lazyre.compile(
    r"(?:[,.]?\s+(?:v|V|No|pages|volume|to appear|in press|forthcoming|Retrieved from"
    r"|(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|janvier|février|mars|avril|mai|juin|juillet|août|septembre"
    r"|octobre|novembre|décembre)\.?(?:\s*\(\d+\))?))+$"
)
_NOT_CONTAINER = lazyre.compile(
    r"(?:Ph\.?\s?D\.?|[Dd]octoral|[Mm]aster['’]?s?|[Bb]achelor['’]?s?|[Uu]npublished)\s+(?:dissertation|thesis)"
    r"|(?:Ph\.?\s?D|[Mm]aster['’]?s?|[Dd]iploma)\s+[Tt]hesis|[Tt]echnical\s+[Rr]eport|[Tt]ech\.\s*[Rr]ep"
    r"|(?<!\d)\d+(?:st|nd|rd|th)\s+(?:ed|edn|edition)\b|(?:trans\.?|ed\.|(?:[Tt]rans\.?|[Tt]ranslated|[Ee]dited)\s+by)\s+[A-Z]"
)
_SAME_AUTHORS = lazyre.compile(r"^\s*(?:[-—–_]\s*){2,}\s*[.,]?\s*")
# Physics and astronomy print no title: "ApJ, 475, 163", "J. Appl. Phys. 87, pp. 334-344
# (2000)", "Nano Lett. 2009, 9, 4153".  A short journal name (capitalised words
# and abbreviations), then a volume and a page.
_JOURNAL_ONLY = lazyre.compile(
    rf"^\s*[.,]?\s*(?:{_YEAR}[a-z]?\s*[,;.]\s*)?(?:[A-Z][A-Za-z&]{{0,5}}\.?|[A-Z][a-z]+|of|&|and)(?:\s*(?:[A-Z][A-Za-z&]{{0,5}}\.?|[A-Z][a-z]+|of|&|and)){{0,5}}"
    rf"\s*[.,]?\s+(?:{_YEAR}\s*[,;]\s*)?(?:[Vv]ol\.\s*)?\d+(?!,\d{{3}}\b)\s*(?:\([\w\-–]+\)\s*)?[,:]\s*(?:pp?\.\s*)?[A-Z]?\d+"
)
# "(ed.)", "(Eds.)", "(Editors)", "Hrsg." after the names
_EDITOR_MARK = lazyre.compile(r"^\s*,?\s*\(?(?:eds?|éds?|editors?|hrsg|coords?|dir|comps?)\.?\)?\s*[.,:]?(?=\s)", re.IGNORECASE)
_INNER_QUOTE = lazyre.compile(r"[,.:]\s+([“\"«]|‘(?=[A-Z]))")
_OPEN_QUOTES = "“\"‘«„「《'"
_CLOSE_FOR = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“", "「": "」", "《": "》", "'": "'"}
_NOTE = lazyre.compile(
    r"^\s*(?:\[?\s*(?P<a>erratum|corrigendum|correction|retraction(?:\s+notice)?|retracted|"
    r"expression\s+of\s+concern|reply|response|comment|author\s+correction|publisher\s+correction)\b)"
    r"|\b(?P<b>erratum|corrigendum|correction|retraction)\s+(?:to|on|of|for|notice)\b"
    r"|\[\s*(?P<c>erratum|retracted|retraction|correction|comment)\b[^\]]*\]",
    re.IGNORECASE,
)
_CONFERENCE = lazyre.compile(
    r"\b(?:proc(?:eedings|\.)|conference|conf\.|symposium|symp\.|workshop|congress|meeting|colloquium)\b"
    r"|\b(?:ICC|GLOBECOM|INFOCOM|NeurIPS|NIPS|ICML|CVPR|ICCV|ECCV|AAAI|IJCAI|ACL|EMNLP|KDD|SIGIR|SIGMOD|VLDB|ICLR|ICRA|IROS)\b"
    r"|\bAdvances\s+in\s+Neural\s+Information\s+Processing|\bLecture\s+Notes\s+in\s+Computer\s+Science\b",
    re.IGNORECASE,
)
# "Proceedings of the IEEE" and the like are journals, not conference proceedings.
_JOURNAL_PROCEEDINGS = lazyre.compile(
    r"\bproc(?:eedings|\.)?\s+(?:of\s+the\s+)?(?:IEEE|national|natl|royal|r\.?\s*soc|american|japan|london|"
    r"edinburgh|indian|acad|ieee|royal|physical|cambridge|nutrition|zoological|estonian|latvian)\b"
    r"(?!\s+(?:\w+\s+){0,3}?(?:Conference|Symposium|Workshop|International|Annual|Computer\s+Society))",
    re.IGNORECASE,
)
_PREPRINT = lazyre.compile(r"\b(?:arxiv|biorxiv|medrxiv|chemrxiv|ssrn|preprint|research\s+square)\b", re.IGNORECASE)
_THESIS = lazyre.compile(r"\b(?:thesis|dissertation|doctoral|ph\.?\s?d\.?)\b", re.IGNORECASE)
_REPORT = lazyre.compile(r"\b(?:technical\s+report|tech\.\s*rep\.?|report\s+no|working\s+paper)\b", re.IGNORECASE)
# A word each match of _NOTE, _CONFERENCE, _THESIS and _REPORT holds (see quick.may_hold)
_NOTE_WORDS = ("erratum", "corrigendum", "correction", "retract", "expression", "reply", "response", "comment")
_CONFERENCE_WORDS = (
    "proc", "conf", "symp", "workshop", "congress", "meeting", "colloquium", "icc", "globecom", "infocom",
    "nips", "neurips", "icml", "cvpr", "eccv", "aaai", "ijcai", "acl", "emnlp", "kdd", "sigir", "sigmod", "vldb", "iclr",
    "icra", "iros", "advances", "lecture",
)
_THESIS_WORDS = ("thesis", "dissertation", "doctoral", "ph")
_REPORT_WORDS = ("report", "tech.", "working")
_EDITION = lazyre.compile(r"\b(\d+)(?:st|nd|rd|th)\.?\s+(?:ed\b\.?|edn\b\.?|edition\b)|\b(?:ed|edn|edition)\.?\s+(\d+)\b", re.IGNORECASE)
_PAGES = r"[A-Za-z]?\d+[A-Za-z]?(?:\.[a-z]?\d+)?(?:\s*[-–—‐]+\s*[A-Za-z]?\d+[A-Za-z]?(?:\.[a-z]\d+)?)?"


_SENTENCE_END = lazyre.compile(r"[.?!。](?=\s+|$)|[.?](?=[A-Z][a-z])")
_LAST_WORD = lazyre.compile(r"(\S+)$")
_SPACE_RUN = lazyre.compile(r"\s*")
#: How far the title heuristics look around a full stop (a sentence, a word).
_WINDOW = 400
_WORD_WINDOW = 80
_TWO_WORDS = lazyre.compile(r"\s*\S+\s+\S")
_ABBREVIATION = lazyre.compile(r"(?:[A-Z]|vs|e\.g|i\.e|etc|St|Dr|Mr|No|Vol|no|vol|pp|al|approx|ca|cf)")
_IN = lazyre.compile(r"^(?:In|in|IN)\s*:?\s+")
_NUMBERS_FIRST = lazyre.compile(r"(?:vol(?:ume)?\b|no\b|pp?\.)\.?\s*(?:\d|[IVXLC]+\b)", re.IGNORECASE)
_YEAR_FIRST = lazyre.compile(rf"{_YEAR}[a-z]?\s*[,;]\s*(?=[A-Z])|\({_YEAR}[a-z]?\)\s*[,;.]?\s*(?=[A-Z])")
_LINE_BREAK_HYPHEN = lazyre.compile(r"(?<=[a-z])- (?!(?:and|or|to|und|et)\b)(?=[a-z])")
_YEAR_ONLY = lazyre.compile(rf"\(?{_YEAR}\)?")
# "No date", as styles print it: APA's "(n.d.)", Spanish "(s.f.)", German "(o. J.)".
# A reference that says so has no year, whatever numbers its title holds.
_NO_DATE = lazyre.compile(r"\(\s*(?:n\.\s?d|s\.\s?f|o\.\s?J)\.?\s*\)|(?<![\w.])n\.\s?d\.(?=\s*[.,;:)]|\s*$)")
_LETTER = lazyre.compile(r"[^\W\d_]")
_ABBREVIATED_END = lazyre.compile(r",\s+([A-Z][a-z]{0,4})$")

#: The most characters of a reference (after its identifiers) parsed into
#: fields.  The longest of 6,786 labelled real references has 644.
MAX_PARSE_CHARS = 4_000


def strip_label(text: str) -> str:
    """Remove a leading list label: ``[3]``, ``3.``, ``(3)``."""
    return _LABEL.sub("", text, count=1)


def _is_subtitle(after: str) -> bool:
    """After "How many deer?": "A field guide to estimating deer population
    size. Forestry Commission" continues the title; "Cancer Cell. 2025" or
    "Journal of Thoracic Disease, 13" is the journal."""
    sentence = re.match(r"([^.?!]*)[.?!](?:\s|$)", after)
    if not sentence:
        return False
    words = sentence.group(1).split()
    return (
        len(words) >= 4
        and words[0][:1].isupper()
        and not re.search(r"\d|\b(?:Journal|Proceedings|Review|Letters|Transactions|Press)\b|\bpp?$", sentence.group(1))
        and not _CONTAINER_START.match(sentence.group(1))
    )


def _take_quoted(rest: str) -> tuple[str | None, str] | None:
    """A title in quotation marks at the start of ``rest``: up to the closing
    mark that ends it.  A closing mark followed by more of the title (``:``,
    ``and``, lower-case words) closes a quote inside the title: “The Sentiment
    of Rationality” and “The Moral Philosopher.”  A mark after a comma or full
    stop (``,”``) or before ``in``/``In`` and a capital ends the title."""
    opening = 2 if rest.startswith("``") else 1
    close = "''" if opening == 2 else _CLOSE_FOR.get(rest[0])
    if close is None:
        return None
    start = opening
    while True:
        end = rest.find(close, start)
        # The closing mark may be a straight one.
        if end == -1 and close != '"':
            end = rest.find('"', start)
            width = 1
        else:
            width = len(close)
        if end <= opening:
            return None
        after = rest[end + width:].lstrip()
        if (
            (rest[end - 1] in ",." and not rest[:end].endswith(("...", "…")))
            or re.match(r"[Ii]n:?\s+[A-Z]", after)
            or not re.match(r"(?!https?:|www\.)(?:[a-z]|:\s|and\b|\.\.\.)", after)
        ):
            title = rest[opening:end].strip(" ,.;:")
            return (title or None), rest[end + width:]
        start = end + width


_PREVIOUS_WORD = lazyre.compile(r"(\S+)\s+\S+$")
_DOTTED_CAPITALS = lazyre.compile(r"[A-Z](?:\.[A-Z])+")
_SECTION_NUMBER = lazyre.compile(r"(?:I|II|III|IV|V|VI|\d{1,2})\.\s+[A-Z]")
_ONE_OR_TWO_DIGITS = lazyre.compile(r"\d{1,2}")


def _take_title(rest: str) -> tuple[str | None, str]:
    """The title at the start of ``rest``, and what follows it."""
    rest = rest.lstrip(" .,:;")
    if not rest:
        return None, ""
    quoted = _take_quoted(rest)
    if quoted is not None:
        return quoted
    # Otherwise the title is the next sentence: up to ". " (or "? "/"! "), not
    # ending on an initial, an abbreviation such as "vs." or a number ("v. 2.").
    for match in _SENTENCE_END.finditer(rest):
        # Look at most _WINDOW characters back and ahead: slicing the whole
        # string at every full stop would be quadratic in its length.
        before = rest[max(0, match.start() - _WINDOW) : match.start()]
        spaces = _SPACE_RUN.match(rest, match.end())
        after = rest[spaces.end() if spaces else match.end() : match.end() + _WINDOW]
        if before.endswith("..") or rest[match.end():match.end() + 2] == "..":
            continue  # an ellipsis "..." inside the title
        last = last_word(before[-_WORD_WINDOW:], _LAST_WORD)
        if match.group(0) == "." and _ABBREVIATION.fullmatch(last):
            # "vitamin D. N Engl J Med" ends a title; "J. Smith", "M. tuberculosis"
            # and "enzymes. I. A kinetic model" do not.
            previous = _PREVIOUS_WORD.search(before[-_WORD_WINDOW:])
            upcoming = after[:1]
            ends = (
                len(last) == 1
                and previous is not None
                and previous.group(1)[:1].islower()
                and not previous.group(1).endswith(".")
                and upcoming.isupper()
            )
            if not ends:
                continue
        if match.group(0) == "." and _DOTTED_CAPITALS.fullmatch(last) and not after[:1].isdigit():
            continue  # "the Poetry of W.B. Yeats", "in the U.S. and Beyond"
        if _SECTION_NUMBER.match(after) or (
            _ONE_OR_TWO_DIGITS.fullmatch(last) and before[: -len(last)].rstrip().endswith(",")
        ):
            # "enzymes. I. A kinetic model", "neurobiology. 1. Anatomy", "Problem, 1. The Crystal"
            continue
        if match.group(0) in "?!" and after[:1] and (after[:1] in "-–:(" or after[:1].islower()):
            continue
        if match.group(0) in "?!" and _is_subtitle(after):
            continue
        title = rest[: match.start()].strip() + (match.group(0) if match.group(0) in "?!" else "")
        if len(title) < 2:
            continue
        return title.strip(" ,;:"), rest[match.end():]
    # One sentence only: "Title, Journal 12, 3-4" (IEEE without quotes), "Title, Publisher, Paris"
    whole = rest.strip(" .,;:")
    title, tail = _cut_trailer(whole, "")
    if title != whole:
        return title, tail
    title, tail, cut = _cut_at_container(whole, "", True)
    if cut == "publisher":
        return title, tail
    first_part = re.match(r"^(.+?)[,;]\s+(?=\S)", rest)
    if first_part and len(first_part.group(1).split()) >= 3:
        return first_part.group(1).strip(), rest[first_part.end():]
    return rest.strip(" .,;:") or None, ""


def _trim_container(container: str) -> str:
    """Drop what follows a journal's or book's name (``_CONTAINER_NOTE``, ``_CONTAINER_END``)."""
    if "Special Issue" in container or " by " in container or "Ahead of print" in container:
        container = _CONTAINER_NOTE.sub("", container)
    return container[:-40] + _CONTAINER_END.sub("", container[-40:])


_PLACE = lazyre.compile(
    r"^([A-Z][\w.'-]*(?:\s[A-Z][\w.'-]*){0,2},\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?|[A-Z][\w .'-]{1,40}?(?:\s*\([A-Z]{2,3}\))?)"
    r"\s*:\s*([^,;.()\d][^,;.()]{1,80}?)\s*(?:[,;.]|$)"
)


_DIGIT = lazyre.compile(r"\d")
# Where a journal's or book's name ends: at the numbers, or before a "Place: Publisher"
_CONTAINER_STOP = lazyre.compile(
    rf"(?:[.,;]\s*|\s+)(?=(?:{_YEAR}\b|\d|vol\b\.?|Vol\b\.?|pp?\.\s*\d|\(\s*\d|no\.\s*\d))|[,;]\s+(?=[A-Z][\w .'-]+:\s)|\.\s+(?=[A-Z][\w'-]+(?: [A-Z][\w'-]+)*:\s)"
)
_AT_MOST_ONE_LETTER = lazyre.compile(r"[\W\d]*[^\W\d_]?[\W\d]+")
_PLACE_PUBLISHER = lazyre.compile(r"^[,.;]\s*([A-Z][\w .'&-]+?):\s*([^,;.\d]+)")


def _container(tail: str) -> tuple[str | None, str | None, str]:
    """Journal or book title at the start of ``tail``; also the publisher."""
    tail = tail.lstrip(" .,;:")
    is_in = bool(_IN.match(tail))
    tail = _IN.sub("", tail, count=1)
    if is_in:  # "In: Smith J, editor. Book title." -- drop the editors
        editors = _EDITORS.match(tail)
        if editors and editors.end() < len(tail):
            tail = tail[editors.end():]
    if _NUMBERS_FIRST.match(tail):
        return None, None, tail
    # "2009, Science, 325": the year stays in the tail for the numbers
    year = _YEAR_FIRST.match(tail)
    if year:
        container, publisher, rest = _container(tail[year.end():])
        return container, publisher, year.group(0) + rest
    # A publisher: "London: Routledge, 1993" / "New York (NY): Springer; 2010"
    place = _PLACE.match(tail) if ":" in tail else None
    if place and not _DIGIT.search(place.group(1)):
        return None, place.group(2).strip(), tail
    stop = _CONTAINER_STOP.search(tail)
    container = tail[: stop.start()] if stop else tail
    container = _trim_container(container.strip(" ,;:")).rstrip(".").strip()
    if (
        not container
        or len(container) > 200
        or _AT_MOST_ONE_LETTER.fullmatch(container)
        or _NOT_CONTAINER.match(container)
        or (_WORD3.search(container) and _only_noise(container))
    ):  # "Ph.D. dissertation, Stanford University", "2nd edition", "February"
        return None, None, tail
    publisher = None
    if stop:
        pub = _PLACE_PUBLISHER.match(tail[stop.start():])
        if pub:
            publisher = pub.group(2).strip()
    return container, publisher, tail


_SPACES = lazyre.compile(r"\s+")
_DASH = lazyre.compile(r"\s*[-–—‐]+\s*")
_VOL = lazyre.compile(r"\b[Vv]ol(?:ume)?\.?\s*(\w+)")
_ISSUE = lazyre.compile(r"\b(?:[Nn]o|[Nn]r|[Ii]ssue|[Nn]um)\.?\s*(\d+[\w/-]*)")
_PAGES_MARKED = lazyre.compile(rf"\b(?:pp?|[Pp]ages?|S|P(?=\.\s*(?!(?:19|20)\d\d\b)\d))\.?\s*({_PAGES})")
# A page range standing alone after the volume ("Linguistica 20. 349-365.") or a page count ("702 p.")
_PAGES_ALONE = lazyre.compile(
    r"[.,]\s+(?!(?:19|20)\d\d\s*[-–—]\s*(?:19|20)?\d\d\b)([A-Z]{0,2}\d+\s*[-–—]\s*[A-Z]{0,2}\d+)(?=\s*[.,;]|\s*$)"
    r"|(?<![\w.])(\d+)\s+p\.(?!\s*\d)"
)
_CHICAGO_NUMBERS = lazyre.compile(rf"(?<!\d)(\d+)\s*,\s*no\.\s*(\w+)(?:\s*\([^)]*\))?\s*(?::\s*({_PAGES}))?")
_VOLUME_PAGES = lazyre.compile(
    rf"(?:^|[;,.:\s])\s*(?!(?:19|20)\d\d\b)(\d{{1,5}}[A-Z]?)\s*(?:\((?!\s*(?:19|20)\d\d\s*\))\s*([\w/\-–. ]{{1,12}}?)\s*\))?"
    rf"\s*(?:[:,]\s*(?:pp?\.\s*)?|\s+)({_PAGES})(?=\s*[.,;(]|\s*$|\s+\d{{6,9}}\b)"
)
_VOLUME_YEAR_PAGES = lazyre.compile(
    rf"(?<![\d(])(?!(?:19|20)\d\d\b)(?P<v>\d{{1,5}})\s*\((?:[A-Za-z]+\.?\s+)?(?:\d{{1,2}},?\s+)?{_YEAR}\)\s*[:,]\s*(?:pp?\.\s*)?(?P<p>{_PAGES})"
)
_VOLUME_ISSUE_PAGES = lazyre.compile(rf"(?<![\d(])(?!(?:19|20)\d\d\b)(?P<v>\d{{1,5}}),\s*\((?P<i>\w{{1,6}})\),\s*(?P<p>{_PAGES})")
_VOLUME_ISSUE = lazyre.compile(
    r"(?<![\d(])(?!(?:19|20)\d\d\b)(?P<v>\d{1,5})\s*\(\s*(?P<i>(?!(?:19|20)\d\d\b)\d{1,4}(?:\s*[-–/&,]\s*\d{1,4})*)\s*\)(?![\d:])"
)
_YEAR_PAREN = lazyre.compile(rf"\((?:[A-Za-z]+\.?\s+)?(?:\d{{1,2}}\s+)?({_YEAR})[a-z]?\)")
_YEAR_PUNCT = lazyre.compile(rf"(?:^|[\s,.;:])({_YEAR})[a-z]?(?=\s*[;.,:)]|\s+[A-Z][a-z]{{2}}|\s*$)")
_YEAR_ANY = lazyre.compile(rf"(?<![\d\-–])({_YEAR})(?![\d\-–])")


def _numbers(tail: str, out: dict[str, Any]) -> None:
    """Volume, issue, pages and (if still unknown) the year from the tail."""
    flat = collapse_spaces(tail)
    vol = _VOL.search(flat)
    num = _ISSUE.search(flat)
    pages = _PAGES_MARKED.search(flat)
    if vol:
        out.setdefault("volume", vol.group(1))
    if num:
        out.setdefault("issue", num.group(1))
    if pages:
        out.setdefault("pages", pages.group(1))
    # Chicago: "11, no. 1 (2017): 321"
    chicago = _CHICAGO_NUMBERS.search(flat)
    if chicago:
        out.setdefault("volume", chicago.group(1))
        out.setdefault("issue", chicago.group(2))
        if chicago.group(3):
            out.setdefault("pages", chicago.group(3))
    # Vancouver "2025 Jun 9;43(6):1093-1107" and APA "13(2), 45-67"
    pattern = _VOLUME_PAGES.search(flat)
    if pattern:
        out.setdefault("volume", pattern.group(1))
        if pattern.group(2):
            out.setdefault("issue", pattern.group(2))
        first = pattern.group(3)
        if not (  # "Artificial Intelligence, 32, 1987": the year, no pages
            _YEAR_ONLY.fullmatch(first)
            and (out.get("year") == int(first) or ("year" not in out and len(_YEAR_ANY.findall(flat)) <= 1))
        ):
            out.setdefault("pages", first)
    if "volume" not in out:
        # "Journal 17 (1998): 124-55", "95, (2), 649-655", "Comm. ACM 37(7), pages 72-76", "27 (11)."
        more = _VOLUME_YEAR_PAGES.search(flat) or _VOLUME_ISSUE_PAGES.search(flat) or _VOLUME_ISSUE.search(flat)
        if more:
            out["volume"] = more.group("v")
            if more.groupdict().get("i"):
                out.setdefault("issue", more.group("i"))
            if more.groupdict().get("p"):
                out.setdefault("pages", more.group("p"))
    if "pages" not in out:
        alone = _PAGES_ALONE.search(flat)
        if alone:
            out["pages"] = alone.group(1) or alone.group(2)
    if "year" not in out:
        year = (
            _YEAR_PAREN.search(flat)
            or _YEAR_PUNCT.search(flat)
            or _YEAR_ANY.search(flat)
        )
        if year:
            out["year"] = int(year.group(1))
    if out.get("pages"):
        out["pages"] = _DASH.sub("-", out["pages"])


def parse_reference(text: str) -> ReferenceFields:
    """Parse one reference string into fields.

    >>> f = parse_reference("8. Cheng JN, Jin Z, Su C, et al. Bone metastases diminish "
    ...     "extraosseous response. Cancer Cell. 2025 Jun 9;43(6):1093-1107.e9.")
    >>> f.authors[0].family, f.et_al, f.title, f.container, f.year, f.volume, f.issue
    ('Cheng', True, 'Bone metastases diminish extraosseous response', 'Cancer Cell', 2025, '43', '6')
    """
    return parse_normalised(normalise(text))


def normalise(text: str) -> str:
    """``text`` as the parse reads it: NFC, no soft hyphens, single spaces, stripped."""
    # NFC: a letter and its combining accent count as one letter ("á").
    return collapse_spaces(unicodedata.normalize("NFC", text.replace("\u00ad", ""))).strip()


def parse_normalised(text: str) -> ReferenceFields:
    """:func:`parse_reference` of a text that :func:`normalise` gave."""
    # Words hyphenated at a line break: "Mur- phy", "predic- tive" (not "high- and low-")
    if "- " in text:
        text = _LINE_BREAK_HYPHEN.sub("", text)
    ids = extract_identifiers(strip_label(text))
    out: dict[str, Any] = {
        "doi": ids.doi,
        "raw_doi": ids.raw_doi,
        "pmid": ids.pmid,
        "pmcid": ids.pmcid,
        "arxiv": ids.arxiv,
        "isbn": ids.isbn,
        "url": ids.url,
    }
    rest = _bounded(ids.rest.strip())
    text = _bounded(text)
    gb = gbt7714.parse(rest)
    if gb is not None:
        out.update(gb)
    else:
        _parse_western(rest, out)
    title = out.get("title")
    if title:
        note = _NOTE.search(title) if may_hold(title, _NOTE_WORDS) else None
        if note:
            out["note"] = (note.group("a") or note.group("b") or note.group("c")).lower().split()[0]
    edition = _EDITION.search(text) if may_hold(text, ("ed",)) else None
    if edition:
        out["edition"] = edition.group(1) or edition.group(2)
    if not out.get("type"):
        out["type"] = _guess_type(text, out)
    if out.get("arxiv") and not out.get("container"):
        out["container"] = "arXiv"
    return ReferenceFields(**{k: v for k, v in out.items() if v not in (None, "")})


def _bounded(text: str) -> str:
    """The first :data:`MAX_PARSE_CHARS` characters of ``text``, cut at a space."""
    if len(text) <= MAX_PARSE_CHARS:
        return text
    cut = text.rfind(" ", MAX_PARSE_CHARS // 2, MAX_PARSE_CHARS)
    return text[: cut if cut != -1 else MAX_PARSE_CHARS]


_COMMA = lazyre.compile(r"\s*,")
_FULL_STOP = lazyre.compile(r"\s*\.")
_SHORT_ABBREVIATION = lazyre.compile(r"\s*\.?\s*[A-Z][a-z]{0,5}\.\s")
_PUBLISHER_START = lazyre.compile(r"^(?:[A-Z][a-z]+\s)?(?:University|Press|Publishers?|Verlag)\b")


def _parse_western(rest: str, out: dict[str, Any]) -> None:
    # "———." / "---." / "______." repeats the previous entry's authors
    same = _SAME_AUTHORS.match(rest)
    coauthors = None
    if same:  # "------, and Haendel, V. (1983)": the co-authors follow
        rest = rest[same.end():]
        coauthors = re.match(r"(?:and|&)\s+", rest)
        if coauthors:
            rest = rest[coauthors.end():]
    split = AuthorSplit((), False, 0, "none") if same and not coauthors else split_authors(rest)
    out["authors"], out["et_al"] = split.authors, split.et_al
    # "A. Author, B. Author, Title, Journal 12 (2010) 3": parts separated by commas
    comma_style = bool(split.authors) and bool(_COMMA.match(rest, split.end) or rest[: split.end].rstrip().endswith(","))
    split_text, rest = rest[: split.end], rest[split.end:]
    rest = _EDITOR_MARK.sub("", rest)
    no_date = ("n." in rest or "s." in rest or "o." in rest) and _NO_DATE.search(rest) is not None
    undated = re.match(rf"\s*[.,]?\s*(?:{_NO_DATE.pattern})\s*[.,:;]?\s*", rest) if no_date else None
    if undated:
        rest = rest[undated.end():]  # "(n.d.). 2010 Census summary file": the title starts here
    date = None if undated else _AUTHOR_DATE.match(rest)
    if date:
        year = date.group("py") or date.group("y")
        if year:
            out["year"] = int(year)
        rest = rest[date.end():]
    title: str | None
    journal_only = _JOURNAL_ONLY.match(rest)
    if (
        journal_only
        and not date
        and (_FULL_STOP.match(rest) or (split_text.endswith(".") and not _COMMA.match(rest)))
        and not _SHORT_ABBREVIATION.match(rest)
    ):
        journal_only = None  # "Smith J. Cost of Stroke. Stroke Clin Updates 1994; 5:9": a title
    if journal_only:
        title, tail = None, rest  # "2003, A&A, 410, 777": no title
    else:
        title, tail = _take_title(rest)
    if title and _YEAR_ONLY.fullmatch(title):
        out["year"] = int(title.strip("()"))
        title, tail = _take_title(tail)
    if title and not _LETTER.search(title):
        # "(2000) 204: 1-10. Regulation (EC) No. 1760/2000 ...": the numbers go to the
        # tail, the title is the next sentence if there is one
        numbers = title
        title, tail = _take_title(tail)
        if title and not _LETTER.search(title):
            numbers, title = numbers + ". " + title, None
        tail = numbers + ". " + tail
    from_quotes = rest.lstrip(" .,:;")[:1] in _OPEN_QUOTES and title is not None and title[:1] not in _OPEN_QUOTES
    if title and not from_quotes:
        # The names ran on into the title: "Tati R. Mengko, “Blood Vessel ...”, Journal"
        inner = _INNER_QUOTE.search(rest, 0, 200)
        if inner and len(rest[: inner.start()].split()) <= 12 and not re.search(r"\d", rest[: inner.start()]):
            quoted = _take_quoted(rest[inner.start(1):])
            if quoted and quoted[0] and re.match(r"\s*(?:[,.;:]|[Ii]n\b|$)", quoted[1]):
                (title, tail), from_quotes = quoted, True
    if title and no_date:
        title = _NO_DATE.sub("", title).strip(" .,;:") or None
    if title:
        title, tail = _cut_trailer(title, tail)
    # the title sentence ran to the end (but for a date: "août 2013")
    swallowed = _only_noise(tail)
    cut = None
    # "Title, Comm. of the ACM, 37(7)": cut at the journal
    abbreviation = _ABBREVIATED_END.search(title or "")
    if title and abbreviation and re.match(r" +(?:of\b|[A-Z][a-z]{0,5}\.)", tail):
        title, tail = title[: abbreviation.start()], abbreviation.group(1) + "." + tail
    if title and ((comma_style and not date) or swallowed) and not from_quotes:
        title, tail, cut = _cut_at_container(title, tail, swallowed)
    out["title"] = title
    container, publisher, tail = _container(tail)
    if container and not publisher and (
        cut == "publisher"
        or (_PUBLISHER_WORD.search(container) and not _SERIAL_WORD.search(container))
    ):  # "Cold Spring Harbor Laboratory Press, New York" is a publisher
        publisher, container = container, None
    if container and _PUBLISHER_START.match(container):
        publisher, container = publisher or container, None
    out["container"], out["publisher"] = container, publisher
    _numbers(tail, out)
    if "year" not in out and not no_date:
        # The year went into the title or container: "A. One. J. 2020."
        years = list(re.finditer(rf"(?<![\d\-–/.])({_YEAR})[a-z]?(?![\d\-–/])", rest))
        if years:
            out["year"] = int(years[-1].group(1))
            if title and title.endswith(years[-1].group(0)):
                out["title"] = title[: -len(years[-1].group(0))].rstrip(" .,;:") or None


# What may follow a book's title in the same sentence: "(Cambridge: Cambridge
# University Press, 1992)", "(2nd ed.)", "(Unpublished doctoral dissertation)",
# "(tr. C. Heaney)", ", vol. 1 of Mathematical Chemistry Series".
_TRAILER = lazyre.compile(
    r"\s*\((?:(?P<place>[A-Z][\w .,'’-]*?:\s*[^)]*)|\d+(?:st|nd|rd|th|\.ª|\.)?\s*(?:ed|edn|edition)\b|rev(?:ised)?\.?\s+ed"
    r"|(?:[Uu]npublished\s+)?(?:[Dd]octoral|[Mm]aster['’]?s?|[Pp]h\.?\s?[Dd]\.?|[Bb]achelor['’]?s?)\s+(?:dissertation|thesis)"
    r"|[^()]*,\s*eds?\.?\)"
    r"|(?:tr|trans|transl|translated)\b|(?P<pub>[^()]*?(?:Press|Publish\w*|Verlag|Springer|Wiley|Elsevier)[^()]*?\d{4}))[^)]*\)?"
    r"|,?\s+(?:vol(?:ume)?|Vol(?:ume)?)\.?\s*(?:\d+|[IVXLC]+\b)(?![-–:(\d])"
    r"|,\s*(?:\d+(?:st|nd|rd|th)\s+)?(?:ed|eds|edn|trans|transl|tr|trad|Trad)\b\.?[^,]*$"
    r"|,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}\s*\((?:tr|trans|transl|eds?)\.?\)"  # ", Timothy Bahti (trans.)"
)


def _cut_trailer(title: str, tail: str) -> tuple[str, str]:
    """Move a place and publisher, an edition or a thesis note at the end of
    the title sentence to the tail.  "(Place: Name)" counts only with a year
    or a publisher in it, or at the end of the reference: "(Lepidoptera:
    Hesperiidae). Tropical Lepidoptera" is part of the title."""
    for match in _TRAILER.finditer(title):
        if match.start() == 0:
            continue
        if match.group("place") and not (
            re.search(r"\d{4}|Press|Univ|Publish|Verlag|Books|Edition", match.group(0))
            or not re.search(r"[^\W\d_]{2}", tail)
        ):
            continue
        moved = title[match.start():] if match.group(0).lstrip(" ,")[:1] != "(" else title[match.end():]
        if match.group("place") or match.group("pub"):  # the place and publisher, for the publisher
            moved = (match.group("place") or match.group("pub")) + moved
        return title[: match.start()].rstrip(" ,.;:"), moved.lstrip(" ,.") + ". " + tail
    return title, tail


_CONTAINER_START = lazyre.compile(
    r"(?:In\b|Journal\b|J\.|Proc|Phys|Trans|IEEE|ACM|Ann|Int|Rev|Bull|Acta|Nature\b|Science\b|Lett|Nucl|Astro|"
    r"Commun|Comput|Math|Chem|Biol|Appl|Mon\.|Eur|Am\.|SIAM|Lecture|LNCS|arXiv|Adv)"
)


_PUBLISHER_WORD = lazyre.compile(
    r"\b(?:Press|Presses|Publish\w*|Verlag|Wiley|Springer|Elsevier|Routledge|Blackwell|McGraw|Academic|Books|[EÉ]ditions?)\b"
)


# "Title, First International Conference on Impact Cratering, 2006"
_MEETING = lazyre.compile(r"(?:[A-Z]\w*\s+){0,4}(?:Proceedings|Conference|Symposium|Workshop|Congress|Colloquium)\b")
_INSTITUTION_WORD = lazyre.compile(r"(?:[A-Z]\w*\s+){0,4}(?:Commission|Institute|Ministry|Agency|Department|Office|Council|Foundation)\b")
_SERIAL_WORD = lazyre.compile(
    r"\b(?:Journal|J\.|Proc|Proceedings|Conference|Conf|Symposium|Workshop|Transactions|Trans|Review|Letters|"
    r"Bulletin|Annals|Studies|Series|Notes|Magazine|Quarterly|Reports|Advances|Handbook|In)\b"
)


def _cut_at_container(title: str, tail: str, swallowed: bool = False) -> tuple[str, str, str | None]:
    """In comma-separated styles the sentence may run on into the journal:
    "Entanglement Entropy and the Fermi Surface, Phys. Rev. Lett. 105" --
    cut at the first comma after which a journal name or numbers follow
    ("Title, Information and Computation, 84"), or an abbreviated word
    ("Title, Comm. of the ACM").  When the sentence ``swallowed`` the rest
    of the reference, a publisher ("Title, Wiley, New York"), an editor or
    translator ("Title, ed. M. Ascheri") or a place and publisher ("Title,
    Paris, Flammarion") ends the title too."""
    whole = title + ". " + tail if tail else title
    two_words = _TWO_WORDS.match(title)
    for match in re.finditer(r"\s*,\s*", title):
        if two_words is None or match.start() < two_words.end():
            continue  # fewer than two words before the comma
        # Windows, not the whole rest: slicing it at every comma would be quadratic.
        after = whole[match.end() : match.end() + _WINDOW]
        segment = after.split(",", 1)[0]
        if _CONTAINER_START.match(after) or _MEETING.match(segment) or (
            re.search(r"\d", segment[:60]) and not re.match(rf"{_YEAR}\s*[-–]\s*\d{{2,4}}\b", segment)
        ):
            return title[: match.start()].strip(), whole[match.end():], "container"
        segments = title[match.end() : match.end() + _WINDOW].split(",")  # within the title sentence
        if re.match(r"[A-Z][a-z]{0,4}\.\s+(?:of\b|[A-Z][a-z]{0,5}\.)", after) or (
            len(segments) > 1
            and re.match(rf"\s*(?:(?!{_YEAR}\b|\d+(?:st|nd|rd|th)\b)\d|[Vv]ol\b|pp?\.\s*\d|[Nn]o\.\s*\d)", segments[1])
        ):
            return title[: match.start()].strip(), whole[match.end():], "container"
        if swallowed and (
            re.match(r"(?:eds?|trans|tr|transl|edited|translated)\b", segment)
            or _PUBLISHER_WORD.search(segment)
            or _INSTITUTION_WORD.match(segment)
            or (
                len(segments) >= 2
                and all(1 <= len(s.split()) <= 4 and s.strip()[:1].isupper() for s in segments if not s.strip().isdigit())
            )
        ):
            return title[: match.start()].strip(), whole[match.end():], "publisher"
    return title, tail, None


def _conference(text: str) -> bool:
    return may_hold(text, _CONFERENCE_WORDS) and _CONFERENCE.search(text) is not None


_IN_HOST = lazyre.compile(r"\bIn:?\s+(.*)")


def _guess_type(text: str, out: dict[str, Any]) -> str | None:
    container = out.get("container") or ""
    if _PREPRINT.search(container) or (out.get("arxiv") and not out.get("volume")):
        return "preprint"
    if _JOURNAL_PROCEEDINGS.search(container) and (out.get("volume") or out.get("pages")):
        return "article"
    in_host = _IN_HOST.search(text) if "In" in text else None
    if _conference(container) or (in_host and _conference(in_host.group(1))):
        return "conference"
    if may_hold(text, _THESIS_WORDS) and _THESIS.search(text):
        return "thesis"
    if may_hold(text, _REPORT_WORDS) and _REPORT.search(text):
        return "report"
    if in_host and re.search(r"\bIn:?\s+[A-Z]", text) and (out.get("publisher") or re.search(r"\beds?\b\.?|editors?", text)):
        return "chapter"
    if container and (out.get("volume") or out.get("pages")):
        return "article"
    if out.get("publisher") or out.get("isbn"):
        return "book"
    return None
