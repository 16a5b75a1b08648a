"""Hand a Word file back with the findings as comments.

``citecheck annotate paper.docx -o paper.checked.docx`` writes a copy of the
document with one Word comment per finding, authored "citecheck", anchored on
the citation or reference entry the finding concerns.  Nothing else changes:
the same paragraphs, runs, fields and styles; only comment range markers and
comment reference runs are added to the text, and a comments part (python-docx
writes it) to the package.  The input file is never written.

Anchors follow the reader's text exactly: the document is walked as
:mod:`citecheck.readers.docx_walk` walks it, remembering which run each
character came from, so a finding's paragraph and column lead back to runs.
A citation that is a reference manager's field is anchored on the whole field,
so that the comment sits outside what the manager rewrites.  A finding in a
footnote or endnote is anchored on the note's mark in the body (python-docx
writes comments in the main text only), its text saying which note.
"""

from __future__ import annotations

import io
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from citecheck.errors import InputError
from citecheck.model import Finding, LineIndex
from citecheck.readers.docx_package import Numbering, Package, Styles, local, open_package, w
from citecheck.readers.docx_walk import Field, Walker

AUTHOR, INITIALS = "citecheck", "cc"


class _RunWalker(Walker):
    """The reader's walker, also noting the run and the paragraph of every character."""

    def __init__(self, package: Package) -> None:
        super().__init__(Styles.from_xml(package.styles), Numbering(package.numbering), package.sources)
        self.owner: dict[int, etree._Element] = {}
        self.elements: list[etree._Element] = []  # each paragraph's w:p
        self.notes: list[tuple[str, str] | None] = []  # each paragraph's (kind, note id), if in a note
        self._run: etree._Element | None = None
        self._note: tuple[str, str] | None = None
        #: reference-manager fields closed by a run: (result start, end, the w:r with fldChar end)
        self.field_ends: list[tuple[int, int, etree._Element]] = []

    def paragraph(self, p: etree._Element, part: str) -> None:
        self.elements.append(p)
        self.notes.append(self._note)
        super().paragraph(p, part)

    def run(self, run: etree._Element) -> None:
        self._run = run
        super().run(run)
        self._run = None

    def close(self, done: Field) -> None:
        super().close(done)
        if self._run is not None and done.data is not None:
            self.field_ends.append((done.result_start or done.start, done.end, self._run))

    def _append(self, text: str, sup: bool) -> None:
        if self._run is not None:
            start = self.position
            for i in range(len(text)):
                self.owner[start + i] = self._run
        super()._append(text, sup)

    def walk(self, package: Package) -> str:
        self.block(package.body, "body")
        for kind, root in package.notes:
            for note in root:
                if local(note) in ("footnote", "endnote") and note.get(w("type")) in (None, "normal"):
                    self._note = (kind, note.get(w("id"), ""))
                    self.block(note, kind)
        self._note = None
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Anchor:
    first: etree._Element  # children of one w:p (or of two, for a range across paragraphs)
    last: etree._Element
    mark_after: etree._Element | None = None  # where the comment mark goes, if not after ``last``


def _paragraph_child(element: etree._Element) -> etree._Element:
    """The ancestor of ``element`` (or itself) that is a direct child of its
    nearest w:p: a field, content control or hyperlink holding a run."""
    while True:
        parent = element.getparent()
        if parent is None or local(parent) == "p":
            return element
        element = parent


def _fld_chars(element: etree._Element) -> list[str]:
    return [c.get(w("fldCharType"), "") for c in element.iter(w("fldChar"))]


def _widen_to_field(first: etree._Element, last: etree._Element) -> tuple[etree._Element, etree._Element]:
    """Widen [first, last] to the whole complex field around it, if any, within the paragraph."""
    depth = 0
    begin = None
    for sibling in first.itersiblings(preceding=True):
        for kind in reversed(_fld_chars(sibling)):
            if kind == "end":
                depth += 1
            elif kind == "begin":
                if depth == 0:
                    begin = sibling
                    break
                depth -= 1
        if begin is not None:
            break
    if begin is None:
        return first, last
    depth = 0
    for sibling in last.itersiblings():
        for kind in _fld_chars(sibling):
            if kind == "begin":
                depth += 1
            elif kind == "end":
                if depth == 0:
                    return begin, sibling
                depth -= 1
    return first, last


class _Anchors:
    def __init__(self, walker: _RunWalker, text: str) -> None:
        self.walker = walker
        self.lines = LineIndex(text)
        self.owned = sorted(walker.owner)

    def _nearest(self, start: int, end: int, para_start: int, para_end: int) -> tuple[int, int] | None:
        owned = self.owned
        i = bisect_left(owned, start)
        j = bisect_left(owned, max(start + 1, end)) - 1
        if i < len(owned) and owned[i] < max(start + 1, end) and j >= i:
            return owned[i], owned[j]
        before = i - 1
        if before >= 0 and owned[before] >= para_start:
            return owned[before], owned[before]
        if i < len(owned) and owned[i] <= para_end:
            return owned[i], owned[i]
        return None

    def find(self, finding: Finding) -> tuple[Anchor | None, str]:
        """The anchor of ``finding`` and a prefix for its comment ("In footnote 2: ")."""
        loc = finding.location
        line = max(1, min(loc.line, len(self.walker.paragraphs)))
        para = self.walker.paragraphs[line - 1]
        note = self.walker.notes[line - 1]
        if note is not None:
            return self._note_anchor(*note)
        start = para.start + max(0, loc.column - 1)
        end_line = max(line, min(loc.end_line, len(self.walker.paragraphs)))
        end = self.walker.paragraphs[end_line - 1].start + max(0, loc.end_column - 1)
        if end_line != line:  # a finding over several paragraphs: anchor on its first
            end = para.start + len(para.text)
        found = self._nearest(start, end, para.start, para.start + len(para.text))
        if found is None:  # an empty paragraph: the nearest text before it, else after
            i = bisect_left(self.owned, para.start)
            if not self.owned:
                return None, ""
            pick = self.owned[i - 1] if i > 0 else self.owned[0]
            found = (pick, pick)
        first = _paragraph_child(self.walker.owner[found[0]])
        last = _paragraph_child(self.walker.owner[found[1]])
        if first.getparent() is last.getparent():
            first, last = _widen_to_field(first, last)
        return Anchor(first, last, self._mark_after(found[0], found[1], para.start,
                                                    para.start + len(para.text))), ""

    def _mark_after(self, start: int, end: int, para_start: int, para_end: int) -> etree._Element | None:
        """Inside a field that spans several paragraphs (a bibliography), the
        comment mark goes after the field: LibreOffice loses the text of a
        comment whose mark lies in a field's result, and a reference manager
        rewriting the list keeps it."""
        for result_start, field_end, run in self.walker.field_ends:
            if result_start <= start and end < field_end and (result_start < para_start or field_end > para_end):
                return _paragraph_child(run)
        return None

    def _note_anchor(self, kind: str, note_id: str) -> tuple[Anchor | None, str]:
        tag = "footnoteReference" if kind == "footnotes" else "endnoteReference"
        for mark in self.walker.elements[0].getroottree().getroot().iter(w(tag)):
            if mark.get(w("id")) == note_id:
                run = mark.getparent()
                if run is not None:
                    anchor = _paragraph_child(run)
                    return Anchor(anchor, anchor), f"In {kind[:-1]} {_note_number(self.walker, kind, note_id)}: "
        return None, f"In a {kind[:-1]}: "


def _note_number(walker: _RunWalker, kind: str, note_id: str) -> str:
    seen: list[str] = []
    for note in walker.notes:
        if note is not None and note[0] == kind and note[1] not in seen:
            seen.append(note[1])
    return str(seen.index(note_id) + 1) if note_id in seen else note_id


def comment_text(finding: Finding) -> str:
    """What the comment says: the message as a sentence, then the rule."""
    message = finding.message[:1].upper() + finding.message[1:]
    if not message.endswith((".", "?", "!")):
        message += "."
    return f"{message} ({finding.code} {finding.name})"


def _mark(anchor: Anchor, comment_id: int) -> None:
    ident = {qn("w:id"): str(comment_id)}
    anchor.first.addprevious(OxmlElement("w:commentRangeStart", attrs=ident))
    reference = OxmlElement("w:r")
    reference.append(OxmlElement("w:commentReference", attrs=ident))
    if anchor.mark_after is None:
        anchor.last.addnext(reference)
    else:  # after the field's end and the marks already placed there, in comment order
        place = anchor.mark_after
        while (following := place.getnext()) is not None and following.find(
                f"{w('commentReference')}") is not None:
            place = following
        place.addnext(reference)
    anchor.last.addnext(OxmlElement("w:commentRangeEnd", attrs=ident))


def annotate_docx(data: bytes, path: str, findings: Sequence[Finding]) -> tuple[bytes, int]:
    """The bytes of a copy of the Word file ``data`` (read from ``path``) with
    one comment per finding located in it, and the number of comments added."""
    package = open_package(path, data)
    document = package.document
    walker = _RunWalker(package)
    text = walker.walk(package)
    if not walker.paragraphs:
        raise InputError(path, "the Word document has no paragraph to anchor comments on")
    anchors = _Anchors(walker, text)
    added = 0
    for finding in findings:
        if finding.path != path:
            continue
        anchor, prefix = anchors.find(finding)
        if anchor is None:
            continue
        said = prefix + comment_text(finding)
        if finding.excerpt and finding.location.column > 1:  # the run may hold more than the citation
            said += f' Near “{finding.excerpt}”.'
        comment = document.comments.add_comment(text=said, author=AUTHOR,
                                                initials=INITIALS)
        _mark(anchor, comment.comment_id)
        added += 1
    out = io.BytesIO()
    try:
        document.save(out)
    except Exception as exc:  # noqa: BLE001  python-docx raises many kinds on odd packages
        raise InputError(path, f"cannot write the commented copy ({type(exc).__name__}: {exc})") from None
    return out.getvalue(), added
