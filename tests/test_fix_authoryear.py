"""citecheck fix on author-year manuscripts: the list ordered (CC303), duplicates and
uncited entries dropped (CC201, CC101), a citation's year or spelling corrected (CC105).

Each case gives the manuscript and the exact text expected after the fix; the
guarantees (everything outside the citations and the list unchanged, every
citation pointing to the same works, the codes gone, a second fix changing
nothing) are checked on each.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import cli
from citecheck.fix import authoryear
from citecheck.model import CitationStyle
from tests.fix_support import assert_only_citations_and_entries_changed, fix, works
from tests.paths import CORPUS, needs_shared

BODY = "Bone (Jones, 2019; Smith, 2020; Brown, 2018; Lehnert, 1979)."


def paper(body: str, entries: list[str], heading: str = "References", sep: str = "\n") -> str:
    return f"{body}\n\n{heading}\n\n" + sep.join(entries) + "\n"


JONES = "Jones, K. (2019). Bone loss. Bone, 4, 2-8."
SMITH = "Smith, J. (2020). Bone pain. Pain, 3, 1-9."
BROWN = "Brown, A. (2018). Bone cells. Cell, 5, 3-7."
LEHNERT = "Lehnert, W. (1978). The process of question answering. Erlbaum."


def fixed(tmp_path: Path, text: str, unsafe: bool = False, name: str = "p.txt",
          gone: tuple[str, ...] = (), aliases: dict[str, str] | None = None, select: tuple[str, ...] = ()) -> str:
    """The fixed text, after checking the guarantees; ``gone``: codes that must no longer be reported."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = fix(path, unsafe, select)
    assert result.refused is None, result.refused
    if not result.outputs:
        return text
    new = result.outputs[str(path)].decode("utf-8")
    out = tmp_path / ("after" + path.suffix)
    out.write_text(new, encoding="utf-8")
    before, after = citecheck.parse_file(path), citecheck.parse_file(out)
    assert before.style is CitationStyle.AUTHOR_YEAR and after.style is CitationStyle.AUTHOR_YEAR
    assert_only_citations_and_entries_changed(before, after)
    assert works(after) == works(before, aliases)
    assert not [f.code for f in citecheck.check_file(out).findings if f.code in gone]
    assert fix(out, unsafe, select).outputs == {}  # fix twice == fix once
    return new


def _example(doc: str | None, kind: str) -> str:
    """The Bad or Good example of a module docstring, as a file."""
    text = (doc or "").split(kind, 1)[1].split("::\n\n", 1)[1]
    return "\n".join(line[4:] for line in text.split("\n\n\n")[0].split("\nGood")[0].rstrip().splitlines()) + "\n"


def test_bad_good_of_the_fixer_docstring(tmp_path: Path) -> None:
    bad, good = _example(authoryear.__doc__, "Bad"), _example(authoryear.__doc__, "Good (")
    assert bad == paper(BODY, [JONES, SMITH + "\n", BROWN, LEHNERT], sep="\n").replace("\n\nReferences\n\n", "\n\nReferences\n")
    assert fixed(tmp_path, bad, unsafe=True, gone=("CC303", "CC105")) == good
    # Safe fixes only: the list is ordered, the year is left for --unsafe-fixes.
    assert fixed(tmp_path, bad, gone=("CC303",)) == good.replace("Lehnert, 1978)", "Lehnert, 1979)")


def test_bad_good_of_the_rule_docstring(tmp_path: Path) -> None:
    """CC303's own example: after the fix, the Good text, byte for byte."""
    from citecheck.rules import reference_list_order

    bad, good = _example(reference_list_order.__doc__, "Bad"), _example(reference_list_order.__doc__, "Good")
    assert fixed(tmp_path, bad, gone=("CC303",)) == good


def test_entries_of_one_first_author_keep_their_order(tmp_path: Path) -> None:
    """The rule does not judge them (styles differ): a stable sort keeps them as listed, and together."""
    smith_b = "Smith, J., & Adams, B. (2015). Bone age. Age, 1, 2-3."
    text = paper("Bone (Smith, 2020; Jones, 2019; Smith & Adams, 2015; Brown, 2018).", [SMITH, JONES, smith_b, BROWN])
    new = fixed(tmp_path, text, gone=("CC303",))
    assert new.split("References\n\n")[1].splitlines() == [BROWN, JONES, SMITH, smith_b]


def test_unjudged_entries_keep_a_sensible_place(tmp_path: Path) -> None:
    """An entry in CJK characters stays where it is; "———" (same author again) goes with its author."""
    again = "———. (2021). Bone pain again. Pain, 4, 1-9."
    zhang = "张三. (2017). 骨. 骨杂志, 5, 3-7."
    entries = [f"- {e}" for e in (JONES, SMITH, again, BROWN, zhang)]
    text = paper("# Bone\n\nBone (Jones, 2019; Smith, 2020, 2021; Brown, 2018; 张三, 2017).", entries, "# References")
    new = fixed(tmp_path, text, name="p.md", gone=("CC303",))
    assert new.split("# References\n\n")[1].splitlines() == [
        f"- {e}" for e in (BROWN, JONES, SMITH, again, zhang)]


def test_an_entry_that_cannot_be_kept_with_its_author_is_left(tmp_path: Path) -> None:
    again = "———. (2021). Bone pain again. Pain, 4, 1-9."
    zhang = "张三. (2017). 骨. 骨杂志, 5, 3-7."
    text = paper("Bone (Smith, 2020, 2021; Jones, 2019; 张三, 2017; Brown, 2018).", [SMITH, again, JONES, zhang, BROWN])
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    result = fix(path, select=("CC303",))
    assert result.outputs == {} and [reason for _, reason in result.left] == [
        "sorting would part an entry from the entry it continues"]
    assert [f.fix for f in citecheck.check_file(path).findings if f.code == "CC303"] == [None]


def test_separators_and_blank_lines_stay_where_they_were(tmp_path: Path) -> None:
    text = paper(BODY.replace("1979", "1978"), [JONES, SMITH, BROWN, LEHNERT], sep="\n\n")
    new = fixed(tmp_path, text.replace(SMITH + "\n\n", SMITH + "\n"), gone=("CC303",))
    assert new.split("References\n\n")[1] == f"{BROWN}\n\n{JONES}\n{LEHNERT}\n\n{SMITH}\n"


def test_text_between_entries_leaves_the_list_alone(tmp_path: Path) -> None:
    # pdftotext: a page break and the page's number between two entries
    text = paper(BODY.replace("1979", "1978"), [JONES, SMITH + "\n\x0c\n7\n", BROWN, LEHNERT])
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    result = fix(path, select=("CC303",))
    assert result.outputs == {} and result.left
    assert "that is not part of either" in result.left[0][1]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("As Lehnert (1979) showed.", "As Lehnert (1978) showed."),  # narrative
        ("Shown (Lehnert, 1979, p. 4).", "Shown (Lehnert, 1978, p. 4)."),  # locator kept
        ("Shown (see Lehnert 1979; Jones, 2019).", "Shown (see Lehnert 1978; Jones, 2019)."),
        ("Shown (Smith, 2020a).", "Shown (Smith, 2020)."),  # a letter the entry does not have
        ("Shown (Smtih, 2020).", "Shown (Smith, 2020)."),  # spelling
        ("Shown (Jnoes 2019).", "Shown (Jones 2019)."),
        ("As Smtih (2020) and Jones (2019) showed.", "As Smith (2020) and Jones (2019) showed."),
        ("Shown (Rosen & Dhanarj, 2003).", "Shown (Rosen & Dhanarj, 2003)."),  # a co-author's letters: left
        ("Shown (Smith et al., 2016).", "Shown (Smith et al., 2016)."),  # et al. kept
        ("Van der Breg (2011) showed.", "Van der Berg (2011) showed."),  # the particle as written
        ("Shown (Muller et al., 2016).", "Shown (Müller et al., 2016)."),  # accents
    ],
)
def test_cc105_corrects_the_year_or_the_spelling(tmp_path: Path, body: str, expected: str) -> None:
    entries = [JONES, LEHNERT, SMITH,
               "Müller, H., Kim, P., & Ode, T. (2016). Cells. Cell, 2, 1-4.",
               "Rosen, A., & Dhanaraj, B. (2003). Bone. Bone, 1, 1-2.",
               "van der Berg, A. (2011). Joints. Joint, 2, 3-4."]
    entries.sort(key=lambda e: e.lower().replace("van der ", "vander").replace("ü", "u"))
    text = paper(body, entries)
    new = fixed(tmp_path, text, unsafe=True, gone=("CC105",) if expected != body else (), select=("CC105",))
    assert new.split("\n")[0] == expected


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("Shown (Fikes, 1971).", "the co-authors differ"),
        ("Shown (Fikes & Jones, 1971).", "the co-authors differ"),
        ("Shown (Smith, 2020a, b).", 'the same citation already cites "Smith 2020"'),
        ("Shown (Smith, 2019, 2020; Smith 2020).", "the co-authors differ"),
        ("Smyth and Jones (2020) showed.", 'corrected, it would still not match "Smith 2020" exactly'),
        ("Shown (Lehnert, in press).", "only a year written in digits"),
    ],
)
def test_cc105_leaves_what_it_cannot_correct_safely(tmp_path: Path, body: str, reason: str) -> None:
    smith = "Smith, J., Jones, K., & Lee, M. (2020). Bone pain. Pain, 3, 1-9."
    text = paper(body, ["Fikes, R. E., & Nilsson, N. J. (1971). STRIPS. AI, 2, 189-208.", LEHNERT,
                        "Smith, J. (2019). Bone age. Age, 1, 2-3.", smith])
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    result = fix(path, unsafe=True, select=("CC105",))
    assert result.outputs == {}
    assert result.left and all(reason in why for _, why in result.left if _.code == "CC105"), result.left
    report = citecheck.check_file(path)
    assert [f.fix for f in report.findings if f.code == "CC105"] == [None] * len(
        [f for f in report.findings if f.code == "CC105"])


def test_check_marks_cc303_safe_and_cc105_unsafe(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text(paper(BODY + " Also (Fikes, 1971).", [JONES, SMITH, BROWN,
                                                         "Fikes, R., & Nilsson, N. (1971). Strips. AI, 2, 1-2.", LEHNERT]),
                    encoding="utf-8")
    out = CliRunner().invoke(cli, ["check", str(path), "--format", "json"]).output
    assert [(f["code"], f["line"], f["fix"]) for f in json.loads(out)["findings"] if f["code"] != "CC402"] == [
        ("CC105", 1, "unsafe"), ("CC105", 1, None), ("CC303", 5, "safe")]
    text = CliRunner().invoke(cli, ["check", str(path)]).output
    assert f"{path}:5:1: CC303 [*] reference" in text
    assert "[*] 1 fixable with `citecheck fix` (1 more with `citecheck fix --unsafe-fixes`)." in text


# -- the numbered fixes, on author-year lists ---------------------------------

def test_cc201_drops_the_duplicate_without_numbering_anything(tmp_path: Path) -> None:
    """Two entries printing the same authors and year: the citations that were
    ambiguous between them now name the kept one; nothing is renumbered."""
    copy = "Smith, J. (2020). Bone pain. Pain, 3, 1-9. (Reprinted)"
    body = "Bone (Smith, 2020; Jones, 2019) and Smith (2020) after Lehnert (1978)."
    text = paper(body, [JONES, LEHNERT, SMITH, copy])
    new = fixed(tmp_path, text, gone=("CC201",), aliases={"Smith 2020 #2": "Smith 2020"})
    assert new == paper(body, [JONES, LEHNERT, SMITH])


def test_cc201_with_a_cited_duplicate_of_another_year_is_left_with_the_reason(tmp_path: Path) -> None:
    preprint = "Smith, J. (2019). Bone pain. Pain, 3, 1-9."
    text = paper("Bone (Smith, 2020; Jones, 2019; Smith, 2019).", [JONES, preprint, SMITH])
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    assert [f.fix for f in citecheck.check_file(path).findings if f.code == "CC201"] == [None]
    result = CliRunner().invoke(cli, ["fix", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"{path}: nothing fixed\n"
        f"citecheck: {path}:7:1: not fixed: CC201 references Smith 2019 and Smith 2020 are the same work "
        "(same title and first author; years 2019 and 2020); cite reference Smith 2019: \"Smith 2020\" is cited "
        "as (Smith, 2020; Jones, 2019; Smith, 2019), which would not name \"Smith 2019\"; cite the kept entry, "
        "then fix again\n")


def test_cc201_drops_an_uncited_duplicate_of_another_year(tmp_path: Path) -> None:
    preprint = "Smith, J. (2019). Bone pain. Pain, 3, 1-9."
    text = paper("Bone (Smith, 2019; Jones, 2019).", [JONES, preprint, SMITH])
    assert fixed(tmp_path, text, gone=("CC201",)) == paper("Bone (Smith, 2019; Jones, 2019).", [JONES, preprint])


@pytest.mark.parametrize("where", [0, 1, 3])
def test_cc101_unsafe_removes_the_entry_only(tmp_path: Path, where: int) -> None:
    entries = [BROWN, JONES, LEHNERT, SMITH]
    body = "Bone " + "; ".join(f"({e.split(',')[0]}, {e.split('(')[1][:4]})" for i, e in enumerate(entries)
                               if i != where) + "."
    text = paper(body, entries, sep="\n\n")
    assert fixed(tmp_path, text, gone=("CC101",)) == text  # unsafe: not without --unsafe-fixes
    kept = [e for i, e in enumerate(entries) if i != where]
    assert fixed(tmp_path, text, unsafe=True, gone=("CC101",)) == paper(body, kept, sep="\n\n")


def test_numbering_fixes_do_not_apply_to_author_year_lists(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text(paper(BODY, [JONES, SMITH, BROWN, LEHNERT]), encoding="utf-8")
    document = citecheck.parse_file(path)
    from citecheck.fix import fixer_for, numbered

    assert fixer_for(document) is authoryear and not numbered.applies(document)
    assert set(authoryear.CODES) == {"CC101", "CC105", "CC201", "CC303"}  # no CC301/CC302/CC103


# -- Word ----------------------------------------------------------------------

WORD_ENTRIES = [  # (authors and year, italic journal, rest)
    ("Jones, K. (2019). Bone loss. ", "Bone", ", 4, 2-8."),
    ("Smith, J. (2020). Bone pain. ", "Pain", ", 3, 1-9."),
    ("Brown, A. (2018). Bone cells. ", "Cell", ", 5, 3-7."),
    ("Adams, P. (2017). Cartilage and its repair. ", "Joint", ", 2, 4-6."),
]


def word(path: Path, body: str) -> Path:
    from tests.docx_build import new_document, save

    document = new_document()
    paragraph = document.add_paragraph(body[: body.index("(")])
    paragraph.add_run(body[body.index("(") :]).bold = True
    document.add_paragraph("A closing paragraph, untouched.")
    document.add_paragraph("References")
    for authors, journal, rest in WORD_ENTRIES:
        entry = document.add_paragraph(authors)
        entry.add_run(journal).italic = True
        entry.add_run(rest)
    return save(document, path)


def test_word_entries_move_as_paragraphs_keeping_their_runs(tmp_path: Path) -> None:
    from citecheck.readers.docx import parse_docx
    from tests.fix_support import docx_parts, paragraph_xml

    path = word(tmp_path / "p.docx", "Bone (Jones, 2019; Smith, 2020; Brown, 2018; Adams, 2016).")
    before = citecheck.parse_file(path)
    assert [f.code for f in citecheck.check_file(path).findings] == ["CC105", "CC303"]
    result = fix(path, unsafe=True)
    assert result.refused is None, result.refused
    data = result.outputs[str(path)]
    after = parse_docx(data, str(path), None)
    lines = after.main.text.split("\n")
    assert lines[0] == "Bone (Jones, 2019; Smith, 2020; Brown, 2018; Adams, 2017)."
    assert lines[3:] == ["".join(WORD_ENTRIES[i]) for i in (3, 2, 0, 1)]
    assert works(after) == works(before)
    old, new = paragraph_xml(path.read_bytes()), paragraph_xml(data)
    assert new[1:3] == old[1:3]  # untouched paragraphs: XML-identical
    assert sorted(new[3:]) == sorted(old[3:]) and new[3] == old[6] and new[4] == old[5]  # whole paragraphs moved
    assert new[0] != old[0] and new[0].count(b"<w:b></w:b>") == old[0].count(b"<w:b></w:b>") == 1
    old_parts, new_parts = docx_parts(path.read_bytes()), docx_parts(data)
    assert old_parts.keys() == new_parts.keys()
    assert {n for n in old_parts if old_parts[n] != new_parts[n]} == {"word/document.xml"}
    out = tmp_path / "fixed.docx"
    out.write_bytes(data)
    assert citecheck.check_file(out).findings == []
    assert fix(out, unsafe=True).outputs == {}


@pytest.mark.parametrize("uncited", [0, 2, 3])
def test_word_entry_removed_with_its_paragraph(tmp_path: Path, uncited: int) -> None:
    from citecheck.readers.docx import parse_docx
    from tests.fix_support import paragraph_xml

    cited = [WORD_ENTRIES[i][0].split(",")[0] + ", " + WORD_ENTRIES[i][0].split("(")[1][:4]
             for i in range(4) if i != uncited]
    path = word(tmp_path / "p.docx", "Bone (" + "; ".join(cited) + ").")
    data = fix(path, unsafe=True, select=("CC101",)).outputs[str(path)]
    after = parse_docx(data, str(path), None)
    assert after.main.text.split("\n")[3:] == ["".join(e) for i, e in enumerate(WORD_ENTRIES) if i != uncited]
    old, new = paragraph_xml(path.read_bytes()), paragraph_xml(data)
    assert new == old[: 3 + uncited] + old[4 + uncited :]


# -- real manuscripts (../shared) ------------------------------------------------


@needs_shared
def test_parscit_sample2_year_corrected_and_the_rest_left_with_reasons(tmp_path: Path) -> None:
    """pdftotext of a real author-year paper: "(Lehnert, 1979)" cites the list's Lehnert 1978."""
    path = tmp_path / "sample2.txt"
    original = (CORPUS / "plaintext" / "parscit_demodata" / "sample2.txt").read_bytes()
    path.write_bytes(original)
    assert fix(path).outputs == {}  # nothing safe to fix
    result = fix(path, unsafe=True)
    assert result.outputs[str(path)] == original.replace(b"(Lehnert, 1979)", b"(Lehnert, 1978)", 1)
    assert result.notes == ["Lehnert, 1979 -> Lehnert, 1978"]
    assert [(f.code, f.location.line, why.split(";")[0]) for f, why in result.left] == [
        ("CC101", 281, 'there is text between references "Litman 1987" and "Mitchell 1986" that is not part of either'),
        ("CC105", 56, "the co-authors differ"),
        ("CC105", 240, "the co-authors differ"),
    ]
    out = tmp_path / "fixed.txt"
    out.write_bytes(result.outputs[str(path)])
    assert works(citecheck.parse_file(out)) == works(citecheck.parse_file(path))


def _list_of(text: str) -> list[str]:
    return text.split("\nReferences\n\n")[1].splitlines()


@needs_shared
def test_elife04490_list_put_in_order_as_text_and_word(tmp_path: Path) -> None:
    """The printed eLife list has Köllner after Kos and Rasmann after R Core Team."""
    from citecheck.readers.docx import parse_docx
    from tests.fix_support import docx_parts, paragraph_xml
    from tests.jats_render import render, write_docx

    rendering = render(CORPUS / "jats" / "elife" / "elife04490.xml")
    text = rendering.text()
    new = fixed(tmp_path, text, gone=("CC303",))
    old_list, new_list = _list_of(text), _list_of(new)
    moved = [i for i, (a, b) in enumerate(zip(old_list, new_list)) if a != b]
    assert [new_list[i][:8] for i in moved] == ["Köllner,", "Kos, M.,", "Rasmann,", "R Core T"]
    assert sorted(new_list) == sorted(old_list) and new.split("\nReferences\n")[0] == text.split("\nReferences\n")[0]

    path = write_docx(rendering, tmp_path / "elife04490.docx")
    data = fix(path).outputs[str(path)]
    assert parse_docx(data, str(path), None).main.text.split("\n")[-len(new_list) :] == new_list
    old_xml, new_xml = paragraph_xml(path.read_bytes()), paragraph_xml(data)
    first = len(old_xml) - len(old_list)
    assert new_xml[:first] == old_xml[:first]
    assert [first + i for i, (a, b) in enumerate(zip(old_xml[first:], new_xml[first:])) if a != b] == [
        first + i for i in moved]
    old_parts, new_parts = docx_parts(path.read_bytes()), docx_parts(data)
    assert {n for n in old_parts if old_parts[n] != new_parts[n]} == {"word/document.xml"}
    out = tmp_path / "fixed.docx"
    out.write_bytes(data)
    assert not [f for f in citecheck.check_file(out).findings if f.code == "CC303"]


@needs_shared
@pytest.mark.parametrize("kind", ["text", "docx"])
def test_elife06726_with_planted_errors(tmp_path: Path, kind: str) -> None:
    """tests/test_authoryear_jats.py plants a wrong year, a misspelt name, a co-author
    difference, a duplicate Hesselson entry and an uncited "Aardvark" at the end."""
    from tests.jats_render import render, write_docx
    from tests.test_authoryear_jats import _plant

    planted, _ = _plant(render(CORPUS / "jats" / "elife" / "elife06726.xml"))
    if kind == "docx":
        path = write_docx(planted, tmp_path / "planted.docx")
    else:
        path = tmp_path / "planted.txt"
        path.write_text(planted.text(), encoding="utf-8")
    before = citecheck.parse_file(path)
    safe = fix(path)
    assert dict(safe.fixed) == {"CC201": 1, "CC303": 1}
    unsafe = fix(path, unsafe=True)
    assert dict(unsafe.fixed) == {"CC101": 3, "CC105": 2, "CC201": 1, "CC303": 1}
    assert unsafe.notes[:2] == ["Charo et al., 2008 -> Charo et al., 2009", "Helkre et al., 2013 -> Helker et al., 2013"]
    assert [(f.code, f.location.line) for f, _ in unsafe.left] == [("CC105", 7)]  # "Zeng and Smith": co-authors
    for result, entries in ((safe, ["Aardvark, A. (1999)."]), (unsafe, [])):
        out = tmp_path / f"fixed{path.suffix}"
        out.write_bytes(result.outputs[str(path)])
        after = citecheck.parse_file(out)
        lines = after.main.text.split("\n")
        new_list = [line for line in lines[lines.index("References") :] if line][1:]
        assert [e for e in new_list if e.startswith("Aardvark")] == [
            e for e in planted.entries if e.startswith(tuple(entries or ["-"]))]
        if entries:
            assert new_list[0].startswith("Aardvark")
        assert sum(e.startswith("Hesselson, D., Anderson") for e in new_list) == 1
        assert works(after) == works(before, {"Hesselson 2009 #2": "Hesselson 2009"})
        report = citecheck.check_document(after)
        assert not [f for f in report.findings if f.code in ("CC201", "CC303", "CC107")]


_SYLLABLES = ("ka", "lo", "mi", "ren", "sto", "vik", "an", "ber", "chu", "dal", "fen", "gor", "hu", "jin")


def _large(n: int) -> str:
    """n entries of distinct first authors in alphabetical order but every tenth pair swapped,
    each cited once, every twentieth citation with a year one off."""
    names = sorted({"".join(_SYLLABLES[(k * 7 + i * 3) // 14**i % 14] for i in range(4)).capitalize() + f"{k:05d}"
                    .translate(str.maketrans("0123456789", "abcdefghij")) for k in range(n)})
    entries = [f"{name}, A. ({1950 + k % 70}). The title of work {k}. Journal, {k % 40 + 1}, 1-9." for k, name in
               enumerate(names)]
    for k in range(0, n - 1, 10):
        entries[k], entries[k + 1] = entries[k + 1], entries[k]
    cites = [f"Finding {k} ({name}, {1950 + k % 70 + (1 if k % 20 == 5 else 0)})." for k, name in enumerate(names)]
    return paper(" ".join(cites), entries)


def test_author_year_fix_time_grows_linearly(tmp_path: Path) -> None:
    from tests.growth import assert_linear_growth

    def build(n: int) -> Path:
        path = tmp_path / f"p{n}.txt"
        path.write_text(_large(n), encoding="utf-8")
        return path

    def run(path: Path) -> None:
        result = fix(path, unsafe=True)
        assert result.refused is None and set(result.fixed) == {"CC105", "CC303"}, (result.refused, result.fixed)

    assert_linear_growth(build, run, 200, min_seconds=0.1)


def test_a_numbered_author_year_list_is_not_reordered(tmp_path: Path) -> None:
    """ "1. Jones ... 3. Brown": moving entries would scramble the numbers; nothing numbers them anew."""
    entries = [f"{n}. {e}" for n, e in enumerate([JONES, SMITH, BROWN], start=1)]
    path = tmp_path / "p.txt"
    path.write_text(paper("Bone (Jones, 2019; Smith, 2020; Brown, 2018).", entries), encoding="utf-8")
    result = fix(path, style="author-year")
    assert result.outputs == {} and [(f.code, why.split(";")[0]) for f, why in result.left] == [
        ("CC303", "the entries are numbered (1., 2., ...)")]


def test_the_verification_refuses_a_citation_that_would_match_less_well(tmp_path: Path) -> None:
    """check_same_works: "(Smith, 2020)" pointing to the kept entry only by a year's difference
    (CC105) after a merge counts as damage, though it names the same work."""
    from citecheck.fix import FixRefused
    from citecheck.fix.run import check_same_works

    preprint = "Smith, J. (2019). Bone pain. Pain, 3, 1-9."
    body = "Bone (Jones, 2019; Smith, 2020)."
    before_path, after_path = tmp_path / "before.txt", tmp_path / "after.txt"
    before_path.write_text(paper(body, [JONES, preprint, SMITH]), encoding="utf-8")
    after_path.write_text(paper(body, [JONES, preprint]), encoding="utf-8")
    before, after = citecheck.parse_file(before_path), citecheck.parse_file(after_path)
    with pytest.raises(FixRefused, match="would no longer match its entry exactly"):
        check_same_works(before, after, {"Smith 2020": "Smith 2019"}, {})
    check_same_works(before, before, {}, {})  # the same document passes


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_crlf_and_encoding_are_kept_when_entries_move(tmp_path: Path, encoding: str) -> None:
    muller = "Müller, J. (2020). Bone pain. Pain, 3, 1-9."
    text = paper("Bone (Jones, 2019; Müller, 2020; Brown, 2018).", [JONES, muller, BROWN]).replace("\n", "\r\n")
    path = tmp_path / "p.txt"
    path.write_bytes(text.encode(encoding))
    data = fix(path).outputs[str(path)]
    assert data == text.replace(f"{JONES}\r\n{muller}\r\n{BROWN}", f"{BROWN}\r\n{JONES}\r\n{muller}").encode(encoding)


def test_markdown_citation_corrected_in_place(tmp_path: Path) -> None:
    text = paper("# Bone\n\nAs Smtih (2020) and **Jones (2018)** showed.", [JONES, SMITH], "# References")
    new = fixed(tmp_path, text, unsafe=True, name="p.md", gone=("CC105",), select=("CC105",))
    assert new == text.replace("Smtih (2020)", "Smith (2020)").replace("Jones (2018)", "Jones (2019)")


def test_a_heading_inside_the_list_leaves_it_alone(tmp_path: Path) -> None:
    """ "Secondary sources" divides the list into groups that CC303 sorts one by one; the
    fix does not move entries across the heading, so it leaves the list alone and says why."""
    entries = [JONES, SMITH, "Secondary sources", BROWN, "Adams, P. (2017). Cartilage. Joint, 2, 4-6."]
    path = tmp_path / "p.txt"
    path.write_text(paper("Bone (Jones, 2019; Smith, 2020; Brown, 2018; Adams, 2017).", entries), encoding="utf-8")
    assert [r.label for r in citecheck.parse_file(path).references] == [
        "Jones 2019", "Smith 2020", "Brown 2018", "Adams 2017"]
    result = fix(path)
    assert result.outputs == {} and result.left
    assert {why for _, why in result.left} == {
        'there is text between references "Smith 2020" and "Brown 2018" that is not part of either'}


def test_groups_in_order_under_their_headings_need_no_fix(tmp_path: Path) -> None:
    text = paper(BODY.replace("1979", "1978"), ["Primary sources\n", JONES, SMITH + "\n", "Secondary sources\n",
                                                BROWN, LEHNERT])
    path = tmp_path / "p.txt"
    path.write_text(text, encoding="utf-8")
    assert [f.code for f in citecheck.check_file(path).findings] == []
    result = fix(path, select=("CC303",))
    assert result.outputs == {} and result.left == []
