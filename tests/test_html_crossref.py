"""The HTML report after --crossref: each reference's Crossref status, from
the local Crossref server (no network)."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from click.testing import CliRunner
from crossref_server import FakeCrossref, make_work
from crossref_support import server_fixture  # noqa: F401 (fixture)
from test_crossref_cli import MANUSCRIPT

from citecheck.cli import cli


def test_crossref_column_and_suspect_citations(server: FakeCrossref, tmp_path: Path) -> None:
    server.add_work(make_work("10.1371/journal.pone.0090062", "Human Phosphatidylethanolamine-Binding "
                              "Protein 4 Promotes Transactivation of Estrogen Receptor",
                              family="Someone", year=2014, journal="PLoS ONE"))
    paper = tmp_path / "paper.txt"
    paper.write_text(MANUSCRIPT, encoding="utf-8")
    out = tmp_path / "report.html"
    result = CliRunner().invoke(cli, [
        "check", str(paper), "--format", "html", "-o", str(out), "--crossref", "--crossref-url",
        server.url, "--cache-dir", str(tmp_path / "cache"), "--ignore", "CC508"],
        env={"CITECHECK_MAILTO": ""})
    assert result.exit_code == 1, result.output
    root = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    assert "Crossref" in [th.text_content() for th in root.cssselect("thead th")]
    status = [r.cssselect("td[class^='st-']")[0].text_content() for r in root.cssselect("tbody tr")]
    assert status == ["corrected", "verified", "retraction notice", "corrected", "not found",
                      "verified", "retracted", "mismatch"]
    online = root.cssselect("dl.summary dd")[-1].text_content()
    assert online.startswith("Crossref: ") and "1 retracted" in online
    cites = {c.get("data-labels"): c.get("data-status") for c in root.cssselect("a.cite")}
    assert cites == {"1": "ok", "2": "ok", "3": "suspect", "4": "ok", "5": "suspect", "6": "ok",
                     "7": "suspect", "8": "suspect"}
