"""citecheck fix on Word files: typed citations and lists rewritten run by run."""

from __future__ import annotations

from pathlib import Path

import pytest

import citecheck
from citecheck.readers.docx import parse_docx
from tests.docx_build import new_document, save, seed_docx
from tests.fix_support import docx_parts, fix, merged_aliases, paragraph_xml, works
from tests.jats_render_numbered import render_docx
from tests.paths import CORPUS, needs_shared

ENTRIES = [
    ("Macedo F, Ladeira K. Bone metastases: an overview. ", "Oncol Rev", ". 2017;11(1):321."),
    ("Hong S, Youk T. Skeletal-related events in solid cancer. ", "PLoS One", ". 2020;15(7):e0234927."),
    ("Guo X, Ma W. Synchronous bone metastasis in lung cancer. ", "BMC Cancer", ". 2021;21(1):613."),
    ("Macedo F, Ladeira K. Bone Metastases: An Overview. ", "Oncology Reviews", ". 2017;11(1):321."),
]


def build(path: Path, superscript: bool = False) -> Path:
    """Body: citations of 3 before 2 (out of order), 4 a duplicate of 1; entries with italic journals."""
    document = new_document()
    document.add_paragraph("A title that mentions no reference")
    paragraph = document.add_paragraph("Bone metastases are common")
    for number in ("1", "3", "2-4"):
        run = paragraph.add_run(number if superscript else f"[{number}]")
        run.font.superscript = superscript
        run.bold = number == "3"
        paragraph.add_run(" and more text")
    paragraph.add_run(".")
    document.add_paragraph("A closing paragraph, untouched.")
    document.add_paragraph("References")
    for number, (authors, journal, rest) in enumerate(ENTRIES, start=1):
        entry = document.add_paragraph(f"{number}. {authors}")
        entry.add_run(journal).italic = True
        entry.add_run(rest)
    return save(document, path)


@pytest.mark.parametrize("superscript", [False, True])
def test_word_citations_and_list_keep_their_formatting(tmp_path: Path, superscript: bool) -> None:
    path = build(tmp_path / "paper.docx", superscript)
    before = citecheck.parse_file(path)
    assert sorted({f.code for f in citecheck.check_file(path).findings}) == ["CC201", "CC301"]
    result = fix(path)
    assert result.refused is None, result.refused
    data = result.outputs[str(path)]
    after = parse_docx(data, str(path), None)
    lines = after.main.text.split("\n")
    if superscript:
        assert lines[1] == "Bone metastases are common1 and more text2 and more text1-3 and more text."
    else:  # [2-4]: 4 is 1 again, 2 and 3 swap: 1, 2, 3
        assert lines[1] == "Bone metastases are common[1] and more text[2] and more text[1-3] and more text."
    assert lines[4:] == [
        f"1. {ENTRIES[0][0]}{ENTRIES[0][1]}{ENTRIES[0][2]}".rstrip(),
        f"2. {ENTRIES[2][0]}{ENTRIES[2][1]}{ENTRIES[2][2]}".rstrip(),
        f"3. {ENTRIES[1][0]}{ENTRIES[1][1]}{ENTRIES[1][2]}".rstrip(),
    ]
    assert works(after) == works(before, merged_aliases(before))
    old_paragraphs, new_paragraphs = paragraph_xml(path.read_bytes()), paragraph_xml(data)
    # Unedited paragraphs are XML-identical; the moved entries keep their italic journal runs.
    assert new_paragraphs[0] == old_paragraphs[0] and new_paragraphs[2:4] == old_paragraphs[2:4]
    assert new_paragraphs[5] == old_paragraphs[6].replace(b">3. Guo", b">2. Guo")
    assert b"<w:i></w:i>" in new_paragraphs[5]
    assert (b"<w:b></w:b>" in new_paragraphs[1]) and (superscript == (b"superscript" in new_paragraphs[1]))
    old_parts, new_parts = docx_parts(path.read_bytes()), docx_parts(data)
    assert old_parts.keys() == new_parts.keys()
    assert {n for n in old_parts if old_parts[n] != new_parts[n]} == {"word/document.xml"}
    fixed = tmp_path / "fixed.docx"
    fixed.write_bytes(data)
    assert [f.code for f in citecheck.check_file(fixed).findings] == []
    assert fix(fixed).outputs == {}


@needs_shared
@pytest.mark.parametrize("variant", ["brackets", "superscript"])
def test_seed_as_word(tmp_path: Path, variant: str) -> None:
    path = seed_docx(tmp_path / "seed.docx", variant)
    before = citecheck.parse_file(path)
    result = fix(path)
    data = result.outputs[str(path)]
    after = parse_docx(data, str(path), None)
    assert works(after) == works(before, merged_aliases(before))
    assert [f.code for f in citecheck.check_document(after).findings] == ["CC101"]
    assert len(after.references) == 9
    old, new = paragraph_xml(path.read_bytes()), paragraph_xml(data)
    changed = [i for i, (a, b) in enumerate(zip(old, new)) if a != b]
    cited, gone = changed[0], changed[1]  # the paragraph citing [10]; entry 10's paragraph
    assert "10" in before.main.text.split("\n")[cited] and before.main.text.split("\n")[gone].startswith(
        ("10. Cheng", "Cheng JN, Jin Z, Su C,et al"))
    assert new[cited + 1 : gone] == old[cited + 1 : gone] and new[gone:] == old[gone + 1 :]


@needs_shared
def test_zotero_fields_are_refused(tmp_path: Path) -> None:
    path = seed_docx(tmp_path / "seed.docx", "zotero")
    result = fix(path)
    assert result.refused is not None and "reference-manager fields" in result.refused
    assert citecheck.check_file(path).findings[0].fix is None


@needs_shared
def test_plos_article_as_word(tmp_path: Path) -> None:
    """pone.0160653 lists 24 = 52 and 53 = 74 (same DOIs): merged, 92 entries left."""
    path = render_docx(CORPUS / "jats" / "plos" / "journal.pone.0160653.xml", tmp_path / "plos.docx")
    before = citecheck.parse_file(path)
    result = fix(path)
    data = result.outputs[str(path)]
    after = parse_docx(data, str(path), None)
    assert len(before.references) == 94 and len(after.references) == 92
    assert works(after) == works(before, merged_aliases(before))
    assert not [f for f in citecheck.check_document(after).findings if f.code == "CC201"]


def test_a_paragraph_with_a_field_is_refused_not_mangled(tmp_path: Path) -> None:
    from tests.docx_build import add_field

    document = new_document()
    paragraph = document.add_paragraph("See [2] and [1] on page ")
    add_field(paragraph, " PAGE ", "3")
    document.add_paragraph("References")
    for number, (authors, journal, rest) in enumerate(ENTRIES[:2], start=1):
        document.add_paragraph(f"{number}. {authors}{journal}{rest}")
    path = save(document, tmp_path / "field.docx")
    result = fix(path)
    assert result.refused is not None and "holds fields" in result.refused
    assert result.outputs == {}


def test_citations_in_footnotes_are_rewritten_too(tmp_path: Path) -> None:
    from tests.docx_build import add_notes

    document = new_document()
    document.add_paragraph("Body cites [2] first.")
    document.add_paragraph("References")
    document.add_paragraph("1. Alpha A. One title of a paper. J A. 2001.")
    document.add_paragraph("2. Beta B. Two title of a paper. J B. 2002.")
    path = add_notes(save(document, tmp_path / "notes.docx"), "footnotes", ["A note citing [1] here."])
    data = fix(path).outputs[str(path)]
    assert parse_docx(data, str(path), None).main.text.split("\n") == [
        "Body cites [1] first.", "References", "1. Beta B. Two title of a paper. J B. 2002.",
        "2. Alpha A. One title of a paper. J A. 2001.", "A note citing [2] here."]
    old, new = docx_parts(path.read_bytes()), docx_parts(data)
    assert {n for n in old if old[n] != new[n]} == {"word/document.xml", "word/footnotes.xml"}
