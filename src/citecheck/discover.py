"""Expanding the paths given on the command line into the files to check.

A directory is walked recursively for files whose extension a reader is
registered for (:data:`citecheck.readers.SUPPORTED_EXTENSIONS`, which grows
as readers are added).  Hidden directories are skipped, and so are paths that
a ``.gitignore`` ignores (those in the walked tree and above it, up to the
repository root) or that an ``exclude`` glob matches.  A file named
explicitly is always checked, whatever its extension.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pathspec import GitIgnoreSpec

from citecheck.encoding import MAX_BYTES, is_regular_file, open_regular
from citecheck.readers import SUPPORTED_EXTENSIONS, walkable
from citecheck.readers.confine import git_work_tree


@dataclass(frozen=True)
class _Ignore:
    """The .gitignore of ``root``: patterns relative to that directory."""

    root: str
    spec: GitIgnoreSpec


def _read_gitignore(directory: str) -> _Ignore | None:
    path = os.path.join(directory, ".gitignore")
    try:
        with open_regular(path) as handle:  # not a pipe or device: that would hang
            lines = handle.read(MAX_BYTES).decode("utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return _Ignore(directory, GitIgnoreSpec.from_lines(lines))


def _ancestor_ignores(directory: str) -> list[_Ignore]:
    """The .gitignore files above ``directory``, up to its repository's root."""
    root = git_work_tree(directory)
    if root is None:
        return []
    out = []
    current = os.path.dirname(directory)
    while len(current) >= len(root):
        found = _read_gitignore(current)
        if found:
            out.append(found)
        if current == root:
            break
        current = os.path.dirname(current)
    return out[::-1]


def _excluded(path: str, exclude: Sequence[str]) -> bool:
    posix = os.path.abspath(path).replace(os.sep, "/")
    name = os.path.basename(path)
    return any(fnmatch.fnmatch(posix, g) or fnmatch.fnmatch(name, g) for g in exclude)


def _ignored(path: str, is_dir: bool, ignores: Iterable[_Ignore]) -> bool:
    # Later (deeper) files can re-include with "!", so the last verdict wins.
    verdict = False
    for ignore in ignores:
        rel = os.path.relpath(path, ignore.root).replace(os.sep, "/")
        if rel.startswith("../"):
            continue
        result = ignore.spec.check_file(rel + "/" if is_dir else rel)
        if result.include is not None:
            verdict = bool(result.include)
    return verdict


def walk(directory: str, exclude: Sequence[str] = (), gitignore: bool = True,
         extensions: Iterable[str] | None = None) -> list[str]:
    """The supported files below ``directory``, sorted, as paths joined onto it."""
    wanted = frozenset(e.lower() for e in (SUPPORTED_EXTENSIONS if extensions is None else extensions))
    top = os.path.abspath(directory)
    inherited = _ancestor_ignores(top) if gitignore else []
    stack: dict[str, list[_Ignore]] = {}
    found: list[str] = []
    for current, dirs, files in os.walk(directory):
        parent = stack.get(os.path.dirname(os.path.abspath(current)), inherited)
        ignores = list(parent)
        own = _read_gitignore(os.path.abspath(current)) if gitignore else None
        if own:
            ignores.append(own)
        stack[os.path.abspath(current)] = ignores
        dirs[:] = sorted(
            d for d in dirs
            if not d.startswith(".")
            and not _excluded(os.path.join(current, d), exclude)
            and not _ignored(os.path.abspath(os.path.join(current, d)), True, ignores)
        )
        for name in sorted(files):
            path = os.path.join(current, name)
            if os.path.splitext(name)[1].lower() not in wanted or name.startswith("."):
                continue
            if _excluded(path, exclude) or _ignored(os.path.abspath(path), False, ignores):
                continue
            if not is_regular_file(path):  # a named pipe or device: never opened
                continue
            if not walkable(path):  # e.g. an .xml file that is not a JATS article
                continue
            found.append(path)
    return found


def expand_paths(paths: Sequence[str], exclude: Sequence[str] = (), gitignore: bool = True) -> list[str]:
    """Files to check for ``paths``: directories walked, files kept as given, no repeats."""
    out: list[str] = []
    seen: set[str] = set()
    for path in paths:
        # A walk skips the parts of documents (\input chapters, named .bib files).
        if os.path.isdir(path):
            from citecheck.readers.projects import without_parts  # loads the LaTeX and pandoc readers

            found = without_parts(walk(path, exclude, gitignore))
        else:
            found = [path]
        for item in found:
            key = os.path.abspath(item)
            if key not in seen:
                seen.add(key)
                out.append(item)
    return out
