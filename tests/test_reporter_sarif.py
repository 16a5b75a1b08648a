"""The SARIF reporter: output validates against the official SARIF 2.1.0 schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from citecheck.api import check_paths, check_text
from citecheck.reporters.options import RenderOptions
from citecheck.reporters.sarif import FINGERPRINT_KEY, render_sarif, sarif_log
from citecheck.rules import REGISTRY
from tests.ci_support import CORPUS, SEEDLIKE, SMALL, run

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json").read_text("utf-8"))
VALIDATOR = jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def assert_valid(log: dict) -> None:
    errors = sorted(VALIDATOR.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_vendored_schema_is_a_valid_draft7_schema_and_rejects_bad_logs():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    log = sarif_log(check_text(SMALL, path="p.txt"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert list(VALIDATOR.iter_errors(log)), "the schema must reject an unknown level"


def test_seed_output_is_valid_sarif(tmp_path):
    out = tmp_path / "seed.sarif"
    result = run("check", "--format", "sarif", "-o", str(out), str(SEEDLIKE))
    assert result.exit_code == 1
    log = json.loads(out.read_text("utf-8"))
    assert_valid(log)
    res, duplicate = log["runs"][0]["results"]
    assert duplicate["ruleId"] == "CC201"
    assert res["ruleId"] == "CC101"
    assert res["level"] == "warning"
    assert res["message"]["text"] == "reference 5 is never cited"
    region = res["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"]) == (18, 1, 18)
    assert log["runs"][0]["tool"]["driver"]["rules"][res["ruleIndex"]]["id"] == "CC101"


def test_driver_lists_every_rule_with_its_documentation():
    rules = sarif_log(check_text(SMALL))["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == list(REGISTRY)
    for descriptor in rules:
        rule = REGISTRY[descriptor["id"]]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["fullDescription"]["text"]
        assert descriptor["helpUri"].endswith(f"/rules/{rule.code}.html")
        level = {"error": "error", "warning": "warning", "info": "note"}[rule.severity.value]
        assert descriptor["defaultConfiguration"]["level"] == level


def test_related_locations_and_relative_uris(tmp_path):
    paper = tmp_path / "paper.txt"
    paper.write_text(SMALL.replace("2. Hong", "1. Hong"), encoding="utf-8")
    report = check_paths([str(paper)])
    log = sarif_log(report, RenderOptions(base=str(tmp_path)))
    assert_valid(log)
    dup = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "CC202")
    assert dup["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "paper.txt", "uriBaseId": "%SRCROOT%"}
    (related,) = dup["relatedLocations"]
    assert related["physicalLocation"]["region"]["startLine"] == 4
    assert related["message"]["text"]
    assert log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"


def test_paths_outside_the_base_become_file_uris(tmp_path):
    paper = tmp_path / "paper with space.txt"
    paper.write_text(SMALL, encoding="utf-8")
    log = sarif_log(check_paths([str(paper)]), RenderOptions(base=str(tmp_path / "elsewhere")))
    assert_valid(log)
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == paper.resolve().as_uri()
    assert "%20" in uri


def test_unreadable_file_is_an_error_result_and_the_run_is_unsuccessful(tmp_path):
    report = check_paths([str(tmp_path / "missing.txt")])
    log = sarif_log(report)
    assert_valid(log)
    assert log["runs"][0]["results"][0]["ruleId"] == "CC001"
    assert log["runs"][0]["results"][0]["level"] == "error"
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_info_findings_are_notes():
    from citecheck.config import Config, RuleSettings
    from citecheck.model import Severity

    config = Config(rules={"CC101": RuleSettings(severity=Severity.INFO)})
    log = sarif_log(check_text(SMALL, config=config))
    assert_valid(log)
    assert log["runs"][0]["results"][0]["level"] == "note"


def _fingerprint(text: str) -> str:
    return sarif_log(check_text(text, path="p.txt"))["runs"][0]["results"][0]["partialFingerprints"][FINGERPRINT_KEY]


def test_fingerprints_survive_moved_lines_but_not_other_findings():
    moved = "A new first paragraph.\n\nAnd another one.\n\n" + SMALL
    assert _fingerprint(SMALL) == _fingerprint(moved)
    other = SMALL.replace("Hong S. Bone metastasis", "Lee K. Bone pain")
    assert _fingerprint(SMALL) != _fingerprint(other)


def test_equal_findings_get_distinct_fingerprints():
    text = SMALL + "3. Hong S. Bone metastasis and skeletal-related events. PLoS One. 2020.\n"
    log = sarif_log(check_text(text, path="p.txt", select=["CC101"]))
    prints = [r["partialFingerprints"][FINGERPRINT_KEY] for r in log["runs"][0]["results"]]
    assert len(prints) == len(set(prints)) == 2


def test_render_is_json_with_schema_uri():
    text = render_sarif(check_text(SMALL))
    data = json.loads(text)
    assert data["version"] == "2.1.0"
    assert data["$schema"].endswith("sarif-schema-2.1.0.json")
    assert text.endswith("\n")


def test_whole_corpus_is_valid_sarif():
    from citecheck.discover import expand_paths

    files = expand_paths([str(CORPUS)])
    assert files
    log = sarif_log(check_paths(files))
    assert_valid(log)
    assert log["runs"][0]["results"]
