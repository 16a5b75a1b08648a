"""The author-year rules: every documented Bad example is found, every Good one is clean,
and each rule's cases with exact codes, lines and columns."""

from __future__ import annotations

import re
import textwrap

import pytest

import citecheck
from citecheck.rules import REGISTRY

AUTHOR_YEAR_RULES = ("CC004", "CC105", "CC106", "CC107", "CC303")


def _example(doc: str, which: str) -> str:
    match = re.search(which + r"::\n\n(.*?)(?=\n\S|\Z)", doc, re.S)
    assert match, which
    return textwrap.dedent(match.group(1)).strip() + "\n"


def _found(text: str) -> list[tuple[str, int, int]]:
    report = citecheck.check_text(text)
    return [(f.code, f.location.line, f.location.column) for f in report.findings]


@pytest.mark.parametrize("code", AUTHOR_YEAR_RULES)
def test_documented_bad_example_is_found(code: str) -> None:
    found = _found(_example(REGISTRY[code].doc, "Bad"))
    assert code in [c for c, _, _ in found]


@pytest.mark.parametrize("code", AUTHOR_YEAR_RULES)
def test_documented_good_example_is_clean(code: str) -> None:
    assert _found(_example(REGISTRY[code].doc, "Good")) == []


APA_LIST = """
References
Brown, A., Green, B., & White, C. (2021). Bone cells. Cell, 5, 3-7.
Jones, K. (2019). Bone loss. Bone, 4, 2-8.
Müller, H. (2017). Knochen. Bone, 2, 1-2.
Smith, J. (2020a). Bone pain. Pain, 3, 1-9.
Smith, J. (2020b). Bone repair. Pain, 3, 10-19.
Smith, J., & Jones, K. (2018). Bone and joints. Joint, 1, 1-4.
"""


def test_mismatches_say_what_differs_and_where() -> None:
    text = (
        "Cells (Brown et al., 2021), loss (Jones, 2018) and Knochen (Muller, 2017).\n"
        "Pain (Smith, 2020a, b) and joints (Smith & Brown, 2018); Smtih (2020a).\n" + APA_LIST
    )
    report = citecheck.check_text(text)
    assert [(f.code, f.location.line, f.location.column, f.message) for f in report.findings] == [
        ("CC105", 1, 35, 'citation "Jones, 2018" matches reference "Jones 2019" except the year (2018; the reference has 2019)'),
        ("CC105", 1, 61, 'citation "Muller, 2017" matches reference "Müller 2017" except the spelling of "Müller"'),
        ("CC105", 2, 36, 'citation "Smith & Brown, 2018" matches reference "Smith 2018" '
         "except the co-authors (the reference has Smith and Jones)"),
        ("CC105", 2, 58, 'citation "Smtih (2020a)" matches reference "Smith 2020a" except the spelling of "Smith"'),
    ]
    item = report.documents[0].citations[-1].items[0]
    assert item.match is not None and item.match.differences == ("spelling",)


def test_missing_ambiguous_and_uncited() -> None:
    text = "Pain (Smith, 2020), bone (Nobody et al., 2011).\n" + APA_LIST
    report = citecheck.check_text(text)
    assert [(f.code, f.location.line, f.location.column, f.references) for f in report.findings] == [
        ("CC107", 1, 7, ("Smith 2020a", "Smith 2020b")),
        ("CC102", 1, 27, ("Nobody 2011",)),
        ("CC101", 4, 1, ("Brown 2021",)),
        ("CC101", 5, 1, ("Jones 2019",)),
        ("CC101", 6, 1, ("Müller 2017",)),
        ("CC101", 9, 1, ("Smith 2018",)),
    ]
    ambiguous = report.findings[0].message
    assert ambiguous.startswith('citation "Smith, 2020" matches references "Smith 2020a" and "Smith 2020b" equally')


def test_two_entries_with_one_label_are_numbered_and_ambiguous() -> None:
    text = (
        "Pain (Smith, 2020).\n\nReferences\n"
        "Smith, J. (2020). Bone pain. Pain, 3, 1-9.\n"
        "Smith, J. (2020). Bone loss. Bone, 4, 2-8.\n"
    )
    report = citecheck.check_text(text)
    assert [r.label for r in report.documents[0].references] == ["Smith 2020", "Smith 2020 #2"]
    assert [(f.code, f.references) for f in report.findings] == [("CC107", ("Smith 2020", "Smith 2020 #2"))]


def test_list_order_reports_one_finding_per_stretch() -> None:
    text = (
        "All (Adams, 2001; Baker, 2002; Young, 2003; Zane, 2004; Clark, 2005; Davis, 2006; Evans, 2007).\n"
        "\nReferences\n"
        "Adams, A. (2001). Bone cells in one study. J, 1, 1.\n"
        "Baker, B. (2002). Bone loss in two studies. J, 1, 1.\n"
        "Young, Y. (2003). Three views of bone. J, 1, 1.\n"
        "Zane, Z. (2004). Four bones and joints. J, 1, 1.\n"
        "Clark, C. (2005). Five kinds of pain. J, 1, 1.\n"
        "Davis, D. (2006). Six ways to heal. J, 1, 1.\n"
        "Evans, E. (2007). Seven bones of the hand. J, 1, 1.\n"
    )
    report = citecheck.check_text(text)
    assert [(f.code, f.location.line, f.message) for f in report.findings] == [
        ("CC303", 6, 'reference "Young 2003" is out of alphabetical order: it belongs after reference "Evans 2007"'),
    ]


def test_collation_ignores_case_accents_and_keeps_particles_as_printed() -> None:
    text = (
        "All (Ávila, 2001; de Gaulle, 2002; MacDonald, 2003; McAdam, 2004; O'Neil, 2005; van der Berg, 2006).\n"
        "\nReferences\n"
        "Ávila, A. (2001). Bone cells in one study. J, 1, 1.\n"
        "de Gaulle, C. (2002). Bone loss in two studies. J, 1, 1.\n"
        "MacDonald, M. (2003). Three views of bone. J, 1, 1.\n"
        "McAdam, M. (2004). Four bones and joints. J, 1, 1.\n"
        "O'Neil, O. (2005). Five kinds of pain. J, 1, 1.\n"
        "van der Berg, V. (2006). Six ways to heal. J, 1, 1.\n"
    )
    assert _found(text) == []


def test_no_citations_in_any_style_is_reported() -> None:
    text = "Nothing is cited here.\n" + APA_LIST
    assert _found(text) == [("CC004", 3, 1)]
    numbered = "Nothing cited.\n\nReferences\n1. A. One. J. 2001.\n2. B. Two. J. 2002.\n3. C. Three. J. 2003.\n"
    # A numbered list keeps its CC101 findings as before; CC004 says why.
    assert _found(numbered) == [("CC004", 3, 1), ("CC101", 4, 1), ("CC101", 5, 1), ("CC101", 6, 1)]
    assert _found("Nothing cited.\n\nReferences\n1. A. One. J. 2001.\n2. B. Two. J. 2002.\n") == [
        ("CC101", 4, 1), ("CC101", 5, 1)]


def test_mixed_numbered_and_author_year_is_reported_once() -> None:
    text = (
        "Pain [1] and loss (Jones, 2019), cells [3] and more (Smith, 2020a) and [2].\n" + APA_LIST
    )
    report = citecheck.check_text(text)
    assert [(f.code, f.location.line, f.location.column) for f in report.findings] == [("CC106", 1, 19)]
    assert "by number (3 citations) and by author and year (2 citations)" in report.findings[0].message


def test_forced_style_reads_an_unusual_list_as_author_year() -> None:
    text = "Pain (Smith, 2020).\n\nReferences\nSmith, J. (2020). Bone pain. Pain, 3, 1-9.\n"
    assert citecheck.check_text(text, style="author-year").findings == []
    assert citecheck.check_text(text, style="author-year").documents[0].citations[0].labels == ("Smith 2020",)


def test_particles_after_initials_hyphenated_initials_and_acronym_groups() -> None:
    """Found on real manuscripts (synthetic reproductions): a particle printed
    after the initials (APA "Jong, J. de", Springer "Walden F von") and
    Nature-like hyphenated initials ("Farrants A-K") made the head unread or
    the name "Walden F von" (CC102 errors for "Walden 2019", CC101, CC105);
    a group "COST Action." was read as "Action" with initials "COST" (CC303
    out of order)."""
    springer = (
        "Growth is coordinated (Walden 2019; Walden et al. 2012; Adams and Zhu 2018).\n\n"
        "References\n\n"
        "Adams P, Zhu Q (2018) Muscle growth. J Physiol 1:1-9.\n\n"
        "Walden F von (2019) Ribosome biogenesis in muscle. Physiology 2:3-9.\n\n"
        "Walden F von, Casagrande V, Farrants A-K, Nader GA (2012) Loading induces growth. Am J Physiol 3:4-9.\n"
    )
    assert _found(springer) == []
    apa = (
        "Tasks differ (Armon-Lotem, Jong, & Meir, 2015; COST Action, 2009; Santos et al., 2020).\n\n"
        "References\n\n"
        "Armon-Lotem, S., Jong, J. de, & Meir, N. (2015). Methods for assessing children. Bristol: Multilingual.\n\n"
        "COST Action. (2009). Language impairment in a multilingual society. Brussels: COST.\n\n"
        "Santos, C. dos, Frau, S., & Zebib, R. (2020). Repetition of non-words. Glossa, 3, 1-9.\n"
    )
    assert _found(apa) == []


def test_in_preparation_and_under_review_are_years() -> None:
    text = (
        "Children learn (Casillas & Levinson, in preparation; Scaff et al., under review; Adams, 2017; "
        "Brown, 2019; Lee, 2018).\n\n"
        "References\n\n"
        "Adams, P. (2017). Cartilage and its repair. Joint, 2, 4-6.\n\n"
        "Brown, K. (2019). Bone loss in old age. Bone, 4, 2-8.\n\n"
        "Casillas, M., & Levinson, S. C. (In preparation). Minimal pair discrimination.\n\n"
        "Lee, M. (2018). Bone cells and their stem. Cell, 5, 3-7.\n\n"
        "Scaff, C., Stieglitz, J., & Cristia, A. (under review). Daylong recordings.\n"
    )
    assert [code for code, _, _ in _found(text) if code != "CC402"] == []


def test_a_reference_written_outside_the_list_is_not_a_citation() -> None:
    """A "please cite as" entry in the front matter (two names with their
    initials before the year, or a month and day after it) is not a
    narrative citation (real manuscripts: CC102 error, CC105 warning)."""
    text = (
        "Please cite the version of record as:\n"
        "Pargent, F., Koch, T., & Gaube, S. (2024). A tutorial on sample sizes. AMPPS, 7(4).\n\n"
        "Jon Adams. (2020, January 22). Bone-tools: 1.2 (Version 1.2). Zenodo.\n\n"
        "Pain matters (Smith et al., 2020; Jones, 2019), as Adams (2017) and Lee (2018) saw.\n\n"
        "References\n\n"
        "Adams, P. (2017). Cartilage and its repair. Joint, 2, 4-6.\n\n"
        "Jones, K. (2019). Bone loss in old age. Bone, 4, 2-8.\n\n"
        "Lee, M. (2018). Bone cells and their stem. Cell, 5, 3-7.\n\n"
        "Smith, J., Brown, A., & Green, B. (2020). Bone pain in adults. Pain, 3, 1-9.\n"
    )
    assert _found(text) == []


def test_apa_ellipsis_authors_and_second_author_before_et_al() -> None:
    """APA 7: an entry of 21+ authors lists 19, "…" and the last; two entries
    of one first author and year are cited "Lakens, Adolfi, et al., 2018" and
    "Lakens, Scheel, et al., 2018" (a real manuscript: the "…" entry was
    headless, uncited CC101; read, both citations were CC107 ambiguous)."""
    text = (
        "Justify it (Lakens, Adolfi, et al., 2018), test it (Lakens, Scheel, et al., 2018; Adams, 2017; Lee, 2018).\n\n"
        "References\n\n"
        "Adams, P. (2017). Cartilage and its repair. Joint, 2, 4-6.\n\n"
        "Lakens, D., Adolfi, F. G., Albers, C. J., Crook, Z., … Zwaan, R. A. (2018). Justify your alpha. "
        "Nature Human Behaviour, 2(3), 168-171.\n\n"
        "Lakens, D., Scheel, A. M., & Isager, P. M. (2018). Equivalence testing. AMPPS, 1(2), 259-269.\n\n"
        "Lee, M. (2018). Bone cells and their stem. Cell, 5, 3-7.\n"
    )
    assert _found(text) == []


def test_a_citation_after_the_last_comma_of_a_parenthesis_of_prose() -> None:
    """"(for a tutorial on contrasts, see Schad et al., 2020)" cites Schad et al.
    2020 (two real manuscripts: a false CC101 each); prose whose end only looks
    like a citation ("..., see Bavaria et al., 2019", no such entry; "Lee et al.,
    2017" for Lee 2018) cites nothing: such a tail counts only when it names an
    entry exactly (no new CC102 or CC105)."""
    text = (
        "Contrasts matter (for a tutorial on contrasts in GLMMs, see Schad et al., 2020).\n"
        "Alpha too (but we recommend to justify it on substantive arguments, Adams, 2017).\n"
        "Samples were small (for the data of the survey in GLMMs, see Bavaria et al., 2019).\n"
        "Cells were old (for a tutorial on contrasts in GLMMs, see Lee et al., 2017).\n"
        "Cells matter (Lee, 2018; Jones, 2019).\n\n"
        "References\n\n"
        "Adams, P. (2017). Cartilage and its repair. Joint, 2, 4-6.\n\n"
        "Jones, K. (2019). Bone loss in old age. Bone, 4, 2-8.\n\n"
        "Lee, M. (2018). Bone cells and their stem. Cell, 5, 3-7.\n\n"
        "Schad, D. J., Vasishth, S., & Kliegl, R. (2020). How to capitalize on contrasts. JML, 110, 1-9.\n"
    )
    assert _found(text) == []
