"""Test helpers: reference strings from the shared corpus, read in place.

Until the JATS and BibTeX readers exist, the duplicate detector is tested on
what a reference list would print: each JATS ``<ref>``'s text, and each
``.bib`` entry rendered as a Vancouver-style reference string.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import bibtexparser
from lxml import etree

from citecheck.model import Reference, Span


def _text(el: etree._Element | None) -> str:
    return " ".join("".join(el.itertext()).split()) if el is not None else ""


def _render_element_citation(cit: etree._Element) -> str:
    """An <element-citation> has no punctuation: print it as PLOS would."""
    names = []
    for name in cit.iter("name", "collab"):
        if name.tag == "collab":
            names.append(_text(name))
        else:
            names.append(f"{_text(name.find('surname'))} {_text(name.find('given-names'))}".strip())
    authors = ", ".join(names) + (", et al." if cit.find(".//etal") is not None else "")
    parts = [f"{authors} ({_text(cit.find('year'))})"]
    parts.append(_text(cit.find("article-title")).rstrip(".") + ".")
    source = _text(cit.find("source"))
    volume, fpage, lpage = (_text(cit.find(t)) for t in ("volume", "fpage", "lpage"))
    pages = f"{fpage}\u2013{lpage}" if lpage else fpage
    parts.append(f"{source} {volume}: {pages}.".strip())
    for pub_id in cit.iter("pub-id"):
        if pub_id.get("pub-id-type") == "doi":
            parts.append(f"doi:{_text(pub_id)}")
    return " ".join(parts)


def jats_references(path: Path) -> list[Reference]:
    """One Reference per ``<ref>``, labelled by its <label> (or position)."""
    root = etree.parse(str(path)).getroot()
    out = []
    for pos, ref in enumerate(root.iter("ref"), 1):
        label = _text(ref.find("label")) or str(pos)
        mixed = ref.find("mixed-citation")
        if mixed is not None:
            text = " ".join("".join(mixed.itertext()).split())
        else:
            element = ref.find("element-citation")
            text = _render_element_citation(element) if element is not None else _text(ref)
        out.append(Reference(label, Span(0, 0), text, number=pos))
    return out


_ACCENTS = {"'": "\u0301", '"': "\u0308", "`": "\u0300", "^": "\u0302", "~": "\u0303", "=": "\u0304",
            ".": "\u0307", "v": "\u030c", "c": "\u0327", "u": "\u0306", "H": "\u030b", "r": "\u030a"}
_LETTERS = {"o": "ø", "O": "Ø", "ss": "ß", "l": "ł", "L": "Ł", "aa": "å", "AA": "Å", "ae": "æ", "i": "ı"}


def _unbrace(value: str) -> str:
    """BibTeX braces and accent commands (a cheap subset of LaTeX decoding)."""
    value = re.sub(
        r"\\(['\"`^~=.]|[vcuHr](?=[\s{]))\s*\{?\s*([A-Za-z])\}?",
        lambda m: m.group(2) + _ACCENTS[m.group(1)],
        value,
    )
    value = re.sub(r"\\(ss|aa|AA|ae|[oOlLi])\b\s*", lambda m: _LETTERS[m.group(1)], value)
    value = value.replace("{", "").replace("}", "").replace("\\&", "&")
    return " ".join(unicodedata.normalize("NFC", value).split())


def _vancouver_name(name: str) -> str:
    name = _unbrace(name)
    if "," in name:
        family, given = (p.strip() for p in name.split(",", 1))
    else:
        words = name.split()
        family, given = words[-1], " ".join(words[:-1])
    initials = "".join(w[0] for w in re.split(r"[\s\-.]+", given) if w)
    return f"{family} {initials}".strip()


def bib_reference_string(fields: dict[str, str], entry_type: str) -> str:
    """A .bib entry printed as a Vancouver reference."""
    authors = [a for a in re.split(r"\s+and\s+", fields.get("author", "")) if a.strip()]
    others = any(a.strip() == "others" for a in authors)
    names = ", ".join(_vancouver_name(a) for a in authors if a.strip() != "others")
    parts = [names + (", et al." if others else ".") if names else ""]
    parts.append(_unbrace(fields.get("title", "")).rstrip(".") + ".")
    year = _unbrace(fields.get("year", ""))
    pages = _unbrace(fields.get("pages", "")).replace("--", "-")
    if entry_type in ("inproceedings", "incollection", "conference", "inbook"):
        parts.append(f"In: {_unbrace(fields.get('booktitle', ''))}.")
        parts.append(f"{_unbrace(fields.get('publisher', ''))}; {year}." if fields.get("publisher") else f"{year}.")
        if pages:
            parts.append(f"p. {pages}.")
    elif entry_type == "article":
        numbers = _unbrace(fields.get("volume", "")).replace("--", "-")
        if fields.get("number"):
            numbers += f"({_unbrace(fields['number'])})"
        tail = f"{year};{numbers}" if numbers else year
        parts.append(f"{_unbrace(fields.get('journal', '')).rstrip('.')}. {tail}{':' + pages if pages else ''}.")
    else:
        publisher = _unbrace(fields.get("publisher", "") or fields.get("school", "") or fields.get("institution", ""))
        parts.append(f"{publisher}; {year}." if publisher else f"{year}.")
    doi = _unbrace(fields.get("doi", ""))
    if doi:
        parts.append(f"doi:{doi}" if not doi.lower().startswith(("http", "doi")) else doi)
    return " ".join(p for p in parts if p and p != ".")


def bib_references(path: Path) -> list[Reference]:
    """One Reference per .bib entry, labelled by key, text a printed reference."""
    library = bibtexparser.parse_string(
        path.read_text(encoding="utf-8", errors="replace")
    )
    out = []
    for pos, entry in enumerate(library.entries, 1):
        fields = {k.lower(): str(v.value) for k, v in entry.fields_dict.items()}
        text = bib_reference_string(fields, entry.entry_type.lower())
        out.append(Reference(entry.key, Span(0, 0), text, number=pos))
    return out
