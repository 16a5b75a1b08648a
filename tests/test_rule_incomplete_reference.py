"""CC402 incomplete-reference: reference-list entries and BibTeX entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.api import check_document, check_file, check_text
from citecheck.config import Config
from citecheck.model import (
    Author,
    Document,
    Reference,
    ReferenceFields,
    ReferenceOrigin,
    Severity,
    Source,
    Span,
)
from citecheck.rules.incomplete_reference import missing_fields
from tests.paths import CORPUS


def run(text: str) -> list:
    return check_text(text, select=["CC402"]).findings


def test_an_entry_that_says_why_it_has_no_year_lacks_none() -> None:
    """ "In press", "n.d.", "(submitted)": the entry gives its status for a year."""
    text = (
        "See [1], [2], [3] and [4].\n\nReferences\n"
        "1. Hong S, Youk T. Bone metastasis and skeletal events in patients. PLoS One. In press.\n"
        "2. World Health Organization. Global report on bone health. Geneva: WHO; n.d.\n"
        "3. Guo X, Ma W. Synchronous bone metastasis in lung cancer (submitted).\n"
        "4. Guo X, Ma W. Bone metastasis was submitted to review in lung cancer.\n"
    )
    assert [(f.references, f.location.line, f.message) for f in run(text)] == [
        (("4",), 7, "reference 4 has no year that citecheck could find"),
    ]


def test_reference_without_year_and_title() -> None:
    text = (
        "See [1] and [2] and [3].\n\nReferences\n"
        "1. Hong S, Youk T, Lee SJ. Bone metastasis and skeletal events in patients with solid cancer. "
        "PLoS One. 2020;15(7):e0234927.\n"
        "2. Guo X, Ma W, Wu H. Synchronous bone metastasis in lung cancer. BMC Cancer.\n"
        "3. World Health Organization.\n"
    )
    findings = run(text)
    assert [(f.references, f.location.line, f.location.column, f.message) for f in findings] == [
        (("2",), 5, 1, "reference 2 has no year that citecheck could find"),
        (("3",), 6, 1, "reference 3 has no title and no year that citecheck could find"),
    ]
    assert all(f.severity is Severity.INFO for f in findings)


def _bib(entry_type: str, **kw: object) -> list:
    text = "@x{key}\n"
    fields = ReferenceFields(**kw)  # type: ignore[arg-type]
    ref = Reference("key", Span(0, len(text)), text, origin=ReferenceOrigin.DATABASE, fields=fields,
                    entry_type=entry_type)
    doc = Document("refs.bib", "bibtex", [Source("refs.bib", text)], references=[ref])
    return check_document(doc, Config.from_options(select=["CC402"])).findings


def test_bibtex_article_missing_journal_and_year() -> None:
    (finding,) = _bib("article", authors=(Author("Hong", "S."),), title="Bone metastasis")
    assert finding.message == "entry key (@article) lacks the required fields journal and year"
    assert finding.references == ("key",)
    assert (finding.location.line, finding.location.column) == (1, 1)


def test_bibtex_complete_entries() -> None:
    assert _bib("article", authors=(Author("Hong", "S."),), title="T", container="PLoS One", year=2020) == []
    assert _bib("misc") == []
    assert _bib("book", authors=(Author("Knuth", "D."),), title="TAOCP", publisher="AW", year=1968) == []


@pytest.mark.parametrize(
    ("entry_type", "fields", "missing"),
    [
        ("inproceedings", {"title": "T", "year": 2020}, ["author", "booktitle"]),
        ("book", {"title": "T"}, ["author or editor", "publisher", "year"]),
        ("phdthesis", {"authors": (Author("A"),), "title": "T", "year": 2001}, ["school"]),
        ("inbook", {"authors": (Author("A"),), "title": "T", "publisher": "P", "year": 2001}, ["chapter or pages"]),
        (None, {"title": "T"}, ["year"]),
        ("unknowntype", {"year": 2001}, ["title"]),
    ],
)
def test_required_fields_table(entry_type: str | None, fields: dict, missing: list[str]) -> None:
    assert missing_fields(ReferenceFields(**fields), entry_type) == missing


# --- Issue 15, class 7: the BibTeX and biblatex data models, on real files ------------------

LIBRARY = (CORPUS / "bib_duplicates" / "bibtex-tidy_user_libraries"
           / "Some_bibtex_entries_quietly_discarded_on_import_from_bib_file_873.bib")


def _cc402(path: Path) -> dict[str, str]:
    return {f.references[0]: f.message for f in check_file(path, select=["CC402"]).findings}


@pytest.mark.skipif(not LIBRARY.exists(), reason="shared/corpus is not beside the repository")
def test_bibtex_model_on_a_real_library() -> None:
    found = _cc402(LIBRARY)
    # school and institution are different fields: BibTeX prints "empty school".
    assert found["Cullingford:78"] == (
        "entry Cullingford:78 (@phdthesis) lacks the required field school (BibTeX data model)")
    # journal = IJCAI-75 in an @inproceedings: BibTeX wants a booktitle.
    assert found["Hendrix:75"] == (
        "entry Hendrix:75 (@inproceedings) lacks the required field booktitle (BibTeX data model)")
    # year = {unknown} is not empty: BibTeX does not complain.
    assert "WilksFass" not in found


BIB = """@electronic{ieee-site,
  title = {IEEE Xplore},
  url = {https://ieeexplore.ieee.org}
}
@book{knuth,
  author = {Knuth, Donald E.},
  title = {The Art of Computer Programming},
  year = {1968}
}
@phdthesis{doe-thesis,
  author = {Doe, Jane},
  title = {On theses},
  school = {MIT},
  year = {2001}
}
@article{henden,
  author = {{Henden}, A.~A.},
  title = "{Variable star observing}",
  journal = {\\jaavso},
  year = 2012,
  volume = 40,
  pages = {852}
}
"""


def test_unknown_types_and_unknown_journal_macros_under_bibtex(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    found = _cc402(tmp_path / "refs.bib")
    # @electronic is formatted as @misc (no year needed); \jaavso is a journal.
    assert found == {"knuth": "entry knuth (@book) lacks the required field publisher (BibTeX data model)"}


def test_the_biblatex_model_when_biblatex_reads_the_file(tmp_path: Path) -> None:
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "paper.tex").write_text(
        "\\documentclass{article}\\usepackage{biblatex}\\addbibresource{refs.bib}\n\\begin{document}\n"
        "\\cite{ieee-site,knuth,doe-thesis,henden}\n\\printbibliography\n\\end{document}\n", encoding="utf-8")
    found = _cc402(tmp_path / "paper.tex")
    # biblatex: @book needs no publisher, school is institution's alias, @phdthesis
    # implies its type, but @electronic is @online and needs a date or year.
    assert found == {"ieee-site": "entry ieee-site (@electronic) lacks the required field date or year "
                                  "(biblatex data model)"}


def test_a_bib_written_for_biblatex_is_judged_by_it(tmp_path: Path) -> None:
    text = BIB + "@article{new, author = {A, B}, title = {T}, journaltitle = {J}, date = {2020-01-01}}\n"
    (tmp_path / "refs.bib").write_text(text, encoding="utf-8")
    assert set(_cc402(tmp_path / "refs.bib")) == {"ieee-site"}


def test_pandoc_reads_bib_as_biblatex_and_bibtex_as_bibtex(tmp_path: Path) -> None:
    for ext, expected in ((".bib", {"ieee-site"}), (".bibtex", {"knuth"})):
        (tmp_path / f"refs{ext}").write_text(BIB, encoding="utf-8")
        (tmp_path / "paper.md").write_text(
            f"---\nbibliography: refs{ext}\n---\n\nSee [@ieee-site; @knuth; @doe-thesis; @henden].\n",
            encoding="utf-8")
        assert set(_cc402(tmp_path / "paper.md")) == expected, ext


def test_missing_fields_fast_path_is_the_walk() -> None:
    """A reference with a title and a year and no entry type skips the walk
    over the required fields: the walk finds nothing missing there either."""
    from citecheck.rules.incomplete_reference import REQUIRED_FIELDS, _has

    for title in (None, "", "A title"):
        for year in (None, 0, 2020):
            for entry_type in (None, "", *REQUIRED_FIELDS, "Article", "unknown"):
                fields = ReferenceFields(title=title, year=year)
                required = REQUIRED_FIELDS.get((entry_type or "").lower(), ("title", "year")) \
                    if entry_type else ("title", "year")
                walked = [spec.replace("|", " or ") for spec in required
                          if not any(_has(fields, n) for n in spec.split("|"))]
                assert missing_fields(fields, entry_type) == walked
