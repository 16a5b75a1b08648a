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
