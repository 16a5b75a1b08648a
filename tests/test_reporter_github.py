"""The GitHub workflow-command reporter: exact annotation lines and escaping."""

from __future__ import annotations

import os

import pytest

from citecheck.api import check_text
from citecheck.reporters.github import annotation, escape_data, escape_property, render_github
from citecheck.reporters.options import RenderOptions
from tests.ci_support import SMALL, run


def test_one_annotation_per_finding_with_position_and_title(tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text(SMALL, encoding="utf-8")
    result = run("check", "--format", "github", str(paper))
    lines = result.output.splitlines()
    assert lines[0] == (
        f"::warning file={paper.as_posix()},line=5,col=1,endLine=5,endColumn=72,"
        "title=CC101 uncited-reference::reference 2 is never cited"
    )
    assert lines[-1] == "citecheck: 1 warning, 0 errors"
    assert result.exit_code == 1


def test_paths_are_relative_to_the_working_directory(tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "paper.txt").write_text(SMALL, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("check", "--format", "github", os.path.abspath("sub/paper.txt"))
    assert result.output.startswith("::warning file=sub/paper.txt,line=5,col=1,")


def test_severity_maps_to_error_warning_notice():
    report = check_text(SMALL, path="p.txt", rules={})
    assert render_github(report).startswith("::warning ")
    from citecheck.config import Config, RuleSettings
    from citecheck.model import Severity

    for severity, command in ((Severity.ERROR, "error"), (Severity.INFO, "notice")):
        config = Config(rules={"CC101": RuleSettings(severity=severity)})
        report = check_text(SMALL, path="p.txt", config=config)
        assert render_github(report, RenderOptions()).startswith(f"::{command} file=p.txt,")


@pytest.mark.parametrize(("raw", "data", "prop"), [
    ("100%", "100%25", "100%25"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("x: y, z", "x: y, z", "x%3A y%2C z"),
    ("%0A", "%250A", "%250A"),
])
def test_escaping(raw, data, prop):
    assert escape_data(raw) == data
    assert escape_property(raw) == prop


def test_properties_cannot_break_out_of_the_command():
    line = annotation("error", "bad\nthing", file="a,b:c.md", title="T")
    assert line == "::error file=a%2Cb%3Ac.md,title=T::bad%0Athing"
    assert "\n" not in line


def test_related_locations_go_into_the_message():
    text = SMALL.replace("2. Hong", "1. Hong")
    report = check_text(text, path="p.txt")
    dup = [line for line in render_github(report).splitlines() if "CC202" in line]
    assert len(dup) == 1
    assert "%0Ap.txt:4:1: " in dup[0]


def test_paths_through_symbolic_links_are_kept_as_given(tmp_path, monkeypatch):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "paper.md").write_text(SMALL, encoding="utf-8")
    (tmp_path / "link").symlink_to(tmp_path / "real", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    result = run("check", "--format", "github", "link/paper.md")
    assert result.output.startswith("::warning file=link/paper.md,line=5,")
