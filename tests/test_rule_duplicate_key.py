"""CC202 duplicate-key: two entries of the list carry the same number."""

from __future__ import annotations

import pytest

from citecheck import check_text

BODY = "Common [1], costly [2] and frequent [3].\n\nReferences\n"

# (name, list entries from line 4 on, expected CC202 findings as (line, column, references))
FAILING = [
    (
        "a number listed twice",
        (
            "1. Macedo F. Bone metastases. Oncol Rev. 2017.\n"
            "2. Hong S. Skeletal events. PLoS One. 2020.\n"
            "2. Guo X. Synchronous bone metastasis. BMC Cancer. 2021.\n"
            "3. Cao Y. Denosumab benefits. J Thorac Dis. 2021.\n"
        ),
        [(6, 1, ("2",))],
    ),
    (
        "a number listed three times",
        (
            "1. Macedo F. Bone metastases. Oncol Rev. 2017.\n"
            "1. Hong S. Skeletal events. PLoS One. 2020.\n"
            "1. Guo X. Synchronous bone metastasis. BMC Cancer. 2021.\n"
            "2. Cao Y. Denosumab benefits. J Thorac Dis. 2021.\n"
            "3. Liede A. Concomitant immunotherapies. OncoImmunology. 2018.\n"
        ),
        [(5, 1, ("1",)), (6, 1, ("1",))],
    ),
    (
        "bracketed markers",
        (
            "[1] 张三. 题名[J]. 某学报, 2020.\n"
            "[2] 李四. 另一题名[M]. 北京: 科学出版社, 2019.\n"
            "[3] 王五. 第三题名[D]. 上海: 复旦大学, 2021.\n"
            "[3] 赵六. 第四题名[J]. 某学报, 2022.\n"
        ),
        [(7, 1, ("3",))],
    ),
]

PASSING = [
    (
        "distinct numbers",
        (
            "1. Macedo F. Bone metastases. Oncol Rev. 2017.\n"
            "2. Hong S. Skeletal events. PLoS One. 2020.\n"
            "3. Guo X. Synchronous bone metastasis. BMC Cancer. 2021.\n"
        ),
    ),
    (
        "the same work under two numbers is not a duplicate number",
        (
            "1. Macedo F. Bone metastases. Oncol Rev. 2017.\n"
            "2. Macedo F. Bone metastases. Oncol Rev. 2017.\n"
            "3. Guo X. Synchronous bone metastasis. BMC Cancer. 2021.\n"
        ),
    ),
    (
        "an unnumbered list cannot repeat a number",
        (
            "Macedo F. Bone metastases. Oncol Rev. 2017.\n"
            "Macedo F. Bone metastases. Oncol Rev. 2017.\n"
            "Guo X. Synchronous bone metastasis. BMC Cancer. 2021.\n"
        ),
    ),
]


@pytest.mark.parametrize(("entries", "expected"), [pytest.param(t, e, id=n) for n, t, e in FAILING])
def test_duplicate(findings, entries: str, expected) -> None:
    assert findings(BODY + entries, select=["CC202"]) == [("CC202", *row) for row in expected]


@pytest.mark.parametrize("entries", [pytest.param(t, id=n) for n, t in PASSING])
def test_no_duplicate(findings, entries: str) -> None:
    assert findings(BODY + entries, select=["CC202"]) == []


def test_message_and_related_location() -> None:
    entries = FAILING[0][1]
    (finding,) = check_text(BODY + entries, select=["CC202"]).findings
    assert finding.message == "reference number 2 is defined twice; first at line 5"
    assert finding.severity.value == "error"
    (related,) = finding.related
    assert (related.location.line, related.location.column) == (5, 1)
    assert related.message == "reference number 2 first defined here"


def test_duplicate_alone_is_the_only_finding(findings) -> None:
    """A repeated number is not also a numbering gap nor out of sequence."""
    assert findings(BODY + FAILING[0][1]) == [("CC202", 6, 1, ("2",))]


def test_seed_has_no_duplicate_number(findings, shared_text) -> None:
    """The seed lists one paper twice (8 and 10), but under different numbers."""
    text = shared_text("seed")
    assert findings(text, select=["CC202"]) == []


def test_first_definition_in_another_file_is_named_with_its_file(tmp_path) -> None:
    """Two bibliographies of one manuscript: "first at line 1" would point into the wrong file."""
    from citecheck import check_file

    (tmp_path / "paper.md").write_text("---\nbibliography: [a.bib, b.bib]\n---\n\nText [@smith2020].\n",
                                       encoding="utf-8")
    (tmp_path / "a.bib").write_text("@article{smith2020, author={Smith, J}, title={One}, journal={J}, year={2020}}\n",
                                    encoding="utf-8")
    (tmp_path / "b.bib").write_text("\n\n@article{smith2020, author={Smith, J}, title={Two}, journal={K}, year={2021}}\n",
                                    encoding="utf-8")
    (finding,) = [f for f in check_file(tmp_path / "paper.md").findings if f.code == "CC202"]
    assert finding.message == "key 'smith2020' is defined twice; first at a.bib:1"
    assert (finding.location.path.endswith("b.bib"), finding.location.line, finding.location.column) == (True, 3, 1)
    (related,) = finding.related
    assert related.location.path.endswith("a.bib") and related.location.line == 1
