"""Author-year citations typed in Word documents: line = paragraph, column = offset + 1."""

from __future__ import annotations

from pathlib import Path

from citecheck.api import check_document
from citecheck.model import CitationStyle
from citecheck.readers.docx import read_docx
from tests import docx_build as build

ENTRIES = [
    "Jones, K. (2019). Bone loss in old age. Bone, 4, 2-8.",
    "Lee, M. (2018). Bone cells and their stem. Cell, 5, 3-7.",
    "Smith, J., Brown, A., & Green, B. (2020). Bone pain in adults. Pain, 3, 1-9.",
    "Adams, P. (2017). Cartilage and its repair. Joint, 2, 4-6.",
]


def _document(tmp_path: Path, body: list[str]) -> Path:
    document = build.new_document()
    for text in body:
        document.add_paragraph(text)
    document.add_paragraph("References")
    for entry in ENTRIES:
        document.add_paragraph(entry)
    return build.save(document, tmp_path / "author-year.docx")


def test_typed_author_year_citations_are_checked(tmp_path: Path) -> None:
    path = _document(tmp_path, [
        "Bone pain is common (Smith et al., 2020), and bone loss too.",
        "",
        "As Lee (2017) showed, cells matter (Jones, 2019; Nobody, 2015).",
    ])
    doc = read_docx(str(path))
    assert doc.style is CitationStyle.AUTHOR_YEAR
    assert [r.label for r in doc.references] == ["Jones 2019", "Lee 2018", "Smith 2020", "Adams 2017"]
    findings = check_document(doc).findings
    assert [(f.code, f.location.line, f.location.column, f.references) for f in findings] == [
        ("CC105", 3, 4, ("Lee 2018",)),
        ("CC102", 3, 50, ("Nobody 2015",)),
        ("CC101", 8, 1, ("Adams 2017",)),
        ("CC303", 8, 1, ("Adams 2017", "Jones 2019")),
    ]


def test_a_clean_typed_author_year_document_has_no_findings(tmp_path: Path) -> None:
    path = _document(tmp_path, [
        "Cartilage (Adams, 2017) comes first; then Jones (2019), Lee (2018) and Smith et al. (2020).",
    ])
    doc = read_docx(str(path))
    findings = check_document(doc).findings
    # Adams is out of alphabetical order at the end of the list: the only finding.
    assert [(f.code, f.location.line) for f in findings] == [("CC303", 6)]


def test_footnotes_after_an_author_year_list_are_notes_not_entries(tmp_path: Path) -> None:
    """Footnotes follow the body in the source text; a body "References" list
    ends with the body, and the notes' citations count (found on a real
    papaja manuscript whose notes cite the R packages)."""
    path = _document(tmp_path, ["Bone pain is common (Smith et al., 2020) and so is loss (Jones, 2019)."])
    path = build.add_notes(path, "footnotes", [
        "This procedure follows Lee (2018), although not always (see Adams, 2017)."
    ])
    doc = read_docx(str(path))
    assert [r.label for r in doc.references] == ["Jones 2019", "Lee 2018", "Smith 2020", "Adams 2017"]
    assert not [f for f in check_document(doc).findings if f.code == "CC101"]


def test_a_heading_is_not_part_of_the_next_paragraphs_narrative_citation(tmp_path: Path) -> None:
    """One paragraph per line: the words of a heading just above ("... Different")
    are not the first author's name of "Lee (2018) showed" (found on a real
    Word manuscript: CC102 error plus CC101 for the work it did cite)."""
    path = _document(tmp_path, [
        "Example 1: Not Statistically Equivalent and Not Statistically Different",
        "Lee (2018) showed that cells matter.",
        "Example 3: Equivalent and Different",
        "Smith, Brown, and Green (2020) report trivial pain, Jones (2019) and Adams (2017) none.",
    ])
    findings = check_document(read_docx(str(path))).findings
    # CC303 is true: the fixture's list is not in alphabetical order.
    assert [(f.code, f.location.line) for f in findings if f.code != "CC303"] == []


def test_and_colleagues_is_et_al(tmp_path: Path) -> None:
    """"Smith and colleagues (2020)" cites Smith et al. 2020 (a real Word
    manuscript had a false CC101 for the work it cited so)."""
    path = _document(tmp_path, [
        "Smith and colleagues (2020) saw pain, Lee (2018) cells, Jones (2019) and Adams (2017) none.",
        "As Smith and co-workers (2020) saw.",
    ])
    findings = check_document(read_docx(str(path))).findings
    assert [(f.code, f.location.line) for f in findings if f.code != "CC303"] == []


def test_an_author_year_list_that_word_numbers_is_read_as_author_year(tmp_path: Path) -> None:
    """A list numbered by Word's list numbering alone (no number typed, none
    cited) whose entries are author-year: its author-year citations are read
    (a real manuscript got CC004 and a CC101 for every entry)."""
    document = build.new_document()
    document.add_paragraph("As proposed by Smith et al., 2020, and Jones (2019); see Lee (2018) and Adams (2017).")
    document.add_paragraph("References")
    for entry in sorted(ENTRIES):
        document.add_paragraph(entry, style="List Number")
    doc = read_docx(str(build.save(document, tmp_path / "numbered-by-word.docx")))
    assert doc.style is CitationStyle.AUTHOR_YEAR
    assert [f.code for f in check_document(doc).findings] == []


def test_entries_cut_in_two_by_a_paragraph_break_are_joined(tmp_path: Path) -> None:
    """An author-year entry split over two paragraphs (a hard break inside it)
    is one entry, and the list goes on after it (a real Word manuscript: the
    halves were uncited "entries" and the list ended at "Boca Raton: CRC
    Press.", so the last entry, cited, was missing: CC102)."""
    document = build.new_document()
    document.add_paragraph("Pain (Smith et al., 2020), cells (Lee, 2018), loss (Jones, 2019; Adams, 2017).")
    document.add_paragraph("References")
    for text in [
        "Adams, P. (2017). Cartilage and its repair.",
        "Joint, 2, 4-6. doi:10.1000/joint.2017.04",
        "Jones, K. (2019). Bone loss in old age. Bone, 4, 2-8. doi:10.1000/bone.2019.2",
        "Lee, M. (2018). Bone cells and their stem (2nd ed.).",
        "Boca Raton: CRC Press.",
        "Smith, J., Brown, A., & Green, B. (2020). Bone pain in adults. Pain, 3, 1-9.",
    ]:
        document.add_paragraph(text)
    doc = read_docx(str(build.save(document, tmp_path / "cut.docx")))
    assert [r.label for r in doc.references] == ["Adams 2017", "Jones 2019", "Lee 2018", "Smith 2020"]
    assert [f.code for f in check_document(doc).findings] == []
