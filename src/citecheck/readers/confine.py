"""Which files a manuscript may make citecheck read: those of its own project.

A manuscript names other files: LaTeX ``\\input`` and ``\\bibliography``,
a ``% !TEX root`` comment, pandoc's ``bibliography:``, a Manubot folder's
files.  A hostile one could name ``../../../../etc/passwd`` or
``/home/editor/.ssh/...``; its keys and text would then appear in findings.
So by default citecheck reads only files inside the checked project: the git
work tree that contains the checked file, or else the checked file's folder.
A file outside it (symbolic links resolved) is reported as CC005
include-outside-project and not read; ``--allow-outside-includes`` (config
``allow-outside-includes = true``, library ``allow_outside_includes=True``)
reads it.  Files named on the command line (``--bib``) are the user's own
choice and always read.
"""

from __future__ import annotations

import os

from citecheck.walkup import ancestors

CODE = "CC005"


def git_work_tree(directory: str) -> str | None:
    """The nearest folder at or above ``directory`` that holds a ``.git``, if any."""
    return next((d for d in ancestors(directory) if os.path.exists(os.path.join(d, ".git"))), None)


def project_dir(path: str) -> str:
    """The real path of the project that ``path`` belongs to (see the module docstring)."""
    folder = os.path.dirname(os.path.realpath(path))
    return git_work_tree(folder) or folder


def inside(path: str, project: str) -> bool:
    """Whether ``path`` (symbolic links resolved) lies inside the folder ``project``."""
    real = os.path.realpath(path)
    try:
        return os.path.commonpath([real, project]) == project
    except ValueError:  # another drive, on Windows
        return False


def outside_message(what: str, path: str, project: str) -> str:
    """The CC005 message for ``what`` (as written) resolving to ``path`` outside ``project``."""
    return (f"{what}: {os.path.realpath(path)} is outside the project ({project}); "
            "not read (--allow-outside-includes reads it)")


__all__ = ["CODE", "git_work_tree", "inside", "outside_message", "project_dir"]
