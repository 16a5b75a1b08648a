"""The CLI's --bib and --cite-command options, and LaTeX/BibTeX files on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from citecheck.cli import cli

BIB = "@article{smith2020, author={Smith, J}, title={A}, journal={J}, year={2020}}\n"


def test_bib_and_cite_command_options(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text("\\mycite{smith2020} \\cite{Smith2020}\n", encoding="utf-8")
    (tmp_path / "r.bib").write_text(BIB, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["check", str(tmp_path / "p.tex"), "--bib", str(tmp_path / "r.bib"),
                                 "--cite-command", "mycite", "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.output)
    assert [(f["code"], f["line"], f["column"]) for f in data["findings"]] == [
        ("CC102", 1, 20), ("CC204", 1, 26)]


def test_without_options_the_citations_have_no_bibliography(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text("\\mycite{smith2020} \\cite{smith2020}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "p.tex"), "--format", "json"])
    data = json.loads(result.output)
    assert [(f["code"], f["column"]) for f in data["findings"]] == [("CC002", 20)]
    assert result.exit_code == 1


def test_missing_bib_option_file_is_reported(tmp_path: Path) -> None:
    (tmp_path / "p.tex").write_text("\\cite{a}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "p.tex"), "--bib", str(tmp_path / "nope.bib"),
                                      "--format", "json"])
    data = json.loads(result.output)
    assert [f["code"] for f in data["findings"]] == ["CC002", "CC003"]
    assert "nope.bib" in data["findings"][1]["message"]


def test_check_a_bib_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "lib.bib"
    path.write_text(BIB + "@misc{unused, title={U}}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 0, result.output
    assert "0 warnings, 0 errors" in result.output


def test_json_output_of_a_project_validates_and_points_into_each_file(tmp_path: Path) -> None:
    import jsonschema
    from importlib import resources

    (tmp_path / "p.tex").write_text("\\input{sec}\n\\bibliography{r}\n", encoding="utf-8")
    (tmp_path / "sec.tex").write_text("\n\\cite{absent}\n", encoding="utf-8")
    (tmp_path / "r.bib").write_text(BIB + "@misc{broken, title={x}\n", encoding="utf-8")
    (tmp_path / "q.md").write_text("---\nbibliography: r.bib\n---\n[@smith2020]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(tmp_path / "p.tex"), str(tmp_path / "q.md"),
                                      str(tmp_path / "r.bib"), "--format", "json"])
    data = json.loads(result.output)
    schema = json.loads(resources.files("citecheck").joinpath("schema/report.schema.json").read_text())
    jsonschema.validate(data, schema)
    assert [f["format"] for f in data["files"]] == ["latex", "pandoc", "bibtex"]
    located = {(Path(f["path"]).name, f["line"], f["code"]) for f in data["findings"]}
    assert {("sec.tex", 2, "CC102"), ("r.bib", 2, "CC001")} <= located
