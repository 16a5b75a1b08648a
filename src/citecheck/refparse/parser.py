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
``bench/parse_accuracy.py``; it never raises on odd input.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from citecheck.model import ReferenceFields
from citecheck.refparse import gbt7714
from citecheck.refparse.authors import split_authors
from citecheck.refparse.identifiers import extract_identifiers

_LABEL = re.compile(r"^\s*(?:\[\s*\d+[a-z]?\s*\]|\(\s*\d+\s*\)|\d+[.)](?!\d)|\d+\s+(?=[A-Z\u3400-\u9fff]))\s*")
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_AUTHOR_DATE = re.compile(
    rf"^\s*[.,]?\s*(?:\(\s*(?:[A-Z][a-z]+\.?\s+(?:\d{{1,2}},?\s+)?)?(?P<py>{_YEAR})[a-z]?(?:\s*,[^)]*)?"
    rf"(?:\s*\[[^\]]*\])?\s*\)|(?P<y>{_YEAR})[a-z]?(?=[.,:;]|\s+[A-Z\"“]))\s*[.,:;]?\s*"
    r"|^\s*[.,]?\s*\(?n\.\s?d\.\)?\s*[.,]?\s*",
)
_OPEN_QUOTES = "“\"‘«„「《'"
_CLOSE_FOR = {"“": "”", '"': '"', "‘": "’", "«": "»", "„": "“", "「": "」", "《": "》", "'": "'"}
_NOTE = re.compile(
    r"^\s*(?:\[?\s*(?P<a>erratum|corrigendum|correction|retraction(?:\s+notice)?|retracted|"
    r"expression\s+of\s+concern|reply|response|comment|author\s+correction|publisher\s+correction)\b)"
    r"|\b(?P<b>erratum|corrigendum|correction|retraction)\s+(?:to|on|of|for|notice)\b"
    r"|\[\s*(?P<c>erratum|retracted|retraction|correction|comment)\b[^\]]*\]",
    re.IGNORECASE,
)
_CONFERENCE = re.compile(
    r"\b(?:proc(?:eedings|\.)|conference|conf\.|symposium|symp\.|workshop|congress|meeting|colloquium)\b"
    r"|\b(?:ICC|GLOBECOM|INFOCOM|NeurIPS|NIPS|ICML|CVPR|ICCV|ECCV|AAAI|IJCAI|ACL|EMNLP|KDD|SIGIR|SIGMOD|VLDB|ICLR|ICRA|IROS)\b"
    r"|\bAdvances\s+in\s+Neural\s+Information\s+Processing|\bLecture\s+Notes\s+in\s+Computer\s+Science\b",
    re.IGNORECASE,
)
# "Proceedings of the IEEE" and the like are journals, not conference proceedings.
_JOURNAL_PROCEEDINGS = re.compile(
    r"\bproc(?:eedings|\.)?\s+(?:of\s+the\s+)?(?:IEEE|national|natl|royal|r\.?\s*soc|american|japan|london|"
    r"edinburgh|indian|acad|ieee|royal|physical|cambridge|nutrition|zoological|estonian|latvian)\b"
    r"(?!\s+(?:\w+\s+){0,3}?(?:Conference|Symposium|Workshop|International|Annual|Computer\s+Society))",
    re.IGNORECASE,
)
_PREPRINT = re.compile(r"\b(?:arxiv|biorxiv|medrxiv|chemrxiv|ssrn|preprint|research\s+square)\b", re.IGNORECASE)
_THESIS = re.compile(r"\b(?:thesis|dissertation|doctoral|ph\.?\s?d\.?)\b", re.IGNORECASE)
_REPORT = re.compile(r"\b(?:technical\s+report|tech\.\s*rep\.?|report\s+no|working\s+paper)\b", re.IGNORECASE)
_EDITION = re.compile(r"\b(\d+)(?:st|nd|rd|th)\.?\s+(?:ed\b\.?|edn\b\.?|edition\b)|\b(?:ed|edn|edition)\.?\s+(\d+)\b", re.IGNORECASE)
_PAGES = r"[A-Za-z]?\d+[A-Za-z]?(?:\.[a-z]?\d+)?(?:\s*[-–—‐]+\s*[A-Za-z]?\d+[A-Za-z]?(?:\.[a-z]\d+)?)?"


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
        and not re.search(r"\d|\b(?:Journal|Proceedings|Review|Letters|Transactions|Press)\b", sentence.group(1))
        and not _CONTAINER_START.match(sentence.group(1))
    )


def _take_title(rest: str) -> tuple[str | None, str]:
    """The title at the start of ``rest``, and what follows it."""
    rest = rest.lstrip(" .,:;")
    if not rest:
        return None, ""
    if rest[0] in _OPEN_QUOTES:
        close = _CLOSE_FOR[rest[0]]
        end = rest.find(close, 1)
        # Quoted titles end with the quote; the closing mark may be a straight one.
        if end == -1 and close != '"':
            end = rest.find('"', 1)
        # A closing quote followed by more words closes a quote inside the title.
        if end > 1 and not re.match(r"(?!https?:|www\.)(?:[a-z]|:\s|and\b|\.\.\.)", rest[end + 1:].lstrip()):
            title = rest[1:end].strip(" ,.;:")
            return title or None, rest[end + 1:]
    # Otherwise the title is the next sentence: up to ". " (or "? "/"! "), not
    # ending on an initial, an abbreviation such as "vs." or a number ("v. 2.").
    for match in re.finditer(r"[.?!。](?=\s+|$)|[.?](?=[A-Z][a-z])", rest):
        before = rest[: match.start()]
        if before.endswith("..") or rest[match.end():match.end() + 2] == "..":
            continue  # an ellipsis "..." inside the title
        last = re.search(r"(\S+)$", before)
        last_word = last.group(1) if last else ""
        if match.group(0) == "." and re.fullmatch(r"(?:[A-Z]|vs|e\.g|i\.e|etc|St|Dr|Mr|No|Vol|al|approx|ca|cf)", last_word):
            # "vitamin D. N Engl J Med" ends a title; "J. Smith", "M. tuberculosis"
            # and "enzymes. I. A kinetic model" do not.
            previous = re.search(r"(\S+)\s+\S+$", before)
            upcoming = rest[match.end():].lstrip()[:1]
            ends = (
                len(last_word) == 1
                and previous is not None
                and previous.group(1)[:1].islower()
                and not previous.group(1).endswith(".")
                and upcoming.isupper()
            )
            if not ends:
                continue
        after = rest[match.end():].lstrip()
        if re.match(r"(?:I|II|III|IV|V|VI)\.\s", after):
            continue  # "Competitive inhibition of lipolytic enzymes. I. A kinetic model"
        if match.group(0) in "?!" and after[:1] and (after[:1] in "-–:(" or after[:1].islower()):
            continue
        if match.group(0) in "?!" and _is_subtitle(after):
            continue
        title = before.strip() + (match.group(0) if match.group(0) in "?!" else "")
        if len(title) < 2:
            continue
        return title.strip(" ,;:"), rest[match.end():]
    # One sentence only: "Title, Journal 12, 3-4" (IEEE without quotes).
    match = re.match(r"^(.+?)[,;]\s+(?=\S)", rest)
    if match and len(match.group(1).split()) >= 3:
        return match.group(1).strip(), rest[match.end():]
    return rest.strip(" .,;:") or None, ""


def _container(tail: str) -> tuple[str | None, str | None, str]:
    """Journal or book title at the start of ``tail``; also the publisher."""
    tail = tail.lstrip(" .,;:")
    is_in = bool(re.match(r"^(?:In|in|IN)\s*[:]?\s+", tail))
    tail = re.sub(r"^(?:In|in|IN)\s*:?\s+", "", tail)
    if is_in:  # "In: Smith J, editor. Book title." -- drop the editors
        editors = re.match(r"^[^.]*?\b(?:eds?|editors?|Hrsg|\(eds?\.?\))\.?\s*[,.:]?\s*", tail)
        if editors and editors.end() < len(tail):
            tail = tail[editors.end():]
    # A publisher: "London: Routledge, 1993" / "New York (NY): Springer; 2010"
    place = re.match(r"^([A-Z][\w .'-]{1,40}?(?:\s*\([A-Z]{2,3}\))?)\s*:\s*([^,;.()\d][^,;.()]{1,80}?)\s*[,;.]", tail)
    if place and not re.search(r"\d", place.group(1)):
        return None, place.group(2).strip(), tail
    stop = re.search(
        rf"(?:[.,;]\s*|\s+)(?=(?:{_YEAR}\b|\d|vol\b\.?|Vol\b\.?|pp?\.\s*\d|\(\s*\d|no\.\s*\d))|[,;]\s+(?=[A-Z][\w .'-]+:\s)|\.\s+(?=[A-Z][\w'-]+(?: [A-Z][\w'-]+)*:\s)",
        tail,
    )
    container = tail[: stop.start()] if stop else tail
    container = container.strip(" ,;:").rstrip(".").strip()
    if not container or len(container) > 200 or re.fullmatch(r"[\W\d]+", container):
        return None, None, tail
    publisher = None
    if stop:
        pub = re.match(r"^[,.;]\s*([A-Z][\w .'&-]+?):\s*([^,;.\d]+)", tail[stop.start():])
        if pub:
            publisher = pub.group(2).strip()
    return container, publisher, tail


def _numbers(tail: str, out: dict[str, Any]) -> None:
    """Volume, issue, pages and (if still unknown) the year from the tail."""
    flat = re.sub(r"\s+", " ", tail)
    vol = re.search(r"\b[Vv]ol(?:ume)?\.?\s*(\w+)", flat)
    num = re.search(r"\b(?:[Nn]o|[Nn]r|[Ii]ssue|[Nn]um)\.?\s*(\d+[\w/-]*)", flat)
    pages = re.search(rf"\b(?:pp?|[Pp]ages?|S)\.?\s*({_PAGES})", flat)
    if vol:
        out.setdefault("volume", vol.group(1))
    if num:
        out.setdefault("issue", num.group(1))
    if pages:
        out.setdefault("pages", pages.group(1))
    # Chicago: "11, no. 1 (2017): 321"
    chicago = re.search(rf"(\d+)\s*,\s*no\.\s*(\w+)(?:\s*\([^)]*\))?\s*(?::\s*({_PAGES}))?", flat)
    if chicago:
        out.setdefault("volume", chicago.group(1))
        out.setdefault("issue", chicago.group(2))
        if chicago.group(3):
            out.setdefault("pages", chicago.group(3))
    # Vancouver "2025 Jun 9;43(6):1093-1107" and APA "13(2), 45-67"
    pattern = re.search(
        rf"(?:^|[;,.:\s])\s*(?!(?:19|20)\d\d\b)(\d{{1,5}}[A-Z]?)\s*(?:\((?!\s*(?:19|20)\d\d\s*\))\s*([\w/\-–. ]{{1,12}}?)\s*\))?\s*(?:[:,]\s*(?:pp?\.\s*)?|\s+)({_PAGES})(?=\s*[.,;(]|\s*$|\s+\d{{6,9}}\b)",
        flat,
    )
    if pattern:
        out.setdefault("volume", pattern.group(1))
        if pattern.group(2):
            out.setdefault("issue", pattern.group(2))
        out.setdefault("pages", pattern.group(3))
    if "year" not in out:
        year = (
            re.search(rf"\((?:[A-Za-z]+\.?\s+)?(?:\d{{1,2}}\s+)?({_YEAR})[a-z]?\)", flat)
            or re.search(rf"(?:^|[\s,.;:])({_YEAR})[a-z]?(?=\s*[;.,:)]|\s+[A-Z][a-z]{{2}}|\s*$)", flat)
            or re.search(rf"(?<![\d\-–])({_YEAR})(?![\d\-–])", flat)
        )
        if year:
            out["year"] = int(year.group(1))
    if out.get("pages"):
        out["pages"] = re.sub(r"\s*[-–—‐]+\s*", "-", out["pages"])


def parse_reference(text: str) -> ReferenceFields:
    """Parse one reference string into fields.

    >>> f = parse_reference("8. Cheng JN, Jin Z, Su C, et al. Bone metastases diminish "
    ...     "extraosseous response. Cancer Cell. 2025 Jun 9;43(6):1093-1107.e9.")
    >>> f.authors[0].family, f.et_al, f.title, f.container, f.year, f.volume, f.issue
    ('Cheng', True, 'Bone metastases diminish extraosseous response', 'Cancer Cell', 2025, '43', '6')
    """
    # NFC: a letter and its combining accent count as one letter ("á").
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text.replace("\u00ad", ""))).strip()
    # Words hyphenated at a line break: "Mur- phy", "predic- tive" (not "high- and low-")
    text = re.sub(r"(?<=[a-z])- (?!(?:and|or|to|und|et)\b)(?=[a-z])", "", text)
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
    rest = ids.rest.strip()
    gb = gbt7714.parse(rest)
    if gb is not None:
        out.update(gb)
    else:
        _parse_western(rest, out)
    title = out.get("title")
    if title:
        note = _NOTE.search(title)
        if note:
            out["note"] = (note.group("a") or note.group("b") or note.group("c")).lower().split()[0]
    edition = _EDITION.search(text)
    if edition:
        out["edition"] = edition.group(1) or edition.group(2)
    if not out.get("type"):
        out["type"] = _guess_type(text, out)
    if out.get("arxiv") and not out.get("container"):
        out["container"] = "arXiv"
    return ReferenceFields(**{k: v for k, v in out.items() if v not in (None, "")})


def _parse_western(rest: str, out: dict[str, Any]) -> None:
    split = split_authors(rest)
    out["authors"], out["et_al"] = split.authors, split.et_al
    # "A. Author, B. Author, Title, Journal 12 (2010) 3": parts separated by commas
    comma_style = bool(split.authors) and bool(re.match(r"\s*,", rest[split.end:]) or rest[: split.end].rstrip().endswith(","))
    rest = rest[split.end:]
    rest = re.sub(r"^\s*,?\s*\(?(?:eds?|éds?|Hrsg|coords?|dir|comps?)\.?\)?\s*[.,:]?(?=\s)", "", rest)
    date = _AUTHOR_DATE.match(rest)
    if date:
        year = date.group("py") or date.group("y")
        if year:
            out["year"] = int(year)
        rest = rest[date.end():]
    title, tail = _take_title(rest)
    if title and re.fullmatch(rf"\(?{_YEAR}\)?", title):
        out["year"] = int(title.strip("()"))
        title, tail = _take_title(tail)
    if title and comma_style and not date:
        title, tail = _cut_at_container(title, tail)
    if title:
        # "Memories and Commentaries (Berkeley, CA: University of California Press, 1959)"
        place = re.search(r"\s\((?:[A-Z][\w .,]*?:\s*[^)]*\d{4}[^)]*)\)$", title)
        if place:
            tail = title[place.start():] + " " + tail
            title = title[: place.start()].rstrip(" ,")
    out["title"] = title
    container, publisher, tail = _container(tail)
    if container and re.match(r"^(?:[A-Z][a-z]+\s)?(?:University|Press|Publishers?|Verlag)\b", container):
        publisher, container = publisher or container, None
    out["container"], out["publisher"] = container, publisher
    _numbers(tail, out)
    if "year" not in out:
        # The year went into the title or container: "A. One. J. 2020."
        years = list(re.finditer(rf"(?<![\d\-–/.])({_YEAR})[a-z]?(?![\d\-–/])", rest))
        if years:
            out["year"] = int(years[-1].group(1))
            if title and title.endswith(years[-1].group(0)):
                out["title"] = title[: -len(years[-1].group(0))].rstrip(" .,;:") or None


_CONTAINER_START = re.compile(
    r"(?:In\b|Journal\b|J\.|Proc|Phys|Trans|IEEE|ACM|Ann|Int|Rev|Bull|Acta|Nature\b|Science\b|Lett|Nucl|Astro|"
    r"Commun|Comput|Math|Chem|Biol|Appl|Mon\.|Eur|Am\.|SIAM|Lecture|LNCS|arXiv|Adv)"
)


def _cut_at_container(title: str, tail: str) -> tuple[str, str]:
    """In comma-separated styles the sentence may run on into the journal:
    "Entanglement Entropy and the Fermi Surface, Phys. Rev. Lett. 105" --
    cut at the first comma after which a journal name or numbers follow."""
    whole = title + ". " + tail if tail else title
    for match in re.finditer(r"\s*,\s*", title):
        before, after = title[: match.start()], whole[match.end():]
        if len(before.split()) < 2:
            continue
        segment = re.split(r",", after, maxsplit=1)[0]
        if _CONTAINER_START.match(after) or re.search(r"\d", segment[:60]):
            return before.strip(), after
    return title, tail


def _guess_type(text: str, out: dict[str, Any]) -> str | None:
    container = out.get("container") or ""
    if _PREPRINT.search(container) or (out.get("arxiv") and not out.get("volume")):
        return "preprint"
    if _JOURNAL_PROCEEDINGS.search(container) and (out.get("volume") or out.get("pages")):
        return "article"
    in_host = re.search(r"\bIn:?\s+(.*)", text)
    if _CONFERENCE.search(container) or (in_host and _CONFERENCE.search(in_host.group(1))):
        return "conference"
    if _THESIS.search(text):
        return "thesis"
    if _REPORT.search(text):
        return "report"
    if re.search(r"\bIn:?\s+[A-Z]", text) and (out.get("publisher") or re.search(r"\beds?\b\.?|editors?", text)):
        return "chapter"
    if container and (out.get("volume") or out.get("pages")):
        return "article"
    if out.get("publisher") or out.get("isbn"):
        return "book"
    return None
