"""CC102 missing-reference: a citation of a number the list does not have."""

from __future__ import annotations

import pytest

from citecheck import check_text


def numbered(numbers) -> str:
    """A reference list numbered as given; its heading is two lines below the text."""
    return "\n\nReferences\n" + "".join(
        f"{n}. Author{n} A. Title of paper {n}. J Test. {2000 + n}.\n" for n in numbers
    )


# (name, text, expected CC102 findings as (line, column, references), message of the first)
FAILING = [
    (
        "beyond the end of the list",
        "As shown [1], [2] and [11]." + numbered(range(1, 11)),
        [(1, 23, ("11",))],
        "citation [11] refers to reference 11, but the list has 10 references",
    ),
    (
        "a range running past the end",
        "As shown [1, 2-4]." + numbered([1, 2]),
        [(1, 10, ("3", "4"))],
        "citation [1, 2-4] refers to references 3 and 4, but the list has 2 references",
    ),
    (
        "inside a gap",
        "As shown [1], [2], [3] and [4]." + numbered([1, 2, 4]),
        [(1, 20, ("3",))],
        "citation [3] refers to reference 3, which the reference list does not have",
    ),
    (
        "beyond a list that skips numbers",
        "As shown [1], [2], [4] and [5]." + numbered([1, 2, 4]),
        [(1, 28, ("5",))],
        "citation [5] refers to reference 5, but the list ends at reference 4",
    ),
    (
        "superscript beyond the end",
        "As shown¹ and again⁹." + numbered([1]),
        [(1, 20, ("9",))],
        "citation ⁹ refers to reference 9, but the list has 1 reference",
    ),
    (
        "each citation reported, in text order",
        "As shown [3] and [1] and [3]." + numbered([1]),
        [(1, 10, ("3",)), (1, 26, ("3",))],
        "citation [3] refers to reference 3, but the list has 1 reference",
    ),
    (
        "IEEE range reaching past the end",
        "As shown [1]–[3]." + numbered([1, 2]),
        [(1, 10, ("3",))],
        "citation [1]–[3] refers to reference 3, but the list has 2 references",
    ),
]

PASSING = [
    ("all in the list", "As shown [1], [2-3]." + numbered([1, 2, 3])),
    ("a year is not a citation", "As shown in [2019], see [1]." + numbered([1])),
    ("no list: CC002 instead", "As shown [1] and [5].\n"),
]


@pytest.mark.parametrize(
    ("text", "expected", "message"), [pytest.param(*c[1:], id=c[0]) for c in FAILING]
)
def test_missing(text: str, expected, message: str) -> None:
    report = check_text(text, select=["CC102"])
    got = [(f.location.line, f.location.column, f.references) for f in report.findings]
    assert got == expected
    assert report.findings[0].message == message
    assert report.findings[0].severity.value == "error"


@pytest.mark.parametrize("text", [pytest.param(t, id=n) for n, t in PASSING])
def test_not_missing(findings, text: str) -> None:
    assert findings(text, select=["CC102"]) == []


def test_gap_gives_cc102_and_cc302(findings) -> None:
    text = "As shown [1], [2], [3] and [4]." + numbered([1, 2, 4])
    assert findings(text) == [("CC102", 1, 20, ("3",)), ("CC302", 6, 1, ("2", "4"))]


def test_zh_bad_example(findings, shared_text) -> None:
    """[9] is past the end; [2-4] and [4] point into the gap 3-4 (the list is 1, 2, 5)."""
    text = shared_text("zh-bad")
    assert findings(text, "markdown", select=["CC102"]) == [
        ("CC102", 4, 10, ("9",)),
        ("CC102", 4, 18, ("3", "4")),
        ("CC102", 4, 26, ("4",)),
    ]
