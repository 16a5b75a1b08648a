"""Reference strings into bibliographic fields.

Public API:

``parse_reference(text) -> ReferenceFields``
    Parse one reference as written in a reference list (any of Vancouver,
    APA, Harvard, IEEE, Chicago, Nature or GB/T 7714 styles).
``ensure_fields(document) -> None``
    Fill ``fields`` for every reference of a document that has none, parsing
    each reference once.  Readers that know the fields (BibTeX, JATS) set
    them themselves and are left alone.
``extract_identifiers(text) -> Identifiers``
    Only the identifiers (DOI as written and normalised, PMID, PMCID, arXiv,
    ISBN, URL) and the text without them.
"""

from __future__ import annotations

from citecheck.model import Document, ReferenceFields, with_fields
from citecheck.refparse.identifiers import Identifiers, extract_identifiers
from citecheck.refparse import fastpath
from citecheck.refparse.parser import normalise, parse_normalised, strip_label

__all__ = [
    "Identifiers",
    "ensure_fields",
    "extract_identifiers",
    "parse_reference",
    "strip_label",
]


def parse_reference(text: str) -> ReferenceFields:
    """Parse one reference string into fields (see :mod:`.parser`).

    A plain journal article of the two commonest shapes is read by
    :mod:`.fastpath`, with the fields the general parser gives it; anything
    else by the general parser.
    """
    text = normalise(text)
    fields = fastpath.parse_normalised(text)
    return fields if fields is not None else parse_normalised(text)


def ensure_fields(document: Document) -> None:
    """Parse the text of every reference whose ``fields`` is ``None``, in place."""
    refs = document.references
    for i, ref in enumerate(refs):
        if ref.fields is None:
            refs[i] = with_fields(ref, parse_reference(ref.text))
