"""The README's examples are what the tool does (pycodestyle's docs-as-tests habit)."""

from __future__ import annotations

import re
import shlex

import pytest
from click.testing import CliRunner

from citecheck.cli import cli
from tests.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CONSOLE = re.findall(r"```console\n(.*?)```", README, re.DOTALL)


@pytest.mark.parametrize("block", CONSOLE)
def test_console_examples_match_the_tool(block: str, monkeypatch: pytest.MonkeyPatch) -> None:
    lines = block.strip("\n").splitlines()
    assert lines[0].startswith("$ citecheck ")
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, shlex.split(lines[0][len("$ citecheck "):]))
    assert result.output.splitlines() == lines[1:]


def test_readme_opens_with_the_two_ci_commands() -> None:
    assert "<!-- ci:run -->\n```sh\npip install . && citecheck check fixtures/" in README
    assert "<!-- ci:test -->\n```sh\npip install '.[test]' && pytest\n```" in README
