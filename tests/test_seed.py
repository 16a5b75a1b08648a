"""The defining example, and the foundation's acceptance cases on real files."""

from __future__ import annotations

import json

from click.testing import CliRunner

import citecheck
from citecheck.cli import cli
from tests.paths import CORPUS, FIXTURES, SEED, needs_shared


def _codes(report: citecheck.Report) -> list[tuple[str, int, int, tuple[str, ...]]]:
    return [(f.code, f.location.line, f.location.column, f.references) for f in report.findings]


@needs_shared
def test_seed_reports_reference_5_uncited_and_nothing_false() -> None:
    report = citecheck.check_file(SEED)
    document = report.documents[0]
    assert len(document.references) == 10
    assert [c.text for c in document.citations] == [
        "[1]", "[2]", "[3]", "[4]", "[4]", "[3]", "[6-8]", "[9]", "[10]",
    ]
    cc101 = [f for f in report.findings if f.code == "CC101"]
    assert [(f.location.line, f.location.column, f.references) for f in cc101] == [(74, 1, ("5",))]
    assert cc101[0].message == "reference 5 is never cited"
    assert not [f for f in report.findings if f.code in {"CC002", "CC102", "CC301", "CC302", "CC103"}]


@needs_shared
def test_seed_cli_exits_1_and_json_matches_contract() -> None:
    result = CliRunner().invoke(cli, ["check", str(SEED), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    assert report["version"] == 1
    assert report["tool"]["name"] == "citecheck"
    assert report["files"] == [
        {"path": str(SEED), "format": "text", "encoding": "utf-8", "citations": 9, "references": 10}
    ]
    finding = next(f for f in report["findings"] if f["code"] == "CC101")
    assert finding == {
        "code": "CC101",
        "name": "uncited-reference",
        "severity": "warning",
        "message": "reference 5 is never cited",
        "path": str(SEED),
        "line": 74,
        "column": 1,
        "end_line": 74,
        "end_column": finding["end_column"],
        "references": ["5"],
        "related": [],
        "fix": "unsafe",
    }
    assert finding["end_column"] > 100


def test_fixture_modelled_on_the_seed() -> None:
    report = citecheck.check_file(FIXTURES / "zh_bone_metastasis.txt")
    assert ("CC101", 18, 1, ("5",)) in _codes(report)
    assert not [f for f in report.findings if f.code in {"CC002", "CC102", "CC301", "CC302"}]
    cited = {label for c in report.documents[0].citations for label in c.labels}
    assert cited == {str(n) for n in range(1, 11)} - {"5"}


def test_clean_fixture_is_clean() -> None:
    report = citecheck.check_file(FIXTURES / "clean_paper.md")
    assert report.findings == []
    assert len(report.documents[0].citations) == 4


@needs_shared
def test_zh_good_is_clean() -> None:
    report = citecheck.check_file(CORPUS / "chinese/zh-cite-check_examples/good.md")
    assert report.findings == []


@needs_shared
def test_zh_bad_gets_missing_uncited_numbering_and_order() -> None:
    report = citecheck.check_file(CORPUS / "chinese/zh-cite-check_examples/bad.md")
    got = _codes(report)
    assert ("CC102", 4, 10, ("9",)) in got
    assert ("CC101", 11, 1, ("5",)) in got
    assert ("CC302", 11, 1, ("2", "5")) in got
    assert ("CC301", 3, 6, ("2", "1")) in got
    assert {code for code, *_ in got} == {"CC101", "CC102", "CC301", "CC302"}


@needs_shared
def test_parscit_sample1_all_cited_and_order_reported_once() -> None:
    report = citecheck.check_file(CORPUS / "plaintext/parscit_demodata/sample1.txt")
    document = report.documents[0]
    assert len(document.references) == 7
    assert not [f for f in report.findings if f.code in {"CC101", "CC102"}]
    order = [f for f in report.findings if f.code == "CC301"]
    assert len(order) == 1
    assert "6, 2, 4, 1, 3, 7, 5" in order[0].message


@needs_shared
def test_author_year_plain_text_raises_no_numbered_alarms() -> None:
    report = citecheck.check_file(CORPUS / "plaintext/parscit_demodata/sample2.txt")
    assert report.documents[0].metadata["author_year"] is True
    assert not [f for f in report.findings if f.code in {"CC101", "CC102", "CC301", "CC302"}]


@needs_shared
def test_equation_numbers_beside_an_unnumbered_list_are_not_citations() -> None:
    report = citecheck.check_file(CORPUS / "plaintext/parscit_demodata/E06-1050.txt")
    assert report.documents[0].citations == []
    # Only CC402 (info): pdftotext cut reference 5 ("D.R. Cutting, ... 1992.") at a page break.
    assert [(f.code, f.references) for f in report.findings] == [("CC402", ("5",))]


def test_parenthetical_numbers_without_a_reference_list_are_not_citations() -> None:
    report = citecheck.check_text("Section 2(b)(1)-(2) of the licence applies; see (3).\n")
    assert report.documents[0].citations == []
    assert report.findings == []
    forced = citecheck.check_text("Section 2(b)(1)-(2) of the licence applies; see (3).\n", style="parenthetical")
    assert [f.code for f in forced.findings] == ["CC002"]
