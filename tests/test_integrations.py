"""The pre-commit hook manifest and the composite GitHub Action, exercised for real."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from tests.ci_support import SMALL, run

ROOT = Path(__file__).resolve().parents[1]


def test_pre_commit_hook_manifest(tmp_path):
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    (hook,) = hooks
    assert hook["id"] == "citecheck"
    assert hook["language"] == "python"
    assert {"plain-text", "markdown", "tex"} <= set(hook["types_or"])
    # pre-commit appends the staged file names to the entry.
    argv = shlex.split(hook["entry"])
    assert argv[0] == "citecheck"
    paper = tmp_path / "paper.md"
    paper.write_text(SMALL, encoding="utf-8")
    result = run(*argv[1:], str(paper))
    assert result.exit_code == 1
    assert "CC101" in result.output


def _action():
    return yaml.safe_load((ROOT / "action.yml").read_text("utf-8"))


def test_action_is_a_composite_whose_scripts_take_inputs_from_the_environment():
    action = _action()
    assert action["runs"]["using"] == "composite"
    steps = action["runs"]["steps"]
    ids = {step.get("id") for step in steps}
    for output in action["outputs"].values():
        if "steps." in output["value"]:
            assert output["value"].split("steps.")[1].split(".")[0] in ids
    for step in steps:
        if "run" in step:
            assert step["shell"] == "bash"
            assert "${{" not in step["run"], f"inputs pasted into a script: {step.get('name')}"
    upload = next(s for s in steps if "upload-sarif" in s.get("uses", ""))
    assert "inputs.upload-sarif == 'true'" in upload["if"]


def _citecheck_shim(directory: Path) -> None:
    """A 'citecheck' command on PATH that runs this checkout's code."""
    shim = directory / "citecheck"
    shim.write_text(f'#!/bin/sh\nPYTHONPATH={shlex.quote(str(ROOT / "src"))} exec '
                    f'{shlex.quote(sys.executable)} -m citecheck "$@"\n', encoding="utf-8")
    shim.chmod(0o755)


def test_action_run_step_writes_sarif_annotations_and_the_exit_code(tmp_path):
    step = next(s for s in _action()["runs"]["steps"] if s.get("id") == "check")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _citecheck_shim(bin_dir)
    work = tmp_path / "work"
    (work / "papers").mkdir(parents=True)
    (work / "papers" / "a.md").write_text(SMALL, encoding="utf-8")
    (work / "papers" / "b.md").write_text(SMALL.replace("[1]", "[1, 2]"), encoding="utf-8")
    output = tmp_path / "github_output"
    env = dict(os.environ, PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", GITHUB_OUTPUT=str(output),
               CITECHECK_PATHS="papers", CITECHECK_ARGS="--jobs 2", CITECHECK_FAIL_ON="warning",
               CITECHECK_ANNOTATIONS="true", CITECHECK_SARIF="out.sarif")
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=work, env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert output.read_text("utf-8") == "exit-code=1\n"
    assert "::warning file=papers/a.md,line=5,col=1," in done.stdout
    sarif = json.loads((work / "out.sarif").read_text("utf-8"))
    (result,) = sarif["runs"][0]["results"]
    assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "papers/a.md"
