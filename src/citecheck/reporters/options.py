"""Options every reporter takes, and the path helpers the CI formats share."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from citecheck.config import Config


@dataclass(frozen=True)
class RenderOptions:
    """How to render a report.

    ``colour`` and ``show_related`` are for the text format.  ``config`` is
    the run's configuration: JUnit uses it to list the rules that ran and to
    tell failures (at or above ``fail-on``) from notes.  ``base`` is the
    directory that relative paths in SARIF, JUnit and GitHub output are
    relative to (the working directory when ``None``).
    """

    colour: bool = False
    show_related: bool = False
    config: Config | None = None
    base: str | None = None


def display_path(path: str, base: str | None = None) -> str:
    """``path`` relative to ``base`` (default: the working directory), with
    forward slashes, when it lies below it; otherwise absolute.  Symbolic links
    are kept as written, so paths match what the user gave."""
    root = os.path.abspath(base or os.getcwd())
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute, root)
    except ValueError:  # another drive, on Windows
        return Path(absolute).as_posix()
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        return Path(absolute).as_posix()
    return Path(rel).as_posix()


#: Where each rule's documentation page lives (``citecheck explain CODE`` prints the same text).
DOCS_URL = "https://citecheck.readthedocs.io/en/latest/"
RULE_DOCS_URL = DOCS_URL + "rules/{code}.html"


def rule_docs_url(code: str) -> str:
    """The documentation page of the rule ``code``."""
    return RULE_DOCS_URL.format(code=code)
