"""Baselines: written from a run, then hiding exactly the recorded findings."""

from __future__ import annotations

import json

import pytest

from citecheck.api import check_paths
from citecheck.baseline import apply_baseline, load_baseline, write_baseline
from citecheck.errors import ConfigError
from tests.ci_support import SEEDLIKE, SMALL, run

NEW_REFERENCE = ("11. Coleman RE. Clinical features of metastatic bone disease and risk of "
                 "skeletal morbidity. Clin Cancer Res. 2006;12:6243s-6249s.\n")


def seed_with_new_uncited_reference(tmp_path):
    """A copy of the seed with an 11th reference after the 10th, never cited."""
    lines = SEEDLIKE.read_text("utf-8").splitlines(keepends=True)
    tenth = next(i for i, line in enumerate(lines) if line.startswith("10."))
    lines.insert(tenth + 1, NEW_REFERENCE)
    copy = tmp_path / "copy" / "seed.txt"
    copy.parent.mkdir()
    copy.write_text("".join(lines), encoding="utf-8")
    return copy, tenth + 2


def test_acceptance_baseline_on_the_seed_then_a_new_uncited_reference(tmp_path):
    baseline = tmp_path / "citecheck-baseline.json"
    result = run("check", "--write-baseline", str(baseline), str(SEEDLIKE))
    assert result.exit_code == 0
    assert "wrote 2 finding(s) to the baseline" in result.stderr
    data = json.loads(baseline.read_text("utf-8"))
    assert [(f["code"], f["references"]) for f in data["findings"]] == [("CC101", ["5"]), ("CC201", ["8", "10"])]

    copy, line = seed_with_new_uncited_reference(tmp_path)
    assert [f.references for f in check_paths([str(copy)]).findings] == [("5",), ("8", "10"), ("11",)]
    result = run("check", "--baseline", str(baseline), str(copy))
    assert result.stdout == f"{copy}:{line}:1: CC101 reference 11 is never cited [uncited-reference]\n" \
                            "1 warning, 0 errors\n"
    assert "2 finding(s) hidden by the baseline" in result.stderr
    assert result.exit_code == 1
    # The seed itself is clean against its baseline.
    assert run("check", "--baseline", str(baseline), str(SEEDLIKE)).exit_code == 0


def test_fingerprints_ignore_line_numbers(tmp_path):
    paper = tmp_path / "p.txt"
    paper.write_text(SMALL, encoding="utf-8")
    baseline = tmp_path / "b.json"
    write_baseline(check_paths([str(paper)]), str(baseline))
    paper.write_text("An added first paragraph.\n\n" + SMALL, encoding="utf-8")
    report = check_paths([str(paper)])
    assert report.findings[0].location.line == 7
    kept, hidden = apply_baseline(report, load_baseline(str(baseline)))
    assert (kept.findings, hidden) == ([], 1)


def test_an_edited_reference_is_a_new_finding(tmp_path):
    paper = tmp_path / "p.txt"
    paper.write_text(SMALL, encoding="utf-8")
    baseline = tmp_path / "b.json"
    write_baseline(check_paths([str(paper)]), str(baseline))
    paper.write_text(SMALL.replace("PLoS One. 2020", "PLoS One. 2021"), encoding="utf-8")
    kept, hidden = apply_baseline(check_paths([str(paper)]), load_baseline(str(baseline)))
    assert ([f.code for f in kept.findings], hidden) == (["CC101"], 0)


def test_occurrences_are_counted(tmp_path):
    one = tmp_path / "one.txt"
    one.write_text(SMALL, encoding="utf-8")
    two = tmp_path / "two.txt"
    two.write_text(SMALL, encoding="utf-8")
    baseline = tmp_path / "b.json"
    write_baseline(check_paths([str(one)]), str(baseline))
    kept, hidden = apply_baseline(check_paths([str(one), str(two)]), load_baseline(str(baseline)))
    assert hidden == 1
    assert [f.path for f in kept.findings] == [str(two)]


def test_baseline_paths_are_relative_to_the_baseline_file(tmp_path, monkeypatch):
    (tmp_path / "papers").mkdir()
    (tmp_path / "papers" / "p.txt").write_text(SMALL, encoding="utf-8")
    monkeypatch.chdir(tmp_path / "papers")
    run("check", "--write-baseline", str(tmp_path / "b.json"), "p.txt")
    data = json.loads((tmp_path / "b.json").read_text("utf-8"))
    assert data["findings"][0]["path"] == "papers/p.txt"
    assert data["format"] == "citecheck-baseline"


@pytest.mark.parametrize(("content", "message"), [
    ("{", "is not valid JSON"),
    ('{"findings": []}', "is not a citecheck baseline"),
    ('{"format": "citecheck-baseline", "version": 99, "findings": []}', "has version 99"),
    ('{"format": "citecheck-baseline", "version": 1, "findings": [1]}', "must be a list of objects"),
])
def test_bad_baseline_files_are_config_errors(tmp_path, content, message):
    bad = tmp_path / "b.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_baseline(str(bad))
    result = run("check", "--baseline", str(bad), str(SEEDLIKE))
    assert result.exit_code == 2
    assert message in result.stderr
