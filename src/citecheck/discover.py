"""Expanding the paths given on the command line into the files to check.

A directory is walked recursively for files whose extension a reader is
registered for (:data:`citecheck.readers.SUPPORTED_EXTENSIONS`, which grows
as readers are added).  Hidden directories are skipped, and so are paths that
a ``.gitignore`` ignores (those in the walked tree and above it, up to the
repository root) or that an ``exclude`` glob matches.  In a git checkout,
a file git tracks is checked even when a ``.gitignore`` pattern matches it
(``git ls-files`` semantics: a template's ``*`` ignores only untracked
files).  An ``exclude`` glob matches a path relative to the walked directory
or to the current directory (``drafts/old/*``), the absolute path, or the
file name.  Office lock files (``~$paper.docx``) are never manuscripts.  A
file named explicitly is always checked, whatever its extension.
"""

from __future__ import annotations

import fnmatch
import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from citecheck.encoding import MAX_BYTES, is_regular_file, open_regular
from citecheck.readers import SUPPORTED_EXTENSIONS, walkable
from citecheck.readers.confine import git_work_tree

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec


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
    from pathspec import GitIgnoreSpec  # here: a check of files that are named pays nothing for it

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


class _Tracked:
    """The files git tracks in the repository above a walked directory, asked
    for once and only when a .gitignore would skip something."""

    def __init__(self, directory: str) -> None:
        self.directory = directory
        self._files: set[str] | None = None
        self._dirs: set[str] = set()

    def _load(self) -> set[str]:
        if self._files is None:
            self._files = set()
            root = git_work_tree(self.directory)
            if root is None:
                return self._files
            try:
                done = subprocess.run(
                    # No fsmonitor: a repository's own config must not run a program here.
                    ["git", "-c", "core.fsmonitor=false", "-C", root, "ls-files", "-z", "--cached"],
                    capture_output=True, timeout=60, check=False,
                )
            except (OSError, subprocess.SubprocessError):
                return self._files  # no git: the .gitignore files alone decide
            if done.returncode != 0:
                return self._files
            for name in done.stdout.decode("utf-8", "surrogateescape").split("\0"):
                if name:
                    path = os.path.abspath(os.path.join(root, name))
                    self._files.add(path)
                    parent = os.path.dirname(path)
                    while parent not in self._dirs and len(parent) > len(root):
                        self._dirs.add(parent)
                        parent = os.path.dirname(parent)
        return self._files

    def holds(self, path: str, is_dir: bool) -> bool:
        files = self._load()
        return path in self._dirs if is_dir else path in files


def _excluded(path: str, exclude: Sequence[str], top: str = "") -> bool:
    if not exclude:
        return False
    absolute = os.path.abspath(path)
    names = {absolute.replace(os.sep, "/"), os.path.basename(path)}
    for base in (top, os.getcwd()):
        if base:
            rel = os.path.relpath(absolute, base)
            if not rel.startswith(".."):
                names.add(rel.replace(os.sep, "/"))
    return any(fnmatch.fnmatch(name, glob.rstrip("/")) for name in names for glob in exclude)


def _lock_file(name: str) -> bool:
    """Word's owner file (``~$paper.docx``), left beside an open document."""
    return name.startswith("~$")


def _ignored(path: str, is_dir: bool, ignores: Iterable[_Ignore], tracked: _Tracked | None = None) -> bool:
    verdict = _gitignored(path, is_dir, ignores)
    return verdict and not (tracked is not None and tracked.holds(path, is_dir))


def gitignored(path: str) -> bool:
    """Whether the .gitignore files of ``path``'s folder and those above it, up to its
    repository's root, ignore the file ``path`` (which need not exist)."""
    folder = os.path.dirname(os.path.abspath(path))
    own = _read_gitignore(folder)
    return _gitignored(os.path.abspath(path), False, [*_ancestor_ignores(folder), *([own] if own else [])])


def _gitignored(path: str, is_dir: bool, ignores: Iterable[_Ignore]) -> bool:
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
    tracked = _Tracked(top) if gitignore else None
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
            and not _excluded(os.path.join(current, d), exclude, top)
            and not _ignored(os.path.abspath(os.path.join(current, d)), True, ignores, tracked)
        )
        for name in sorted(files):
            path = os.path.join(current, name)
            if os.path.splitext(name)[1].lower() not in wanted or name.startswith(".") or _lock_file(name):
                continue
            if _excluded(path, exclude, top) or _ignored(os.path.abspath(path), False, ignores, tracked):
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


def empty_walks(paths: Sequence[str], files: Sequence[str], exclude: Sequence[str] = (),
                gitignore: bool = True) -> list[str]:
    """A warning for each directory of ``paths`` under which none of ``files``
    lies: a walk that checks nothing says so, and says what it skipped."""
    checked = [os.path.abspath(f) for f in files]
    notes = []
    for path in paths:
        if not os.path.isdir(path):
            continue
        top = os.path.join(os.path.abspath(path), "")
        if any(f.startswith(top) for f in checked):
            continue
        skipped = len(walk(path, (), False)) if (exclude or gitignore) else 0
        why = f"; .gitignore or exclude skipped {skipped} supported file{'s' if skipped != 1 else ''}" if skipped else ""
        notes.append(f"warning: no supported files found in {path}, nothing checked there{why}")
    return notes
