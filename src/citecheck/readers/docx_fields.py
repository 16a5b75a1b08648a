"""Reference-manager fields in Word documents: Zotero, Mendeley and EndNote.

A reference manager stores each citation as a Word field: the *instruction*
holds the manager's data, the *result* is the text the reader sees.

* Zotero: ``ADDIN ZOTERO_ITEM CSL_CITATION {json}`` for a citation and
  ``ADDIN ZOTERO_BIBL {json} CSL_BIBLIOGRAPHY`` for the bibliography.
* Mendeley: ``ADDIN CSL_CITATION {json}`` and
  ``ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY``.
* EndNote: ``ADDIN EN.CITE <EndNote><Cite>...</Cite></EndNote>`` (the XML may
  instead sit base64-encoded in a nested ``ADDIN EN.CITE.DATA`` field) and
  ``ADDIN EN.REFLIST`` for the bibliography.
* Word's own citations: ``CITATION Mac17 \\l 1033 \\m Hon20`` (source tags;
  the sources are in the package's ``customXml`` ``<b:Sources>`` part) and
  ``BIBLIOGRAPHY``.

The JSON is CSL-JSON (``citationItems[].itemData``).  This module turns an
instruction into a :class:`FieldData`: what kind of field it is and the
bibliographic data of each cited item, as :class:`ReferenceFields`.
"""

from __future__ import annotations

import base64
import binascii
import enum
import json
import re
from dataclasses import dataclass

from lxml import etree

from citecheck.doi import normalize_doi
from citecheck.model import Author, ReferenceFields
from citecheck.readers.csljson import item_fields

#: Largest instruction decoded (a citation of many items is a few hundred kB).
MAX_INSTRUCTION = 5 * 1024 * 1024
_YEAR = re.compile(r"\d{4}")


class FieldKind(enum.Enum):
    CITATION = "citation"
    BIBLIOGRAPHY = "bibliography"
    ENDNOTE_DATA = "endnote-data"  # EN.CITE.DATA: the XML of the enclosing EN.CITE


@dataclass(frozen=True)
class CitedItem:
    """One work a citation field cites: a key unique within the document, and its data."""

    key: str
    fields: ReferenceFields | None


@dataclass(frozen=True)
class FieldData:
    kind: FieldKind
    manager: str  # "zotero", "mendeley", "endnote"
    items: tuple[CitedItem, ...] = ()
    error: str | None = None  # why the data could not be read


def classify(instruction: str, sources: dict[str, ReferenceFields] | None = None) -> FieldData | None:
    """What a field instruction is, or ``None`` for fields that are not citations.

    ``sources`` are the document's own bibliography sources by tag, for Word's
    CITATION fields.
    """
    instr = instruction.strip()
    word = instr.split(None, 1)[0].upper() if instr else ""
    if word == "CITATION":
        return word_citation(instr, sources or {})
    if word == "BIBLIOGRAPHY":
        return FieldData(FieldKind.BIBLIOGRAPHY, "word")
    if word != "ADDIN":
        return None
    body = instr[5:].strip()
    upper = body.upper()
    if upper.startswith("EN.CITE.DATA"):
        return FieldData(FieldKind.ENDNOTE_DATA, "endnote")
    if upper.startswith("EN.CITE"):
        return endnote_citation(body[len("EN.CITE"):])
    if upper.startswith("EN.REFLIST"):
        return FieldData(FieldKind.BIBLIOGRAPHY, "endnote")
    if "CSL_BIBLIOGRAPHY" in upper or upper.startswith("ZOTERO_BIBL"):
        manager = "zotero" if upper.startswith("ZOTERO") else "mendeley"
        return FieldData(FieldKind.BIBLIOGRAPHY, manager)
    if upper.startswith(("ZOTERO_ITEM", "CSL_CITATION")):
        manager = "zotero" if upper.startswith("ZOTERO") else "mendeley"
        return csl_citation(body, manager)
    return None


def word_citation(instruction: str, sources: dict[str, ReferenceFields]) -> FieldData:
    """A Word CITATION field: its first source tag, and one more per ``\\m`` switch."""
    tokens = instruction.split()[1:]
    tags = [tokens[0]] if tokens and not tokens[0].startswith("\\") else []
    tags += [tokens[i + 1] for i, token in enumerate(tokens[:-1]) if token.lower() == "\\m"]
    items = tuple(CitedItem(f"word:{tag}", sources.get(tag)) for tag in tags)
    missing = [tag for tag in tags if tag not in sources]
    error = f"its source {', '.join(missing)} is not in the document's sources" if missing else None
    return FieldData(FieldKind.CITATION, "word", items, error=error)


BIBLIOGRAPHY_NS = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"


def word_sources(root: etree._Element) -> dict[str, ReferenceFields]:
    """Word's own bibliography sources (a ``<b:Sources>`` part), by tag."""
    def text(node: etree._Element, *path: str) -> str | None:
        found = node.find("/".join(f"{{{BIBLIOGRAPHY_NS}}}{p}" for p in path))
        return _xml_text(found)

    out: dict[str, ReferenceFields] = {}
    for source in root.iter(f"{{{BIBLIOGRAPHY_NS}}}Source"):
        tag = text(source, "Tag")
        if not tag:
            continue
        authors = []
        for person in source.iterfind(
            "/".join(f"{{{BIBLIOGRAPHY_NS}}}{p}" for p in ("Author", "Author", "NameList", "Person"))
        ):
            family = text(person, "Last")
            if family:
                authors.append(Author(family, " ".join(filter(None, (text(person, "First"), text(person, "Middle"))))))
        corporate = text(source, "Author", "Author", "Corporate")
        if corporate and not authors:
            authors.append(Author(corporate, is_group=True))
        year_match = _YEAR.search(text(source, "Year") or "")
        raw_doi = text(source, "DOI")
        kind = (text(source, "SourceType") or "").lower() or None
        out[tag] = ReferenceFields(
            authors=tuple(authors),
            title=text(source, "Title"),
            container=text(source, "JournalName") or text(source, "BookTitle")
            or text(source, "ConferenceName") or text(source, "PeriodicalTitle"),
            year=int(year_match.group(0)) if year_match else None,
            volume=text(source, "Volume"),
            issue=text(source, "Issue"),
            pages=text(source, "Pages"),
            publisher=text(source, "Publisher"),
            doi=normalize_doi(raw_doi) if raw_doi else None,
            raw_doi=raw_doi,
            url=text(source, "URL"),
            type={"journalarticle": "article", "book": "book"}.get(kind or "", kind),
        )
    return out


def csl_citation(body: str, manager: str) -> FieldData:
    """Parse the CSL-JSON of a Zotero or Mendeley citation field."""
    start = body.find("{")
    if start == -1:
        return FieldData(FieldKind.CITATION, manager, error="the field holds no citation data")
    try:
        data = json.loads(body[start : start + MAX_INSTRUCTION])
    except (ValueError, RecursionError) as exc:  # JSONDecodeError, or an integer too long
        return FieldData(FieldKind.CITATION, manager, error=f"its CSL-JSON does not parse ({exc})")
    items: list[CitedItem] = []
    raw_items = data.get("citationItems") if isinstance(data, dict) else None
    for position, entry in enumerate(raw_items if isinstance(raw_items, list) else []):
        if not isinstance(entry, dict):
            continue
        raw_item = entry.get("itemData")
        item: dict[str, object] = raw_item if isinstance(raw_item, dict) else {}
        uris = entry.get("uris") or entry.get("uri") or []
        if isinstance(uris, str):
            uris = [uris]
        ident = uris[0] if uris else entry.get("id", item.get("id", position))
        items.append(CitedItem(f"{manager}:{ident}", item_fields(item) if item else None))
    return FieldData(FieldKind.CITATION, manager, tuple(items))


MENDELEY_CITE = "MENDELEY_CITATION_v3_"
MENDELEY_BIBLIOGRAPHY = "MENDELEY_BIBLIOGRAPHY"


def content_control_instruction(tag: str) -> str | None:
    """The field instruction equivalent to a content control's tag, if it is a
    reference manager's: Mendeley Cite tags its citations
    ``MENDELEY_CITATION_v3_<base64 CSL-JSON>`` and its bibliography
    ``MENDELEY_BIBLIOGRAPHY``."""
    if tag.startswith(MENDELEY_CITE):
        data = tag[len(MENDELEY_CITE) : len(MENDELEY_CITE) + MAX_INSTRUCTION]
        data = data.replace("-", "+").replace("_", "/")
        try:
            decoded = base64.b64decode(data + "=" * (-len(data) % 4)).decode("utf-8", errors="replace")
        except (binascii.Error, ValueError):
            decoded = ""
        return "ADDIN CSL_CITATION " + decoded
    if tag.startswith(MENDELEY_BIBLIOGRAPHY):
        return "ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY"
    return None


def endnote_data(instruction: str) -> str | None:
    """The EndNote XML held base64-encoded by an EN.CITE.DATA field."""
    body = instruction.strip()[5:].strip()[len("EN.CITE.DATA"):]
    try:
        raw = base64.b64decode("".join(body.split())[: MAX_INSTRUCTION], validate=False)
    except (binascii.Error, ValueError):
        return None
    return raw.decode("utf-8", errors="replace")


def endnote_citation(xml: str) -> FieldData:
    """Parse the ``<EndNote><Cite>...`` XML of an EN.CITE field."""
    xml = xml.strip()
    if not xml:
        return FieldData(FieldKind.CITATION, "endnote")  # data in a nested EN.CITE.DATA
    if "<!DOCTYPE" in xml or "<!ENTITY" in xml:
        return FieldData(FieldKind.CITATION, "endnote", error="its XML declares entities; refused")
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, recover=False)
    try:
        root = etree.fromstring(xml[:MAX_INSTRUCTION].encode("utf-8"), parser)
    except etree.XMLSyntaxError as exc:
        return FieldData(FieldKind.CITATION, "endnote", error=f"its EndNote XML does not parse ({exc})")
    items: list[CitedItem] = []
    for cite in root.iter("Cite"):
        recnum = _xml_text(cite.find("RecNum")) or _xml_text(cite.find("record/rec-number"))
        record = cite.find("record")
        key = f"endnote:{recnum}" if recnum else f"endnote:{_xml_text(cite.find('Author'))}:{_xml_text(cite.find('Year'))}"
        items.append(CitedItem(key, endnote_fields(record) if record is not None else None))
    return FieldData(FieldKind.CITATION, "endnote", tuple(items))


def _xml_text(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def endnote_fields(record: etree._Element) -> ReferenceFields:
    """ReferenceFields from an EndNote ``<record>``."""
    authors = []
    for author in record.iterfind("contributors/authors/author"):
        name = _xml_text(author)
        if not name:
            continue
        family, _, given = name.partition(",")
        authors.append(Author(family.strip(), given.strip()))
    year_text = _xml_text(record.find("dates/year")) or ""
    year_match = _YEAR.search(year_text)
    raw_doi = _xml_text(record.find("electronic-resource-num"))
    ref_type = record.find("ref-type")
    return ReferenceFields(
        authors=tuple(authors),
        title=_xml_text(record.find("titles/title")),
        container=_xml_text(record.find("titles/secondary-title"))
        or _xml_text(record.find("periodical/full-title")),
        year=int(year_match.group(0)) if year_match else None,
        volume=_xml_text(record.find("volume")),
        issue=_xml_text(record.find("number")),
        pages=_xml_text(record.find("pages")),
        publisher=_xml_text(record.find("publisher")),
        doi=normalize_doi(raw_doi) if raw_doi else None,
        raw_doi=raw_doi,
        url=_xml_text(record.find("urls/related-urls/url")),
        type=(ref_type.get("name") or "").lower() or None if ref_type is not None else None,
    )
