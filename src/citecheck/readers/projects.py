"""Which files of a folder are parts of another document, not documents of their own.

When ``citecheck check .`` walks a LaTeX project, ``chapter1.tex`` and
``refs.bib`` are read as parts of ``main.tex`` (and an R Markdown file's
child documents as parts of it); checking them again on their
own would report each of their findings twice.  :func:`without_parts` drops
them from a walked file list.  A Markdown file in a Manubot content folder
that is not a numbered chapter (``content/response-to-reviewers.md``) is not
part of the manuscript Manubot builds, and not a manuscript either: it is
dropped too.  A file no walked document includes (an
orphan chapter, a ``.bib`` no manuscript names) is kept.  Explicitly named
files are never dropped: only directory walks use this.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator

from citecheck.encoding import read_text
from citecheck.errors import InputError
from citecheck.parsing.latex_mask import mask_latex
from citecheck.parsing.latex_scan import IncludeCommand, scan_latex
from citecheck.readers.latex import MAX_DEPTH, expand_path_macros, find_include, path_macros
from citecheck.readers.manubot import CHAPTER, find_project
from citecheck.readers.pandoc import (
    MAX_CHILD_DEPTH,
    bibliography_names,
    child_documents,
    front_matter,
    implied_bibliographies,
    resolve_child,
    without_front_matter,
)
from citecheck.walkup import ancestors

_LATEX = (".tex", ".ltx")
_PANDOC = (".md", ".markdown", ".qmd", ".rmd", ".rmarkdown")


def _follow(path: str, limit: int, parts: Callable[[str, str, int], Iterable[str]]) -> None:
    """Read ``path``, then each file ``parts(file, text, depth)`` names to
    follow, and theirs, ``limit`` levels deep, each file once."""
    todo = [(path, 0)]
    seen = {os.path.realpath(path)}
    while todo:
        current, depth = todo.pop()
        try:
            text = read_text(current).text
        except InputError:
            continue
        for found in parts(current, text, depth):
            real = os.path.realpath(found)
            if real not in seen and depth < limit:
                seen.add(real)
                todo.append((found, depth + 1))


def _latex_parts(path: str, out: set[str]) -> None:
    """Add the files that the LaTeX document at ``path`` includes, transitively."""
    main_dir = os.path.dirname(path)
    macros: dict[str, str] = {}

    def parts(current: str, text: str, depth: int) -> Iterator[str]:
        masked = mask_latex(text)
        macros.update(path_macros(masked))
        for event in scan_latex(masked).events:
            if not isinstance(event, IncludeCommand):
                continue
            bases = [main_dir, os.path.dirname(current)]
            for name in event.names:
                found = find_include(expand_path_macros(name, macros), bases, event.kind)
                if found is not None:
                    out.add(os.path.realpath(found))
                    if event.kind == "tex":
                        yield found

    _follow(path, MAX_DEPTH, parts)


def _pandoc_parts(path: str, out: set[str]) -> None:
    """Add the bibliographies and the child documents (transitively) of a pandoc file."""

    def parts(current: str, text: str, depth: int) -> Iterator[str]:
        meta, fm_end, _ = front_matter(text)
        folder = os.path.dirname(current)
        names = bibliography_names(meta) if current == path else []
        for name in names:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                out.add(os.path.realpath(candidate))
        if current == path and not names and _may_find_a_bibliography(path):
            # Quarto project metadata, or the bibliography beside it: what the reader reads.
            out.update(os.path.realpath(p) for p in implied_bibliographies(path, text) if os.path.isfile(p))
        for name, _ in child_documents(text, without_front_matter(text, fm_end, True), unknitted=True):
            candidate = resolve_child(current, name, path)
            if os.path.isfile(candidate):
                out.add(os.path.realpath(candidate))
                yield candidate

    _follow(path, MAX_CHILD_DEPTH, parts)


def _may_find_a_bibliography(path: str) -> bool:
    """Whether a pandoc file that names no bibliography may get one from Quarto
    project metadata or from a ``.bib`` beside it (:mod:`citecheck.readers.pandoc`)."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        if any(n.lower().endswith((".bib", ".bibtex")) for n in os.listdir(folder)):
            return True
    except OSError:
        return False
    return any(os.path.isfile(os.path.join(f, "_quarto.yml")) or os.path.isfile(os.path.join(f, "_quarto.yaml"))
               for f in ancestors(folder))


def _manubot_extras(paths: list[str], out: set[str]) -> None:
    """Add the Markdown files of Manubot content folders that are not chapters."""
    chapters: dict[str, list[str]] = {}
    for path in paths:
        if CHAPTER.match(os.path.basename(path)):
            chapters.setdefault(os.path.dirname(os.path.realpath(path)), []).append(path)
    for path in paths:
        name = os.path.basename(path)
        if CHAPTER.match(name) or os.path.splitext(name)[1].lower() not in (".md", ".markdown"):
            continue
        siblings = chapters.get(os.path.dirname(os.path.realpath(path)))
        if siblings and find_project(siblings[0]) is not None:
            out.add(os.path.realpath(path))


def without_parts(paths: Iterable[str]) -> list[str]:
    """``paths`` without the files that another of them includes or names as
    bibliography, and without the letters beside a Manubot manuscript's chapters."""
    paths = list(paths)
    parts: set[str] = set()
    for path in paths:
        ext = os.path.splitext(path)[1].lower()
        if ext in _LATEX:
            _latex_parts(path, parts)
        elif ext in _PANDOC:
            _pandoc_parts(path, parts)
    _manubot_extras(paths, parts)
    return [p for p in paths if os.path.realpath(p) not in parts]


__all__ = ["without_parts"]
