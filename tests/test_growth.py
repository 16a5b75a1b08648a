"""Every reader is linear (or n log n) in its input: ten times the input may
take at most fifteen times as long.

Each case builds a manuscript of size n and of size 10n that mixes ordinary
content with what made readers slow before (long lines, runs of brackets and
parentheses, long reference strings, @string concatenations, many
citations), reads it (``parse_file``, then the reference parser), and
compares the best of three timings of each size.  Sizes are small enough for
CI; no test here asserts a number of seconds.
"""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from citecheck.api import parse_file
from citecheck.refparse import ensure_fields

RATIO = 15
WORDS = ("bone metastasis tumour growth skeletal pain therapy survival imaging marker clinical trial "
         "osteoclast receptor signal pathway cohort outcome fracture dose response").split()


def _title(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 9))).capitalize()


def _text(folder: Path, n: int, rng: random.Random) -> Path:
    body = "".join(f"Claim {i} is known [{i % n + 1}], [{i % n + 1}-{i % n + 2}] and (x [y) ¹².\n" for i in range(n))
    body += "Noise " + "[(" * (20 * n) + "\n"  # one long line of unmatched brackets
    refs = "".join(f"{i}. Author{i} A, Writer B. {_title(rng)} ({'(' * 20}). J Med. 2019;{i}:{i}-{i + 9}.\n"
                   for i in range(1, n + 1))
    refs += f"{n + 1}. Author A. Title " + "A. " * (2 * n) + ". J Med. 2019;1:2.\n"  # one long reference
    path = folder / "paper.txt"
    path.write_text(body + "\nReferences\n\n" + refs, encoding="utf-8")
    return path


def _markdown(folder: Path, n: int, rng: random.Random) -> Path:
    refs = "".join(f"- id: key{i}\n  title: {_title(rng)}\n  author:\n  - family: Author{i}\n    given: A\n"
                   f"  issued: {1990 + i % 30}\n" for i in range(n))
    (folder / "refs.yaml").write_text("references:\n" + refs, encoding="utf-8")
    body = "".join(f"Claim {i} [@key{i}; see @key{(i * 7) % n}, p. {i}] and @key{i} too. `[@code]` [x](y)\n\n"
                   for i in range(n))
    path = folder / "paper.md"
    path.write_text("---\nbibliography: refs.yaml\n---\n\n" + body + "[" * (20 * n) + "\n", encoding="utf-8")
    return path


def _rmarkdown(folder: Path, n: int, rng: random.Random) -> Path:
    """R Markdown with a child document, R chunks calling knit_child() and many never closed
    (a closing fence searched for from each header would make this quadratic)."""
    path = _markdown(folder, n, rng)
    (folder / "child.Rmd").write_text("Child [@key0].\n", encoding="utf-8")
    chunks = "```{r}\nknit_child('child.Rmd')\n```\n\n" * n + "```{r}\nx <- 1\n" * (10 * n)
    rmd = folder / "paper.Rmd"
    rmd.write_text(path.read_text(encoding="utf-8") + "{{< include child.Rmd >}}\n" + chunks, encoding="utf-8")
    return rmd


def _bib(n: int, rng: random.Random) -> str:
    out = ['@string{jn = "Journal of Bones"}\n@string{vol = "Vol. " # "1"}\n']
    for i in range(n):
        out.append(f"@article{{key{i},\n  author = {{Au{i}, A. and M{{\\\"u}}ller, B. and others}},\n"
                   f"  title = {{{_title(rng)} {{DNA}}}},\n  journal = jn # \" Letters\",\n"
                   f"  volume = vol,\n  year = {1990 + i % 30},\n  pages = {{{i}--{i + 9}}}\n}}\n")
    return "".join(out)


def _latex(folder: Path, n: int, rng: random.Random) -> Path:
    (folder / "refs.bib").write_text(_bib(n, rng), encoding="utf-8")
    section = "".join(f"Claim {i} \\citep[p.~{i}]{{key{i},key{(i * 3) % n}}} % comment \\cite{{no}}\n"
                      f"\\textbf{{{'{' * 5}x{'}' * 5}}} \\verb|\\cite{{v}}|\n\n" for i in range(n))
    (folder / "section.tex").write_text(section, encoding="utf-8")
    path = folder / "main.tex"
    path.write_text("\\documentclass{article}\n\\begin{document}\n\\input{section}\n"
                    "\\bibliography{refs}\n\\end{document}\n", encoding="utf-8")
    return path


def _bibtex(folder: Path, n: int, rng: random.Random) -> Path:
    path = folder / "refs.bib"
    path.write_text(_bib(n, rng), encoding="utf-8")
    return path


def _csl_json(folder: Path, n: int, rng: random.Random) -> Path:
    items = [{"id": f"key{i}", "type": "article-journal", "title": _title(rng),
              "author": [{"family": f"Author{i}", "given": "A"}], "issued": {"date-parts": [[1990 + i % 30]]},
              "DOI": f"10.1000/x{i}", "note": [[[[i]]]]} for i in range(n)]
    (folder / "refs.json").write_text(json.dumps(items, indent=1), encoding="utf-8")
    body = "".join(f"Claim {i} [@key{i}].\n\n" for i in range(n))
    path = folder / "paper.md"
    path.write_text("---\nbibliography: refs.json\n---\n\n" + body, encoding="utf-8")
    return path


def _docx(folder: Path, n: int, rng: random.Random) -> Path:
    from tests.docx_build import new_document, save

    document = new_document()
    for i in range(n):
        document.add_paragraph(f"Claim {i} is known [{i + 1}] and (x [y) " + "[(" * 20)
    document.add_paragraph("References")
    for i in range(1, n + 1):
        document.add_paragraph(f"{i}. Author{i} A. {_title(rng)}. J Med. 2019;{i}:{i}-{i + 9}.")
    return save(document, folder / "paper.docx")


def _jats(folder: Path, n: int, rng: random.Random) -> Path:
    body = "".join(f'<p>Claim {i} <xref ref-type="bibr" rid="r{i}">{i}</xref> and [{i}] (x [y).</p>'
                   for i in range(1, n + 1))
    refs = "".join(f'<ref id="r{i}"><label>{i}</label><mixed-citation>Author{i} A. {_title(rng)}. '
                   f"J Med. 2019;{i}:{i}-{i + 9}.</mixed-citation></ref>" for i in range(1, n + 1))
    path = folder / "article.xml"
    path.write_text(f'<?xml version="1.0"?>\n<article><body>{body}</body><back><ref-list>{refs}'
                    "</ref-list></back></article>\n", encoding="utf-8")
    return path


READERS: dict[str, tuple[Callable[[Path, int, random.Random], Path], int]] = {
    "text": (_text, 150),
    "markdown-pandoc": (_markdown, 100),
    "rmarkdown-children": (_rmarkdown, 100),
    "latex": (_latex, 150),
    "bibtex": (_bibtex, 200),
    "csl-json": (_csl_json, 200),
    "docx": (_docx, 60),
    "jats": (_jats, 150),
}


def _timed(path: Path) -> float:
    started = time.process_time()  # CPU time: other processes on the machine do not count
    document = parse_file(path)
    ensure_fields(document)
    return time.process_time() - started


@pytest.mark.parametrize("reader", sorted(READERS))
def test_reading_ten_times_the_input_takes_at_most_fifteen_times_as_long(tmp_path: Path, reader: str) -> None:
    build, n = READERS[reader]
    paths: dict[int, list[Path]] = {}
    for size in (n, 10 * n):
        paths[size] = []
        for round_ in range(3):  # different content each round: no cache helps a repeat
            folder = tmp_path / f"{size}-{round_}"
            folder.mkdir()
            paths[size].append(build(folder, size, random.Random(size * 10 + round_)))
    _timed(paths[n][0])  # import modules, compile the readers' regexes
    for _attempt in range(2):  # a second measurement before failing: a loaded machine is noisy
        times: dict[int, float] = {n: float("inf"), 10 * n: float("inf")}
        for round_ in range(3):  # best of three, the sizes interleaved so that load hits both alike
            for size in (n, 10 * n):
                times[size] = min(times[size], _timed(paths[size][round_]))
        small, large = times[n], times[10 * n]
        if large <= RATIO * small:
            break
    assert large <= RATIO * small, f"{reader}: {small * 1000:.1f} ms -> {large * 1000:.1f} ms (x{large / small:.1f})"


def test_a_long_chunk_header_naming_child_many_times_is_read_in_linear_time() -> None:
    from citecheck.readers.pandoc import child_documents
    from tests.growth import assert_linear_growth

    assert_linear_growth(lambda n: "```{r " + "child= " * n + "\n", lambda line: child_documents(line, line), 2_000)


def test_child_calls_and_includes_on_one_long_line_are_read_in_linear_time() -> None:
    """Found in review: a line of many knit_child() calls (the comment test looked back over
    the line for each) and a line of unclosed Quarto include shortcodes (a lazy name scanned to
    the line's end from each) were quadratic."""
    from citecheck.readers.pandoc import child_documents
    from tests.growth import assert_linear_growth

    def calls(n: int) -> str:
        return "```{r}\n" + "knit_child('a.Rmd');" * n + "\n```\n"

    assert_linear_growth(calls, lambda text: child_documents(text, text), 2_000)
    assert_linear_growth(lambda n: "{{< include a " * n + "\n", lambda text: child_documents(text, text), 2_000)


def test_manubot_manual_references_keyed_by_standard_citation_are_read_in_linear_time(tmp_path: Path) -> None:
    """Found in review: each item whose Manubot id is not written as its "id" was looked for
    with a new pattern over the whole file (4,000 items: 169 s)."""
    import json

    from citecheck.api import parse_file
    from tests.growth import assert_linear_growth

    def build(n: int) -> Path:
        folder = tmp_path / f"m{n}" / "content"
        folder.mkdir(parents=True, exist_ok=True)
        items = [{"standard_citation": f"doi:10.1000/x{i}", "id": f"i{i}", "type": "article-journal",
                  "title": f"Title {i}"} for i in range(n)]
        (folder / "manual-references.json").write_text(json.dumps(items, indent=2), encoding="utf-8")
        (folder / "metadata.yaml").write_text("title: x\n", encoding="utf-8")
        (folder / "01.intro.md").write_text("Text [@doi:10.1000/x1].\n", encoding="utf-8")
        return folder / "01.intro.md"

    assert_linear_growth(build, parse_file, 100)
