"""CC402 incomplete-reference: a reference lacks its year, title or required fields.

A reader cannot find a work from a reference without its title, or tell two
editions apart without its year.  For a reference written in a reference
list, citecheck parses the text and reports when it finds no year or no
title.  (The parse is heuristic, so this is information, not a warning.)

For an entry of a bibliography database (a ``.bib`` file), the entry type's
required fields are checked instead, following BibTeX's standard styles:
``@article`` needs author, title, journal and year; ``@inproceedings`` needs
author, title, booktitle and year; ``@book`` needs author or editor, title,
publisher and year; and so on (see :data:`REQUIRED_FIELDS`).  Readers map
``journal``/``booktitle`` to the container, and ``school``/``institution``
to the publisher; an editor counts as an author.

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

from citecheck.model import Document, Finding, ReferenceFields, ReferenceOrigin, Severity
from citecheck.refparse import parse_reference
from citecheck.rules.base import RuleContext

CODE = "CC402"
NAME = "incomplete-reference"
SEVERITY = Severity.INFO
SUMMARY = "A reference has no year or title, or a .bib entry lacks a required field."
OPTIONS: dict[str, object] = {}

# BibTeX's required fields per entry type ("a|b" means either one).
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


def _has(fields: ReferenceFields, name: str) -> bool:
    value = {
        "author": fields.authors,
        "editor": fields.authors,
        "title": fields.title,
        "journal": fields.container,
        "booktitle": fields.container,
        "publisher": fields.publisher,
        "school": fields.publisher,
        "institution": fields.publisher,
        "year": fields.year,
        "pages": fields.pages,
        "chapter": fields.pages,
        "url": fields.url or fields.doi,
    }.get(name)
    return bool(value)


def missing_fields(fields: ReferenceFields, entry_type: str | None) -> list[str]:
    """Required fields of ``entry_type`` that ``fields`` lacks.

    Without a known entry type, a reference needs a title and a year.
    """
    required = REQUIRED_FIELDS.get((entry_type or "").lower(), ("title", "year")) if entry_type else ("title", "year")
    return [spec.replace("|", " or ") for spec in required if not any(_has(fields, n) for n in spec.split("|"))]


def check(document: Document, ctx: RuleContext) -> Iterator[Finding]:
    for ref in document.references:
        fields = ref.fields if ref.fields is not None else parse_reference(ref.text)
        database = ref.origin is ReferenceOrigin.DATABASE and ref.entry_type
        missing = missing_fields(fields, ref.entry_type if database else None)
        if not missing:
            continue
        listed = " and ".join(missing) if len(missing) <= 2 else ", ".join(missing[:-1]) + " and " + missing[-1]
        if database:
            message = f"entry {ref.label} (@{ref.entry_type}) lacks the required field{'s' if len(missing) > 1 else ''} {listed}"
        else:
            message = f"reference {ref.label} has no {listed.replace(' and ', ' and no ')} that citecheck could find"
        yield ctx.finding(ref.span, message, references=[ref.label])
