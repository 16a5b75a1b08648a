"""CC402 incomplete-reference: a reference lacks its year, title or required fields.

A reader cannot find a work from a reference without its title, or tell two
editions apart without its year.  For a reference written in a reference
list, citecheck parses the text and reports when it finds no year or no
title; an entry that says it has none ("n.d.", "in press", "(submitted)":
see :mod:`citecheck.parsing.yearstatus`) lacks no year.  (The parse is
heuristic, so this is information, not a warning.)

For an entry of a ``.bib`` file, the fields its entry type requires are
checked instead, following the data model that will format it
(:mod:`citecheck.bibmodel`):

- **BibTeX** (Patashnik, *BibTeXing*, "Entry types"): ``@article`` needs
  author, title, journal and year; ``@book`` author or editor, title,
  publisher and year; ``@phdthesis`` a ``school``, ``@techreport`` an
  ``institution`` (different fields); ``@unpublished`` a note; an unknown
  type (``@electronic``) is formatted as ``@misc`` and needs nothing.
- **biblatex** (*The biblatex Package*, §2.1.1, and its data model
  ``blx-dm.def``): every regular type needs ``date`` or ``year``; ``@book``
  needs author and title but no publisher; ``@article`` a journaltitle (or
  ``journal``, its alias); ``@thesis`` and ``@report`` an institution (or
  ``school``).  Used for a ``.bib`` read with ``\\addbibresource``, read by
  pandoc (which reads ``.bib`` as biblatex), or written with biblatex's own
  types and fields (``@online``, ``journaltitle``, ``date``).

An entry inherits the fields of its ``crossref`` parent.  Entries of other
databases (CSL-JSON) need a title and a year.

Bad::

    3. Hong S, Youk T, Lee SJ. PLoS One, 15(7): e0234927.

    @article{hong2020,
      author = {Hong, S.}, title = {Bone metastasis}, journal = {PLoS One}}

Good::

    3. Hong S, Youk T, Lee SJ. Bone metastasis and skeletal-related events in
       patients with solid cancer. PLoS One. 2020;15(7):e0234927.

    @article{hong2020,
      author = {Hong, S.}, title = {Bone metastasis}, journal = {PLoS One},
      year = {2020}}
"""

from __future__ import annotations

from collections.abc import Iterator

from citecheck.bibmodel import BIBLATEX, BIBTEX, missing_required, uses_biblatex
from citecheck.model import Document, Finding, Reference, ReferenceFields, ReferenceOrigin, Severity
from citecheck.parsing.yearstatus import states_status
from citecheck.refparse import parse_reference
from citecheck.rules.base import RuleContext

CODE = "CC402"
NAME = "incomplete-reference"
SEVERITY = Severity.INFO
SUMMARY = "A reference has no year or title, or a .bib entry lacks a required field."
OPTIONS: dict[str, object] = {}

# Required fields for database entries read without their field names (CSL-JSON,
# a .bbl), by BibTeX's entry types ("a|b" means either one); .bib entries are
# checked against the data models of citecheck.bibmodel instead.
REQUIRED_FIELDS: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "conference": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title"),
    "online": ("title", "url"),
    "misc": (),
    # A citation by persistent identifier (Manubot's @doi:..., @arxiv:...):
    # its metadata is fetched from the identifier when the manuscript is built.
    "identifier": (),
}


# The field of ReferenceFields that holds each required BibTeX field ("url": url or DOI).
_ATTRIBUTE = {
    "author": "authors",
    "editor": "authors",
    "title": "title",
    "journal": "container",
    "booktitle": "container",
    "publisher": "publisher",
    "school": "publisher",
    "institution": "publisher",
    "year": "year",
    "pages": "pages",
    "chapter": "pages",
}


def _has(fields: ReferenceFields, name: str) -> bool:
    if name == "url":
        return bool(fields.url or fields.doi)
    attribute = _ATTRIBUTE.get(name)
    return attribute is not None and bool(getattr(fields, attribute))


def missing_fields(fields: ReferenceFields, entry_type: str | None) -> list[str]:
    """Required fields of ``entry_type`` that ``fields`` lacks.

    Without a known entry type, a reference needs a title and a year.
    """
    if not entry_type and fields.title and fields.year:
        return []  # the usual reference of a list, without the walk over the required fields
    required = REQUIRED_FIELDS.get((entry_type or "").lower(), ("title", "year")) if entry_type else ("title", "year")
    return [spec.replace("|", " or ") for spec in required if not any(_has(fields, n) for n in spec.split("|"))]


def _data_models(document: Document) -> dict[int, str]:
    """The data model that formats each source of ``document``'s .bib entries."""
    by_source: dict[int, list[Reference]] = {}
    for ref in document.references:
        if ref.database_fields:
            by_source.setdefault(ref.span.source, []).append(ref)
    models = {}
    for index, refs in by_source.items():
        path = document.sources[index].path.lower() if index < len(document.sources) else ""
        if document.metadata.get("bib_data_model") == BIBLATEX:
            models[index] = BIBLATEX
        elif document.format == "pandoc" and path.endswith((".bib", ".bibtex")):
            models[index] = BIBLATEX if path.endswith(".bib") else BIBTEX
        else:
            entries = ((r.entry_type or "", r.database_fields) for r in refs)
            models[index] = BIBLATEX if uses_biblatex(entries) else BIBTEX
    return models


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    models = _data_models(document)
    # Entries of one type with the same fields lack the same: worked out once per shape.
    shapes: dict[tuple[str, frozenset[str], str], list[str]] = {}
    for ref in document.references:
        database = ref.origin is ReferenceOrigin.DATABASE and ref.entry_type
        if database and ref.database_fields:
            shape = (ref.entry_type or "", ref.database_fields, models.get(ref.span.source, BIBTEX))
            missing = shapes.get(shape)
            if missing is None:
                missing = shapes[shape] = missing_required(*shape)
        else:
            fields = ref.fields if ref.fields is not None else parse_reference(ref.text)
            missing = missing_fields(fields, ref.entry_type if database else None)
            if "year" in missing and states_status(ref.text):
                missing.remove("year")  # "(in press)", "n.d.": the entry says why it has none
        if not missing:
            continue
        listed = " and ".join(missing) if len(missing) <= 2 else ", ".join(missing[:-1]) + " and " + missing[-1]
        if database:
            message = f"entry {ref.label} (@{ref.entry_type}) lacks the required field{'s' if len(missing) > 1 else ''} {listed}"
            if ref.database_fields:
                message += f" ({'biblatex' if models.get(ref.span.source) == BIBLATEX else 'BibTeX'} data model)"
        else:
            message = f"reference {ref.label} has no {listed.replace(' and ', ' and no ')} that citecheck could find"
        yield ctx.finding(ref.span, message, references=[ref.label])
