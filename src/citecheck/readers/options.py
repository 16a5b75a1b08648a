"""Options that readers take."""

from __future__ import annotations

from dataclasses import dataclass, field

from citecheck.encoding import MAX_BYTES
from citecheck.model import CitationStyle


@dataclass(frozen=True)
class ReadOptions:
    """How to read a manuscript.

    ``style``: the citation style, or ``None`` to detect it.
    ``cite_commands``: extra LaTeX citation commands (``--cite-command``).
    ``bib_files``: extra bibliography files (``--bib``).
    ``allow_outside_includes``: read included files outside the project too
    (see :mod:`citecheck.readers.confine`).
    """

    style: CitationStyle | None = None
    max_bytes: int = MAX_BYTES
    cite_commands: tuple[str, ...] = ()
    bib_files: tuple[str, ...] = field(default_factory=tuple)
    allow_outside_includes: bool = False
