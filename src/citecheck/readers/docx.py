"""The Word (.docx) reader.

**Source text and locations.**  The document's source text has one line per
paragraph: the body's paragraphs in order (paragraphs in table cells and
content controls included, text boxes not), then the footnotes' paragraphs,
then the endnotes'.  So a finding's *line* is the paragraph number (counting
from 1, blank paragraphs included) and its *column* is the character offset
in that paragraph plus one.  A line break inside a paragraph is read as a
space and a tab as a tab, so they do not shift the numbering.  The metadata
key ``"parts"`` gives the first and last line of each part.

**Citations**, in every form Word holds them:

* Zotero and Mendeley fields (``ADDIN ZOTERO_ITEM CSL_CITATION``,
  ``ADDIN CSL_CITATION``) and EndNote fields (``ADDIN EN.CITE``): the field's
  result is the citation as shown ("[6–8]", a superscript "1,3" or
  "(Smith, 2020)"), and the field's data gives each item's bibliographic
  fields.  In a numbered style the shown numbers are the labels; otherwise
  the manager's item keys are.
* Superscript runs (``vertAlign="superscript"`` directly or through a
  character style) holding numbers: "1", "1,3–5", "[2]".
* Bracketed, parenthesised and Unicode-superscript numbers typed as text.

**The reference list** is the result of a bibliography field
(``ADDIN ZOTERO_BIBL``, ``CSL_BIBLIOGRAPHY``, ``EN.REFLIST``), one entry per
paragraph; or else the paragraphs after a "References" heading.  An entry's
number is Word's automatic list number (``numPr``) when the paragraph has one,
else the number written at its start, else its position.

**Safety**: see :mod:`citecheck.readers.safety`.  External relationships are
never followed; one that would make Word fetch content from the network (an
attached template, a sub-document, a frame or linked object) is reported as
CC001 and the rest of the document is still checked.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field, replace

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from citecheck.encoding import read_bytes
from citecheck.errors import InputError
from citecheck.model import (
    Citation,
    CitationStyle,
    CiteItem,
    Document,
    ReaderProblem,
    Reference,
    ReferenceFields,
    ReferenceOrigin,
    Source,
    Span,
)
from citecheck.parsing.citations import (
    ScanContext,
    choose_style,
    is_exponent_context,
    parse_items,
    scan_brackets,
    scan_parentheses,
    scan_superscripts,
)
from citecheck.parsing.headings import is_reference_heading
from citecheck.parsing.reflist import entry_marker, looks_like_reference
from citecheck.readers.docx_fields import FieldData, FieldKind, classify, endnote_citation, endnote_data
from citecheck.readers.options import ReadOptions
from citecheck.readers.safety import check_office_xml, parse_office_xml, read_zip

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
#: Relationship types that make Word fetch their target when it is external.
_FETCHED = ("attachedTemplate", "subDocument", "frame", "oleObject", "image", "package",
            "externalLinkPath", "slide", "settings")
_NETWORK = ("http:", "https:", "ftp:", "\\\\", "//", "smb:", "file://")
_INLINE_CONTAINERS = frozenset(
    {"hyperlink", "ins", "smartTag", "customXml", "moveTo", "dir", "bdo", "sdtContent"}
)


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


@dataclass
class Paragraph:
    start: int  # offset of the paragraph's first character in the source text
    text: str
    superscript: list[bool]
    style: str | None
    numbering: tuple[str, int] | None  # (numId, ilvl)
    part: str
    list_number: int | None = None  # Word's automatic number, if the paragraph has one


@dataclass
class Field:
    instruction: str
    start: int
    result_start: int | None = None
    end: int = 0
    nested_data: str | None = None


@dataclass
class _Styles:
    """Paragraph and character styles: superscript, numbering, heading level."""

    superscript: dict[str, bool] = field(default_factory=dict)
    numbering: dict[str, tuple[str, int]] = field(default_factory=dict)
    heading: set[str] = field(default_factory=set)

    @classmethod
    def from_xml(cls, root: etree._Element | None) -> _Styles:
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
                _num_pr(num),
                heading,
            )
        for sid in raw:
            chain, current, seen = [], sid, set()
            while current in raw and current not in seen and len(chain) < 20:
                seen.add(current)
                chain.append(raw[current])
                current = raw[current][0]  # type: ignore[assignment]
            valign = next((c[1] for c in chain if c[1] is not None), None)
            styles.superscript[sid] = valign == "superscript"
            num = next((c[2] for c in chain if c[2] is not None), None)
            if num is not None:
                styles.numbering[sid] = num
            if chain[0][3]:
                styles.heading.add(sid)
        return styles


def _num_pr(num: etree._Element | None) -> tuple[str, int] | None:
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


class _Numbering:
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


class _Walker:
    """Walks Word XML in reading order, building the source text and fields."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.paragraphs: list[Paragraph] = []
        self.fields: list[Field] = []
        self.stack: list[Field] = []
        self.offset = 0
        self._chars: list[str] = []
        self._sup: list[bool] = []

    # -- blocks --
    def block(self, container: etree._Element, part: str) -> None:
        for child in container:
            name = _local(child)
            if name == "p":
                self.paragraph(child, part)
            elif name == "tbl":
                for row in child.iter(w("tr")):
                    for cell in row.iterchildren(w("tc")):
                        self.block(cell, part)
            elif name in ("sdt", "customXml", "sdtContent"):
                self.block(child, part)

    def paragraph(self, p: etree._Element, part: str) -> None:
        self._chars, self._sup = [], []
        ppr = p.find(w("pPr"))
        style = None
        numbering = None
        if ppr is not None:
            pstyle = ppr.find(w("pStyle"))
            style = pstyle.get(w("val")) if pstyle is not None else None
            numbering = _num_pr(ppr.find(w("numPr")))
        if numbering is None and style is not None:
            numbering = self.styles.numbering.get(style)
        self.inline(p, style)
        text = "".join(self._chars)
        number = self.numbering.next(numbering)
        self.paragraphs.append(Paragraph(self.offset, text, self._sup, style, numbering, part, number))
        self.offset += len(text) + 1

    # -- inline content --
    @property
    def position(self) -> int:
        return self.offset + len(self._chars)

    def inline(self, container: etree._Element, pstyle: str | None) -> None:
        for child in container:
            name = _local(child)
            if name == "r":
                self.run(child, pstyle)
            elif name == "fldSimple":
                current = Field(child.get(w("instr"), ""), self.position)
                current.result_start = self.position
                self.stack.append(current)
                self.inline(child, pstyle)
                self.stack.pop()
                self.close(current)
            elif name == "sdt":
                content = child.find(w("sdtContent"))
                if content is not None:
                    self.inline(content, pstyle)
            elif name in _INLINE_CONTAINERS:
                self.inline(child, pstyle)

    def run(self, run: etree._Element, pstyle: str | None) -> None:
        sup = self._superscript(run)
        for child in run:
            name = _local(child)
            if name == "t":
                if self.stack and self.stack[-1].result_start is None:
                    continue  # text inside an instruction: not shown
                self._append(child.text or "", sup)
            elif name == "tab":
                self._append("\t", sup)
            elif name in ("br", "cr"):
                self._append(" ", sup)
            elif name == "noBreakHyphen":
                self._append("-", sup)
            elif name == "instrText":
                if self.stack and self.stack[-1].result_start is None:
                    self.stack[-1].instruction += child.text or ""
            elif name == "fldChar":
                kind = child.get(w("fldCharType"))
                if kind == "begin":
                    self.stack.append(Field("", self.position))
                elif kind == "separate" and self.stack:
                    self.stack[-1].result_start = self.position
                elif kind == "end" and self.stack:
                    self.close(self.stack.pop())

    def close(self, done: Field) -> None:
        done.end = self.position
        if done.result_start is None:
            done.result_start = done.end
        info = classify(done.instruction)
        if info is not None and info.kind is FieldKind.ENDNOTE_DATA:
            if self.stack:
                self.stack[-1].nested_data = endnote_data(done.instruction)
            return
        self.fields.append(done)

    def _superscript(self, run: etree._Element) -> bool:
        rpr = run.find(w("rPr"))
        if rpr is not None:
            valign = rpr.find(w("vertAlign"))
            if valign is not None:
                return valign.get(w("val")) == "superscript"
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None and self.styles.superscript.get(rstyle.get(w("val"), "")):
                return True
        return False

    def _append(self, text: str, sup: bool) -> None:
        text = text.replace("\n", " ").replace("\r", " ")
        self._chars.extend(text)
        self._sup.extend([sup] * len(text))


@dataclass
class _Package:
    body: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None
    notes: list[tuple[str, etree._Element]]
    problems: list[str]


def _open(path: str, data: bytes) -> _Package:
    if data.startswith(_OLE_MAGIC):
        raise InputError(path, "this is an old-style Word .doc file; save it as .docx")
    if not data.startswith(b"PK"):
        raise InputError(path, "this is not a Word .docx file (not a zip package)")
    package = read_zip(path, data)
    for name, blob in package.parts.items():
        if name.endswith((".xml", ".rels")):
            check_office_xml(path, name, blob)
    if "word/document.xml" not in package.parts and "[Content_Types].xml" not in package.parts:
        raise InputError(path, "this zip file is not a Word document (no word/document.xml)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on broken packages
        raise InputError(path, f"cannot read the Word document ({type(exc).__name__}: {exc})") from None
    problems = []
    related: dict[str, etree._Element] = {}
    try:
        rels = list(document.part.package.iter_rels())
    except Exception as exc:
        raise InputError(path, f"cannot read the document's relationships ({exc})") from None
    for rel in rels:
        if rel.is_external:
            kind = rel.reltype.rsplit("/", 1)[-1]
            target = rel.target_ref
            if kind in _FETCHED and target.lower().startswith(_NETWORK):
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
    notes = [(kind, related[rt]) for kind, rt in (("footnotes", RT.FOOTNOTES), ("endnotes", RT.ENDNOTES))
             if rt in related]
    body = document.element.find(w("body"))
    if body is None:
        raise InputError(path, "the Word document has no body")
    return _Package(body, related.get(RT.STYLES), related.get(RT.NUMBERING), notes, problems)


def _walk(package: _Package) -> _Walker:
    walker = _Walker(_Styles.from_xml(package.styles), _Numbering(package.numbering))
    walker.block(package.body, "body")
    for kind, root in package.notes:
        for note in root:
            if _local(note) in ("footnote", "endnote") and note.get(w("type")) in (None, "normal"):
                walker.block(note, kind)
    while walker.stack:  # a field left open at the end of the document
        walker.close(walker.stack.pop())
    return walker


@dataclass
class _FieldCitation:
    citation: Citation
    data: FieldData


def _field_citations(walker: _Walker, text: str, problems: list[ReaderProblem]) -> tuple[
    list[_FieldCitation], list[Field]
]:
    cites: list[_FieldCitation] = []
    bibliographies: list[Field] = []
    for fld in walker.fields:
        data = classify(fld.instruction)
        if data is None:
            continue
        if data.kind is FieldKind.BIBLIOGRAPHY:
            bibliographies.append(fld)
            continue
        if fld.nested_data is not None and not data.items:
            data = endnote_citation(fld.nested_data)
        assert fld.result_start is not None
        shown = text[fld.result_start : fld.end]
        lead = len(shown) - len(shown.lstrip())
        start, end = fld.result_start + lead, fld.result_start + len(shown.rstrip())
        span = Span(start, max(start, end))
        if data.error:
            problems.append(ReaderProblem("CC001", f"a {data.manager} citation field cannot be read: {data.error}", span))
        shown = text[span.start : span.end]
        if not shown:
            continue
        sup = _all_superscript(walker, span)
        items, style = _shown_numbers(shown, span.start, sup)
        if items is None:
            items = tuple(CiteItem(text=shown, span=span, key=item.key) for item in data.items)
            style = CitationStyle.KEY
        cites.append(_FieldCitation(Citation(span, shown, items, style, command=data.manager), data))
    return cites, bibliographies


def _all_superscript(walker: _Walker, span: Span) -> bool:
    for para in walker.paragraphs:
        if para.start <= span.start <= para.start + len(para.text):
            flags = para.superscript[span.start - para.start : span.end - para.start]
            return bool(flags) and all(flags)
    return False


def _shown_numbers(shown: str, offset: int, sup: bool) -> tuple[tuple[CiteItem, ...] | None, CitationStyle]:
    """The numbers a citation field shows, and the style they are shown in."""
    pairs = {"[": ("]", CitationStyle.BRACKET), "［": ("］", CitationStyle.BRACKET),
             "【": ("】", CitationStyle.BRACKET), "(": (")", CitationStyle.PARENTHETICAL),
             "（": ("）", CitationStyle.PARENTHETICAL)}
    style = CitationStyle.SUPERSCRIPT if sup else CitationStyle.BRACKET
    inner, shift = shown, 0
    if shown[:1] in pairs and shown.endswith(pairs[shown[:1]][0]):
        inner, shift = shown[1:-1], 1
        if not sup:
            style = pairs[shown[:1]][1]
    items = parse_items(inner, offset + shift)
    return (items or None), style


def _superscript_citations(walker: _Walker, masked: str, skip: tuple[Span, ...]) -> list[Citation]:
    """Numbers in superscript runs: "1", "1,3–5", "[2]"."""
    found = []
    ctx = ScanContext(skip=skip)
    for para in walker.paragraphs:
        i, n = 0, len(para.text)
        while i < n:
            if not para.superscript[i]:
                i += 1
                continue
            j = i
            while j < n and para.superscript[j]:
                j += 1
            start = para.start + i
            raw = masked[start : para.start + j]
            if raw.strip() and not ctx.skipped(start) and not is_exponent_context(para.text[:i]):
                stripped = raw.strip()
                lead = raw.index(stripped[0])
                inner = stripped.strip("[]［］")
                shift = stripped.find(inner) if inner else 0
                items = parse_items(inner, start + lead + max(shift, 0))
                if items:
                    span = Span(start + lead, start + lead + len(stripped))
                    found.append(Citation(span, stripped, items, CitationStyle.SUPERSCRIPT))
            i = j
    return found


@dataclass
class _ReferenceList:
    heading: Span | None
    references: list[Reference]
    numbered: bool
    skip: Span


def _is_heading(walker: _Walker, para: Paragraph) -> bool:
    return para.style in walker.styles.heading or is_reference_heading(para.text)


def _entries(walker: _Walker, paragraphs: list[Paragraph], in_field: bool) -> list[Reference]:
    refs: list[Reference] = []
    numbered: bool | None = None
    for para in paragraphs:
        if not para.text.strip():
            continue
        if not in_field and _is_heading(walker, para):
            break
        number = para.list_number
        body_start = 0
        explicit = number is not None
        if number is None:
            marker = entry_marker(para.text)
            if marker is not None:
                number, body_start = marker
                explicit = True
        if numbered is None:
            numbered = explicit
        elif not in_field and numbered and not explicit:
            break
        if not in_field and not numbered and not looks_like_reference(para.text):
            break
        lead = len(para.text) - len(para.text.lstrip())
        refs.append(Reference(
            label=str(number if explicit else len(refs) + 1),
            span=Span(para.start + lead, para.start + len(para.text.rstrip())),
            text=" ".join(para.text[body_start:].split()),
            number=number if explicit else len(refs) + 1,
            origin=ReferenceOrigin.LIST,
            numbered_explicitly=explicit,
        ))
    return refs


def _reference_list(walker: _Walker, bibliographies: list[Field]) -> _ReferenceList | None:
    paras = walker.paragraphs
    for fld in bibliographies:
        inside = [p for p in paras if fld.start <= p.start + len(p.text) and p.start < max(fld.end, fld.start + 1)]
        refs = _entries(walker, inside, in_field=True)
        if refs:
            first = paras.index(inside[0])
            heading = None
            before = next((p for p in reversed(paras[:first]) if p.text.strip()), None)
            if before is not None and is_reference_heading(before.text):
                heading = Span(before.start, before.start + len(before.text))
            start = heading.start if heading else inside[0].start
            return _ReferenceList(heading, refs, any(r.numbered_explicitly for r in refs),
                                  Span(start, inside[-1].start + len(inside[-1].text)))
    best = None
    for i, para in enumerate(paras):
        if para.part != "body" or not is_reference_heading(para.text):
            continue
        refs = _entries(walker, paras[i + 1 :], in_field=False)
        if refs:
            best = _ReferenceList(
                Span(para.start, para.start + len(para.text)), refs,
                any(r.numbered_explicitly for r in refs), Span(para.start, refs[-1].span.end),
            )
    return best


def _attach_field_data(refs: list[Reference], cites: list[_FieldCitation]) -> list[Reference]:
    """Give references the data of the manager items cited under their label."""
    by_label: dict[str, ReferenceFields] = {}
    keyed: dict[str, ReferenceFields] = {}
    for fc in cites:
        if fc.citation.style is CitationStyle.KEY:
            for item in fc.data.items:
                if item.fields is not None:
                    keyed.setdefault(item.key, item.fields)
            continue
        labels = fc.citation.labels
        if len(labels) == len(fc.data.items):
            for label, item in zip(labels, fc.data.items):
                if item.fields is not None:
                    by_label.setdefault(label, item.fields)
    out = []
    for ref in refs:
        fields = by_label.get(ref.label)
        if fields is None and keyed:
            key = _match_title(ref.text, keyed)
            if key is not None:
                ref = replace(ref, label=key)
                fields = keyed[key]
        if fields is not None:
            ref = replace(ref, fields=fields, origin=ReferenceOrigin.FIELD)
        out.append(ref)
    return out


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _match_title(entry: str, keyed: dict[str, ReferenceFields]) -> str | None:
    squashed = _squash(entry)
    for key, fields in keyed.items():
        if fields.title and len(_squash(fields.title)) >= 8 and _squash(fields.title) in squashed:
            return key
    return None


def _mask(text: str, spans: list[Span]) -> str:
    chars = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def parse_docx(data: bytes, path: str = "<docx>", options: ReadOptions | None = None) -> Document:
    """Build a Document from the bytes of a .docx file."""
    options = options or ReadOptions()
    package = _open(path, data)
    walker = _walk(package)
    text = "\n".join(p.text for p in walker.paragraphs)
    problems = [ReaderProblem("CC001", message, Span(0, 0)) for message in package.problems]
    field_cites, bibliographies = _field_citations(walker, text, problems)
    reflist = _reference_list(walker, bibliographies)
    skip = (reflist.skip,) if reflist else ()
    masked = _mask(text, [fc.citation.span for fc in field_cites])
    ctx = ScanContext(skip=skip, reference_count=len(reflist.references) if reflist else 0)
    candidates = {
        CitationStyle.BRACKET: scan_brackets(masked, ctx),
        CitationStyle.PARENTHETICAL: scan_parentheses(masked, ctx),
        CitationStyle.SUPERSCRIPT: sorted(
            scan_superscripts(masked, ctx) + _superscript_citations(walker, masked, skip),
            key=lambda c: c.span.start,
        ),
    }
    field_citations = [fc.citation for fc in field_cites if not (skip and skip[0].start <= fc.citation.span.start < skip[0].end)]
    field_styles = [c.style for c in field_citations]
    if options.style is not None:
        style = options.style
    elif field_styles:
        style = max(set(field_styles), key=field_styles.count)
    else:
        style = choose_style(candidates, ctx.reference_count)
    typed = candidates.get(style, [])
    citations = sorted(field_citations + [replace(c, text=text[c.span.start : c.span.end]) for c in typed],
                       key=lambda c: c.span.start)
    references = _attach_field_data(reflist.references, field_cites) if reflist else []
    parts = {}
    for kind in ("body", "footnotes", "endnotes"):
        lines = [i for i, p in enumerate(walker.paragraphs, start=1) if p.part == kind]
        if lines:
            parts[kind] = (lines[0], lines[-1])
    return Document(
        path=path,
        format="docx",
        sources=[Source(path, text, "utf-8")],
        citations=citations,
        references=references,
        style=style,
        reference_heading=reflist.heading if reflist else None,
        has_reference_section=reflist is not None or bool(bibliographies),
        problems=problems,
        metadata={
            "reference_list_numbered": bool(reflist and reflist.numbered),
            "parts": parts,
            "citation_fields": len(field_cites),
            "bibliography_field": bool(bibliographies),
        },
    )


def read_docx(path: str, options: ReadOptions | None = None) -> Document:
    """Read a Word .docx manuscript."""
    options = options or ReadOptions()
    return parse_docx(read_bytes(path, options.max_bytes), path, options)
