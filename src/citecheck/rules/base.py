"""What a rule is, and the context it runs in.

A rule is a module with these names:

``CODE``      the rule's code, e.g. ``"CC101"`` (a contract: never reuse one)
``NAME``      a kebab-case name for the problem, e.g. ``"uncited-reference"``
``SEVERITY``  the default :class:`~citecheck.model.Severity`
``SUMMARY``   one line for ``citecheck rules``
``OPTIONS``   a dict of option name to default value (may be empty)
``ONLINE``    optional, ``True`` for rules that need the Crossref client
``OPTION_LIMITS`` optional, option name to (lowest, highest) allowed value,
              checked when a configuration file sets it
``OPT_IN``    optional, ``True`` for rules that run only when selected by their
              own code or name (or ``ALL``): checks that hold for one style
              guide only, such as APA's use of "et al."
``check(document, ctx)``  a generator of :class:`~citecheck.model.Finding`

The module docstring is the rule's documentation (``citecheck explain``).  It
must contain a ``Bad::`` and a ``Good::`` example block.  Rules do no I/O: the
online rules get their data from ``ctx.services``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from citecheck.model import AuthorYearMatch, Document, Finding, Related, Severity, Span


@dataclass(frozen=True)
class Rule:
    """A rule module, described."""

    code: str
    name: str
    severity: Severity
    summary: str
    doc: str
    options: Mapping[str, Any]
    online: bool
    check: Callable[[Document, RuleContext], Iterable[Finding]]
    opt_in: bool = False
    option_limits: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=module.SEVERITY,
            summary=module.SUMMARY,
            doc=(module.__doc__ or "").strip(),
            options=dict(getattr(module, "OPTIONS", {})),
            online=bool(getattr(module, "ONLINE", False)),
            check=module.check,
            opt_in=bool(getattr(module, "OPT_IN", False)),
            option_limits=dict(getattr(module, "OPTION_LIMITS", {})),
        )


@dataclass
class RuleContext:
    """What a rule's ``check`` receives besides the document.

    ``options`` are this rule's options, defaults merged with configuration.
    ``services`` carries injected collaborators, such as the Crossref
    verifier under the key ``"crossref"``.  ``shared`` holds what one rule
    computed about the document for the others that need it too (the
    duplicate detector's candidate pairs serve CC201 and CC203): the engine
    gives every rule of one document the same dict.  ``enabled`` are the codes
    of the rules that run on this document, for a rule that leaves to another
    what that one reports (CC101 leaves to CC109 the entries it explains).
    """

    rule: Rule
    document: Document
    options: Mapping[str, Any] = field(default_factory=dict)
    services: Mapping[str, Any] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)
    enabled: frozenset[str] = frozenset()

    def finding(
        self,
        span: Span,
        message: str,
        references: Iterable[str] = (),
        related: Iterable[tuple[Span, str]] = (),
        severity: Severity | None = None,
        match: AuthorYearMatch | None = None,
    ) -> Finding:
        """Build a finding of this rule at ``span`` of the document."""
        doc = self.document
        return Finding(
            code=self.rule.code,
            name=self.rule.name,
            severity=severity or self.rule.severity,
            message=message,
            location=doc.locate(span),
            references=tuple(references),
            related=tuple(Related(doc.locate(s), m) for s, m in related),
            match=match,
        )


def label_sort_key(label: str) -> tuple[int, int | str]:
    """Sort reference labels numerically when they are numbers."""
    return (0, int(label)) if label.isdigit() else (1, label)


def sorted_labels(labels: Iterable[str]) -> list[str]:
    return sorted(set(labels), key=label_sort_key)


def iter_numbered(document: Document) -> Iterator[int]:
    """The numbers of a numbered document's references, in list order."""
    for ref in document.references:
        if ref.number is not None:
            yield ref.number
