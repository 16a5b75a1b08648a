"""Author-year citation forms: what is a citation (with line and column) and what is not."""

from __future__ import annotations

import pytest

import citecheck
from citecheck.model import CitationStyle, MatchKind

LIST = """
References
Brown, A., Green, B., & White, C. (2021). Bone cells in the hand. Cell, 5, 3-7.
de Gaulle, C. (2015). Memoirs of hope and war. Paris: Plon.
García-Márquez, G. (n.d.). Cien años de soledad. Bogotá: Norma.
Jones, K. (2019). Bone loss in old age. Bone, 4, 2-8.
Lee, M. (2018). Bone cells and their stem. Cell, 5, 3-7.
O'Neil, C. (in press). Weapons of math destruction. New York: Crown.
Smith, J. (2019). Joints and the knee. Joint, 2, 1-9.
Smith, J. (2020a). Bone pain in adults. Pain, 3, 1-9.
Smith, J. (2020b). Bone repair after breaks. Pain, 3, 10-19.
Smith, J., & Jones, K. (2018). Bone and joints together. Joint, 1, 1-4.
van der Berg, A. (2017). Dutch bones and their growth. Bone, 9, 1-5.
World Health Organization [WHO]. (2016). Global report on bone health. Geneva: WHO.
Zhang, W. (2014). Bone density in Beijing. Chin Bone, 2, 3-4.
"""


def _cites(text: str) -> list[tuple[str, int, int, tuple[str, ...]]]:
    report = citecheck.check_text(text + LIST)
    document = report.documents[0]
    assert document.style is CitationStyle.AUTHOR_YEAR
    out = []
    for c in document.citations:
        loc = document.locate(c.span)
        out.append((c.text, loc.line, loc.column, c.labels))
    return out


@pytest.mark.parametrize(
    ("written", "labels"),
    [
        ("(Lee, 2018)", ("Lee 2018",)),
        ("(Lee 2018)", ("Lee 2018",)),
        ("(Smith & Jones, 2018)", ("Smith 2018",)),
        ("(Smith and Jones 2018)", ("Smith 2018",)),
        ("(Brown et al., 2021)", ("Brown 2021",)),
        ("(Brown et al. 2021)", ("Brown 2021",)),
        ("(Smith 2020a, b)", ("Smith 2020a", "Smith 2020b")),
        ("(Smith, 2019, 2020a)", ("Smith 2019", "Smith 2020a")),
        ("(Smith, 2019; Jones, 2019)", ("Smith 2019", "Jones 2019")),
        ("(see Smith, 2019, p. 4; e.g., Jones, 2019, chap. 3)", ("Smith 2019", "Jones 2019")),
        ("(Lee 2018, Jones 2019)", ("Lee 2018", "Jones 2019")),
        ("(World Health Organization [WHO], 2016)", ("World Health Organization 2016",)),
        ("(van der Berg, 2017)", ("van der Berg 2017",)),
        ("(de Gaulle, 2015)", ("de Gaulle 2015",)),
        ("(García-Márquez, n.d.)", ("García-Márquez n.d.",)),
        ("(O'Neil, in press)", ("O'Neil in press",)),
        ("(O’Neil, in press)", ("O'Neil in press",)),
        ("（Zhang，2014）", ("Zhang 2014",)),
        ("Lee (2018)", ("Lee 2018",)),
        ("Brown et al. (2021)", ("Brown 2021",)),
        ("Smith and Jones's (2018)", ("Smith 2018",)),
        ("Lee's (2018)", ("Lee 2018",)),
        ("Smith (2019, 2020a)", ("Smith 2019", "Smith 2020a")),
        ("Van der Berg (2017)", ("van der Berg 2017",)),
    ],
)
def test_citation_forms_match_their_entries(written: str, labels: tuple[str, ...]) -> None:
    text = (
        "Some earlier text, then " + written + " in a sentence.\n"
        "The WHO abbreviation is used later (WHO, 2016) and Lee (2018) and (Brown et al., 2021).\n"
        "More: (de Gaulle, 2015; García-Márquez, n.d.; O'Neil, in press; van der Berg, 2017).\n"
        "And (Smith, 2019, 2020a, b; Smith & Jones, 2018; Jones, 2019; Zhang, 2014).\n"
    )
    report = citecheck.check_text(text + LIST)
    document = report.documents[0]
    first = document.citations[0]
    assert first.labels == labels
    loc = document.locate(first.span)
    assert (loc.line, loc.column) == (1, 25)
    assert all(i.match is not None and i.match.kind is MatchKind.EXACT for c in document.citations for i in c.items)
    # The n.d. and in-press entries say why they have no year: no CC402 for them.
    assert [f.code for f in report.findings] == []


def test_narrative_words_before_the_name_are_not_part_of_it() -> None:
    found = _cites("In Lee (2018) and\nAccording to Brown et al. (2021), and In Europe, Smith and Jones (2018).\n")
    assert [(t, line, col) for t, line, col, _ in found] == [
        ("Lee (2018)", 1, 4),
        ("Brown et al. (2021)", 2, 14),
        ("Smith and Jones (2018)", 2, 50),
    ]


def test_citations_in_parentheses_around_others() -> None:
    """A parenthesis with parentheses inside: its parts without one are read.
    Where it holds a citation found already, each part read is a citation of
    its own, so that citations never overlap."""
    text = (
        "The Z form (the (E)-α isomer; Lee, 2018) was stable.\n"
        "Edited (Smith (ed.), 2019) and (Jones, 2019; see (Brown et al., 2021) too).\n"
        "As shown (as Lee (2018) did; Zhang, 2014).\n"
        "Both （反式（E）异构体；Zhang，2014） too.\n"
    )
    report = citecheck.check_text(text + LIST)
    document = report.documents[0]
    found = []
    for c in document.citations:
        loc = document.locate(c.span)
        items = [(i.text, document.locate(i.span).line, document.locate(i.span).column) for i in c.items]
        found.append((c.text, loc.line, loc.column, c.labels, items))
    assert found == [
        ("(the (E)-α isomer; Lee, 2018)", 1, 12, ("Lee 2018",), [("Lee, 2018", 1, 31)]),
        ("Jones, 2019", 2, 33, ("Jones 2019",), [("Jones, 2019", 2, 33)]),
        ("(Brown et al., 2021)", 2, 50, ("Brown 2021",), [("Brown et al., 2021", 2, 51)]),
        ("Lee (2018)", 3, 14, ("Lee 2018",), [("Lee (2018)", 3, 14)]),
        ("Zhang, 2014", 3, 30, ("Zhang 2014",), [("Zhang, 2014", 3, 30)]),
        ("（反式（E）异构体；Zhang，2014）", 4, 6, ("Zhang 2014",), [("Zhang，2014", 4, 16)]),
    ]
    # "Smith (ed.), 2019" is not read (a part with a parenthesis inside): Smith 2019 is uncited.
    assert [(f.code, f.references) for f in report.findings if f.code not in {"CC101", "CC402"}] == []
    assert "Smith 2019" in {r for f in report.findings if f.code == "CC101" for r in f.references}


@pytest.mark.parametrize(
    "prose",
    [
        "In 2020 the rate doubled.",
        "Dates such as 12 March 2020 or 2020-03-12 are not citations.",
        "Patients were counted (n = 2020) twice.",
        "See the results (Table 2, 2019) and (Figure 3, 2018).",
        "The disease began (March 2020) and ended (Spring 2021).",
        "Children (aged 4, 2019) and adults (ages 18-65, 2018).",
        "It cost (US$2020) in total, about (EUR 2019).",
        "Since (2019) we know more; the reform (2018) helped.",
        "Hurricane Katrina (2005) was bad.",
        "A year in parentheses (2019) alone.",
        "The decade (2010-2019) was long, and (1990–2000) too.",
        "Counted (n = 2020 (all)) twice and (Table 2 (left), 2019) and (March (early) 2020).",
        "Bought (Sigma (St. Louis), 2019) and (a storm (category 5) in 2005) and (pH (7.4), 2019).",
    ],
)
def test_not_citations(prose: str) -> None:
    report = citecheck.check_text(prose + "\nA real one (Lee, 2018) (Jones, 2019) (Smith, 2019).\n" + LIST)
    document = report.documents[0]
    assert [c.text for c in document.citations] == ["(Lee, 2018)", "(Jones, 2019)", "(Smith, 2019)"]
    assert [f.code for f in report.findings if f.code in {"CC102", "CC105", "CC107"}] == []


def test_chinese_full_width_and_gbt_author_year() -> None:
    text = (
        "骨转移常见（张三，2020），李四等（2019）也有报道。\n\n参考文献\n"
        "张三, 王五, 2020. 骨转移的研究[J]. 中华医学杂志, 3(2): 1-4.\n"
        "李四, 赵六, 孙七, 2019. 肿瘤骨转移[J]. 中国肿瘤, 5: 2-8.\n"
    )
    report = citecheck.check_text(text)
    document = report.documents[0]
    assert [r.label for r in document.references] == ["张三 2020", "李四 2019"]
    assert [(c.text, c.labels) for c in document.citations] == [
        ("（张三，2020）", ("张三 2020",)),
        ("李四等（2019）", ("李四 2019",)),
    ]
    # GB/T 7714 cites the first author alone ("张三") for two authors: the
    # rule reports the co-authors, as for "(Fikes, 1971)".
    assert [f.code for f in report.findings if f.code != "CC402"] == ["CC105"]


def test_numbered_manuscript_with_an_author_year_looking_list_stays_numbered() -> None:
    text = "Bone [1] and joints [2], as Smith (2019) said [1].\n" + LIST
    document = citecheck.check_text(text).documents[0]
    assert document.style is CitationStyle.BRACKET
    assert [c.text for c in document.citations] == ["[1]", "[2]", "[1]"]


@pytest.mark.parametrize(
    ("written", "labels"),
    [
        # Prose before the names: a citation only if it names an entry exactly.
        ("(mostly in Germany, Bavaria 2019)", None),
        ("(mostly in Lee, 2018)", ("Lee 2018",)),
        ("(mostly in Jnoes, 2019)", None),
        # Prose after the years: likewise.
        ("(see Lee, 2018 for details)", ("Lee 2018",)),
        ("(see Jnoes, 2019 for details)", None),
        # A citation's own brackets inside a parenthesis of prose.
        ("(hs:ctr [Jnoes, 2019])", ("Jones 2019",)),
        # A weak status ("submitted") names only an entry that gives it.
        ("(Manuscript submitted)", None),
        ("(Manuscript, in review)", None),
    ],
)
def test_prose_around_names_cites_only_an_exact_entry(written: str, labels: tuple[str, ...] | None) -> None:
    report = citecheck.check_text(f"Cases occurred {written} in a sentence.\nAlso (Lee, 2018) (Jones, 2019).\n" + LIST)
    document = report.documents[0]
    first = document.citations[0]
    if labels is None:
        assert first.text == "(Lee, 2018)"
    else:
        assert first.labels == labels
        assert document.locate(first.span).line == 1
    assert [f.code for f in report.findings if f.code in {"CC102", "CC105", "CC107"}] == (
        ["CC105"] if written == "(hs:ctr [Jnoes, 2019])" else [])


STATUS_LIST = """
References

Brown, A. (provisionally accepted). A paper on bones. Journal of Bones.

Jones, K. (in press). Healing of bone. Bone Reports.

Smith, J. (submitted). Marrow and stem cells. Stem Cells.

The jamovi project (2021). jamovi (Version 1.6) [Computer software]. https://www.jamovi.org
"""


def test_entries_with_a_status_for_a_year_and_group_authors_in_lower_case() -> None:
    """A list whose first entry has no year but a status ("provisionally
    accepted", Frontiers) is still a list; its citations match; a group
    author's name in lower case ("The jamovi project") is cited exactly."""
    text = ("Bones heal (Brown, provisionally accepted; Jones, in press) and Smith (submitted) agrees.\n"
            "Analysed in jamovi (The jamovi project, 2021).\n")
    report = citecheck.check_text(text + STATUS_LIST)
    document = report.documents[0]
    assert [r.label for r in document.references] == [
        "Brown provisionally accepted", "Jones in press", "Smith submitted", "The jamovi project 2021"]
    assert [(c.text, c.labels) for c in document.citations] == [
        ("(Brown, provisionally accepted; Jones, in press)", ("Brown provisionally accepted", "Jones in press")),
        ("Smith (submitted)", ("Smith submitted",)),
        ("(The jamovi project, 2021)", ("The jamovi project 2021",)),
    ]
    assert report.findings == []


def test_markdown_emphasis_around_names() -> None:
    text = "As *Smtih* (2020a) and **Lee** (2018) showed, and (*Jones*, 2019).\n"
    report = citecheck.check_text(text + LIST, format="markdown")
    document = report.documents[0]
    assert [c.labels for c in document.citations] == [("Smith 2020a",), ("Lee 2018",), ("Jones 2019",)]
    mismatch = [(f.code, f.location.line, f.location.column, f.message) for f in report.findings if f.code == "CC105"]
    assert mismatch == [("CC105", 1, 5, 'citation "Smtih (2020a)" matches reference "Smith 2020a" '
                                        'except the spelling of "Smith"')]
