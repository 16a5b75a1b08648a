"""The data models of BibTeX and biblatex: which fields each entry type requires.

**BibTeX** (Oren Patashnik, *BibTeXing*, 1988, "Entry types", the model the
standard styles plain/unsrt/alpha/abbrv implement): ``@article`` needs author,
title, journal and year; ``@book`` author or editor, title, publisher and year;
``@inbook`` also chapter or pages; ``@incollection`` author, title,
booktitle, publisher and year; ``@inproceedings`` (and ``@conference``)
author, title, booktitle and year; ``@mastersthesis`` and ``@phdthesis``
author, title, school and year; ``@techreport`` author, title, institution and
year; ``@proceedings`` title and year; ``@booklet`` and ``@manual`` title;
``@unpublished`` author, title and note; ``@misc`` nothing.  The standard
styles format an unknown type (``@electronic``, ``@online``) as ``@misc``, so
it requires nothing.  ``school`` and ``institution`` are different fields.

**biblatex** (Philipp Lehman et al., *The biblatex Package*, §2.1.1 "Regular
types", and the constraints of its default data model, ``blx-dm.def``):
every regular type needs ``date`` or ``year``; ``@article`` author, title
and journaltitle; ``@book`` author and title (no publisher); ``@inbook``
author, title and booktitle; ``@incollection`` author, editor, title and
booktitle; ``@inproceedings`` author, title and booktitle; ``@proceedings``
and ``@collection`` editor and title; ``@report`` and ``@thesis`` author,
title, type and institution; ``@online`` title and url; ``@misc`` and
``@manual`` title; ``@unpublished`` author and title.  Its field aliases
apply (``journal`` is ``journaltitle``, ``school`` is ``institution``,
``address`` is ``location``), and so do its type aliases: ``@phdthesis`` and
``@mastersthesis`` are ``@thesis``, ``@techreport`` is ``@report`` (each
with its ``type`` implied), ``@conference`` is ``@inproceedings``,
``@electronic`` and ``@www`` are ``@online``.  An unknown type requires nothing.

Which model applies: biblatex for a ``.bib`` that a LaTeX document reads with
``\\addbibresource``, or that pandoc reads (pandoc reads ``.bib`` as biblatex
and ``.bibtex`` as BibTeX), or whose entries use biblatex's own types or
fields (``journaltitle``, ``date``, ``@online``, ``@thesis``...); BibTeX
otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable

BIBTEX = "bibtex"
BIBLATEX = "biblatex"

#: BibTeX's required fields per entry type; "a|b" means either one.
BIBTEX_REQUIRED: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journal", "year"),
    "book": ("author|editor", "title", "publisher", "year"),
    "booklet": ("title",),
    "conference": ("author", "title", "booktitle", "year"),
    "inbook": ("author|editor", "title", "chapter|pages", "publisher", "year"),
    "incollection": ("author", "title", "booktitle", "publisher", "year"),
    "inproceedings": ("author", "title", "booktitle", "year"),
    "manual": ("title",),
    "mastersthesis": ("author", "title", "school", "year"),
    "misc": (),
    "phdthesis": ("author", "title", "school", "year"),
    "proceedings": ("title", "year"),
    "techreport": ("author", "title", "institution", "year"),
    "unpublished": ("author", "title", "note"),
}

_DATE = "date|year"
#: biblatex's required fields per entry type (its default data model).
BIBLATEX_REQUIRED: dict[str, tuple[str, ...]] = {
    "article": ("author", "title", "journaltitle", _DATE),
    "book": ("author", "title", _DATE),
    "mvbook": ("author", "title", _DATE),
    "inbook": ("author", "title", "booktitle", _DATE),
    "bookinbook": ("author", "title", "booktitle", _DATE),
    "suppbook": ("author", "title", "booktitle", _DATE),
    "booklet": ("author|editor", "title", _DATE),
    "collection": ("editor", "title", _DATE),
    "mvcollection": ("author", "title", _DATE),
    "incollection": ("author", "editor", "title", "booktitle", _DATE),
    "suppcollection": ("author", "editor", "title", "booktitle", _DATE),
    "manual": ("title", _DATE),
    "misc": ("title", _DATE),
    "online": ("title", "url", _DATE),
    "patent": ("author", "title", "number", _DATE),
    "periodical": ("editor", "title", _DATE),
    "suppperiodical": (_DATE,),
    "proceedings": ("editor", "title", _DATE),
    "mvproceedings": ("editor", "title"),
    "inproceedings": ("author", "title", "booktitle", _DATE),
    "reference": ("editor", "title", _DATE),
    "mvreference": ("author", "title"),
    "inreference": ("author", "editor", "title", "booktitle", _DATE),
    "report": ("author", "title", "type", "institution", _DATE),
    "thesis": ("author", "title", "type", "institution", _DATE),
    "unpublished": ("author", "title", _DATE),
}
#: biblatex's type aliases, and the ``type`` each implies.
BIBLATEX_TYPE_ALIASES: dict[str, tuple[str, bool]] = {
    "conference": ("inproceedings", False),
    "electronic": ("online", False),
    "www": ("online", False),
    "mastersthesis": ("thesis", True),
    "phdthesis": ("thesis", True),
    "techreport": ("report", True),
}
#: biblatex's field aliases (legacy BibTeX names).
BIBLATEX_FIELD_ALIASES: dict[str, str] = {
    "journal": "journaltitle", "school": "institution", "address": "location",
    "annote": "annotation", "archiveprefix": "eprinttype", "primaryclass": "eprintclass",
}
def uses_biblatex(entries: Iterable[tuple[str, frozenset[str]]]) -> bool:
    """Whether entries ``(type, field names)`` are written for biblatex: one of
    them gives ``journaltitle`` without ``journal`` or ``date`` without ``year``,
    which BibTeX would not see.  (biblatex's other fields and types are weak
    evidence: reference managers export ``urldate`` and ``@online`` for
    BibTeX too, and BibTeX formats an unknown type as ``@misc``.)"""
    return any(
        ("journaltitle" in names and "journal" not in names) or ("date" in names and "year" not in names)
        for _, names in entries
    )


def missing_required(entry_type: str, present: frozenset[str], model: str) -> list[str]:
    """The required fields of ``entry_type`` (in ``model``) that ``present`` lacks,
    each as "a or b" when either would do."""
    kind = entry_type.lower()
    if model == BIBLATEX:
        kind, type_implied = BIBLATEX_TYPE_ALIASES.get(kind, (kind, False))
        names = {BIBLATEX_FIELD_ALIASES.get(name, name) for name in present}
        if type_implied:
            names.add("type")
        required = BIBLATEX_REQUIRED.get(kind, ())
    else:
        names = set(present)
        required = BIBTEX_REQUIRED.get(kind, ())
    missing = [spec for spec in required if not any(n in names for n in spec.split("|"))]
    if model == BIBLATEX:  # name the legacy alias a BibTeX user writes: "journaltitle (or journal)"
        missing = [spec + "".join(f" (or {old})" for old, new in BIBLATEX_FIELD_ALIASES.items() if new == spec)
                   for spec in missing]
    return [spec.replace("|", " or ") for spec in missing]


__all__ = ["BIBLATEX", "BIBLATEX_REQUIRED", "BIBTEX", "BIBTEX_REQUIRED", "missing_required", "uses_biblatex"]
