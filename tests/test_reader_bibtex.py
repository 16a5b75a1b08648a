"""The BibTeX reader (and CSL-JSON), and `citecheck check file.bib`."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.api import check_file, parse_file
from citecheck.model import Author, ReferenceOrigin, Severity, Source
from citecheck.readers.bibtex import parse_bibtex, parse_name, resolve_value
from citecheck.readers.csljson import parse_csl_json
from tests.paths import CORPUS, needs_shared



def parse(text: str):
    return parse_bibtex(text, Source("t.bib", text))


def test_entry_fields_are_decoded() -> None:
    db = parse(
        "@Article{seva2019,\n"
        "  author = {{\\v{S}}eva, Jurica and G{\\\"o}tze, Julian and Ludwig van Beethoven and others},\n"
        "  title = {{VIST}: a {Variant-Information} Search Tool},\n"
        "  journal = {BMC Bioinformatics}, volume = 20, number = {1}, pages = {429--431},\n"
        "  year = {2019}, doi = {https://doi.org/10.1186/S12859-019-2958-3},\n"
        "  publisher = {Springer}, pmid = {31420000}, isbn = {978-3-16-148410-0}\n"
        "}\n"
    )
    (ref,) = db.references
    assert (ref.label, ref.entry_type, ref.origin, ref.number) == ("seva2019", "article", ReferenceOrigin.DATABASE, None)
    f = ref.fields
    assert f.authors == (Author("Ševa", "Jurica"), Author("Götze", "Julian"), Author("van Beethoven", "Ludwig"))
    assert f.et_al
    assert f.title == "VIST: a Variant-Information Search Tool"
    assert (f.container, f.year, f.volume, f.issue, f.pages) == ("BMC Bioinformatics", 2019, "20", "1", "429-431")
    assert f.doi == "10.1186/s12859-019-2958-3"
    assert f.raw_doi == "https://doi.org/10.1186/S12859-019-2958-3"
    assert (f.publisher, f.pmid, f.isbn, f.type) == ("Springer", "31420000", "978-3-16-148410-0", "article")


def test_entry_span_is_the_header_at_its_line() -> None:
    text = "% a comment\n\n  @book{knuth84,\n title={The TeXbook}}\n"
    (ref,) = parse(text).references
    assert text[ref.span.start : ref.span.end] == "@book{knuth84"
    assert Source("t.bib", text).locate(ref.span).line == 3


def test_identifiers_and_urls_are_kept_verbatim() -> None:
    (ref,) = parse(
        "@misc{x, doi = {{10.1007/978-3-319-24574-4\\_28}},\n"
        "  url = {\\url{http://example.org/~user/a--b\\%20c}}, pmid = {{12345}}}\n"
    ).references
    f = ref.fields
    assert (f.raw_doi, f.doi) == ("10.1007/978-3-319-24574-4_28", "10.1007/978-3-319-24574-4_28")
    assert f.url == "http://example.org/~user/a--b%20c"
    assert f.pmid == "12345"


def test_string_macros_concatenation_and_months() -> None:
    db = parse(
        '@string{jn = "Journal of "}\n@STRING{Tests = {Tests}}\n'
        "@article{a, journal = jn # tests # { Letters}, month = jan, year = 2001, title = {T}}\n"
    )
    (ref,) = db.references
    assert ref.fields.container == "Journal of Tests Letters"
    assert resolve_value("jan", {}) == "january"


def test_crossref_child_inherits_from_parent() -> None:
    db = parse(
        "@inproceedings{child, author = {A, B}, title = {Paper}, crossref = {conf2020}, pages = {1--2}}\n"
        "@proceedings{conf2020, title = {Proceedings of Conf}, year = {2020}, publisher = {ACM}}\n"
    )
    child = db.references[0].fields
    assert (child.container, child.year, child.publisher, child.title) == (
        "Proceedings of Conf", 2020, "ACM", "Paper")


def test_arxiv_preprints_are_typed_and_identified() -> None:
    db = parse(
        "@article{a, title={X}, journal={arXiv preprint arXiv:1812.02309}, year={2018}}\n"
        "@misc{b, title={Y}, eprint={2101.00001}, archivePrefix={arXiv}, year={2021}}\n"
        "@article{c, title={Z}, journal={Nature}, year={2020}}\n"
    )
    assert [(r.fields.arxiv, r.fields.type) for r in db.references] == [
        ("1812.02309", "preprint"), ("2101.00001", "preprint"), (None, "article")]


@pytest.mark.parametrize(
    ("name", "author"),
    [
        ("Smith, John", Author("Smith", "John")),
        ("John Smith", Author("Smith", "John")),
        ("de la Fontaine, Jean", Author("de la Fontaine", "Jean")),
        ("Jean de la Fontaine", Author("de la Fontaine", "Jean")),
        ("{World Health Organization}", Author("World Health Organization", "", is_group=True)),
        ("竺可桢", Author("竺可桢", "")),
    ],
)
def test_names(name: str, author: Author) -> None:
    assert parse_name(name) == author


def test_and_inside_braces_does_not_split_names() -> None:
    (ref,) = parse("@misc{x, author = {{Barnes and Noble} and Smith, J}}").references
    assert [a.family for a in ref.fields.authors] == ["Barnes and Noble", "Smith"]


def test_unclosed_brace_is_cc001_at_its_line_and_other_entries_are_read(tmp_path: Path) -> None:
    path = tmp_path / "broken.bib"
    path.write_text(
        "@article{first, title={One}, year={2020}}\n"          # 1
        "\n"                                                     # 2
        "@article{broken, title={Unclosed, year={2020}\n"       # 3
        "\n"                                                     # 4
        "@article{last, title={Three}, year={2021}}\n",         # 5
        encoding="utf-8",
    )
    document = parse_file(path)
    assert [r.label for r in document.references] == ["first", "last"]
    report = check_file(path)
    cc001 = [f for f in report.findings if f.code == "CC001"]
    assert [(f.location.line, f.location.column, f.severity) for f in cc001] == [(3, 1, Severity.ERROR)]
    assert "@article{broken" in cc001[0].message


def test_standalone_bib_reports_no_uncited_entries_but_duplicate_keys(tmp_path: Path) -> None:
    path = tmp_path / "lib.bib"
    path.write_text("@misc{a, title={A}}\n@misc{b, title={B}}\n@misc{a, title={C}}\n", encoding="utf-8")
    document = parse_file(path)
    assert document.format == "bibtex" and document.metadata["standalone_bibliography"]
    report = check_file(path)
    assert [(f.code, f.location.line, f.references) for f in report.findings
            if f.code in ("CC101", "CC202")] == [("CC202", 3, ("a",))]


@needs_shared
def test_klb2_duplicate_keys_are_cc202() -> None:
    path = CORPUS / "bib_duplicates/klb2_bibtex-tools/duplicates.bib"
    report = check_file(path)
    cc202 = [(f.location.line, f.references) for f in report.findings if f.code == "CC202"]
    assert cc202 == [(8, ("Author2020",)), (15, ("Author2020",)), (29, ("KEY",))]
    messages = [f.message for f in report.findings if f.code == "CC202"]
    assert messages[0] == "key 'Author2020' is defined 3 times; first at line 1"
    assert messages[2] == "key 'KEY' is defined twice; first at line 22"


@needs_shared
@pytest.mark.parametrize("name", sorted(p.name for p in (CORPUS / "bib_duplicates/bibtex-tidy_user_libraries").glob("*.bib"))
                         if CORPUS.exists() else [])
def test_real_user_libraries_parse(name: str) -> None:
    document = parse_file(CORPUS / "bib_duplicates/bibtex-tidy_user_libraries" / name)
    assert len(document.references) > 10
    assert all(r.fields is not None and r.entry_type for r in document.references)


def test_csl_json(tmp_path: Path) -> None:
    text = (
        '[\n  {"id": "smith2020", "type": "article-journal", "title": "A study",\n'
        '   "author": [{"family": "Smith", "given": "Jane"}, {"literal": "WHO"}],\n'
        '   "container-title": "Nature", "issued": {"date-parts": [[2020, 5]]},\n'
        '   "DOI": "10.1038/ABC", "page": "1-9"}\n]\n'
    )
    source = Source("r.json", text)
    (ref,) = parse_csl_json(source, 0).references
    assert ref.label == "smith2020" and text[ref.span.start : ref.span.end] == "smith2020"
    f = ref.fields
    assert (f.authors, f.title, f.container, f.year, f.doi, f.pages, f.type) == (
        (Author("Smith", "Jane"), Author("WHO", "", is_group=True)), "A study", "Nature", 2020,
        "10.1038/abc", "1-9", "article")


def test_invalid_csl_json_is_cc001_at_the_error() -> None:
    source = Source("r.json", '[\n  {"id": "a",}\n]\n')
    (problem,) = parse_csl_json(source, 0).problems
    assert problem.code == "CC001"
    assert source.locate(problem.span).line == 2
