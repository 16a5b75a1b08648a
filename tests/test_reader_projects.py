"""Walking a folder: the parts of a document are checked within it, not again on their own."""

from __future__ import annotations

from pathlib import Path

from citecheck.discover import expand_paths
from citecheck.readers.projects import without_parts
from tests.paths import CORPUS, needs_shared


def names(paths: list[str], root: Path) -> list[str]:
    return [Path(p).relative_to(root).as_posix() for p in paths]


def test_walk_skips_included_files_and_named_bibliographies(tmp_path: Path) -> None:
    files = {
        "main.tex": "\\documentclass{book}\n\\input{ch/one}\n\\bibliography{refs}\n",
        "ch/one.tex": "\\input{ch/two}\n",
        "ch/two.tex": "Two.\n",
        "ch/orphan.tex": "Not included anywhere \\cite{x}.\n",
        "refs.bib": "@misc{x, title={X}}\n",
        "other.bib": "@misc{y, title={Y}}\n",
        "paper.md": "---\nbibliography: [lib.bib]\n---\nText [@z].\n",
        "lib.bib": "@misc{z, title={Z}}\n",
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    walked = expand_paths([str(tmp_path)])
    assert names(walked, tmp_path) == ["main.tex", "other.bib", "paper.md", "ch/orphan.tex"]


def test_named_files_are_kept(tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text("\\input{part}\n", encoding="utf-8")
    (tmp_path / "part.tex").write_text("x\n", encoding="utf-8")
    assert names(expand_paths([str(tmp_path / "main.tex"), str(tmp_path / "part.tex")]), tmp_path) == [
        "main.tex", "part.tex"]


def test_without_parts_keeps_order_and_unrelated_files(tmp_path: Path) -> None:
    (tmp_path / "a.tex").write_text("\\include{b}\n", encoding="utf-8")
    (tmp_path / "b.tex").write_text("b\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("c\n", encoding="utf-8")
    paths = [str(tmp_path / n) for n in ("c.txt", "b.tex", "a.tex")]
    assert names(without_parts(paths), tmp_path) == ["c.txt", "a.tex"]


@needs_shared
def test_scipy_folder_checks_the_paper_and_the_letters_once() -> None:
    walked = expand_paths([str(CORPUS / "latex/scipy-1.0")])
    assert names(walked, CORPUS / "latex/scipy-1.0") == [
        "README.md", "covlett.tex", "formatting_rebuttal.tex", "paper.tex", "rebuttal.tex"]
