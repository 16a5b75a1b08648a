"""Hostile manuscripts for the tests and ``bench/hostile.py``.

Each builder writes one hostile input into a folder and returns the path to
check.  Sizes are parameters: the tests use small ones (and growth tests
compare two sizes), the benchmark the sizes the hostile-input report used.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.docx_build import new_document, save

HEAD = "Bone metastases are common [1].\n\nReferences\n\n"
REF = "1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017;11(1):321.\n"


def bib_bomb(folder: Path) -> Path:
    """A .bib of under 900 bytes whose each macro is the previous one twice: 2^34 bytes."""
    lines = ['@string{m0 = "xxxxxxxxxxxxxxxx"}']
    lines += [f"@string{{m{i} = m{i - 1} # m{i - 1}}}" for i in range(1, 31)]
    lines.append("@article{bomb, author = {A, B}, title = m30, year = 2020}")
    lines.append("@article{fine, author = {Macedo, F}, title = {Bone}, year = 2017}")
    path = folder / "bomb.bib"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def nested_parens(levels: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / f"parens{levels}.txt"
        path.write_text(HEAD + "1. Macedo F. " + "(" * levels + ")" * levels + " Oncol Rev. 2017.\n",
                        encoding="utf-8")
        return path
    make.__name__ = f"nested_parens_{levels}"
    return make


def many_citations(count: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / f"cites{count}.txt"
        path.write_text("Text " + "[1]" * count + ".\n\nReferences\n\n" + REF, encoding="utf-8")
        return path
    make.__name__ = f"one_line_{count}_cites"
    return make


def long_line(folder: Path) -> Path:
    path = folder / "long.txt"
    path.write_text(HEAD + REF + "word [1, " * (10 * 1024 * 1024 // 9) + "\n", encoding="utf-8")
    return path


def _numbers(count: int) -> str:
    return "[" + ", ".join(str(i) for i in range(1, count + 1)) + "]"


def bracket_md(folder: Path) -> Path:
    path = folder / "bracket.md"
    path.write_text(f"Text {_numbers(100_000)}.\n\n# References\n\n" + REF, encoding="utf-8")
    return path


def huge_range(folder: Path) -> Path:
    path = folder / "range.txt"
    path.write_text("Text [1-10000000].\n\nReferences\n\n" + REF, encoding="utf-8")
    return path


def bracket_docx(folder: Path) -> Path:
    document = new_document()
    document.add_paragraph(f"Text {_numbers(100_000)}.")
    document.add_paragraph("References")
    document.add_paragraph(REF)
    return save(document, folder / "bracket.docx")


def csl_big_int(folder: Path) -> Path:
    path = folder / "big.md"
    (folder / "refs.json").write_text('[{"id": "a", "title": "T", "volume": ' + "9" * 5000 + "}]",
                                      encoding="utf-8")
    path.write_text("---\nbibliography: refs.json\n---\n\nText [@a].\n", encoding="utf-8")
    return path


def csl_deep_json(folder: Path) -> Path:
    path = folder / "deep.md"
    (folder / "refs.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    path.write_text("---\nbibliography: refs.json\n---\n\nText [@a].\n", encoding="utf-8")
    return path


def csl_deep_yaml(folder: Path) -> Path:
    path = folder / "deepyaml.md"
    (folder / "refs.yaml").write_text("references: " + "[" * 100_000 + "]" * 100_000 + "\n",
                                      encoding="utf-8")
    path.write_text("---\nbibliography: refs.yaml\n---\n\nText [@a].\n", encoding="utf-8")
    return path


def docx_bad_deflate(folder: Path) -> Path:
    document = new_document()
    document.add_paragraph("Text [1].")
    path = save(document, folder / "good.docx")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 10, start + min(info.compress_size, 200)):
        data[i] ^= 0x5A
    out = folder / "deflate.docx"
    out.write_bytes(bytes(data))
    return out


