"""End to end: ``citecheck check --crossref`` against the local server."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from crossref_server import FakeCrossref, make_work
from crossref_support import server_fixture  # noqa: F401 (fixture)

from citecheck.cli import cli

MANUSCRIPT = """\
Methylphenidate harms dopamine neurons [1], and Delphi panels are common [2].
Grape seed extract was said to inhibit invasion [3]; kinetics matter [4].
One DOI leads nowhere [5], a preprint moved [6], and one paper was retracted [7].
A DOI was copied from the wrong place [8].

References
1. Sadasivan S, Pond BB, Pani AK, et al. Methylphenidate Exposure Induces Dopamine Neuron Loss and Activation of Microglia in the Basal Ganglia of Mice. PLoS ONE. 2012;7(3):e33693. doi:10.1371/journal.pone.0033693
2. Boulkedid R, Abdoul H, Loustau M, et al. Using and Reporting the Delphi Method for Selecting Healthcare Quality Indicators: A Systematic Review. PLoS ONE. 2011;6(6):e20476. doi:10.1371/journal.pone.0020476
3. Retraction: Grape Seed Proanthocyanidins Inhibit the Invasiveness of Human HNSCC Cells by Targeting EGFR and Reversing the Epithelial-To-Mesenchymal Transition. PLoS ONE. 2018;13(12):e0210346. doi:10.1371/journal.pone.0210346
4. Bai X, Davis MJ. Corrigendum to "A chemical pathway perspective on the kinetics of low-temperature ignition of propane". Combust Flame. 2021;229:111371. doi:10.1016/j.combustflame.2021.02.017
5. Nobody N. A paper that was never published anywhere. PLoS ONE. 2011;6:e99999. doi:10.1371/notarealdoi
6. Gill SC, Lim NM, Grinaway PB, et al. Binding Modes of Ligands Using Enhanced Sampling (BLUES): Rapid Decorrelation of Ligand Binding Modes via Nonequilibrium Candidate Monte Carlo. ChemRxiv. 2018. doi:10.26434/chemrxiv.5406907
7. Someone A. Human Phosphatidylethanolamine-Binding Protein 4 Promotes Transactivation of Estrogen Receptor. PLoS ONE. 2014;9(3):e90062. doi:10.1371/journal.pone.0090062
8. Tosatto L, Horrocks MH, Dear AJ, et al. Protein folding in the crowded cytoplasm of bacterial cells. Sci Rep. 2015;5:16696. doi:10.1038/srep16696
"""

EXPECTED = [
    ("CC505", "1"),  # updated-by correction (recorded)
    ("CC506", "3"),  # PLOS retraction notice (recorded)
    ("CC505", "4"),  # erratum notice (recorded)
    ("CC501", "5"),  # 404 and no agency (recorded)
    ("CC503", "7"),  # the notice 10.1371/journal.pone.0210896 points at it
    ("CC502", "8"),  # registered title: "Single-molecule FRET studies on alpha-synuclein ..."
]


@pytest.fixture
def paper(tmp_path: Path) -> Path:
    path = tmp_path / "paper.txt"
    path.write_text(MANUSCRIPT, encoding="utf-8")
    return path


def run(paper: Path, url: str, cache: Path, *extra: str) -> tuple[int, dict, str]:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, [
        "check", str(paper), "--format", "json", "--crossref", "--crossref-url", url,
        "--cache-dir", str(cache), "--ignore", "CC508", *extra], env={"CITECHECK_MAILTO": ""})
    return result.exit_code, json.loads(result.stdout), result.stderr


def findings(report: dict) -> list[tuple[str, str]]:  # type: ignore[type-arg]
    return [(f["code"], f["references"][0]) for f in report["findings"] if f["code"].startswith("CC5")]


def test_check_with_crossref_then_from_cache(server: FakeCrossref, paper: Path, tmp_path: Path) -> None:
    server.add_work(make_work("10.1371/journal.pone.0090062", "Human Phosphatidylethanolamine-Binding "
                              "Protein 4 Promotes Transactivation of Estrogen Receptor",
                              family="Someone", year=2014, journal="PLoS ONE"))
    code, report, _ = run(paper, server.url, tmp_path / "cache")
    assert sorted(findings(report)) == sorted(EXPECTED)
    assert code == 1  # CC501 and CC503 are errors
    # Findings point at the DOI inside the reference.
    line = MANUSCRIPT.splitlines()[10]
    cc501 = next(f for f in report["findings"] if f["code"] == "CC501")
    assert (cc501["line"], cc501["column"]) == (11, line.index("10.1371/notarealdoi") + 1)
    assert "unverified" not in report["summary"]
    # The chemrxiv alias was followed, and the lookups were batched.
    assert "/works/10.26434/chemrxiv.5406907.v5" in server.paths()
    assert len([r for r in server.requests if "filter" in r.query]) <= 3
    sent = len(server.requests)

    code, again, _ = run(paper, server.url, tmp_path / "cache")
    assert len(server.requests) == sent  # the second run is served from the cache
    assert sorted(findings(again)) == sorted(EXPECTED) and code == 1


def test_server_down_exits_2_with_one_line(paper: Path, tmp_path: Path) -> None:
    with FakeCrossref() as down:
        url = down.url
    code, report, stderr = run(paper, url, tmp_path / "cache", "--fail-on", "error")
    assert code == 2
    assert report["summary"]["unverified"] == 8 and findings(report) == []
    schema = json.loads(resources.files("citecheck").joinpath("schema/report.schema.json").read_text())
    jsonschema.validate(report, schema)
    lines = stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"citecheck: 8 reference(s) could not be verified with Crossref: "
                               f"Crossref at {url} did not answer")


def test_offline_without_cache_is_incomplete(paper: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(paper), "--format", "json", "--offline",
                                      "--cache-dir", str(tmp_path / "empty")])
    assert result.exit_code == 2
    assert json.loads(result.stdout)["summary"]["unverified"] == 8
    assert result.stderr.strip() == ("citecheck: 8 reference(s) could not be verified with Crossref: "
                                     "not in the cache, and --offline sends no requests")


def test_without_crossref_nothing_is_sent(server: FakeCrossref, paper: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(paper), "--format", "json"],
                                env={"CITECHECK_CROSSREF_URL": server.url})
    assert server.requests == []
    assert not [f for f in json.loads(result.stdout)["findings"] if f["code"].startswith("CC5")]


def test_incomplete_but_failing_findings_exit_1(tmp_path: Path) -> None:
    # Reference 2 is never cited (CC101, a warning): the run fails on findings
    # anyway, so the incomplete Crossref check does not change the exit code.
    paper = tmp_path / "uncited.txt"
    paper.write_text("Cited once [1].\n\nReferences\n"
                     "1. Tosatto L, et al. Single-molecule FRET studies. Sci Rep. 2015;5:16696. "
                     "doi:10.1038/srep16696\n"
                     "2. Lieber RL, et al. Growth hormone secretagogue. J Orthop Res. 1997;15:519-27.\n",
                     encoding="utf-8")
    with FakeCrossref() as down:
        url = down.url
    code, report, stderr = run(paper, url, tmp_path / "cache")
    assert report["summary"]["unverified"] >= 1 and report["summary"]["warning"] >= 1
    assert code == 1
    assert "could not be verified with Crossref" in stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--offline", "--refresh"], "--offline and --refresh cannot be used together"),
    (["--crossref", "--crossref-url", "localhost:8000"], "must be an http(s) URL"),
])
def test_bad_crossref_options_are_one_line_errors(paper: Path, tmp_path: Path, args: list[str],
                                                   message: str) -> None:
    result = CliRunner().invoke(cli, ["check", str(paper), "--cache-dir", str(tmp_path), *args])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and message in result.stderr


def test_unusable_cache_dir_is_a_one_line_error(paper: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = CliRunner().invoke(cli, ["check", str(paper), "--offline", "--cache-dir", str(blocker / "sub")])
    assert result.exit_code == 2
    assert "cannot open the Crossref cache" in result.stderr


def test_library_check_file_with_crossref(server: FakeCrossref, paper: Path, tmp_path: Path) -> None:
    import citecheck

    settings = citecheck.CrossrefSettings(base_url=server.url, cache_dir=tmp_path / "cache")
    report = citecheck.check_file(paper, crossref=settings, ignore=["CC508"])
    assert ("CC506", ("3",)) in [(f.code, f.references) for f in report.findings]
    assert report.unverified == 0 and not report.incomplete
