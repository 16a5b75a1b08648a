"""The JUnit reporter: parsed back with junitparser, as CI systems read it."""

from __future__ import annotations

import os

from junitparser import Error, Failure, JUnitXml

from citecheck.api import check_paths
from citecheck.config import Config
from citecheck.reporters.junit import render_junit
from citecheck.reporters.options import RenderOptions
from citecheck.rules import REGISTRY
from tests.ci_support import SEEDLIKE, SMALL, run


def _parse(text: str) -> JUnitXml:
    return JUnitXml.fromstring(text.encode("utf-8"))


def _cases(suite):
    return {case.name: case for case in suite}


def test_one_suite_per_file_one_case_per_rule(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(SMALL.replace("[1]", "[1, 2]"), encoding="utf-8")
    bad = tmp_path / "bad.md"
    bad.write_text(SMALL, encoding="utf-8")
    result = run("check", "--format", "junit", str(good), str(bad))
    assert result.exit_code == 1
    xml = _parse(result.output)
    suites = list(xml)
    assert [s.name for s in suites] == [str(good), str(bad)]
    offline = [f"{c} {r.name}" for c, r in REGISTRY.items() if not (r.online or r.opt_in) and c != "CC001"]
    for suite in suites:
        assert sorted(_cases(suite)) == sorted(offline)
        assert suite.tests == len(offline)
    assert suites[0].failures == 0
    assert all(case.is_passed for case in suites[0])
    assert suites[1].failures == 1
    case = _cases(suites[1])["CC101 uncited-reference"]
    (failure,) = case.result
    assert isinstance(failure, Failure)
    assert failure.type == "warning"
    assert failure.message == "1 finding: reference 2 is never cited"
    assert failure.text == f"{bad}:5:1: warning: reference 2 is never cited"
    assert xml.failures == 1


def test_findings_below_fail_on_do_not_fail(tmp_path):
    report = check_paths([str(SEEDLIKE)])
    xml = _parse(render_junit(report, RenderOptions(config=Config(fail_on="error"))))
    (suite,) = list(xml)
    case = _cases(suite)["CC101 uncited-reference"]
    assert case.is_passed
    assert "18:1: warning: reference 5 is never cited" in case.system_out
    assert suite.failures == 0


def test_unreadable_file_is_an_error_case(tmp_path):
    missing = tmp_path / "missing.txt"
    result = run("check", "--format", "junit", str(missing), str(SEEDLIKE))
    assert result.exit_code == 2
    suites = list(_parse(result.output))
    assert [os.path.basename(s.name) for s in suites] == [missing.name, SEEDLIKE.name]
    assert list(_cases(suites[0])) == ["CC001 unreadable-input"]
    case = _cases(suites[0])["CC001 unreadable-input"]
    (error,) = case.result
    assert isinstance(error, Error)
    assert suites[0].errors == 1
    assert suites[1].failures == 2  # CC101 reference 5, CC201 references 8 and 10


def test_ignored_rules_are_not_listed(tmp_path):
    result = run("check", "--format", "junit", "--ignore", "CC1", "--ignore", "CC2", str(SEEDLIKE))
    names = set(_cases(next(iter(_parse(result.output)))))
    assert not any(name.startswith("CC1") for name in names)
    assert "CC301 citation-out-of-order" in names
    assert result.exit_code == 0


def test_control_characters_do_not_break_the_xml():
    from dataclasses import replace

    report = check_paths([str(SEEDLIKE)])
    report.findings[0] = replace(report.findings[0], message="bad \x0b byte")
    text = render_junit(report)
    assert "\x0b" not in text
    (suite,) = list(_parse(text))
    (failure,) = _cases(suite)["CC101 uncited-reference"].result
    assert failure.message == "1 finding: bad \ufffd byte"
