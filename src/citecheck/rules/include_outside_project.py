"""CC005 include-outside-project: an included file lies outside the project, and was not read.

A manuscript may name other files: LaTeX's ``\\input``, ``\\include``,
``\\bibliography``, ``\\addbibresource`` and ``% !TEX root``, and pandoc's
``bibliography:``.  citecheck reads them only inside the checked project:
the git work tree that holds the checked file, or else that file's folder
(symbolic links are resolved first).  A file outside it is not read, so a
manuscript from an untrusted source cannot make citecheck read, and show in
its findings, ``/etc/passwd`` or someone's private files.  Its citations and
references are not checked.  Pass ``--allow-outside-includes`` (or set
``allow-outside-includes = true``) to read such files, or give a
bibliography with ``--bib FILE``.

Bad::

    \\input{../../../../etc/passwd}
    \\bibliography{/home/me/refs}      % outside the project

Good::

    \\input{sections/methods}
    \\bibliography{refs}               % refs.bib inside the project
"""

from __future__ import annotations

from citecheck.model import Severity
from citecheck.rules._problems import report_problems as check

CODE = "CC005"
NAME = "include-outside-project"
SEVERITY = Severity.WARNING
SUMMARY = "A file named by \\input, a bibliography command or front matter is outside the project; it was not read."
OPTIONS: dict[str, object] = {}

__all__ = ["CODE", "NAME", "OPTIONS", "SEVERITY", "SUMMARY", "check"]
