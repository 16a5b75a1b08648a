"""CC103 malformed-citation: reversed, open-ended, empty and repeated citations."""

from __future__ import annotations

import pytest

from citecheck import check_text

# Ten references, so that every number the cases use resolves.
REFERENCES = "\n\nReferences\n" + "".join(
    f"{n}. Author{n} A. Title of paper {n}. J Test. {2000 + n}.\n" for n in range(1, 11)
)

# (name, text of the first line, expected CC103 findings as (line, column, references))
FAILING = [
    ("reversed range", "Several studies [8-6] agree.", [(1, 18, ("8", "6"))]),
    ("reversed range with en dash", "Several studies [8–6] agree.", [(1, 18, ("8", "6"))]),
    ("reversed range inside a list", "See [1, 9-7, 10].", [(1, 9, ("9", "7"))]),
    ("empty brackets", "As shown [] before.", [(1, 10, ())]),
    ("repeated number", "As shown [3,3] before.", [(1, 13, ("3",))]),
    ("repeated with spaces", "As shown [3, 4, 3] before.", [(1, 17, ("3",))]),
    ("number inside an earlier range", "As shown [1-3,2] before.", [(1, 15, ("2",))]),
    ("range over an earlier number", "As shown [2,1-3] before.", [(1, 13, ("2",))]),
    ("two repeats in one item", "As shown [2,3,1-4] before.", [(1, 15, ("2", "3"))]),
    ("open-ended range", "As shown [6-] before.", [(1, 11, ("6",))]),
    ("open-ended range after a number", "As shown [1, 6–] before.", [(1, 14, ("6",))]),
    ("superscript repeat", "As shown¹,¹ before.", [(1, 11, ("1",))]),
    ("two malformed citations", "First [] then [5,5].", [(1, 7, ()), (1, 18, ("5",))]),
]

PASSING = [
    ("single number", "As shown [3] before."),
    ("ascending range", "As shown [6-8] before."),
    ("list and range", "As shown [1, 3-5] before."),
    ("the same number in two citations", "As shown [3] and again [3]."),
    ("adjacent ranges", "As shown [1-3,4-6] before."),
    ("range of one", "As shown [4-4] before."),
    ("not a citation: one word", "As shown [sic] before."),
    ("not a citation: a statistic", "As shown [n = 40] before."),
    ("not a citation: an interval", "As shown [0, 1] before."),
]


@pytest.mark.parametrize(
    ("text", "expected"), [pytest.param(t, e, id=n) for n, t, e in FAILING]
)
def test_malformed(findings, text: str, expected: list[tuple[int, int, tuple[str, ...]]]) -> None:
    got = findings(text + REFERENCES, select=["CC103"])
    assert got == [("CC103", line, col, refs) for line, col, refs in expected]


@pytest.mark.parametrize("text", [pytest.param(t, id=n) for n, t in PASSING])
def test_well_formed(findings, text: str) -> None:
    assert findings(text + REFERENCES, select=["CC103"]) == []


def test_messages_say_what_is_wrong() -> None:
    report = check_text("A [8-6], B [], C [3,3], D [6-].\n" + REFERENCES, select=["CC103"])
    messages = [f.message for f in report.findings]
    assert messages == [
        "range 8-6 in [8-6] runs backwards; write 6-8",
        "citation [] is empty",
        "reference 3 appears more than once in [3,3]",
        "range 6- in [6-] has no end",
    ]
    assert {f.severity.value for f in report.findings} == {"warning"}


def test_location_spans_the_item_not_the_brackets() -> None:
    (finding,) = check_text("See [1, 9-7].\n" + REFERENCES, select=["CC103"]).findings
    loc = finding.location
    assert (loc.line, loc.column, loc.end_line, loc.end_column) == (1, 9, 1, 12)


def test_reversed_range_cites_what_it_spans(findings) -> None:
    """[8-6] means 6, 7 and 8: only CC103 is reported, not 7 as uncited nor
    the range as out of order."""
    refs = "\n\nReferences\n" + "".join(f"{n}. Author{n} A. Title {n}. J Test. 2001.\n" for n in range(1, 9))
    text = "First [1-5], then [8-6]." + refs
    assert findings(text) == [("CC103", 1, 20, ("8", "6"))]
