"""The pandoc / Quarto / R Markdown reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.api import check_file, check_text, parse_file
from citecheck.model import CitationStyle, Severity
from citecheck.parsing.masking import mask_markdown
from citecheck.parsing.pandoc_cites import scan_pandoc
from tests.paths import CORPUS, needs_shared


#: The rules these tests are about: reading, resolving and keys.  Content
#: rules (incomplete or duplicate works) have their own tests.
READER_RULES = ["CC0", "CC1", "CC202", "CC204"]


def check(path, **options):
    return check_file(path, select=READER_RULES, **options)


def check_string(text: str, **options):
    return check_text(text, select=READER_RULES, **options)


BIB = "@article{smith2020, author={Smith, J}, title={A}, journal={J}, year={2020}}\n" \
      "@article{doe99, author={Doe, J}, title={B}, journal={J}, year={1999}}\n"


def keys(text: str) -> list[tuple[str, ...]]:
    return [c.labels for c in scan_pandoc(mask_markdown(text), text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("As shown [@smith2020].", [("smith2020",)]),
        ("As shown [-@smith2020].", [("smith2020",)]),
        ("[see @a, p. 3; @b, ch. 2]", [("a", "b")]),
        ("@smith2020 says [p. 33] so.", [("smith2020",)]),
        ("Braced [@{weird key!}].", [("weird key!",)]),
        ("Keys with punctuation [@doi:10.1038/nature12373; @Foo_2020.b].",
         [("doi:10.1038/nature12373", "Foo_2020.b")]),
        ("Mail me at jane@example.org or [jane@example.org].", []),
        ("Trailing dot @smith2020.", [("smith2020",)]),
        ("`code @notakey` and\n\n```\n[@alsonot]\n```\n", []),
        ("<!-- [@hidden] -->", []),
        ("A link [@a](https://example.org) is not a citation.", []),
        ("Escaped \\@b is not one.", []),
        ("Mixed [see @a; no key here]", [("a",)]),
    ],
)
def test_citation_forms(text: str, expected: list[tuple[str, ...]]) -> None:
    assert keys(text) == expected


def test_spans_and_commands() -> None:
    text = "Intro @a and [see @b, p. 3; -@c].\n"
    citations = scan_pandoc(mask_markdown(text), text)
    assert [(c.command, c.text) for c in citations] == [
        ("in-text", "@a"), ("bracket", "[see @b, p. 3; -@c]")]
    assert [text[i.span.start : i.span.end] for c in citations for i in c.items] == ["a", "b", "c"]


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "more.json").write_text('[{"id": "csl1", "type": "book", "title": "C"}]', encoding="utf-8")
    path = tmp_path / "paper.md"
    path.write_text(
        "---\n"                                   # 1
        "title: Test\n"                           # 2
        "author: jane@example.org\n"              # 3
        "bibliography:\n"                         # 4
        "  - refs.bib\n"                          # 5
        "  - more.json\n"                         # 6
        "  - gone.bib\n"                          # 7
        "---\n"                                   # 8
        "\n"                                      # 9
        "Bone [@smith2020; @csl1] and @missing.\n"  # 10
        "See @fig-plot and @sec:intro.\n",        # 11
        encoding="utf-8",
    )
    return path


def test_front_matter_bibliographies_resolve_citations(paper: Path) -> None:
    document = parse_file(paper)
    assert document.format == "pandoc" and document.style is CitationStyle.KEY
    assert [Path(s.path).name for s in document.sources] == ["paper.md", "refs.bib", "more.json"]
    assert {r.label for r in document.references} == {"smith2020", "doe99", "csl1"}
    # Quarto and pandoc-crossref references are not citations.
    assert [c.labels for c in document.citations] == [("smith2020", "csl1"), ("missing",)]
    report = check(paper)
    assert [(f.code, Path(f.path).name, f.location.line, f.location.column) for f in report.findings] == [
        ("CC003", "paper.md", 7, 5),
        ("CC102", "paper.md", 10, 30),
        ("CC101", "refs.bib", 2, 1),
    ]
    assert report.findings[2].severity is Severity.INFO


def test_bib_option_makes_a_markdown_file_pandoc(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "p.md").write_text("As @smith2020 and @doe99 show.\n", encoding="utf-8")
    report = check(tmp_path / "p.md", bib_files=(str(tmp_path / "refs.bib"),))
    assert report.documents[0].format == "pandoc"
    assert report.findings == []


def test_markdown_without_pandoc_citations_stays_numbered() -> None:
    report = check_string("Text [1].\n\nReferences\n1. A. Title. 2020.\n", format="markdown")
    assert report.documents[0].format == "markdown"
    assert report.findings == []


def test_a_numbered_style_option_keeps_the_numbered_reader() -> None:
    report = check_string("Text [@a] and [1].\n\nReferences\n1. A. Title. 2020.\n", format="markdown",
                        style="bracket")
    assert report.documents[0].format == "markdown"
    assert report.findings == []


def test_markdown_with_pandoc_citations_but_no_bibliography_is_cc002() -> None:
    report = check_string("Text [@a] and [@b].\n", format="markdown")
    assert report.documents[0].format == "pandoc"
    assert [(f.code, f.location.line, f.location.column) for f in report.findings] == [("CC002", 1, 6)]


def test_inline_references_in_front_matter() -> None:
    text = "---\nreferences:\n- id: knuth84\n  type: book\n  title: The TeXbook\n---\nAs [@knuth84].\n"
    report = check_string(text, format="markdown")
    assert report.findings == []
    assert report.documents[0].references[0].fields.title == "The TeXbook"


def test_invalid_front_matter_is_cc001(tmp_path: Path) -> None:
    path = tmp_path / "x.qmd"
    path.write_text("---\ntitle: [unclosed\nbibliography: r.bib\n---\nText @a.\n", encoding="utf-8")
    report = check(path)
    assert [(f.code, f.location.line) for f in report.findings][:1] == [("CC001", 3)]


def test_quarto_and_r_markdown_code_chunks_are_ignored(tmp_path: Path) -> None:
    (tmp_path / "r.bib").write_text(BIB, encoding="utf-8")
    for name in ("a.qmd", "b.Rmd"):
        path = tmp_path / name
        path.write_text(
            "---\nbibliography: r.bib\n---\n\n```{r}\nx <- c(\"@notakey\")\n```\n\n"
            "Inline `r x@y` and [@smith2020; @doe99].\n",
            encoding="utf-8",
        )
        report = check(path)
        assert report.documents[0].format == "pandoc"
        assert report.findings == [], name


@needs_shared
def test_joss_paper_citations_resolve() -> None:
    path = CORPUS / "markdown/joss_pubmed_parser/paper.md"
    document = parse_file(path)
    cited = {k for c in document.citations for k in c.labels}
    assert len(document.citations) == 6
    assert cited == {r.label for r in document.references} - {"abdeddaim2019mesh"}
    report = check(path)
    assert [(f.code, f.references, f.severity) for f in report.findings if f.code in ("CC101", "CC102")] == [
        ("CC101", ("abdeddaim2019mesh",), Severity.INFO)]
