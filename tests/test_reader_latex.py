"""The LaTeX reader: multi-file projects, citations, bibliographies, and real papers."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from citecheck.api import check_file, parse_file
from citecheck.model import Document, ReferenceOrigin, Severity
from tests.paths import CORPUS, needs_shared


#: The rules these tests are about: reading, resolving and keys.  Content
#: rules (incomplete or duplicate works) have their own tests.
READER_RULES = ["CC0", "CC1", "CC202", "CC204"]


def check(path, **options):
    return check_file(path, select=READER_RULES, **options)


def check_string(text: str, **options):
    return check_text(text, select=READER_RULES, **options)


BIB = """@article{smith2020,
  author = {Smith, Jane},
  title = {A study},
  journal = {Journal},
  year = {2020},
}

@book{jones2019,
  author = {Jones, K.},
  title = {A book},
  publisher = {Press},
  year = {2019},
}
"""


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def findings(report, code: str | None = None) -> list[tuple[str, str, int, int]]:
    return [
        (f.code, Path(f.path).name, f.location.line, f.location.column)
        for f in report.findings
        if code is None or f.code == code
    ]


def located_keys(document: Document) -> list[tuple[str, str, int, int]]:
    out = []
    for citation in document.citations:
        for item in citation.items:
            loc = document.locate(item.span)
            out.append((item.key, Path(loc.path).name, loc.line, loc.column))
    return out


# -- a small project ----------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    write(tmp_path, {
        "main.tex": (
            "\\documentclass{article}\n"                      # 1
            "\\begin{document}\n"                             # 2
            "Intro \\cite{smith2020}. % \\cite{commented}\n"  # 3
            "\\input{sections/methods}\n"                     # 4
            "\\include{results}\n"                            # 5
            "\\input{missing/part}\n"                         # 6
            "\\bibliography{refs}\n"                          # 7
            "\\end{document}\n"
        ),
        "sections/methods.tex": "Methods \\citep[p.~5]{jones2019}.\n\\subfile{sections/deeper.tex}\n",
        "sections/deeper.tex": "\n\\begin{comment}\n\\cite{nothere}\n\\end{comment}\nDeep \\cite{absent}.\n",
        "results.tex": "Results \\citet{smith2020, jones2019}.\n",
        "refs.bib": BIB,
    })
    return tmp_path / "main.tex"


def test_every_included_file_is_read_and_citations_keep_their_file_and_line(project: Path) -> None:
    document = parse_file(project)
    assert document.format == "latex"
    assert [Path(s.path).name for s in document.sources] == [
        "main.tex", "methods.tex", "deeper.tex", "results.tex", "refs.bib"]
    assert located_keys(document) == [
        ("smith2020", "main.tex", 3, 13),
        ("jones2019", "methods.tex", 1, 22),
        ("absent", "deeper.tex", 5, 12),
        ("smith2020", "results.tex", 1, 16),
        ("jones2019", "results.tex", 1, 27),
    ]
    assert [c.command for c in document.citations] == ["cite", "citep", "cite", "citet"]
    assert {r.label for r in document.references} == {"smith2020", "jones2019"}
    assert all(r.origin is ReferenceOrigin.DATABASE for r in document.references)


def test_missing_include_is_cc003_and_the_check_goes_on(project: Path) -> None:
    report = check(project)
    assert findings(report, "CC003") == [("CC003", "main.tex", 6, 1)]
    cc003 = report.findings[[f.code for f in report.findings].index("CC003")]
    assert cc003.severity is Severity.WARNING
    assert "missing/part.tex" in cc003.message
    # The rest was checked: the absent key is a CC102 in the file that cites it.
    assert findings(report, "CC102") == [("CC102", "deeper.tex", 5, 6)]


def test_a_missing_include_that_gitignore_names_is_a_build_product(tmp_path: Path) -> None:
    """ethereum/yellowpaper: \\input{Version} of a file build.sh writes and .gitignore
    names; reporting it missing was a false alarm.  Another missing file still is one."""
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path, {".gitignore": "Version.tex\nbuild/\n",
                     "main.tex": "\\input{Version}\n\\input{build/opts}\n\\input{missing}\nText \\cite{a}.\n"
                                 "\\bibliography{refs}\n",
                     "refs.bib": "@misc{a, title={A}, author={B, C}, year={2020}}\n"})
    assert findings(check(tmp_path / "main.tex")) == [("CC003", "main.tex", 3, 1)]


def test_missing_bibliography_is_cc003_and_cc002(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": "Text \\cite{a}.\n\\bibliography{nothere}\n"})
    report = check(tmp_path / "main.tex")
    assert findings(report) == [("CC002", "main.tex", 1, 6), ("CC003", "main.tex", 2, 1)]


def test_bib_option_and_cite_command(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": "See \\mycite{smith2020} and \\cite{jones2019}.\n", "lib/refs.bib": BIB})
    plain = check(tmp_path / "main.tex")
    assert findings(plain) == [("CC002", "main.tex", 1, 28)]
    report = check(tmp_path / "main.tex", bib_files=(str(tmp_path / "lib/refs.bib"),),
                        cite_commands=("mycite",))
    assert findings(report) == []


def test_bibliography_named_after_the_job(tmp_path: Path) -> None:
    write(tmp_path, {"paper.tex": "\\cite{smith2020,jones2019}\n\\bibliography{\\jobname}\n", "paper.bib": BIB})
    assert findings(check(tmp_path / "paper.tex")) == []


def test_nocite_star_cites_everything(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": "\\nocite{*}\n\\bibliography{refs}\n", "refs.bib": BIB})
    assert findings(check(tmp_path / "main.tex")) == []


def test_uncited_database_entry_is_info(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": "\\cite{smith2020}\n\\bibliography{refs}\n", "refs.bib": BIB})
    report = check(tmp_path / "main.tex")
    assert [(f.code, f.severity, f.references) for f in report.findings] == [
        ("CC101", Severity.INFO, ("jones2019",))]
    assert findings(report) == [("CC101", "refs.bib", 8, 1)]


def test_thebibliography_entries_are_bibitems_and_uncited_ones_warn(tmp_path: Path) -> None:
    write(tmp_path, {"paper.tex": (
        "As shown \\cite{knuth}.\n"
        "\\begin{thebibliography}{9}\n"
        "\\bibitem{knuth} D. Knuth. \\newblock The \\TeX book. 1984.\n"
        "\\bibitem[Lamport(1994)]{lamport} L. Lamport. \\emph{\\LaTeX}. 1994.\n"
        "\\bibitem{knuth} Again.\n"
        "\\end{thebibliography}\n"
    )})
    document = parse_file(tmp_path / "paper.tex")
    assert [(r.label, r.origin) for r in document.references] == [
        ("knuth", ReferenceOrigin.BIBITEM), ("lamport", ReferenceOrigin.BIBITEM),
        ("knuth", ReferenceOrigin.BIBITEM)]
    assert document.references[0].text == "D. Knuth. The TeXbook. 1984."
    report = check(tmp_path / "paper.tex")
    assert [(f.code, f.severity.value, f.location.line) for f in report.findings
            if f.code in ("CC101", "CC202")] == [
        ("CC101", "warning", 4), ("CC202", "error", 5)]


def test_bbl_beside_the_main_file_is_read_when_there_is_no_bib(tmp_path: Path) -> None:
    write(tmp_path, {
        "paper.tex": "See \\cite{a,b}.\n\\bibliography{paper}\n",
        "paper.bbl": "\\begin{thebibliography}{1}\n\\bibitem{a} A. Author. Title. 2020.\n"
                     "\\bibitem{c} C. Author. Other. 2021.\n\\end{thebibliography}\n",
    })
    report = check(tmp_path / "paper.tex")
    assert findings(report) == [
        ("CC101", "paper.bbl", 3, 1), ("CC102", "paper.tex", 1, 5), ("CC003", "paper.tex", 2, 1)]
    assert [f.severity.value for f in report.findings] == ["warning", "error", "warning"]


BIBER_BBL = r"""\refsection{0}
  \datalist[entry]{nyt/global//global/global}
    \entry{knuth84}{book}{}
      \name{author}{2}{}{%
        {{hash=1}{%
           family={Knuth},
           familyi={K\bibinitperiod},
           given={Donald\bibnamedelima E.},
           giveni={D\bibinitperiod\bibinitdelim E\bibinitperiod}}}%
        {{hash=2}{%
           family={M{\"u}ller},
           given={Anna}}}%
      }
      \list{publisher}{1}{%
        {Addison-Wesley}%
      }
      \field{labelyear}{1984}
      \field{title}{The {\TeX}book}
      \field{year}{1984}
      \verb{doi}
      \verb 10.1000/TEXBOOK
      \endverb
    \endentry
    \entry{unused}{article}{}
      \field{title}{Unused}
      \field{journaltitle}{Journal}
      \field{year}{2001}
    \endentry
  \enddatalist
\endrefsection
"""


def test_biblatex_bbl_entries_with_their_fields(tmp_path: Path) -> None:
    write(tmp_path, {"p.tex": "\\textcite{knuth84}\n", "p.bbl": BIBER_BBL})
    document = parse_file(tmp_path / "p.tex")
    assert [(r.label, r.entry_type, r.origin) for r in document.references] == [
        ("knuth84", "book", ReferenceOrigin.BIBITEM), ("unused", "article", ReferenceOrigin.BIBITEM)]
    fields = document.references[0].fields
    assert [(a.family, a.given) for a in fields.authors] == [("Knuth", "Donald E."), ("Müller", "Anna")]
    assert (fields.title, fields.year, fields.publisher, fields.doi) == (
        "The TeXbook", 1984, "Addison-Wesley", "10.1000/texbook")
    assert document.references[1].fields.container == "Journal"
    report = check_file(tmp_path / "p.tex")
    assert [(f.code, f.severity.value, f.references) for f in report.findings] == [
        ("CC101", "warning", ("unused",))]


def test_include_cycle_is_read_once(tmp_path: Path) -> None:
    write(tmp_path, {"a.tex": "\\input{b}\\cite{x}", "b.tex": "\\input{a}\\cite{y}"})
    document = parse_file(tmp_path / "a.tex")
    assert [Path(s.path).name for s in document.sources] == ["a.tex", "b.tex"]
    assert [c.labels for c in document.citations] == [("y",), ("x",)]


def test_unreadable_include_is_cc001_at_the_command(tmp_path: Path) -> None:
    write(tmp_path, {"a.tex": "x\n\\input{b}\n\\cite{k}\n"})
    (tmp_path / "b.tex").write_bytes(b"%PDF-1.4 binary")
    report = check(tmp_path / "a.tex")
    assert ("CC001", "a.tex", 2, 1) in findings(report)


def test_bib_parse_error_in_a_project_points_into_the_bib(tmp_path: Path) -> None:
    write(tmp_path, {
        "a.tex": "\\cite{ok1,ok2}\\bibliography{r}\n",
        "r.bib": "@article{ok1, title={A}, year={2020}}\n@article{bad, title={unclosed, year=2020\n"
                 "@article{ok2, title={B}, year={2021}}\n",
    })
    report = check(tmp_path / "a.tex")
    assert findings(report, "CC001") == [("CC001", "r.bib", 2, 1)]
    assert findings(report, "CC102") == []


# -- real papers (../shared/corpus, read in place) ------------------------------

GROUND_TRUTH = json.loads((CORPUS / "latex" / "GROUND_TRUTH.json").read_text()) if CORPUS.exists() else {}


def _truth(name: str) -> dict:
    return next(s for s in GROUND_TRUTH["scan"] if s["dir"] == f"latex/{name}")


@needs_shared
def test_scipy_paper_follows_every_input_and_matches_the_ground_truth() -> None:
    truth = _truth("scipy-1.0")
    document = parse_file(CORPUS / "latex/scipy-1.0/paper.tex")
    read = {Path(p).name for p in document.metadata["tex_files"]}
    assert read == set(truth["tex"])
    assert [Path(p).name for p in document.metadata["bib_files"]] == truth["bib"]
    assert len(document.references) == truth["n_bib_entries"]
    # The ground truth counts \cite-family commands and its one false key "#1"
    # (from \newcommand{\inlinecite}[1]{...\citen{#1}}).  citecheck skips that
    # macro parameter and, in addition, reads \inlinecite itself as a citation.
    commands = Counter(c.command for c in document.citations)
    assert commands == {"cite": 126, "inlinecite": 13}
    family = [k for c in document.citations if c.command != "inlinecite" for k in c.labels]
    assert truth["cited_not_in_bib"] == ["#1"]
    assert len(family) == truth["n_cite_keys_total"] - 1
    assert len(set(family)) == truth["n_distinct_cited"] - 1


@needs_shared
def test_scipy_paper_has_no_false_missing_reference() -> None:
    report = check(CORPUS / "latex/scipy-1.0/paper.tex")
    codes = Counter(f.code for f in report.findings)
    assert codes == {"CC101": 36}  # 183 entries, 147 distinct keys cited (with \inlinecite)
    assert {f.severity for f in report.findings} == {Severity.INFO}


@needs_shared
def test_astropy_paper_matches_the_ground_truth() -> None:
    truth = _truth("astropy-v2.0")
    document = parse_file(CORPUS / "latex/astropy-v2.0/main.tex")
    assert {Path(p).name for p in document.metadata["tex_files"]} == {"main.tex", "author.tex", "registry.tex"}
    keys = [k for c in document.citations for k in c.labels]
    assert len(keys) == truth["n_cite_keys_total"]
    assert len(set(keys)) == truth["n_distinct_cited"]
    assert len(document.references) == truth["n_bib_entries"]
    report = check(CORPUS / "latex/astropy-v2.0/main.tex")
    assert Counter(f.code for f in report.findings) == {"CC101": truth["bib_not_cited"]}


@needs_shared
def test_thuthesis_chapters_resolve_all_34_keys() -> None:
    folder = CORPUS / "chinese/thuthesis"
    chapters = sorted(folder.glob("chap*.tex")) + sorted(folder.glob("appendix*.tex"))
    keys: set[str] = set()
    uses = 0
    for chapter in chapters:
        document = parse_file(chapter, bib_files=(str(folder / "refs.bib"),))
        keys.update(k for c in document.citations for k in c.labels)
        uses += sum(len(c.labels) for c in document.citations)
        report = check(chapter, bib_files=(str(folder / "refs.bib"),))
        assert {f.code for f in report.findings} <= {"CC101"}, chapter.name
    bib = {r.label for r in parse_file(folder / "refs.bib").references}
    assert len(bib) == 34
    assert keys == bib
    # 85 keys are written in \cite-family commands; 18 of them are typeset
    # examples inside \verb|\cite{...}| in chap04's tables, not citations.
    assert uses == 85 - 18


@needs_shared
def test_thuthesis_main_file_reports_its_missing_data_folder() -> None:
    report = check(CORPUS / "chinese/thuthesis/thuthesis-example.tex")
    missing = [f for f in report.findings if f.code == "CC003"]
    assert len(missing) == 13
    assert missing[0].location.line == 30 and "data/committee.tex" in missing[0].message
    assert not [f for f in report.findings if f.code == "CC102"]


# -- a chapter checked on its own -------------------------------------------------


def test_a_chapter_uses_the_bibliography_of_the_file_that_inputs_it(tmp_path: Path) -> None:
    write(tmp_path, {
        "main.tex": "\\documentclass{book}\n\\include{chapters/one}\n\\bibliography{refs}\n",
        "chapters/one.tex": "One \\cite{smith2020} and \\cite{nothere}.\n\\input{chapters/part}\n",
        "chapters/part.tex": "Part \\cite{jones2019}.\n",
        "refs.bib": BIB,
    })
    document = parse_file(tmp_path / "chapters/one.tex")
    assert document.metadata["fragment"] is True
    assert Path(document.metadata["root"]).name == "main.tex"
    # \input paths are relative to the main file's folder, as LaTeX compiles them.
    assert [Path(p).name for p in document.metadata["tex_files"]] == ["one.tex", "part.tex"]
    report = check(tmp_path / "chapters/one.tex")
    # No CC101: a chapter cites only part of the bibliography.
    assert findings(report) == [("CC102", "one.tex", 1, 26)]


@pytest.mark.parametrize(
    ("chapter", "root"),
    [
        ("% !TeX root = ../thesis.tex\nText \\cite{smith2020}.\n", "thesis.tex"),
        ("\\documentclass[../thesis.tex]{subfiles}\n\\begin{document}\\cite{smith2020}\\end{document}\n",
         "thesis.tex"),
    ],
)
def test_magic_comment_and_subfiles_name_the_root(tmp_path: Path, chapter: str, root: str) -> None:
    write(tmp_path, {
        "thesis.tex": "\\documentclass{report}\n\\subfile{ch/a}\n\\addbibresource{refs.bib}\n",
        "ch/a.tex": chapter,
        "refs.bib": BIB,
    })
    document = parse_file(tmp_path / "ch/a.tex")
    assert Path(document.metadata["root"]).name == root
    assert findings(check(tmp_path / "ch/a.tex")) == []


def test_a_file_with_documentclass_is_its_own_root(tmp_path: Path) -> None:
    write(tmp_path, {"a.tex": "\\documentclass{article}\n\\cite{x}\n", "b.tex": "\\documentclass{article}\n\\input{a}\n"})
    document = parse_file(tmp_path / "a.tex")
    assert document.metadata["fragment"] is False and document.metadata["root"] is None


@needs_shared
def test_scipy_section_checked_alone_resolves_against_the_paper_bibliography() -> None:
    report = check(CORPUS / "latex/scipy-1.0/ckdtree.tex")
    assert report.findings == []
    document = report.documents[0]
    assert Path(document.metadata["root"]).name == "paper.tex"
    assert len(document.citations) == 8
