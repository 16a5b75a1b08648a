"""Loading the bibliography databases a manuscript names, whatever their format.

LaTeX names ``.bib`` files; pandoc's front matter names ``.bib``, CSL-JSON
(``.json``) or CSL-YAML (``.yaml``) files.  Each becomes one more
:class:`~citecheck.model.Source` of the document, so that findings about
its entries point into it.
"""

from __future__ import annotations

import os

from citecheck.encoding import read_text
from citecheck.errors import InputError
from citecheck.model import ReaderProblem, Source, Span
from citecheck.readers.bibtex import BibDatabase, parse_bibtex
from citecheck.readers.csljson import csl_references, parse_csl_json
from citecheck.readers.structured import DataError, load_yaml

#: Extensions of the bibliography formats citecheck reads.
BIBLIOGRAPHY_EXTENSIONS = (".bib", ".bibtex", ".json", ".yaml", ".yml")


def load_bibliography(path: str, source_index: int, max_bytes: int) -> tuple[Source, BibDatabase]:
    """Read one bibliography file as source number ``source_index``.

    Raises :class:`~citecheck.errors.InputError` if the file cannot be read.
    """
    decoded = read_text(path, max_bytes)
    source = Source(path, decoded.text, decoded.encoding)
    ext = os.path.splitext(path)[1].lower()
    if ext == ".json":
        return source, parse_csl_json(source, source_index)
    if ext in (".yaml", ".yml"):
        return source, _parse_csl_yaml(source, source_index)
    return source, parse_bibtex(decoded.text, source, source_index)


def _parse_csl_yaml(source: Source, source_index: int) -> BibDatabase:
    try:
        data = load_yaml(source.text)
    except DataError as error:
        span = Span(error.offset, error.offset + 1, source_index)
        return BibDatabase(problems=[ReaderProblem("CC001", f"invalid YAML: {error.message}", span)])
    if isinstance(data, dict):
        data = data.get("references") or []
    return csl_references(data if isinstance(data, list) else [], source, source_index)


def unreadable_problem(error: InputError, span_source: int, start: int, end: int) -> ReaderProblem:
    """A CC001 problem, at the command that named the file, for a file that exists but cannot be read."""
    return ReaderProblem("CC001", f"cannot read {error.path}: {error.message}", Span(start, end, span_source))


__all__ = ["BIBLIOGRAPHY_EXTENSIONS", "load_bibliography", "unreadable_problem"]
