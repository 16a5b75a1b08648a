"""Run configuration: which rules run, at what severity, with which options.

Selection follows flake8 and Ruff: ``select``/``ignore`` take codes, code
prefixes (``CC1``) or rule names, and the more specific choice wins, so
``select=["CC1"], ignore=["CC103"]`` runs CC101 and CC102 but not CC103.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from citecheck.errors import ConfigError
from citecheck.model import CitationStyle, Severity

if TYPE_CHECKING:
    from citecheck.rules import Rule

# The rules (and through them the reference parser) are imported where a Config is used,
# not with this module: `citecheck --version` and the CLI's option choices need only the
# constants here.

FAIL_ON_CHOICES = ("error", "warning", "info", "never")
STYLE_CHOICES = ("auto", "bracket", "superscript", "parenthetical", "author-year")


@dataclass(frozen=True)
class RuleSettings:
    """Per-rule configuration: a severity override and option values."""

    severity: Severity | None = None
    options: Mapping[str, Any] = field(default_factory=dict)


def parse_severity(value: str) -> Severity:
    try:
        return Severity(value.strip().lower())
    except ValueError:
        raise ConfigError(f"unknown severity '{value}' (use error, warning or info)") from None


def parse_style(value: str | None) -> CitationStyle | None:
    if value is None or value == "auto":
        return None
    if value not in STYLE_CHOICES:
        raise ConfigError(f"unknown style '{value}' (use one of {', '.join(STYLE_CHOICES)})")
    return CitationStyle(value)


def _selectors(values: Iterable[str] | str | None) -> tuple[str, ...]:
    if values is None:
        return ()
    if isinstance(values, str):
        values = values.split(",")
    from citecheck.rules import validate_selector

    return tuple(validate_selector(v.strip()) for v in values if v.strip())


@dataclass(frozen=True)
class Config:
    """Everything that decides what a check reports."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    fail_on: str = "warning"
    style: CitationStyle | None = None
    rules: Mapping[str, RuleSettings] = field(default_factory=dict)
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    cite_commands: tuple[str, ...] = ()
    bib_files: tuple[str, ...] = ()
    #: Read files a manuscript includes from outside its project (see readers.confine).
    allow_outside_includes: bool = False

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON_CHOICES:
            raise ConfigError(
                f"unknown fail-on level '{self.fail_on}' (use one of {', '.join(FAIL_ON_CHOICES)})"
            )
        if not self.rules:
            return
        from citecheck.rules import REGISTRY

        for code in self.rules:
            rule = REGISTRY.get(code)
            if rule is None:
                raise ConfigError(f"unknown rule '{code}' in the rule settings")
            unknown = set(self.rules[code].options) - set(rule.options)
            if unknown:
                known = ", ".join(sorted(rule.options)) or "none"
                raise ConfigError(
                    f"unknown option {', '.join(sorted(unknown))} for rule {code} (its options: {known})"
                )

    @classmethod
    def from_options(
        cls,
        select: Iterable[str] | str | None = None,
        ignore: Iterable[str] | str | None = None,
        extend_select: Iterable[str] | str | None = None,
        fail_on: str = "warning",
        style: str | CitationStyle | None = None,
        **rest: Any,
    ) -> Config:
        """Build a Config from keyword options, validating every value."""
        parsed_style = style if isinstance(style, CitationStyle) or style is None else parse_style(style)
        return cls(
            select=_selectors(select),
            ignore=_selectors(ignore),
            extend_select=_selectors(extend_select),
            fail_on=fail_on,
            style=parsed_style,
            **rest,
        )

    def enabled(self, rule: Rule, path: str | None = None) -> bool:
        """Whether ``rule`` runs (for ``path``, when per-file ignores apply)."""
        from citecheck.rules import matches

        selectors = (self.select or ("CC",)) + self.extend_select
        if rule.opt_in:
            # An opt-in rule is chosen only by its own code, its name or ALL, never by a
            # prefix; a prefix may still ignore or suppress it.
            selectors = tuple(s for s in selectors if s.strip().upper() in (rule.code, "ALL")
                              or s.strip().lower() == rule.name)
        chosen = max((matches(s, rule) for s in selectors), default=0)
        ignored = max((matches(s, rule) for s in self.ignore + self._file_ignores(path)), default=0)
        return chosen > ignored

    def _file_ignores(self, path: str | None) -> tuple[str, ...]:
        if path is None or not self.per_file_ignores:
            return ()
        # Config files anchor their globs at their own directory, so try the absolute path too.
        candidates = {path, path.replace("\\", "/"), os.path.abspath(path).replace(os.sep, "/")}
        out: list[str] = []
        for pattern, codes in self.per_file_ignores.items():
            if any(fnmatch.fnmatch(candidate, pattern) for candidate in candidates):
                out.extend(codes)
        return tuple(out)

    def severity(self, rule: Rule, default: Severity) -> Severity:
        settings = self.rules.get(rule.code)
        return settings.severity if settings and settings.severity else default

    def rule_options(self, rule: Rule) -> dict[str, Any]:
        settings = self.rules.get(rule.code)
        merged = dict(rule.options)
        if settings:
            merged.update(settings.options)
        return merged

    def fails(self, severity: Severity) -> bool:
        """Whether a finding of ``severity`` makes the run fail."""
        if self.fail_on == "never":
            return False
        return severity.rank >= Severity(self.fail_on).rank
