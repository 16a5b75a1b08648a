"""Walking a Word document's XML in reading order.

The walker turns body paragraphs (table cells, content controls and text
boxes included; a text box's paragraphs follow the paragraph it is anchored
in), then footnotes and endnotes, into :class:`Paragraph` objects whose texts,
joined by newlines, are the document's source text: one line per paragraph.
On the way it records every reference-manager field (:class:`Field`): where
its result starts and ends in that text, and what its instruction holds.
Line breaks become spaces so that lines stay paragraphs; hidden text,
deleted text and field instructions are not part of the text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from lxml import etree

from citecheck.model import ReferenceFields, Span
from citecheck.readers.docx_fields import (
    FieldData,
    FieldKind,
    classify,
    content_control_instruction,
    endnote_citation,
    endnote_data,
)
from citecheck.readers.docx_package import Numbering, Package, Styles, local, num_pr, w

_INLINE_CONTAINERS = frozenset(
    {"hyperlink", "ins", "smartTag", "customXml", "moveTo", "dir", "bdo", "sdtContent"}
)


@dataclass
class Paragraph:
    start: int  # offset of the paragraph's first character in the source text
    text: str
    superscript: list[bool]
    style: str | None
    numbering: tuple[str, int] | None  # (numId, ilvl)
    part: str
    list_number: int | None = None  # Word's automatic number, if the paragraph has one
    element: etree._Element | None = None  # the w:p, for writers (citecheck fix)


@dataclass
class Field:
    instruction: str
    start: int
    result_start: int | None = None
    end: int = 0
    nested_data: str | None = None
    data: FieldData | None = None


class Walker:
    """Walks Word XML in reading order, building the source text and fields."""

    def __init__(self, styles: Styles, numbering: Numbering,
                 sources: dict[str, ReferenceFields] | None = None) -> None:
        self.styles = styles
        self.numbering = numbering
        self.sources = sources or {}
        self.paragraphs: list[Paragraph] = []
        self.starts: list[int] = []  # each paragraph's start offset, for bisect
        self.fields: list[Field] = []
        self.stack: list[Field] = []
        self.offset = 0
        self._chars: list[str] = []
        self._sup: list[bool] = []
        self._boxes: list[etree._Element] = []  # text boxes anchored in this paragraph

    # -- blocks --
    def block(self, container: etree._Element, part: str) -> None:
        for child in container:
            name = local(child)
            if name == "p":
                self.paragraph(child, part)
            elif name == "tbl":
                for row in child.iter(w("tr")):
                    for cell in row.iterchildren(w("tc")):
                        self.block(cell, part)
            elif name == "sdt":
                self.content_control(child, lambda content: self.block(content, part))
            elif name in ("customXml", "sdtContent"):
                self.block(child, part)

    def content_control(self, sdt: etree._Element, walk: Callable[[etree._Element], None]) -> None:
        """A content control (w:sdt); Mendeley Cite keeps its citations in them."""
        content = sdt.find(w("sdtContent"))
        if content is None:
            return
        tag = sdt.find(f"{w('sdtPr')}/{w('tag')}")
        instruction = content_control_instruction(tag.get(w("val"), "") if tag is not None else "")
        if instruction is None:
            walk(content)
            return
        current = Field(instruction, self.position, result_start=self.position)
        self.stack.append(current)
        walk(content)
        self.stack.pop()
        self.close(current)

    def paragraph(self, p: etree._Element, part: str) -> None:
        self._chars, self._sup, self._boxes = [], [], []
        ppr = p.find(w("pPr"))
        style = None
        numbering = None
        if ppr is not None:
            pstyle = ppr.find(w("pStyle"))
            style = pstyle.get(w("val")) if pstyle is not None else None
            numbering = num_pr(ppr.find(w("numPr")))
        if numbering is None and style is not None:
            numbering = self.styles.numbering.get(style)
        self.inline(p)
        text = "".join(self._chars)
        number = self.numbering.next(numbering)
        self.paragraphs.append(Paragraph(self.offset, text, self._sup, style, numbering, part, number, p))
        self.starts.append(self.offset)
        self.offset += len(text) + 1
        self._chars, self._sup = [], []  # between paragraphs, the position is self.offset
        boxes, self._boxes = self._boxes, []
        for box in boxes:  # a text box's paragraphs follow the paragraph it is anchored in
            self.block(box, part)

    # -- inline content --
    @property
    def position(self) -> int:
        return self.offset + len(self._chars)

    def inline(self, container: etree._Element) -> None:
        for child in container:
            name = local(child)
            if name == "r":
                self.run(child)
            elif name == "fldSimple":
                current = Field(child.get(w("instr"), ""), self.position, result_start=self.position)
                self.stack.append(current)
                self.inline(child)
                self.stack.pop()
                self.close(current)
            elif name == "sdt":
                self.content_control(child, self.inline)
            elif name == "AlternateContent":
                self.inline(_choice(child))
            elif name in _INLINE_CONTAINERS:
                self.inline(child)

    def run(self, run: etree._Element) -> None:
        if _hidden(run):
            return  # hidden text is not part of what the reader sees
        sup = self._superscript(run)
        for child in run:
            name = local(child)
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
            elif name in ("drawing", "pict", "object", "AlternateContent"):
                self._boxes.extend(_text_boxes(child))
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
        info = classify(done.instruction, self.sources)
        if info is None:
            return  # not a reference manager's field (PAGE, HYPERLINK, REF, ...)
        if info.kind is FieldKind.ENDNOTE_DATA:
            if self.stack:
                self.stack[-1].nested_data = endnote_data(done.instruction)
            return
        if done.nested_data is not None and not info.items:
            info = endnote_citation(done.nested_data)
        done.data = info
        self.fields.append(done)

    def _superscript(self, run: etree._Element) -> bool:
        rpr = run.find(w("rPr"))
        if rpr is not None:
            valign = rpr.find(w("vertAlign"))
            if valign is not None:
                return bool(valign.get(w("val")) == "superscript")
            rstyle = rpr.find(w("rStyle"))
            if rstyle is not None and self.styles.superscript.get(rstyle.get(w("val"), "")):
                return True
        return False

    def _append(self, text: str, sup: bool) -> None:
        text = text.replace("\n", " ").replace("\r", " ")
        self._chars.extend(text)
        self._sup.extend([sup] * len(text))


def walk(package: Package) -> Walker:
    walker = Walker(Styles.from_xml(package.styles), Numbering(package.numbering), package.sources)
    walker.block(package.body, "body")
    for kind, root in package.notes:
        for note in root:
            if local(note) in ("footnote", "endnote") and note.get(w("type")) in (None, "normal"):
                walker.block(note, kind)
    while walker.stack:  # a field left open at the end of the document
        walker.close(walker.stack.pop())
    return walker


def _choice(alternate: etree._Element) -> etree._Element:
    """The branch of an mc:AlternateContent that Word shows (its Choice; else the Fallback)."""
    for wanted in ("Choice", "Fallback"):
        for child in alternate:
            if local(child) == wanted:
                return child
    return alternate


def _text_boxes(element: etree._Element) -> list[etree._Element]:
    """The outermost w:txbxContent inside a drawing; one branch of an
    mc:AlternateContent only, as the two hold the same text box twice."""
    if local(element) == "AlternateContent":
        element = _choice(element)
    boxes = []
    for box in element.iter(w("txbxContent")):
        parent = box.getparent()
        while parent is not None and parent is not element and local(parent) != "txbxContent":
            parent = parent.getparent()
        if parent is None or parent is element:
            boxes.append(box)
    return boxes


def _hidden(run: etree._Element) -> bool:
    vanish = run.find(f"{w('rPr')}/{w('vanish')}")
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off")


def all_superscript(walker: Walker, span: Span) -> bool:
    """Whether every character of ``span`` (within one paragraph) is superscript."""
    index = bisect_right(walker.starts, span.start) - 1
    if index < 0:
        return False
    para = walker.paragraphs[index]
    flags = para.superscript[span.start - para.start : span.end - para.start]
    return bool(flags) and all(flags)
