"""The plain-text and Markdown reader.

A Markdown file written for pandoc (``[@key]`` citations, a ``bibliography``
in its front matter) is handed to :mod:`citecheck.readers.pandoc`.

Both formats share one pipeline: decode, mask what cannot hold a citation,
find the reference list, then scan the rest of the text for numbered
citations.  Markdown differs only in what is masked (code, links, comments)
and in which headings count (ATX and setext).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from citecheck.encoding import decode, read_bytes
from citecheck.model import Citation, CitationStyle, Document, Reference, Source, Span
from citecheck.parsing.authoryear import choose, read_author_year
from citecheck.parsing.citations import ScanContext, detect_style, find_citations
from citecheck.parsing.masking import mask_markdown, mask_plain
from citecheck.parsing.reflist import find_reference_lists
from citecheck.gcpause import gc_paused
from citecheck.readers.options import ReadOptions


def parse_text(
    text: str,
    path: str = "<text>",
    markdown: bool = False,
    options: ReadOptions | None = None,
    encoding: str = "utf-8",
) -> Document:
    """Build a Document from decoded, newline-normalised text."""
    with gc_paused():  # reading only builds: see citecheck.gcpause
        return _parse_text(text, path, markdown, options or ReadOptions(), encoding)


def _parse_text(text: str, path: str, markdown: bool, options: ReadOptions, encoding: str) -> Document:
    masked = mask_markdown(text) if markdown else mask_plain(text)
    if markdown:
        # Imported here: the pandoc reader loads the BibTeX and CSL readers, which plain
        # text never needs.
        from citecheck.readers.pandoc import looks_like_pandoc, parse_pandoc

        if looks_like_pandoc(text, masked, options, path):
            return parse_pandoc(text, path, options, encoding, masked)
    lists = find_reference_lists(masked, markdown, original=text)
    reflist = lists[-1] if lists else None
    # Only the last list is the document's, but no list's entry markers are
    # citations: "[1] Macedo F. ..." in an earlier list must not cite 1.
    skip = tuple(Span(found.heading.start, found.end) for found in lists)
    references = list(reflist.references) if reflist is not None else []
    footnoted = markdown and _footnote_list(text, references)
    if footnoted:
        masked = _footnote_citations(masked, references, skip)
    ctx = ScanContext(
        skip=skip,
        reference_count=len(references),
        numbered_list=reflist is None or reflist.numbered or footnoted,
    )
    forced = options.style is CitationStyle.AUTHOR_YEAR
    other_style: list[Citation] = []
    if forced:
        style, citations = CitationStyle.BRACKET, []
    elif options.style is None:
        style, candidates = detect_style(masked, ctx)
        citations = candidates[style]
        # Brackets and superscripts in one document (a table cited in brackets,
        # the prose in superscripts): the other style's citations that fit the
        # list show that their references are cited, though they are not checked.
        other_style = [c for s in (CitationStyle.BRACKET, CitationStyle.SUPERSCRIPT) if s is not style
                       for c in candidates.get(s, [])]
    else:
        style, citations = find_citations(masked, ctx, options.style)
    if masked != text:  # a citation's text is as written, not as masked
        citations = [c if c.text == (original := text[c.span.start : c.span.end]) else replace(c, text=original)
                     for c in citations]
    count = len(references)
    fitting = {label for c in other_style if c.items and all(1 <= int(lab) <= count for lab in c.labels)
               for label in c.labels}
    if fitting:  # most documents have one style: skip the pass over every citation
        fitting -= {label for c in citations for label in c.labels}
    reading = None
    if reflist is not None and (forced or (options.style is None and not reflist.numbered and not footnoted)):
        reading = read_author_year(masked, text, references, skip, forced)
    chosen = choose(style, citations, references, reading, forced)
    style, citations, references = chosen.style, chosen.citations, chosen.references
    also_cited = [] if style is CitationStyle.AUTHOR_YEAR else sorted(fitting, key=int)
    return Document(
        path=path,
        format="markdown" if markdown else "text",
        sources=[Source(path, text, encoding)],
        citations=citations,
        references=references,
        style=style,
        reference_heading=reflist.heading if reflist else None,
        has_reference_section=reflist is not None,
        metadata={
            "reference_list_numbered": bool(reflist and reflist.numbered),
            # An unnumbered list with no numbered citation is an author-year
            # manuscript: numbered rules would call every entry uncited.
            "author_year": bool(reflist and not reflist.numbered and not citations),
            "cited_elsewhere": also_cited,
            "mixed_citations": chosen.mixed,
        },
    )


#: A footnote marker with a number: [^1].
_FOOTNOTE_MARKER = re.compile(r"\[\^(\d{1,6})\]")
_FOOTNOTE_DEFINITION = re.compile(r"\[\^(\d{1,6})\]:")


def _footnote_list(text: str, references: list[Reference]) -> bool:
    """Whether the reference list is made of footnote definitions numbered as the list
    ("[^1]: W. Dai, ...", "[^2]: ...": how pandoc Markdown of a paper may write it)."""
    if not references:
        return False
    for reference in references:
        marker = _FOOTNOTE_DEFINITION.match(text, reference.span.start)
        if marker is None or marker.group(1) != reference.label:
            return False
    return True


def _footnote_citations(masked: str, references: list[Reference], skip: tuple[Span, ...]) -> str:
    """``masked`` with the footnote markers that cite a footnote reference list shown to
    the citation scanner as brackets ("[^1]" as "[ 1]", same length; a citation's text is
    then taken from the original).  Markers of numbers the list does not hold stay notes."""
    labels = {r.label for r in references}
    starts = [span.start for span in skip]
    chars: list[str] | None = None
    for match in _FOOTNOTE_MARKER.finditer(masked):
        at = bisect_right(starts, match.start()) - 1
        if (at >= 0 and match.start() < skip[at].end) or match.group(1) not in labels:
            continue  # a definition in the list, or another note
        if chars is None:
            chars = list(masked)
        chars[match.start() + 1] = " "
    return masked if chars is None else "".join(chars)


def read_text_file(path: str, options: ReadOptions | None = None, markdown: bool = False) -> Document:
    options = options or ReadOptions()
    decoded = decode(read_bytes(path, options.max_bytes), path)
    return parse_text(decoded.text, path, markdown, options, decoded.encoding)


def read_plain(path: str, options: ReadOptions | None = None) -> Document:
    """Read a plain-text manuscript."""
    return read_text_file(path, options, markdown=False)


def read_markdown(path: str, options: ReadOptions | None = None) -> Document:
    """Read a Markdown manuscript."""
    return read_text_file(path, options, markdown=True)
