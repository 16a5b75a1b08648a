"""One reader per input format, chosen by file extension.

A reader is a function ``(path, options) -> Document``.  Register a new format
by adding its extensions to :data:`READERS`.  Each reader's module is imported when a file
of its format is first read: a check of a text manuscript does not load the Word, JATS and
BibTeX readers (python-docx, lxml, bibtexparser).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from typing import Generic, TypeVar

from citecheck.errors import InputError
from citecheck.gcpause import gc_paused
from citecheck.model import Document
from citecheck.parsing.citations import TooManyCitations
from citecheck.readers.options import ReadOptions

Reader = Callable[[str, ReadOptions], Document]
F = TypeVar("F", bound=Callable[..., object])


class _Lazy(Generic[F]):
    """``module.function``, imported on the first call."""

    __slots__ = ("module", "function", "_target")

    def __init__(self, module: str, function: str) -> None:
        self.module, self.function = module, function
        self._target: F | None = None

    def load(self) -> F:
        if self._target is None:
            self._target = getattr(importlib.import_module(self.module), self.function)
        return self._target

    def __call__(self, *args: object) -> object:
        return self.load()(*args)

    def __repr__(self) -> str:
        return f"{self.module}.{self.function}"


def _reader(module: str, function: str) -> Reader:
    lazy: _Lazy[Reader] = _Lazy(f"citecheck.readers.{module}", function)
    return lazy  # type: ignore[return-value]  # called as a Reader; returns its Document


read_plain = _reader("text", "read_plain")
read_markdown = _reader("text", "read_markdown")
read_latex = _reader("latex", "read_latex")
read_bibtex = _reader("bibtex", "read_bibtex")
read_pandoc = _reader("pandoc", "read_pandoc")
read_docx = _reader("docx", "read_docx")
read_jats = _reader("jats", "read_jats")


def looks_like_jats(path: str) -> bool:
    from citecheck.readers.jats import looks_like_jats as sniff

    return sniff(path)

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
    ".jats": ("jats", read_jats),  # pandoc's and JOSS's name for JATS output
}

#: Formats a directory walk picks up.
SUPPORTED_EXTENSIONS = frozenset(READERS)

#: Extensions a directory walk takes only when the content is that format:
#: most .xml files in a project are not JATS articles.  A file named
#: explicitly is always read (and a non-JATS .xml is reported as unreadable).
SNIFFERS: dict[str, Callable[[str], bool]] = {".xml": looks_like_jats, ".jats": looks_like_jats}


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
        with gc_paused():  # reading only builds: see citecheck.gcpause
            return reader(path, options or ReadOptions())
    except TooManyCitations as error:
        raise InputError(path, str(error)) from None
