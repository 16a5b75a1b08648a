"""Manubot manuscripts: identifier keys, citation aliases, manual references, multi-file projects."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from citecheck.api import check_file, check_text, parse_file
from citecheck.discover import expand_paths
from citecheck.doi import is_valid_doi
from citecheck.model import Severity
from citecheck.parsing.masking import mask_markdown
from citecheck.parsing.pandoc_cites import scan_pandoc
from citecheck.readers.manubot import find_aliases, find_project, manual_key, split_key, standard_id
from citecheck.runner import check_many
from tests.paths import CORPUS, needs_shared

DEEP_REVIEW = CORPUS / "markdown" / "deep-review" / "content"


def keys(text: str) -> list[tuple[str, ...]]:
    return [c.labels for c in scan_pandoc(mask_markdown(text), text)]


def found(report) -> list[tuple[str, int, int]]:
    return [(f.code, f.location.line, f.location.column) for f in report.findings]


def tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


# --- key syntax -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See [@url:https://www.cameo3d.org].", [("url:https://www.cameo3d.org",)]),
        ("See [@doi:10.1016/j.cell.2015.03.005].", [("doi:10.1016/j.cell.2015.03.005",)]),
        ("In text @doi:10.1016/j.cell.2015.03.005.", [("doi:10.1016/j.cell.2015.03.005",)]),
        # pandoc ends a key before a final '/' or '.': braces keep them.
        ("[@url:https://example.org/a/]", [("url:https://example.org/a",)]),
        ("[@{url:https://example.org/a/}]", [("url:https://example.org/a/",)]),
        # '=' is not key punctuation: the rest is the citation's suffix.
        ("[@url:https://example.org/x?id=3]", [("url:https://example.org/x?id",)]),
        ("[@{url:https://example.org/x?id=3}]", [("url:https://example.org/x?id=3",)]),
        ("[@arxiv:1409.0473; @pmcid:PMC4765623; @tag:Abe_2003]",
         [("arxiv:1409.0473", "pmcid:PMC4765623", "tag:Abe_2003")]),
        # An ordinary URL is still no citation, nor an e-mail address.
        ("Visit https://example.org/@home or me@example.org.", []),
    ],
)
def test_manubot_key_syntax(text: str, expected: list[tuple[str, ...]]) -> None:
    assert keys(text) == expected


def test_a_cited_alias_is_a_citation_even_where_it_is_defined() -> None:
    text = "As shown [@tag:Abe].\n\n[@tag:Abe]: doi:10.1101/gr.634603\n"
    assert keys(text) == [("tag:Abe",)]  # the definition line is not a citation


@pytest.mark.parametrize(
    ("key", "split", "standard"),
    [
        ("doi:10.1038/NBT.3300", ("doi", "10.1038/NBT.3300"), "doi:10.1038/nbt.3300"),
        ("DOI:10.1038/nbt.3300", ("doi", "10.1038/nbt.3300"), "doi:10.1038/nbt.3300"),
        ("arxiv:1409.0473", ("arxiv", "1409.0473"), "arxiv:1409.0473"),
        ("url:https://A.org/X", ("url", "https://A.org/X"), "url:https://A.org/X"),
        ("raw:my-ref", ("raw", "my-ref"), "raw:my-ref"),
        ("tag:Abe", None, None),
        ("smith2020", None, None),
    ],
)
def test_identifier_keys(key: str, split, standard) -> None:
    assert split_key(key) == split
    assert standard_id(key) == standard


def test_manual_reference_ids() -> None:
    assert manual_key("url:https://github.com/x") == "url:https://github.com/x"
    assert manual_key("doi:10.1093/BIB/bbw110") == "doi:10.1093/bib/bbw110"
    # Manubot standardises a manual item's id as it does a citation key (prefix inferred).
    assert manual_key("10.1101/050757") == "doi:10.1101/050757"
    assert manual_key("private-message") == "private-message"  # unhandled: matched as written


def test_aliases_in_code_or_comments_are_not_definitions() -> None:
    text = "```\n[@tag:a]: doi:10.1/a\n```\n<!--\n[@tag:b]: doi:10.1/b\n-->\n[@tag:c]: <doi:10.1234/c>\n"
    aliases = find_aliases(text)
    assert [(a.key, a.target) for a in aliases] == [("tag:c", "doi:10.1234/c")]
    assert text[aliases[0].span.start : aliases[0].span.end] == "tag:c"


# --- one file ---------------------------------------------------------------

ONE_FILE = (
    "Deep learning [@doi:10.1038/nbt.3300; @tag:Abe].\n"  # 1
    "Again [@DOI:10.1038/NBT.3300] and [@arxiv:1409.0473].\n"  # 2
    "Missing [@tag:nowhere].\n"  # 3
    "\n"  # 4
    "[@tag:Abe]: doi:10.1101/gr.634603\n"  # 5
    "[@tag:unused]: pmid:12345\n"  # 6
)


def test_identifier_keys_resolve_by_themselves() -> None:
    report = check_text(ONE_FILE, format="markdown")
    assert found(report) == [("CC102", 3, 9), ("CC101", 6, 3)]
    missing, unused = report.findings
    assert missing.references == ("tag:nowhere",)
    assert unused.severity is Severity.INFO  # an alias is a database entry
    assert unused.references == ("tag:unused",)


def test_identifier_references_carry_their_identifiers() -> None:
    from citecheck.readers.text import parse_text

    document = parse_text(ONE_FILE, markdown=True)
    refs = {r.label: r for r in document.references}
    assert sorted(refs) == ["arxiv:1409.0473", "doi:10.1038/nbt.3300", "tag:Abe", "tag:unused"]
    assert refs["doi:10.1038/nbt.3300"].fields.doi == "10.1038/nbt.3300"
    assert refs["arxiv:1409.0473"].fields.arxiv == "1409.0473"
    assert refs["tag:Abe"].fields.doi == "10.1101/gr.634603"
    assert refs["tag:unused"].fields.pmid == "12345"
    # Two spellings of one DOI are one reference: the second citation points at the first key.
    assert [c.labels for c in document.citations] == [
        ("doi:10.1038/nbt.3300", "tag:Abe"), ("doi:10.1038/nbt.3300",), ("arxiv:1409.0473",),
        ("tag:nowhere",)]
    assert document.citations[1].items[0].text == "@DOI:10.1038/NBT.3300"


def test_an_identifier_and_an_alias_of_the_same_doi_are_one_reference() -> None:
    # Manubot gives every key of one standard id one CSL item: the reference
    # list holds the work once, so this is no duplicate (it was reported as
    # CC201, a false alarm found on dib-lab/2020-paper-sourmash-gather).
    text = "First [@doi:10.1234/ABC.5].\nThen [@tag:foo].\n\n[@tag:foo]: doi:10.1234/abc.5\n"
    report = check_text(text, format="markdown", select=["CC1", "CC2"])
    assert found(report) == []
    document = report.documents[0]
    assert [r.label for r in document.references] == ["doi:10.1234/ABC.5"]
    assert [c.labels for c in document.citations] == [("doi:10.1234/ABC.5",), ("doi:10.1234/ABC.5",)]
    # The alias cited first, the identifier after: the same.
    text = "First [@tag:foo].\nThen [@doi:10.1234/ABC.5].\n\n[@tag:foo]: doi:10.1234/abc.5\n"
    report = check_text(text, format="markdown", select=["CC1", "CC2"])
    assert found(report) == [] and [r.label for r in report.documents[0].references] == ["tag:foo"]


def test_two_aliases_of_one_doi_are_one_reference() -> None:
    text = "First [@tag:a].\nThen [@tag:b].\n\n[@tag:a]: doi:10.1234/x\n[@tag:b]: DOI:10.1234/X\n"
    report = check_text(text, format="markdown", select=["CC1", "CC2"])
    assert found(report) == []


def test_aliases_in_a_references_chapter_and_identifiers_in_others_are_one_reference(tmp_path: Path) -> None:
    # The shape of dib-lab/2020-paper-sourmash-gather: aliases in 07.references.md,
    # one chapter citing the alias and another the DOI itself.
    tree(tmp_path, {
        "content/metadata.yaml": "title: x\n",
        "content/01.results.md": "Mash Screen [@mash_screen] and [@doi:10.1186/s13059-019-1841-x].\n",
        "content/02.methods.md": "Containment [@twice].\n",
        "content/07.references.md": ("[@mash_screen]: doi:10.1186/s13059-019-1841-x\n\n"
                                     "[@twice]: doi:10.1186/S13059-019-1841-X\n\n"
                                     "[@unused]: doi:10.1186/s13059-019-1841-x\n"),
    })
    report = check_many(expand_paths([str(tmp_path / "content")]))
    assert [(f.code, Path(f.path).name, f.references) for f in report.findings] == [
        ("CC101", "07.references.md", ("unused",))]  # an alias nobody cites is still reported


def test_a_malformed_doi_alias_keeps_what_was_written() -> None:
    from citecheck.readers.text import parse_text

    text = "See [@tag:bad] and [@doi:10.12/short-prefix].\n\n[@tag:bad]: doi:1O.1101/gr.634603\n"
    refs = {r.label: r for r in parse_text(text, markdown=True).references}
    assert refs["tag:bad"].fields.raw_doi == "1O.1101/gr.634603"
    assert not is_valid_doi(refs["tag:bad"].fields.doi)
    assert refs["doi:10.12/short-prefix"].fields.raw_doi == "10.12/short-prefix"
    assert not is_valid_doi(refs["doi:10.12/short-prefix"].fields.doi)


@pytest.mark.skipif(importlib.util.find_spec("citecheck.rules.malformed_doi") is None,
                    reason="CC401 malformed-doi is not on this branch yet")
def test_a_malformed_doi_key_or_alias_is_cc401() -> None:
    text = "See [@tag:bad] and [@doi:10.12/short-prefix].\n\n[@tag:bad]: doi:1O.1101/gr.634603\n"
    report = check_text(text, format="markdown", select=["CC401"])
    assert found(report) == [("CC401", 1, 26), ("CC401", 3, 17)]  # at the DOI itself


def test_identifier_references_are_not_incomplete() -> None:
    report = check_text("See [@doi:10.1038/nbt.3300] and [@url:https://example.org/page].\n",
                        format="markdown", select=["CC402"])
    assert found(report) == []


def test_with_a_bibliography_and_no_manubot_sign_identifier_keys_are_missing(tmp_path: Path) -> None:
    tree(tmp_path, {
        "refs.bib": "@article{smith2020, author={Smith, J}, title={A}, journal={J}, year={2020}}\n",
        "paper.md": "---\nbibliography: refs.bib\n---\n\nAs [@smith2020; @doi:10.1038/nbt.3300].\n",
    })
    report = check_file(tmp_path / "paper.md", select=["CC0", "CC1"])
    assert found(report) == [("CC102", 5, 4)]


def test_a_plain_pandoc_file_without_identifiers_still_lacks_a_list() -> None:
    report = check_text("As shown [@smith2020].\n", format="markdown", select=["CC0", "CC1"])
    assert [f.code for f in report.findings] == ["CC002"]


# --- a multi-file project ---------------------------------------------------

MANUAL = [
    {"id": "my-dataset", "type": "dataset", "title": "A data set", "issued": {"date-parts": [[2019]]}},
    {"id": "doi:10.5555/XYZ", "type": "article-journal", "title": "Manual metadata",
     "author": [{"family": "Doe", "given": "J"}], "container-title": "J", "DOI": "10.5555/xyz"},
]


def project(root: Path, tags_in: str = "90.back-matter.md") -> Path:
    content = root / "content"
    files = {
        "content/metadata.yaml": "title: A review\n",
        "content/00.front-matter.md": "By {{manubot.date}}.\n",
        "content/01.intro.md": "# Intro\n\nAs [@tag:a] and [@raw:my-dataset] show.\n",
        "content/02.main.md": "Then [@tag:b; @doi:10.5555/xyz].\nAnd [@tag:missing].\n",
        "content/manual-references.json": json.dumps(MANUAL, indent=1),
    }
    defs = "[@tag:a]: doi:10.1234/a\n[@tag:b]: arxiv:1409.0473\n[@tag:unused]: doi:10.1234/u\n"
    if tags_in == "tsv":
        files["content/citation-tags.tsv"] = "tag\tcitation\na\tdoi:10.1234/a\nb\tarxiv:1409.0473\nunused\tdoi:10.1234/u\n"
        files["content/90.back-matter.md"] = "## References\n\n<div id=\"refs\"></div>\n"
    else:
        files["content/90.back-matter.md"] = "## References\n\n<div id=\"refs\"></div>\n"
        files[f"content/{tags_in}"] += "\n" + defs
    tree(root, files)
    return content


def test_a_chapter_is_recognised_by_the_project_signals(tmp_path: Path) -> None:
    content = project(tmp_path)
    found_project = find_project(str(content / "02.main.md"))
    assert found_project is not None
    assert [Path(c).name for c in found_project.chapters] == [
        "00.front-matter.md", "01.intro.md", "02.main.md", "90.back-matter.md"]
    assert find_project(str(content / "manual-references.json")) is None  # not a chapter
    tree(tmp_path, {"book/01.a.md": "[@x]\n", "book/02.b.md": "[@y]\n"})
    assert find_project(str(tmp_path / "book" / "01.a.md")) is None  # numbered files alone are not Manubot


def test_a_chapter_checked_alone_uses_the_whole_folder(tmp_path: Path) -> None:
    content = project(tmp_path)
    report = check_file(content / "01.intro.md", select=["CC0", "CC1"])
    assert found(report) == []
    document = report.documents[0]
    assert document.format == "pandoc"
    refs = {r.label: r for r in document.references}
    assert sorted(refs) == ["raw:my-dataset", "tag:a"]
    assert refs["raw:my-dataset"].fields.title == "A data set"  # from manual-references.json
    assert document.locate(refs["tag:a"].span).path.endswith("90.back-matter.md")


def test_a_project_directory_reports_each_problem_once(tmp_path: Path) -> None:
    content = project(tmp_path)
    report = check_many(expand_paths([str(tmp_path)]))
    codes = [(f.code, Path(f.path).name, f.location.line, f.location.column) for f in report.findings
             if f.code in ("CC002", "CC101", "CC102")]
    assert codes == [("CC102", "02.main.md", 2, 5), ("CC101", "90.back-matter.md", 7, 3)]
    assert next(f for f in report.findings if f.code == "CC101").severity is Severity.INFO
    # The identifier cited in 02.main.md takes the manual reference's metadata.
    main = next(d for d in report.documents if d.path.endswith("02.main.md"))
    manual = next(r for r in main.references if r.label == "doi:10.5555/xyz")
    assert manual.fields.title == "Manual metadata"
    assert main.locate(manual.span).path == str(content / "manual-references.json")


def test_an_entry_shared_by_two_chapters_is_reported_once(tmp_path: Path) -> None:
    project(tmp_path)
    tree(tmp_path, {"content/03.more.md": "Again [@doi:10.5555/xyz].\n"})
    report = check_many(expand_paths([str(tmp_path)]), None)
    incomplete = [f for f in report.findings if f.code == "CC402"]
    assert [(Path(f.path).name, f.references) for f in incomplete] == [
        ("manual-references.json", ("doi:10.5555/xyz",))]  # the manual item has no year


def test_aliases_defined_in_a_chapter_or_in_citation_tags_tsv(tmp_path: Path) -> None:
    content = project(tmp_path / "one", tags_in="01.intro.md")
    report = check_many(expand_paths([str(content)]))
    assert [(f.code, Path(f.path).name) for f in report.findings if f.code in ("CC002", "CC101", "CC102")] == [
        ("CC101", "01.intro.md"), ("CC102", "02.main.md")]
    content = project(tmp_path / "old", tags_in="tsv")
    report = check_many(expand_paths([str(content)]))
    assert [(f.code, Path(f.path).name, f.location.line, f.location.column) for f in report.findings
            if f.code in ("CC002", "CC101", "CC102")] == [
        ("CC101", "citation-tags.tsv", 4, 1),  # reported by the first chapter, 00.front-matter.md
        ("CC102", "02.main.md", 2, 5)]


# --- the deep-review corpus -------------------------------------------------

#: Citations per chapter, as counted independently with grep: the bracket
#: groups holding an '@' key, less those holding only @fig/@tbl
#: cross-references.  06.discussion.md has 158 such groups, one of them
#: "[@tag:Selvaraju2016_grad;; @tag:...; @tag:...]": its empty item makes
#: pandoc read no bracket citation there but three in-text ones, so 160.
DEEP_REVIEW_CITATIONS = {
    "02.intro.md": 27, "03.categorize.md": 138, "04.study.md": 201, "05.treat.md": 114,
    "06.discussion.md": 160, "07.conclusions.md": 13, "08.methods.md": 4,
}


@needs_shared
@pytest.mark.parametrize(("name", "count"), sorted(DEEP_REVIEW_CITATIONS.items()))
def test_deep_review_chapters(name: str, count: int) -> None:
    report = check_file(DEEP_REVIEW / name)
    assert len(report.documents[0].citations) == count
    assert not [f for f in report.findings if f.code in ("CC002", "CC102", "CC101")]


@needs_shared
def test_deep_review_url_keys_are_whole() -> None:
    document = parse_file(DEEP_REVIEW / "03.categorize.md")
    urls = sorted({label for c in document.citations for label in c.labels if label.startswith("url:")})
    assert "url:http://hazyresearch.github.io/snorkel/blog/weak_supervision.html" in urls
    assert "url" not in urls


@needs_shared
def test_deep_review_directory() -> None:
    report = check_many(expand_paths([str(DEEP_REVIEW)]))
    codes = Counter(f.code for f in report.findings)
    assert codes["CC002"] == 0 and codes["CC102"] == 0
    # 355 tags are defined in 90.back-matter.md; 28 of them no chapter cites.
    uncited = [f for f in report.findings if f.code == "CC101"]
    assert len(uncited) == 28
    assert {Path(f.path).name for f in uncited} == {"90.back-matter.md"}
    assert all(f.severity is Severity.INFO for f in uncited)
    assert ("tag:Spark",) in {f.references for f in uncited}
    # Works cited both by DOI and through a tag (or by two tags of one DOI) are
    # one CSL item in Manubot, listed once: no duplicates (five were reported).
    assert codes["CC201"] == 0


# --- Issue 15, class 1: Manubot's own resolution rules, on the deep-review project ----------
# (Manubot's rootstock USAGE.md, "Citations" and "Reference metadata"; manubot.cite.citekey
# and manubot.cite.handlers for the prefixes it handles and the ones it infers.)


def _deep_review_copy(tmp_path: Path, chapter_text: str, manual: list[dict] | None = None,
                      extra: dict[str, str] | None = None) -> Path:
    """The real deep-review content folder, with ``chapter_text`` appended to 02.intro.md."""
    import shutil
    content = tmp_path / "content"
    shutil.copytree(DEEP_REVIEW, content)
    intro = content / "02.intro.md"
    intro.write_text(intro.read_text(encoding="utf-8") + "\n" + chapter_text + "\n", encoding="utf-8")
    if manual:
        path = content / "manual-references.json"
        items = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(items + manual, indent=1), encoding="utf-8")
    for name, text in (extra or {}).items():
        (content / name).write_text(text, encoding="utf-8")
    return intro


def _intro_findings(intro: Path) -> list[tuple[str, tuple[str, ...]]]:
    report = check_file(intro, select=["CC0", "CC1", "CC4"])
    return [(f.code, f.references) for f in report.findings]


@needs_shared
def test_the_deep_review_intro_is_clean_as_a_baseline(tmp_path: Path) -> None:
    assert _intro_findings(_deep_review_copy(tmp_path, "")) == []


@needs_shared
def test_an_unprefixed_key_resolves_against_a_plain_manual_id(tmp_path: Path) -> None:
    # USAGE.md: "to cite @private-message ... a corresponding CSL JSON Item is required"
    # with "id": "private-message".  Older projects wrote @raw:private-message.
    manual = [{"id": "private-message", "type": "personal_communication",
               "title": "Personal communication with Doctor X", "issued": {"date-parts": [[2017]]}}]
    intro = _deep_review_copy(tmp_path, "As Doctor X told us [@private-message]. Again [@raw:private-message].",
                              manual)
    assert _intro_findings(intro) == []
    refs = {r.label: r for r in parse_file(intro).references}
    assert refs["private-message"].fields.title == "Personal communication with Doctor X"


@needs_shared
def test_a_key_without_a_manual_reference_is_still_missing(tmp_path: Path) -> None:
    intro = _deep_review_copy(tmp_path, "As Doctor X told us [@private-message].")
    assert _intro_findings(intro) == [("CC102", ("private-message",))]


@needs_shared
def test_manual_references_bib_gives_metadata(tmp_path: Path) -> None:
    # USAGE.md: other formats than CSL JSON, e.g. content/manual-references.bib.
    bib = "@misc{old-manuscript,\n  author = {Doe, Jane},\n  title = {An old manuscript},\n  year = {1999}\n}\n"
    intro = _deep_review_copy(tmp_path, "As before [@old-manuscript].", extra={"manual-references.bib": bib})
    assert _intro_findings(intro) == []


@needs_shared
def test_prefixes_manubot_handles_or_infers_are_identifiers(tmp_path: Path) -> None:
    text = ("Cited [@pmc:PMC4497619; @pubmed:26158728; @clinicaltrials:NCT04280705; @doi:10/gddkhn; "
            "@10.15363/thinklab.4; @PMC4304851; @1508.06576v2; @Q50051684; @https://nyti.ms/1QUgAt1].")
    intro = _deep_review_copy(tmp_path, text)
    assert _intro_findings(intro) == []  # no CC102, and the shortDOI is not a malformed DOI
    refs = {r.label: r for r in parse_file(intro).references}
    assert refs["pmc:PMC4497619"].fields.pmcid == "PMC4497619"
    assert refs["pubmed:26158728"].fields.pmid == "26158728"
    assert refs["doi:10/gddkhn"].fields.doi is None
    assert refs["doi:10/gddkhn"].fields.url == "https://doi.org/10/gddkhn"
    assert refs["10.15363/thinklab.4"].fields.doi == "10.15363/thinklab.4"


@needs_shared
def test_two_prefixes_of_one_handler_are_one_reference(tmp_path: Path) -> None:
    intro = _deep_review_copy(tmp_path, "Cited [@pmc:PMC4497619] and [@pmcid:PMC4497619].")
    labels = [r.label for r in parse_file(intro).references if "4497619" in r.label]
    assert labels == ["pmc:PMC4497619"]


@needs_shared
def test_undefined_tags_and_cross_references_are_not_identifiers(tmp_path: Path) -> None:
    intro = _deep_review_copy(tmp_path, "See [@tag:Nowhere2020] and @fig:overview.")
    assert _intro_findings(intro) == [("CC102", ("tag:Nowhere2020",))]


@needs_shared
def test_a_letter_beside_the_chapters_is_not_walked() -> None:
    walked = [Path(p).name for p in expand_paths([str(DEEP_REVIEW)])]
    assert "response-to-reviewers.md" not in walked
    assert "02.intro.md" in walked


def test_a_response_letter_in_a_manubot_folder_is_not_checked(tmp_path: Path) -> None:
    project(tmp_path)
    tree(tmp_path, {"content/response-to-reviewers.md": "We added the citation [1] as asked.\n"})
    report = check_many(expand_paths([str(tmp_path)]))
    assert not [f for f in report.findings if f.code == "CC002"]
    assert "response-to-reviewers.md" not in {Path(f.path).name for f in report.files}


@needs_shared
def test_citekey_aliases_in_metadata_yaml(tmp_path: Path) -> None:
    # USAGE.md: "define pandoc.citekey-aliases in metadata.yaml".
    intro = _deep_review_copy(tmp_path, "Citing an alias [@my-doi].")
    metadata = intro.parent / "metadata.yaml"
    metadata.write_text(metadata.read_text(encoding="utf-8")
                        + "pandoc:\n  citekey-aliases:\n    my-doi: doi:10.1016/S0022-2836(05)80360-2\n",
                        encoding="utf-8")
    assert _intro_findings(intro) == []
    ref = next(r for r in parse_file(intro).references if r.label == "my-doi")
    assert ref.fields.doi == "10.1016/s0022-2836(05)80360-2"
    assert parse_file(intro).locate(ref.span).path.endswith("metadata.yaml")


@needs_shared
def test_a_relative_walk_names_each_file_one_way_and_reports_once(monkeypatch) -> None:
    # A chapter read as another chapter's definitions was named by its absolute
    # path, so one duplicate pair in 90.back-matter.md came out twice.
    monkeypatch.chdir(DEEP_REVIEW.parent)
    report = check_many(expand_paths(["content"]))
    places = [(f.code, f.location.line, f.references) for f in report.findings]
    assert len(places) == len(set(places))
    assert all(f.location.path.startswith("content/") for f in report.findings)


def test_manual_references_answer_to_their_standard_citation(tmp_path: Path) -> None:
    # Manubot's CSL_Item.infer_id keys a manual reference by its "standard_citation"
    # field, else the "standard_id:" line of its note, else its "id".  jmonlong/manu-vgsv
    # has items with only "standard_citation": "raw:phylip" (and one whose "id" is a
    # hash): their citations were reported missing (CC102), a false alarm.
    manual = [
        {"type": "article-journal", "standard_citation": "raw:phylip", "title": "PHYLIP",
         "container-title": "Cladistics", "author": [{"family": "Felsenstein", "given": "Joel"}],
         "issued": {"date-parts": [[1989]]}},
        {"type": "article", "standard_citation": "raw:repo", "id": "uTfynuCD", "title": "Scripts",
         "issued": {"date-parts": [[2019]]}},
        {"type": "book", "id": "hash1", "note": "Printed.\nstandard_id: private-note", "title": "A book",
         "publisher": "P", "issued": {"date-parts": [[2000]]}},
    ]
    tree(tmp_path, {
        "content/metadata.yaml": "title: x\n",
        "content/01.main.md": "Trees [@raw:phylip], scripts [@raw:repo] and a book [@private-note].\n",
        "content/manual-references.json": json.dumps(manual, indent=1),
    })
    report = check_file(tmp_path / "content" / "01.main.md", select=["CC0", "CC1"])
    assert found(report) == []
    refs = {r.label: r for r in report.documents[0].references}
    assert refs["raw:phylip"].fields.title == "PHYLIP"
    phylip = report.documents[0].locate(refs["raw:phylip"].span)
    assert phylip.path.endswith("manual-references.json") and phylip.line == 4  # where "raw:phylip" is written
