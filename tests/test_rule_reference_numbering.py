"""CC302 reference-numbering: gaps, a wrong start and entries out of sequence."""

from __future__ import annotations

import pytest

from citecheck import check_text


def listed(numbers: list[int], marker: str = "{n}. ") -> str:
    """A text citing every listed number, with its list numbered as given.

    The list heading is on line 3, so the entry numbered ``numbers[i]`` is on
    line ``4 + i``.
    """
    cites = ", ".join(f"[{n}]" for n in sorted(set(numbers)))
    entries = "".join(
        marker.format(n=n) + f"Author{n} A. Title of paper {n}. J Test. {2000 + n}.\n" for n in numbers
    )
    return f"Cited {cites}.\n\nReferences\n{entries}"


# (name, list numbers, expected CC302 findings as (line, column, references), message of the first)
FAILING = [
    ("a gap of one", [1, 2, 4, 5], [(6, 1, ("2", "4"))], "reference numbering jumps from 2 to 4 (3 is missing)"),
    ("a gap of two", [1, 2, 3, 6], [(7, 1, ("3", "6"))], "reference numbering jumps from 3 to 6 (4 and 5 are missing)"),
    ("a long gap", [1, 9], [(5, 1, ("1", "9"))], "reference numbering jumps from 1 to 9 (2-8 are missing)"),
    ("two gaps", [1, 3, 5], [(5, 1, ("1", "3")), (6, 1, ("3", "5"))], "reference numbering jumps from 1 to 3 (2 is missing)"),
    ("list starts at 2", [2, 3, 4], [(4, 1, ("2",))], "the reference list starts at 2, not 1"),
    ("list starts at 0", [0, 1, 2], [(4, 1, ("0",))], "the reference list starts at 0, not 1"),
    (
        "an entry out of sequence",
        [1, 2, 4, 3, 5],
        [(7, 1, ("3", "4"))],
        "reference 3 comes after reference 4",
    ),
    (
        "two entries after a later one",
        [1, 4, 2, 3, 5],
        [(6, 1, ("2", "4")), (7, 1, ("3", "4"))],
        "reference 2 comes after reference 4",
    ),
    (
        "out of sequence and a real gap",
        [1, 2, 5, 3, 6],
        [(6, 1, ("2", "5")), (7, 1, ("3", "5"))],
        "reference numbering jumps from 2 to 5 (4 is missing)",
    ),
    (
        "a long gap, partly listed later",
        [1, 12, 3, 5],
        [(5, 1, ("1", "12")), (6, 1, ("3", "12")), (7, 1, ("5", "12"))],
        "reference numbering jumps from 1 to 12 (8 numbers between them are missing)",
    ),
]

PASSING = [
    ("one entry", [1]),
    ("in sequence", [1, 2, 3, 4, 5]),
    ("a repeated number is CC202's business", [1, 2, 2, 3]),
]


@pytest.mark.parametrize(
    ("numbers", "expected", "message"), [pytest.param(*c[1:], id=c[0]) for c in FAILING]
)
def test_numbering_problem(numbers: list[int], expected, message: str) -> None:
    report = check_text(listed(numbers), select=["CC302"])
    got = [(f.location.line, f.location.column, f.references) for f in report.findings]
    assert got == expected
    assert report.findings[0].message == message


@pytest.mark.parametrize("numbers", [pytest.param(c[1], id=c[0]) for c in PASSING])
def test_numbering_fine(findings, numbers: list[int]) -> None:
    assert findings(listed(numbers), select=["CC302"]) == []


@pytest.mark.parametrize("marker", ["{n}. ", "[{n}] ", "{n}) ", "({n}) ", "［{n}］"])
def test_every_marker_is_numbered(findings, marker: str) -> None:
    assert findings(listed([1, 2, 4], marker), select=["CC302"]) == [("CC302", 6, 1, ("2", "4"))]


def test_unnumbered_list_has_no_numbering(findings) -> None:
    text = (
        "Cited [1] and [2].\n\nReferences\n"
        "Macedo F. Bone metastases: an overview. Oncol Rev. 2017.\n"
        "Hong S. Skeletal-related events. PLoS One. 2020.\n"
    )
    assert findings(text, select=["CC302"]) == []


def test_gap_is_reported_whole(findings) -> None:
    """A gap gives CC302 once at the entry after it; citations into the gap
    are CC102, and no other rule fires."""
    text = "Cited [1], [2] and [5].\n\nReferences\n" + "".join(
        f"{n}. Author{n} A. Title of paper {n}. J Test. 2001.\n" for n in (1, 2, 5)
    )
    assert findings(text) == [("CC302", 6, 1, ("2", "5"))]


def test_zh_bad_example_gap(findings, shared_text) -> None:
    text = shared_text("zh-bad")
    assert findings(text, "markdown", select=["CC302"]) == [("CC302", 11, 1, ("2", "5"))]
