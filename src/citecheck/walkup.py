"""The folders at and above a folder, nearest first: how citecheck finds the repository a
file belongs to (``.git``) and the configuration file that applies to it."""

from __future__ import annotations

import os
from collections.abc import Iterator


def ancestors(directory: str) -> Iterator[str]:
    """``directory``, its parent, and so on up to the file system's root."""
    current = directory
    while True:
        yield current
        parent = os.path.dirname(current)
        if parent == current:
            return
        current = parent
