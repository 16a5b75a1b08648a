"""CC001 unreadable-input: the file, or a part of it, cannot be read.

A file that is binary, empty, over the size limit, or not decodable as text
cannot be checked at all; a bibliography entry that does not parse cannot be
checked either.  The finding says why, at the place where reading stopped.
The other files of the run, and the other entries of a bibliography, are
still checked.

Bad::

    $ citecheck check figure.png
    figure.png:1:1: CC001 this is a PNG image, not a text manuscript [unreadable-input]

Good::

    $ citecheck check paper.md
    0 errors, 0 warnings
"""

from __future__ import annotations

from citecheck.model import Severity
from citecheck.rules._problems import report_problems as check

CODE = "CC001"
NAME = "unreadable-input"
SEVERITY = Severity.ERROR
SUMMARY = "The file, or an entry in it, cannot be read or decoded."
OPTIONS: dict[str, object] = {}

__all__ = ["CODE", "NAME", "OPTIONS", "SEVERITY", "SUMMARY", "check"]
