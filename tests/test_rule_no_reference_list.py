"""CC002 no-reference-list: citations but no reference list."""

from __future__ import annotations

import pytest

from citecheck import check_text

FAILING = [
    ("one citation", "Bone is the most common site of metastasis [1].\n", [("CC002", 1, 44, ())]),
    (
        "several citations, reported once at the first",
        "Intro.\nBone is common [1] and costly [2-3].\nAgain [1].\n",
        [("CC002", 2, 16, ())],
    ),
    ("superscript citations", "Bone is common¹ and costly².\n", [("CC002", 1, 15, ())]),
    (
        "a heading with no list under it",
        "Bone is common [1].\n\nReferences\n\nTo be added.\n",
        [("CC002", 1, 16, ())],
    ),
    (
        "a heading inside the text is not a list",
        "Bone is common [1]. The references are below.\n",
        [("CC002", 1, 16, ())],
    ),
    ("an empty citation still needs a list", "Bone is common [1] and [].\n", [("CC002", 1, 16, ()), ("CC103", 1, 24, ())]),
]

PASSING = [
    ("no citations, no list", "Just prose, nothing cited.\n"),
    ("only a year in brackets", "Published in [2019] and revised.\n"),
    ("only things that are not citations", "With [n = 40] patients [sic] in [0, 1].\n"),
    ("a list and citations", "Bone is common [1].\n\nReferences\n1. Macedo F. Bone metastases. Oncol Rev. 2017.\n"),
    ("a list and no citations", "Prose.\n\nReferences\n1. Macedo F. Bone metastases. Oncol Rev. 2017.\n"),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=n) for n, t, e in FAILING])
def test_no_reference_list(findings, text: str, expected) -> None:
    assert findings(text) == expected


@pytest.mark.parametrize("text", [pytest.param(t, id=n) for n, t in PASSING])
def test_reference_list_not_needed_or_present(findings, text: str) -> None:
    assert [f for f in findings(text) if f[0] == "CC002"] == []


def test_message_counts_the_citations() -> None:
    (finding,) = check_text("A [1], B [2] and C [3].\n").findings
    assert finding.code == "CC002"
    assert finding.severity.value == "error"
    assert finding.message.startswith("3 citations found, but no reference list")


def test_no_cc102_cascade_without_a_list(findings) -> None:
    """Without a list CC102 stays silent: one CC002 says it all."""
    assert findings("A [1], B [7] and C [12].\n") == [("CC002", 1, 3, ())]


def test_markdown_citations_in_code_only(findings) -> None:
    text = "Use `x[1]` to index.\n\n```\ny = x[2]\n```\n"
    assert findings(text, "markdown") == []


def test_cc002_can_be_ignored(findings) -> None:
    assert findings("Bone is common [1].\n", ignore=["CC002"]) == []


def test_a_bibliography_named_but_not_read_is_named_in_the_message(tmp_path) -> None:
    """CC003 says the file is missing; CC002 must not say that no bibliography file is named."""
    from citecheck.api import check_file

    (tmp_path / "main.tex").write_text("Text \\cite{a}.\n\\bibliography{nothere}\n", encoding="utf-8")
    (tmp_path / "paper.md").write_text("---\nbibliography: gone.bib\n---\n\nText [@a].\n", encoding="utf-8")
    messages = [(f.code, f.message) for name in ("main.tex", "paper.md")
                for f in check_file(tmp_path / name).findings if f.code == "CC002"]
    assert messages == [
        ("CC002", "1 citation found, but no reference list (the bibliography nothere could not be read)"),
        ("CC002", "1 citation found, but no reference list (the bibliography gone.bib could not be read)"),
    ]
