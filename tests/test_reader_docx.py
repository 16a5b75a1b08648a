"""The Word reader: Word files built here with python-docx (see docx_build.py)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx.enum.style import WD_STYLE_TYPE

from citecheck.api import check_document, check_file
from citecheck.cli import cli
from citecheck.config import Config
from citecheck.model import CitationStyle, ReferenceOrigin
from citecheck.readers.docx import read_docx
from citecheck.rules import REGISTRY
from tests import docx_build as build

needs_seed = pytest.mark.skipif(not build.SEED.exists(), reason="shared/seed is not beside the repository")
needs_dups = pytest.mark.skipif("CC201" not in REGISTRY, reason="duplicate detection (CC201) is not merged yet")
VARIANTS = ("zotero", "superscript", "brackets")


def _lc(location) -> tuple[int, int]:
    return location.line, location.column


def _cites(document) -> list[tuple[str, tuple[str, ...], int, int]]:
    return [(c.text, c.labels, *_lc(document.locate(c.span))) for c in document.citations]


# -- the acceptance manuscripts: the seed as Word files --------------------------------------

def _seed_lines() -> tuple[int, int]:
    """(line of reference 5, of reference 10) in the seed Word files: the body
    paragraphs, a blank one, the heading, then the references."""
    body, _ = build.seed_parts()
    first_ref = len(body) + 3
    return first_ref + 4, first_ref + 9


@needs_seed
@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_manuscript_citations_and_references(tmp_path: Path, variant: str) -> None:
    document = read_docx(str(build.seed_docx(tmp_path / f"seed-{variant}.docx", variant)))
    assert [c.labels for c in document.citations] == [
        ("1",), ("2",), ("3",), ("4",), ("4",), ("3",), ("6", "7", "8"), ("9",), ("10",)
    ]
    assert [r.label for r in document.references] == [str(n) for n in range(1, 11)]
    assert document.style is {"zotero": CitationStyle.BRACKET, "superscript": CitationStyle.SUPERSCRIPT,
                              "brackets": CitationStyle.BRACKET}[variant]
    assert document.references[0].text.startswith("Macedo F, Ladeira K")
    assert document.metadata["reference_list_numbered"] is True
    # Line = paragraph, column = offset + 1: the first citation follows "...发生骨转移".
    body, _ = build.seed_parts()
    line = next(i for i, text in enumerate(body, start=1) if "[1]" in text)
    column = body[line - 1].index("[1]") + 1
    assert _lc(document.locate(document.citations[0].span)) == (line, column)


@needs_seed
@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_manuscript_findings(tmp_path: Path, variant: str) -> None:
    report = check_file(build.seed_docx(tmp_path / f"seed-{variant}.docx", variant))
    line5, line10 = _seed_lines()
    found = [(f.code, f.references, f.location.line, f.location.column) for f in report.findings]
    expected = [("CC101", ("5",), line5, 1)]
    if "CC201" in REGISTRY:
        expected.append(("CC201", ("8", "10"), line10, 1))
    assert found == expected


@needs_seed
@needs_dups
@pytest.mark.parametrize("variant", VARIANTS)
def test_seed_manuscript_duplicates(tmp_path: Path, variant: str) -> None:
    report = check_file(build.seed_docx(tmp_path / f"seed-{variant}.docx", variant), select=["CC201"])
    assert [f.references for f in report.findings] == [("8", "10")]


@needs_seed
def test_zotero_item_data_fills_the_reference_fields(tmp_path: Path) -> None:
    document = read_docx(str(build.seed_docx(tmp_path / "seed.docx", "zotero")))
    assert all(r.origin is ReferenceOrigin.FIELD for r in document.references if r.label != "5")
    fields = document.references[7].fields
    assert fields is not None
    assert fields.title.startswith("Bone metastases diminish extraosseous response")
    assert (fields.container, fields.year, fields.volume, fields.issue, fields.pages) == (
        "Cancer Cell", 2025, "43", "6", "1093-1107.e9")
    assert [a.family for a in fields.authors] == ["Cheng", "Jin", "Su", "Jiang"]
    # Reference 5 is never cited, so no citation field carries its data.
    assert document.references[4].fields is None and document.references[4].origin is ReferenceOrigin.LIST
    assert document.metadata["citation_fields"] == 9 and document.metadata["bibliography_field"] is True


@needs_seed
def test_cli_on_a_word_manuscript(tmp_path: Path) -> None:
    path = build.seed_docx(tmp_path / "seed.docx", "superscript")
    result = CliRunner().invoke(cli, ["check", "--format", "json", str(path)])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert data["files"][0]["format"] == "docx"
    assert data["files"][0]["references"] == 10
    assert ("CC101", ["5"]) in [(f["code"], f["references"]) for f in data["findings"]]


# -- citation forms ---------------------------------------------------------------------------

RECORDS = [
    {"recnum": i, "authors": [f"Author{i}, A."], "year": 2000 + i, "title": f"Title number {i} about bones",
     "journal": "J Bone", "doi": f"10.1000/BONE.{i}"}
    for i in range(1, 5)
]


def _reference_paragraphs(document, count: int, instruction: str | None = None) -> None:
    document.add_paragraph("References", style="Heading 1")
    for i in range(1, count + 1):
        paragraph = document.add_paragraph()
        if instruction and i == 1:
            build.begin_field(paragraph, instruction)
        paragraph.add_run(f"{i}.\tAuthor{i} A. Title number {i} about bones. J Bone. {2000 + i}.")
        if instruction and i == count:
            build.end_field(paragraph)


def test_endnote_fields_superscript(tmp_path: Path) -> None:
    document = build.new_document()
    paragraph = document.add_paragraph("Bone metastases are common")
    build.add_field(paragraph, build.endnote_instruction(RECORDS[:2], "1,2"), "1,2", superscript=True)
    paragraph.add_run(". More")
    build.add_field(paragraph, build.endnote_instruction(RECORDS[2:3], "3"), "3", superscript=True)
    paragraph.add_run(". An exponent: 10")
    paragraph.add_run("5").font.superscript = True
    _reference_paragraphs(document, 4, " ADDIN EN.REFLIST ")
    doc = read_docx(str(build.save(document, tmp_path / "endnote.docx")))
    assert doc.style is CitationStyle.SUPERSCRIPT
    assert _cites(doc) == [("1,2", ("1", "2"), 1, 27), ("3", ("3",), 1, 36)]
    assert [c.command for c in doc.citations] == ["endnote", "endnote"]
    first = doc.references[0].fields
    assert first is not None and first.doi == "10.1000/bone.1" and first.authors[0].family == "Author1"
    assert [(f.code, f.references, f.location.line) for f in check_document(doc).findings] == [
        ("CC101", ("4",), 6)]


def test_endnote_data_in_a_nested_field(tmp_path: Path) -> None:
    document = build.new_document()
    paragraph = document.add_paragraph("Nested data")
    xml = build.endnote_instruction(RECORDS[:1], "[1]")[len(" ADDIN EN.CITE "):]
    build._fld_char(paragraph, "begin")
    build._instr(paragraph, " ADDIN EN.CITE ")
    build.add_field(paragraph, " ADDIN EN.CITE.DATA " + base64.b64encode(xml.encode()).decode(), "")
    build._fld_char(paragraph, "separate")
    paragraph.add_run("[1]")
    build.end_field(paragraph)
    _reference_paragraphs(document, 1)
    doc = read_docx(str(build.save(document, tmp_path / "nested.docx")))
    assert _cites(doc) == [("[1]", ("1",), 1, 12)]
    assert doc.references[0].fields is not None
    assert doc.references[0].fields.title == "Title number 1 about bones"


def test_zotero_author_year_fields_match_the_bibliography_by_title(tmp_path: Path) -> None:
    csl = build.SEED_CSL
    document = build.new_document()
    build.zotero_paragraph(document, "Bones matter ", ([csl[0]], "(Macedo et al., 2017)"), " and ",
                           ([csl[2], csl[3]], "(Hong et al., 2020; Guo et al., 2021)"))
    document.add_paragraph("References")
    entries = [
        ("Guo X, Ma W. (2021). Synchronous bone metastasis in lung cancer: Retrospective study of a single "
         "center of 15, 716 patients from Tianjin, China. BMC Cancer 21(1), 613."),
        ("Hong S, Youk T. (2020). Bone metastasis and skeletal-related events in patients with solid cancer: "
         "A Korean nationwide health insurance database study. PLoS One 15(7)."),
        "Macedo F, Ladeira K. (2017). Bone Metastases: An Overview. Oncol Rev 11(1), 321.",
        "Nakahara Y. (2019). Multicenter study of zoledronic acid administration. Mol Clin Oncol.",
    ]
    for i, entry in enumerate(entries):
        p = document.add_paragraph()
        if i == 0:
            build.begin_field(p, ' ADDIN ZOTERO_BIBL {"uncited":[]} CSL_BIBLIOGRAPHY ')
        p.add_run(entry)
        if i == len(entries) - 1:
            build.end_field(p)
    doc = read_docx(str(build.save(document, tmp_path / "author-year.docx")))
    assert doc.style is CitationStyle.KEY
    # The bibliography is labelled as any author-year list, and the citations point there.
    assert [c.labels for c in doc.citations] == [("Macedo 2017",), ("Hong 2020", "Guo 2021")]
    assert [r.label for r in doc.references] == ["Guo 2021", "Hong 2020", "Macedo 2017", "Nakahara 2019"]
    assert [(f.code, f.message, f.location.line) for f in check_document(doc).findings] == [
        ("CC101", "reference Nakahara 2019 is never cited", 6)]


def test_zotero_author_year_item_with_no_entry_keeps_its_key(tmp_path: Path) -> None:
    csl = build.SEED_CSL
    document = build.new_document()
    build.zotero_paragraph(document, "Bones ", ([csl[0]], "(Macedo et al., 2017)"), " and ",
                           ([csl[1]], "(Cheng et al., 2018)"))
    document.add_paragraph("References")
    for entry in ("Macedo F, Ladeira K. (2017). Bone Metastases: An Overview. Oncol Rev 11(1), 321.",
                  "Nakahara Y. (2019). Multicenter study of zoledronic acid administration. Mol Clin Oncol.",
                  "Zhou Q. (2018). Another study of bone pain in practice. Pain 3, 1-9."):
        document.add_paragraph(entry)
    doc = read_docx(str(build.save(document, tmp_path / "unmatched.docx")))
    key = "zotero:http://zotero.org/users/1/items/{}".format
    assert [c.labels for c in doc.citations] == [("Macedo 2017",), (key(csl[1]["id"]),)]
    assert [r.label for r in doc.references] == ["Macedo 2017", "Nakahara 2019", "Zhou 2018"]


def test_a_field_whose_shown_text_names_another_entry_is_cc109(tmp_path: Path) -> None:
    csl = build.SEED_CSL
    document = build.new_document()
    # The first field's data cites Macedo 2017, but its text was typed over with Hong's.
    build.zotero_paragraph(document, "Bones ", ([csl[0]], "(Hong et al., 2020)"), " and ",
                           ([csl[3]], "(Guo et al., 2021)"), ", typed (Hong & Youk, 2020) and (Hong, 2020).")
    document.add_paragraph("References")
    for entry in ("Guo X, Ma W. (2021). Synchronous bone metastasis in lung cancer: Retrospective study of a single "
                  "center of 15, 716 patients from Tianjin, China. BMC Cancer 21(1), 613.",
                  ("Hong S, Youk T. (2020). Bone metastasis and skeletal-related events in patients with solid "
                   "cancer: A Korean nationwide health insurance database study. PLoS One 15(7)."),
                  "Macedo F, Ladeira K. (2017). Bone Metastases: An Overview. Oncol Rev 11(1), 321."):
        document.add_paragraph(entry)
    doc = read_docx(str(build.save(document, tmp_path / "edited.docx")))
    findings = [(f.code, f.location.line, f.location.column, f.message) for f in check_document(doc).findings]
    assert findings == [
        ("CC109", 1, 7, 'citation "(Hong et al., 2020)" links to reference "Macedo 2017" but its text names '
         'reference "Hong 2020"; insert the citation again from the reference manager'),
        # Typed by hand beside the fields: read and matched as in any author-year manuscript.
        ("CC105", 1, 82, 'citation "Hong, 2020" matches reference "Hong 2020" except the co-authors '
         "(the reference has Hong and Youk)"),
    ]
    typed = [c for c in doc.citations if c.command is None or c.command == "narrative"]
    assert [c.labels for c in typed] == [("Hong 2020",), ("Hong 2020",)]
    assert doc.metadata["cited_by_text"] == ["Hong 2020"]


def test_a_title_inside_another_entry_is_not_that_entry(tmp_path: Path) -> None:
    csl = build.SEED_CSL
    document = build.new_document()
    build.zotero_paragraph(document, "Bones ", ([csl[0]], "(Macedo et al., 2017)"), " and ",
                           ([csl[2]], "(Hong et al., 2020)"), ".")
    document.add_paragraph("References")
    for entry in (("Hong S, Youk T. (2020). Bone metastasis and skeletal-related events in patients with solid "
                   "cancer: A Korean nationwide health insurance database study. PLoS One 15(7)."),
                  "Macedo F, Ladeira K. (2017). Bone Metastases: An Overview. Oncol Rev 11(1), 321.",
                  "Zhou Q. (2018). Treating bone metastases: an overview of trials. Pain 3, 1-9."):
        document.add_paragraph(entry)
    doc = read_docx(str(build.save(document, tmp_path / "substring.docx")))
    assert [c.labels for c in doc.citations] == [("Macedo 2017",), ("Hong 2020",)]
    findings = [(f.code, f.message) for f in check_document(doc).findings]
    assert findings == [("CC101", "reference Zhou 2018 is never cited")]


def test_a_field_showing_only_the_year_cites_its_item_not_a_number(tmp_path: Path) -> None:
    csl = build.SEED_CSL
    document = build.new_document()
    build.zotero_paragraph(document, "As Hong (", ([csl[2]], "2020"), ") and Macedo et al. (",
                           ([csl[0]], "2017"), ") showed.")
    document.add_paragraph("References")
    document.add_paragraph("Hong S, Youk T. (2020). Bone metastasis and skeletal-related events in patients with "
                           "solid cancer: A Korean nationwide health insurance database study. PLoS One 15(7).")
    document.add_paragraph("Macedo F, Ladeira K. (2017). Bone Metastases: An Overview. Oncol Rev 11(1), 321.")
    doc = read_docx(str(build.save(document, tmp_path / "years.docx")))
    assert [c.labels for c in doc.citations] == [("Hong 2020",), ("Macedo 2017",)]
    assert check_document(doc).findings == []


def test_mendeley_fields(tmp_path: Path) -> None:
    document = build.new_document()
    paragraph = document.add_paragraph("Mendeley cites ")
    instruction = build.zotero_instruction([build.SEED_CSL[0]], "[1]").replace(
        "ADDIN ZOTERO_ITEM CSL_CITATION", "ADDIN CSL_CITATION")
    build.add_field(paragraph, instruction, "[1]")
    paragraph.add_run(" and types [2] by hand.")
    _reference_paragraphs(document, 2, " ADDIN Mendeley Bibliography CSL_BIBLIOGRAPHY ")
    doc = read_docx(str(build.save(document, tmp_path / "mendeley.docx")))
    assert _cites(doc) == [("[1]", ("1",), 1, 16), ("[2]", ("2",), 1, 30)]
    assert [c.command for c in doc.citations] == ["mendeley", None]
    assert doc.references[0].origin is ReferenceOrigin.FIELD
    assert check_document(doc).findings == []


def test_a_broken_citation_field_is_cc001_and_reading_goes_on(tmp_path: Path) -> None:
    document = build.new_document()
    paragraph = document.add_paragraph("Broken ")
    build.add_field(paragraph, " ADDIN ZOTERO_ITEM CSL_CITATION {\"citationItems\": [", "[1]")
    _reference_paragraphs(document, 1)
    doc = read_docx(str(build.save(document, tmp_path / "broken.docx")))
    findings = [(f.code, f.location.line, f.location.column) for f in check_document(doc).findings]
    assert findings == [("CC001", 1, 8)]
    assert _cites(doc) == [("[1]", ("1",), 1, 8)]


def test_superscript_runs_tables_character_styles_and_footnotes(tmp_path: Path) -> None:
    document = build.new_document()
    style = document.styles.add_style("CiteSup", WD_STYLE_TYPE.CHARACTER)
    style.font.superscript = True
    paragraph = document.add_paragraph("Cited")
    paragraph.add_run("1,2–4").font.superscript = True
    paragraph.add_run(" with a square of x")
    paragraph.add_run("2").font.superscript = True
    paragraph.add_run(" and CD8")
    paragraph.add_run("+").font.superscript = True
    paragraph.add_run(", χ")
    paragraph.add_run("2").font.superscript = True
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Cell"
    cell = table.cell(0, 1).paragraphs[0]
    cell.add_run("Styled")
    cell.add_run("[5]", style="CiteSup")
    document.add_paragraph("References", style="Heading 1")
    for i in range(1, 7):
        document.add_paragraph(f"Author{i} A. Title {i}. J Bone. {2000 + i}.", style="List Number")
    path = build.add_notes(build.save(document, tmp_path / "sup.docx"), "footnotes", ["A note citing^6^ here."])
    doc = read_docx(str(path))
    assert doc.style is CitationStyle.SUPERSCRIPT
    assert _cites(doc) == [
        ("1,2–4", ("1", "2", "3", "4"), 1, 6),
        ("[5]", ("5",), 3, 7),
        ("6", ("6",), 11, 14),
    ]
    assert doc.metadata["parts"] == {"body": (1, 10), "footnotes": (11, 11)}
    assert [r.number for r in doc.references] == [1, 2, 3, 4, 5, 6]
    assert check_document(doc).findings == []


def test_word_numbering_continues_and_stops_after_the_list(tmp_path: Path) -> None:
    document = build.new_document()
    document.add_paragraph("Text [1] and [3].")
    document.add_paragraph("参考文献")
    for i in range(1, 4):
        document.add_paragraph(f"Author{i} A. Title {i}. J Bone. {2000 + i}.", style="List Number")
    document.add_paragraph("Acknowledgements: none, 2024.")
    doc = read_docx(str(build.save(document, tmp_path / "numbered.docx")))
    assert [(r.label, r.numbered_explicitly) for r in doc.references] == [("1", True), ("2", True), ("3", True)]
    assert _lc(doc.locate(doc.reference_heading)) == (2, 1)
    assert [(f.code, f.references, f.location.line) for f in check_document(doc).findings] == [
        ("CC101", ("2",), 4)]


def test_unnumbered_reference_paragraphs_are_entries_by_position(tmp_path: Path) -> None:
    document = build.new_document()
    document.add_paragraph("Text [1] and [2].")
    document.add_paragraph("References")
    document.add_paragraph("Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017.")
    document.add_paragraph("Hong S. skeletal events in patients with solid cancer. PLoS One. 2020.")
    doc = read_docx(str(build.save(document, tmp_path / "unnumbered.docx")))
    assert [(r.label, r.numbered_explicitly) for r in doc.references] == [("1", False), ("2", False)]
    assert check_document(doc).findings == []


def test_line_breaks_and_tabs_keep_one_line_per_paragraph(tmp_path: Path) -> None:
    document = build.new_document()
    paragraph = document.add_paragraph("First line")
    paragraph.add_run().add_break()
    paragraph.add_run("second\tline [1].")
    document.add_paragraph("References")
    document.add_paragraph("1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017.")
    doc = read_docx(str(build.save(document, tmp_path / "breaks.docx")))
    assert doc.main.text.split("\n")[0] == "First line second\tline [1]."
    assert _cites(doc) == [("[1]", ("1",), 1, 24)]


def test_no_reference_list_is_cc002(tmp_path: Path) -> None:
    document = build.new_document()
    document.add_paragraph("Cited [1] but nothing listed.")
    report = check_file(build.save(document, tmp_path / "nolist.docx"))
    assert [(f.code, f.location.line, f.location.column) for f in report.findings] == [("CC002", 1, 7)]


def test_mendeley_cite_content_controls(tmp_path: Path) -> None:
    import base64 as b64

    document = build.new_document()
    paragraph = document.add_paragraph("Mendeley Cite keeps citations in content controls")
    payload = {"citationID": "MENDELEY_CITATION_1", "properties": {"noteIndex": 0},
               "citationItems": [{"id": "a1", "itemData": build.SEED_CSL[2]},
                                 {"id": "a2", "itemData": build.SEED_CSL[3]}]}
    tag = "MENDELEY_CITATION_v3_" + b64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")
    build.content_control(paragraph._p, tag, lambda content: content.append(build.run_element("1,2", superscript=True)))
    paragraph.add_run(".")
    document.add_paragraph("References")
    body = document.element.body

    def bibliography(content) -> None:
        for i, title in enumerate(("Hong S. Bone metastasis and skeletal-related events. PLoS One. 2020.",
                                   "Guo X. Synchronous bone metastasis in lung cancer. BMC Cancer. 2021.",
                                   "Nakahara Y. Zoledronic acid. Mol Clin Oncol. 2019."), start=1):
            p = build.OxmlElement("w:p")
            p.append(build.run_element(f"{i}. {title}"))
            content.append(p)

    build.content_control(body, "MENDELEY_BIBLIOGRAPHY", bibliography)
    body.append(body.find(build.qn("w:sectPr")))  # keep the section properties last
    doc = read_docx(str(build.save(document, tmp_path / "mendeley-cite.docx")))
    assert _cites(doc) == [("1,2", ("1", "2"), 1, 50)]
    assert doc.citations[0].command == "mendeley"
    assert doc.style is CitationStyle.SUPERSCRIPT
    assert [(r.label, r.origin) for r in doc.references] == [
        ("1", ReferenceOrigin.FIELD), ("2", ReferenceOrigin.FIELD), ("3", ReferenceOrigin.LIST)]
    assert doc.references[1].fields.container == "BMC Cancer"
    assert [(f.code, f.references, f.location.line) for f in check_document(doc).findings] == [
        ("CC101", ("3",), 5)]


def test_hidden_text_is_not_read(tmp_path: Path) -> None:
    document = build.new_document()
    paragraph = document.add_paragraph("Shown [1]")
    paragraph._p.append(build.run_element(" hidden [2]", hidden=True))
    document.add_paragraph("References")
    document.add_paragraph("1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017.")
    doc = read_docx(str(build.save(document, tmp_path / "hidden.docx")))
    assert doc.main.text.split("\n")[0] == "Shown [1]"
    assert check_document(doc).findings == []


def test_an_empty_bibliography_field_means_no_reference_list(tmp_path: Path) -> None:
    document = build.new_document()
    paragraph = document.add_paragraph("Cited ")
    build.add_field(paragraph, build.zotero_instruction([build.SEED_CSL[0]], "[1]"), "[1]")
    paragraph = document.add_paragraph()
    build.add_field(paragraph, ' ADDIN ZOTERO_BIBL {"uncited":[]} CSL_BIBLIOGRAPHY ', "")
    report = check_file(build.save(document, tmp_path / "empty-bibliography.docx"))
    assert [(f.code, f.location.line, f.location.column) for f in report.findings] == [("CC002", 1, 7)]


def test_typed_author_year_manuscript_is_not_checked_as_numbered(tmp_path: Path) -> None:
    document = build.new_document()
    paragraph = document.add_paragraph("Bone metastases are common (Macedo et al., 2017), in area")
    paragraph.add_run("2").font.superscript = True  # a unit, beside an unnumbered list
    document.add_paragraph("References")
    document.add_paragraph("Hong S, Youk T. Bone metastasis and skeletal-related events. PLoS One. 2020.")
    document.add_paragraph("Macedo F, Ladeira K. Bone Metastases: An Overview. Oncol Rev. 2017.")
    doc = read_docx(str(build.save(document, tmp_path / "author-year-typed.docx")))
    assert doc.citations == []
    assert doc.metadata["author_year"] is True
    assert [r.numbered_explicitly for r in doc.references] == [False, False]
    assert check_document(doc).findings == []


def test_an_unnumbered_list_keeps_entries_of_its_own_style(tmp_path: Path) -> None:
    document = build.new_document()
    document.styles.add_style("Bibliography", 1)  # WD_STYLE_TYPE.PARAGRAPH
    document.add_paragraph("Text [1], [2] and [3].")
    document.add_paragraph("References")
    document.add_paragraph("Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017.", style="Bibliography")
    document.add_paragraph("Nakahara Y. Zoledronic acid in lung cancer. Mol Clin Oncol.", style="Bibliography")
    document.add_paragraph("Hong S. Skeletal events in solid cancer. PLoS One. 2020.", style="Bibliography")
    document.add_paragraph("Figure legends follow.")
    doc = read_docx(str(build.save(document, tmp_path / "styled.docx")))
    assert [r.text[:8] for r in doc.references] == ["Macedo F", "Nakahara", "Hong S. "]
    # (Nakahara's entry has no year, which CC402 may report; the list rules are clean.)
    assert check_document(doc, Config.from_options(select=["CC1", "CC2", "CC3"])).findings == []


SOURCES_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"
 xmlns="http://schemas.openxmlformats.org/officeDocument/2006/bibliography" SelectedStyle="\\\\IEEE2006OfficeOnline.xsl">
<b:Source><b:Tag>Mac17</b:Tag><b:SourceType>JournalArticle</b:SourceType>
<b:Author><b:Author><b:NameList><b:Person><b:Last>Macedo</b:Last><b:First>F</b:First></b:Person></b:NameList></b:Author></b:Author>
<b:Title>Bone Metastases: An Overview</b:Title><b:JournalName>Oncol Rev</b:JournalName><b:Year>2017</b:Year>
<b:Volume>11</b:Volume><b:Pages>321</b:Pages><b:DOI>10.4081/oncol.2017.321</b:DOI></b:Source>
<b:Source><b:Tag>Hon20</b:Tag><b:SourceType>JournalArticle</b:SourceType>
<b:Author><b:Author><b:NameList><b:Person><b:Last>Hong</b:Last><b:First>S</b:First></b:Person></b:NameList></b:Author></b:Author>
<b:Title>Bone metastasis and skeletal-related events</b:Title><b:JournalName>PLoS One</b:JournalName><b:Year>2020</b:Year></b:Source>
</b:Sources>"""


def test_word_citation_and_bibliography_fields(tmp_path: Path) -> None:
    document = build.new_document()
    paragraph = document.add_paragraph("Word cites its own sources ")
    build.add_field(paragraph, " CITATION Mac17 \\l 1033  \\m Hon20", "[1, 2]")
    paragraph.add_run(" and ")
    build.add_field(paragraph, " CITATION Gho99 \\l 1033 ", "[3]")
    document.add_paragraph("Bibliography", style="Heading 1")
    paragraph = document.add_paragraph()
    build.begin_field(paragraph, " BIBLIOGRAPHY ")
    table = document.add_table(rows=3, cols=2)  # Word lays IEEE entries out as a table
    for row, (number, entry) in enumerate([
        ("[1]", "F. Macedo, \u201cBone Metastases: An Overview,\u201d Oncol Rev, vol. 11, p. 321, 2017."),
        ("[2]", "S. Hong, \u201cBone metastasis and skeletal-related events,\u201d PLoS One, 2020."),
        ("[3]", "N. Body, \u201cA source Word lost,\u201d J Lost, 1999."),
    ]):
        table.cell(row, 0).text = number
        table.cell(row, 1).text = entry
    build.end_field(document.add_paragraph())
    path = build.save(document, tmp_path / "word-sources.docx")
    path = build.rewrite_zip(path, replace={"customXml/item1.xml": SOURCES_XML.encode()})
    doc = read_docx(str(path))
    assert _cites(doc) == [("[1, 2]", ("1", "2"), 1, 28), ("[3]", ("3",), 1, 39)]
    assert [c.command for c in doc.citations] == ["word", "word"]
    assert [r.label for r in doc.references] == ["1", "2", "3"]
    assert [_lc(doc.locate(r.span)) for r in doc.references] == [(4, 1), (6, 1), (8, 1)]
    assert doc.references[1].text.startswith("S. Hong")
    first = doc.references[0].fields
    assert first is not None and (first.title, first.doi, first.authors[0].family) == (
        "Bone Metastases: An Overview", "10.4081/oncol.2017.321", "Macedo")
    assert doc.references[2].fields is None  # Gho99 is not among the sources
    findings = [(f.code, f.location.line, f.location.column) for f in check_document(doc).findings]
    assert findings == [("CC001", 1, 39)]
    assert "Gho99" in check_document(doc).findings[0].message


def test_a_numbered_zotero_citation_with_a_locator(tmp_path: Path) -> None:
    csl = build.SEED_CSL
    document = build.new_document()
    build.zotero_paragraph(document, "First ", ([csl[0]], "[1]"), ", then ", ([csl[1]], "[2]"),
                           " and again ", ([csl[0]], "[1, p. 5]"))
    _reference_paragraphs(document, 2)
    doc = read_docx(str(build.save(document, tmp_path / "locator.docx")))
    assert _cites(doc) == [("[1]", ("1",), 1, 7), ("[2]", ("2",), 1, 17), ("[1, p. 5]", ("1",), 1, 31)]
    assert {c.style for c in doc.citations} == {CitationStyle.BRACKET}
    assert check_document(doc).findings == []


def test_a_heading_inside_the_bibliography_field_is_not_an_entry(tmp_path: Path) -> None:
    document = build.new_document()
    build.zotero_paragraph(document, "Cited ", ([build.SEED_CSL[0]], "[1]"))
    heading = document.add_paragraph()
    build.begin_field(heading, ' ADDIN ZOTERO_BIBL {"uncited":[]} CSL_BIBLIOGRAPHY ')
    heading.add_run("References")
    entry = document.add_paragraph("1. Macedo F, Ladeira K. Bone Metastases: An Overview. Oncol Rev. 2017;11(1):321.")
    build.end_field(entry)
    doc = read_docx(str(build.save(document, tmp_path / "heading-in-field.docx")))
    assert [(r.label, _lc(doc.locate(r.span))) for r in doc.references] == [("1", (3, 1))]
    assert check_document(doc).findings == []


TEXT_BOX = """<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
 xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
 xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
 xmlns:v="urn:schemas-microsoft-com:vml">
<mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>
<w:p><w:r><w:t>Figure 1. Adapted from [2].</w:t></w:r></w:p>
</w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>
<w:p><w:r><w:t>Figure 1. Adapted from [2].</w:t></w:r></w:p>
</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
</mc:AlternateContent>"""


def test_text_boxes_are_read_once_after_their_anchor(tmp_path: Path) -> None:
    from lxml import etree

    document = build.new_document()
    paragraph = document.add_paragraph("Text [1].")
    run = paragraph.add_run()
    run._r.append(etree.fromstring(TEXT_BOX))
    document.add_paragraph("References")
    document.add_paragraph("1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017;11(1):321.")
    document.add_paragraph("2. Hong S. Skeletal-related events in solid cancer. PLoS One. 2020;15(7):e0234927.")
    doc = read_docx(str(build.save(document, tmp_path / "textbox.docx")))
    assert doc.main.text.split("\n")[:3] == ["Text [1].", "Figure 1. Adapted from [2].", "References"]
    assert _cites(doc) == [("[1]", ("1",), 1, 6), ("[2]", ("2",), 2, 24)]
    assert check_document(doc).findings == []
