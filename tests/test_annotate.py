"""citecheck annotate: the Word file handed back with one comment per finding.

The test documents are built here with python-docx (tests/docx_build.py): typed
citations, Zotero fields and a footnote.  "Nothing else changed" is checked
part by part: every XML part but the comments is the same after
canonicalisation, the main document once the comment marks are taken out.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from lxml import etree

import citecheck
from citecheck.annotate import annotate_docx, comment_text
from citecheck.cli import cli
from tests.docx_build import add_notes, new_document, save, zotero_bibliography, zotero_paragraph

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
ITEM = {"id": 11, "type": "article-journal", "title": "Bone metastasis and skeletal-related events in patients with solid cancer",
        "author": [{"family": "Hong", "given": "S"}], "issued": {"date-parts": [[2020]]}, "container-title": "Sci Rep"}
REFS = [
    "1. Macedo F, Ladeira K, Pinho F, et al. Bone metastases: an overview. Oncol Rev. 2017;11(1):321.",
    "2. Hong S, Youk T, Lee SJ, et al. Bone metastasis and skeletal-related events in patients with "
    "solid cancer. Sci Rep. 2020;10:1-8.",
    "3. Coleman RE. Clinical features of metastatic bone disease and risk of skeletal morbidity. "
    "Clin Cancer Res. 2006;12(20):6243s-6249s.",
]


def small_docx(path: Path) -> Path:
    """Typed [5] and a Zotero field [6] that refer to nothing, reference 3
    never cited, and a footnote citing [7] (nothing either)."""
    document = new_document()
    first = document.add_paragraph("Bone metastases are common [1]. Pain is frequent [5] and more.")
    mark = first.add_run()
    mark.font.superscript = True
    ref = etree.SubElement(mark._r, W + "footnoteReference")
    ref.set(W + "id", "1")
    zotero_paragraph(document, "Fractures follow ", ([ITEM], "[2]"), " and ", ([ITEM], "[6]"), ".")
    document.add_paragraph("References", style="Heading 1")
    for entry in REFS:
        document.add_paragraph(entry)
    save(document, path)
    return add_notes(path, "footnotes", ["See also the trial [7]."])


@pytest.fixture(name="paper")
def paper_fixture(tmp_path: Path) -> Path:
    return small_docx(tmp_path / "paper.docx")


def expected(paper: Path) -> list[tuple[str, int]]:
    return [(f.code, f.location.line) for f in citecheck.check_file(paper).findings]


def test_the_fixture_has_the_findings_the_tests_rely_on(paper: Path) -> None:
    assert expected(paper) == [("CC102", 1), ("CC102", 2), ("CC101", 6), ("CC102", 7)]


def comments(path: Path) -> list[tuple[int, str, str]]:
    document = docx.Document(str(path))
    return [(c.comment_id, c.author, c.text) for c in document.comments]


def anchored_text(path: Path) -> dict[str, str]:
    """Comment id -> the text between its range start and end."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    out: dict[str, str] = {}
    open_ids: list[str] = []
    for element in root.iter():
        tag = element.tag
        if tag == W + "commentRangeStart":
            open_ids.append(element.get(W + "id"))
            out[element.get(W + "id")] = ""
        elif tag == W + "commentRangeEnd":
            open_ids.remove(element.get(W + "id"))
        elif tag == W + "t" and element.text:
            for ident in open_ids:
                out[ident] += element.text
    return out


def test_one_comment_per_finding_anchored_where_it_belongs(paper: Path, tmp_path: Path) -> None:
    out = tmp_path / "paper.checked.docx"
    result = CliRunner().invoke(cli, ["annotate", str(paper), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "4 comment(s) written" in result.output
    found = comments(out)
    assert [author for _, author, _ in found] == ["citecheck"] * 4
    texts = [text for _, _, text in found]
    assert texts[0].startswith("Citation [5] refers to reference 5, but the list has 3 references. (CC102 missing-reference)")
    assert "Near \u201c" in texts[0]  # the run holds the whole sentence: say where
    assert texts[2].startswith("Reference 3 is never cited. (CC101 uncited-reference)")
    assert texts[3].startswith("In footnote 1: Citation [7]")
    anchors = anchored_text(out)
    assert "[5]" in anchors["0"]
    # the Zotero field is anchored as a whole (its result is "[6]"), outside what Zotero rewrites
    assert anchors["1"] == "[6]"
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode()
    start = xml.index('<w:commentRangeStart w:id="1"/>')
    assert xml[start:].index('w:fldCharType="begin"') < xml[start:].index("[6]")
    assert anchors["2"] == REFS[2]
    assert anchors["3"] == ""  # the footnote mark (no text of its own)
    assert 'w:footnoteReference w:id="1"' in xml[xml.index('<w:commentRangeStart w:id="3"/>'):]


def _canonical(xml: bytes, drop_comment_marks: bool = False) -> bytes:
    """The part's canonical XML.  White space between elements is not kept:
    it means nothing in WordprocessingML (python-docx and Word drop it)."""
    root = etree.fromstring(xml, etree.XMLParser(remove_blank_text=True))
    if drop_comment_marks:
        for element in list(root.iter(W + "commentRangeStart", W + "commentRangeEnd")):
            element.getparent().remove(element)
        for reference in list(root.iter(W + "commentReference")):
            run = reference.getparent()
            run.getparent().remove(run)
    return etree.tostring(root, method="c14n")


def test_nothing_else_changes(paper: Path, tmp_path: Path) -> None:
    out = tmp_path / "paper.checked.docx"
    before_bytes = paper.read_bytes()
    data, added = annotate_docx(before_bytes, str(paper), citecheck.check_file(paper).findings)
    assert added == 4
    out.write_bytes(data)
    assert paper.read_bytes() == before_bytes
    with zipfile.ZipFile(paper) as a, zipfile.ZipFile(out) as b:
        before = {n: a.read(n) for n in a.namelist()}
        after = {n: b.read(n) for n in b.namelist()}
    new = set(after) - set(before)
    assert new == {"word/comments.xml"}
    for name, blob in before.items():
        if name == "word/document.xml":
            assert _canonical(after[name], True) == _canonical(blob), name
        elif name == "[Content_Types].xml":
            extra = etree.fromstring(after[name])
            overrides = [e.get("PartName") for e in extra]
            assert "/word/comments.xml" in overrides
            kept = [e for e in extra if e.get("PartName") != "/word/comments.xml"]
            assert sorted(etree.tostring(e, method="c14n") for e in kept) == sorted(
                etree.tostring(e, method="c14n") for e in etree.fromstring(blob))
        elif name == "word/_rels/document.xml.rels":
            rels = etree.fromstring(after[name])
            kept = [e for e in rels if not e.get("Target", "").endswith("comments.xml")]
            assert len(kept) == len(rels) - 1
            assert sorted(etree.tostring(e, method="c14n") for e in kept) == sorted(
                etree.tostring(e, method="c14n") for e in etree.fromstring(blob))
        elif name.endswith((".xml", ".rels")):
            assert _canonical(after[name]) == _canonical(blob), name
        else:
            assert after[name] == blob, name
    # and the copy still reads the same: same findings
    assert expected(out) == expected(paper)


def test_no_findings_no_comments(tmp_path: Path) -> None:
    document = new_document()
    document.add_paragraph("Bone metastases are common [1].")
    document.add_paragraph("References", style="Heading 1")
    document.add_paragraph(REFS[0])
    path = save(document, tmp_path / "clean.docx")
    out = tmp_path / "clean.checked.docx"
    result = CliRunner().invoke(cli, ["annotate", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert comments(out) == []


def test_the_input_is_never_written(paper: Path, tmp_path: Path) -> None:
    before = paper.read_bytes()
    result = CliRunner().invoke(cli, ["annotate", str(paper), "-o", str(paper)])
    assert result.exit_code == 2
    assert "never writes to its inputs" in result.output
    link = tmp_path / "link.docx"
    link.symlink_to(paper)
    result = CliRunner().invoke(cli, ["annotate", str(paper), "-o", str(link)])
    assert result.exit_code == 2
    assert paper.read_bytes() == before


@pytest.mark.parametrize("name, content, message", [
    ("paper.txt", b"text [1]", "annotate takes a Word .docx file"),
    ("broken.docx", b"not a zip", "not a Word .docx file"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["annotate", str(path), "-o", str(tmp_path / "out.docx")])
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "out.docx").exists()


def test_select_limits_the_comments(paper: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(cli, ["annotate", str(paper), "-o", str(out), "--select", "CC101", "--isolated"])
    assert result.exit_code == 0, result.output
    assert [text.split(" (")[0] for _, _, text in comments(out)] == ["Reference 3 is never cited."]


def test_comment_text_is_a_sentence() -> None:
    finding = citecheck.check_text("A [1].\n\nReferences\n1. A B. T one. J. 2001.\n2. C D. T two. J. 2002.\n").findings[0]
    assert comment_text(finding) == "Reference 2 is never cited. (CC101 uncited-reference)"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_opens_the_copy_with_its_comments(paper: Path, tmp_path: Path) -> None:
    out = tmp_path / "paper.checked.docx"
    CliRunner().invoke(cli, ["annotate", str(paper), "-o", str(out)])
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}', "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "paper.checked.pdf").read_bytes()
    # LibreOffice exports each comment as a PDF text annotation, its contents UTF-16 in hex
    notes = [bytes.fromhex(h.decode()).decode("utf-16") for h in
             re.findall(rb"/Subtype /Text .*?/Contents <([0-9A-F]+)>", pdf, re.S)]
    assert len(notes) == 4
    assert any(n.startswith("Reference 3 is never cited.") for n in notes)
    assert all(notes)  # LibreOffice drops the text of a comment whose mark is inside a field


def test_existing_comments_are_kept(paper: Path, tmp_path: Path) -> None:
    once = tmp_path / "once.docx"
    twice = tmp_path / "twice.docx"
    assert CliRunner().invoke(cli, ["annotate", str(paper), "-o", str(once)]).exit_code == 0
    assert CliRunner().invoke(cli, ["annotate", str(once), "-o", str(twice)]).exit_code == 0
    found = comments(twice)
    assert len(found) == 8
    assert len({ident for ident, _, _ in found}) == 8
    assert [text for _, _, text in found[:4]] == [text for _, _, text in comments(once)]


def bibliography_docx(path: Path) -> Path:
    """Zotero citations and a Zotero bibliography field over three paragraphs;
    reference 3 is never cited."""
    document = new_document()
    macedo = {"id": 12, "type": "article-journal", "title": "Bone metastases: an overview",
              "author": [{"family": "Macedo", "given": "F"}], "issued": {"date-parts": [[2017]]},
              "container-title": "Oncol Rev"}
    zotero_paragraph(document, "Bone metastases are common ", ([macedo], "[1]"), " and painful ",
                     ([ITEM], "[2]"), ".")
    document.add_paragraph("References", style="Heading 1")
    zotero_bibliography(document, [entry.split(" ", 1)[1] for entry in REFS])
    return save(document, path)


def test_a_comment_in_a_bibliography_field_has_its_mark_after_the_field(tmp_path: Path) -> None:
    path = bibliography_docx(tmp_path / "bib.docx")
    assert expected(path) == [("CC101", 5)]
    out = tmp_path / "bib.checked.docx"
    assert CliRunner().invoke(cli, ["annotate", str(path), "-o", str(out)]).exit_code == 0
    assert anchored_text(out) == {"0": "[3]" + REFS[2].split(" ", 1)[1]}  # (a w:tab is not w:t)
    with zipfile.ZipFile(out) as package:
        xml = package.read("word/document.xml").decode()
    # the range is the entry, the mark follows the field's end (outside what Zotero rewrites)
    end = xml.index('<w:commentRangeEnd w:id="0"/>')
    assert xml.index('w:fldCharType="end"', end) < xml.index('<w:commentReference w:id="0"/>')
    assert comments(out)[0][2].startswith("Reference 3 is never cited.")
