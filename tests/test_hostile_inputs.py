"""Hostile inputs found by fuzzing (issue 10): each is bad input, reported as
one clear CC001 (or skipped with a message), never an internal error, a hang
or unbounded memory.  The builders are shared with ``bench/hostile.py``,
which measures them at full size."""

from __future__ import annotations

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
