"""Bibliographic fields of a JATS reference: ``<element-citation>``,
``<mixed-citation>`` and NLM's ``<citation>``.

Authors come from the ``person-group`` of type author (or the names before the
title when there is no group, so that editors after "In:" are left out),
``collab`` gives a group author and ``etal`` sets ``et_al``.  The DOI is a
``pub-id`` of type doi, or a doi.org link, or a DOI written in the text; it is
normalised with :func:`citecheck.doi.normalize_doi` and kept as written in
``raw_doi``.
"""

from __future__ import annotations

import re

from lxml import etree

from citecheck.doi import find_dois, is_doi_url, normalize_doi
from citecheck.model import Author, ReferenceFields

_YEAR = re.compile(r"\d{4}")
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_TITLES = frozenset({"article-title", "chapter-title", "source", "trans-title"})


def local(element: etree._Element) -> str:
    """An element's tag without its namespace."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def text_of(element: etree._Element | None, separator: str = "") -> str:
    """The element's text, white space collapsed; ``separator`` joins the
    stripped pieces (for element-citations, whose children carry no spaces)."""
    if element is None:
        return ""
    pieces = element.itertext()
    if separator:
        pieces = (p.strip() for p in pieces)
    return " ".join(separator.join(pieces).split())



def _first_child(element: etree._Element, *names: str) -> etree._Element | None:
    for child in element.iter():
        if local(child) in names:
            return child
    return None


def _authors(citation: etree._Element) -> tuple[tuple[Author, ...], bool]:
    groups = [g for g in citation.iter() if local(g) == "person-group"]
    authors_group = next(
        (g for g in groups if g.get("person-group-type", "author") == "author"), None
    )
    scope: etree._Element | None = authors_group
    if scope is None:
        scope = citation if not groups else groups[0]
    authors: list[Author] = []
    et_al = False
    skipped = _other_alternatives(scope)
    for node in scope.iter():
        name = local(node)
        if scope is citation and name in _TITLES:
            break  # names after the title are editors ("In: Smith J, editor")
        if node in skipped:
            continue
        if name in ("name", "string-name"):
            family = text_of(_first_child(node, "surname"))
            given = text_of(_first_child(node, "given-names"))
            if family:
                authors.append(Author(family, given))
            elif name == "string-name" and text_of(node):
                authors.append(Author(text_of(node)))
        elif name == "collab" and text_of(node):
            authors.append(Author(text_of(node), is_group=True))
        elif name == "etal":
            et_al = True
    return tuple(authors), et_al


_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _other_alternatives(scope: etree._Element) -> set[etree._Element]:
    """The names a ``<name-alternatives>`` gives besides the one to read: one
    person written twice ("张三" and "Zhang San") is one author.  The English
    (``xml:lang="en"``) or else the first Latin-script form is read."""
    skipped: set[etree._Element] = set()
    for group in scope.iter():
        if local(group) != "name-alternatives":
            continue
        names = [n for n in group if local(n) in ("name", "string-name")]
        if len(names) < 2:
            continue
        keep = next((n for n in names if (n.get(_XML_LANG) or "").lower().startswith("en")), None)
        if keep is None:
            keep = next((n for n in names if text_of(n).isascii()), names[0])
        skipped.update(n for n in names if n is not keep)
    return skipped


def _written_doi(citation: etree._Element) -> str | None:
    """A DOI given as a link or in the text ("doi: 10.1098/...") rather than as a pub-id."""
    for node in citation.iter():
        if local(node) in ("ext-link", "uri"):
            href = node.get(XLINK_HREF) or ""
            if is_doi_url(href):
                return href
    text = "".join(citation.itertext())
    found = find_dois(text)
    return text[found[0][1] : found[0][2]] if found else None


def reference_fields(citation: etree._Element) -> ReferenceFields:
    """The fields of a ``<mixed-citation>`` or ``<element-citation>``."""
    authors, et_al = _authors(citation)
    year_text = text_of(_first_child(citation, "year"))
    year_match = _YEAR.search(year_text)
    fpage = text_of(_first_child(citation, "fpage"))
    lpage = text_of(_first_child(citation, "lpage"))
    pages = f"{fpage}-{lpage}" if fpage and lpage else (fpage or text_of(_first_child(citation, "elocation-id")))
    ids: dict[str, str] = {}
    for node in citation.iter():
        if local(node) in ("pub-id", "object-id"):
            kind = (node.get("pub-id-type") or "").lower()
            ids.setdefault(kind, text_of(node))
    raw_doi = ids.get("doi") or _written_doi(citation)
    title = text_of(_first_child(citation, "article-title", "chapter-title")) or None
    source = text_of(_first_child(citation, "source")) or None
    kind = citation.get("publication-type") or citation.get("citation-type")  # JATS / NLM 2.x
    volume = text_of(_first_child(citation, "volume")) or None
    issue = text_of(_first_child(citation, "issue")) or None
    if title is None and (
        kind not in (None, "journal", "periodical", "confproc")
        # Software or a data set typed as "journal" (common in PLOS and eLife
        # markup): a name in <source> and no volume, issue or pages.
        or (source and not (volume or issue or pages))
    ):
        # A book, report, web page...: its <source> is its title.
        title, source = source, None
    link = _first_child(citation, "ext-link", "uri")
    url = None
    if link is not None:
        url = link.get(XLINK_HREF) or text_of(link) or None
    return ReferenceFields(
        authors=authors,
        et_al=et_al,
        title=title,
        container=source,
        year=int(year_match.group(0)) if year_match else None,
        volume=volume,
        issue=issue,
        pages=pages or None,
        edition=text_of(_first_child(citation, "edition")) or None,
        publisher=text_of(_first_child(citation, "publisher-name")) or None,
        doi=normalize_doi(raw_doi) if raw_doi else None,
        raw_doi=raw_doi or None,
        pmid=ids.get("pmid") or None,
        pmcid=ids.get("pmcid") or None,
        url=url,
        type={"journal": "article", "confproc": "conference"}.get(kind or "", kind),
    )
