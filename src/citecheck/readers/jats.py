"""The JATS (and NLM) XML reader.

**Source text and locations.**  The document's source text is the XML file
itself, decoded, so every finding's line and column are a line and column in
the XML: a citation is located at the ``<`` of its ``<xref>``, a reference at
the ``<`` of its ``<ref>``.

**References** are the ``<ref>`` elements of ``<ref-list>``.  A reference is
labelled by its ``<label>`` ("12", "[12]" and "12." all give "12") where it has
one.  In an author-year article (no labels, and most xrefs print a name and
a year: "Smith et al., 2020") it is labelled as author-year lists are
everywhere: "<first author's family name> <year><suffix>" ("Smith 2020a"; a
second "Smith 2020" gets " #2"), from its markup or, failing that, its
printed head; otherwise, and for an entry with neither, by its ``id``.  The
ids stay in ``metadata["reference_ids"]``, in list order.  An xref whose
printed text names another entry than its ``rid`` links to is CC109 (see
:mod:`citecheck.parsing.links`).  Its text comes from ``<mixed-citation>``,
``<element-citation>`` or NLM's ``<citation>``, and its fields (authors,
title, source, year, volume, issue, pages, DOI, PMID) from their children;
a citation whose markup lacks the year gets it from its text
(:func:`citecheck.refparse.parse_reference`), a ``<mixed-citation>`` its
title too, and one with no markup at all is left to that parser entirely.

**Citations** are ``<xref ref-type="bibr" rid="...">`` elements; a ``rid``
naming several ids cites each.  The citation points at the label of the
reference its ``rid`` names, so numbered articles get numbered citations and
author-year articles (eLife) are checked through their links.  An xref whose
text is a range ("1–3") cites the whole range, and so does a sequence
``<xref/>–<xref/>``: from the first reference to the second in reference-list
order.  In a numbered article, bracketed numbers in the text that are not
xrefs (``[7]``) are citations too, including those past the list's end (a
dangling citation) but not an interval such as ``[140, 160]`` beyond it.
Comments and processing instructions are ignored.  An xref whose ``rid``
names no ``<ref>`` cites a missing reference named by that ``rid``.

**Safety**: see :mod:`citecheck.readers.safety`.  The DTD is never loaded;
HTML named entities such as ``&ndash;`` are understood without it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import replace

from lxml import etree

from citecheck.encoding import decode, open_regular, read_bytes
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
from citecheck.parsing.authoryear_refs import EntryHead, author_year_labels, entry_head
from citecheck.parsing.citations import ScanContext, scan_brackets
from citecheck.parsing.links import link_mismatches
from citecheck.readers.jats_fields import local, reference_fields, text_of
from citecheck.readers.options import ReadOptions
from citecheck.readers.safety import parse_xml_text
from citecheck.readers.xmlpos import ElementOffsets, element_offsets
from citecheck.refparse import parse_reference

_LABEL_NUMBER = re.compile(r"^[\[(]?\s*(\d{1,5})\s*[.)\]]?$")
_RANGE_TEXT = re.compile(r"^\s*[\[(]?(\d{1,5})\s*[-–—‐‑−]\s*(\d{1,5})[\])]?\s*$")
_DASH = re.compile(r"^\s*[-–—‐‑−]\s*$")
#: An xref printed as an author-year citation: a name, then a year ("Smith et al., 2020a").
_AUTHOR_YEAR_XREF = re.compile(r"[^\W\d_].*\b(?:1[5-9]\d\d|20\d\d)[a-z]?\b|\bn\.\s?d\.", re.DOTALL)
#: A year with its letter in a <year> element ("2006a").
_YEAR_SUFFIX = re.compile(r"\b(1[5-9]\d\d|20\d\d)([a-z])?\b")
_CHAR_REF = re.compile(r"&(#[0-9]{1,8}|#x[0-9A-Fa-f]{1,8}|[A-Za-z][A-Za-z0-9]{1,31});")
_MARKUP = re.compile(r"<[^>]*>")
#: Parts of the XML that are never shown: comments and processing instructions.
_HIDDEN = re.compile(r"<!--.*?-->|<\?.*?\?>", re.DOTALL)
#: Elements whose text cannot hold a plain-text citation.
_NOT_PROSE = frozenset(
    {"xref", "ref-list", "math", "tex-math", "disp-formula", "inline-formula",
     "ext-link", "uri", "label", "object-id", "graphic", "media", "fn-group"}
)
_CITATION_ELEMENTS = ("mixed-citation", "element-citation", "citation", "nlm-citation")


class _Positions:
    """Spans of elements in the source text."""

    def __init__(self, text: str, elements: list[etree._Element]) -> None:
        self.text = text
        offsets = element_offsets(text)
        self._by_element: dict[etree._Element, ElementOffsets] = {}
        if offsets is not None and len(offsets) == len(elements):
            self._by_element = dict(zip(elements, offsets))
        self._line_starts: list[int] | None = None

    @property
    def exact(self) -> bool:
        return bool(self._by_element)

    def offsets(self, element: etree._Element) -> ElementOffsets | None:
        return self._by_element.get(element)

    def span(self, element: etree._Element) -> Span:
        found = self._by_element.get(element)
        if found is not None:
            return Span(found.start, found.end)
        # Fallback: the start of the element's line.
        if self._line_starts is None:
            starts = [0]
            starts.extend(i + 1 for i, ch in enumerate(self.text) if ch == "\n")
            self._line_starts = starts
        line = max(1, min(element.sourceline or 1, len(self._line_starts)))
        start = self._line_starts[line - 1]
        return Span(start, start)


def _label(ref: etree._Element) -> str | None:
    for child in ref:
        if local(child) == "label":
            label = text_of(child)
            match = _LABEL_NUMBER.match(label)
            return match.group(1) if match else (label or None)
    return None


def _reference(ref: etree._Element, position: int, positions: _Positions) -> Reference:
    label = _label(ref)
    citation = next((c for c in ref.iter() if local(c) in _CITATION_ELEMENTS), None)
    if citation is None:
        text, fields = text_of(ref, " "), None
    else:
        mixed = local(citation) == "mixed-citation"
        text = text_of(citation, "" if mixed else " ")
        # Unmarked text (<mixed-citation>Plain words.</mixed-citation>) has no
        # fields to read: leave them to the reference-string parser.
        marked = any(isinstance(child.tag, str) for child in citation)
        fields = reference_fields(citation) if marked else None
        if fields is not None and (fields.title is None or fields.year is None):
            # Markup that misses the title or year (a title tagged as <source>,
            # a year inside the source): the written text may still give them.
            # Only mixed citations have the punctuation a title is found by.
            parsed = parse_reference(text)
            fields = replace(fields, title=fields.title or (parsed.title if mixed else None),
                             year=fields.year or parsed.year)
    numeric = label is not None and label.isdigit()
    return Reference(
        label=label or ref.get("id") or str(position),
        span=positions.span(ref),
        text=text,
        number=int(label) if numeric and label else position,
        origin=ReferenceOrigin.XML,
        fields=fields,
        numbered_explicitly=numeric,
    )


def _markup_head(ref: etree._Element, fields: ReferenceFields | None) -> EntryHead | None:
    """The author-year head of a reference from its markup: its authors and its <year> ("2006a")."""
    if fields is None or not fields.authors:
        return None
    year = next((text_of(y) for y in ref.iter() if local(y) == "year"), "")
    found = _YEAR_SUFFIX.search(year)
    if found is None:
        return None
    return EntryHead(tuple(a.family for a in fields.authors), fields.et_al, found.group(1), found.group(2) or "")


def _author_year_labels(
    refs: list[etree._Element], references: list[Reference]
) -> tuple[list[Reference], list[EntryHead | None]]:
    """The references relabelled "Smith 2020a" (see the module's docstring), and their heads."""
    heads = [_markup_head(ref, reference.fields) or entry_head(reference.text, reference.fields)
             for ref, reference in zip(refs, references)]
    labels = author_year_labels(heads, [reference.label for reference in references])
    return [replace(reference, label=label) for reference, label in zip(references, labels)], heads


def _cites_by_author_year(xrefs: list[etree._Element]) -> bool:
    """Whether most bibr xrefs print a name and a year."""
    texts = [text_of(x) for x in xrefs]
    texts = [t for t in texts if t]
    return bool(texts) and sum(1 for t in texts if _AUTHOR_YEAR_XREF.search(t)) >= 0.6 * len(texts)


class _XrefReader:
    """Turns the bibr xrefs of an article into citations."""

    def __init__(self, refs: list[etree._Element], references: list[Reference], numbered: bool,
                 positions: _Positions) -> None:
        self.numbered = numbered
        self.positions = positions
        self.ids = [r.get("id") for r in refs]
        self.index = {rid: i for i, rid in enumerate(self.ids) if rid}
        self.references = references
        self.ranges = 0

    def label(self, rid: str) -> str:
        i = self.index.get(rid)
        return self.references[i].label if i is not None else rid

    def _item(self, rid: str, text: str, span: Span) -> CiteItem:
        label = self.label(rid)
        if self.numbered and label.isdigit():
            return CiteItem(text=text, span=span, first=int(label), last=int(label))
        return CiteItem(text=text, span=span, key=label)

    def _range(self, first_rid: str, last_rid: str, text: str, span: Span,
               last_number: int | None = None) -> tuple[CiteItem, ...]:
        """The items from ``first_rid`` to ``last_rid`` (or to ``last_number``)."""
        self.ranges += 1
        first_label = self.label(first_rid)
        if self.numbered and first_label.isdigit():
            if last_number is None:
                last_label = self.label(last_rid)
                last_number = int(last_label) if last_label.isdigit() else None
            return (CiteItem(text=text, span=span, first=int(first_label), last=last_number,
                             is_range=True),)
        lo = self.index.get(first_rid)
        hi = self.index.get(last_rid)
        if lo is None or hi is None or hi < lo:
            return (self._item(first_rid, text, span), self._item(last_rid, text, span))
        return tuple(CiteItem(text=text, span=span, key=self.references[i].label, is_range=True)
                     for i in range(lo, hi + 1))

    def citations(self, xrefs: list[etree._Element]) -> list[Citation]:
        out: list[Citation] = []
        previous: etree._Element | None = None
        for xref in xrefs:
            rids = (xref.get("rid") or "").split()
            span = self.positions.span(xref)
            text = text_of(xref) or xref.get("rid", "")
            style = CitationStyle.SUPERSCRIPT if self._in_sup(xref) else CitationStyle.BRACKET
            if not self.numbered:
                style = CitationStyle.KEY
            if not rids:
                previous = None
                continue
            if (
                previous is not None
                and out
                and len(rids) == 1
                and previous.getnext() is xref
                and _DASH.match(previous.tail or "")
            ):
                prev_cit = out.pop()
                prev_rid = (previous.get("rid") or "").split()[-1]
                merged_span = Span(prev_cit.span.start, span.end)
                merged_text = f"{prev_cit.text}{(previous.tail or '').strip()}{text}"
                items = prev_cit.items[:-1] + self._range(prev_rid, rids[0], merged_text, merged_span)
                out.append(Citation(merged_span, merged_text, items, prev_cit.style))
                previous = None  # "1–3–5" is not a range of ranges
                continue
            match = _RANGE_TEXT.match(text)
            if len(rids) == 1 and match:
                last = int(match.group(2))
                if self.numbered:
                    items = self._range(rids[0], rids[0], text, span, last)
                else:
                    lo = self.index.get(rids[0])
                    count = last - int(match.group(1))
                    hi_rid = self.ids[lo + count] if lo is not None and 0 <= count and lo + count < len(self.ids) else None
                    items = self._range(rids[0], hi_rid, text, span) if hi_rid else (self._item(rids[0], text, span),)
            else:
                items = tuple(self._item(rid, text, span) for rid in rids)
            out.append(Citation(span, text, items, style))
            previous = xref
        return out

    @staticmethod
    def _in_sup(xref: etree._Element) -> bool:
        parent = xref.getparent()
        return parent is not None and local(parent) == "sup"


def _prose_view(text: str, root: etree._Element, positions: _Positions) -> str:
    """The article's body and back matter as text at the same offsets as the XML:
    markup blanked, character references decoded in place (padded with spaces),
    and xrefs, formulas, links and the reference list replaced by ``#``."""
    chars = [" " if ch != "\n" else "\n" for ch in text]
    regions: list[tuple[int, int]] = []
    for element in root.iter(etree.Element):
        if local(element) in ("body", "back"):
            found = positions.offsets(element)
            if found is not None:
                regions.append((found.content, found.close))
    for start, stop in regions:
        chars[start:stop] = text[start:stop]
    for hidden in _HIDDEN.finditer(text):
        for i in range(hidden.start(), hidden.end()):
            if chars[i] != "\n":
                chars[i] = " "
    for element in root.iter(etree.Element):
        found = positions.offsets(element)
        if found is None:
            continue
        if local(element) in _NOT_PROSE:
            for i in range(found.start, found.end):
                if chars[i] != "\n":
                    chars[i] = "#"
        else:
            for a, b in ((found.start, found.content), (found.close, found.end)):
                for i in range(a, b):
                    if chars[i] != "\n" and chars[i] != "#":
                        chars[i] = " "
    view = "".join(chars)

    def decode_ref(match: re.Match[str]) -> str:
        body = match.group(1)
        try:
            if body.startswith("#x"):
                ch = chr(int(body[2:], 16))  # noqa: FURB166
            elif body.startswith("#"):
                ch = chr(int(body[1:]))
            else:
                ch = html.unescape(match.group(0))[:1]
        except (ValueError, OverflowError):
            ch = "#"
        return ch + " " * (len(match.group(0)) - 1)

    return _CHAR_REF.sub(decode_ref, view)


def _shown(xml: str) -> str:
    """The text of a piece of XML as a reader sees it: markup dropped, references decoded."""
    return html.unescape(_MARKUP.sub("", xml))


def _plain_citations(view: str, reference_count: int, known: Iterable[str]) -> list[Citation]:
    """Bracketed numbers in the prose that cite the list, or that run past its
    end (a dangling citation, as the text reader reports it)."""
    labels = set(known)
    found = []
    for citation in scan_brackets(view, ScanContext(reference_count=reference_count)):
        if citation.items and any(
            label in labels or (label.isdigit() and int(label) > reference_count)
            for label in citation.labels
        ):
            found.append(citation)
    return found


def parse_jats(text: str, path: str = "<jats>", encoding: str = "utf-8") -> Document:
    """Build a Document from the decoded text of a JATS article."""
    root = parse_xml_text(path, text)
    if local(root) != "article":
        raise InputError(
            path,
            f"this XML file is not a JATS article (its root element is <{local(root)}>, "
            "not <article>)",
            line=root.sourceline or 1,
        )
    elements = list(root.iter(etree.Element))
    positions = _Positions(text, elements)
    refs = [el for el in elements if local(el) == "ref"]
    references = [_reference(ref, i, positions) for i, ref in enumerate(refs, start=1)]
    numbered = bool(references) and all(r.numbered_explicitly for r in references)
    xrefs = [el for el in elements if local(el) == "xref" and el.get("ref-type") == "bibr"]
    ids = [ref.get("id") or label for ref, label in zip(refs, (r.label for r in references))]
    heads: list[EntryHead | None] | None = None
    if not numbered and not any(_label(ref) for ref in refs) and _cites_by_author_year(xrefs):
        references, heads = _author_year_labels(refs, references)
    reader = _XrefReader(refs, references, numbered, positions)
    citations = reader.citations(xrefs)
    problems: list[ReaderProblem] = []
    cited_by_text: set[str] = set()
    if heads is not None:
        problems, cited_by_text = link_mismatches(citations, references, heads, ids)
    style = CitationStyle.KEY
    if numbered:
        supers = sum(1 for c in citations if c.style is CitationStyle.SUPERSCRIPT)
        style = CitationStyle.SUPERSCRIPT if supers * 2 > len(citations) else CitationStyle.BRACKET
        if positions.exact:
            view = _prose_view(text, root, positions)
            plain = _plain_citations(view, len(references), (r.label for r in references))
            plain = [Citation(c.span, _shown(text[c.span.start : c.span.end]), c.items, c.style)
                     for c in plain]
            citations = sorted(citations + plain, key=lambda c: c.span.start)
    ref_lists = [el for el in elements if local(el) == "ref-list"]
    heading = positions.span(ref_lists[0]) if ref_lists else None
    return Document(
        path=path,
        format="jats",
        sources=[Source(path, text, encoding)],
        citations=citations,
        references=references,
        style=style,
        reference_heading=heading,
        has_reference_section=bool(ref_lists),
        problems=problems,
        metadata={
            "reference_list_numbered": numbered,
            "xref_bibr": len(xrefs),
            "range_citations": reader.ranges,
            "exact_positions": positions.exact,
            "reference_ids": ids,
            "cited_by_text": sorted(cited_by_text),
        },
    )


_JATS_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?article[\s>/]")


def looks_like_jats(path: str) -> bool:
    """Whether the file's first 64 kB hold a JATS ``<article>`` (or its DOCTYPE)."""
    try:
        with open_regular(path) as handle:
            head = handle.read(65536)
    except OSError:
        return True  # let the reader report why it cannot be read
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="replace").encode("utf-8", errors="replace")
    return bool(_JATS_ROOT.search(head)) or b"<!DOCTYPE article" in head


def read_jats(path: str, options: ReadOptions | None = None) -> Document:
    """Read a JATS XML article (.xml, .nxml, .jats)."""
    options = options or ReadOptions()
    decoded = decode(read_bytes(path, options.max_bytes), path)
    return parse_jats(decoded.text, path, decoded.encoding)
