"""A mutation fuzzer for the command line, over real seed manuscripts.

    python -m tests.fuzz_cli [--cases 2000] [--seed 1] [--hang-seconds 60] [SEED_FILE ...]

Each case copies a seed's folder (so its includes and bibliographies are
found), replaces one file (the seed, or a file it names) by a mutation of
its bytes, runs ``citecheck check`` on it in this process with one output
format, and checks that the run ended as citecheck promises: exit code 0, 1
or 2, no traceback, no "internal error", output that its format's parser
accepts, and no control character in text output but newlines.  A case that
runs past ``--hang-seconds`` is a failure too (a hang guard, not a speed
limit: growth tests and ``bench/hostile.py`` measure speed).

Mutations: flip bits, delete, duplicate or repeat a chunk many times, insert
a token that readers treat specially (brackets, ``\\input``, ``@string``,
``<!DOCTYPE``, escape sequences, long digit runs...), splice two seeds, and
truncate.  The same ``--seed`` gives the same cases.  ``tests/test_fuzz.py``
runs a few dozen cases in CI; run more here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sys
import tempfile
import traceback
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "tests" / "data" / "fuzz"

#: Seeds: a manuscript and the other files of its folder it names.
SEEDS: tuple[Path, ...] = (
    ROOT / "fixtures" / "zh_bone_metastasis.txt",
    ROOT / "fixtures" / "clean_paper.md",
    SEED_DIR / "paper.tex",
    SEED_DIR / "section.tex",
    SEED_DIR / "refs.bib",
    SEED_DIR / "pandoc.md",
    SEED_DIR / "refs.json",
    SEED_DIR / "refs.yaml",
    SEED_DIR / "article.xml",
)
#: Which manuscript to check when the mutated file is a part of another.
CHECKED = {"section.tex": "paper.tex", "refs.json": "pandoc.md", "refs.yaml": "pandoc.md"}

TOKENS = (
    b"[", b"]", b"[1]", b"[1-99999]", b"(", b")", b"^1^", "\u00b9\u00b2".encode(), b"[@", b"@key", b"{", b"}",
    b"\\", b"\\input{", b"\\input{/etc/passwd}", b"\\bibliography{", b"\\cite{", b"\\begin{verbatim}", b"%",
    b"@string{a = a # a}", b"@article{", b" # ", b"crossref = {", b"<!DOCTYPE x [<!ENTITY e \"x\">]>",
    b"<xref ref-type=\"bibr\" rid=\"r1\">", b"&ndash;", b"&#0;", b"]]>", b"<", b">", b"---\n", b"\n---\n",
    b"bibliography: /etc/hostname\n", b"\x1b[2J", b"\r", b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3",
    b"9" * 5000, b"[" * 3000, b"(" * 3000, b"A. " * 500, b"References\n", b"1. ", b"doi:10.1000/x",
    b"\"id\": ", b"[[[[[[[[", b"{\"a\":", b"- id: ", b"\t", "\u202e".encode(),
)
FORMATS = ("text", "json", "sarif", "junit", "github")


@dataclass(frozen=True)
class Failure:
    case: int
    seed: str
    fmt: str
    what: str
    sample: Path | None = None


def mutate(data: bytes, rng: random.Random, others: Sequence[bytes] = ()) -> bytes:
    """One to four random mutations of ``data``."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(8)
        pos = rng.randint(0, len(out))
        if op == 0 and out:  # flip bits
            for _ in range(rng.randint(1, 8)):
                i = rng.randrange(len(out))
                out[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # delete a chunk
            del out[pos : pos + rng.randint(1, 64)]
        elif op == 2:  # duplicate a chunk
            out[pos:pos] = out[pos : pos + rng.randint(1, 200)]
        elif op == 3:  # repeat a chunk many times (long runs, deep nesting)
            chunk = bytes(out[pos : pos + rng.randint(1, 8)]) or b"["
            out[pos:pos] = chunk * rng.choice((10, 100, 1000, 10_000))
        elif op in (4, 5):  # insert a special token
            out[pos:pos] = rng.choice(TOKENS)
        elif op == 6 and others:  # splice in part of another seed
            other = rng.choice(others)
            start = rng.randint(0, len(other))
            out[pos:pos] = other[start : start + rng.randint(1, 400)]
        elif op == 7:  # truncate
            del out[pos:]
    return bytes(out)


@contextmanager
def _hang_guard(seconds: int) -> Iterator[None]:
    if not hasattr(signal, "SIGALRM") or seconds <= 0:
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"no answer after {seconds} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _check_output(fmt: str, output: str) -> str | None:
    """What is wrong with a run's output, if anything."""
    if "Traceback (most recent call last)" in output:
        return "a traceback"
    if "internal error" in output:
        return "an internal error: " + next(line for line in output.splitlines() if "internal error" in line)[:300]
    try:
        if fmt in ("json", "sarif"):
            json.loads(output)
        elif fmt == "junit":
            ET.fromstring(output.split("\n", 1)[1])
        elif fmt in ("text", "github"):
            bad = [ch for ch in output if (ord(ch) < 32 and ch != "\n") or 0x7F <= ord(ch) < 0xA0]
            if bad:
                return f"raw control characters in {fmt} output: {bad[:5]!r}"
    except (ValueError, ET.ParseError) as error:
        return f"{fmt} output does not parse: {error}"
    return None


def run_case(path: Path, fmt: str, hang_seconds: int) -> str | None:
    """Check ``path`` with the CLI; what went wrong, or ``None``."""
    from click.testing import CliRunner

    from citecheck.cli import cli

    try:
        with _hang_guard(hang_seconds):
            result = CliRunner().invoke(cli, ["check", str(path), "--format", fmt, "--isolated"],
                                        catch_exceptions=True)
    except TimeoutError as error:
        return f"hang: {error}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return "an exception: " + "".join(traceback.format_exception(result.exception))[-1500:]
    if result.exit_code not in (0, 1, 2):
        return f"exit code {result.exit_code}"
    if "Traceback (most recent call last)" in result.output or "internal error" in result.output:
        return _check_output(fmt, result.output)  # stdout and stderr as a user sees them
    return _check_output(fmt, result.stdout)  # the report alone: stderr may carry notes


def _docx_seed(folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from tests.docx_build import new_document, save

    document = new_document()
    document.add_paragraph("Bone metastases are common [1, 2] and painful (3).")
    document.add_paragraph("References")
    document.add_paragraph("1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017;11(1):321.")
    document.add_paragraph("2. Coleman RE. Bone metastases. Nat Rev Dis Primers. 2020;6:83.")
    return save(document, folder / "seed.docx")


def fuzz(cases: int, seed: int = 1, hang_seconds: int = 60, seeds: Sequence[Path] = SEEDS,
         keep: Path | None = None) -> list[Failure]:
    """Run ``cases`` mutated cases; the failures found (a sample of each kept in ``keep``)."""
    rng = random.Random(seed)
    failures: list[Failure] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seed_files = list(seeds) + [_docx_seed(work)]
        contents = {p: p.read_bytes() for p in seed_files}
        for case in range(cases):
            original = seed_files[case % len(seed_files)]
            folder = work / f"case{case}"
            shutil.copytree(original.parent, folder, ignore=shutil.ignore_patterns("case*", "*.pyc"))
            target = folder / original.name
            data = contents[original]
            if original.suffix == ".docx":
                mutated = _mutate_docx(data, rng, list(contents.values()))
            else:
                mutated = mutate(data, rng, list(contents.values()))
            target.write_bytes(mutated)
            checked = folder / CHECKED.get(original.name, original.name)
            fmt = FORMATS[case % len(FORMATS)]
            problem = run_case(checked, fmt, hang_seconds)
            if problem:
                sample = None
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    sample = keep / f"case{case}{original.suffix}"
                    sample.write_bytes(mutated)
                failures.append(Failure(case, original.name, fmt, problem, sample))
            shutil.rmtree(folder, ignore_errors=True)
    return failures


def _mutate_docx(data: bytes, rng: random.Random, others: Sequence[bytes]) -> bytes:
    """Mutate either the zip bytes or, more often, one XML part inside it."""
    import io
    import zipfile

    if rng.random() < 0.3:
        return mutate(data, rng, others)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in source.namelist() if n.endswith(".xml")]
    victim = "word/document.xml" if rng.random() < 0.7 else rng.choice(names)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            body = source.read(name)
            out.writestr(name, mutate(body, rng, others) if name == victim else body)
    return buffer.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--hang-seconds", type=int, default=60)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-failures"),
                        help="folder for the inputs that failed (default: ./fuzz-failures)")
    parser.add_argument("seeds", nargs="*", type=Path, help="seed files (default: the repository's)")
    args = parser.parse_args(argv)
    os.environ.setdefault("NO_COLOR", "1")
    failures = fuzz(args.cases, args.seed, args.hang_seconds, tuple(args.seeds) or SEEDS, args.keep)
    for failure in failures:
        print(f"case {failure.case} ({failure.seed}, --format {failure.fmt}): {failure.what}"
              + (f" [{failure.sample}]" if failure.sample else ""))
    print(f"{args.cases} cases, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
