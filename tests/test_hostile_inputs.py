"""Hostile inputs found by fuzzing (issue 10): each is bad input, reported as
one clear CC001 (or skipped with a message), never an internal error, a hang
or unbounded memory.  The builders are shared with ``bench/hostile.py``,
which measures them at full size."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from citecheck.api import check_file
from citecheck.model import Source
from citecheck.readers import bibtex
from citecheck.readers.bibtex import parse_bibtex
from tests import hostile_build as build


def _rows(report) -> list[tuple[str, str, int, str]]:
    return [(Path(f.location.path).name, f.code, f.location.line, f.message) for f in report.findings]


def _no_internal_error(report) -> None:
    assert not any("internal error" in f.message for f in report.findings), report.findings


# -- BibTeX @string expansion bomb ---------------------------------------------


def test_string_bomb_is_reported_once_and_the_other_entries_are_kept(tmp_path: Path) -> None:
    path = build.bib_bomb(tmp_path)
    assert path.stat().st_size < 900
    report = check_file(path)
    _no_internal_error(report)
    cc001 = [(line, message) for _, code, line, message in _rows(report) if code == "CC001"]
    assert cc001 == [
        (15, "@string macro m14 expands to more than 200,000 characters; entries that use it are skipped"),
        (32, "field title of entry bomb uses an @string macro that is too large; the entry is skipped"),
    ]
    assert [f.code for f in report.findings if f.code != "CC001"] == ["CC402"]  # "fine" is read


def test_string_bomb_keeps_the_good_entries() -> None:
    lines = ['@string{m0 = "xxxxxxxxxxxxxxxx"}']
    lines += [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, 31)]
    lines.append("@article{bomb, title = m30}")
    lines.append("@article{fine, title = {Bone}, journal = m3}")
    text = "\n".join(lines)
    database = parse_bibtex(text, Source("t.bib", text))
    assert [r.label for r in database.references] == ["fine"]
    assert database.references[0].fields.container == "x" * 16 * 8
    assert [p.code for p in database.problems] == ["CC001", "CC001"]


def test_expansions_adding_up_past_the_file_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    # Each field is small, but together they pass the budget: the later entries go.
    monkeypatch.setattr(bibtex, "EXPANSION_FLOOR", 1000)
    monkeypatch.setattr(bibtex, "EXPANSION_FACTOR", 1)
    text = '@string{big = "' + "y" * 300 + '"}\n' + "".join(
        f"@misc{{k{i}, title = big}}\n" for i in range(10))
    database = parse_bibtex(text, Source("t.bib", text))
    kept = [r.label for r in database.references]
    assert 1 <= len(kept) < 10 and kept == [f"k{i}" for i in range(len(kept))]
    assert all("more than" in p.message and p.code == "CC001" for p in database.problems)
    assert len(database.problems) == 10 - len(kept)


# -- CSL-JSON / YAML / docx: bad input, not internal errors ------------------------


@pytest.mark.parametrize(("builder", "message"), [
    (build.csl_big_int, "invalid CSL-JSON: a number has 5,000 digits (the limit is 100)"),
    (build.csl_deep_json, "invalid CSL-JSON: the data is nested too deeply"),
    (build.csl_deep_yaml, "invalid YAML: the data is nested too deeply"),
])
def test_hostile_csl_bibliographies(tmp_path: Path, builder, message: str) -> None:
    report = check_file(builder(tmp_path))
    _no_internal_error(report)
    assert [m for _, code, _, m in _rows(report) if code == "CC001"] == [message]


def test_a_huge_integer_in_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "fm.md"
    path.write_text("---\ntitle: x\nvolume: " + "9" * 5000 + "\n---\n\nText [@a].\n", encoding="utf-8")
    report = check_file(path)
    _no_internal_error(report)
    assert ("fm.md", "CC001", 2, "invalid YAML front matter: a number has too many digits") in _rows(report)


def test_a_corrupted_deflate_stream_in_a_docx(tmp_path: Path) -> None:
    report = check_file(build.docx_bad_deflate(tmp_path))
    _no_internal_error(report)
    [(name, code, line, message)] = _rows(report)
    assert (code, line) == ("CC001", 1)
    assert message.startswith("cannot read package entry 'word/document.xml' (Error -3 while decompressing")


# -- long runs and many citations ---------------------------------------------------


def test_nested_parentheses_in_a_reference_parse(tmp_path: Path) -> None:
    from citecheck.refparse import parse_reference

    fields = parse_reference("Macedo F. " + "(" * 50_000 + ")" * 50_000 + " Oncol Rev. 2017;11:321.")
    assert fields.authors[0].family == "Macedo"
    report = check_file(build.nested_parens(50_000)(tmp_path))
    _no_internal_error(report)
    assert [f.code for f in report.findings] == ["CC402"]  # no title: the parentheses are not one


def test_a_long_reference_keeps_its_identifiers_past_the_parse_limit() -> None:
    from citecheck.refparse import parse_reference
    from citecheck.refparse.parser import MAX_PARSE_CHARS

    head = "Macedo F, Ladeira K. Bone metastases: an overview. Oncol Rev. 2017;11(1):321."
    fields = parse_reference(head + " Note" + " word" * MAX_PARSE_CHARS + ". doi:10.1000/xyz123")
    short = parse_reference(head)
    assert (fields.authors, fields.title, fields.year) == (short.authors, short.title, 2017)
    assert fields.doi == "10.1000/xyz123"


def test_too_many_citations_is_refused_as_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.parsing import citations

    monkeypatch.setattr(citations, "MAX_CITATIONS", 1_000)
    report = check_file(build.many_citations(1_001)(tmp_path))
    assert [(code, line, message) for _, code, line, message in _rows(report)] == [
        ("CC001", 1, "more than 1,000 citations; citecheck refuses a file this large "
                     "(a limit against hostile input)")]
    assert len(check_file(build.many_citations(1_000)(tmp_path)).findings) == 0


@pytest.mark.parametrize("suffix", ["md", "tex"])
def test_the_citation_limit_holds_for_pandoc_and_latex(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                        suffix: str) -> None:
    from citecheck.parsing import citations, latex_scan

    monkeypatch.setattr(citations, "MAX_CITATIONS", 100)
    monkeypatch.setattr(latex_scan, "MAX_CITATIONS", 100)
    cite = "[@a]" if suffix == "md" else "\\cite{a}"
    path = tmp_path / f"many.{suffix}"
    path.write_text(cite * 101 + "\n", encoding="utf-8")
    report = check_file(path)
    assert [f.code for f in report.findings] == ["CC001"]
    assert "more than 100 citation" in report.findings[0].message


def test_ranges_naming_too_many_references_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.parsing import citations

    monkeypatch.setattr(citations, "MAX_CITED_LABELS", 50_000)
    path = tmp_path / "ranges.txt"
    path.write_text("Text " + "[1-9999] " * 6 + ".\n\nReferences\n\n" + build.REF, encoding="utf-8")
    report = check_file(path)
    assert [f.code for f in report.findings] == ["CC001"]
    assert "name more than 50,000 references in all" in report.findings[0].message


def test_a_long_range_gives_a_short_message(tmp_path: Path) -> None:
    path = tmp_path / "range.txt"
    path.write_text("Text [1-9999].\n\nReferences\n\n" + build.REF, encoding="utf-8")
    [finding] = check_file(path).findings
    assert finding.message == "citation [1-9999] refers to references 2-9999, but the list has 1 reference"


def test_a_range_too_long_to_be_a_citation_allocates_nothing(tmp_path: Path) -> None:
    report = check_file(build.huge_range(tmp_path))
    assert [f.code for f in report.findings] == ["CC101"]  # [1-10000000] is not a citation


@pytest.mark.parametrize("builder", [build.bracket_md, build.bracket_docx])
def test_a_bracket_of_100000_numbers_is_not_a_citation(tmp_path: Path, builder) -> None:
    report = check_file(builder(tmp_path))
    assert [f.code for f in report.findings] == ["CC101"]


def test_repeats_in_a_citation_of_many_ranges_are_found_in_linear_time() -> None:
    from citecheck.model import Citation, CitationStyle, CiteItem, Span
    from citecheck.rules import REGISTRY, RuleContext
    from citecheck.model import Document

    items = tuple(CiteItem("1-9999", Span(0, 1), 1, 9999, is_range=True) for _ in range(12))
    citation = Citation(Span(0, 1), "[...]", items, CitationStyle.BRACKET)
    document = Document(path="t", format="text", sources=[Source("t", "x")], citations=[citation])
    rule = REGISTRY["CC103"]
    [finding] = rule.check(document, RuleContext(rule, document, {}, {}))
    assert len(finding.references) == 9999


# -- named pipes and other non-regular files -----------------------------------------

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes on this platform")


@needs_fifo
def test_a_named_pipe_named_directly_is_refused_without_opening(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    report = check_file(tmp_path / "pipe.txt")
    assert _rows(report) == [
        ("pipe.txt", "CC001", 1, "is a named pipe (FIFO), not a regular file; it was not read")]


@needs_fifo
def test_a_device_is_refused(tmp_path: Path) -> None:
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    report = check_file("/dev/zero")
    assert [f.message for f in report.findings] == ["is a device, not a regular file; it was not read"]


@needs_fifo
def test_named_pipes_in_a_walk_and_as_includes(tmp_path: Path) -> None:
    from citecheck.discover import expand_paths

    for name in ("pipe.md", "chap.tex", "refs.bib", "refs.json", "x.xml", ".gitignore"):
        os.mkfifo(tmp_path / name)
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\input{chap}\n\\cite{a}\n\\bibliography{refs}\n"
        "\\end{document}\n", encoding="utf-8")
    (tmp_path / "pd.md").write_text("---\nbibliography: refs.json\n---\n\nText [@a].\n", encoding="utf-8")
    paths = expand_paths([str(tmp_path)])
    assert sorted(Path(p).name for p in paths) == ["main.tex", "pd.md"]
    pipe = "is a named pipe (FIFO), not a regular file; it was not read"
    main = _rows(check_file(tmp_path / "main.tex"))
    assert [(line, message) for _, code, line, message in main if code == "CC001"] == [
        (3, f"cannot read {tmp_path / 'chap.tex'}: {pipe}"),
        (5, f"cannot read {tmp_path / 'refs.bib'}: {pipe}"),
    ]
    pandoc = _rows(check_file(tmp_path / "pd.md"))
    assert [(line, message) for _, code, line, message in pandoc if code == "CC001"] == [
        (2, f"cannot read {tmp_path / 'refs.json'}: {pipe}")]


# -- a document type hidden by the part's encoding -------------------------------------

PLAIN_DOCUMENT = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  "<w:body><w:p><w:r><w:t>Text [1].</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize(("encoding", "declaration"), [
    ("utf-16-le", '<?xml version="1.0" encoding="UTF-16"?>'),
    ("utf-16-be", '<?xml version="1.0" encoding="UTF-16"?>'),
    ("utf-16-le", ""),
    ("utf-16-le", "\n"),
    ("utf-32-le", ""),
    ("utf-8", '<?xml version="1.0"?>'),
])
def test_a_doctype_in_any_unicode_encoding_without_a_bom_is_refused(
        tmp_path: Path, encoding: str, declaration: str) -> None:
    from tests.docx_build import new_document, rewrite_zip, save

    plain = save(new_document(), tmp_path / "plain.docx")
    xml = declaration + '<!doctype w:document [<!ENTITY e "x">]>' + PLAIN_DOCUMENT
    assert not xml.encode(encoding).startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf"))
    path = rewrite_zip(plain, replace={"word/document.xml": xml.encode(encoding)}, out=tmp_path / "hidden.docx")
    report = check_file(path)
    assert [f.code for f in report.findings] == ["CC001"]
    assert "declares a document type" in report.findings[0].message


def test_a_doctype_the_byte_search_cannot_see_is_refused_after_parsing() -> None:
    from citecheck.errors import InputError
    from citecheck.readers.safety import parse_office_xml

    # UTF-7 spells "<" as "+ADw-": only the parsed tree shows the document type.
    xml = ('<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE w:document+AD4-' + PLAIN_DOCUMENT).encode("ascii")
    with pytest.raises(InputError) as caught:
        parse_office_xml("x.docx", "word/document.xml", xml)
    assert "declares a document type" in caught.value.message


# -- terminal injection ----------------------------------------------------------------

HOSTILE_NAME = "bad\x1b[2J\x07name\nfake.txt:1:1: CC000 forged\r.txt"


@pytest.fixture
def injected(tmp_path: Path):
    """A report whose file name, cite key and reference text hold control characters."""
    path = tmp_path / HOSTILE_NAME
    path.write_text("Text [1] [2].\n\nReferences\n\n"
                    "1. Macedo F. Bone \x1b]0;pwned\x07Metastases. Oncol Rev. 2017;11:321.\n", encoding="utf-8")
    keys = tmp_path / "keys.md"
    keys.write_text('---\nreferences:\n- id: "a\\e[31m\\u202eb"\n  title: T\n  issued: 2020\n---\n\n'
                    "Text [@a\u202eq].\n", encoding="utf-8")
    from citecheck.api import check_paths

    return check_paths([str(path), str(keys)]), path


_RAW = ("\x1b", "\x07", "\r", "\u202e")


def test_text_output_escapes_control_characters(injected) -> None:
    from citecheck.reporters.text import render_text

    report, path = injected
    out = render_text(report)
    assert not any(ch in out for ch in _RAW)
    lines = out.splitlines()
    assert len(lines) == len(report.findings) + 1  # no line faked by the file name
    assert all(line.startswith((str(path.parent), "keys.md", str(path.parent / "keys.md"))) for line in lines[:-1])
    assert "bad\\x1b[2J\\x07name\\nfake.txt:1:1: CC000 forged\\r.txt:1:10: CC102" in out
    assert "'a\\x1b[31m\\u202eb'" in out


def test_github_output_escapes_control_characters(injected) -> None:
    from citecheck.reporters.github import render_github

    report, _ = injected
    out = render_github(report)
    assert not any(ch in out for ch in _RAW)
    assert len(out.splitlines()) == len(report.findings) + 1
    assert all(line.startswith("::") for line in out.splitlines()[:-1])


def test_machine_formats_stay_valid_and_faithful(injected, tmp_path: Path) -> None:
    import json
    import xml.etree.ElementTree as ET

    from citecheck.reporters.json import render_json
    from citecheck.reporters.junit import render_junit
    from citecheck.reporters.sarif import render_sarif

    report, path = injected
    data = json.loads(render_json(report))
    assert str(path) in {f["path"] for f in data["findings"]}
    assert any("a\x1b[31m\u202eb" in f["message"] for f in data["findings"])
    sarif = json.loads(render_sarif(report))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for result in sarif["runs"][0]["results"] for loc in result["locations"]}
    assert any("bad%1B%5B2J%07name%0Afake.txt" in uri for uri in uris)
    ET.fromstring(render_junit(report).split("\n", 1)[1])  # XML 1.0 cannot carry ESC: replaced, still valid


@pytest.mark.skipif(os.name != "posix", reason="undecodable file names are a POSIX matter")
def test_an_undecodable_file_name_does_not_break_any_format(tmp_path: Path) -> None:
    import json

    from citecheck.api import check_paths
    from citecheck.reporters import REPORTERS, RenderOptions

    raw = os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt")
    with open(raw, "wb") as handle:
        handle.write(b"Text [2].\n\nReferences\n\n1. Macedo F. Bone. Oncol Rev. 2017;11:321.\n")
    report = check_paths([os.fsdecode(raw)])
    for name, render in REPORTERS.items():
        out = render(report, RenderOptions())
        out.encode("utf-8")  # no lone surrogate left
        if name == "text":
            assert "bad\\xffname.txt" in out
    assert json.loads(REPORTERS["json"](report, RenderOptions()))["findings"][0]["path"] == os.fsdecode(raw)


# -- includes confined to the project --------------------------------------------------


@pytest.fixture
def escape(tmp_path: Path) -> Path:
    """A project whose manuscripts name files outside it; returns the project folder."""
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "refs.bib").write_text("@article{secretkey, title={Secret}, author={X, Y}, journal={J}, year=2020}\n",
                                     encoding="utf-8")
    (secret / "chap.tex").write_text("Secret text \\cite{leak}\n", encoding="utf-8")
    project = tmp_path / "proj"
    project.mkdir()
    (project / "refs.bib").write_text("@article{a, title={A}, author={X, Y}, journal={J}, year=2020}\n",
                                      encoding="utf-8")
    (project / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\input{../secret/chap}\n"
        f"\\input{{{secret / 'chap'}}}\n\\cite{{a}}\n\\bibliography{{../secret/refs,refs}}\n\\end{{document}}\n",
        encoding="utf-8")
    (project / "pd.md").write_text(f"---\nbibliography: [../secret/refs.bib, {secret / 'refs.bib'}]\n---\n\n"
                                   "Text [@secretkey].\n", encoding="utf-8")
    return project


def _outside(report) -> list[tuple[str, int, int, str]]:
    return [(Path(f.location.path).name, f.location.line, f.location.column, f.message)
            for f in report.findings if f.code == "CC005"]


def test_latex_includes_outside_the_project_are_reported_and_not_read(escape: Path) -> None:
    report = check_file(escape / "main.tex")
    secret = escape.parent.resolve() / "secret"
    tail = f"is outside the project ({escape.resolve()}); not read (--allow-outside-includes reads it)"
    assert _outside(report) == [
        ("main.tex", 3, 1, f"\\input{{../secret/chap}}: {secret / 'chap.tex'} {tail}"),
        ("main.tex", 4, 1, f"\\input{{{secret / 'chap'}}}: {secret / 'chap.tex'} {tail}"),
        ("main.tex", 6, 1, f"\\bibliography{{../secret/refs}}: {secret / 'refs.bib'} {tail}"),
    ]
    assert not any("secret" in f.location.path or "leak" in f.message for f in report.findings)
    assert {f.code for f in report.findings} == {"CC005"}  # \cite{a} resolves in refs.bib


def test_pandoc_bibliographies_outside_the_project(escape: Path) -> None:
    report = check_file(escape / "pd.md")
    assert [(line, message.split(":")[0]) for _, line, _, message in _outside(report)] == [
        (2, "bibliography ../secret/refs.bib"), (2, f"bibliography {escape.parent / 'secret' / 'refs.bib'}")]
    assert not any("secret" in f.location.path for f in report.findings)


@pytest.mark.parametrize("how", ["library", "cli", "config"])
def test_reading_outside_the_project_can_be_allowed(escape: Path, how: str) -> None:
    if how == "library":
        report = check_file(escape / "main.tex", allow_outside_includes=True)
        codes = sorted({(Path(f.location.path).name, f.code) for f in report.findings})
    else:
        from click.testing import CliRunner

        from citecheck.cli import cli

        args = ["check", str(escape / "main.tex"), "--format", "json"]
        if how == "cli":
            args.append("--allow-outside-includes")
        else:
            (escape / ".citecheck.toml").write_text("allow-outside-includes = true\n", encoding="utf-8")
        result = CliRunner().invoke(cli, args)
        import json

        codes = sorted({(Path(f["path"]).name, f["code"]) for f in json.loads(result.output)["findings"]})
    assert codes == [("chap.tex", "CC102"), ("refs.bib", "CC101")]  # the secret files were read


def test_a_symbolic_link_out_of_the_project_is_outside(escape: Path) -> None:
    os.symlink(escape.parent / "secret" / "refs.bib", escape / "linked.bib")
    (escape / "link.tex").write_text("\\documentclass{article}\n\\cite{secretkey}\n\\bibliography{linked}\n",
                                     encoding="utf-8")
    report = check_file(escape / "link.tex")
    assert [(line, message.split(":")[0]) for _, line, _, message in _outside(report)] == [
        (3, "\\bibliography{linked}")]


def test_a_tex_root_comment_cannot_leave_the_project(escape: Path) -> None:
    (escape / "chapter.tex").write_text(f"% !TEX root = {escape.parent / 'secret' / 'main.tex'}\n\\cite{{a}}\n",
                                        encoding="utf-8")
    (escape.parent / "secret" / "main.tex").write_text("\\documentclass{article}\n\\bibliography{refs}\n",
                                                      encoding="utf-8")
    from citecheck.api import parse_file

    assert parse_file(escape / "chapter.tex").metadata["root"] is None
    assert parse_file(escape / "chapter.tex", allow_outside_includes=True).metadata["root"] is not None


def test_includes_inside_a_git_work_tree_are_inside(escape: Path) -> None:
    (escape.parent / ".git").mkdir()  # the work tree holds both folders
    report = check_file(escape / "main.tex")
    assert [f.code for f in report.findings if f.code == "CC005"] == []


def test_a_manubot_file_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    content = tmp_path / "proj" / "content"
    content.mkdir(parents=True)
    (content / "metadata.yaml").write_text("title: x\n", encoding="utf-8")
    (tmp_path / "manual.json").write_text('[{"id": "raw:x", "title": "Secret"}]', encoding="utf-8")
    os.symlink(tmp_path / "manual.json", content / "manual-references.json")
    (content / "01.intro.md").write_text("Text [@raw:x].\n", encoding="utf-8")
    report = check_file(content / "01.intro.md")
    assert [(line, message.split(":")[0]) for _, line, _, message in _outside(report)] == [
        (1, str(content / "manual-references.json"))]


def test_printable_text_is_printed_as_it_is() -> None:
    # reporters.options.printable returns printable text untouched: what it stands on is that
    # every character its table escapes is unprintable.
    from citecheck.reporters.options import _ESCAPES, printable

    assert all(not chr(code).isprintable() for code in _ESCAPES)
    assert printable("Müller 2020 – “ok” 中文") == "Müller 2020 – “ok” 中文"
    assert printable("a\x1b[2J\u202eb\udcff") == "a\\x1b[2J\\u202eb\\xff"
