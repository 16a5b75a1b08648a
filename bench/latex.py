"""Benchmark: check a generated LaTeX project with many citations and a large .bib.

    PYTHONPATH=src python bench/latex.py [--citations 20000] [--entries 50000] [--files 20]

Generates, in a temporary folder, a main file that \\input-s ``--files``
section files holding ``--citations`` citation commands (a mix of \\cite,
\\citep with optional arguments, multi-key citations and biblatex
multicites, with comments in between), and a ``.bib`` of ``--entries``
entries with accented authors, braces, @string macros and DOIs.  A few keys
are deliberately missing, so the check has CC102 findings to report.  Then it
times reading (``read_path``) and the rules (``check_document``) and prints the
figures.  No network is used.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections import Counter

from citecheck.api import check_document
from citecheck.readers import read_path
from citecheck.readers.options import ReadOptions


_SYLLABLES = ("ka", "lo", "mi", "ne", "ra", "to", "su", "vi", "de", "ph", "on", "tr", "an", "el",
              "is", "ox", "um", "ge", "ba", "cy", "qu", "ze", "fo", "wi", "ly", "pr", "st", "co")


def _words(count: int, rng: random.Random) -> list[str]:
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def make_bib(entries: int, rng: random.Random) -> str:
    """A .bib whose titles and names vary as a real library's do (Zipf-like word use)."""
    parts = ['@string{jnl = "Journal of Generated Results"}\n']
    vocabulary = _words(5000, rng)
    weights = [1 / (rank + 1) for rank in range(len(vocabulary))]
    surnames = [w.capitalize() for w in _words(4000, rng)] + [
        "M{\\\"u}ller", "{\\v{S}}eva", "Garc{\\'\\i}a", "O'Neil", "Nguyen", "Zhang"]
    for i in range(entries):
        authors = " and ".join(
            f"{rng.choice(surnames)}, {chr(65 + (i + k) % 26)}." for k in range(1 + i % 4)
        )
        words = rng.choices(vocabulary, weights, k=rng.randint(5, 11))
        title = " ".join(words).capitalize()
        kind = ("article", "inproceedings", "book")[i % 3]
        venue = "journal = jnl" if kind == "article" else (
            f"booktitle = {{Proceedings of {{GEN}} {1990 + i % 35}}}" if kind == "inproceedings"
            else "publisher = {Generated Press}")
        parts.append(
            f"@{kind}{{key{i},\n"
            f"  author = {{{authors}}},\n"
            f"  title = {{{title} of {{DNA}} and its \\emph{{consequences}}}},\n"
            f"  {venue},\n"
            f"  year = {{{1990 + i % 35}}},\n"
            f"  pages = {{{i % 900 + 1}--{i % 900 + 12}}},\n"
            f"  doi = {{10.5555/gen.{i}}},\n"
            "}\n"
        )
    return "\n".join(parts)


def make_sections(citations: int, files: int, entries: int, rng: random.Random) -> list[str]:
    per_file = -(-citations // files)
    sections = []
    made = 0
    for _ in range(files):
        lines = []
        for _ in range(min(per_file, citations - made)):
            a, b = rng.randrange(entries), rng.randrange(entries)
            form = made % 5
            if made % 997 == 0:
                a_key = f"missing{made}"
            else:
                a_key = f"key{a}"
            if form == 0:
                cite = f"\\cite{{{a_key}}}"
            elif form == 1:
                cite = f"\\citep[see][p.~{made % 300}]{{{a_key}, key{b}}}"
            elif form == 2:
                cite = f"\\citet*{{{a_key}}}"
            elif form == 3:
                cite = f"\\parencites[p.~2]{{{a_key}}}[ch.~3]{{key{b}}}"
            else:
                cite = f"\\textcite{{{a_key}}} % \\cite{{commented{made}}}"
            lines.append(f"Sentence {made} of the generated text refers to earlier work {cite}.")
            made += 1
        sections.append("\n".join(lines) + "\n")
    return sections


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citations", type=int, default=20_000)
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as folder:
        bib = make_bib(args.entries, rng)
        with open(os.path.join(folder, "refs.bib"), "w", encoding="utf-8") as handle:
            handle.write(bib)
        sections = make_sections(args.citations, args.files, args.entries, rng)
        for n, text in enumerate(sections):
            os.makedirs(os.path.join(folder, "sections"), exist_ok=True)
            with open(os.path.join(folder, "sections", f"s{n}.tex"), "w", encoding="utf-8") as handle:
                handle.write(text)
        main_tex = os.path.join(folder, "main.tex")
        with open(main_tex, "w", encoding="utf-8") as handle:
            handle.write("\\documentclass{article}\n\\begin{document}\n")
            handle.writelines(f"\\input{{sections/s{n}}}\n" for n in range(len(sections)))
            handle.write("\\bibliography{refs}\n\\end{document}\n")

        start = time.perf_counter()
        document = read_path(main_tex, ReadOptions())
        read_seconds = time.perf_counter() - start
        start = time.perf_counter()
        report = check_document(document)
        check_seconds = time.perf_counter() - start

    citations = len(document.citations)
    keys = sum(len(c.items) for c in document.citations)
    codes = Counter(f.code for f in report.findings)
    print(f"bib: {args.entries} entries, {len(bib) / 1e6:.1f} MB; tex: {len(sections)} files, "
          f"{citations} citation commands, {keys} keys")
    print(f"read (parse .tex and .bib): {read_seconds:.2f} s")
    print(f"rules: {check_seconds:.2f} s")
    print(f"total: {read_seconds + check_seconds:.2f} s (CPU time of the process: {time.process_time():.2f} s)")
    print("findings: " + ", ".join(f"{code} {n}" for code, n in sorted(codes.items())))
    return 0 if citations == args.citations and len(document.references) == args.entries else 1


if __name__ == "__main__":
    sys.exit(main())
