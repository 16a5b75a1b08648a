"""The JATS reader: the real articles of shared/corpus/jats, and small inline ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.api import check_document, check_file
from citecheck.config import Config
from citecheck.doi import find_dois
from citecheck.errors import InputError
from citecheck.model import CitationStyle, ReferenceOrigin
from citecheck.readers import format_for
from citecheck.readers.jats import parse_jats, read_jats
from citecheck.rules import REGISTRY
from tests.paths import CORPUS as SHARED_CORPUS

CORPUS = SHARED_CORPUS / "jats"
TRUTH = json.loads((CORPUS / "GROUND_TRUTH.json").read_text(encoding="utf-8")) if CORPUS.exists() else {"scan": [], "verified": {}}
SCAN = {entry["file"]: entry for entry in TRUTH["scan"]}
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason="shared/corpus/jats is not beside the repository")
needs_dups = pytest.mark.skipif("CC201" not in REGISTRY, reason="duplicate detection (CC201) is not merged yet")


def _path(name: str) -> Path:
    return next(CORPUS.rglob(name))


@needs_corpus
def test_the_corpus_has_seventeen_articles() -> None:
    assert len(SCAN) == 17


@needs_corpus
@pytest.mark.parametrize("name", sorted(SCAN))
def test_corpus_counts_match_the_ground_truth_scan(name: str) -> None:
    truth = SCAN[name]
    document = read_jats(str(_path(name)))
    assert len(document.references) == truth["n_refs"]
    assert document.metadata["xref_bibr"] == truth["n_xref_bibr"]
    assert document.metadata["range_citations"] == truth["n_range_citations"]
    assert document.metadata["exact_positions"] is True
    numbered = truth["numeric_labels"] == truth["n_refs"]
    assert document.style.numbered is numbered
    assert all(ref.origin is ReferenceOrigin.XML for ref in document.references)
    # Unmarked <mixed-citation> text has no fields: the reference parser reads it.
    with_doi = sum(1 for ref in document.references
                   if (ref.fields.doi if ref.fields else find_dois(ref.text)))
    assert with_doi == truth["n_refs_with_doi"]


@needs_corpus
@pytest.mark.parametrize("name", sorted(SCAN))
def test_corpus_uncited_and_missing_match_the_ground_truth(name: str) -> None:
    truth = SCAN[name]
    report = check_file(_path(name), select=["CC1", "CC3"])
    document = report.documents[0]
    # The scan names references by id; author-year articles are labelled "Smith 2020".
    ids = dict(zip((r.label for r in document.references), document.metadata["reference_ids"]))
    uncited = [ids[f.references[0]] for f in report.findings if f.code == "CC101"]
    # The scan counts links only: an entry that a wrongly linked xref's text names
    # is CC109's (its link is wrong), not CC101's.
    named = [ids[label] for label in document.metadata.get("cited_by_text", ())]
    assert sorted(uncited + named) == sorted(truth["uncited_refs"])
    assert truth["cited_but_missing"] == []
    # No missing references, malformed citations, order or numbering problems:
    # the scan found none (its out-of-order lists are for author-year articles,
    # which have no numbered order).
    assert {f.code for f in report.findings} <= {"CC101", "CC109"}


@needs_corpus
def test_elife_author_year_works_through_rid() -> None:
    report = check_file(_path("elife04490.xml"))
    document = report.documents[0]
    assert document.style is CitationStyle.KEY
    assert document.references[0].label == "Akaike 1973"
    assert document.metadata["reference_ids"][0] == "bib1"
    uncited = {f.references: f for f in report.findings if f.code == "CC101"}
    # bib88 and bib89 of the ground truth's scan; its bib72 is named by three xrefs
    # that link to bib73 (CC109).
    assert sorted(uncited) == [("Köllner 2009",), ("Wu 2007",)]
    assert uncited[("Wu 2007",)].message == "reference Wu 2007 is never cited"
    links = [(f.location.line, f.location.column, f.references) for f in report.findings if f.code == "CC109"]
    assert links == [(1, column, ("Schuman 2012 #2", "Schuman 2012")) for column in (18244, 19254, 102394)]
    assert [f.code for f in report.findings].count("CC101") == 2
    ref72 = next(r for r in document.references if r.label == "Schuman 2012")
    ref89 = next(r for r in document.references if r.label == "Wu 2007")
    location = uncited[("Wu 2007",)].location
    assert location == document.locate(ref89.span)
    assert document.main.text[ref72.span.start : ref72.span.start + 15] == '<ref id="bib72"'
    assert document.main.text[ref89.span.start : ref89.span.start + 15] == '<ref id="bib89"'


@needs_corpus
def test_elife_xrefs_whose_text_names_another_entry_than_their_link() -> None:
    report = check_file(_path("elife-14093-v1.xml"), select=["CC1"])
    found = [(f.code, f.location.column, f.message) for f in report.findings]
    link = 'citation "{}" links to reference "{}" ({}) but its text names reference "{}" ({}); correct the link (rid) or the text'.format
    assert found == [
        ("CC109", 13968, link("Kupiec, 1997", "Adler 1997", "bib1", "Kupiec 1997", "bib34")),
        ("CC109", 19475, link("Brunoud et al., 2012", "Mirabet 2012", "bib40", "Brunoud 2012", "bib10")),
        ("CC109", 158098, link("Uyttewaal et al., 2012", "Mirabet 2012", "bib40", "Uyttewaal 2012", "bib63")),
        ("CC109", 159411, link("Ross, 2012", "Mirabet 2012", "bib40", "Ross 2012", "bib53")),
        ("CC101", 202007, "reference Smith 2006 #2 is never cited"),
        ("CC109", 338765, link("Ross, 2012", "Mirabet 2012", "bib40", "Ross 2012", "bib53")),
    ]


@needs_corpus
def test_pcbi_1004152_is_clean() -> None:
    report = check_file(_path("journal.pcbi.1004152.xml"))
    assert report.findings == []
    assert report.files[0].format == "jats"
    assert report.files[0].references == 63


#: True duplicates that the ground truth's machine scan missed, checked by reading them:
#: pcbi.1004141 refs 14 and 44 are both "Park IM, Pillow JW (2011) Bayesian spike-triggered
#: covariance analysis. In: ... Advances in Neural Information Processing Systems 24 ...
#: pp. 1692–1700", differing only in title case and an editor's initial.
ALSO_DUPLICATES = {"journal.pcbi.1004141.xml": {frozenset({"14", "44"})}}


@needs_corpus
@needs_dups
@pytest.mark.parametrize("name", sorted(TRUTH["verified"]))
def test_verified_duplicates_are_found(name: str) -> None:
    verified = TRUTH["verified"][name].get("duplicate_references", [])
    report = check_file(_path(name), select=["CC201"])
    found = {frozenset(f.references) for f in report.findings}
    expected = set(ALSO_DUPLICATES.get(name, set()))
    for first, second, _why in verified:
        # "ref021 (label 21)" / "Kawai2 (31)": the label is the number in brackets.
        expected.add(frozenset(p.split("(")[1].rstrip(")").split()[-1] for p in (first, second)))
    assert found == expected


@needs_corpus
def test_a_numbered_corpus_citation_is_located_at_its_xref() -> None:
    document = read_jats(str(_path("journal.pcbi.1004141.xml")))
    first = document.citations[0]
    text = document.main.text
    assert text.startswith('<xref ref-type="bibr" rid="pcbi.1004141.ref001">1</xref>', first.span.start)
    assert first.labels == ("1", "2", "3", "4", "5")  # [1]–[5] as two xrefs
    location = document.locate(first.span)
    line_text = text.split("\n")[location.line - 1]
    assert line_text[location.column - 1 :].startswith("<xref")


ARTICLE = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.1 20151215//EN" "JATS-journalpublishing1.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink">
<body>
<p>Bone metastases are common [<xref ref-type="bibr" rid="r1">1</xref>].
<!-- <xref ref-type="bibr" rid="r9">9</xref> a comment is not a citation -->
Ranges: <xref ref-type="bibr" rid="r2">2&ndash;4</xref> and <xref ref-type="bibr" rid="r1 r5">1,5</xref>.
Typed without a link [6] and [<italic>6</italic>], and a year [2019].</p>
</body>
<back><ref-list><title>References</title>
<ref id="r1"><label>[1]</label><element-citation publication-type="journal"><person-group person-group-type="author"><name><surname>Macedo</surname><given-names>F</given-names></name><etal/></person-group><article-title>Bone metastases: an overview</article-title><source>Oncol Rev</source><year>2017</year><volume>11</volume><issue>1</issue><fpage>321</fpage><pub-id pub-id-type="doi">https://doi.org/10.4081/ONCOL.2017.321</pub-id><pub-id pub-id-type="pmid">28584570</pub-id></element-citation></ref>
<ref id="r2"><label>2.</label><mixed-citation>Hong S. Skeletal events. PLoS One. 2020.</mixed-citation></ref>
<ref id="r3"><label>3</label><mixed-citation>Guo X. Synchronous. BMC Cancer. 2021.</mixed-citation></ref>
<ref id="r4"><label>4</label><mixed-citation>Nakahara Y. Zoledronic acid. Mol Clin Oncol. 2019.</mixed-citation></ref>
<ref id="r5"><label>5</label><mixed-citation>Cao Y. Denosumab. J Thorac Dis. 2021.</mixed-citation></ref>
<ref id="r6"><label>6</label><mixed-citation>Liede A. Immunotherapies. OncoImmunology. 2018.</mixed-citation></ref>
<ref id="r7"><label>7</label><mixed-citation>Asano Y. Combination therapy. Lung Cancer. 2024.</mixed-citation></ref>
</ref-list></back>
</article>
"""


def test_inline_article_citations_ranges_and_plain_brackets() -> None:
    document = parse_jats(ARTICLE, "a.xml")
    assert document.style is CitationStyle.BRACKET
    assert [c.labels for c in document.citations] == [
        ("1",), ("2", "3", "4"), ("1", "5"), ("6",), ("6",),
    ]
    locations = [(document.locate(c.span).line, document.locate(c.span).column) for c in document.citations]
    assert locations == [(5, 32), (7, 9), (7, 61), (8, 22), (8, 30)]
    assert [c.text for c in document.citations] == ["1", "2–4", "1,5", "[6]", "[6]"]
    assert document.metadata["range_citations"] == 1


def test_inline_article_references_labels_and_fields() -> None:
    document = parse_jats(ARTICLE, "a.xml")
    assert [r.label for r in document.references] == ["1", "2", "3", "4", "5", "6", "7"]
    first = document.references[0]
    assert document.locate(first.span).line == 11 and document.locate(first.span).column == 1
    fields = first.fields
    assert fields is not None
    assert (fields.authors[0].family, fields.authors[0].given, fields.et_al) == ("Macedo", "F", True)
    assert (fields.title, fields.container, fields.year) == ("Bone metastases: an overview", "Oncol Rev", 2017)
    assert (fields.volume, fields.issue, fields.pages) == ("11", "1", "321")
    assert fields.doi == "10.4081/oncol.2017.321"
    assert fields.raw_doi == "https://doi.org/10.4081/ONCOL.2017.321"
    assert fields.pmid == "28584570"
    assert document.references[1].text == "Hong S. Skeletal events. PLoS One. 2020."


def test_nlm_citation_types_and_years_written_in_the_text() -> None:
    xml = (
        '<article><body><p><xref ref-type="bibr" rid="B1">1</xref> <xref ref-type="bibr" rid="B2">2</xref></p>'
        '</body><back><ref-list>'
        '<ref id="B1"><label>1</label><citation citation-type="book"><person-group person-group-type="author">'
        '<name><surname>Fleiss</surname><given-names>JL</given-names></name></person-group>'
        '<source>The Design and Analysis of Clinical Experiments</source><year>1986</year>'
        '<publisher-name>New York, NY: Wiley</publisher-name></citation></ref>'
        '<ref id="B2"><label>2</label><element-citation publication-type="book"><source>International Union '
        'Against Cancer (UICC) (1997) TNM Classification of Malignant Tumors</source></element-citation></ref>'
        '</ref-list></back></article>'
    )
    first, second = (r.fields for r in parse_jats(xml, "n.xml").references)
    assert first is not None and second is not None
    assert (first.title, first.container, first.year, first.publisher) == (
        "The Design and Analysis of Clinical Experiments", None, 1986, "New York, NY: Wiley")
    assert second.year == 1997  # no <year>: found in the text


def test_inline_article_findings() -> None:
    path_report = [(f.code, f.references) for f in _check(ARTICLE)]
    assert path_report == [("CC101", ("7",))]


def _check(xml: str):
    """The citation and reference-list findings (CC1xx-CC3xx) of an inline article."""
    config = Config.from_options(select=["CC1", "CC2", "CC3"])
    return check_document(parse_jats(xml, "a.xml"), config).findings


def test_references_without_labels_are_labelled_by_id_and_xref_sequences_expand() -> None:
    xml = (
        '<article><body><p>See <xref ref-type="bibr" rid="B1">1</xref>-<xref ref-type="bibr" rid="B3">3</xref>'
        ' and <xref ref-type="bibr" rid="B9">9</xref>.</p></body><back><ref-list>'
        + "".join(f'<ref id="B{i}"><mixed-citation>Author {i}. Title {i}. J. 200{i}.</mixed-citation></ref>' for i in range(1, 5))
        + "</ref-list></back></article>"
    )
    document = parse_jats(xml, "b.xml")
    assert document.style is CitationStyle.KEY
    assert [c.labels for c in document.citations] == [("B1", "B2", "B3"), ("B9",)]
    codes = [(f.code, f.references) for f in _check(xml)]
    assert codes == [("CC102", ("B9",)), ("CC101", ("B4",))]


def _person(surname: str) -> str:
    return f"<name><surname>{surname}</surname><given-names>A</given-names></name>"


AUTHOR_YEAR = (
    '<article><body><p>Roots (<xref ref-type="bibr" rid="bib1">Smith et al., 2006a</xref>; '
    '<xref ref-type="bibr" rid="bib3">Smith et al., 2006</xref>) and '
    '<xref ref-type="bibr" rid="bib4">WHO (2019)</xref>, '
    '<xref ref-type="bibr" rid="bib9">Nobody, 2001</xref>.</p></body><back><ref-list>'
    '<ref id="bib1"><element-citation publication-type="journal"><person-group person-group-type="author">'
    + _person("Smith") + _person("Jones") + "</person-group><year>2006a</year>"
    "<article-title>Roots one</article-title><source>Plant J</source></element-citation></ref>"
    '<ref id="bib2"><element-citation publication-type="journal"><person-group person-group-type="author">'
    + _person("Smith") + "</person-group><year>2006</year><article-title>Roots two</article-title>"
    "<source>Plant J</source></element-citation></ref>"
    '<ref id="bib3"><element-citation publication-type="journal"><person-group person-group-type="author">'
    + _person("Smith") + "</person-group><year>2006</year><article-title>Roots three</article-title>"
    "<source>Plant J</source></element-citation></ref>"
    '<ref id="bib4"><element-citation publication-type="report"><person-group person-group-type="author">'
    "<collab>World Health Organization</collab></person-group><year>2019</year>"
    "<source>Report</source></element-citation></ref>"
    '<ref id="bib5"><mixed-citation>Brown, A. (2010). Printed only. Plant J, 3, 1-2.</mixed-citation></ref>'
    '<ref id="bib6"><element-citation publication-type="software"><source>Tool</source></element-citation></ref>'
    "</ref-list></back></article>"
)


def test_author_year_articles_label_references_by_first_author_and_year() -> None:
    document = parse_jats(AUTHOR_YEAR, "ay.xml")
    assert document.style is CitationStyle.KEY
    assert [r.label for r in document.references] == [
        "Smith 2006a", "Smith 2006", "Smith 2006 #2", "World Health Organization 2019", "Brown 2010", "bib6",
    ]
    assert document.metadata["reference_ids"] == ["bib1", "bib2", "bib3", "bib4", "bib5", "bib6"]
    # Citations still follow their rid, whatever they print.
    assert [c.labels for c in document.citations] == [
        ("Smith 2006a",), ("Smith 2006 #2",), ("World Health Organization 2019",), ("bib9",),
    ]
    assert [(f.code, f.references, f.message) for f in _check(AUTHOR_YEAR)] == [
        ("CC102", ("bib9",), "citation Nobody, 2001 uses key 'bib9', which no bibliography defines"),
        ("CC101", ("Smith 2006",), "reference Smith 2006 is never cited"),
        ("CC101", ("Brown 2010",), "reference Brown 2010 is never cited"),
        ("CC101", ("bib6",), "reference bib6 is never cited"),
    ]


def test_unlabelled_references_cited_by_number_keep_their_ids() -> None:
    numbered = AUTHOR_YEAR.replace("Smith et al., 2006a", "1").replace("Smith et al., 2006", "3")
    numbered = numbered.replace("WHO (2019)", "4").replace("Nobody, 2001", "9")
    document = parse_jats(numbered, "n.xml")
    assert [r.label for r in document.references] == ["bib1", "bib2", "bib3", "bib4", "bib5", "bib6"]


def _doc_example(code: str, which: str) -> str:
    import re
    import textwrap

    match = re.search(which + r"::\n\n(.*?)(?=\n\S|\Z)", REGISTRY[code].doc, re.S)
    assert match, which
    return textwrap.dedent(match.group(1)).strip() + "\n"


def test_cc109_documented_examples() -> None:
    bad = check_document(parse_jats(_doc_example("CC109", "Bad"), "bad.xml")).findings
    assert [(f.code, f.location.line, f.location.column, f.references) for f in bad] == [
        ("CC109", 2, 2, ("Schuman 2012 #2", "Schuman 2012")),
    ]
    assert bad[0].message == (
        'citation "Schuman and Baldwin, 2012" links to reference "Schuman 2012 #2" (bib2) but its text '
        'names reference "Schuman 2012" (bib1); correct the link (rid) or the text'
    )
    assert check_document(parse_jats(_doc_example("CC109", "Good"), "good.xml")).findings == []


def test_a_link_its_text_agrees_with_or_cannot_tell_is_not_a_mismatch() -> None:
    # "Smith et al., 2006" fits both Smith 2006 entries (no letters): not a mismatch;
    # "Smith et al., 2006a" names its own link; an unknown name names nothing.
    xml = AUTHOR_YEAR.replace(">Nobody, 2001<", ">Smith et al., 2006<").replace('rid="bib9"', 'rid="bib2"')
    document = parse_jats(xml, "ay.xml")
    assert document.problems == []
    assert document.metadata["cited_by_text"] == []


NAME_ALTERNATIVES = (
    '<article><body><p>A (<xref ref-type="bibr" rid="b7">Zhang et al., 2013</xref>; '
    '<xref ref-type="bibr" rid="b8">Zhang et al., 2013</xref>).</p></body><back><ref-list>'
    '<ref id="b7"><element-citation><person-group person-group-type="author">'
    + "".join(
        f'<name-alternatives><name xml:lang="zh"><surname>{zh}</surname></name>'
        f'<name xml:lang="en"><surname>{en}</surname><given-names>X</given-names></name></name-alternatives>'
        for zh, en in (("张", "Zhang"), ("李", "Li"), ("王", "Wang"))
    )
    + "</person-group><year>2013</year><article-title>Bone study</article-title></element-citation></ref>"
    '<ref id="b8"><element-citation><person-group person-group-type="author"><name><surname>Zhang</surname>'
    "</name><name><surname>Wu</surname></name><name><surname>Xu</surname></name></person-group><year>2013</year>"
    "<article-title>Another bone study</article-title></element-citation></ref></ref-list></back></article>"
)


def test_a_name_written_in_two_scripts_is_one_author() -> None:
    document = parse_jats(NAME_ALTERNATIVES, "alt.xml")
    first = document.references[0].fields
    assert first is not None and [a.family for a in first.authors] == ["Zhang", "Li", "Wang"]
    assert [r.label for r in document.references] == ["Zhang 2013", "Zhang 2013 #2"]
    assert document.problems == []  # "Zhang et al., 2013" fits both: no link is wrong


def test_with_cc109_off_the_entries_it_explains_are_cc101_again() -> None:
    xml = _doc_example("CC109", "Bad")
    on = [(f.code, f.references) for f in check_document(parse_jats(xml, "bad.xml")).findings]
    assert on == [("CC109", ("Schuman 2012 #2", "Schuman 2012"))]
    off = check_document(parse_jats(xml, "bad.xml"), Config.from_options(ignore=["CC109"])).findings
    assert [(f.code, f.references) for f in off] == [("CC101", ("Schuman 2012",))]


def test_an_xml_file_that_is_not_jats_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?>\n<catalog><book id="1"/></catalog>\n', encoding="utf-8")
    with pytest.raises(InputError, match="not a JATS article"):
        read_jats(str(path))
    report = check_file(path)
    assert [(f.code, f.location.line) for f in report.findings] == [("CC001", 2)]


def test_malformed_xml_is_cc001_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.nxml"
    path.write_text("<article>\n<body>\n<p>unclosed</body>\n</article>\n", encoding="utf-8")
    report = check_file(path)
    assert [(f.code, f.location.line) for f in report.findings] == [("CC001", 3)]
    assert "not well-formed" in report.findings[0].message


def test_extensions_are_registered() -> None:
    assert format_for("a.xml")[0] == "jats"
    assert format_for("a.NXML")[0] == "jats"
    assert format_for("a.docx")[0] == "docx"


def test_a_directory_walk_takes_xml_files_only_when_they_are_jats(tmp_path: Path) -> None:
    from citecheck.discover import expand_paths

    (tmp_path / "article.xml").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "pom.xml").write_text('<?xml version="1.0"?>\n<project><modelVersion>4.0.0</modelVersion></project>\n',
                                      encoding="utf-8")
    (tmp_path / "utf16.xml").write_bytes(ARTICLE.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    (tmp_path / "other.nxml").write_text("<article/>", encoding="utf-8")
    found = [Path(p).name for p in expand_paths([str(tmp_path)])]
    assert found == ["article.xml", "other.nxml", "utf16.xml"]
    # Named explicitly, a non-JATS .xml is read, and reported.
    assert [f.code for f in check_file(tmp_path / "pom.xml").findings] == ["CC001"]


def test_without_exact_offsets_locations_fall_back_to_lxml_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.readers import jats

    monkeypatch.setattr(jats, "element_offsets", lambda text: None)
    document = parse_jats(ARTICLE, "a.xml")
    assert document.metadata["exact_positions"] is False
    # Lines still come from lxml (columns are 1); plain-text brackets need exact offsets.
    assert [(document.locate(c.span).line, document.locate(c.span).column) for c in document.citations] == [
        (5, 1), (7, 1), (7, 1)]
    assert document.locate(document.references[0].span).line == 11


# --- Issue 15, class 2: what real articles hold that the reader misread ---------------------

def _edited_pcbi_1004152(tmp_path: Path, old: str, new: str) -> Path:
    """The clean control article with one edit, as an author's draft would have it."""
    text = _path("journal.pcbi.1004152.xml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "edited.xml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@needs_corpus
def test_bracketed_numbers_in_an_xml_comment_are_not_citations(tmp_path: Path) -> None:
    # A commented-out table of intervals gave CC102 and CC301.
    path = _edited_pcbi_1004152(
        tmp_path, "<p>Being able to promptly",
        "<!-- <table><tr><td>[140, 160]</td><td>[64]</td><td>[9]</td></tr></table> -->"
        "<p>Being able to promptly")
    assert check_file(path).findings == []


@needs_corpus
def test_a_plain_citation_past_the_end_of_the_list_is_reported(tmp_path: Path) -> None:
    path = _edited_pcbi_1004152(
        tmp_path, "<p>Being able to promptly", "<p>As shown before [64]. Being able to promptly")
    findings = check_file(path).findings
    assert [(f.code, f.references) for f in findings] == [("CC102", ("64",))]
    assert "the list has 63 references" in findings[0].message


@needs_corpus
def test_an_xref_to_no_ref_is_a_missing_reference_not_an_internal_error(tmp_path: Path) -> None:
    path = _edited_pcbi_1004152(
        tmp_path, "<p>Being able to promptly",
        '<p>See <xref ref-type="bibr" rid="pcbi.1004152-Nowhere1">64</xref>. Understanding how epidemics')
    findings = check_file(path).findings
    assert [(f.code, f.references) for f in findings] == [("CC102", ("pcbi.1004152-Nowhere1",))]


def test_an_xref_rid_naming_no_ref_in_a_numbered_article_does_not_raise() -> None:
    xml = (
        '<article><body><p>See <xref ref-type="bibr" rid="r1">1</xref> and '
        '<xref ref-type="bibr" rid="r9">9</xref>.</p></body><back><ref-list>'
        '<ref id="r1"><label>1</label><mixed-citation>A B. A title. J. 2001.</mixed-citation></ref>'
        "</ref-list></back></article>"
    )
    assert [(f.code, f.references) for f in _check(xml)] == [("CC102", ("r9",))]


def test_comments_hide_citations_and_plain_dangling_citations_count() -> None:
    xml = (
        '<article><body><p>See <xref ref-type="bibr" rid="r1">1</xref>.</p>\n'
        "<!-- <p>[1] [2] [5]</p> -->\n"
        "<p>Over a time interval [140, 160] (in hours), as in [2].</p></body><back><ref-list>"
        '<ref id="r1"><label>1</label><mixed-citation>A B. A title. J. 2001.</mixed-citation></ref>'
        "</ref-list></back></article>"
    )
    document = parse_jats(xml, "c.xml")
    assert [c.labels for c in document.citations] == [("1",), ("2",)]
    assert [(f.code, f.references, f.location.line, f.location.column) for f in _check(xml)] == [
        ("CC102", ("2",), 3, 54)]


def test_software_named_in_source_of_a_journal_citation_has_a_title() -> None:
    # PLOS and eLife type software and data sets as "journal" with the name in <source>.
    xml = (
        '<article><body><p><xref ref-type="bibr" rid="r1">1</xref> <xref ref-type="bibr" rid="r2">2</xref>'
        '</p></body><back><ref-list>'
        '<ref id="r1"><label>1</label><element-citation publication-type="journal"><person-group>'
        "<name><surname>Oliphant</surname></name></person-group><source>NumPy</source><year>2006</year>"
        '<ext-link xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="https://numpy.org">numpy.org</ext-link>'
        "</element-citation></ref>"
        '<ref id="r2"><label>2</label><element-citation publication-type="journal"><person-group>'
        "<name><surname>Smith</surname></name></person-group><source>Nature</source><year>2006</year>"
        "<volume>441</volume><fpage>1</fpage></element-citation></ref>"
        "</ref-list></back></article>"
    )
    software, article = (r.fields for r in parse_jats(xml, "s.xml").references)
    assert software is not None and article is not None
    assert (software.title, software.container) == ("NumPy", None)
    assert (article.title, article.container) == (None, "Nature")  # a journal article missing its title
    config = Config.from_options(select=["CC402"])
    findings = check_document(parse_jats(xml, "s.xml"), config).findings
    assert [(f.code, f.references) for f in findings] == [("CC402", ("2",))]


def test_a_jats_file_is_read_as_jats(tmp_path: Path) -> None:
    """pandoc and JOSS name their JATS output ``paper.jats``: it was read as
    plain text, found nothing and passed silently.  A directory walk takes
    one only if it is a JATS article."""
    from citecheck.readers import walkable

    path = tmp_path / "paper.jats"
    path.write_text(ARTICLE, encoding="utf-8")
    assert format_for(str(path))[0] == "jats"
    assert walkable(str(path))
    assert [f.code for f in check_file(str(path)).findings if f.code == "CC101"] == ["CC101"]
    other = tmp_path / "notes.jats"
    other.write_text("<notes/>", encoding="utf-8")
    assert not walkable(str(other))
