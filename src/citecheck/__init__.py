"""citecheck: check the citations and references of a scholarly manuscript.

>>> import citecheck
>>> report = citecheck.check_file("paper.md")          # doctest: +SKIP
>>> for finding in report.findings:                    # doctest: +SKIP
...     print(finding.location.line, finding.code, finding.message)
"""

__version__ = "0.1.0"

from citecheck.api import check_document, check_file, check_paths, check_text, parse_file
from citecheck.config import Config, RuleSettings
from citecheck.crossref import CrossrefSettings
from citecheck.errors import CitecheckError, ConfigError, InputError, UsageError
from citecheck.model import (
    Author,
    Citation,
    CitationStyle,
    CiteItem,
    Document,
    FileSummary,
    Finding,
    Location,
    Reference,
    ReferenceFields,
    ReferenceOrigin,
    Related,
    Report,
    Severity,
    Source,
    Span,
)

__all__ = [
    "Author",
    "Citation",
    "CitationStyle",
    "CiteItem",
    "CitecheckError",
    "Config",
    "ConfigError",
    "CrossrefSettings",
    "Document",
    "FileSummary",
    "Finding",
    "InputError",
    "Location",
    "Reference",
    "ReferenceFields",
    "ReferenceOrigin",
    "Related",
    "Report",
    "RuleSettings",
    "Severity",
    "Source",
    "Span",
    "UsageError",
    "__version__",
    "check_document",
    "check_file",
    "check_paths",
    "check_text",
    "parse_file",
]
