"""The command line, through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import __version__
from citecheck.cli import cli
from tests.paths import FIXTURES

ZH = str(FIXTURES / "zh_bone_metastasis.txt")
CLEAN = str(FIXTURES / "clean_paper.md")


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_text_output_and_exit_code() -> None:
    code, out = run("check", ZH)
    assert code == 1
    assert out.splitlines() == [
        f"{ZH}:18:1: CC101 reference 5 is never cited [uncited-reference]",
        f"{ZH}:23:1: CC201 [*] references 8 and 10 are the same work (same title, first author and year); "
        "cite reference 8 [duplicate-reference]",
        "[*] 1 fixable with `citecheck fix` (1 more with `citecheck fix --unsafe-fixes`).",
        "2 warnings, 0 errors",
    ]


def test_clean_file_exits_0() -> None:
    assert run("check", CLEAN) == (0, "0 warnings, 0 errors\n")


@pytest.mark.parametrize(
    ("option", "expected"),
    [
        (["--fail-on", "error"], 0),
        (["--fail-on", "warning"], 1),
        (["--fail-on", "info"], 1),
        (["--fail-on", "never"], 0),
    ],
)
def test_fail_on(option: list[str], expected: int) -> None:
    assert run("check", ZH, *option)[0] == expected


@pytest.mark.parametrize("selector", ["CC101", "CC1", "uncited-reference", "cc101"])
def test_ignore_by_code_prefix_or_name(selector: str) -> None:
    code, out = run("check", ZH, "--ignore", selector, "--ignore", "CC201")
    assert code == 0
    assert "CC101" not in out


def test_select_more_specific_ignore_wins() -> None:
    code, out = run("check", ZH, "--select", "CC1", "--ignore", "CC101")
    assert code == 0
    code, out = run("check", ZH, "--ignore", "CC1", "--select", "CC101")
    assert code == 1


def test_unknown_selector_is_a_usage_error() -> None:
    code, out = run("check", ZH, "--select", "CC999")
    assert code == 2
    assert out.strip() == "citecheck: error: 'CC999' matches no rule code, code prefix or rule name"


def test_bad_option_value_exits_2() -> None:
    assert run("check", ZH, "--format", "yaml")[0] == 2


def test_output_file(tmp_path: Path) -> None:
    out_file = tmp_path / "report.json"
    code, out = run("check", ZH, "--format", "json", "--output", str(out_file))
    assert code == 1
    assert out == ""
    assert json.loads(out_file.read_text())["summary"]["warning"] == 2


def test_output_never_overwrites_an_input(tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text(Path(CLEAN).read_text())
    before = paper.read_bytes()
    code, out = run("check", str(paper), "--output", str(paper))
    assert code == 2
    assert "never writes to its inputs" in out
    assert paper.read_bytes() == before


def test_readable_files_are_still_reported_when_one_is_not(tmp_path: Path) -> None:
    code, out = run("check", ZH, str(tmp_path / "missing.txt"))
    assert code == 2
    assert "CC101 reference 5 is never cited" in out
    assert "CC001 no such file" in out


def test_rules_lists_every_rule() -> None:
    code, out = run("rules")
    assert code == 0
    assert "CC101  uncited-reference" in out
    assert "CC301  citation-out-of-order" in out


def test_explain() -> None:
    code, out = run("explain", "CC301")
    assert code == 0
    assert out.startswith("CC301 citation-out-of-order [warning]")
    assert "Bad::" in out and "Good::" in out
    assert run("explain", "citation-out-of-order")[0] == 0
    code, out = run("explain", "CC000")
    assert code == 2 and "unknown rule" in out


def test_version() -> None:
    assert run("--version") == (0, f"citecheck, version {__version__}\n")


def test_no_colour_when_not_a_terminal_and_no_color_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[" in run("check", ZH)[1]
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run("check", ZH)[1]


def test_style_override() -> None:
    code, out = run("check", ZH, "--style", "superscript")
    assert code == 1
    assert "CC101" in out  # no superscripts: every reference is uncited
    assert out.count("CC101") == 10


def test_python_dash_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "citecheck", "check", CLEAN], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
