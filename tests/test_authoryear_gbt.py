"""GB/T 7714 author-year (著者-出版年制) lists, in Chinese and in Latin script.

GB/T 7714-2015 section 9.2 prints the year right after the authors:
``张三, 李四. 2020. 标题[J]. 期刊, 1(2): 3-4.`` (and ``SMITH J, JONES K.
2018. Title[J]. Journal, 1: 1-4.``), where the numeric form prints it in the
source (``期刊, 2020, 1(2): 3-4.``).  The entries below are written after the
standard's own examples (the standard is not quoted).
"""

from __future__ import annotations

import pytest

import citecheck
from citecheck.model import CitationStyle
from citecheck.refparse import parse_reference

TEXT = (
    "骨转移常见（张三，2020），李四等（2019）也有报道。\n"
    "Also (ZHANG et al., 2020) and (SMITH and JONES, 2018).\n"
    "\n"
    "参考文献\n"
    "\n"
    "李四, 赵六, 孙七. 2019. 肿瘤骨转移[J]. 中国肿瘤, 5: 2-8.\n"
    "SMITH J, JONES K. 2018. Bone and joints together[J]. Joint, 1: 1-4.\n"
    "ZHANG S, LI S, WANG W. 2020. Bone metastasis in adults[J]. Journal of Bone, 1(2): 3-4.\n"
    "张三, 李四. 2020. 骨转移的研究[J]. 中华医学杂志, 1(2): 3-4.\n"
)


def test_chinese_and_latin_entries_are_read_as_author_year() -> None:
    report = citecheck.check_text(TEXT)
    document = report.documents[0]
    assert document.style is CitationStyle.AUTHOR_YEAR
    assert [r.label for r in document.references] == ["李四 2019", "SMITH 2018", "ZHANG 2020", "张三 2020"]
    cited = []
    for c in document.citations:
        loc = document.locate(c.span)
        cited.append((c.text, loc.line, loc.column, c.labels))
    assert cited == [
        ("（张三，2020）", 1, 6, ("张三 2020",)),
        ("李四等（2019）", 1, 16, ("李四 2019",)),
        ("(ZHANG et al., 2020)", 2, 6, ("ZHANG 2020",)),
        ("(SMITH and JONES, 2018)", 2, 31, ("SMITH 2018",)),
    ]
    # GB/T cites the first author alone for two authors: CC105 says so, as for "(Fikes, 1971)".
    # GB/T sorts Chinese entries by their reading: CC303 does not compare them.
    assert [(f.code, f.location.line, f.location.column) for f in report.findings if f.code != "CC402"] == [
        ("CC105", 1, 7),
    ]


def test_no_false_no_year() -> None:
    report = citecheck.check_text(TEXT)
    assert [(f.code, f.location.line) for f in report.findings if f.code == "CC402"] == []


@pytest.mark.parametrize(
    ("text", "authors", "year", "title", "container", "volume", "issue", "pages"),
    [
        ("张三, 李四. 2020. 骨转移的研究[J]. 中华医学杂志, 1(2): 3-4.",
         ["张", "李"], 2020, "骨转移的研究", "中华医学杂志", "1", "2", "3-4"),
        ("李四, 赵六, 孙七, 等. 2019. 肿瘤骨转移[J]. 中国肿瘤, 5: 2-8.",
         ["李", "赵", "孙"], 2019, "肿瘤骨转移", "中国肿瘤", "5", None, "2-8"),
        ("ZHANG S, LI S. 2020. Bone metastasis in adults[J]. Journal of Bone, 1(2): 3-4.",
         ["Zhang", "Li"], 2020, "Bone metastasis in adults", "Journal of Bone", "1", "2", "3-4"),
        ("SMITH J, JONES K, 2018. Bone and joints together[J]. Joint, 1: 1-4.",
         ["Smith", "Jones"], 2018, "Bone and joints together", "Joint", "1", None, "1-4"),
    ],
)
def test_gbt_author_year_entry_fields(
    text: str, authors: list[str], year: int, title: str, container: str, volume: str, issue: str | None,
    pages: str,
) -> None:
    fields = parse_reference(text)
    assert [a.family for a in fields.authors] == authors  # Chinese names: the family name is the first character
    assert (fields.year, fields.title, fields.container) == (year, title, container)
    assert (fields.volume, fields.issue, fields.pages) == (volume, issue, pages)
