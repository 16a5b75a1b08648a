"""CC201 duplicate-reference: findings on small manuscripts, exact positions."""

from __future__ import annotations

import pytest

from citecheck.api import check_file, check_text
from citecheck.config import RuleSettings
from citecheck.duplicates import find_duplicates
from citecheck.model import Author, Reference, ReferenceFields, ReferenceOrigin, Span
from tests.paths import SEED, needs_shared


def cc201(text: str) -> list:
    return check_text(text, select=["CC201"]).findings


def manuscript(*refs: str) -> str:
    cites = " ".join(f"[{i}]" for i in range(1, len(refs) + 1))
    body = "\n".join(f"{i}. {ref}" for i, ref in enumerate(refs, 1))
    return f"Findings {cites}.\n\nReferences\n{body}\n"


@needs_shared
def test_seed_end_to_end_finds_8_and_10_and_nothing_else() -> None:
    report = check_file(SEED)
    found = [(f.code, f.references) for f in report.findings]
    assert found == [("CC101", ("5",)), ("CC201", ("8", "10"))]
    finding = report.findings[1]
    assert finding.message == (
        "references 8 and 10 are the same work (same title, first author and year); cite reference 8"
    )
    assert (finding.location.line, finding.location.column) == (79, 1)
    related = [(r.location.line, r.location.column, r.message) for r in finding.related]
    assert related == [
        (77, 1, "reference 8: the entry to keep"),
        (79, 1, "reference 10: the same work as reference 8"),
        (41, 22, "cites reference 10; cite reference 8 instead"),
    ]


def test_journal_abbreviated_year_online_first_doi_in_one() -> None:
    text = (
        "Prior work [1] and more [2], also [1, 2].\n\nReferences\n"
        "1. Fu W, O'Connor TD, Jun G. Analysis of 6,515 exomes reveals the recent origin of most human "
        "protein-coding variants. Nature. 2013;493(7431):216-20. doi: 10.1038/nature11690\n"
        "2. Fu, W., O\u2019Connor, T. D. & Jun, G. Analysis of 6515 exomes reveals the recent origin of most "
        "human protein-coding variants. Nat. 493, 216\u2013220 (2012).\n"
    )
    (finding,) = cc201(text)
    assert finding.references == ("1", "2")
    assert (finding.location.line, finding.location.column) == (5, 1)
    assert finding.message == (
        "references 1 and 2 are the same work (same title and first author; years 2012 and 2013; "
        "journal abbreviated differently; DOI given only in reference 1; title case or punctuation differs); "
        "cite reference 1"
    )
    cites = [(r.location.line, r.location.column) for r in finding.related[2:]]
    assert cites == [(1, 25), (1, 35)]


def test_same_doi_different_text_is_reported_as_same_doi() -> None:
    text = manuscript(
        "Abecasis GR, Auton A, Brooks LD, et al. An integrated map of genetic variation from 1,092 human "
        "genomes. Nature. 2012;491(7422):56-65. doi: 10.1038/nature11632",
        "Genomes Project Consortium, Abecasis GR, Auton A, et al. An integrated map of genetic variation "
        "from 1,092 human genomes. Nature. 2012;491(7422):56-65. doi:10.1038/NATURE11632.",
    )
    (finding,) = cc201(text)
    assert finding.message.startswith("references 1 and 2 are the same work (same DOI")


def test_triple_is_one_finding() -> None:
    ref = ("Kawai T, Sato S, Ishii KJ, et al. Interferon-alpha induction through Toll-like receptors involves "
           "a direct interaction of IRF7 with MyD88 and TRAF6. Nat Immunol. 2004;5:1061-8.")
    other = "Smith J. Something else entirely. Cell. 2001;1:1-2."
    findings = cc201(manuscript(ref, other, ref.upper().replace("NAT IMMUNOL", "Nat Immunol"), ref))
    assert [(f.references, f.location.line) for f in findings] == [(("1", "3", "4"), 6)]
    assert findings[0].message.startswith("references 1, 3 and 4 are the same work")


def test_chinese_name_order_and_romanisation() -> None:
    text = manuscript(
        "Zhang Wei, Li Na. Deep learning for protein structure prediction. Bioinformatics. 2020;36(4):1-9.",
        "Wei Zhang, Na Li. Deep Learning for Protein-Structure Prediction. Bioinformatics 36, 1 (2020).",
    )
    (finding,) = cc201(text)
    assert finding.references == ("1", "2")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param(  # different volume
            "Smith J, Lee K. A model of cortical networks. J Neurosci. 2010;30:100-10.",
            "Smith J, Lee K. A model of cortical networks. J Neurosci. 2010;31:100-10.",
            id="volume",
        ),
        pytest.param(  # different pages: two papers in one series
            "Smith J. Copula-based bounds for multi-user communications. IEEE Commun Lett. 2021;25:3-7.",
            "Smith J. Copula-based bounds for multi-user communications. IEEE Commun Lett. 2021;25:8-12.",
            id="pages",
        ),
        pytest.param(
            "Smith J, Lee K. Principles of neural science. 4th ed. New York: McGraw-Hill; 2000.",
            "Smith J, Lee K. Principles of neural science. 5th ed. New York: McGraw-Hill; 2001.",
            id="edition",
        ),
        pytest.param(
            "Cheng JN, Jin Z. Bone metastases diminish extraosseous response. Cancer Cell. 2025;43(6):1093-107.",
            "Cheng JN, Jin Z. Erratum: Bone metastases diminish extraosseous response. Cancer Cell. 2025;43(8):1600.",
            id="erratum",
        ),
        pytest.param(
            "Cheng JN, Jin Z. Bone metastases diminish extraosseous response. Cancer Cell. 2025;43:1093-107.",
            "Cheng JN, Jin Z. Reply to: Bone metastases diminish extraosseous response. Cancer Cell. 2025.",
            id="reply",
        ),
        pytest.param(
            "Paglione TAD, Marscher AP, Jackson JM, Bertsch DL. Diffuse gamma-ray emission from the starburst "
            "galaxy NGC 253. Astrophys J. 1996;460:295.",
            "Bertsch DL, Dame TM, Fichtel CE, et al. Diffuse gamma-ray emission from the starburst galaxy "
            "NGC 253. Astrophys J. 1995;460:295.",
            id="same-title-different-authors",
        ),
        pytest.param(
            "Nelson RJ. Impact ionization of excitons in an electric field in GaN. Phys Rev B. 1999.",
            "Nelson RJ. Impact ionization of excitons in an electric field in GaN. Phys Rev B. 2001.",
            id="years-two-apart",
        ),
        pytest.param(
            "Author F, Author S. Copula-Based Bounds for Multi-User Communications - Part I: Average "
            "Performance. IEEE Commun Lett. 2021.",
            "Author F, Author S. Copula-Based Bounds for Multi-User Communications - Part II: Average "
            "Performance. IEEE Commun Lett. 2021.",
            id="part-numbers",
        ),
    ],
)
def test_look_alikes_are_not_duplicates(a: str, b: str) -> None:
    assert cc201(manuscript(a, b)) == []


def test_book_chapters_sharing_the_book_doi_are_not_duplicates() -> None:
    text = manuscript(
        "Begum N. Fabrication of nanowires. In: Lupu N, editor. Nanowires Science and Technology. "
        "InTech; 2010. p. 1-20. doi:10.5772/3457",
        "Zardo I. Raman spectroscopy of semiconductor nanowires. In: Lupu N, editor. Nanowires Science "
        "and Technology. InTech; 2010. p. 227-256. doi:10.5772/3457",
    )
    assert cc201(text) == []


def test_conference_and_journal_version_are_not_duplicates() -> None:
    text = manuscript(
        "Besser KL, Schaefer RF, Poor HV. Reliability and latency of wireless communication systems with a "
        "secret-key budget. In: 2024 IEEE International Conference on Communications (ICC). IEEE; 2024.",
        "Besser KL, Schaefer RF, Poor HV. Reliability and latency analysis for wireless communication systems "
        "with a secret-key budget. IEEE Trans Commun. 2024;72(2):1033-44.",
    )
    assert cc201(text) == []


def test_works_on_references_from_any_reader() -> None:
    """Database entries with fields set by a reader, no reference text needed."""
    def entry(key: str, **kw: object) -> Reference:
        fields = ReferenceFields(authors=(Author("Raghunath", "R."),), **kw)  # type: ignore[arg-type]
        return Reference(key, Span(0, 0), "", origin=ReferenceOrigin.DATABASE, fields=fields, entry_type="inproceedings")

    refs = [
        entry("a", title="Reinforcement learning-based global programming", year=2022, doi="10.1109/icc45855.2022.9838408"),
        entry("b", title="Reinforcement Learning-Based Global Programming", year=2022, doi="10.1109/icc45855.2022.9838408"),
        entry("c", title="Something different", year=2022),
    ]
    (group,) = find_duplicates(refs)
    assert group.members == (0, 1)
    assert group.evidence == ("same DOI",)


def test_option_title_similarity_is_honoured() -> None:
    text = manuscript(
        "Smith J. Networks of cortical neurons in culture. J Neurosci. 2010.",
        "Smith J. Networks of cortical neurones in cultures. J Neurosci. 2010.",
    )
    assert len(cc201(text)) == 1
    strict = check_text(text, select=["CC201"], rules={"CC201": RuleSettings(options={"title_similarity": 99})}).findings
    assert strict == []


def _database_doc(cited: list[str], nocite_all: bool = False):
    from citecheck.model import Citation, CitationStyle, CiteItem, Document, Source

    text = "x\n" * 10
    title = "Reinforcement learning-based global programming for energy efficiency"
    fields = ReferenceFields(authors=(Author("Raghunath", "R."),), title=title, year=2022, container="Proc. ICC")
    refs = [
        Reference(key, Span(2 * i, 2 * i + 1), "", origin=ReferenceOrigin.DATABASE, fields=fields,
                  entry_type="inproceedings")
        for i, key in enumerate(["ragh2022", "ragh2022dup", "ragh2022b"])
    ]
    keys = cited + (["*"] if nocite_all else [])
    citations = [
        Citation(Span(0, 1), f"\\cite{{{k}}}", (CiteItem(k, Span(0, 1), key=k),), CitationStyle.KEY,
                 command="nocite" if k == "*" else "cite")
        for k in keys
    ]
    return Document("paper.tex", "latex", [Source("paper.tex", text)], citations=citations, references=refs)


@pytest.mark.parametrize(
    ("cited", "nocite_all", "expected"),
    [
        (["ragh2022"], False, []),  # one entry of the group cited: the printed list has no duplicate
        (["ragh2022", "ragh2022b"], False, [("ragh2022", "ragh2022b")]),
        ([], False, [("ragh2022", "ragh2022dup", "ragh2022b")]),  # the .bib checked on its own
        (["ragh2022"], True, [("ragh2022", "ragh2022dup", "ragh2022b")]),  # \nocite{*}
    ],
)
def test_database_entries_count_only_when_cited(cited: list[str], nocite_all: bool, expected: list) -> None:
    from citecheck.api import check_document
    from citecheck.config import Config

    report = check_document(_database_doc(cited, nocite_all), Config.from_options(select=["CC201"]))
    assert [f.references for f in report.findings] == expected


def test_authors_in_a_different_order() -> None:
    title = "Bone metastases diminish extraosseous response to checkpoint blockade immunotherapy"
    text = manuscript(
        f"Cheng JN, Jin Z, Su C, Jiang T. {title}. Cancer Cell. 2025;43(6):1093-107.",
        f"Jin Z, Cheng JN, Su C, et al. {title}. Cancer Cell. 2025;43(6):1093-107.",
    )
    (finding,) = cc201(text)
    assert finding.message == (
        "references 1 and 2 are the same work (same title, authors and year; authors listed in a "
        "different order); cite reference 1"
    )


def test_same_title_year_but_other_people_is_not_a_duplicate() -> None:
    title = "Bone metastases diminish extraosseous response to checkpoint blockade immunotherapy"
    text = manuscript(
        f"Cheng JN, Jin Z, Su C, Jiang T. {title}. Cancer Cell. 2025;43(6):1093-107.",
        f"Jin Z, Wang L, Zhou Q. {title}. Cancer Cell. 2025;43(6):1093-107.",
    )
    assert cc201(text) == []


def test_same_doi_outweighs_entry_type_but_arxiv_id_marks_versions() -> None:
    def entry(key: str, kind: str, **kw: object) -> Reference:
        fields = ReferenceFields(authors=(Author("Vaswani", "A."),), title="Attention is all you need",
                                 year=2017, type=kind, **kw)  # type: ignore[arg-type]
        return Reference(key, Span(0, 0), "", fields=fields)

    same_doi = [entry("a", "conference", doi="10.5555/3295222.3295349"), entry("b", "article", doi="10.5555/3295222.3295349")]
    assert [g.members for g in find_duplicates(same_doi)] == [(0, 1)]
    same_arxiv = [entry("a", "preprint", arxiv="1706.03762"), entry("b", "article", arxiv="1706.03762", volume="30")]
    assert find_duplicates(same_arxiv) == []


def test_surname_romanised_two_ways() -> None:
    text = manuscript(
        "Zhang XM, Li N. Deep learning for protein structure prediction. Bioinformatics. 2020;36(4):1-9.",
        "Chang HM, Lee N. Deep learning for protein structure prediction. Bioinformatics. 2020;36(4):1-9.",
    )
    (finding,) = cc201(text)
    assert finding.references == ("1", "2")


def test_same_surname_other_initial_is_another_person_unless_volume_and_pages_agree() -> None:
    text = manuscript(
        "Karlsson TP. Analysis of cortical networks in culture. J Neurosci. 2021.",
        "Karlsson JP. Analysis of cortical networks in culture. J Neurosci. 2021.",
    )
    assert cc201(text) == []
    text = manuscript(  # a mistyped initial: the same article
        "Karlsson TP. Analysis of cortical networks in culture. J Neurosci. 2021;117:7707-21.",
        "Karlsson JP. Analysis of cortical networks in culture. J Neurosci. 2021;117:7707-21.",
    )
    assert [f.references for f in cc201(text)] == [("1", "2")]
