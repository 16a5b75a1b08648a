"""One reader per input format, chosen by file extension.

A reader is a function ``(path, options) -> Document``.  Register a new format
by adding its extensions to :data:`READERS`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from citecheck.errors import InputError
from citecheck.model import Document
from citecheck.parsing.citations import TooManyCitations
from citecheck.readers.bibtex import read_bibtex
from citecheck.readers.docx import read_docx
from citecheck.readers.jats import looks_like_jats, read_jats
from citecheck.readers.latex import read_latex
from citecheck.readers.options import ReadOptions
from citecheck.readers.pandoc import read_pandoc
from citecheck.readers.text import read_markdown, read_plain

Reader = Callable[[str, ReadOptions], Document]

#: File extension (lower case, with the dot) -> (format name, reader).
READERS: dict[str, tuple[str, Reader]] = {
    ".txt": ("text", read_plain),
    ".text": ("text", read_plain),
    ".md": ("markdown", read_markdown),
    ".markdown": ("markdown", read_markdown),
    ".tex": ("latex", read_latex),
    ".ltx": ("latex", read_latex),
    ".bib": ("bibtex", read_bibtex),
    ".bibtex": ("bibtex", read_bibtex),
    ".qmd": ("pandoc", read_pandoc),
    ".rmd": ("pandoc", read_pandoc),
    ".rmarkdown": ("pandoc", read_pandoc),
    ".docx": ("docx", read_docx),
    ".xml": ("jats", read_jats),
    ".nxml": ("jats", read_jats),
}

#: Formats a directory walk picks up.
SUPPORTED_EXTENSIONS = frozenset(READERS)

#: Extensions a directory walk takes only when the content is that format:
#: most .xml files in a project are not JATS articles.  A file named
#: explicitly is always read (and a non-JATS .xml is reported as unreadable).
SNIFFERS: dict[str, Callable[[str], bool]] = {".xml": looks_like_jats}


def walkable(path: str) -> bool:
    """Whether a directory walk should check ``path``, whose extension is supported."""
    sniff = SNIFFERS.get(os.path.splitext(path)[1].lower())
    return sniff is None or sniff(path)


def format_for(path: str) -> tuple[str, Reader]:
    """The format and reader for ``path``; unknown extensions are read as plain text."""
    ext = os.path.splitext(path)[1].lower()
    return READERS.get(ext, ("text", read_plain))


def read_path(path: str, options: ReadOptions | None = None) -> Document:
    """Read any supported manuscript into a Document.

    Raises :class:`~citecheck.errors.InputError` if it cannot be read, or is
    too large to check (see :mod:`citecheck.parsing.citations`).
    """
    _, reader = format_for(path)
    try:
        return reader(path, options or ReadOptions())
    except TooManyCitations as error:
        raise InputError(path, str(error)) from None
