"""The duplicate detector on real reference lists from the shared corpus.

Labels come from ../shared/corpus/*/GROUND_TRUTH.json ("verified" items).
JATS files are read through each <ref>'s text and .bib files through printed
reference strings (tests/corpus_refs.py) until the JATS and BibTeX readers
exist.
"""

from __future__ import annotations

import json

import pytest

from citecheck.api import check_file
from citecheck.duplicates import find_duplicates, find_related_versions
from citecheck.refparse import parse_reference
from tests.corpus_refs import bib_references, jats_references
from tests.paths import CORPUS, SEED, needs_shared

pytestmark = needs_shared

PLOS = CORPUS / "jats" / "plos"
KLB2 = CORPUS / "bib_duplicates" / "klb2_bibtex-tools"
TIDY = CORPUS / "bib_duplicates" / "bibtex-tidy_user_libraries"


def groups(refs) -> list[list[str]]:
    return [[refs[i].label for i in g.members] for g in find_duplicates(refs)]


def related(refs) -> list[list[str]]:
    return [[refs[i].label for i in r.members] for r in find_related_versions(refs)]


def _verified_plos() -> dict[str, list[list[str]]]:
    truth_file = CORPUS / "jats" / "GROUND_TRUTH.json"
    if not truth_file.exists():  # no ../shared: every test here skips (pytestmark)
        return {}
    truth = json.loads(truth_file.read_text(encoding="utf-8"))["verified"]
    out = {}
    for name, item in truth.items():
        if name.startswith("journal.") and (PLOS / name).exists():
            pairs = item.get("duplicate_references", [])
            # "ref021 (label 21)" / "Kawai2 (31)" -> "21" / "31"
            out[name] = [[m.split("(")[1].split(")")[0].replace("label ", "") for m in p[:2]] for p in pairs]
    return out


VERIFIED = _verified_plos()


def test_ground_truth_is_read() -> None:
    assert VERIFIED["journal.pone.0160653.xml"] == [["24", "52"], ["53", "74"]]
    assert VERIFIED["journal.pcbi.1004152.xml"] == []


@pytest.mark.parametrize("name", sorted(VERIFIED))
def test_plos_verified_duplicates_are_found(name: str) -> None:
    found = groups(jats_references(PLOS / name))
    for pair in VERIFIED[name]:
        assert pair in found
    extra = [g for g in found if g not in VERIFIED[name]]
    if name == "journal.pcbi.1004141.xml":
        # Read by eye: refs 14 and 44 are both Park & Pillow (2011), "Bayesian
        # spike-triggered covariance analysis", NIPS 24, pp. 1692-1700, the
        # second in title case.  The ground-truth scan missed this pair.
        assert extra == [["14", "44"]]
    else:
        assert extra == []


def test_plos_clean_control_has_no_duplicate_or_related_version() -> None:
    refs = jats_references(PLOS / "journal.pcbi.1004152.xml")
    assert len(refs) == 63
    assert groups(refs) == []
    assert related(refs) == []


def test_plos_messages_say_what_matched() -> None:
    refs = jats_references(PLOS / "journal.pone.0160653.xml")
    evidence = {tuple(refs[i].label for i in g.members): g.evidence for g in find_duplicates(refs)}
    assert evidence[("24", "52")][0] == "same DOI"
    assert evidence[("53", "74")][0] == "same DOI"


def test_klb2_seven_distinct_works_of_nine() -> None:
    refs = bib_references(KLB2 / "duplicate_content.bib")
    assert len(refs) == 9
    found = groups(refs)
    assert found == [
        ["Raghunath2022reinforcement", "Raghunath2022reinforcementduplicate"],
        ["Part2", "Part2dupl"],
    ]
    assert len(refs) - sum(len(g) - 1 for g in found) == 7
    # The conference and journal versions are related, not duplicates.
    assert related(refs) == [["Besser2024reliability:a", "Besser2024reliability:b"]]


def test_klb2_evidence() -> None:
    refs = bib_references(KLB2 / "duplicate_content.bib")
    first, second = find_duplicates(refs)
    assert first.evidence == ("same DOI",)
    assert second.evidence == ("same title, first author and year",)


def _labels_in_groups(path_name: str) -> set[frozenset[str]]:
    refs = bib_references(TIDY / path_name)
    found = set()
    for g in groups(refs):
        for a in g:
            for b in g:
                if a < b:
                    found.add(frozenset((a, b)))
    return found


@pytest.fixture(scope="module")
def unabbreviate() -> tuple[set[frozenset[str]], int]:
    refs = bib_references(TIDY / "Unabbreviate_on_import_1436-3.bib")
    refs = [r.__class__(r.label, r.span, r.text, r.number, fields=parse_reference(r.text)) for r in refs]
    found = find_duplicates(refs)
    pairs = {frozenset((refs[a].label, refs[b].label)) for g in found for a in g.members for b in g.members if a < b}
    return pairs, len(refs)


def test_tidy_book_chapters_sharing_a_doi_are_not_duplicates(unabbreviate) -> None:
    pairs, _ = unabbreviate
    for a, b in [("begum_2010", "conesa-boj_2010"), ("begum_2010", "zardo_2010"),
                 ("conesa-boj_2010", "zardo_2010"), ("reed_2009", "schwarzer_2009")]:
        assert frozenset((a, b)) not in pairs


def test_tidy_same_title_different_years_or_authors_are_not_duplicates(unabbreviate) -> None:
    pairs, _ = unabbreviate
    assert frozenset(("nelson_1999", "nelson_2001")) not in pairs
    assert frozenset(("pauzauskie_2006a", "yan_2009")) not in pairs


def test_tidy_same_title_probable_duplicates(unabbreviate) -> None:
    pairs, _ = unabbreviate
    assert frozenset(("grinblat_2014", "grinblat_2014a")) in pairs
    assert frozenset(("olesinski_1985", "olesinski_1985a")) in pairs


def test_tidy_large_library_is_read_whole(unabbreviate) -> None:
    # Its detection time is printed by bench/duplicates.py; tests do not assert seconds.
    _, n = unabbreviate
    assert n == 7166


def test_tidy_paglione_same_title_different_papers() -> None:
    pairs = _labels_in_groups("PaglioneBibTeX.bib")
    assert frozenset(("paglione1996diffuse", "bertsch1995diffuse")) not in pairs


def test_tidy_873_true_duplicates_and_versions() -> None:
    refs = bib_references(TIDY / "Some_bibtex_entries_quietly_discarded_on_import_from_bib_file_873.bib")
    found = groups(refs)
    assert ["Kowalski:75", "Kowalski:1975"] in found
    versions = related(refs)
    assert ["blum95fast", "blum97"] in versions  # Graphplan: IJCAI 1995 and AIJ 1997
    # Tech report and journal versions of Ginsberg & Smith are never duplicates.
    flat = {label for g in found for label in g}
    assert not flat & {"Ginsberg-Smith-87-FPW-1", "Ginsberg-Smith-88-AIJ-1", "Kabanza:97TR", "Kabanza:AIJ"}


def test_seed_file_end_to_end() -> None:
    report = check_file(SEED)
    assert [(f.code, f.references) for f in report.findings] == [("CC101", ("5",)), ("CC201", ("8", "10"))]


def _pairs_found(path, code: str) -> set[frozenset[str]]:
    report = check_file(path, select=[code])
    return {frozenset(p) for f in report.findings for p in _label_pairs(f.references)}


def _label_pairs(labels: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(labels) for b in labels[i + 1:]]


def test_tidy_paglione_export_mangled_names_and_appended_notes() -> None:
    # An export lost "čić" of Smolčić ("Smoli") and ran an acknowledgement into
    # the title ("... COSMOS FIELDBased on observations with the NRAO ..."):
    # the same year, volume and page, and the same co-authors.  ApJS 135, 183
    # is listed once as "A Mapping Survey of the 13CO and 12CO Emission in
    # Galaxies" and once as "Mapping 13CO and 12CO in Galaxies".
    # The erratum is listed three times, once with its title run on: 'ERRATUM:"
    # COSMIC EVOLUTION ... FIELD"(2009, ApJ, 696, 24)'.
    pairs = _pairs_found(TIDY / "PaglioneBibTeX.bib", "CC201")
    assert pairs == {frozenset(pair) for pair in [
        ("smolvcic2009cosmic", "smoli2009cosmic"), ("smolvcic2009dust", "smoli2009dust"),
        ("paglione2001mapping2", "paglione2001mapping1"), ("smolcic2010erratum", "smolvcic2010erratum"),
        ("smolcic2010erratum", "smoli2010erratum"), ("smolvcic2010erratum", "smoli2010erratum"),
    ]}
    # Not: the same title by other people; two meeting abstracts of one
    # group printed on one page of the BAAS (liu2005local, tribiano2005evolution).


def test_tidy_versions_found_through_the_bibtex_reader() -> None:
    # A journal article and its arXiv preprint whose title writes
    # Al$_x$In$_{1-x}$As in LaTeX math; a technical report and the book it became.
    assert frozenset(("haapamaki_2012", "haapamaki_2012b")) in _pairs_found(
        TIDY / "Unabbreviate_on_import_1436-3.bib", "CC203")
    versions = _pairs_found(TIDY / "Some_bibtex_entries_quietly_discarded_on_import_from_bib_file_873.bib", "CC203")
    assert {frozenset(("Hayes:Manifesto", "Hayes:1980")), frozenset(("Hirst:79", "Hirst:81"))} <= versions


def test_tidy_same_title_in_two_journals_is_not_one_work() -> None:
    # Lu_2005 (Thin Solid Films 480-481:482) and Lu_2005_B (Mater Sci Eng B
    # 118:179): one title published twice, two DOIs -- two records, not one
    # listed twice.
    pairs = _pairs_found(TIDY / "Maintain_the_JabRef_group_and_subgroup_structure_when_importing_a_BibTeX_db_97.bib",
                         "CC201")
    assert frozenset(("Lu_2005", "Lu_2005_B")) not in pairs
