"""Configuration files: discovery, validation, precedence and `citecheck config`."""

from __future__ import annotations

import json
import textwrap

import pytest

from citecheck.configfile import find_config_file, load_config, merge_cli, read_config_file
from citecheck.errors import ConfigError
from citecheck.model import Severity
from tests.ci_support import SMALL, run

#: Out of order: [2] is cited before [1] (CC301), and reference 3 is never cited (CC101).
UNORDERED = (
    "Bone pain [2] is common in metastases [1].\n\nReferences\n"
    "1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017.\n"
    "2. Hong S. Bone metastasis and skeletal-related events. PLoS One. 2020.\n"
    "3. Guo X. Synchronous bone metastasis in lung cancer. Cancer Med. 2021.\n"
)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def codes(result):
    return [line.split()[1] for line in result.output.splitlines() if ": CC" in line]


@pytest.fixture
def project(tmp_path):
    write(tmp_path / "pyproject.toml", """\
        [project]
        name = "journal"

        [tool.citecheck]
        ignore = ["CC301"]
        fail-on = "error"
        """)
    paper = write(tmp_path / "papers" / "2024" / "paper.md", UNORDERED)
    return tmp_path, paper


def test_pyproject_found_upward_from_the_checked_file(project):
    root, paper = project
    assert find_config_file(str(paper)) == str(root / "pyproject.toml")
    result = run("check", str(paper))
    assert codes(result) == ["CC101"]
    assert result.exit_code == 0  # fail-on = error, CC101 is a warning


def test_citecheck_toml_wins_over_pyproject_in_the_same_directory(project):
    root, paper = project
    write(root / ".citecheck.toml", 'select = ["CC301"]\n')
    result = run("check", str(paper))
    assert codes(result) == ["CC301"]
    assert result.exit_code == 1


def test_pyproject_without_a_citecheck_table_is_passed_over(tmp_path, project):
    root, paper = project
    write(paper.parent / "pyproject.toml", '[project]\nname = "x"\n')
    assert find_config_file(str(paper)) == str(root / "pyproject.toml")


def test_nearest_file_wins(project):
    _root, paper = project
    write(paper.parent / ".citecheck.toml", '[tool.citecheck]\nignore = ["CC101"]\n')
    assert codes(run("check", str(paper))) == ["CC301"]


def test_config_option_and_isolated(project, tmp_path):
    _root, paper = project
    other = write(tmp_path / "elsewhere" / "strict.toml", 'select = ["CC101"]\nfail-on = "warning"\n')
    assert codes(run("check", "--config", str(other), str(paper))) == ["CC101"]
    result = run("check", "--isolated", str(paper))
    assert sorted(codes(result)) == ["CC101", "CC301"]
    assert result.exit_code == 1


def test_cli_options_override_the_file(project):
    _root, paper = project
    assert run("check", "--fail-on", "warning", str(paper)).exit_code == 1
    # --select starts a new selection: the file's ignore of CC301 no longer applies.
    assert codes(run("check", "--select", "CC301", str(paper))) == ["CC301"]
    # --ignore adds to the file's ignores.
    assert codes(run("check", "--ignore", "CC101", str(paper))) == []


def test_rule_table_sets_severity_and_options(tmp_path):
    write(tmp_path / ".citecheck.toml", """\
        [rules.CC101]
        severity = "error"

        [rules.citation-out-of-order]
        whole-list-threshold = 0.2
        """)
    text = UNORDERED.replace("Bone pain [2] is common in metastases [1].", "Pain [3], then [1] and [2].")
    paper = write(tmp_path / "p.txt", text)
    loaded = load_config([str(paper)])
    assert loaded.config.rules["CC101"].severity is Severity.ERROR
    assert loaded.config.rules["CC301"].options == {"whole-list-threshold": 0.2}
    assert "reference 3 is first cited before reference 1" in run("check", "--isolated", str(paper)).output
    result = run("check", str(paper))
    assert "p.txt:1:6: CC301 [*] the reference list is not numbered in order of first citation" in result.output
    assert result.output.splitlines()[-1] == "1 warning, 0 errors"
    write(tmp_path / ".citecheck.toml", '[rules.CC101]\nseverity = "error"\n')
    paper.write_text(UNORDERED, encoding="utf-8")
    result = run("check", str(paper))
    assert "p.txt:6:1: CC101 reference 3 is never cited" in result.output
    assert result.output.splitlines()[-1] == "1 warning, 1 error"


def test_per_file_ignores_are_relative_to_the_config_file(tmp_path, monkeypatch):
    write(tmp_path / ".citecheck.toml", '[per-file-ignores]\n"drafts/*" = ["uncited-reference"]\n')
    draft = write(tmp_path / "drafts" / "d.txt", SMALL)
    final = write(tmp_path / "final" / "f.txt", SMALL)
    monkeypatch.chdir(final.parent)
    assert codes(run("check", str(draft))) == []
    assert codes(run("check", str(final))) == ["CC101"]


@pytest.mark.parametrize(("text", "message"), [
    ('selct = ["CC1"]\n', "unknown key 'selct' in {path}; did you mean 'select'?"),
    ('[rules.CC999]\nseverity = "error"\n', "unknown rule 'CC999' in [tool.citecheck.rules] of {path}"),
    ('[rules.CC301]\nthreshold = 0.3\n',
     "unknown option for rule CC301 'threshold' in {path}; did you mean 'whole-list-threshold'?"),
    ('[rules.CC301]\nwhole-list-threshold = "half"\n',
     "'rules.CC301.whole-list-threshold' in {path} must be float, not str ('half')"),
    ('[rules.CC101]\nseverity = "fatal"\n', "unknown severity 'fatal' (use error, warning or info)"),
    ('fail-on = "sometimes"\n', "'fail-on' in {path} must be one of error, warning, info, never, not 'sometimes'"),
    ('select = ["CC9"]\n', "{path}: 'CC9' matches no rule code, code prefix or rule name"),
    ('select = "CC1\n', "{path} is not valid TOML"),
    ('[per-file-ignores]\n"*.md" = ["nonsense"]\n', "per-file-ignores '*.md': 'nonsense' matches no rule"),
])
def test_config_errors_name_what_is_wrong_and_exit_2(tmp_path, text, message):
    config = write(tmp_path / ".citecheck.toml", text)
    paper = write(tmp_path / "p.txt", SMALL)
    with pytest.raises(ConfigError) as info:
        read_config_file(str(config))
    assert message.format(path=config) in str(info.value)
    result = run("check", str(paper))
    assert result.exit_code == 2
    assert result.output.startswith("citecheck: error: ")
    assert message.format(path=config) in result.output


def test_pyproject_tool_table_in_citecheck_toml_is_accepted(tmp_path):
    config = write(tmp_path / ".citecheck.toml", '[tool.citecheck]\nfail-on = "never"\n')
    assert read_config_file(str(config)).config.fail_on == "never"


def test_merge_cli_keeps_file_values_when_options_are_absent(tmp_path):
    config = write(tmp_path / ".citecheck.toml", 'style = "superscript"\nfail-on = "info"\n')
    base = read_config_file(str(config)).config
    merged = merge_cli(base, fail_on=None, style=None)
    assert merged == base
    assert merge_cli(base, style="bracket").style.value == "bracket"


def test_config_command_prints_the_effective_config(project):
    root, paper = project
    result = run("config", str(paper))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == f"# configuration file: {root / 'pyproject.toml'}"
    assert "CC301" not in lines[1] and "CC101" in lines[1]
    assert 'ignore = ["CC301"]' in lines
    assert 'fail-on = "error"' in lines
    assert "[tool.citecheck.rules.CC301]" in lines
    data = json.loads(run("config", "--format", "json", str(paper)).output)
    assert data["source"] == str(root / "pyproject.toml")
    assert data["config"]["rules"]["CC301"]["whole-list-threshold"] == 0.5


def test_printed_config_reads_back_to_the_same_config(project, tmp_path):
    _root, paper = project
    printed = run("config", str(paper)).output
    copy = write(tmp_path / "copy" / ".citecheck.toml", printed)
    again = read_config_file(str(copy)).config
    original = load_config([str(paper)]).config
    assert again.select == ("CC",) and again.ignore == original.ignore
    assert again.fail_on == original.fail_on
    assert again.rule_options(__import__("citecheck").rules.REGISTRY["CC301"]) == {"whole-list-threshold": 0.5}


def test_config_command_reports_errors(tmp_path):
    write(tmp_path / ".citecheck.toml", "bogus = 1\n")
    result = run("config", str(tmp_path))
    assert result.exit_code == 2
    assert "unknown key 'bogus'" in result.output


def test_the_documented_example_config_is_valid(tmp_path):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "configuration.md").read_text("utf-8")
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    config = write(tmp_path / "pyproject.toml", example)
    loaded = read_config_file(str(config))
    assert loaded.config.ignore == ("CC302",)
    assert loaded.exclude == ("drafts/old/*",)
    assert loaded.config.rules["CC301"].options == {"whole-list-threshold": 0.3}


def test_other_config_fields_can_be_overridden_through_the_gate(tmp_path):
    from citecheck.gate import GateOptions, resolve_config

    write(tmp_path / ".citecheck.toml", 'cite-commands = ["autocite"]\n')
    paper = write(tmp_path / "p.txt", SMALL)
    _, config = resolve_config([str(paper)], GateOptions())
    assert config.cite_commands == ("autocite",)
    _, config = resolve_config([str(paper)], GateOptions(config_overrides={"cite_commands": ("footcite",),
                                                                          "bib_files": None}))
    assert config.cite_commands == ("footcite",)
