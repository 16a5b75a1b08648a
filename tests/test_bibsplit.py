"""The fast BibTeX splitter reads every file exactly as bibtexparser does."""

from __future__ import annotations

import random

import pytest

from citecheck.readers.bibsplit import RawEntry, RawFailure, RawString, split_bibtex
from tests.growth import assert_linear_growth
from tests.paths import CORPUS, FIXTURES, ROOT, needs_shared


def _both(text: str) -> tuple[list[object], list[object]]:
    return list(split_bibtex(text)), list(split_bibtex(text, fast=False))


TRICKY = [
    # well formed, in the shapes the fast path reads
    "@article{a,\n  title = {One {Nested {Deep}} title},\n  year = 2001,\n}\n",
    "@Article {b, author = \"Smith, J. and {Jones}, K.\", title={A, B}}",
    "@misc{c}\n@misc{d,}\n@book{e, title = {x} # \" y\" # jn}",
    '@article{f, title = "Quote {with "} brace"}\n@article{g, title = {in {"} braces}}',
    "@article{h, title = {Escaped \\{ brace}, note = {\\\\{double}}}",
    "@article{i, title = {Escaped \\} brace}}\n",
    "@article{j, title = \"a\\\"b\", x = {c}}",
    "@article{k, title = {x}, title = {y}}\n@article{k, title = {z}}",
    "@article{l, url = {mailto:a@b.org}, note = {LeQua @ {CLEF} 2022}}",
    "@article{m, title = {seven {deep {a {b {c {d {e {f}}}}}}}}}",
    "@article{ünï, tïtle = {ü}}",
    "@article{n,\r\n  title = {CRLF},\r\n}\r\n",
    # strings, comments, preambles, paren blocks
    "@string{jn = {Journal}}\n@STRING{jn = {Other}}\n@string{jn = \"Third\"}\n@article{o, journal = jn}",
    "@comment{a {b} c}\n@preamble{\"\\newcommand{\\x}{y}\"}\n@article{p, title={t}}",
    "@article(q, title = {paren (block)}, year = 2000)\n@article{r, title = {t}}",
    "% a comment with mail@host.org and @misc{midline, title={x}}\n@article{s, title={t}}",
    "@article{t, title={t}} @article{u, title={u}}\n",
    "  \t@article{ws, title={x}} @misc{same, t={y}}\n@misc{next, t={z}}",
    "x@misc{notamark, t={x}}\n \f@misc{mark, t={y}}\n\n@misc{@at, t={z}}",
    "@commentary{v, title = {starts like comment}}\n@stringent{w, x={y}}",
    # broken blocks
    "@article{x1, title = {unclosed\n@article{x2, title = {fine}}",
    "@article{x3, title = {t} year = 2000}\n@article{x4, title={ok}}",
    "@article{x5, title}\n@article{x6 title = {t}}\n@article{x7, = {t}}",
    "@article{x8, title = \"unclosed quote, year = 2000}\n@article{x9, title = {ok}}",
    "@article{y1, title = {t}, junk}\n@article{y2, title = {t}",
    "@article{y3, title = {a}}}\n}{ stray\n@article{y4 = x}",
    "@string{bad}\n@string(s = \"paren\")\n@comment(unclosed\n@article{z, a = {b}}",
    "@article{k\\,ey, ti\\=tle = {x}}\n@article{k@y, t = {x}}",
    "\\\n@article{bs, title = {after a backslash line}}",
    "@article{eof, title = {t}",
    "",
    "just text, no blocks at all\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_same_blocks_as_bibtexparser(text: str) -> None:
    fast, reference = _both(text)
    assert fast == reference


def test_the_fast_path_reads_plain_entries_itself() -> None:
    text = "@article{a,\n  author = {M{\\\"u}ller, J.},\n  title = \"T\",\n  year = 2001,\n}\n"
    assert list(split_bibtex(text)) == [
        RawEntry(0, "article", "a", [("author", '{M{\\"u}ller, J.}'), ("title", '"T"'), ("year", "2001")],
                 text.rstrip())
    ]


def test_strings_failures_and_duplicates() -> None:
    blocks = list(split_bibtex("@string{j = {A}}\n@string{j = {B}}\n@article{x, title = {t}, y}\n"))
    assert blocks[:2] == [RawString(0, "j", "{A}"), RawString(17, "j", "{B}", duplicate=True)]
    assert isinstance(blocks[2], RawFailure) and blocks[2].start == 34
    assert blocks[2].message.startswith("cannot parse the entry @article{x: ")


def _mutations(seed: int) -> str:
    """A small .bib with random delimiters inserted or deleted."""
    rng = random.Random(seed)
    text = random.Random(0).choice(TRICKY[:14]) + "\n" + "\n".join(TRICKY[:14])
    chars = list(text)
    for _ in range(rng.randint(1, 6)):
        pos = rng.randrange(len(chars) + 1)
        if rng.random() < 0.5 and pos < len(chars):
            del chars[pos]
        else:
            chars.insert(pos, rng.choice('{}",=@\\\n (#'))
    return "".join(chars)


@pytest.mark.parametrize("seed", range(300))
def test_same_blocks_on_damaged_files(seed: int) -> None:
    fast, reference = _both(_mutations(seed))
    assert fast == reference


def _bib_files() -> list[object]:
    files = sorted({*FIXTURES.rglob("*.bib"), *(ROOT / "tests").rglob("*.bib")})
    if CORPUS.exists():
        files += sorted(CORPUS.rglob("*.bib"))
    return [pytest.param(p, id=str(p.relative_to(p.parents[2]))) for p in files]


@needs_shared
@pytest.mark.parametrize("path", _bib_files())
def test_same_blocks_on_real_files(path: object) -> None:
    from pathlib import Path

    assert isinstance(path, Path)
    fast, reference = _both(path.read_text(encoding="utf-8", errors="replace"))
    assert fast == reference
    assert sum(isinstance(b, RawEntry) for b in fast) > 0


def test_plain_entries_never_reach_bibtexparser(monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.readers import bibsplit

    def refuse(*args: object) -> None:
        raise AssertionError("bibtexparser was asked to read a plain entry")

    monkeypatch.setattr(bibsplit, "_fallback", refuse)
    # Not TRICKY[3] ({"} in quotes) nor TRICKY[9] (seven levels of braces): those go to bibtexparser.
    text = "% exported\n" + "\n".join(TRICKY[i] for i in (0, 1, 2, 4, 5, 6, 7, 8)) + "\n"
    assert sum(isinstance(b, RawEntry) for b in split_bibtex(text)) == 11


def test_a_file_on_one_line_splits_in_linear_time() -> None:
    # Every '@' after the first on a line is no block mark: none may look back at the whole line.
    assert_linear_growth(lambda n: "x@misc{a, t={b}} " * n, lambda text: list(split_bibtex(text)), 2_000)


@pytest.mark.parametrize("seed", range(5))
def test_line_marks_are_the_multiline_patterns_matches(seed: int) -> None:
    # The marks that begin a line are what this pattern finds in multi-line mode.
    import re

    from citecheck.readers.bibsplit import _line_marks

    reference = re.compile(r"^[^\S\n]*(@\w*[ \t]*[{(])", re.M)
    pieces = ["@a{", "@b(", "@ {", "x", "\n", " ", "\t", "\r", "\f", "\u2028", "\xa0", "@", "{", "\n\n"]
    rng = random.Random(seed)
    for _ in range(2_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        assert _line_marks(text) == [(m.start(1), m.group(1)) for m in reference.finditer(text)], text
