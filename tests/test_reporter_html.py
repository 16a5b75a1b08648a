"""The HTML reporter: one self-contained page with the manuscript marked up.

The page is parsed with lxml and checked element by element; the browser test
(tests/test_html_browser.py) checks the same page in Chromium.
"""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import cli
from citecheck.model import Finding, Location, Severity
from citecheck.reporters import REPORTERS, RenderOptions
from citecheck.reporters.html import render_html
from citecheck.reporters.marks import MISSING, OK, SUSPECT, SUSPECT_CODES, mark
from tests.paths import FIXTURES

ZH = FIXTURES / "zh_bone_metastasis.txt"

MIXED = """Bone metastases are common [1]. Pain follows [3], then fractures [2].
A reviewer pasted <script>alert("x")</script> and <b>bold</b> & more.

References
1. Macedo F, Ladeira K, Pinho F, et al. Bone metastases: an overview. Oncol Rev. 2017;11(1):321. doi:10.4081/oncol.2017.321
2. Hong S, Youk T, Lee SJ, et al. Bone metastasis and skeletal-related events in patients with solid cancer. Sci Rep. 2020;10:1-8.
"""


def page(report: citecheck.Report) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(render_html(report, RenderOptions()))


def test_html_is_a_format_choice() -> None:
    assert REPORTERS["html"] is render_html


def test_every_citation_is_marked_with_its_status() -> None:
    report = citecheck.check_file(ZH)
    root = page(report)
    document = report.documents[0]
    cites = root.cssselect("a.cite")
    assert len(cites) == len(document.citations) == 7
    assert {c.get("data-status") for c in cites} == {OK}
    # each links to the reference it resolves to, and says so in words too
    first = cites[0]
    target = first.get("href")[1:]
    assert root.get_element_by_id(target).tag == "tr"
    assert "resolves" in first.text_content()
    assert first.cssselect(".tip")[0].text_content().startswith("\u2713 Resolves")


def test_findings_are_listed_and_placed_in_the_text() -> None:
    report = citecheck.check_file(ZH)
    root = page(report)
    items = root.cssselect("ol.findings > li")
    assert [i.get("data-code") for i in items] == ["CC101", "CC201"]
    for n, item in enumerate(items):
        place = item.cssselect("a[href^='#d0-f']")[0].get("href")[1:]
        badge = root.get_element_by_id(place)
        assert "fmark" in badge.get("class")
        assert badge.get("href") == f"#d0-l{n}"  # and back
    # the uncited reference's badge sits at the start of its entry in the text
    badge = root.get_element_by_id("d0-f0")
    assert badge.getparent().get("class") == "ref unused"


def test_reference_table_counts_citations_and_groups_duplicates() -> None:
    root = page(citecheck.check_file(ZH))
    rows = root.cssselect("table tbody tr")
    assert len(rows) == 10
    cited = [r.cssselect("td.num")[0].text_content() for r in rows]
    assert cited[4] == "\u26a0 0"  # reference 5, never cited
    assert all(c != "\u26a0 0" for i, c in enumerate(cited) if i != 4)
    dup = [r for r in rows if "dup" in r.get("class")]
    assert [r.get("id") for r in dup] == ["d0-r7", "d0-r9"]
    assert "group 1: same work as 10" in dup[0].text_content()
    first_cited = rows[0].cssselect("td a[href^='#d0-c']")[0]
    assert first_cited.text_content().startswith("line ")


def test_missing_and_suspect_citations() -> None:
    report = citecheck.check_text(MIXED)
    root = page(report)
    statuses = [c.get("data-status") for c in root.cssselect("a.cite")]
    assert statuses == [OK, MISSING, OK]
    missing = root.cssselect("a.cite.missing")[0]
    assert "refers to no reference" in missing.text_content()
    assert missing.get("href").startswith("#d0-l")  # to its finding
    # out of order (CC301) is suspect: amber
    out_of_order = citecheck.check_text(
        "First [2], then [1].\n\nReferences\n1. A B. One title here. J. 2001.\n2. C D. Two title here. J. 2002.\n")
    assert "CC301" in SUSPECT_CODES
    marks = mark(out_of_order.documents[0], out_of_order.findings)
    assert [m.status for m in marks.citations] == [SUSPECT, OK]


def test_manuscript_html_is_shown_as_text_and_nothing_is_fetched() -> None:
    report = citecheck.check_text(MIXED)
    html = render_html(report)
    root = lxml.html.fromstring(html)
    assert len(root.cssselect("script")) == 1  # ours only
    assert root.cssselect("b") == [] or all(b.getparent().get("class") == "tip" for b in root.cssselect("b"))
    text = root.cssselect("div.src")[0].text_content()
    assert '<script>alert("x")</script> and <b>bold</b> & more.' in text
    csp = root.cssselect("meta[http-equiv='Content-Security-Policy']")[0].get("content")
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    # nothing loads from anywhere: no src attributes, no stylesheet links, no url() in the CSS
    assert root.xpath("//*[@src]") == []
    assert root.xpath("//link") == []
    assert "url(" not in root.cssselect("style")[0].text
    # DOIs are plain links (followed only when clicked), without referrer
    doi = root.cssselect("a[href^='https://doi.org/']")[0]
    assert doi.get("href") == "https://doi.org/10.4081/oncol.2017.321"
    assert doi.get("rel") == "noreferrer"


def test_hashes_in_the_policy_match_the_inline_style_and_script() -> None:
    import base64
    import hashlib

    html = render_html(citecheck.check_text(MIXED))
    root = lxml.html.fromstring(html)
    csp = root.cssselect("meta[http-equiv='Content-Security-Policy']")[0].get("content")
    for tag in ("style", "script"):
        body = re.search(rf"<{tag}>(.*?)</{tag}>", html, re.S).group(1)
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_chart_of_references_by_year() -> None:
    root = page(citecheck.check_text(MIXED))
    svg = root.xpath("//*[local-name()='svg']")[0]
    bars = svg.xpath(".//*[local-name()='rect']")
    assert sorted(b.xpath("string(*[local-name()='title'])") for b in bars) == ["2017: 1", "2020: 1"]
    assert "2 with a year" in root.cssselect("figure.chart figcaption")[0].text_content()


def test_several_files_give_an_overview_and_a_section_each(tmp_path: Path) -> None:
    other = tmp_path / "other.txt"
    other.write_text(MIXED, encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "report.html"
    result = runner.invoke(cli, ["check", str(ZH), str(other), "--format", "html", "-o", str(out)])
    assert result.exit_code == 1, result.output
    root = lxml.html.fromstring(out.read_text(encoding="utf-8"))
    rows = root.cssselect("#overview tbody tr")
    assert [r.cssselect("a")[0].get("href") for r in rows] == ["#d0", "#d1"]
    assert [s.get("id") for s in root.cssselect("section.file")] == ["d0", "d1"]
    assert len(root.cssselect("#d1 a.cite")) == 3
    # ids are unique across sections
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids))


def test_unreadable_file_has_its_own_section(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a zip")
    report = citecheck.check_paths([str(bad), str(ZH)])
    root = page(report)
    assert "could not be read" in root.get_element_by_id("d0").text_content()
    assert root.get_element_by_id("d0").cssselect("li")[0].get("data-code") == "CC001"


def test_latex_report_shows_the_tex_files_and_the_bib(tmp_path: Path) -> None:
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\\begin{document}\n\\input{intro}\nAs shown \\cite{known}.\n"
        "\\bibliography{refs}\\end{document}\n", encoding="utf-8")
    (tmp_path / "intro.tex").write_text("Earlier work \\cite{ghost}.\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(
        "@article{known, author={Smith, Jane}, title={A known title}, journal={J}, year={2019}}\n"
        "@article{unused, author={Doe, John}, title={Never cited}, journal={J}, year={2001}}\n",
        encoding="utf-8")
    report = citecheck.check_file(tmp_path / "main.tex")
    root = page(report)
    headings = [h.text_content() for h in root.cssselect("section.file h4")]
    assert [Path(h).name for h in headings] == ["main.tex", "intro.tex", "refs.bib"]
    statuses = {c.text_content().split("\u2713")[0].split("\u2717")[0]: c.get("data-status")
                for c in root.cssselect("a.cite")}
    assert statuses == {"\\cite{known}": OK, "\\cite{ghost}": MISSING}
    codes = sorted(li.get("data-code") for li in root.cssselect("ol.findings > li"))
    assert codes == ["CC101", "CC102"]
    first_cited = [r.cssselect("td a[href^='#d0-c']") for r in root.cssselect("table tbody tr")]
    assert [a[0].text_content() for a in first_cited if a] == ["main.tex, line 3"]
    # .bib entries read as citations in the table, not as BibTeX
    assert root.cssselect("td.reftext")[0].text_content() == "Smith Jane (2019) A known title. J."
    # the uncited .bib entry carries its finding's badge in the .bib's text
    assert root.cssselect("div.src")[2].cssselect("a.fmark")[0].text_content().startswith("\u2139 CC101")


def test_crossref_status_column(tmp_path: Path) -> None:
    report = citecheck.check_text(MIXED)
    document = report.documents[0]
    document.metadata["crossref"] = {"1": "verified", "2": "unverified"}
    retracted = Finding("CC503", "retracted-reference", Severity.ERROR, "the cited work was retracted",
                        document.locate(document.references[0].span), ("1",))
    report.findings.append(retracted)
    root = page(report)
    cells = [r.cssselect("td[class^='st-']")[0].text_content() for r in root.cssselect("table tbody tr")]
    assert cells == ["retracted", "unverified"]
    # a citation of a retracted work is suspect
    assert root.cssselect("a.cite")[0].get("data-status") == SUSPECT


def test_finding_in_no_source_is_listed_without_a_place() -> None:
    report = citecheck.check_text(MIXED)
    report.findings.append(Finding("CC001", "unreadable-input", Severity.ERROR, "odd",
                                   Location("<text>", 99, 1, 99, 1)))
    root = page(report)
    assert len(root.cssselect("ol.findings > li")) == len(report.findings)


@pytest.mark.parametrize("fmt", ["docx"])
def test_docx_locations_are_paragraphs(tmp_path: Path, fmt: str) -> None:
    from tests.test_annotate import small_docx

    path = small_docx(tmp_path / "paper.docx")
    root = page(citecheck.check_file(path))
    where = root.cssselect("ol.findings > li a[href^='#d0-f']")[0].text_content()
    assert where.startswith("paragraph 1, character ")
    assert root.cssselect("ol.findings > li .excerpt")[0].text_content().startswith("near \u201c")


JATS = """<?xml version="1.0" encoding="UTF-8"?>
<article article-type="research-article"><front><journal-meta><journal-id>plos</journal-id>
<issn>1553-7358</issn></journal-meta><article-meta><title-group><article-title>Bones &amp; pain</article-title>
</title-group></article-meta></front><body><sec><title>Introduction</title>
<p>Metastases are common <xref ref-type="bibr" rid="r1">[1]</xref>; &lt;script&gt;x&lt;/script&gt; stays text.</p>
</sec></body><back><ref-list><ref id="r1"><label>1</label><mixed-citation>Macedo F, Ladeira K. Bone metastases: an
overview. Oncol Rev. 2017;11:321.</mixed-citation></ref><ref id="r2"><label>2</label><mixed-citation>Hong S.
Skeletal events. Sci Rep. 2020;10:1.</mixed-citation></ref></ref-list></back></article>
"""


def test_jats_is_shown_as_its_text(tmp_path: Path) -> None:
    path = tmp_path / "article.xml"
    path.write_text(JATS, encoding="utf-8")
    root = page(citecheck.check_file(path))
    text = root.cssselect("div.src")[0].text_content()
    assert text.startswith("Bones & pain\n")
    assert "1553-7358" not in text  # publisher metadata is left out
    assert "<xref" not in text and "<p>" not in text
    assert "Metastases are common [1" in text and "<script>x</script> stays text." in text
    assert [c.get("data-status") for c in root.cssselect("a.cite")] == [OK]
    assert root.cssselect("ol.findings > li")[0].get("data-code") == "CC101"
    assert "Hong S." in root.get_element_by_id("d0-f0").getparent().text_content()


def test_related_places_are_linked_from_the_findings_panel() -> None:
    root = page(citecheck.check_file(ZH))
    duplicate = root.cssselect("ol.findings > li[data-code='CC201']")[0]
    links = [(a.get("href"), a.text_content()) for a in duplicate.cssselect("ul.related a")]
    assert links == [
        ("#d0-r7", "reference 8: the entry to keep"),
        ("#d0-r9", "reference 10: the same work as reference 8"),
        ("#d0-c6", "cites reference 10; cite reference 8 instead"),
    ]
    assert root.get_element_by_id("d0-c6").get("data-labels") == "10"
