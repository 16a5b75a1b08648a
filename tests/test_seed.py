"""The defining example, and the foundation's acceptance cases on real files."""

from __future__ import annotations

import json

from click.testing import CliRunner

import citecheck
from citecheck.model import CitationStyle
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
def test_author_year_plain_text_is_checked_by_author_and_year() -> None:
    # sample2.txt (pdftotext of a real APA paper): its list is cut by a page
    # break ("7"), and is re-split by entry heads.  What it gets wrong, read
    # by eye: "(Lehnert, 1979)" for Lehnert (1978); "(Fikes, 1971)" and
    # "(Hinkleman, 1988)" for two-author works; Gibbs (1984) never cited.
    report = citecheck.check_file(CORPUS / "plaintext/parscit_demodata/sample2.txt")
    doc = report.documents[0]
    assert doc.style is CitationStyle.AUTHOR_YEAR
    assert len(doc.references) == 18
    assert [(f.code, f.location.line, f.references) for f in report.findings] == [
        ("CC105", 33, ("Lehnert 1978",)),
        ("CC105", 56, ("Fikes 1971",)),
        ("CC105", 240, ("Hinkleman 1988",)),
        ("CC101", 281, ("Gibbs 1984",)),
    ]


@needs_shared
def test_equation_numbers_beside_an_unnumbered_list_are_not_citations() -> None:
    # E06-1050.txt: an ACL paper (two columns through pdftotext) citing by
    # author and year; every one of its entries is cited, and its equation
    # numbers are no citations.  Of its 24 entries, pdftotext's "Moll´a"
    # (a detached accent) leaves one head unread, so that entry joins the
    # one above it, and "(Moll´a and Hutchinson, 2003)" is not read as a
    # citation: a miss, not a false alarm.
    report = citecheck.check_file(CORPUS / "plaintext/parscit_demodata/E06-1050.txt")
    doc = report.documents[0]
    assert doc.style is CitationStyle.AUTHOR_YEAR
    assert all(c.style is CitationStyle.AUTHOR_YEAR for c in doc.citations)
    assert len(doc.references) == 23
    assert report.findings == []


def test_parenthetical_numbers_without_a_reference_list_are_not_citations() -> None:
    report = citecheck.check_text("Section 2(b)(1)-(2) of the licence applies; see (3).\n")
    assert report.documents[0].citations == []
    assert report.findings == []
    forced = citecheck.check_text("Section 2(b)(1)-(2) of the licence applies; see (3).\n", style="parenthetical")
    assert [f.code for f in forced.findings] == ["CC002"]
