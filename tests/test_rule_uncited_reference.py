"""CC101 uncited-reference: a listed reference that no citation points to."""

from __future__ import annotations

import pytest

from citecheck import check_text

LIST3 = (
    "\n\nReferences\n"
    "1. Macedo F. Bone metastases: an overview. Oncol Rev. 2017.\n"
    "2. Hong S. Skeletal-related events. PLoS One. 2020.\n"
    "3. Guo X. Synchronous bone metastasis. BMC Cancer. 2021.\n"
)

# (name, text, format, expected findings); the list's entries are on lines 4-6
# when the body is one line.
FAILING = [
    ("last entry uncited", "Common [1] and costly [2]." + LIST3, "text", [("CC101", 6, 1, ("3",))]),
    ("middle entry uncited", "Common [1] and costly [3]." + LIST3, "text", [("CC101", 5, 1, ("2",))]),
    (
        "nothing cited but a list",
        "Prose only." + LIST3,
        "text",
        # CC004 (issue 11) says no citation was recognised at all; CC101 stays.
        [("CC004", 3, 1, ()), ("CC101", 4, 1, ("1",)), ("CC101", 5, 1, ("2",)), ("CC101", 6, 1, ("3",))],
    ),
    (
        "a citation in a code span does not count",
        "Common [1], costly [2] and `[3]`." + LIST3,
        "markdown",
        [("CC101", 6, 1, ("3",))],
    ),
    (
        "a citation in an HTML comment does not count",
        "Common [1], costly [2] <!-- [3] -->." + LIST3,
        "text",
        [("CC101", 6, 1, ("3",))],
    ),
    (
        "bracketed list entries",
        "Common [1] and [3].\n\n参考文献\n[1] 张三. 题名[J]. 某学报, 2020.\n[2] 李四. 另一题名[M]. 北京: 科学出版社, 2019.\n[3] 王五. 第三题名[D]. 上海: 复旦大学, 2021.\n",
        "text",
        [("CC101", 5, 1, ("2",))],
    ),
    (
        "an indented entry is reported where its text starts",
        "Common [1].\n\nReferences\n  1. Macedo F. Bone metastases. Oncol Rev. 2017.\n  2. Hong S. Skeletal events. PLoS One. 2020.\n",
        "text",
        [("CC101", 5, 3, ("2",))],
    ),
]

PASSING = [
    ("each cited once", "Common [1], costly [2], see [3]." + LIST3, "text"),
    ("a range cites its inside", "Common [1-3]." + LIST3, "text"),
    ("a list of numbers", "Common [1, 2, 3]." + LIST3, "text"),
    ("IEEE range", "Common [1]–[3]." + LIST3, "text"),
    ("reversed range still cites its inside", "Common [1], [3-2]." + LIST3, "text"),
    ("superscripts", "Common¹ and costly²,³." + LIST3, "text"),
    ("Markdown superscripts", "Common^1^ and costly<sup>2-3</sup>." + LIST3, "markdown"),
    ("parenthetical", "Common (1) and costly (2, 3)." + LIST3, "text"),
]


@pytest.mark.parametrize(
    ("text", "fmt", "expected"), [pytest.param(t, f, e, id=n) for n, t, f, e in FAILING]
)
def test_uncited(findings, text: str, fmt: str, expected) -> None:
    assert findings(text, fmt) == expected


@pytest.mark.parametrize(("text", "fmt"), [pytest.param(t, f, id=n) for n, t, f in PASSING])
def test_all_cited(findings, text: str, fmt: str) -> None:
    assert findings(text, fmt, select=["CC101"]) == []


def test_message_and_severity() -> None:
    (finding,) = check_text("Common [1] and [2]." + LIST3).findings
    assert finding.message == "reference 3 is never cited"
    assert finding.severity.value == "warning"
    loc = finding.location
    # The whole entry, marker included, up to its last non-space character.
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (6, 1, 6, 57)


def test_unnumbered_list_uses_positions(findings) -> None:
    text = (
        "Common [1] and costly [3].\n\nReferences\n"
        "Macedo F. Bone metastases: an overview. Oncol Rev. 2017.\n"
        "Hong S. Skeletal-related events. PLoS One. 2020.\n"
        "Guo X. Synchronous bone metastasis. BMC Cancer. 2021.\n"
    )
    assert findings(text) == [("CC101", 5, 1, ("2",))]


def test_duplicate_number_is_reported_once(findings) -> None:
    text = (
        "Common [1].\n\nReferences\n"
        "1. Macedo F. Bone metastases: an overview. Oncol Rev. 2017.\n"
        "2. Hong S. Skeletal-related events. PLoS One. 2020.\n"
        "2. Guo X. Synchronous bone metastasis. BMC Cancer. 2021.\n"
    )
    assert findings(text, select=["CC101"]) == [("CC101", 5, 1, ("2",))]


def test_seed_reference_5_is_never_cited(findings, shared_text) -> None:
    """The defining example: 10 references, all cited but number 5."""
    text = shared_text("seed")
    assert findings(text, select=["CC101"]) == [("CC101", 74, 1, ("5",))]


def test_parscit_sample_cites_everything(findings, shared_text) -> None:
    text = shared_text("parscit")
    assert findings(text, select=["CC101"]) == []
