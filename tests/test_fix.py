"""citecheck fix on text and Markdown: the fixes, the guarantees, the command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import citecheck
from citecheck.cli import cli
from citecheck.fix import Edit, EditSet, FixRefused, fix_codes
from citecheck.fix.edits import apply_edits
from citecheck.model import Span
from tests.fix_support import assert_only_citations_and_entries_changed, fix, merged_aliases, works
from tests.growth import assert_linear_growth
from tests.paths import FIXTURES

ZH = FIXTURES / "zh_bone_metastasis.txt"

LIST = "".join(f"{n}. Author{n} A. Title number {n} of a paper. J Test. {2000 + n}.\n" for n in range(1, 9))


def manuscript(body: str, entries: str = LIST) -> str:
    return f"{body}\n\nReferences\n\n{entries}"


def fixed_text(tmp_path: Path, text: str, unsafe: bool = False, name: str = "p.txt", **options: object) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = fix(path, unsafe, **options)
    assert result.refused is None, result.refused
    if not result.outputs:
        return text
    new = result.outputs[str(path)].decode("utf-8")
    check_guarantees(path, new, result.fixed, unsafe, **options)
    return new


def check_guarantees(path: Path, new: str, fixed: object, unsafe: bool, **options: object) -> None:
    """Everything else unchanged; same works; fixed codes gone; fixing again changes nothing."""
    before = citecheck.parse_file(path, **options)
    out = path.with_name("after" + path.suffix)
    out.write_text(new, encoding="utf-8")
    after = citecheck.parse_file(out, **options)
    assert_only_citations_and_entries_changed(before, after)
    assert works(after) == works(before, merged_aliases(before))
    codes = fix_codes(unsafe=unsafe)
    assert not [f.code for f in citecheck.check_file(out, **options).findings if f.code in codes]
    assert not fix(out, unsafe, **options).outputs  # fix twice == fix once


def test_seed_fixture_merges_10_into_8(tmp_path: Path) -> None:
    text = ZH.read_text(encoding="utf-8")
    new = fixed_text(tmp_path, text)
    assert "的机制【8】。" in new and "【10】" not in new
    assert "\n10. Cheng" not in new and "\n8. Cheng JN, Jin Z, Su C, Jiang T" in new
    assert "[6～8]" in new  # unchanged: 8 keeps its number
    codes = [f.code for f in citecheck.check_text(new).findings]
    assert codes == ["CC101"]  # removing an uncited entry is unsafe: not done by default


def test_seed_fixture_unsafe_also_drops_5_and_renumbers(tmp_path: Path) -> None:
    new = fixed_text(tmp_path, ZH.read_text(encoding="utf-8"), unsafe=True)
    assert "[5～7]" in new and "[6～8]" not in new
    assert "Nakahara" not in new
    assert citecheck.check_text(new).findings == []


def test_out_of_order_list_is_renumbered_in_order_of_first_citation(tmp_path: Path) -> None:
    body = "First [3], then [1, 2], and [4-6] with [7, 8]."
    new = fixed_text(tmp_path, manuscript(body))
    assert new.splitlines()[0] == "First [1], then [2, 3], and [4-6] with [7, 8]."
    entries = [line for line in new.splitlines() if line[:1].isdigit()]
    assert entries[:3] == [
        "1. Author3 A. Title number 3 of a paper. J Test. 2003.",
        "2. Author1 A. Title number 1 of a paper. J Test. 2001.",
        "3. Author2 A. Title number 2 of a paper. J Test. 2002.",
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("A [1] B [2] C [4–6] D [3].", "A [1] B [2] C [3–5] D [6]."),  # en dash kept
        ("A [1] B [2] C [4~6] D [3].", "A [1] B [2] C [3~5] D [6]."),  # tilde kept
        ("A [1], [2] C [4-6] D [3].", "A [1], [2] C [3-5] D [6]."),  # one number per bracket
        ("A ［1］ B ［2］ C ［4-6］ D ［3］.", "A ［1］ B ［2］ C ［3-5］ D ［6］."),  # full-width
        ("A [1] B [2] C [4]–[6] D [3].", "A [1] B [2] C [3]–[5] D [6]."),  # IEEE
        ("A [1] B [2,4,5,6] D [3].", "A [1] B [2,3,4,5] D [6]."),  # runs written out stay so
        ("A [1] B [2] C [5,3,4] D [6-7].", "A [1] B [2] C [3-5] D [6-7]."),  # compressed, as [6-7] is
        ("A [1] B [2,3] C [5] D [4].", "A [1] B [2,3] C [4] D [5]."),  # a pair stays a pair
        ("A [1] B [2] C [3-5] D [7] E [6].", "A [1] B [2] C [3-5] D [6] E [7]."),
        ("A [1] B [2] C [3,5] D [4].", "A [1] B [2] C [3,4] D [5]."),
    ],
)
def test_citations_are_rewritten_in_the_documents_own_style(tmp_path: Path, body: str, expected: str) -> None:
    entries = "".join(f"[{n}] Author{n} A. Title number {n} of a paper. J Test. {2000 + n}.\n" for n in range(1, 8))
    new = fixed_text(tmp_path, manuscript(body, entries))
    assert new.splitlines()[0] == expected


def test_a_range_no_longer_consecutive_is_split(tmp_path: Path) -> None:
    body = "A [1] B [2-4] C [6] D [5]."
    # 6 is first cited before 5: 6 -> 5, 5 -> 6; [2-4] stays, the list swaps 5 and 6.
    assert fixed_text(tmp_path, manuscript(body)).splitlines()[0] == "A [1] B [2-4] C [5] D [6]."
    body = "A [1] B [3] C [2] D [2-4]."  # 3 -> 2, 2 -> 3: [2-4] is still 2, 3, 4
    assert fixed_text(tmp_path, manuscript(body)).splitlines()[0] == "A [1] B [2] C [3] D [2-4]."
    body = "A [1] B [5] C [2-4] D [6]."  # 5 -> 2, 2..4 -> 3..5: [2-4] -> [3-5]
    assert fixed_text(tmp_path, manuscript(body)).splitlines()[0] == "A [1] B [2] C [3-5] D [6]."
    body = "A [1] B [2] C [3] D [4-6] E [8] F [7]."  # uncited or merged: see CC201 below
    assert fixed_text(tmp_path, manuscript(body)).splitlines()[0] == "A [1] B [2] C [3] D [4-6] E [7] F [8]."


def test_merging_a_duplicate_splits_a_range(tmp_path: Path) -> None:
    entries = LIST.replace("Author3 A. Title number 3 of a paper. J Test. 2003.",
                           "Author6 A. Title number 6 of a paper. J Test. 2006.")
    body = "A [1] B [2] C [3] D [4-6] E [7, 8]."
    new = fixed_text(tmp_path, manuscript(body, entries))
    # 6 is 3 again: 4-6 becomes 3-5 (4, 5 -> 4, 5 and 6 -> 3); 7, 8 -> 6, 7.
    assert new.splitlines()[0] == "A [1] B [2] C [3] D [3-5] E [6, 7]."
    assert new.count("Title number 6") == 1


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("A [1] B [2] C [5-3] D [6, 7, 8].", "A [1] B [2] C [3-5] D [6, 7, 8]."),
        ("A [1] B [2,2] C [3-5] D [6, 7, 8].", "A [1] B [2] C [3-5] D [6, 7, 8]."),
        ("A [1] B [2] C [3-5,4] D [6, 7, 8].", "A [1] B [2] C [3-5] D [6, 7, 8]."),
    ],
)
def test_cc103_normalises_reversed_ranges_and_repeats(tmp_path: Path, body: str, expected: str) -> None:
    assert fixed_text(tmp_path, manuscript(body)).splitlines()[0] == expected


def test_superscripts_keep_their_form(tmp_path: Path) -> None:
    body = "Bone¹ and lung² and more⁴⁻⁶ and heart³ and ⁷,⁸."
    new = fixed_text(tmp_path, manuscript(body), style="superscript")
    assert new.splitlines()[0] == "Bone¹ and lung² and more³⁻⁵ and heart⁶ and ⁷,⁸."


def test_markdown_caret_and_sup_superscripts(tmp_path: Path) -> None:
    body = "Bone^1^ and lung<sup>3</sup> and more^2,4-8^."
    new = fixed_text(tmp_path, manuscript(body), name="p.md")
    assert new.splitlines()[0] == "Bone^1^ and lung<sup>2</sup> and more^3-8^."


def test_markdown_list_numbered_1_1_1_keeps_its_numbers(tmp_path: Path) -> None:
    entries = "".join(f"1. Author{n} A. Title number {n} of a paper. J Test. {2000 + n}.\n" for n in range(1, 4))
    new = fixed_text(tmp_path, manuscript("A [2] then [1] and [3].", entries), name="p.md")
    assert new.splitlines()[0] == "A [1] then [2] and [3]."
    assert "1. Author2 A." in new and "2. Author" not in new


def test_crlf_bom_and_gb18030_are_kept(tmp_path: Path) -> None:
    text = manuscript("参考 [2] 和 [1]。").replace("\n", "\r\n")
    for encoding, prefix in (("utf-8-sig", b""), ("gb18030", b""), ("utf-16", b"")):
        path = tmp_path / f"p-{encoding}.txt"
        path.write_bytes(prefix + text.encode(encoding))
        result = fix(path)
        assert result.refused is None, result.refused
        new = result.outputs[str(path)].decode(encoding)
        assert new.startswith("参考 [1] 和 [2]。\r\n")
        assert "\n" not in new.replace("\r\n", "")
        old = path.read_bytes().decode(encoding)
        assert len(new) == len(old)  # only digits swapped and entries moved


@pytest.mark.parametrize(
    ("body", "entries", "reason"),
    [
        ("A [2] B [1].", "1. A. One. J. 2001.\n1. B. Two. J. 2002.\n2. C. Three. J. 2003.\n", "more than one entry"),
        ("A [3] B [1] C [9].", LIST, "which the list does not have"),
        ("A [3] B [1] C [4-].", LIST, "open range"),
    ],
)
def test_unsafe_documents_are_refused_with_the_reason(tmp_path: Path, body: str, entries: str, reason: str) -> None:
    path = tmp_path / "p.txt"
    path.write_text(manuscript(body, entries), encoding="utf-8")
    result = fix(path)
    assert result.refused is not None and reason in result.refused
    assert not result.outputs


def test_edit_set_refuses_overlapping_edits() -> None:
    edits = EditSet()
    edits.add(Edit(Span(2, 5), "x"))
    edits.add(Edit(Span(2, 5), "x"))  # the same edit twice is one
    assert len(edits) == 1
    with pytest.raises(FixRefused):
        edits.add(Edit(Span(4, 6), "y"))
    edits.add(Edit(Span(5, 6), "z"))
    assert apply_edits("abcdefg", edits.for_source(0)) == "abxzg"


# -- the command ---------------------------------------------------------------

def test_cli_writes_a_fixed_copy_and_never_the_input(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    original = ZH.read_bytes()
    path.write_bytes(original)
    result = CliRunner().invoke(cli, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        f"{path}: fixed 1 CC201 (wrote {tmp_path / 'paper.fixed.txt'})", "  【10】 -> 【8】"]
    assert path.read_bytes() == original
    assert (tmp_path / "paper.fixed.txt").exists()


def test_cli_diff_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_bytes(ZH.read_bytes())
    result = CliRunner().invoke(cli, ["fix", "--diff", str(path)])
    assert result.exit_code == 0
    assert "-不仅如此" not in result.output  # the fixture is modelled on the seed, not a copy
    assert [line for line in result.output.splitlines() if line.startswith(("-", "+")) and "[" in line][:2]
    assert "+++ " in result.output and "-10. Cheng JN" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.txt"]


def test_cli_output_in_place_and_select(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_text(manuscript("A [2] B [1] C [5-3] D [4]."), encoding="utf-8")
    out = tmp_path / "out.txt"
    assert CliRunner().invoke(cli, ["fix", "--select", "CC103", str(path), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == "A [2] B [1] C [3-5] D [4]."
    result = CliRunner().invoke(cli, ["fix", str(path), "-o", str(path)])
    assert result.exit_code == 2 and "--in-place" in result.output
    assert CliRunner().invoke(cli, ["fix", "--ignore", "CC103", "--in-place", str(path)]).exit_code == 0
    assert path.read_text(encoding="utf-8").splitlines()[0] == "A [1] B [2] C [5-3] D [4]."
    assert CliRunner().invoke(cli, ["fix", "--diff", "--in-place", str(path)]).exit_code == 2


def test_cli_refusal_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "paper.txt"
    path.write_text(manuscript("A [3] B [1] C [9]."), encoding="utf-8")
    result = CliRunner().invoke(cli, ["fix", str(path)])
    assert result.exit_code == 2
    assert result.output == f"citecheck: {path}: not fixed: citation [9] cites reference 9, which the list does not have (CC102)\n"
    assert "Traceback" not in result.output


def test_check_says_which_findings_are_fixable(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["check", str(ZH), "--format", "json"])
    fixes = {f["code"]: f["fix"] for f in json.loads(result.output)["findings"]}
    assert fixes == {"CC101": "unsafe", "CC201": "safe"}
    path = tmp_path / "paper.txt"
    path.write_text(manuscript("A [3] B [1] C [9]."), encoding="utf-8")  # refused: nothing is fixable
    report = citecheck.check_file(path)
    assert report.findings and all(f.fix is None for f in report.findings)


_SYLLABLES = ("ka", "lo", "mi", "ren", "sto", "vik", "an", "ber", "chu", "dal", "fen", "gor", "hu", "jin")


def _word(k: int) -> str:
    return "".join(_SYLLABLES[(k // 14**i) % 14] for i in range(3))


def _large(n: int) -> str:
    """n references, every tenth pair first cited out of order ([12] before [11]),
    and reference 1 listed again at the end and cited."""
    order = list(range(1, n + 1))
    for k in range(0, n - 1, 10):
        order[k], order[k + 1] = order[k + 1], order[k]
    body = " ".join(f"Finding {i} [{k}]." for i, k in enumerate(order))
    entries = "".join(f"{k}. {_word(k).capitalize()} A. The {_word(3 * k)} of {_word(7 * k + 1)} in "
                      f"{_word(11 * k + 2)}. J Test. {1900 + k % 120}.\n" for k in range(1, n + 1))
    return manuscript(body + f" Again [{n + 1}].", entries + entries.split("\n", 1)[0].replace("1.", f"{n + 1}.", 1) + "\n")


def test_fix_time_grows_linearly(tmp_path: Path) -> None:
    """Ten times the manuscript takes at most fifteen times as long (tests/growth.py: best of
    three, sizes doubled until measurable, a failing ratio measured once more)."""
    def build(n: int) -> Path:
        path = tmp_path / f"p{n}.txt"
        path.write_text(_large(n), encoding="utf-8")
        return path

    def run(path: Path) -> None:
        result = fix(path)
        assert result.refused is None and set(result.fixed) == {"CC201", "CC301"}

    assert_linear_growth(build, run, 100)


_JATS_DUPLICATES = """<?xml version="1.0"?>
<article><body><p>See <xref ref-type="bibr" rid="r1">1</xref> and <xref ref-type="bibr" rid="r2">2</xref>.</p></body>
<back><ref-list>{0}{0}</ref-list></back></article>
""".format('<ref id="r{n}"><element-citation><person-group><name><surname>Smith</surname></name></person-group>'
           "<article-title>Bone metastases in lung cancer</article-title><source>J Bone</source><year>2020</year>"
           '<pub-id pub-id-type="doi">10.1234/x</pub-id></element-citation></ref>\n')


def test_formats_without_a_fixer_say_so(tmp_path: Path) -> None:
    path = tmp_path / "paper.xml"
    path.write_text(_JATS_DUPLICATES.replace("{n}", "1", 1).replace("{n}", "2", 1), encoding="utf-8")
    report = citecheck.check_file(path)
    assert [(f.code, f.fix) for f in report.findings if f.code == "CC201"] == [("CC201", None)]
    result = CliRunner().invoke(cli, ["fix", str(path)])
    assert result.exit_code == 0
    assert result.output == (f"{path}: nothing fixed: 1 finding(s) of the selected rules, but citecheck fix "
                             "does not rewrite this kind of file (see docs/fix.md)\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paper.xml"]


def test_pandoc_keys_of_a_duplicate_are_rewritten_to_the_kept_key(tmp_path: Path) -> None:
    """Pandoc Markdown with a .bib: the keyed fix of LaTeX (keys rewritten, the entry cut)."""
    path = tmp_path / "paper.md"
    path.write_text("---\nbibliography: refs.bib\n---\nSee [@a; @b] and @b [p. 4] and [-@b]. Also [@c].\n",
                    encoding="utf-8")
    bib = ("@article{a, title={Bone metastases in lung cancer}, author={Smith, J}, journal={J Bone}, year={2020}, "
           "doi={10.1234/x}}\n\n@article{c, title={Other work}, author={Jones, K}, journal={J}, year={2019}}\n")
    copy = bib.split("\n")[0].replace("{a,", "{b,") + "\n"
    (tmp_path / "refs.bib").write_text(bib + copy, encoding="utf-8")
    report = citecheck.check_file(path)
    assert [(f.code, f.fix) for f in report.findings if f.code == "CC201"] == [("CC201", "safe")]
    result = fix(path)
    assert result.refused is None, result.refused
    assert result.outputs[str(path)].decode() == (
        "---\nbibliography: refs.bib\n---\nSee [@a] and @a [p. 4] and [-@a]. Also [@c].\n")
    assert result.outputs[str(tmp_path / "refs.bib")].decode() == bib
    assert result.notes == ["[@a; @b]: dropped the repeated key b", "@b -> @a", "@b -> @a",
                            f"removed the entry b from {tmp_path / 'refs.bib'}"]
    assert dict(result.fixed) == {"CC201": 1}
    for name, data in result.outputs.items():
        Path(name).write_bytes(data)
    assert not [f for f in citecheck.check_file(path).findings if f.code == "CC201"]
    assert fix(path).outputs == {}


def test_explain_says_what_fix_does() -> None:
    out = CliRunner().invoke(cli, ["explain", "CC101"]).output
    assert out.rstrip().endswith("Fix: citecheck fix removes the uncited entry and renumbers the list "
                                 "(numbered styles; author-year: removes it; never a .bib entry) "
                                 "(an unsafe fix: only with --unsafe-fixes).")
    assert "Fix:" not in CliRunner().invoke(cli, ["explain", "CC102"]).output


def test_every_fixed_code_is_a_rule_with_a_fix_summary() -> None:
    from citecheck.fix import FIX_CODES, FIX_SUMMARIES
    from citecheck.rules import REGISTRY

    assert FIX_SUMMARIES.keys() == FIX_CODES.keys() and set(FIX_CODES) <= set(REGISTRY)
    assert sorted(code for code, safe in FIX_CODES.items() if not safe) == ["CC101", "CC105"]


def test_parenthetical_numbers_are_fixed_only_with_an_explicit_style(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text(manuscript("Bone (2) and lung (1) and more (3)."), encoding="utf-8")
    assert citecheck.parse_file(path).style.value == "parenthetical"
    findings = citecheck.check_file(path).findings
    assert "CC301" in [f.code for f in findings] and all(f.fix is None for f in findings)
    result = fix(path)
    assert result.refused is not None and "--style parenthetical" in result.refused
    new = fixed_text(tmp_path, path.read_text(encoding="utf-8"), style="parenthetical")
    assert new.splitlines()[0] == "Bone (1) and lung (2) and more (3)."


def test_an_uncited_entry_that_a_cited_duplicate_merges_into_is_kept(tmp_path: Path) -> None:
    """--unsafe-fixes: entry 1 is uncited (CC101) but 3, its duplicate, is cited: merging 3 into 1
    makes 1 cited, so it is not removed (this crashed with a KeyError)."""
    entries = ("1. Smith J. Bone metastases in lung cancer. J Bone. 2020;3:1-9. doi:10.1234/x\n"
               "2. Jones K. Other work on cells. J Cell. 2019;4:2-8.\n"
               "3. Smith J. Bone metastases in lung cancer. J Bone. 2020;3:1-9. doi:10.1234/x\n")
    path = tmp_path / "p.txt"
    path.write_text(manuscript("Bone [2] and [3].", entries), encoding="utf-8")
    result = fix(path, unsafe=True)
    assert result.refused is None
    assert result.outputs[str(path)].decode() == manuscript("Bone [2] and [1].", entries.rsplit("3. ", 1)[0])


def test_no_citation_recognised_removes_nothing(tmp_path: Path) -> None:
    """A list whose citations were not recognised (CC004) looks all uncited: --unsafe-fixes must
    not empty it (it did)."""
    path = tmp_path / "p.txt"
    path.write_text(manuscript("Bone (Jones, 2019; Smith, 2020).", LIST), encoding="utf-8")
    assert "CC004" in [f.code for f in citecheck.check_file(path).findings]
    assert all(f.fix is None for f in citecheck.check_file(path).findings)
    result = fix(path, unsafe=True)
    assert result.outputs == {} and len(result.left) == 8
    assert "no citation was recognised" in result.left[0][1]
