"""The Word (.docx) reader.

**Source text and locations.**  The document's source text has one line per
paragraph: the body's paragraphs in order (paragraphs in table cells, content
controls and text boxes included; a text box's paragraphs come right after
the paragraph it is anchored in), then the footnotes' paragraphs,
then the endnotes'.  So a finding's *line* is the paragraph number (counting
from 1, blank paragraphs included) and its *column* is the character offset
in that paragraph plus one.  A line break inside a paragraph is read as a
space and a tab as a tab, so they do not shift the numbering.  The metadata
key ``"parts"`` gives the first and last line of each part.

**Citations**, in every form Word holds them:

* Zotero and Mendeley fields (``ADDIN ZOTERO_ITEM CSL_CITATION``,
  ``ADDIN CSL_CITATION``), Mendeley Cite content controls
  (``MENDELEY_CITATION_v3_...``), EndNote fields (``ADDIN EN.CITE``) and
  Word's own ``CITATION`` fields: the field's result is the citation as shown
  ("[6–8]", a superscript "1,3" or "(Smith, 2020)"), and the field's data
  gives each item's bibliographic fields.  In a numbered style the shown
  numbers are the labels; otherwise the manager's item keys are, and the
  bibliography's entries are matched to the items by title; an author-date
  bibliography is then labelled as any author-year list ("Smith 2020a"), the
  citations of its entries point there, and author-year citations typed by
  hand beside the fields are read too.  Such a
  citation's ``command`` names the manager ("zotero", "mendeley",
  "endnote", "word").
* Superscript runs (``vertAlign="superscript"`` directly or through a
  character style) holding numbers: "1", "1,3–5", "[2]".
* Bracketed, parenthesised and Unicode-superscript numbers typed as text.
* Author-year citations typed as text ("(Smith et al., 2020)", "Smith
  (2020)") beside an author-year list, as in plain text (see
  :mod:`citecheck.parsing.authoryear`).

**The reference list** is the result of a bibliography field
(``ADDIN ZOTERO_BIBL``, ``CSL_BIBLIOGRAPHY``, ``EN.REFLIST``, ``BIBLIOGRAPHY``,
a ``MENDELEY_BIBLIOGRAPHY`` content control), one entry per paragraph (or per
table row, as Word lays out IEEE); or else the paragraphs after a
"References" heading.  An entry's
number is Word's automatic list number (``numPr``) when the paragraph has one,
else the number written at its start, else its position.

**Safety**: see :mod:`citecheck.readers.safety`.  External relationships are
never followed; one that would make Word fetch content from the network (an
attached template, a sub-document, a frame or linked object) is reported as
CC001 and the rest of the document is still checked.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace

from citecheck.encoding import read_bytes
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
from citecheck.parsing.authoryear import choose, read_author_year
from citecheck.parsing.authoryear_refs import EntryHead, author_year_labels, entry_heads, looks_author_year
from citecheck.parsing.authoryear_cites import scan_author_year
from citecheck.parsing.authoryear_match import AuthorYearIndex, match_citations
from citecheck.parsing.links import link_mismatches
from citecheck.parsing.citations import (
    ScanContext,
    choose_style,
    is_exponent_context,
    parse_items,
    scan_brackets,
    scan_parentheses,
    scan_superscripts,
)
from citecheck.parsing.headings import is_reference_heading, is_subheading
from citecheck.parsing.reflist import entry_marker, looks_like_reference
from citecheck.readers.docx_fields import CitedItem, FieldData, FieldKind
from citecheck.readers.docx_package import open_package
from citecheck.readers.docx_walk import Field, Paragraph, Walker, all_superscript, walk
from citecheck.readers.options import ReadOptions

# The source text has one line per paragraph: a narrative citation's names do
# not reach back into the paragraph (a heading) above.
PARAGRAPH_BREAK = "\n"


@dataclass
class _FieldCitation:
    citation: Citation
    data: FieldData


def _field_citations(walker: Walker, text: str, problems: list[ReaderProblem]) -> tuple[
    list[_FieldCitation], list[Field]
]:
    cites: list[_FieldCitation] = []
    bibliographies: list[Field] = []
    for fld in walker.fields:
        data = fld.data
        assert data is not None and fld.result_start is not None
        if data.kind is FieldKind.BIBLIOGRAPHY:
            bibliographies.append(fld)
            continue
        shown = text[fld.result_start : fld.end]
        lead = len(shown) - len(shown.lstrip())
        start, end = fld.result_start + lead, fld.result_start + len(shown.rstrip())
        span = Span(start, max(start, end))
        if data.error:
            problems.append(ReaderProblem("CC001", f"a {data.manager} citation field cannot be read: {data.error}", span))
        shown = text[span.start : span.end]
        if not shown:
            continue
        sup = all_superscript(walker, span)
        items, style = _shown_numbers(shown, span.start, sup)
        if items is not None and _shows_years(items, data):
            items = None  # "Hong (2020)" with the author suppressed: the year, not reference 2020
        if items is None:
            items = tuple(CiteItem(text=shown, span=span, key=item.key) for item in data.items)
            style = CitationStyle.KEY
        cites.append(_FieldCitation(Citation(span, shown, items, style, command=data.manager), data))
    return _number_keyed(cites), bibliographies


def _shows_years(items: tuple[CiteItem, ...], data: FieldData) -> bool:
    """Whether the numbers a field shows are its items' years (an author-date
    citation with the author left out: "2020", "(2019, 2020)")."""
    years = {item.fields.year for item in data.items if item.fields is not None and item.fields.year}
    return bool(years) and all(i.first in years and i.last in (None, i.first) for i in items)


def _number_keyed(cites: list[_FieldCitation]) -> list[_FieldCitation]:
    """In a numbered document, give a citation whose shown text has no plain
    numbers ("[3, p. 5]") the numbers its items have in the other citations."""
    numbers: dict[str, int] = {}
    numbered = 0
    for fc in cites:
        if fc.citation.style is CitationStyle.KEY:
            continue
        numbered += 1
        labels = fc.citation.labels
        if len(labels) == len(fc.data.items):
            for label, item in zip(labels, fc.data.items):
                numbers.setdefault(item.key, int(label))
    if numbered * 2 <= len(cites):
        return cites
    out = []
    for fc in cites:
        cit = fc.citation
        if cit.style is CitationStyle.KEY and cit.items and all(i.key in numbers for i in cit.items):
            items = tuple(replace(i, key=None, first=numbers[i.key or ""], last=numbers[i.key or ""])
                          for i in cit.items)
            style = next(c.citation.style for c in cites if c.citation.style is not CitationStyle.KEY)
            fc = _FieldCitation(replace(cit, items=items, style=style), fc.data)
        out.append(fc)
    return out


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


def _superscript_citations(walker: Walker, masked: str, skip: tuple[Span, ...]) -> list[Citation]:
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


def _is_heading(walker: Walker, para: Paragraph) -> bool:
    return para.style in walker.styles.heading or is_reference_heading(para.text)


def _entries(walker: Walker, paragraphs: list[Paragraph], in_field: bool) -> list[Reference]:
    """The entries among ``paragraphs``, one per paragraph.  Inside a
    bibliography field every paragraph is one.  After a heading, a numbered
    list ends at the first paragraph without a number, and an unnumbered one
    at the first paragraph that neither looks like a reference nor has the
    entries' own paragraph style ("Bibliography", "EndNote Bibliography").
    Sub-headings ("Primary sources", "中文文献") are passed over.  A list after a
    (body) heading ends with the body: the footnotes that follow it in the text
    are notes, not entries."""
    refs: list[Reference] = []
    part = paragraphs[0].part if paragraphs else None
    numbered: bool | None = None
    entry_style: str | None = None
    pending: tuple[int, Paragraph] | None = None  # "[1]" alone in a table cell
    for para in paragraphs:
        if not in_field and para.part != "body":
            break
        if not para.text.strip() or is_subheading(para.text):
            continue  # a sub-heading ("Secondary sources") divides the list, it does not end it
        if not in_field and _is_heading(walker, para):
            break
        if in_field and is_reference_heading(para.text):
            continue  # a heading typed inside the bibliography field
        number = para.list_number
        body_start = 0
        explicit = number is not None
        first_para = para
        number_span = None
        if number is None:
            marker = entry_marker(para.text)
            if marker is not None:
                number, body_start = marker
                digits = para.text.find(str(number))
                number_span = Span(para.start + digits, para.start + digits + len(str(number)))
                explicit = True
                if not para.text[body_start:].strip():
                    pending = (number, para)  # Word's IEEE bibliography: "[1]" | "entry"
                    continue
            elif pending is not None:
                number, first_para = pending
                explicit = True
                digits = first_para.text.find(str(number))
                number_span = Span(first_para.start + digits, first_para.start + digits + len(str(number)))
        pending = None
        if numbered is None:
            numbered = explicit
        elif not in_field and numbered and not explicit:
            break
        if not in_field and not numbered and not looks_like_reference(para.text) and (
            entry_style is None or para.style != entry_style
        ):
            break
        if not refs and para.style not in (None, "Normal"):
            entry_style = para.style
        lead = len(first_para.text) - len(first_para.text.lstrip())
        refs.append(Reference(
            label=str(number if explicit else len(refs) + 1),
            span=Span(first_para.start + lead, para.start + len(para.text.rstrip())),
            text=" ".join(para.text[body_start:].split()),
            number=number if explicit else len(refs) + 1,
            origin=ReferenceOrigin.LIST,
            numbered_explicitly=explicit,
            number_span=number_span,
        ))
    return refs


def _reference_list(walker: Walker, bibliographies: list[Field]) -> _ReferenceList | None:
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


def _author_date_labels(
    refs: list[Reference], citations: list[Citation]
) -> tuple[list[Reference], list[Citation], list[EntryHead | None] | None]:
    """A reference manager's author-date bibliography labelled as any author-year
    list ("Smith 2020a"), and the citations of its entries pointing there, in
    place of the manager's item keys and list positions; and the entries' heads.
    Items no entry was matched to keep their keys."""
    heads = entry_heads(refs)
    if not looks_author_year(heads):
        return refs, citations, None
    labels = author_year_labels(heads, [ref.label for ref in refs])
    renamed = {ref.label: label for ref, label in zip(refs, labels)}
    refs = [replace(ref, label=label) for ref, label in zip(refs, labels)]
    out = []
    for citation in citations:
        if citation.style is CitationStyle.KEY and any(item.key in renamed for item in citation.items):
            items = tuple(replace(item, key=renamed.get(item.key, item.key)) if item.key else item
                          for item in citation.items)
            citation = replace(citation, items=items)
        out.append(citation)
    return refs, out, heads


def _typed_author_year(
    masked: str, text: str, refs: list[Reference], heads: list[EntryHead | None], skip: tuple[Span, ...]
) -> list[Citation]:
    """Author-year citations typed as text in a document whose other citations are fields."""
    index = AuthorYearIndex([ref.label for ref in refs], heads, [ref.text for ref in refs])
    return match_citations(scan_author_year(masked, skip, PARAGRAPH_BREAK), index, text)


def _item_names(items: tuple[CitedItem, ...]) -> set[tuple[str, str]]:
    """(first author, year) of each item a field's data cites, squashed."""
    out = set()
    for item in items:
        fields = item.fields
        if fields is not None and fields.authors and fields.year is not None:
            out.add((_squash(fields.authors[0].family), str(fields.year)))
    return out


def _named_items(named: set[str], own: set[tuple[str, str]]) -> bool:
    """Whether the entries a field's shown text names ("Hong 2020") are its own
    items by first author and year: then the field is right, and any wrong
    link is the title matching's (a title inside another entry), not the field's."""
    for label in named:
        family, _, year = label.split(" #")[0].rpartition(" ")
        if (_squash(family), year.rstrip("abcdefghijklmnopqrstuvwxyz")) not in own:
            return False
    return True


def _squash(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _match_title(entry: str, keyed: dict[str, ReferenceFields]) -> str | None:
    """The item whose title and first author the entry holds (a title alone
    may sit inside another work's entry); of several, the longest title."""
    squashed = _squash(_plain(entry))
    best: tuple[int, str] | None = None
    for key, fields in keyed.items():
        title = _squash(_plain(fields.title or ""))
        if len(title) < 8 or title not in squashed:
            continue
        if fields.authors and _squash(_plain(fields.authors[0].family)) not in squashed:
            continue  # the title, but another work's: its author is not named
        if best is None or len(title) > best[0]:
            best = (len(title), key)
    return best[1] if best is not None else None


def _plain(text: str) -> str:
    """Without accents ("García" -> "Garcia")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _mask(text: str, spans: list[Span]) -> str:
    chars = list(text)
    for span in spans:
        for i in range(span.start, span.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def _typed_citations(
    walker: Walker,
    masked: str,
    ctx: ScanContext,
    field_citations: list[Citation],
    requested: CitationStyle | None,
) -> tuple[CitationStyle, list[Citation]]:
    """The document's style, and the citations typed as text (or formatted as
    superscript) in it: the reference manager's style wins when there are
    fields; otherwise the style whose candidates best fit the list.
    Superscript and parenthesised numbers count only beside a numbered list."""
    scanners: dict[CitationStyle, Callable[[], list[Citation]]] = {
        CitationStyle.BRACKET: lambda: scan_brackets(masked, ctx),
        CitationStyle.PARENTHETICAL: lambda: scan_parentheses(masked, ctx),
        CitationStyle.SUPERSCRIPT: lambda: sorted(
            scan_superscripts(masked, ctx) + _superscript_citations(walker, masked, ctx.skip),
            key=lambda c: c.span.start,
        ),
    }
    if requested is not None:
        return requested, scanners[requested]() if requested in scanners else []
    candidates = {
        style: scan() if ctx.numbered_list or style is CitationStyle.BRACKET else []
        for style, scan in scanners.items()
    }
    styles = [c.style for c in field_citations]
    if styles:
        style = max(set(styles), key=styles.count)
    else:
        style = choose_style(candidates, ctx.reference_count)
    return style, candidates.get(style, [])


def _section_end(walker: Walker, start: int) -> int:
    """Where the body section holding offset ``start`` ends: at the next heading
    (not a sub-heading) or the end of the body."""
    for para in walker.paragraphs:
        if para.start > start and (
            para.part != "body" or (_is_heading(walker, para) and not is_subheading(para.text))
        ):
            return max(start, para.start - 1)
    return walker.paragraphs[-1].start + len(walker.paragraphs[-1].text) if walker.paragraphs else start


def _numbered_by_word_only(reflist: _ReferenceList, typed: list[Citation]) -> bool:
    """Whether a list's numbers are only Word's list numbering (none typed) and
    no number cited in the text is an entry's: an author-year list that Word
    happens to number ("1. Mayden, K.D., 2012. ...") is read as author-year
    (``choose`` still keeps numbers that resolve)."""
    count = len(reflist.references)
    return all(r.number_span is None for r in reflist.references) and not any(
        c.items and all(label.isdigit() and 1 <= int(label) <= count for label in c.labels) for c in typed
    )


def parse_docx(data: bytes, path: str = "<docx>", options: ReadOptions | None = None) -> Document:
    """Build a Document from the bytes of a .docx file."""
    options = options or ReadOptions()
    package = open_package(path, data)
    walker = walk(package)
    text = "\n".join(p.text for p in walker.paragraphs)
    problems = [ReaderProblem("CC001", message, Span(0, 0)) for message in package.problems]
    field_cites, bibliographies = _field_citations(walker, text, problems)
    reflist = _reference_list(walker, bibliographies)
    skip = (reflist.skip,) if reflist else ()
    field_citations = [fc.citation for fc in field_cites
                       if not (skip and skip[0].start <= fc.citation.span.start < skip[0].end)]
    masked = _mask(text, [fc.citation.span for fc in field_cites])
    ctx = ScanContext(
        skip=skip,
        reference_count=len(reflist.references) if reflist else 0,
        numbered_list=reflist is None or reflist.numbered,
    )
    forced = options.style is CitationStyle.AUTHOR_YEAR
    style, typed = _typed_citations(walker, masked, ctx, field_citations, None if forced else options.style)
    typed = [replace(c, text=text[c.span.start : c.span.end]) for c in typed]
    mixed = None
    if reflist is not None and not field_citations and (
        forced or (options.style is None and (not reflist.numbered or _numbered_by_word_only(reflist, typed)))
    ):
        # Author-year citations typed as text (reference-manager fields keep their own keys).
        chosen = choose(style, typed, reflist.references,
                        read_author_year(masked, text, reflist.references, skip, forced,
                                         # Entries a hard break cut in two: joined by their heads,
                                         # within the list's section (not in a field's list).
                                         resplit_lines=not bibliographies and bool(reflist.references),
                                         paragraph_break=PARAGRAPH_BREAK,
                                         resplit_end=_section_end(walker, reflist.references[0].span.start)
                                         if reflist.references else None),
                        forced)
        style, typed, mixed = chosen.style, chosen.citations, chosen.mixed
        reflist.references = chosen.references
    citations = sorted(field_citations + typed, key=lambda c: c.span.start)
    references = _attach_field_data(reflist.references, field_cites) if reflist else []
    cited_by_text: set[str] = set()
    if field_citations and style is CitationStyle.KEY and reflist is not None and not reflist.numbered:
        references, citations, heads = _author_date_labels(references, citations)
        if heads is not None:
            # Citations typed by hand beside the fields ("(Hong & Youk, 2020)"), matched
            # against the list as in any author-year manuscript.
            typed_ay = _typed_author_year(masked, text, references, heads, skip)
            citations = sorted(citations + typed_ay, key=lambda c: c.span.start)
            linked = [c for c in citations if c.command is not None and c.style is CitationStyle.KEY]
            own = {fc.citation.span.start: _item_names(fc.data.items) for fc in field_cites}
            found, cited_by_text = link_mismatches(
                linked, references, heads,
                agrees=lambda citation, named: _named_items(named, own.get(citation.span.start, set())),
            )
            problems.extend(found)
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
        has_reference_section=reflist is not None,
        problems=problems,
        metadata={
            "reference_list_numbered": bool(reflist and reflist.numbered),
            "parts": parts,
            "citation_fields": len(field_cites),
            "bibliography_field": bool(bibliographies),
            # An unnumbered list and no numbered citation: an author-year manuscript.
            "author_year": bool(reflist and not reflist.numbered and not citations),
            "mixed_citations": mixed,
            "cited_by_text": sorted(cited_by_text),
        },
    )


def read_docx(path: str, options: ReadOptions | None = None) -> Document:
    """Read a Word .docx manuscript."""
    options = options or ReadOptions()
    return parse_docx(read_bytes(path, options.max_bytes), path, options)
