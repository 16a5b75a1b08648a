"""CC301 citation-out-of-order: references first cited out of numerical order."""

from __future__ import annotations

import pytest

from citecheck import check_text


def numbered_list(count: int) -> str:
    return "\n\nReferences\n" + "".join(
        f"{n}. Author{n} A. Title of paper {n}. J Test. {2000 + n}.\n" for n in range(1, count + 1)
    )


# (name, text, expected CC301 findings as (line, column, references))
FAILING = [
    (
        "a single jump ahead",
        "A [1] [2] [3] [4] [9] [5] [6] [7] [8]." + numbered_list(9),
        [(1, 19, ("9", "5"))],
    ),
    (
        "two swapped neighbours",
        "Bone metastases are common [1] and costly [3]; see also [2]." + numbered_list(3),
        [(1, 43, ("3", "2"))],
    ),
    (
        "a small number cited late",
        "A [2] [3] [4] [5] [1]." + numbered_list(5),
        [(1, 19, ("1", "5"))],
    ),
    (
        "order within one citation counts",
        "A [1, 3, 2] and [4]." + numbered_list(4),
        [(1, 3, ("3", "2"))],
    ),
    (
        "order across lines",
        "A [1].\nB [2].\nC [5].\nD [3-4]." + numbered_list(5),
        [(3, 3, ("5", "3"))],
    ),
    (
        "superscript citations",
        "Common¹ and costly³, see also².\n" + numbered_list(3),
        [(1, 19, ("3", "2"))],
    ),
]

PASSING = [
    ("in order", "A [1], B [2], C [3]." + numbered_list(3)),
    ("repeats do not count", "A [1], B [2], again [1], C [3], again [2]." + numbered_list(3)),
    ("a range introduces its numbers in order", "A [1-3], B [4], C [2]." + numbered_list(4)),
    ("IEEE range", "A [1]–[3], B [4]." + numbered_list(4)),
    ("missing numbers are CC102's business", "A [1], [7], [2]." + numbered_list(2)),
    ("uncited numbers are CC101's business", "A [1], [3]." + numbered_list(3)),
    (
        "unnumbered list: labels are positions, not an order the author chose",
        (
            "A [2], B [1].\n\nReferences\n"
            "Macedo F. Bone metastases: an overview. Oncol Rev. 2017.\n"
            "Hong S. Skeletal-related events. PLoS One. 2020.\n"
        ),
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=n) for n, t, e in FAILING])
def test_out_of_order(findings, text: str, expected) -> None:
    got = findings(text, select=["CC301"])
    assert got == [("CC301", line, col, refs) for line, col, refs in expected]


@pytest.mark.parametrize("text", [pytest.param(t, id=n) for n, t in PASSING])
def test_in_order(findings, text: str) -> None:
    assert findings(text, select=["CC301"]) == []


def test_message_names_both_references() -> None:
    text = "A [1] [2] [3] [4] [9] [5] [6] [7] [8]." + numbered_list(9)
    (finding,) = check_text(text, select=["CC301"]).findings
    assert finding.message == "reference 9 is first cited before reference 5"
    assert finding.severity.value == "warning"


def test_alphabetical_list_is_reported_once(findings) -> None:
    """When most first citations are out of order, one finding, not a cascade."""
    text = "A [5], B [3], C [1], D [6], E [4], F [2]." + numbered_list(6)
    assert findings(text, select=["CC301"]) == [("CC301", 1, 3, ("5",))]
    (finding,) = check_text(text, select=["CC301"]).findings
    assert finding.message == (
        "the reference list is not numbered in order of first citation "
        "(references are first cited in the order 5, 3, 1, 6, 4, 2)"
    )


def test_parscit_sample_is_reported_once(findings, shared_text) -> None:
    """sample1.txt sorts its list alphabetically: first cited 6, 2, 4, 1, 3, 7, 5."""
    text = shared_text("parscit")
    assert findings(text, select=["CC301"]) == [("CC301", 45, 22, ("6",))]


def test_seed_is_in_order(findings, shared_text) -> None:
    text = shared_text("seed")
    assert findings(text, select=["CC301"]) == []


def test_whole_list_threshold_option(findings) -> None:
    """Raising the threshold turns the single summary into one finding per citation."""
    from citecheck.config import Config, RuleSettings

    text = "A [5], B [3], C [1], D [6], E [4], F [2]." + numbered_list(6)
    config = Config(
        select=("CC301",), rules={"CC301": RuleSettings(options={"whole-list-threshold": 1.0})}
    )
    got = [(f.location.line, f.location.column, f.references) for f in check_text(text, config=config).findings]
    assert got == [
        (1, 3, ("5", "1")),
        (1, 10, ("3", "1")),
        (1, 24, ("6", "2")),
        (1, 31, ("4", "2")),
    ]
