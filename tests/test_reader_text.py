"""The text and Markdown reader: reference-list detection and entry splitting,
on the shared corpus and on small constructed cases."""

from __future__ import annotations

import pytest

from citecheck.model import CitationStyle
from citecheck.readers.text import parse_text

ENTRIES = [
    "Macedo F. Bone metastases: an overview. Oncol Rev. 2017;11(1):321.",
    "Hong S, et al. Bone metastasis and skeletal-related events. PLoS One. 2020;15:e0234927.",
    "Guo X, et al. Synchronous bone metastasis in lung cancer. BMC Cancer. 2021;21:613.",
]
BODY = "Bone [1], lung [2] and liver [3].\n\n"


def refs(doc) -> list[tuple[str, int, str]]:
    """``(label, line, text)`` of each reference."""
    return [(r.label, doc.locate(r.span).line, r.text) for r in doc.references]


def cites(doc) -> list[tuple[str, int, int]]:
    """``(text, line, column)`` of each citation."""
    return [(c.text, doc.locate(c.span).line, doc.locate(c.span).column) for c in doc.citations]


def numbered(marker: str = "{n}. ") -> str:
    return "".join(marker.format(n=n) + e + "\n" for n, e in enumerate(ENTRIES, 1))


# --- the shared corpus -------------------------------------------------------


@pytest.fixture(name="seed")
def seed_fixture(shared_text):
    return parse_text(shared_text("seed"))


def test_seed_reference_list(seed) -> None:
    assert seed.has_reference_section
    assert seed.locate(seed.reference_heading).line == 68
    assert [(label, line) for label, line, _ in refs(seed)] == [(str(n), 69 + n) for n in range(1, 11)]
    assert all(r.numbered_explicitly and r.number == int(r.label) for r in seed.references)
    texts = [r.text for r in seed.references]
    assert texts[0] == (
        "Macedo F, Ladeira K, Pinho F, Saraiva N, Bonito N, Pinto L, Goncalves F. "
        "Bone Metastases: An Overview. Oncol Rev. 2017 May 9;11(1):321."
    )
    assert texts[1].startswith("北京医学奖励基金会肺癌青年专家委员会")
    assert texts[1].endswith("中国肺癌杂志2019年4月第22卷第4期.")
    assert texts[9] == (
        "Cheng JN, Jin Z, Su C,et al. Bone metastases diminish extraosseous response to "
        "checkpoint blockade immunotherapy through osteopontin-producing osteoclasts. "
        "Cancer Cell. 2025 Jun 9;43(6):1093-1107.e9."
    )


def test_seed_list_ends_before_the_credits(seed) -> None:
    last = seed.references[-1]
    assert seed.locate(last.span).end_line == 79
    assert not any("编辑" in r.text or "版权" in r.text or "评论" in r.text for r in seed.references)


def test_seed_citations(seed) -> None:
    assert seed.style is CitationStyle.BRACKET
    assert cites(seed) == [
        ("[1]", 27, 125),
        ("[2]", 27, 214),
        ("[3]", 29, 19),
        ("[4]", 29, 90),
        ("[4]", 31, 86),
        ("[3]", 31, 96),
        ("[6-8]", 39, 140),
        ("[9]", 39, 213),
        ("[10]", 41, 22),
    ]
    assert [c.labels for c in seed.citations][6] == ("6", "7", "8")


def test_seed_findings(findings, shared_text) -> None:
    """Only reference 5 is uncited; 【肿瘤资讯】 and the like are not citations;
    references 8 and 10 are one work."""
    text = shared_text("seed")
    assert findings(text) == [("CC101", 74, 1, ("5",)), ("CC201", 79, 1, ("8", "10"))]


def test_zh_good_example(findings, shared_text) -> None:
    text = shared_text("zh-good")
    doc = parse_text(text, markdown=True)
    assert [(label, line) for label, line, _ in refs(doc)] == [("1", 9), ("2", 10), ("3", 11), ("4", 12)]
    assert doc.references[0].text == "张三. 信息抽取综述[J]. 计算机学报, 2023, 46(1): 1-20."
    assert cites(doc) == [
        ("[1]", 3, 19),
        ("[2]", 3, 38),
        ("[3]", 3, 41),
        ("[1,3]", 4, 15),
        ("[4]", 4, 30),
        ("[2-4]", 4, 39),
    ]
    assert findings(text, "markdown") == []


def test_zh_bad_example(findings, shared_text) -> None:
    """Out of order [2] before [1]; [9] past the end; [2-4] and [4] into the
    gap; 5 uncited; the list jumps from 2 to 5; the link and [J] are not citations."""
    text = shared_text("zh-bad")
    doc = parse_text(text, markdown=True)
    assert [c.text for c in doc.citations] == ["[2]", "[1]", "[9]", "[2-4]", "[4]"]
    assert findings(text, "markdown") == [
        ("CC301", 3, 6, ("2", "1")),
        ("CC102", 4, 10, ("9",)),
        ("CC102", 4, 18, ("3", "4")),
        ("CC102", 4, 26, ("4",)),
        ("CC101", 11, 1, ("5",)),
        ("CC302", 11, 1, ("2", "5")),
    ]


def test_parscit_sample(shared_text) -> None:
    """Seven references, some wrapped over a page break, all cited."""
    doc = parse_text(shared_text("parscit"))
    assert [(label, line) for label, line, _ in refs(doc)] == [
        ("1", 883), ("2", 885), ("3", 888), ("4", 890), ("5", 891), ("6", 895), ("7", 898),
    ]
    texts = [r.text for r in doc.references]
    assert texts[0] == "C.A.R. Hoare et al. Laws of programming. Communications of the ACM, 30(8):672--686, 1987."
    assert texts[1] == (
        "M. Frappier, J. Desharnais, and A. Mili. A calculus of program construction by parts. "
        "Science of Computer Programming, 6:237--254, 1996."
    )
    assert texts[4] == (
        "E. Sekerinski. A calculus for predicative programming. In R.S. Bird, C.C. Morgan, and "
        "J.C.P. Woodcock, editors, Mathematics of program construction : second international "
        "conference, number 669 in Lecture Notes in Computer Science, Oxford, UK, 1992. Springer-Verlag."
    )
    assert texts[6] == (
        "J. Von Wright. A lattice theoretical basis for program refinement. Technical report, "
        "Dept. of Computer Science, Abo Akademi, Finland, 1990."
    )
    assert doc.locate(doc.references[-1].span).end_line == 901
    assert len(doc.citations) == 12
    assert ("[2, 4, 1]", 854, 27) in cites(doc)
    assert {label for c in doc.citations for label in c.labels} == {str(n) for n in range(1, 8)}


# --- headings ------------------------------------------------------------------

HEADINGS = [
    ("English", "text", "References"),
    ("Chinese", "text", "参考文献"),
    ("Chinese, spaced", "text", "参 考 文 献"),
    ("French", "text", "Références"),
    ("German", "text", "Literaturverzeichnis"),
    ("Russian", "text", "Литература"),
    ("Spanish", "text", "Referencias bibliográficas"),
    ("bold", "text", "**References**"),
    ("capitals and colon", "text", "REFERENCES:"),
    ("full-width colon", "text", "参考文献："),
    ("section number", "text", "5. References"),
    ("Chinese section number", "text", "五、参考文献"),
    ("Bibliography", "text", "Bibliography"),
    ("ATX", "markdown", "## References"),
    ("ATX closed", "markdown", "## References ##"),
    ("ATX Chinese", "markdown", "# 参考文献"),
    ("ATX bold", "markdown", "### **Literature Cited**"),
    ("setext =", "markdown", "References\n=========="),
    ("setext -", "markdown", "References\n----------"),
    ("underlined in plain text, =", "text", "References\n=========="),
    ("underlined in plain text, -", "text", "References\n----------"),
]


@pytest.mark.parametrize(("fmt", "heading"), [pytest.param(f, h, id=n) for n, f, h in HEADINGS])
def test_heading(fmt: str, heading: str) -> None:
    doc = parse_text(BODY + heading + "\n" + numbered(), markdown=fmt == "markdown")
    first_entry = 4 + heading.count("\n")
    assert refs(doc) == [(str(n), first_entry + n - 1, e) for n, e in enumerate(ENTRIES, 1)]
    assert doc.locate(doc.reference_heading).line == 3
    assert len(doc.citations) == 3


NOT_HEADINGS = [
    ("a sentence", "References are listed below."),
    ("a longer title", "References to earlier work"),
    ("a word inside a line", "See the References"),
]


@pytest.mark.parametrize("line", [pytest.param(h, id=n) for n, h in NOT_HEADINGS])
def test_not_a_heading(line: str) -> None:
    doc = parse_text(BODY + line + "\n" + numbered())
    assert doc.references == []
    assert not doc.has_reference_section


# --- entry markers -----------------------------------------------------------

MARKERS = [
    ("dot", "{n}. "),
    ("bracket", "[{n}] "),
    ("closing paren", "{n}) "),
    ("parentheses", "({n}) "),
    ("number and space", "{n} "),
    ("full-width dot", "{n}．"),
    ("ideographic comma", "{n}、"),
    ("full-width brackets", "［{n}］"),
    ("lenticular brackets", "【{n}】"),
    ("bracket without space", "[{n}]"),
    ("indented", "  {n}. "),
    ("bulleted bracket", "- [{n}] "),
]


@pytest.mark.parametrize("marker", [pytest.param(m, id=n) for n, m in MARKERS])
def test_entry_marker(marker: str) -> None:
    doc = parse_text(BODY + "References\n" + numbered(marker))
    assert refs(doc) == [(str(n), 3 + n, e) for n, e in enumerate(ENTRIES, 1)]
    assert all(r.numbered_explicitly for r in doc.references)
    assert doc.metadata["reference_list_numbered"]
    assert cites(doc) == [("[1]", 1, 6), ("[2]", 1, 16), ("[3]", 1, 30)]


def test_numbered_entries_wrapped_with_hanging_indent() -> None:
    lines = "".join(f"{n}. {e[:30]}\n   {e[30:]}\n" for n, e in enumerate(ENTRIES, 1))
    doc = parse_text(BODY + "References\n" + lines)
    assert refs(doc) == [(str(n), 2 + 2 * n, e) for n, e in enumerate(ENTRIES, 1)]


def test_numbered_entry_with_a_page_break_inside() -> None:
    """A blank line inside an entry (pdftotext) does not end it, nor the list."""
    lines = f"1. {ENTRIES[0]}\n2. Hong S, et al. Bone metastasis and\n\nskeletal events. PLoS One. 2020.\n3. {ENTRIES[2]}\n"
    doc = parse_text(BODY + "References\n" + lines)
    assert [r.text for r in doc.references] == [
        ENTRIES[0],
        "Hong S, et al. Bone metastasis and skeletal events. PLoS One. 2020.",
        ENTRIES[2],
    ]


def test_wrapped_after_a_hyphen() -> None:
    lines = "1. Cao Y. Denosumab in non-\nsmall cell lung cancer. J Thorac Dis. 2021;13:4668–\n4677.\n"
    doc = parse_text("See [1].\n\nReferences\n" + lines)
    assert [r.text for r in doc.references] == [
        "Cao Y. Denosumab in non-small cell lung cancer. J Thorac Dis. 2021;13:4668–4677."
    ]


# --- unnumbered lists --------------------------------------------------------


def test_unnumbered_one_per_line() -> None:
    doc = parse_text(BODY + "References\n" + "".join(e + "\n" for e in ENTRIES))
    assert refs(doc) == [(str(n), 3 + n, e) for n, e in enumerate(ENTRIES, 1)]
    assert not any(r.numbered_explicitly for r in doc.references)
    assert not doc.metadata["reference_list_numbered"]


def test_unnumbered_one_per_paragraph() -> None:
    paragraphs = "\n\n".join(f"{e[:30]}\n{e[30:]}" for e in ENTRIES)
    doc = parse_text(BODY + "References\n\n" + paragraphs + "\n")
    assert refs(doc) == [("1", 5, ENTRIES[0]), ("2", 8, ENTRIES[1]), ("3", 11, ENTRIES[2])]


def test_unnumbered_with_hanging_indent() -> None:
    lines = "".join(f"{e[:30]}\n    {e[30:]}\n" for e in ENTRIES)
    doc = parse_text(BODY + "References\n" + lines)
    assert refs(doc) == [("1", 4, ENTRIES[0]), ("2", 6, ENTRIES[1]), ("3", 8, ENTRIES[2])]


def test_unnumbered_markdown_bullets() -> None:
    doc = parse_text(BODY + "## References\n\n" + "".join(f"- {e}\n" for e in ENTRIES), markdown=True)
    assert refs(doc) == [(str(n), 4 + n, e) for n, e in enumerate(ENTRIES, 1)]


def test_unnumbered_list_stops_at_prose() -> None:
    text = BODY + "References\n" + "".join(e + "\n" for e in ENTRIES) + "\nThanks to the editors for their help.\n"
    doc = parse_text(text)
    assert len(doc.references) == 3


# --- where the list ends, and which list -------------------------------------


def test_list_ends_at_a_paragraph_that_is_not_an_entry() -> None:
    text = BODY + "References\n" + numbered() + "\n\nEditor: Jane Doe\nCopyright the journal.\n"
    doc = parse_text(text)
    assert [r.text for r in doc.references] == ENTRIES


def test_list_ends_at_the_next_markdown_heading() -> None:
    text = BODY + "## References\n\n" + numbered() + "\n## Appendix\n\nMore on bone [3].\n"
    doc = parse_text(text, markdown=True)
    assert [r.text for r in doc.references] == ENTRIES
    assert cites(doc)[-1] == ("[3]", 11, 14)


def test_the_last_section_that_is_a_list_wins() -> None:
    """An early 'References' followed by prose is not the list; the later one is."""
    text = BODY + "References\n\nSee the supplement for the full list.\n\nReferences\n" + numbered()
    doc = parse_text(text)
    assert refs(doc) == [(str(n), 7 + n, e) for n, e in enumerate(ENTRIES, 1)]
    assert doc.locate(doc.reference_heading).line == 7


def test_of_two_lists_the_last_is_taken() -> None:
    text = BODY + "References\n" + numbered("[{n}] ") + "\nBibliography\n" + numbered("[{n}] ")[: -len(ENTRIES[2]) - 5]
    doc = parse_text(text)
    assert refs(doc) == [("1", 9, ENTRIES[0]), ("2", 10, ENTRIES[1])]
    # The earlier list's markers are not citations either.
    assert cites(doc) == [("[1]", 1, 6), ("[2]", 1, 16), ("[3]", 1, 30)]


def test_no_heading_no_list(findings) -> None:
    doc = parse_text(BODY + numbered())
    assert doc.references == []
    assert not doc.has_reference_section
    assert doc.reference_heading is None


def test_citations_in_the_list_are_not_citations() -> None:
    """An entry that quotes a bracketed number ('[1] ... [12]') does not cite it."""
    text = "Bone [1].\n\nReferences\n[1] Macedo F. Erratum to [12]. Oncol Rev. 2017;11:321.\n"
    doc = parse_text(text)
    assert cites(doc) == [("[1]", 1, 6)]


def test_unnumbered_per_paragraph_list_stops_at_prose() -> None:
    paragraphs = "\n\n".join(f"{e[:30]}\n{e[30:]}" for e in ENTRIES)
    text = BODY + "References\n\n" + paragraphs + "\n\nEditor: Jane Doe\nLayout: John Roe\n"
    doc = parse_text(text)
    assert [r.text for r in doc.references] == ENTRIES


def test_unnumbered_per_line_list_followed_by_a_long_paragraph() -> None:
    prose = "\n".join(f"Comment line {n} from a reader" for n in range(1, 9))
    doc = parse_text(BODY + "References\n" + "".join(e + "\n" for e in ENTRIES) + "\n" + prose + "\n")
    assert [r.text for r in doc.references] == ENTRIES


def test_unnumbered_entry_wrapped_after_an_initial() -> None:
    """'... and R.L.' ends a line but not the entry: the author list goes on."""
    lines = (
        "P.F. Brown, V.J. Della Pietra, and R.L.\n"
        "Mercer. 1990. Class-based n-gram models. Computational Linguistics, 16(2):79–85.\n"
        "Y. Choueka and S. Lusignan. 1985. Disambiguation by short contexts. CHum, 19:147–157.\n"
    )
    doc = parse_text("Prose.\n\nReferences\n" + lines)
    assert [r.text for r in doc.references] == [
        (
            "P.F. Brown, V.J. Della Pietra, and R.L. Mercer. 1990. Class-based n-gram models. "
            "Computational Linguistics, 16(2):79–85."
        ),
        "Y. Choueka and S. Lusignan. 1985. Disambiguation by short contexts. CHum, 19:147–157.",
    ]


@pytest.mark.parametrize("marker", ["1. ", "1) "])
def test_markdown_lazy_numbering(findings, marker: str) -> None:
    """Markdown renders an ordered list written 1. 1. 1. as 1, 2, 3."""
    text = BODY + "## References\n\n" + "".join(marker + e + "\n" for e in ENTRIES)
    doc = parse_text(text, markdown=True)
    assert [(r.label, r.number) for r in doc.references] == [("1", 1), ("2", 2), ("3", 3)]
    assert findings(text, "markdown") == []


def test_lazy_numbering_is_markdown_only(findings) -> None:
    """In plain text '1.' three times is three entries numbered 1."""
    text = BODY + "References\n" + "".join("1. " + e + "\n" for e in ENTRIES)
    assert [r.label for r in parse_text(text).references] == ["1", "1", "1"]
    assert ("CC202", 5, 1, ("1",)) in findings(text)


def test_markdown_numbers_otherwise_as_written(findings) -> None:
    text = BODY + "## References\n\n" + "".join(f"{n}. {e}\n" for n, e in zip((1, 2, 4), ENTRIES))
    assert [r.label for r in parse_text(text, markdown=True).references] == ["1", "2", "4"]


def test_markdown_footnotes_after_the_list() -> None:
    """A footnote definition after the list ends it, and its citations count."""
    text = BODY + "## References\n\n" + numbered() + "\n[^a]: A note citing [2].\n"
    doc = parse_text(text, markdown=True)
    assert [r.text for r in doc.references] == ENTRIES
    assert cites(doc)[-1] == ("[2]", 9, 21)


def test_markdown_escaped_bracket_markers() -> None:
    """pandoc writes '[1] Macedo F. ...' as '\\[1\\] Macedo F. ...'."""
    text = "Bone \\[1\\], lung \\[2\\] and liver \\[3\\].\n\n## References\n\n" + numbered("\\[{n}\\] ")
    doc = parse_text(text, markdown=True)
    assert refs(doc) == [(str(n), 4 + n, e) for n, e in enumerate(ENTRIES, 1)]
    assert all(r.numbered_explicitly for r in doc.references)
    assert [c.labels for c in doc.citations] == [("1",), ("2",), ("3",)]


# --- Issue 15, class 8: numeric intervals, and superscripts beside brackets -----------------

MIXED = (
    "Bone metastases are common in lung cancer\u00b9 and breast cancer\u00b2.\n\n"
    "Table 1. Studies included\n| Study | Design |\n| Hong [3] | cohort |\n| Guo [4] | cohort |\n\n"
    "Over a time interval [140, 160] (in hours), no event occurred.\n\n"
    "References\n"
    "1. Macedo F, Ladeira K. Bone metastases: an overview. Oncol Rev. 2017;11:321.\n"
    "2. Hong S, Youk T. Bone metastasis and skeletal-related events. PLoS One. 2020;15:e0234927.\n"
    "3. Guo X, Ma W. Synchronous bone metastasis in lung cancer. BMC Cancer. 2019;19:100.\n"
    "4. Cao Y, Afzal MZ. Denosumab in bone metastasis. J Thorac Dis. 2021;13:1.\n"
    "5. Liede A, Hernandez RK. Immunotherapies in bone. OncoImmunology. 2018;7:e1.\n"
)


def test_superscripts_beside_bracket_citations_are_not_never_cited() -> None:
    from citecheck.api import check_text
    findings = check_text(MIXED).findings
    # Only reference 5 is uncited; [140, 160] (beyond a list of 5) is an interval.
    assert [(f.code, f.references, f.location.line) for f in findings] == [("CC101", ("5",), 15)]


def test_rest_literal_blocks_are_code_not_citations() -> None:
    from citecheck.api import check_text
    text = (
        "The index is computed as in [1].\n\nFor example::\n\n    ic[2] = weights[1] * x\n"
        "    print(ic[2])\n\nThe result follows [1].\n\nReferences\n"
        "1. Macedo F, Ladeira K. Bone metastases: an overview. Oncol Rev. 2017;11:321.\n"
    )
    assert check_text(text).findings == []


def test_an_interval_named_as_such_is_not_a_citation_even_within_the_list() -> None:
    from citecheck.api import check_text
    refs = "".join(f"{n}. Author{n} A. Title number {n}. J Test. 2001;{n}:1.\n" for n in range(1, 11))
    text = f"On the time interval [3, 7] the signal is flat [1], as in [3, 7].\n\nReferences\n{refs}"
    document_citations = [c.text for c in check_text(text).documents[0].citations]
    assert document_citations == ["[1]", "[3, 7]"]
