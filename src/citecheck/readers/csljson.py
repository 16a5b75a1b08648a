"""CSL-JSON (and CSL-YAML) bibliographies, as pandoc and Zotero write them.

A CSL item is a dict with ``id``, ``type``, ``author`` (a list of
``{"family", "given"}`` or ``{"literal"}``), ``title``, ``container-title``,
``issued`` (``{"date-parts": [[2020, 5]]}``), ``DOI`` and so on.  Each item
becomes a Reference with ``origin=DATABASE``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import Any

from citecheck.doi import normalize_doi
from citecheck.model import Author, ReaderProblem, Reference, ReferenceFields, ReferenceOrigin, Source, Span
from citecheck.readers.bibtex import BibDatabase
from citecheck.readers.structured import DataError, load_json

_TYPES = {
    "article-journal": "article", "article": "article", "article-magazine": "article",
    "article-newspaper": "article", "review": "article", "book": "book",
    "chapter": "chapter", "paper-conference": "conference", "thesis": "thesis",
    "report": "report", "webpage": "web", "post-weblog": "web", "dataset": "dataset",
    "software": "software", "patent": "patent", "manuscript": "misc", "preprint": "preprint",
}
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d|21\d\d)\b")


def _str(item: Mapping[str, Any], *names: str) -> str | None:
    for name in names:
        value = item.get(name)
        if isinstance(value, (str, int)) and str(value).strip():
            return " ".join(str(value).split())
    return None


def _names(values: Any) -> tuple[Author, ...]:
    authors: list[Author] = []
    for person in values if isinstance(values, list) else []:
        if not isinstance(person, Mapping):
            continue
        if person.get("literal"):
            authors.append(Author(str(person["literal"]), "", is_group=True))
        elif person.get("family"):
            particle = person.get("non-dropping-particle")
            family = f"{particle} {person['family']}" if particle else str(person["family"])
            authors.append(Author(family, str(person.get("given") or "")))
    return tuple(authors)


def _year(issued: Any) -> int | None:
    if isinstance(issued, Mapping):
        parts = issued.get("date-parts")
        if isinstance(parts, list) and parts and isinstance(parts[0], list) and parts[0]:
            try:
                return int(parts[0][0])
            except (TypeError, ValueError):
                return None
        raw = issued.get("raw") or issued.get("literal")
        match = _YEAR.search(str(raw or ""))
        return int(match.group(1)) if match else None
    match = _YEAR.search(str(issued or ""))
    return int(match.group(1)) if match else None


def item_fields(item: Mapping[str, Any]) -> ReferenceFields:
    """Map one CSL item to ReferenceFields."""
    raw_doi = _str(item, "DOI", "doi")
    csl_type = str(item.get("type") or "")
    return ReferenceFields(
        authors=_names(item.get("author")) or _names(item.get("editor")),
        title=_str(item, "title"),
        container=_str(item, "container-title"),
        year=_year(item.get("issued")),
        volume=_str(item, "volume"),
        issue=_str(item, "issue"),
        pages=_str(item, "page"),
        edition=_str(item, "edition"),
        publisher=_str(item, "publisher"),
        doi=normalize_doi(raw_doi) if raw_doi else None,
        raw_doi=raw_doi,
        pmid=_str(item, "PMID"),
        pmcid=_str(item, "PMCID"),
        isbn=_str(item, "ISBN"),
        url=_str(item, "URL"),
        type=_TYPES.get(csl_type, "misc"),
        note=_str(item, "note"),
    )


_ANY_ID = re.compile(r"""(?:"id"\s*:\s*"|\bid\s*:\s*["']?)([^"'\s,}\]]+)""")


def _id_offsets(text: str) -> dict[str, list[int]]:
    """Where each id is written (one pass; compiling a pattern per item would cost more than reading)."""
    found: dict[str, list[int]] = {}
    for match in _ANY_ID.finditer(text):
        found.setdefault(match.group(1), []).append(match.start(1))
    return found


def _locate_id(text: str, key: str, start: int, offsets: dict[str, list[int]] | None = None,
               search: bool = True) -> tuple[int, int]:
    """The offsets of an item's id as written: ``"id": "key"`` or ``id: key``
    (with ``search=False``, only where the one pass of :func:`_id_offsets` saw it)."""
    known = (offsets or {}).get(key)
    if known:
        i = bisect_left(known, start)
        at = known[i] if i < len(known) else known[0]
        return at, at + len(key)
    if not search:
        return start, start
    pattern = re.compile(r"""(?:"id"\s*:\s*"|\bid\s*:\s*["']?)(""" + re.escape(key) + r")(?![\w:.-])")
    match = pattern.search(text, start) or pattern.search(text)
    return (match.start(1), match.end(1)) if match else (start, start)


def csl_references(items: Iterable[Any], source: Source, source_index: int, search: bool = True) -> BibDatabase:
    """References for CSL items; each span is the item's ``id`` in the source text.

    ``search=False``: an id that is not written as one (given to the items by their
    reader) gets an empty span where the last one ended, without a search of the
    whole text per item, which made many such items quadratic."""
    out = BibDatabase()
    search_from = 0
    offsets = _id_offsets(source.text)
    for item in items:
        if not isinstance(item, Mapping) or not item.get("id"):
            continue
        key = str(item["id"])
        start, end = _locate_id(source.text, key, search_from, offsets, search)
        search_from = end
        out.references.append(
            Reference(
                label=key,
                span=Span(start, end, source_index),
                text=json.dumps(item, ensure_ascii=False)[:2000],
                origin=ReferenceOrigin.DATABASE,
                fields=item_fields(item),
                entry_type=str(item.get("type") or "") or None,
            )
        )
    return out


def parse_csl_json(source: Source, source_index: int) -> BibDatabase:
    """Read a CSL-JSON file (a list of items, or ``{"items": [...]}``)."""
    try:
        data = load_json(source.text)
    except DataError as error:
        span = Span(error.offset, error.offset + 1, source_index)
        return BibDatabase(problems=[ReaderProblem("CC001", f"invalid CSL-JSON: {error.message}", span)])
    if isinstance(data, Mapping):
        data = data.get("items") or data.get("references") or []
    if not isinstance(data, list):
        problem = ReaderProblem("CC001", "CSL-JSON must be a list of items", Span(0, 1, source_index))
        return BibDatabase(problems=[problem])
    return csl_references(data, source, source_index)


__all__ = ["csl_references", "item_fields", "parse_csl_json"]
