"""What the content rules (CC201 duplicate-reference, CC203 related-version,
CC402 incomplete-reference) report on BibTeX entries read by the BibTeX reader."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.api import check_file
from tests.paths import CORPUS, needs_shared

KLB2 = CORPUS / "bib_duplicates/klb2_bibtex-tools"


def found(report, *codes: str) -> list[tuple[str, int, tuple[str, ...]]]:
    return [(f.code, f.location.line, f.references) for f in report.findings if f.code in codes]


@needs_shared
def test_klb2_duplicate_content_matches_its_ground_truth() -> None:
    report = check_file(KLB2 / "duplicate_content.bib")
    pairs = {frozenset(f.references) for f in report.findings if f.code == "CC201"}
    assert pairs == {
        frozenset({"Raghunath2022reinforcement", "Raghunath2022reinforcementduplicate"}),
        frozenset({"Part2", "Part2dupl"}),
    }
    # The conference and journal versions are related, not duplicates; Part I is not Part II.
    assert {frozenset(f.references) for f in report.findings if f.code == "CC203"} == {
        frozenset({"Besser2024reliability:a", "Besser2024reliability:b"})}


@needs_shared
def test_klb2_same_work_under_another_key_is_cc201_besides_the_repeated_keys() -> None:
    report = check_file(KLB2 / "duplicates.bib")
    assert [(c, line) for c, line, _ in found(report, "CC202")] == [("CC202", 8), ("CC202", 15), ("CC202", 29)]
    duplicates = [refs for code, _, refs in found(report, "CC201")]
    assert any("Author2020duplicate" in refs for refs in duplicates)


def test_incomplete_bibtex_entry_names_the_missing_fields(tmp_path: Path) -> None:
    path = tmp_path / "r.bib"
    path.write_text(
        "@article{a, author={Smith, J}, title={T}, journal={J}, year={2020}}\n"
        "@article{b, author={Smith, J}, title={Other}}\n"
        "@phdthesis{c, author={Doe, J}, title={Thesis}, school={MIT}, year={2001}}\n",
        encoding="utf-8",
    )
    report = check_file(path, select=["CC402"])
    assert [(f.location.line, f.message) for f in report.findings] == [
        (2, "entry b (@article) lacks the required fields journal and year (BibTeX data model)")]


@needs_shared
def test_astropy_bibliography_has_one_real_duplicate() -> None:
    report = check_file(CORPUS / "latex/astropy-v2.0/main.tex")
    assert [(Path(f.path).name, f.location.line, f.references) for f in report.findings if f.code == "CC201"] == [
        ("bibliography.bib", 1234, ("astroML", "astroML_conf"))]


@needs_shared
def test_joss_arxiv_and_published_versions_are_reported() -> None:
    # The published title drops "UMLS ... and Relatedness in the Biomedical Domain";
    # the paper cites the arXiv version and paper.bib also holds the journal one.
    report = check_file(CORPUS / "markdown/joss_pubmed_parser/paper.md")
    related = [f for f in report.findings if f.code == "CC203"]
    assert [(f.location.path.rsplit("/", 1)[1], f.location.line, f.references) for f in related] == [
        ("paper.bib", 93, ("abdeddaim2019mesh", "abdeddaim2018mesh")),
    ]
    assert "abdeddaim2018mesh is a preprint" in related[0].message
    assert "abdeddaim2019mesh, which is not cited" in related[0].message
