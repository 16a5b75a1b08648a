"""Suppression comments: each removes exactly the finding it targets."""

from __future__ import annotations

import pytest

from citecheck.api import check_paths, check_text
from citecheck.suppress import COMMENT_SYNTAX, parse_suppressions
from tests.ci_support import SEEDLIKE, run

#: References 2 and 3 are never cited (CC101 on lines 5 and 6).
TWO_UNCITED = (
    "Bone metastases are common [1].\n"
    "\n"
    "References\n"
    "1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017.\n"
    "2. Hong S. Bone metastasis and skeletal-related events. PLoS One. 2020.\n"
    "3. Guo X. Synchronous bone metastasis in lung cancer. Cancer Med. 2021.\n"
)


def found(text: str, format: str = "text") -> list[tuple[str, int, tuple[str, ...]]]:
    return [(f.code, f.location.line, f.references) for f in check_text(text, format=format).findings]


def insert_before(text: str, line: int, comment: str) -> str:
    lines = text.splitlines(keepends=True)
    lines.insert(line - 1, comment + "\n")
    return "".join(lines)


def test_unsuppressed_baseline():
    assert found(TWO_UNCITED) == [("CC101", 5, ("2",)), ("CC101", 6, ("3",))]


@pytest.mark.parametrize("format", ["text", "markdown"])
def test_comment_on_the_line_before_suppresses_only_that_finding(format):
    text = insert_before(TWO_UNCITED, 6, "<!-- citecheck: ignore CC101 -->")
    assert found(text, format) == [("CC101", 5, ("2",))]


def test_comment_on_the_same_line():
    text = TWO_UNCITED.replace("2020.\n", "2020. <!-- citecheck: ignore uncited-reference -->\n")
    assert found(text, "markdown") == [("CC101", 6, ("3",))]


def test_trailing_comment_covers_its_own_line_only():
    text = TWO_UNCITED.replace("2020.\n", "2020. <!-- citecheck: ignore CC101 -->\n")
    assert found(text) == [("CC101", 6, ("3",))]
    parsed = parse_suppressions(text, "text")
    assert parsed.lines == {5: {"CC101"}}


def test_comment_two_lines_above_does_not_reach():
    text = insert_before(TWO_UNCITED, 5, "<!-- citecheck: ignore CC101 -->")
    # The comment is now on line 5, reference 2 on line 6 (covered), reference 3 on line 7 (not).
    assert found(text, "markdown") == [("CC101", 7, ("3",))]


def test_other_codes_do_not_suppress():
    text = insert_before(TWO_UNCITED, 6, "<!-- citecheck: ignore CC102, CC301 -->")
    assert [f[0] for f in found(text)] == ["CC101", "CC101"]


def test_prefix_and_bare_ignore():
    assert found(insert_before(TWO_UNCITED, 6, "<!-- citecheck: ignore CC1 -->"), "markdown") == [
        ("CC101", 5, ("2",))]
    assert found(insert_before(TWO_UNCITED, 6, "<!-- citecheck: ignore -->"), "markdown") == [
        ("CC101", 5, ("2",))]


def test_ignore_file_applies_everywhere():
    text = "<!-- citecheck: ignore-file CC101 -->\n" + TWO_UNCITED
    assert found(text, "markdown") == []
    text = "<!-- citecheck: ignore-file CC102 -->\n" + TWO_UNCITED
    assert len(found(text, "markdown")) == 2


def test_seedlike_reference_5_suppressed_in_a_copy(tmp_path):
    lines = SEEDLIKE.read_text("utf-8").splitlines(keepends=True)
    assert lines[17].startswith("5. Nakahara")
    assert lines[22].startswith("10.")
    lines.insert(22, "<!-- citecheck: ignore CC201 -->\n")  # the duplicate, reported at reference 10
    lines.insert(17, "<!-- citecheck: ignore CC101 -->\n")
    copy = tmp_path / "seed.txt"
    copy.write_text("".join(lines), encoding="utf-8")
    assert [f.code for f in check_paths([str(SEEDLIKE)]).findings] == ["CC101", "CC201"]
    report = check_paths([str(copy)])
    assert report.findings == []
    assert len(report.documents[0].references) == 10
    result = run("check", str(copy))
    assert result.exit_code == 0


def test_latex_and_bibtex_comment_syntax():
    text = ("x % citecheck: ignore CC101\n\\% citecheck: ignore CC102\n%citecheck:ignore-file CC301\n"
            "  % citecheck: ignore CC102 CC103\n\\cite{a}\n")
    for format in ("latex", "bibtex"):
        parsed = parse_suppressions(text, format)
        assert parsed.lines == {1: {"CC101"}, 4: {"CC102", "CC103"}, 5: {"CC102", "CC103"}}
        assert parsed.file == {"CC301"}
        assert parsed.covers("CC101", 1) and not parsed.covers("CC101", 2)
        assert parsed.covers("CC103", 5) and not parsed.covers("CC103", 6)
        assert parsed.covers("CC301", 99)
    # HTML comments mean nothing in TeX, and TeX comments nothing in Markdown.
    assert not parse_suppressions("<!-- citecheck: ignore CC101 -->", "latex").lines
    assert not parse_suppressions("% citecheck: ignore CC101", "markdown").lines


def test_formats_without_comments_have_no_syntax():
    assert "docx" not in COMMENT_SYNTAX and "jats" not in COMMENT_SYNTAX
    assert not parse_suppressions("<!-- citecheck: ignore CC101 -->", "docx").lines


def test_readers_can_record_suppressions_on_the_document():
    from citecheck.api import check_document
    from citecheck.readers.text import parse_text

    document = parse_text(TWO_UNCITED, "p.txt")
    document.suppressions = {0: {6: frozenset({"CC101"})}}
    assert [f.references for f in check_document(document).findings] == [("2",)]


@pytest.mark.parametrize("word", ["citecheck", "CiteCheck", "CİTECHECK", "cıtecheck", "citechec\u212a"])
def test_any_case_the_patterns_accept_is_found(word):
    # parse_suppressions skips the patterns when the text cannot name
    # citecheck; what they accept, ignoring case, must still be found.
    for text in (f"% {word}: ignore CC201\nx\n", f"Müller\n% {word}: ignore CC201\n"):
        assert COMMENT_SYNTAX["bibtex"].search(text)
        assert parse_suppressions(text, "bibtex").lines


def test_may_name_citecheck_as_str_lower_finds_it() -> None:
    """The byte-wise pre-check of Latin-1 text agrees with lowering the str."""
    import random

    from citecheck.suppress import _may_name_citecheck

    def by_str_lower(text: str) -> bool:
        return "citecheck" in text.lower() or (not text.isascii() and ("ı" in text or "İ" in text))

    rng = random.Random(9)
    pieces = ["citecheck", "CiteCheck", "CITECHECK", "citechec", "K", "\u212a", "İ", "ı", "ß", "À", "é", "ü",
              "Ｃ", " ", "x", "\n", "%", "ÇİTECHECK", "citecheçk"]
    texts = ["", "plain text", "CiteChec\u212a", "ÀCITECHECK", "naïve citecheçk"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(3000)]
    for text in texts:
        assert _may_name_citecheck(text) == by_str_lower(text), text
