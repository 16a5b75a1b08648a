"""Every form of numbered citation the text and Markdown readers recognise,
and the bracketed, superscript and parenthesised things that are not citations.

Each case is a short text followed by a twelve-entry reference list; the
expected citations are ``(text as written, labels cited, (line, column))``.
"""

from __future__ import annotations

import pytest

from citecheck.model import CitationStyle
from citecheck.readers.options import ReadOptions
from citecheck.readers.text import parse_text

REFERENCES = "\n\nReferences\n" + "".join(
    f"{n}. Author{n} A. Title of paper {n}. J Test. {2000 + n}.\n" for n in range(1, 13)
)


def cited(body: str, fmt: str = "text", style: str | None = None) -> tuple[str, list[tuple]]:
    """The detected style and the citations of ``body`` (followed by the list)."""
    options = ReadOptions(style=CitationStyle(style) if style else None)
    doc = parse_text(body + REFERENCES, "<text>", markdown=fmt == "markdown", options=options)
    rows = []
    for c in doc.citations:
        loc = doc.locate(c.span)
        rows.append((c.text, c.labels, (loc.line, loc.column)))
    return doc.style.value, rows


def one(text: str, labels: str, column: int, line: int = 1) -> tuple:
    return (text, tuple(labels.split()), (line, column))


# (name, format, body, [citation, ...])
BRACKETS = [
    ("single", "text", "Known [1].", [one("[1]", "1", 7)]),
    ("two numbers", "text", "Known [1,2].", [one("[1,2]", "1 2", 7)]),
    ("number and range", "text", "Known [1, 3-5].", [one("[1, 3-5]", "1 3 4 5", 7)]),
    ("semicolons", "text", "Known [1; 3].", [one("[1; 3]", "1 3", 7)]),
    ("spaces inside", "text", "Known [ 2 ].", [one("[ 2 ]", "2", 7)]),
    ("hyphen range", "text", "Known [6-8].", [one("[6-8]", "6 7 8", 7)]),
    ("en dash range", "text", "Known [6–8].", [one("[6–8]", "6 7 8", 7)]),
    ("em dash range", "text", "Known [6—8].", [one("[6—8]", "6 7 8", 7)]),
    ("tilde range", "text", "Known [6~8].", [one("[6~8]", "6 7 8", 7)]),
    ("full-width tilde range", "text", "已知[6～8]。", [one("[6～8]", "6 7 8", 3)]),
    ("range with spaces", "text", "Known [6 - 8].", [one("[6 - 8]", "6 7 8", 7)]),
    ("full-width brackets", "text", "已知［1］。", [one("［1］", "1", 3)]),
    ("lenticular brackets", "text", "已知【1】。", [one("【1】", "1", 3)]),
    ("full-width comma", "text", "已知[1，2]。", [one("[1，2]", "1 2", 3)]),
    ("ideographic comma", "text", "已知[1、3]。", [one("[1、3]", "1 3", 3)]),
    ("full-width brackets and comma", "text", "已知［1，3～5］。", [one("［1，3～5］", "1 3 4 5", 3)]),
    ("IEEE range with en dash", "text", "Known [1]–[3].", [one("[1]–[3]", "1 2 3", 7)]),
    ("IEEE range with hyphen", "text", "Known [4]-[6].", [one("[4]-[6]", "4 5 6", 7)]),
    ("IEEE range with spaces", "text", "Known [7] – [9].", [one("[7] – [9]", "7 8 9", 7)]),
    (
        "adjacent citations stay apart",
        "text",
        "Known [1][2], [3].",
        [one("[1]", "1", 7), one("[2]", "2", 10), one("[3]", "3", 15)],
    ),
    ("CJK text around", "text", "研究表明[1,3]，另见[2]。", [one("[1,3]", "1 3", 5), one("[2]", "2", 13)]),
    ("numbered link to an anchor", "markdown", "Known [3](#ref-3).", [one("[3]", "3", 7)]),
    ("escaped brackets (pandoc)", "markdown", "Known \\[1, 2\\].", [one("[1, 2\\]", "1 2", 8)]),
    ("open-ended range is still a citation", "text", "Known [6-].", [one("[6-]", "6", 7)]),
    ("empty brackets are a (malformed) citation", "text", "Known [].", [("[]", (), (1, 7))]),
]

SUPERSCRIPTS = [
    ("single", "text", "Known¹.", [one("¹", "1", 6)]),
    ("two digits make one number", "text", "Known¹².", [one("¹²", "12", 6)]),
    ("range", "text", "Known⁴⁻⁶.", [one("⁴⁻⁶", "4 5 6", 6)]),
    ("range with en dash", "text", "Known⁴–⁶.", [one("⁴–⁶", "4 5 6", 6)]),
    ("list", "text", "Known¹,³.", [one("¹,³", "1 3", 6)]),
    ("after punctuation", "text", "Known.² Also,³ and", [one("²", "2", 7), one("³", "3", 14)]),
    ("Markdown caret", "markdown", "Known^1,2^.", [one("^1,2^", "1 2", 6)]),
    ("Markdown caret range", "markdown", "Known^4-6^.", [one("^4-6^", "4 5 6", 6)]),
    ("sup tag", "markdown", "Known<sup>1,2</sup>.", [one("<sup>1,2</sup>", "1 2", 6)]),
    ("sup tag in plain text", "text", "Known<sup>5</sup>.", [one("<sup>5</sup>", "5", 6)]),
]

PARENTHESES = [
    ("single", "text", "Known (1) and (2).", [one("(1)", "1", 7), one("(2)", "2", 15)]),
    ("range", "text", "Known (1–3).", [one("(1–3)", "1 2 3", 7)]),
    ("list", "text", "Known (1, 4).", [one("(1, 4)", "1 4", 7)]),
    ("full-width", "text", "已知（2）。", [one("（2）", "2", 3)]),
]


def _params(table):
    return [pytest.param(fmt, body, expected, id=name) for name, fmt, body, expected in table]


@pytest.mark.parametrize(("fmt", "body", "expected"), _params(BRACKETS))
def test_bracket_forms(fmt: str, body: str, expected) -> None:
    assert cited(body, fmt) == ("bracket", expected)


@pytest.mark.parametrize(("fmt", "body", "expected"), _params(SUPERSCRIPTS))
def test_superscript_forms_are_detected(fmt: str, body: str, expected) -> None:
    assert cited(body, fmt) == ("superscript", expected)


@pytest.mark.parametrize(("fmt", "body", "expected"), _params(PARENTHESES))
def test_parenthetical_forms_are_detected(fmt: str, body: str, expected) -> None:
    assert cited(body, fmt) == ("parenthetical", expected)


def test_forced_superscript_ignores_brackets() -> None:
    body = "Known [1] and [2], also³ and^4^ (5)."
    assert cited(body, "markdown") == ("bracket", [one("[1]", "1", 7), one("[2]", "2", 15)])
    assert cited(body, "markdown", "superscript") == (
        "superscript",
        [one("³", "3", 24), one("^4^", "4", 29)],
    )


def test_superscripted_brackets() -> None:
    """``<sup>[3]</sup>`` reads as [3] by default and as the superscript when forced."""
    assert cited("Known<sup>[3]</sup>.", "markdown") == ("bracket", [one("[3]", "3", 11)])
    assert cited("Known<sup>[3]</sup>.", "markdown", "superscript") == (
        "superscript",
        [one("<sup>[3]</sup>", "3", 6)],
    )


def test_forced_parenthetical_ignores_brackets() -> None:
    body = "Known [1] and [2], also (3) and (4–6)."
    assert cited(body)[0] == "bracket"
    assert cited(body, style="parenthetical") == (
        "parenthetical",
        [one("(3)", "3", 25), one("(4–6)", "4 5 6", 33)],
    )


def test_parenthetical_enumeration_at_line_start_is_not_a_citation() -> None:
    body = "Known (1) and (2).\n(3) An enumerated point, not a citation."
    assert cited(body) == ("parenthetical", [one("(1)", "1", 7), one("(2)", "2", 15)])


def test_parenthetical_year_is_not_a_citation() -> None:
    assert cited("Known (1), published (2019).") == ("parenthetical", [one("(1)", "1", 7)])


def test_style_is_chosen_by_what_resolves() -> None:
    """More superscripts than brackets resolve, so the document is superscript."""
    assert cited("Bone¹ lung² liver³ and [1].")[0] == "superscript"
    assert cited("Bone [1] lung [2] and liver³.")[0] == "bracket"


# (name, format, body): none of these holds a citation.
NOT_CITATIONS = [
    ("statistic", "text", "With [n = 40] patients."),
    ("editorial sic", "text", "It was [sic] wrong."),
    ("a year when the list is short", "text", "Published [2019]."),
    ("years as a range", "text", "Between [2019-2021]."),
    ("interval with zero", "text", "Scaled to [0, 1]."),
    ("decimal interval", "text", "Within [0.5, 2]."),
    ("decimal number", "text", "Ratio [1.5]."),
    ("zero", "text", "Index [0]."),
    ("letters", "text", "See [a] and [1a]."),
    ("empty full-width brackets", "text", "空【】括号。"),
    ("Markdown inline link", "markdown", "See [the paper](https://example.com/1)."),
    ("Markdown link with a numeric text", "markdown", "See [1](https://example.com/1)."),
    ("Markdown image", "markdown", "![2](figure2.png)"),
    ("reference link with a definition", "markdown", "See [the paper][1].\n\n[1]: http://example.com/paper"),
    ("reference-link definition line", "markdown", "Prose.\n\n[2]: http://example.com/two"),
    ("shortcut link with a definition", "markdown", "See [3].\n\n[3]: http://example.com/three"),
    ("footnote marker", "markdown", "A claim.[^1]\n\n[^1]: A note."),
    ("footnote markers side by side", "markdown", "A claim.[^1][^2]"),
    ("footnote marker in plain text", "text", "A claim.[^1]"),
    ("footnote markers side by side in plain text", "text", "A claim.[^1][^2] here."),
    ("unpaired bracket in a sup tag", "markdown", "A claim<sup>1]</sup>."),
    ("code span", "markdown", "Index with `x[1]` here."),
    ("double-backtick code span", "markdown", "Index with ``x[`1`]`` here."),
    ("fenced code block", "markdown", "Prose.\n\n```python\ny = x[1]\n```\n"),
    ("tilde fence", "markdown", "Prose.\n\n~~~\ny = x[2]\n~~~\n"),
    ("indented code block", "markdown", "Prose.\n\n    y = x[3]\n"),
    ("HTML comment", "markdown", "Prose <!-- see [4] --> here."),
    ("HTML comment in plain text", "text", "Prose <!-- see [4] --> here."),
    ("multi-line HTML comment", "markdown", "Prose <!--\n[5]\n--> here."),
    ("URL with brackets", "text", "See https://example.com/a[1]b here."),
    ("exponent after a number", "text", "A rate of 10⁻³ per year."),
    ("squared number", "text", "It is 5² here."),
    ("unit", "text", "An area of 4 m² and 2 cm³."),
    ("variable", "text", "Where x² grows."),
    ("caret exponent", "markdown", "A rate of 2^10^ and 4 m^2^."),
    ("sup exponent", "markdown", "A rate of 10<sup>3</sup> and 4 m<sup>2</sup>."),
    ("task list boxes", "markdown", "To do:\n\n- [ ] draft\n- [x] submit\n"),
    ("pandoc span", "markdown", "An icon []{.fas .fa-info} and [2]{.smallcaps} here."),
]


@pytest.mark.parametrize(
    ("fmt", "body"), [pytest.param(fmt, body, id=name) for name, fmt, body in NOT_CITATIONS]
)
def test_not_a_citation(fmt: str, body: str) -> None:
    assert cited(body, fmt)[1] == []


def test_year_is_a_citation_when_the_list_is_that_long() -> None:
    """[2019] is a year only while the list is far shorter than that."""
    refs = "\n\nReferences\n" + "".join(
        f"{n}. Author{n} A. Title of paper {n}. J Test. 2001.\n" for n in range(1, 2021)
    )
    doc = parse_text("See [2019]." + refs)
    assert [c.labels for c in doc.citations] == [("2019",)]


def test_citation_in_a_footnote_is_found() -> None:
    """A footnote's text is prose: its citations count."""
    body = "A claim [1].[^1]\n\n[^1]: As also reported [2]."
    assert cited(body, "markdown") == ("bracket", [one("[1]", "1", 9), one("[2]", "2", 24, line=3)])


def test_superscript_citation_in_a_footnote_is_found() -> None:
    body = "A claim^1^.[^1]\n\n[^1]: As also reported^2^."
    assert cited(body, "markdown") == ("superscript", [one("^1^", "1", 8), one("^2^", "2", 23, line=3)])


def test_citation_next_to_link_is_found() -> None:
    body = "See [the site](https://example.com) and [2]."
    assert cited(body, "markdown") == ("bracket", [one("[2]", "2", 41)])


def test_citation_after_code_block_is_found() -> None:
    body = "Prose.\n\n```\nx[1]\n```\n\nThen [2]."
    assert cited(body, "markdown") == ("bracket", [one("[2]", "2", 6, line=7)])


def test_citations_inside_the_reference_list_are_not_citations() -> None:
    doc = parse_text("Known [1].\n\nReferences\n[1] Macedo F. Bone metastases [review]. Oncol Rev. 2017.\n")
    assert [c.text for c in doc.citations] == ["[1]"]


@pytest.mark.parametrize(
    ("style", "uncited"),
    [
        # auto: brackets are the style, but the superscript ³ that fits the list
        # shows that reference 3 is cited (a document may mix the two).
        ("auto", ["4"]),
        ("bracket", ["3", "4"]),
        ("superscript", ["1", "2", "4"]),
        ("parenthetical", ["1", "2", "3"]),
    ],
)
def test_style_option_of_check_text(findings, style: str, uncited: list[str]) -> None:
    """The ``style`` option decides which marks are citations, and so what is uncited."""
    four = "\n\nReferences\n" + "".join(f"{n}. Author{n} A. Title {n}. J Test. 2001.\n" for n in range(1, 5))
    text = "Known [1] and [2], also³ and (4)." + four
    expected = [("CC101", 3 + int(n), 1, (n,)) for n in uncited]
    assert findings(text, select=["CC101"], style=style) == expected


def test_badge_link_around_an_image_is_not_an_empty_citation() -> None:
    from citecheck import check_text

    text = "[![DOI](https://zenodo.org/badge/DOI/10.5281/zenodo.1211397.svg)](https://doi.org/10.5281/zenodo.1211397)\n"
    report = check_text(text, format="markdown")
    assert report.findings == []
    assert report.documents[0].citations == []
