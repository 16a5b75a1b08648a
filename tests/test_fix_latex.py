"""citecheck fix on LaTeX + BibTeX: duplicate keys merged, the .bib cut, not reformatted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import cli
from tests.fix_support import fix
from tests.paths import CORPUS, needs_shared

MAIN = r"""\documentclass{article}
\begin{document}
\input{intro}
Later work~\citep[p.~3]{doe2018, smith2020dup}. % \cite{smith2020dup} in a comment stays
\bibliography{refs}
\end{document}
"""
INTRO = r"""Bone metastases~\cite{smith2020,smith2020dup} are common \citet{smith2020dup}.
See \cite{Jones2019} and \cite{doe2018}.
"""
BIB = """% my library, formatted by hand
@string{cc = "Cancer Cell"}

@article{smith2020,
  author  = {Smith, Jane and Roe, R.},
  title   = {Bone metastases diminish response to immunotherapy},
  journal = cc,
  year    = 2020,
  doi     = {10.1016/j.ccell.2020.01.001},
}

@Article{ smith2020dup ,
    title={Bone Metastases Diminish Response to Immunotherapy},
    author={J. Smith and R. Roe}, journal={Cancer Cell}, year={2020},
    doi={https://doi.org/10.1016/j.ccell.2020.01.001}}

@book{jones2019,
  author = {Jones, Ann}, title = {A book on bones}, publisher = {Pub}, year = {2019}}
@misc{doe2018, author = {Doe, John}, title = {Notes}, year = {2018}}
"""


def project(tmp_path: Path) -> Path:
    (tmp_path / "main.tex").write_text(MAIN, encoding="utf-8")
    (tmp_path / "intro.tex").write_text(INTRO, encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    return tmp_path / "main.tex"


def test_duplicate_key_is_rewritten_everywhere_and_its_entry_cut(tmp_path: Path) -> None:
    main = project(tmp_path)
    codes = [f.code for f in citecheck.check_file(main).findings]
    assert "CC201" in codes and "CC204" in codes
    result = fix(main)
    assert result.refused is None
    assert dict(result.fixed) == {"CC201": 1, "CC204": 1}
    outputs = {Path(p).name: data.decode("utf-8") for p, data in result.outputs.items()}
    assert outputs["intro.tex"] == INTRO.replace("{smith2020,smith2020dup}", "{smith2020}").replace(
        r"\citet{smith2020dup}", r"\citet{smith2020}").replace("{Jones2019}", "{jones2019}")
    assert outputs["main.tex"] == MAIN.replace("{doe2018, smith2020dup}", "{doe2018, smith2020}")
    start = BIB.index("@Article{ smith2020dup")
    end = BIB.index("@book{jones2019")
    assert outputs["refs.bib"] == BIB[:start] + BIB[end:]  # the entry and the blank line after it; no other byte


def test_fixed_project_checks_clean_and_fixes_to_itself(tmp_path: Path) -> None:
    main = project(tmp_path)
    for path, data in fix(main).outputs.items():
        Path(path).write_bytes(data)
    assert [f.code for f in citecheck.check_file(main).findings if f.code in ("CC201", "CC204", "CC102")] == []
    assert fix(main).outputs == {}


def test_uncited_bib_entries_are_never_removed(tmp_path: Path) -> None:
    main = project(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB + "@misc{unused, title = {Never cited}, year = {2001}}\n", encoding="utf-8")
    outputs = fix(main, unsafe=True).outputs
    assert b"@misc{unused" in outputs[str(tmp_path / "refs.bib")]


def test_two_entries_differing_in_case_are_merged_only_when_the_same_work(tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text("\\cite{Key1} \\cite{key1}\n\\bibliography{refs}\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(
        "@misc{Key1, title={One thing entirely}, author={A, B}, year={2001}}\n"
        "@misc{key1, title={Another thing altogether}, author={C, D}, year={2009}}\n", encoding="utf-8")
    assert "CC204" in [f.code for f in citecheck.check_file(tmp_path / "main.tex").findings]
    assert fix(tmp_path / "main.tex").outputs == {}


def test_cli_default_writes_fixed_copies_beside_each_changed_file(tmp_path: Path) -> None:
    main = project(tmp_path)
    result = CliRunner().invoke(cli, ["fix", str(main)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "intro.fixed.tex", "intro.tex", "main.fixed.tex", "main.tex", "refs.bib", "refs.fixed.bib"]
    assert (tmp_path / "refs.bib").read_text(encoding="utf-8") == BIB
    # main.fixed.tex still reads intro.tex and refs.bib: the command says so
    assert "main.tex still reads the unfixed files); use -o DIR" in result.output


def test_cli_output_folder_receives_the_whole_project(tmp_path: Path) -> None:
    (tmp_path / "src" / "ch").mkdir(parents=True)
    main = tmp_path / "src" / "main.tex"
    main.write_text("\\documentclass{article}\n\\begin{document}\n\\input{ch/intro}\n"
                    "\\bibliography{refs}\n\\end{document}\n", encoding="utf-8")
    (tmp_path / "src" / "ch" / "intro.tex").write_text(INTRO, encoding="utf-8")
    (tmp_path / "src" / "refs.bib").write_text(BIB, encoding="utf-8")
    before = {p: p.read_bytes() for p in (tmp_path / "src").rglob("*") if p.is_file()}
    out = tmp_path / "fixed"
    result = CliRunner().invoke(cli, ["fix", str(main), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "copied 1 unchanged file" in result.output and "note:" not in result.output
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == [
        "ch/intro.tex", "main.tex", "refs.bib"]
    assert (out / "main.tex").read_bytes() == main.read_bytes()  # unchanged, copied
    assert "smith2020dup" not in (out / "ch" / "intro.tex").read_text(encoding="utf-8")
    assert "smith2020dup" not in (out / "refs.bib").read_text(encoding="utf-8")
    assert {p: p.read_bytes() for p in (tmp_path / "src").rglob("*") if p.is_file()} == before
    codes = [f.code for f in citecheck.check_file(out / "main.tex").findings]
    assert "CC201" not in codes and "CC204" not in codes and "CC102" not in codes
    # the project's own folder is refused: that would overwrite the inputs
    result = CliRunner().invoke(cli, ["fix", str(main), "-o", str(tmp_path / "src")])
    assert result.exit_code == 2 and "--in-place" in result.output


@needs_shared
def test_astropy_paper_copy(tmp_path: Path) -> None:
    """The Astropy v2.0 paper cites astroML_conf, the same DOI as astroML."""
    root = shutil.copytree(CORPUS / "latex" / "astropy-v2.0", tmp_path / "astropy")
    original = {p.name: p.read_bytes() for p in root.iterdir()}
    result = fix(root / "main.tex", unsafe=True)  # unsafe or not: uncited .bib entries stay
    assert dict(result.fixed) == {"CC201": 1}
    assert sorted(Path(p).name for p in result.outputs) == ["bibliography.bib", "registry.tex"]
    bib = original["bibliography.bib"].decode("utf-8")
    start = bib.index("@INPROCEEDINGS{astroML_conf")
    end = bib.index("@BOOK{astroML_book")
    assert result.outputs[str(root / "bibliography.bib")].decode("utf-8") == bib[:start] + bib[end:]
    registry = original["registry.tex"].decode("utf-8")
    assert result.outputs[str(root / "registry.tex")].decode("utf-8") == registry.replace(
        r"\citealt{astroML_conf, astroML_book}", r"\citealt{astroML, astroML_book}")
    for path, data in result.outputs.items():
        Path(path).write_bytes(data)
    assert [f for f in citecheck.check_file(root / "main.tex").findings if f.code in ("CC201", "CC102")] == []
    assert fix(root / "main.tex").outputs == {}


@needs_shared
def test_scipy_paper_copy_with_a_duplicate_added(tmp_path: Path) -> None:
    """SciPy 1.0 (183 entries): an entry copied under a new key and cited once
    is merged back; the 5,000-line .bib loses exactly that entry."""
    root = shutil.copytree(CORPUS / "latex" / "scipy-1.0", tmp_path / "scipy")
    bib = (root / "references.bib").read_text(encoding="utf-8")
    start = bib.index("@article{harris2020array") if "@article{harris2020array" in bib else bib.index("@")
    end = bib.index("\n@", start) + 1
    entry = bib[start:end]
    key = entry[entry.index("{") + 1 : entry.index(",")]
    copy = entry.replace(key, key + "_copy", 1)
    (root / "references.bib").write_text(bib + "\n" + copy, encoding="utf-8")
    tex = root / "paper.tex"
    paper = tex.read_text(encoding="utf-8")
    marker = "\\end{document}"
    tex.write_text(paper.replace(marker, f"Also~\\cite{{{key}_copy}}.\n{marker}", 1), encoding="utf-8")
    if "CC201" not in [f.code for f in citecheck.check_file(tex).findings]:
        pytest.skip(f"{key} is not cited by paper.tex itself")
    result = fix(tex)
    assert result.outputs[str(root / "references.bib")].decode("utf-8") == bib + "\n"
    assert result.outputs[str(tex)].decode("utf-8") == paper.replace(marker, f"Also~\\cite{{{key}}}.\n{marker}", 1)


def test_a_fix_that_would_repoint_a_citation_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixed project is read again from a temporary copy before anything is
    written: if a rewritten key pointed to another work than the merge says, the
    file is refused.  (Simulated by a fixer that rewrites one key wrongly.)"""
    from dataclasses import replace

    from citecheck.fix import keyed

    main = project(tmp_path)
    right = keyed.edits

    def wrong(*args: object) -> list:
        edits = right(*args)  # type: ignore[arg-type]
        return [replace(e, replacement="doe2018") if e.replacement == "smith2020" else e for e in edits]

    monkeypatch.setattr(keyed, "edits", wrong)
    result = fix(main)
    assert result.refused is not None and "would point to other works" in result.refused
    assert result.outputs == {}


def test_cli_output_file_when_one_file_of_a_project_changes(tmp_path: Path) -> None:
    """-o FILE stays a file when the fix changes only one file (the .bib is read, not changed)."""
    (tmp_path / "paper.md").write_text("---\nbibliography: refs.bib\n---\n\nText [@Smith2020].\n",
                                       encoding="utf-8")
    (tmp_path / "refs.bib").write_text("@article{smith2020, author={Smith, J}, title={A}, journal={J}, "
                                       "year={2020}}\n", encoding="utf-8")
    out = tmp_path / "out.md"
    result = CliRunner().invoke(cli, ["fix", str(tmp_path / "paper.md"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "[@smith2020]" in out.read_text(encoding="utf-8")


def test_output_folder_of_a_quarto_chapter_takes_the_project_settings(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Quarto chapter gets its bibliography from _quarto.yml: the copy under -o DIR needs
    that file too, or the copied chapter reads no bibliography; and the fixed chapter is read
    again (every citation checked to point to the same works) with it."""
    import subprocess

    import citecheck.fix.run as run

    project = tmp_path / "book"
    (project / "ch").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    (project / "_quarto.yml").write_text("project:\n  type: book\nbibliography: refs.bib\n", encoding="utf-8")
    (project / "refs.bib").write_text(
        "@book{a, author = {Ann Author}, title = {A}, publisher = {P}, year = {2001}}\n"
        "@book{b, author = {Ann Author}, title = {A}, publisher = {P}, year = {2001}}\n", encoding="utf-8")
    (project / "ch" / "intro.qmd").write_text("# Intro\n\nText [@a; @b].\n", encoding="utf-8")
    checked: list[str] = []
    real_check = run.check_same_works
    monkeypatch.setattr(run, "check_same_works", lambda before, *a: checked.append(before.path) or real_check(before, *a))
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["fix", str(project / "ch" / "intro.qmd"), "-o", f"{out}/"])
    assert result.exit_code == 0, result.output
    assert checked == [str(project / "ch" / "intro.qmd")]
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == [
        "_quarto.yml", "ch/intro.qmd", "refs.bib"]
    assert (out / "ch" / "intro.qmd").read_text(encoding="utf-8") == "# Intro\n\nText [@a].\n"
    assert [f.code for f in citecheck.check_file(out / "ch" / "intro.qmd").findings] == []
