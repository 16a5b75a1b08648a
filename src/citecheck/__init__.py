"""citecheck: check the citations and references of a scholarly manuscript.

>>> import citecheck
>>> report = citecheck.check_file("paper.md")          # doctest: +SKIP
>>> for finding in report.findings:                    # doctest: +SKIP
...     print(finding.location.line, finding.code, finding.message)
"""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

# The names below are imported when first used (PEP 562), so that `citecheck --version`, and
# programs that need only the model, do not load every reader and rule.
_EXPORTS = {
    "check_document": "citecheck.api", "check_file": "citecheck.api",
    "check_paths": "citecheck.api", "check_text": "citecheck.api", "parse_file": "citecheck.api",
    "Config": "citecheck.config", "RuleSettings": "citecheck.config",
    "CrossrefSettings": "citecheck.crossref",
    "CitecheckError": "citecheck.errors", "ConfigError": "citecheck.errors",
    "InputError": "citecheck.errors", "UsageError": "citecheck.errors",
    **{name: "citecheck.model" for name in (
        "Author", "Citation", "CitationStyle", "CiteItem", "Document", "FileSummary", "Finding",
        "Location", "Reference", "ReferenceFields", "ReferenceOrigin", "Related", "Report",
        "Severity", "Source", "Span")},
}

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'citecheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
