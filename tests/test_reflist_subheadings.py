"""Sub-headings inside a reference list ("Primary sources", "中文文献") divide it into
groups: they are not read into the next entry, do not end the list, and CC303 sorts
each group on its own."""

from __future__ import annotations

import citecheck

LIST = """Work by Brown (2018), (Jones, 2018) and (Adams & Lee, 2020); see Zed (2019).

{heading}

{primary}

Adams, A., & Lee, B. (2020). Third study. Bone, 3, 5-6.
Jones, K. (2018). Another study. Bone, 2, 3-4.

{secondary}

Brown, J. (2018). A study of bones. Bone, 1, 1-2.
Zed, K. (2019). More bones. Bone, 2, 3-4.
"""


def _found(text: str, markdown: bool = False) -> list[tuple[str, int, int]]:
    path = "paper.md" if markdown else "paper.txt"
    report = citecheck.check_text(text, path=path)
    return [(f.code, f.location.line, f.location.column) for f in report.findings]


def _labels(text: str, markdown: bool = False) -> list[str]:
    report = citecheck.check_text(text, path="paper.md" if markdown else "paper.txt")
    return [r.label for r in report.documents[0].references]


def test_plain_text_subheadings_divide_the_list() -> None:
    text = LIST.format(heading="References", primary="Primary sources", secondary="Secondary sources:")
    assert _labels(text) == ["Adams 2020", "Jones 2018", "Brown 2018", "Zed 2019"]
    assert _found(text) == []


def test_markdown_subheadings_do_not_end_the_list() -> None:
    text = LIST.format(heading="## References", primary="### Primary sources", secondary="### Secondary sources")
    assert _labels(text, markdown=True) == ["Adams 2020", "Jones 2018", "Brown 2018", "Zed 2019"]
    assert _found(text, markdown=True) == []


def test_each_group_is_sorted_on_its_own() -> None:
    text = LIST.format(heading="References", primary="Books", secondary="Articles")
    text = text.replace("Zed, K. (2019). More bones. Bone, 2, 3-4.\n", "")
    text = text.replace("Brown, J. (2018). A study of bones. Bone, 1, 1-2.\n",
                        "Brown, J. (2018). A study of bones. Bone, 1, 1-2.\n"
                        "Abel, K. (2019). More bones. Bone, 2, 3-4.\n")
    text = text.replace("see Zed (2019)", "see Abel (2019)")
    # Brown and Abel within "Articles" are out of order; Abel before Jones across groups is not judged.
    assert _found(text) == [("CC303", 12, 1)]  # Brown belongs after Abel


def test_chinese_thesis_subheadings() -> None:
    text = (
        "研究表明（张三等，2020）和（Smith, 2019）。\n\n参考文献\n\n中文文献\n\n"
        "张三, 李四. 2020. 骨转移的研究[J]. 中华医学杂志, 1(2): 3-4.\n\n外文文献\n\n"
        "Smith, J. (2019). Bone pain. Pain, 3, 1-9.\n"
    )
    assert _labels(text) == ["张三 2020", "Smith 2019"]
    report = citecheck.check_text(text, select=["CC1", "CC3"])
    assert report.findings == []


def test_a_wrapped_line_that_reads_like_a_subheading_stays_in_its_entry() -> None:
    text = (
        "As shown (Smith, 2019; Jones, 2018).\n\nReferences\n\n"
        "Jones, K. (2018). Learning from big data. Journal of Big\n"
        "Data\n"
        "5(1), 1-10.\n"
        "Smith, J. (2019). Bone pain. Pain, 3, 1-9.\n"
    )
    report = citecheck.check_text(text)
    refs = report.documents[0].references
    assert [r.label for r in refs] == ["Jones 2018", "Smith 2019"]
    assert refs[0].text.endswith("Journal of Big Data 5(1), 1-10.")
    assert report.findings == []


def test_numbered_list_with_subheadings() -> None:
    text = (
        "Text [1] and [2] and [3].\n\nReferences\n\nBooks\n\n"
        "1. Smith J. Bone pain in older adults. Oxford: OUP; 2019.\n"
        "2. Jones K. Bone loss in older adults. Boston: Wiley; 2018.\n\nArticles\n\n"
        "3. Lee C. Bone loss in mice. Bone. 2017;5:6-7.\n"
    )
    report = citecheck.check_text(text)
    assert [r.label for r in report.documents[0].references] == ["1", "2", "3"]
    assert report.findings == []


def test_word_list_with_subheadings(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from citecheck.api import check_document
    from citecheck.readers.docx import read_docx
    from tests import docx_build as build

    document = build.new_document()
    document.add_paragraph("Work by Brown (2018), (Jones, 2018) and (Adams & Lee, 2020); see Abel (2019).")
    document.add_paragraph("References")
    for text in ("Primary sources", "Adams, A., & Lee, B. (2020). Third study. Bone, 3, 5-6.",
                 "Jones, K. (2018). Another study. Bone, 2, 3-4.", "Secondary sources",
                 "Brown, J. (2018). A study of bones. Bone, 1, 1-2.", "Abel, K. (2019). More bones. Bone, 2, 3-4."):
        document.add_paragraph(text)
    doc = read_docx(str(build.save(document, tmp_path / "groups.docx")))
    assert [r.label for r in doc.references] == ["Adams 2020", "Jones 2018", "Brown 2018", "Abel 2019"]
    findings = [(f.code, f.location.line, f.location.column) for f in check_document(doc).findings]
    assert findings == [("CC303", 7, 1)]  # Brown belongs after Abel, in its own group
