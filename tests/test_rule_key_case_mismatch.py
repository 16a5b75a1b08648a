"""CC204 key-case-mismatch."""

from __future__ import annotations

from pathlib import Path

from citecheck.api import check_file
from citecheck.model import Severity


def run(tmp_path: Path, tex: str, bib: str) -> list[tuple[str, str, int, int, tuple[str, ...]]]:
    (tmp_path / "main.tex").write_text(tex, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(bib, encoding="utf-8")
    report = check_file(tmp_path / "main.tex", select=["CC204"])
    assert all(f.severity is Severity.WARNING for f in report.findings)
    return [(f.code, Path(f.path).name, f.location.line, f.location.column, f.references)
            for f in report.findings]


def test_citation_key_differs_in_case_from_the_entry(tmp_path: Path) -> None:
    found = run(tmp_path, "See \\cite{Smith2020}.\n\\bibliography{refs}\n",
                "@article{smith2020, title={A}}\n")
    assert found == [("CC204", "main.tex", 1, 11, ("Smith2020", "smith2020"))]


def test_two_entries_differ_only_in_case(tmp_path: Path) -> None:
    found = run(tmp_path, "\\cite{smith2020,Smith2020}\n\\bibliography{refs}\n",
                "@article{smith2020, title={A}}\n\n@article{Smith2020, title={B}}\n")
    assert found == [("CC204", "refs.bib", 3, 1, ("smith2020", "Smith2020"))]


def test_exact_keys_and_repeated_keys_are_not_reported(tmp_path: Path) -> None:
    # A key defined twice with the same case is CC202, not CC204.
    found = run(tmp_path, "\\cite{smith2020} \\cite{smith2020}\n\\bibliography{refs}\n",
                "@article{smith2020, title={A}}\n@article{smith2020, title={B}}\n")
    assert found == []


def test_a_key_absent_in_every_case_is_left_to_cc102(tmp_path: Path) -> None:
    assert run(tmp_path, "\\cite{other}\n\\bibliography{refs}\n", "@article{smith2020, title={A}}\n") == []


def test_numbered_documents_are_not_checked(tmp_path: Path) -> None:
    path = tmp_path / "paper.md"
    path.write_text("Text [1].\n\nReferences\n1. A. Title. 2020.\n", encoding="utf-8")
    assert check_file(path, select=["CC204"]).findings == []


def test_the_entry_a_miscased_key_cites_is_not_also_uncited(tmp_path: Path) -> None:
    """One cause, \\cite{GMPY} of the entry gmpy (sympy-paper): CC204 and CC102, not also
    CC101 'gmpy is never cited'; without CC204 the entry is uncited as far as exact tools go."""
    (tmp_path / "main.tex").write_text("A \\cite{GMPY}.\n\\bibliography{refs}\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@misc{gmpy, title={GMPY}, author={Case, C}, year={2020}}\n"
                                       "@misc{Other, title={Other}, author={Case, C}, year={2021}}\n"
                                       "@misc{other, title={Other two}, author={Dee, D}, year={2022}}\n",
                                       encoding="utf-8")
    codes = [(f.code, f.references) for f in check_file(tmp_path / "main.tex").findings]
    assert ("CC204", ("GMPY", "gmpy")) in codes and ("CC102", ("GMPY",)) in codes
    assert ("CC101", ("gmpy",)) not in codes
    # entries differing in case from each other are still each uncited
    assert ("CC101", ("Other",)) in codes and ("CC101", ("other",)) in codes
    codes = [(f.code, f.references) for f in check_file(tmp_path / "main.tex", ignore=["CC204"]).findings]
    assert ("CC101", ("gmpy",)) in codes
