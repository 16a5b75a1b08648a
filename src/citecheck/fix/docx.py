"""Writing the fixes of a Word file: edit the text of its runs, keep their formatting.

The Word reader's source text has one line per paragraph.  Each edit is cut
down to the characters that really change (``[10]`` -> ``[8]`` changes
``10``), and those are changed in the ``w:t`` elements that hold them, so a
superscript or italic run stays so.  A reference entry that moves in the list
moves as its whole paragraph (a copy of the original ``w:p``, formatting and
all) before its number is changed; entries merged away lose their paragraph.
Only the parts that hold edited paragraphs are serialised again; every other
part of the package is copied byte for byte.
"""

from __future__ import annotations

import copy
import io
import zipfile
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from lxml import etree

from citecheck.fix.edits import Edit, FixRefused
from citecheck.model import Document
from citecheck.readers.docx_package import local, open_package, w
from citecheck.readers.docx_walk import Paragraph, walk

_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class _Segment:
    start: int  # offset in the paragraph's text
    element: etree._Element | None  # the w:t, or None for a tab or break (not editable)
    length: int


def _segments(p: etree._Element) -> Iterator[_Segment]:
    """The paragraph's characters as the reader counts them, by element."""
    pos = 0
    for run in p.iter(w("r")):
        owner = run.getparent()
        while owner is not None and local(owner) != "p":
            owner = owner.getparent()
        if owner is not p:
            continue  # a text box's run: another paragraph
        vanish = run.find(f"{w('rPr')}/{w('vanish')}")
        if vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off"):
            continue
        for child in run:
            name = local(child)
            if name == "t":
                text = child.text or ""
                yield _Segment(pos, child, len(text))
                pos += len(text)
            elif name in ("tab", "br", "cr", "noBreakHyphen"):
                yield _Segment(pos, None, 1)
                pos += 1


def _check(p: etree._Element, expected: str) -> list[_Segment]:
    segments = list(_segments(p))
    text = "".join(
        (s.element.text or "") if s.element is not None else "\t" for s in segments
    )
    if any(local(e) in ("fldChar", "instrText", "fldSimple", "AlternateContent") for e in p.iter()) or len(
        text
    ) != len(expected):
        raise FixRefused("a paragraph to edit holds fields or content citecheck cannot rewrite")
    return segments


def _replace(segments: list[_Segment], start: int, end: int, replacement: str) -> None:
    """Replace the paragraph's characters ``[start, end)``; the replacement goes
    into the first run touched (so it takes that run's formatting)."""
    touched = [s for s in segments if s.start < end and start < s.start + s.length]
    if start == end:  # a pure insertion: into the run it follows
        touched = [s for s in segments if s.start < start <= s.start + s.length] or touched
    if not touched or any(s.element is None for s in touched):
        raise FixRefused("an edit falls on a tab or line break in a Word paragraph")
    first = True
    for seg in touched:
        element = seg.element
        assert element is not None
        text = element.text or ""
        lo, hi = max(0, start - seg.start), min(len(text), end - seg.start)
        element.text = text[:lo] + (replacement if first else "") + text[hi:]
        first = False
        if element.text != element.text.strip():
            element.set(_XML_SPACE, "preserve")


def _minimal(old: str, new: str) -> tuple[int, int, str]:
    """The smallest ``(start, end, replacement)`` that turns ``old`` into ``new``."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, len(old) - suffix, new[prefix : len(new) - suffix]


def rewrite_docx(path: str, data: bytes, document: Document, edits: Sequence[Edit]) -> bytes:
    """The bytes of the Word file ``path`` (holding ``data``) with ``edits`` applied."""
    try:
        return _rewrite(path, data, document, edits)
    except FixRefused as refusal:
        message = str(refusal)
        raise FixRefused(message if message.startswith(path) else f"{path}: not fixed: {message}") from None


def _rewrite(path: str, data: bytes, document: Document, edits: Sequence[Edit]) -> bytes:
    package = open_package(path, data)
    walker = walk(package)
    text = "\n".join(p.text for p in walker.paragraphs)
    if text != document.main.text:
        raise FixRefused(f"{path} changed since it was read")
    paragraphs = walker.paragraphs
    starts = walker.starts
    pristine = {id(p): copy.deepcopy(p.element) for p in paragraphs if p.element is not None}

    def paragraph_at(offset: int) -> Paragraph:
        return paragraphs[bisect_right(starts, offset) - 1]

    doomed: list[etree._Element] = []
    current = {id(p): p.text for p in paragraphs}  # each paragraph's text as edited so far
    paragraph_starts = set(starts)
    for edit in sorted(edits, key=lambda e: e.span.start, reverse=True):
        para = paragraph_at(edit.span.start)
        if not edit.replacement and edit.span.start == para.start and edit.span.end > edit.span.start \
                and edit.span.end in paragraph_starts:
            # Whole paragraphs (an entry removed with the blank paragraphs after it): drop them.
            last = paragraph_at(edit.span.end - 1)
            doomed.extend(p.element for p in paragraphs[paragraphs.index(para) : paragraphs.index(last) + 1]
                          if p.element is not None)
            continue
        end_para = paragraph_at(max(edit.span.start, edit.span.end - 1)) if edit.span.end > edit.span.start else para
        if end_para is not para:  # entries merged away: drop their paragraphs
            if edit.replacement:
                raise FixRefused(f"{path}: an edit spans paragraphs; not fixed")
            for other in paragraphs[paragraphs.index(para) + 1 : paragraphs.index(end_para) + 1]:
                if other.element is not None:
                    doomed.append(other.element)
            tail_end = para.start + len(para.text)
            if edit.span.start < tail_end:
                assert para.element is not None
                _replace(_check(para.element, para.text), edit.span.start - para.start, len(para.text), "")
            continue
        element = para.element
        assert element is not None
        old = current[id(para)]
        local_start, local_end = edit.span.start - para.start, edit.span.end - para.start
        if edit.origin is not None and paragraph_at(edit.origin.start) is not para:
            source = paragraph_at(edit.origin.start)
            moved = copy.deepcopy(pristine[id(source)])
            parent = element.getparent()
            assert parent is not None
            parent.replace(element, moved)
            element, old = moved, source.text
            local_start, local_end = edit.origin.start - source.start, edit.origin.end - source.start
        new = old[:local_start] + edit.replacement + old[local_end:]
        start, end, replacement = _minimal(old, new)
        if start != end or replacement:
            _replace(_check(element, old), start, end, replacement)
        current[id(para)] = new
    for element in doomed:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return _repackage(data, {name: root for name, root in package.parts.items()})


def _repackage(data: bytes, roots: dict[str, etree._Element]) -> bytes:
    """``data`` (a zip) with the parts in ``roots`` serialised again; the rest copied."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buffer, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename in roots:
                root = roots[info.filename]
                blob = etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, blob)
    return buffer.getvalue()
