"""The SARIF 2.1.0 reporter, for code-scanning dashboards (GitHub, GitLab, Azure).

One run; ``tool.driver.rules`` lists every rule, so a result's ``ruleIndex``
is stable across runs.  Columns count Unicode code points (``columnKind``),
as citecheck's do.  Each result carries a ``partialFingerprints`` entry built
from the rule, the references and the flagged text (see
:mod:`citecheck.fingerprint`), so a dashboard tracks a finding when lines move.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from citecheck import __version__
from citecheck.fingerprint import report_fingerprints, with_ordinals
from citecheck.gcpause import builds_only
from citecheck.model import Location, Report, Severity
from citecheck.reporters.options import DOCS_URL, RenderOptions, display_path, dump_json, rule_docs_url
from citecheck.rules import REGISTRY, Rule

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
FINGERPRINT_KEY = "citecheck/v1"
SRCROOT = "%SRCROOT%"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _first_paragraph(doc: str) -> str:
    return " ".join(doc.split("\n\n", 1)[0].split())


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    """The SARIF ``reportingDescriptor`` of ``rule``."""
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": _first_paragraph(rule.doc) or rule.summary},
        "help": {"text": rule.doc or rule.summary},
        "helpUri": rule_docs_url(rule.code),
        "defaultConfiguration": {"level": LEVELS[rule.severity], "enabled": not rule.opt_in},
        "properties": {"tags": ["citations"] + (["crossref"] if rule.online else [])},
    }
    return descriptor


def _artifact(path: str, base: str | None) -> dict[str, Any]:
    shown = display_path(path, base)
    # Quote the name's bytes: undecodable ones (surrogate escapes) as they were.
    quoted = quote(os.fsencode(shown), safe="/")
    if Path(shown).is_absolute():
        return {"uri": "file://" + (quoted if quoted.startswith("/") else "/" + quoted)}
    return {"uri": quoted, "uriBaseId": SRCROOT}


def _physical(location: Location, base: str | None) -> dict[str, Any]:
    region: dict[str, Any] = {"startLine": max(1, location.line), "startColumn": max(1, location.column)}
    if location.end_line >= location.line:
        region["endLine"] = location.end_line
        if location.end_line > location.line or location.end_column > location.column:
            region["endColumn"] = location.end_column
    return {"artifactLocation": _artifact(location.path, base), "region": region}


def sarif_log(report: Report, options: RenderOptions | None = None) -> dict[str, Any]:
    """The SARIF log of ``report`` as a dict."""
    options = options or RenderOptions()
    base = options.base
    index = {code: i for i, code in enumerate(REGISTRY)}
    results = []
    prints = with_ordinals(report_fingerprints(report))
    for finding, fingerprint in zip(report.findings, prints, strict=True):
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "level": LEVELS[finding.severity],
            "message": {"text": finding.message + (f' (near "{finding.excerpt}")' if finding.excerpt else "")},
            "locations": [{"physicalLocation": _physical(finding.location, base)}],
            "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        }
        if finding.code in index:
            result["ruleIndex"] = index[finding.code]
        if finding.related:
            result["relatedLocations"] = [
                {"id": i, "physicalLocation": _physical(rel.location, base), "message": {"text": rel.message}}
                for i, rel in enumerate(finding.related, 1)
            ]
        if finding.references:
            result["properties"] = {"references": list(finding.references)}
        results.append(result)
    root = Path(os.path.abspath(base or ".")).as_uri().rstrip("/") + "/"
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "citecheck",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": DOCS_URL,
                "rules": [rule_descriptor(rule) for rule in REGISTRY.values()],
            }
        },
        "originalUriBaseIds": {SRCROOT: {"uri": root}},
        "invocations": [{"executionSuccessful": not report.incomplete}],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


@builds_only
def render_sarif(report: Report, options: RenderOptions | None = None) -> str:
    return dump_json(sarif_log(report, options)) + "\n"
