"""Running the rules over a Document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from citecheck.config import Config
from citecheck.gcpause import gc_paused
from citecheck.excerpt import excerpt
from citecheck.model import Document, Finding
from citecheck.refparse import ensure_fields
from citecheck.rules import REGISTRY, RuleContext
from citecheck.suppress import apply_suppressions


def run_rules(
    document: Document,
    config: Config | None = None,
    services: Mapping[str, Any] | None = None,
) -> list[Finding]:
    """Run every enabled rule over ``document`` and return its findings, sorted.

    Online rules run only when their service (``"crossref"``) is given.
    Severity comes from the rule, unless configuration overrides it.
    Suppression comments in the manuscript hide findings (see :mod:`citecheck.suppress`).
    """
    with gc_paused():  # the rules build results and free nothing: see citecheck.gcpause
        return _run_rules(document, config or Config(), services or {})


def _run_rules(document: Document, config: Config, services: Mapping[str, Any]) -> list[Finding]:
    ensure_fields(document)  # parse each reference once, before any rule reads its fields
    findings: list[Finding] = []
    shared: dict[str, Any] = {}  # per-document results rules share (RuleContext.shared)
    rules = [rule for rule in REGISTRY.values()
             if config.enabled(rule, document.path) and (not rule.online or "crossref" in services)]
    enabled = frozenset(rule.code for rule in rules)
    for rule in rules:
        ctx = RuleContext(rule, document, config.rule_options(rule), services, shared, enabled)
        for finding in rule.check(document, ctx):
            severity = config.severity(rule, finding.severity)
            if severity is not finding.severity:
                finding = replace(finding, severity=severity)
            findings.append(finding)
    findings = apply_suppressions(document, findings)
    if document.format == "docx":  # Word shows no paragraph numbers: say where in words
        findings = [replace(f, excerpt=excerpt(document, f.location)) for f in findings]
    findings.sort(key=Finding.sort_key)
    return findings
