"""Opening a Word package safely, and the parts of it the reader needs besides
the body: styles (superscript character styles, heading and list styles) and
Word's automatic list numbering.

The package is checked by :mod:`citecheck.readers.safety` before python-docx
opens it; python-docx then gives the document part and its relationships.
External relationships are never followed.  One that would make Word fetch
content from the network when opening the file (an attached template, a
sub-document, a frame, a linked object or image) is reported, not fetched.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from citecheck.errors import InputError
from citecheck.model import ReferenceFields
from citecheck.readers.docx_fields import word_sources
from citecheck.readers.safety import check_office_xml, parse_office_xml, read_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
#: Relationship types that make Word fetch their target when it is external.
_FETCHED = ("attachedTemplate", "subDocument", "frame", "oleObject", "image", "package",
            "externalLinkPath", "slide", "settings")
_REMOTE = ("http:", "https:", "ftp:", "smb:", "\\\\", "//")


def w(name: str) -> str:
    """A WordprocessingML tag in Clark notation."""
    return f"{{{W}}}{name}"


def local(element: etree._Element) -> str:
    """An element's tag without its namespace."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def is_remote(target: str) -> bool:
    """Whether a relationship target is on another machine (``file:///`` is local)."""
    lowered = target.strip().lower()
    if lowered.startswith("file://"):
        return not lowered.startswith("file:///")
    return lowered.startswith(_REMOTE)


@dataclass
class Styles:
    """Paragraph and character styles: superscript, numbering, heading level."""

    superscript: dict[str, bool] = field(default_factory=dict)
    numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    heading: set[str] = field(default_factory=set)

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> Styles:
        styles = cls()
        if root is None:
            return styles
        raw: dict[str, tuple[str | None, str | None, tuple[str, int] | None, bool]] = {}
        for style in root.iter(w("style")):
            sid = style.get(w("styleId"))
            if not sid:
                continue
            based = style.find(w("basedOn"))
            valign = style.find(f"{w('rPr')}/{w('vertAlign')}")
            num = style.find(f"{w('pPr')}/{w('numPr')}")
            name = style.find(w("name"))
            heading = style.find(f"{w('pPr')}/{w('outlineLvl')}") is not None or (
                name is not None and (name.get(w("val")) or "").lower().startswith(("heading", "title"))
            )
            raw[sid] = (
                based.get(w("val")) if based is not None else None,
                valign.get(w("val")) if valign is not None else None,
                num_pr(num),
                heading,
            )
        for sid in raw:
            chain: list[tuple[str | None, str | None, tuple[str, int] | None, bool]] = []
            current: str | None = sid
            seen: set[str] = set()
            while current in raw and current not in seen and len(chain) < 20:
                seen.add(current)
                chain.append(raw[current])
                current = raw[current][0]
            valign = next((c[1] for c in chain if c[1] is not None), None)
            styles.superscript[sid] = valign == "superscript"
            num = next((c[2] for c in chain if c[2] is not None), None)
            if num is not None:
                styles.numbering[sid] = num
            if chain[0][3]:
                styles.heading.add(sid)
        return styles


def num_pr(num: etree._Element | None) -> tuple[str, int] | None:
    if num is None:
        return None
    num_id = num.find(w("numId"))
    ilvl = num.find(w("ilvl"))
    if num_id is None:
        return None
    try:
        level = int(ilvl.get(w("val"), "0")) if ilvl is not None else 0
    except ValueError:
        level = 0
    return num_id.get(w("val"), "0"), level


class Numbering:
    """Word's automatic list numbers: counters per list and level."""

    def __init__(self, root: etree._Element | None) -> None:
        self.formats: dict[tuple[str, int], tuple[int, str]] = {}
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[int, str]]] = {}
        for node in root.iter(w("abstractNum")):
            levels = {}
            for lvl in node.iter(w("lvl")):
                start = lvl.find(w("start"))
                fmt = lvl.find(w("numFmt"))
                levels[_int(lvl.get(w("ilvl")), 0)] = (
                    _int(start.get(w("val")) if start is not None else None, 1),
                    fmt.get(w("val"), "decimal") if fmt is not None else "decimal",
                )
            abstract[node.get(w("abstractNumId"), "")] = levels
        for num in root.iter(w("num")):
            num_id = num.get(w("numId"), "")
            ref = num.find(w("abstractNumId"))
            levels = dict(abstract.get(ref.get(w("val"), "") if ref is not None else "", {}))
            for override in num.iter(w("lvlOverride")):
                start = override.find(w("startOverride"))
                if start is not None:
                    level = _int(override.get(w("ilvl")), 0)
                    fmt = levels.get(level, (1, "decimal"))[1]
                    levels[level] = (_int(start.get(w("val")), 1), fmt)
            for level, value in levels.items():
                self.formats[(num_id, level)] = value

    def next(self, numbering: tuple[str, int] | None) -> int | None:
        """Count a numbered paragraph; its number, or None if it has none (bullets)."""
        if numbering is None or numbering[0] == "0":
            return None
        num_id, level = numbering
        start, fmt = self.formats.get((num_id, level), (1, "decimal"))
        counts = self.counters.setdefault(num_id, [0] * 10)
        level = max(0, min(level, 9))
        counts[level] += 1
        for deeper in range(level + 1, 10):
            counts[deeper] = 0
        if fmt in ("bullet", "none"):
            return None
        return start + counts[level] - 1


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


@dataclass
class Package:
    body: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None
    notes: list[tuple[str, etree._Element]]
    problems: list[str]  # what was noticed but not fatal (remote links)
    sources: dict[str, ReferenceFields] = field(default_factory=dict)  # Word's own, by tag
    document: Any = None  # the python-docx Document that ``body`` belongs to (annotate edits it)
    #: Zip entry name -> parsed root, for the parts that hold text (document, notes).
    parts: dict[str, etree._Element] = field(default_factory=dict)


def open_package(path: str, data: bytes) -> Package:
    if data.startswith(_OLE_MAGIC):
        raise InputError(path, "this is an old-style Word .doc file; save it as .docx")
    if not data.startswith(b"PK"):
        raise InputError(path, "this is not a Word .docx file (not a zip package)")
    package = read_zip(path, data)
    for name, blob in package.parts.items():
        if name.endswith((".xml", ".rels")):
            check_office_xml(path, name, blob)
    if "[Content_Types].xml" not in package.parts:
        raise InputError(path, "this zip file is not a Word document (it has no [Content_Types].xml)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001  python-docx raises many kinds on broken packages
        raise InputError(path, f"cannot read the Word document ({type(exc).__name__}: {exc})") from None
    problems = []
    related: dict[str, etree._Element] = {}
    parts: dict[str, etree._Element] = {str(document.part.partname).lstrip("/"): document.element}
    try:
        rels = list(document.part.package.iter_rels())
    except Exception as exc:  # noqa: BLE001  as above
        raise InputError(path, f"cannot read the document's relationships ({exc})") from None
    for rel in rels:
        if rel.is_external:
            kind = rel.reltype.rsplit("/", 1)[-1]
            target = rel.target_ref
            if kind in _FETCHED and is_remote(target):
                problems.append(
                    f"the document links an external {kind} at {target!r}, which Word would "
                    "fetch when opening it; citecheck did not fetch it"
                )
    for rel in document.part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype in (RT.STYLES, RT.NUMBERING, RT.FOOTNOTES, RT.ENDNOTES):
            part = rel.target_part
            related[rel.reltype] = parse_office_xml(path, str(part.partname), part.blob)
            if rel.reltype in (RT.FOOTNOTES, RT.ENDNOTES):
                parts[str(part.partname).lstrip("/")] = related[rel.reltype]
    notes = [(kind, related[rt]) for kind, rt in (("footnotes", RT.FOOTNOTES), ("endnotes", RT.ENDNOTES))
             if rt in related]
    body = document.element.find(w("body"))
    if body is None:
        raise InputError(path, "the Word document has no body")
    sources: dict[str, ReferenceFields] = {}
    for name, blob in package.parts.items():
        # Word keeps the sources of its own citations in a custom XML part.
        if name.startswith("customXml/") and name.endswith(".xml") and b"Sources" in blob[:2000]:
            sources.update(word_sources(parse_office_xml(path, name, blob)))
    return Package(body, related.get(RT.STYLES), related.get(RT.NUMBERING), notes, problems, sources,
                   document, parts)


