"""CC003 missing-include: a file the manuscript includes does not exist.

A LaTeX project names its parts with ``\\input``, ``\\include`` and
``\\subfile``, and its bibliographies with ``\\bibliography`` and
``\\addbibresource``.  When a named file is missing, its citations and
references cannot be checked.  The check goes on with the rest.  A missing
``.tex`` file that the project's ``.gitignore`` names is not reported: the
build writes it (``\\input{version}`` made by a script).

Bad::

    \\input{sections/methods}      % sections/methods.tex does not exist

Good::

    \\input{sections/method}       % the file is sections/method.tex
"""

from __future__ import annotations

from citecheck.model import Severity
from citecheck.rules._problems import report_problems as check

CODE = "CC003"
NAME = "missing-include"
SEVERITY = Severity.WARNING
SUMMARY = "A file named by \\input, \\include, \\subfile or a bibliography command is missing."
OPTIONS: dict[str, object] = {}

__all__ = ["CODE", "NAME", "OPTIONS", "SEVERITY", "SUMMARY", "check"]
