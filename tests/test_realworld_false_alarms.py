"""False alarms found by running citecheck on real manuscripts it had not seen
(branch realworld; see notes/realworld.md).  Each test is a synthetic minimal
reproduction of what a real file holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.api import check_file, check_text
from citecheck.discover import expand_paths
from citecheck.runner import check_many


def codes(text: str) -> list[tuple[str, str]]:
    return [(f.code, f.message) for f in check_text(text, format="markdown").findings]


def test_a_reference_style_link_is_not_an_empty_citation() -> None:
    # sympy/sympy-paper CODE_OF_CONDUCT.md: the Contributor Covenant footer, in thousands of
    # repositories; the link text, a URL, was blanked to "[   ]", an empty citation (CC103)
    text = ("This Code of Conduct is adapted from the [Contributor Covenant][homepage], version 1.4,\n"
            "available at [http://contributor-covenant.org/version/1/4][version]\n\n"
            "[homepage]: http://contributor-covenant.org\n"
            "[version]: http://contributor-covenant.org/version/1/4/\n")
    assert codes(text) == []
    # a numbered reference link is still a citation
    cited = check_text("Shown before [1] and [2][r2].\n\n[r2]: #ref-2\n\nReferences\n\n"
                       "1. Smith J. A study. J Bone. 2020.\n2. Jones K. Another. J Bone. 2021.\n",
                       format="markdown")
    assert [c.labels for c in cited.documents[0].citations] == [("1",), ("2",)] and not cited.findings


def test_a_to_do_box_without_a_list_marker_is_not_an_empty_citation() -> None:
    # sympy/sympy-paper TODO.md
    assert codes("## PeerJ:\n\n  [ ] Add keywords\n\n  [ ] Switch to author-year citations\n") == []


def test_an_image_with_an_angle_bracket_destination_is_not_an_empty_citation() -> None:
    # fission-codes/whitepaper (GitBook): CommonMark allows spaces inside a <...> destination
    assert codes("Some text.\n\n![](<../../assets/screen shot (1).png>)\n\nMore text.\n") == []


def test_footnote_markers_cite_footnote_references() -> None:
    # karask/satoshi-paper bitcoin.md: the Bitcoin paper as pandoc Markdown, its references
    # footnote definitions under a References heading; CC004 said no citation was recognised
    text = ("Commerce relies on trusted parties[^1]. A timestamp server[^2][^3] works.\n\n"
            "References\n----------\n\n"
            "[^1]: W.  Dai, \"b-money,\" <http://www.weidai.com/bmoney.txt>, 1998.\n\n"
            "[^2]: H.  Massias, X.S. Avila, and J.-J. Quisquater, \"Design of a\n"
            "        secure timestamping service with minimal trust requirements,\"\n"
            "        In 20th Symposium on Information Theory in the Benelux, May 1999.\n\n"
            "[^3]: S.  Haber, W.S. Stornetta, \"How to time-stamp a digital\n"
            "        document,\" In Journal of Cryptology, vol 3, no 2, pages 99-111, 1991.\n")
    assert codes(text) == []
    document = check_text(text, format="markdown").documents[0]
    assert [(c.text, c.labels) for c in document.citations] == [("[^1]", ("1",)), ("[^2]", ("2",)), ("[^3]", ("3",))]
    # a marker of a note that is not in the list stays a note; an entry never marked is uncited
    noted = text.replace("server[^2][^3]", "server[^3][^9]").replace("works.", "works.\n\n[^9]: A note.")
    assert codes(noted) == [("CC101", "reference 2 is never cited")]


# --- R Markdown and Quarto child documents (readers/pandoc.py) -----------------------------------

BIB = ("@book{a, author = {Ann Author}, title = {A}, publisher = {P}, year = {2001}}\n"
       "@book{b, author = {Bob Author}, title = {B}, publisher = {P}, year = {2002}}\n"
       "@book{c, author = {Cy Author}, title = {C}, publisher = {P}, year = {2003}}\n")


def _files(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def found(paths: list[Path]) -> list[tuple[str, str, int]]:
    report = check_many(expand_paths([str(p) for p in paths]))
    return [(f.code, Path(f.path).name, f.location.line) for f in report.findings]


def test_papaja_render_appendix_cites_into_the_main_reference_list(tmp_path: Path) -> None:
    # TomHardwicke/Reproducibility-Psych-Sci: manuscript.Rmd (papaja) ends with
    # render_appendix("supplementary_information.Rmd"), whose citations papaja adds to the
    # reference list.  citecheck reported them uncited in the manuscript (CC101) and the
    # appendix, walked on its own, as "citations but no reference list" (CC002, an error).
    _files(tmp_path, {
        "manuscript.Rmd": ("---\ntitle: x\nbibliography: [\"references.bib\"]\n---\n\nMain text [@a].\n\n"
                           "# References\n\n```{r render_appendix, include=FALSE}\n"
                           "# render_appendix(\"old.Rmd\") is commented out\n"
                           "render_appendix(\"supplementary_information.Rmd\")\n```\n"),
        "supplementary_information.Rmd": "# Supplement\n\nAs textbooks say [e.g., @b] and @c showed.\n",
        "references.bib": BIB,
    })
    assert found([tmp_path / "manuscript.Rmd"]) == []
    assert found([tmp_path]) == []  # the appendix is part of the manuscript, not checked alone
    document = check_file(tmp_path / "manuscript.Rmd").documents[0]
    cited = [(c.labels, document.locate(c.span).path) for c in document.citations]
    assert cited[-1] == (("c",), str(tmp_path / "supplementary_information.Rmd"))


def test_knitr_child_chunks_and_quarto_includes(tmp_path: Path) -> None:
    _files(tmp_path, {
        "paper.Rmd": ("---\nbibliography: refs.bib\n---\n\nIntro [@a].\n\n"
                      "```{r methods, child = c('methods.Rmd', \"results.Rmd\")}\n```\n"),
        "methods.Rmd": "Methods [@b].\n\n```{r, child='deeper/more.Rmd'}\n```\n",
        "deeper/more.Rmd": "More [@c].\n",
        "results.Rmd": "Results [@a; @b].\n",
        "refs.bib": BIB,
        "q/refs.bib": BIB,
        "q/paper.qmd": "---\nbibliography: refs.bib\n---\n\n[@a]\n\n{{< include _b.qmd >}}\n\n"
                       "```markdown\n{{< include _shown-in-code.qmd >}}\n```\n",
        "q/_b.qmd": "[@b] and [@c].\n",
    })
    assert found([tmp_path / "paper.Rmd"]) == []
    assert found([tmp_path / "q" / "paper.qmd"]) == []
    assert found([tmp_path]) == []


def test_a_missing_child_is_reported_and_prose_is_no_include(tmp_path: Path) -> None:
    _files(tmp_path, {
        "paper.Rmd": ("---\nbibliography: refs.bib\n---\n\nWe use `render_appendix(\"x.Rmd\")` in prose [@a; @b; @c].\n\n"
                      "```{r child = \"gone.Rmd\"}\n```\n"
                      "```{r, child = c('methods.Rmd'), fig.cap = \"not a file\"}\n```\n"
                      "```{r, child = 'methods.Rmd', fig.cap = 'nor this'}\n```\n"),
        "methods.Rmd": "Methods.\n",
        "refs.bib": BIB,
    })
    # only the child option's names are files: not a later option's string
    assert found([tmp_path / "paper.Rmd"]) == [("CC003", "paper.Rmd", 7)]


# --- bibliographies a pandoc manuscript gets from outside its front matter ------------------------


def test_a_quarto_project_gives_its_documents_their_bibliography(tmp_path: Path) -> None:
    # Quarto merges _quarto.yml (and a folder's _metadata.yml) into each document's
    # metadata: "bibliography: refs.bib" there applies to every chapter.  Without it,
    # each chapter was "citations but no reference list" (CC002, an error).
    _files(tmp_path, {
        "book/_quarto.yml": "project:\n  type: book\nbibliography: refs.bib\n",
        "book/refs.bib": BIB,
        "book/intro.qmd": "# Intro\n\nAs [@a] and [@b] and [@c] said.\n",
        "book/part2/_metadata.yml": "bibliography: ../refs.bib\n",
        "book/part2/more.qmd": "More [@a; @b; @c].\n",
        "book/part3/gone.qmd": "Gone [@a; @b; @c].\n",
    })
    assert found([tmp_path / "book" / "intro.qmd"]) == []
    assert found([tmp_path / "book" / "part2" / "more.qmd"]) == []
    assert found([tmp_path / "book"]) == []
    (tmp_path / "book" / "_quarto.yml").write_text("project:\n  type: book\nbibliography: gone.bib\n")
    report = check_file(tmp_path / "book" / "part3" / "gone.qmd")
    assert [(f.code, f.message) for f in report.findings if f.code == "CC003"] == [
        ("CC003", "bibliography file gone.bib (named in _quarto.yml) not found")]


def test_the_bibliography_beside_a_manuscript_that_names_none(tmp_path: Path) -> None:
    # andrewheiss/why-donors-donate: manuscript.Rmd names no bibliography; its Makefile
    # passes references.bib to pandoc.  citecheck reported "33 citations found, but no
    # reference list" (CC002, an error).  A .bib beside it that defines every cited key
    # is its bibliography.
    _files(tmp_path, {
        "ms/manuscript.Rmd": "---\ntitle: x\n---\n\nText [@a; @b] and @c, see @fig:one.\n",
        "ms/references.bib": BIB,
    })
    assert found([tmp_path / "ms" / "manuscript.Rmd"]) == []
    assert found([tmp_path / "ms"]) == []  # the .bib is its part, not checked again alone
    # A key it lacks: not this manuscript's bibliography (or not only): still CC002.
    _files(tmp_path, {"ms/manuscript.Rmd": "Text [@a; @zzz].\n"})
    assert [c for c, _, _ in found([tmp_path / "ms" / "manuscript.Rmd"])] == ["CC002"]
    # Two that fit: no guess.
    _files(tmp_path, {"ms/manuscript.Rmd": "Text [@a].\n", "ms/other.bib": BIB})
    assert [c for c, _, _ in found([tmp_path / "ms" / "manuscript.Rmd"])] == ["CC002"]


def test_a_bibliography_beside_it_that_links_outside_the_project_is_not_read(tmp_path: Path) -> None:
    """Found in review: the fallback read a link pointing out of the project, which a named
    bibliography may not do (CC005)."""
    import subprocess

    _files(tmp_path, {"outside/secret.bib": BIB, "proj/paper.md": "Text [@a].\n"})
    subprocess.run(["git", "init", "-q", str(tmp_path / "proj")], check=True)
    (tmp_path / "proj" / "refs.bib").symlink_to(tmp_path / "outside" / "secret.bib")
    assert [c for c, _, _ in found([tmp_path / "proj" / "paper.md"])] == ["CC002"]
    _files(tmp_path, {"proj/named.md": "---\nbibliography: refs.bib\n---\n\nText [@a].\n"})
    assert [c for c, _, _ in found([tmp_path / "proj" / "named.md"])] == ["CC005", "CC002"]


def test_a_pandoc_template_placeholder_is_not_a_missing_file(tmp_path: Path) -> None:
    # andrewheiss/why-donors-donate keeps pandoc LaTeX templates holding
    # \addbibresource{$bibliography$}: "bibliography file $bibliography$.bib not found" (CC003).
    _files(tmp_path, {"t/xelatex.tex": ("\\documentclass{article}\n$if(bibliography)$\n"
                                        "\\addbibresource{$bibliography$}\n\\bibliography{$bibliography$}\n"
                                        "$endif$\n\\input{$for(include)$$include$$endfor$}\n"
                                        "\\begin{document}\n$body$\n\\end{document}\n")})
    assert found([tmp_path / "t" / "xelatex.tex"]) == []


def test_a_latex_file_name_may_use_a_plain_text_macro(tmp_path: Path) -> None:
    # EdoardoCostantini/mi-hd: \newcommand{\pathBIB}{./bib} then
    # \bibliography{\pathBIB/missingData/bibtex/papers, ...}: ten "bibliography file
    # \pathBIB/... not found" (CC003) and "76 citations found, but no reference list" (CC002).
    _files(tmp_path, {
        "ms/main.tex": ("\\documentclass{article}\n\\newcommand{\\pathBIB}{./bib}\n"
                        "%\\newcommand{\\pathBIB}{../../elsewhere}\n\\def\\chapdir{parts}\n"
                        "\\begin{document}\n\\input{\\chapdir/intro}\nSee \\cite{a}.\n"
                        "\\bibliographystyle{plain}\n\\bibliography{\\pathBIB/one,\n\t\\pathBIB/two}\n"
                        "\\end{document}\n"),
        "ms/parts/intro.tex": "As \\cite{b} showed.\n",
        "ms/bib/one.bib": "@book{a, author = {Ann Author}, title = {A}, publisher = {P}, year = {2001}}\n",
        "ms/bib/two.bib": "@book{b, author = {Bob Author}, title = {B}, publisher = {P}, year = {2002}}\n",
    })
    assert found([tmp_path / "ms" / "main.tex"]) == []
    assert found([tmp_path / "ms"]) == []  # the .bib files and the chapter are parts of main.tex


def test_a_tab_after_a_yaml_key_is_valid_front_matter(tmp_path: Path) -> None:
    # JayaniLakshika/paper-nldr-vis-algorithm paper.qmd: "    email: <TAB>paul...@monash.edu".
    # YAML 1.2 (pandoc, Quarto) allows a tab there; PyYAML does not: "invalid YAML front
    # matter" (CC001, an error) and the bibliography it names was not read.
    _files(tmp_path, {
        "p/paper.qmd": ("---\ntitle: x\nauthor:\n  - name: A\n    email: \ta@example.org\n"
                        "bibliography: paper.bib\n---\n\nText [@a; @b; @c].\n"),
        "p/paper.bib": BIB,
        "p/other.bib": BIB,  # two candidates beside it: only the front matter can name it
    })
    assert found([tmp_path / "p" / "paper.qmd"]) == []
    # An indentation tab is still invalid YAML.
    _files(tmp_path, {"p/bad.qmd": "---\ntitle: x\nauthor:\n\t- name: A\n---\n\nText [@a].\n"})
    assert [c for c, _, _ in found([tmp_path / "p" / "bad.qmd"])][:1] == ["CC001"]


def test_a_quarto_project_above_the_repository_is_not_read(tmp_path: Path) -> None:
    _files(tmp_path, {
        "_quarto.yml": "bibliography: refs.bib\n",
        "refs.bib": BIB,
        "repo/.git": "",
        "repo/paper.qmd": "Text [@a].\n",
    })
    assert [c for c, _, _ in found([tmp_path / "repo" / "paper.qmd"])] == ["CC002"]


def test_child_options_written_as_r_expressions_are_not_files(tmp_path: Path) -> None:
    """Found in review: child = file.path("chapters", "intro.Rmd") gave CC003 'child document
    chapters not found'; citecheck does not run R, so such a child is not followed."""
    _files(tmp_path, {
        "main.Rmd": ("---\nbibliography: refs.bib\n---\n\nText [@a; @b; @c].\n\n"
                     "```{r intro, child = file.path(\"chapters\", \"intro.Rmd\")}\n```\n"
                     "```{r more, child = list.files(\"chapters\", pattern = \"^app\", full.names = TRUE)}\n```\n"
                     "```{r two, child = c(\"x.Rmd\", 'y.Rmd')}\n```\n"),
        "x.Rmd": "X.\n", "y.Rmd": "Y.\n",
        "refs.bib": BIB,
    })
    assert found([tmp_path / "main.Rmd"]) == []


def test_a_child_chunk_with_eval_false_is_not_knitted(tmp_path: Path) -> None:
    """knitr knits a chunk's children only when its eval option is true (knitr's
    call_block): the child of an ``eval = FALSE`` chunk is not in the manuscript, its
    citations are not the manuscript's, and a missing one is no error.  A walk still
    takes it as a part of the project, not a manuscript of its own."""
    _files(tmp_path, {
        "main.Rmd": ("---\nbibliography: refs.bib\n---\n\nText [@a; @b; @c].\n\n"
                     "```{r old, child = 'old.Rmd', eval = FALSE}\n```\n"
                     "```{r gone, eval=F, child = \"gone.Rmd\"}\n```\n"
                     "```{r new, child = 'new.Rmd', eval = TRUE}\n```\n"),
        "old.Rmd": "Old text citing a key the bibliography lacks [@nowhere].\n",
        "new.Rmd": "New text [@missing].\n",
        "refs.bib": BIB,
    })
    assert found([tmp_path / "main.Rmd"]) == [("CC102", "new.Rmd", 1)]
    assert found([tmp_path]) == [("CC102", "new.Rmd", 1)]


def test_a_grandchild_named_relative_to_the_main_document(tmp_path: Path) -> None:
    """knitr knits every child in the main document's folder, so a child in chapters/
    names its own child "chapters/b.Rmd" (knitr issue #1434).  citecheck looked for it
    beside the child only: a false CC003 and b's citation lost."""
    _files(tmp_path, {
        "main.Rmd": ("---\nbibliography: refs.bib\n---\n\nText [@a].\n\n"
                     "```{r, child = 'chapters/a.Rmd'}\n```\n"),
        "chapters/a.Rmd": "A [@b].\n\n```{r, child = 'chapters/b.Rmd'}\n```\n\n```{r, child = 'c.Rmd'}\n```\n",
        "chapters/b.Rmd": "B [@c].\n",
        "chapters/c.Rmd": "C [@missing].\n",  # beside its parent, as Quarto and older knitr have it
        "refs.bib": BIB,
    })
    assert found([tmp_path / "main.Rmd"]) == [("CC102", "c.Rmd", 1)]
    assert found([tmp_path]) == [("CC102", "c.Rmd", 1)]


def test_a_quarto_include_from_the_project_root(tmp_path: Path) -> None:
    """Found in review: {{< include /_shared.qmd >}} is relative to the Quarto project's
    folder; it gave CC003 and its citations were lost (CC101 'beta is never cited')."""
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    _files(tmp_path, {
        "_quarto.yml": "project:\n  type: website\nbibliography: refs.bib\n",
        "refs.bib": BIB,
        "_shared.qmd": "Shared text [@b] and [@c].\n",
        "posts/p1/index.qmd": "---\ntitle: x\n---\n\nPost [@a].\n\n{{< include /_shared.qmd >}}\n",
    })
    assert found([tmp_path / "posts" / "p1" / "index.qmd"]) == []
