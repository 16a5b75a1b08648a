"""The JUnit XML reporter, for CI systems that show test results (GitLab, Jenkins, Azure).

One ``<testsuite>`` per checked file and one ``<testcase>`` per rule that ran
on it.  A rule with findings at or above ``fail-on`` fails: its
``<failure>`` lists every finding as ``line:column: message``.  Findings
below ``fail-on`` do not fail the case; they are listed in its
``<system-out>``.  An unreadable file (CC001) is an ``<error>``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from citecheck.config import Config
from citecheck.gcpause import builds_only
from citecheck.model import Finding, Report
from citecheck.reporters.options import RenderOptions, display_path
from citecheck.rules import REGISTRY

#: Characters XML 1.0 cannot carry, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _owner_paths(report: Report) -> dict[str, str]:
    """Source path -> the checked file it belongs to (a .bib belongs to its .tex)."""
    owners = {f.path: f.path for f in report.files}
    for doc in report.documents:
        for source in doc.sources:
            owners.setdefault(source.path, doc.path)
    return owners


def _listing(findings: Iterable[Finding], base: str | None) -> str:
    lines = []
    for f in findings:
        loc = f.location
        lines.append(f"{display_path(loc.path, base)}:{loc.line}:{loc.column}: "
                     f"{f.severity.value}: {f.message}")
    return _xml_text("\n".join(lines))


def _testcase(suite: ET.Element, path: str, code: str, findings: list[Finding],
              config: Config, base: str | None) -> tuple[int, int]:
    rule = REGISTRY.get(code)
    name = f"{code} {rule.name}" if rule else code
    case = ET.SubElement(suite, "testcase", classname=path, name=name, file=path, time="0")
    failing = [f for f in findings if config.fails(f.severity)]
    if code == "CC001" and findings:
        ET.SubElement(case, "error", message=_xml_text(findings[0].message),
                      type="unreadable-input").text = _listing(findings, base)
        return 0, 1
    if failing:
        word = "finding" if len(failing) == 1 else "findings"
        ET.SubElement(case, "failure", message=f"{len(failing)} {word}: {_xml_text(failing[0].message)}",
                      type=max(f.severity for f in failing).value).text = _listing(failing, base)
    passing = [f for f in findings if not config.fails(f.severity)]
    if passing:
        ET.SubElement(case, "system-out").text = _listing(passing, base)
    return (1 if failing else 0), 0


def junit_tree(report: Report, options: RenderOptions | None = None) -> ET.Element:
    """The ``<testsuites>`` element of ``report``."""
    options = options or RenderOptions()
    config = options.config or Config()
    owners = _owner_paths(report)
    by_file: dict[str, dict[str, list[Finding]]] = {}
    order = [f.path for f in report.files]
    unreadable = {f.path for f in report.files if f.error is not None}
    for finding in report.findings:
        owner = owners.get(finding.location.path, finding.location.path)
        if owner not in order:
            order.append(owner)
        by_file.setdefault(owner, {}).setdefault(finding.code, []).append(finding)
    root = ET.Element("testsuites", name="citecheck")
    totals = [0, 0, 0]
    for path in order:
        shown = _xml_text(display_path(path, options.base))
        found = by_file.get(path, {})
        # No rule ran on an unreadable file: list only what was reported (its CC001).
        ran = path not in unreadable
        codes = [code for code, rule in REGISTRY.items()
                 if (ran and config.enabled(rule, path) and not rule.online and code != "CC001")
                 or code in found]
        suite = ET.SubElement(root, "testsuite", name=shown)
        failures = errors = 0
        for code in codes:
            failed, errored = _testcase(suite, shown, code, found.get(code, []), config, options.base)
            failures += failed
            errors += errored
        suite.set("tests", str(len(codes)))
        suite.set("failures", str(failures))
        suite.set("errors", str(errors))
        suite.set("skipped", "0")
        suite.set("time", "0")
        for i, n in enumerate((len(codes), failures, errors)):
            totals[i] += n
    root.set("tests", str(totals[0]))
    root.set("failures", str(totals[1]))
    root.set("errors", str(totals[2]))
    return root


@builds_only
def render_junit(report: Report, options: RenderOptions | None = None) -> str:
    tree = junit_tree(report, options)
    ET.indent(tree)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(tree, encoding="unicode") + "\n"
