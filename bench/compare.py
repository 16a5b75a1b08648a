"""citecheck against bibtex-tidy and the bibtexparser parse floor, end to end.

    python bench/compare.py [--entries 50000] [--dups 1000] [--citations 20000]
                            [--refs 1000 10000] [--workdir DIR] [--skip-tidy]
                            [--against TREE] [--cpu] [--repeat N] [--only ROW ...]

Generates, seeded and so the same every run:

- ``refs.bib``: ``--entries`` BibTeX entries with ``--dups`` planted
  near-duplicates of earlier entries (initials only, title case changed, a
  mistyped letter, DOI dropped, year one off, key changed), drawn from a
  *small* vocabulary (about 100 title words and 75 surnames): the worst case
  for a candidate-pair search, where common words and names dominate;
- ``main.tex``: ``--citations`` ``\\cite`` commands over that ``.bib``;
- for each N of ``--refs``: a plain-text manuscript with N Vancouver-style
  references written with the same small vocabulary and 10 N bracketed
  citations (single numbers, lists and ranges).
- ``small.txt``: bench/startup.py's 50-reference manuscript, whose check is
  the fixed cost of ``check`` (start-up plus the readers and rules it imports).

Then it runs each program as a user would, one process each (so start-up
counts), and prints wall time, CPU time (user + system) and peak resident
memory, from the child's own resource usage (``wait4``); ratios use wall time,
and CPU time when ``--cpu`` is given (steadier on a loaded machine):

- ``citecheck --version`` (start-up) and ``citecheck check small.txt``;
- ``citecheck check refs.bib`` / ``main.tex`` / each text manuscript (the
  goals count a text's time after start-up, less ``--version``'s time; the
  time after the 50-reference check is printed beside it);
- citecheck's BibTeX reader alone (parse only);
- bibtexparser v2 ``parse_string`` alone: the parse floor of our reader;
- ``bibtex-tidy --duplicates`` (Node), installed with npm into the work
  folder on first use; skipped with a message when node or npm is missing.

The machine may be loaded: compare the ratios printed, which come from the
same run, rather than seconds across runs.  ``--repeat N`` runs each row N times
and keeps the fastest run (peak memory: the largest), as ``timeit`` keeps the
best: the noise of a shared machine only ever adds time.

``--against TREE`` (another checkout's ``src``, e.g. ``/work/main/src``) runs
every citecheck row a second time, right after the first (with ``--repeat``, the
two in turn), with
``PYTHONPATH=TREE``, prints it below as ``(against)`` with the ratio of the two
times, and prints the goals for both trees: a before/after measured in one run.
When ``PYTHONDONTWRITEBYTECODE`` is set, citecheck runs without it and with
``PYTHONPYCACHEPREFIX`` set (as bench/startup.py does), so that start-up
counts cached bytecode, as an installed package has.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from check_speed import manuscript  # the citations of bench/check_speed.py's manuscripts
from startup import environment
from startup import manuscript as small_manuscript

# -- the small vocabulary -----------------------------------------------------

TITLE_WORDS = (
    "analysis study effect effects role cells cell patients model models data using based response "
    "protein expression gene genes human cancer clinical treatment disease risk network networks "
    "learning system systems method methods novel new approach evidence association factors mechanism "
    "structure dynamics function regulation signaling molecular therapy outcomes cohort trial "
    "randomized population impact deep neural graph control adaptive optimal robust efficient fast "
    "large scale distributed inference estimation prediction detection classification segmentation "
    "imaging brain tumor immune response stress growth development climate water soil energy power "
    "quantum optical materials surface thermal flow transport mobile wireless security privacy "
    "language speech vision image video"
).split()
STOP_WORDS = ("of", "in", "the", "and", "for", "with", "on", "a")
SURNAMES = (
    "Zhang Wang Li Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Gao Luo Kim Lee Park "
    "Choi Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Müller Schmidt Schneider Fischer Weber "
    "Meyer Wagner Becker Rossi Russo Ferrari Bianchi Dubois Durand Tanaka Suzuki Sato Ito Nowak Silva "
    "Santos Costa Nielsen Jensen Hansen Larsen Nilsson Eriksson Novak"
).split()
JOURNALS = (
    "Journal of Biological Chemistry", "Nature Communications", "Physical Review Letters",
    "Bioinformatics", "Nucleic Acids Research", "Cancer Research", "Journal of Neuroscience",
    "Scientific Reports", "IEEE Transactions on Communications", "Applied Physics Letters",
)
LATEX_NAMES = {"Müller": "M{\\\"u}ller"}


@dataclass
class Work:
    authors: list[tuple[str, str]]  # (family, initials)
    title: str
    journal: int
    year: int
    volume: int
    pages: tuple[int, int]
    doi: str | None


class Generator:
    """Seeded works drawn from the small vocabulary."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.serial = 0

    def title(self) -> str:
        rng = self.rng
        words = [rng.choice(TITLE_WORDS) for _ in range(rng.randint(5, 9))]
        for _ in range(rng.randint(1, 3)):
            words.insert(rng.randint(1, len(words) - 1), rng.choice(STOP_WORDS))
        text = " ".join(words)
        return text[0].upper() + text[1:]

    def work(self) -> Work:
        rng = self.rng
        self.serial += 1
        first = rng.randint(1, 9000)
        return Work(
            authors=[(rng.choice(SURNAMES), "".join(rng.choice("ABCDEFGHJKLMNPRSTW") for _ in range(rng.randint(1, 2))))
                     for _ in range(rng.randint(1, 5))],
            title=self.title(),
            journal=rng.randrange(len(JOURNALS)),
            year=rng.randint(1990, 2025),
            volume=rng.randint(1, 400),
            pages=(first, first + rng.randint(2, 30)),
            doi=f"10.{rng.randint(1000, 9999)}/gen.{self.serial}" if rng.random() < 0.6 else None,
        )

    def near_duplicate(self, work: Work) -> Work:
        """The same work written differently in one or two ways."""
        rng = self.rng
        dup = Work(list(work.authors), work.title, work.journal, work.year, work.volume, work.pages, work.doi)
        for change in rng.sample(("initials", "case", "typo", "doi", "year"), rng.randint(1, 2)):
            if change == "initials":
                dup.authors = [(f, g[:1]) for f, g in dup.authors]
            elif change == "case":
                dup.title = rng.choice((dup.title.lower(), dup.title.title()))
            elif change == "typo":
                words = dup.title.split()
                k = rng.randrange(len(words))
                if len(words[k]) > 3:
                    pos = rng.randrange(len(words[k]))
                    words[k] = words[k][:pos] + rng.choice("aeiou") + words[k][pos + 1:]
                dup.title = " ".join(words)
            elif change == "doi":
                dup.doi = None
            elif change == "year" and dup.doi is None:  # online-first year; a DOI would pin it
                dup.year += rng.choice((-1, 1))
        return dup


def works(n: int, dups: int, seed: int) -> list[Work]:
    """``n`` works, ``dups`` of them near-duplicates of earlier ones, spread evenly."""
    gen = Generator(seed)
    out: list[Work] = []
    every = max(2, n // dups) if dups else 0
    planted = 0
    for i in range(n):
        if every and i % every == every - 1 and planted < dups:
            out.append(gen.near_duplicate(out[gen.rng.randrange(len(out))]))
            planted += 1
        else:
            out.append(gen.work())
    return out


def bib_entry(key: str, work: Work) -> str:
    authors = " and ".join(f"{LATEX_NAMES.get(f, f)}, {'. '.join(g)}." for f, g in work.authors)
    lines = [
        f"@article{{{key},",
        f"  author = {{{authors}}},",
        f"  title = {{{work.title}}},",
        f"  journal = {{{JOURNALS[work.journal]}}},",
        f"  year = {{{work.year}}},",
        f"  volume = {{{work.volume}}},",
        f"  pages = {{{work.pages[0]}--{work.pages[1]}}},",
    ]
    if work.doi:
        lines.append(f"  doi = {{{work.doi}}},")
    return "\n".join(lines) + "\n}\n"


def make_bib(n: int, dups: int, seed: int) -> str:
    return "\n".join(bib_entry(f"key{i}", w) for i, w in enumerate(works(n, dups, seed)))


def make_tex(citations: int, entries: int, seed: int) -> str:
    rng = random.Random(seed)
    lines = ["\\documentclass{article}", "\\begin{document}"]
    for i in range(citations):
        keys = ",".join(f"key{rng.randrange(entries)}" for _ in range(1 + (i % 5 == 0)))
        command = ("cite", "citep", "citet")[i % 3]
        lines.append(f"Sentence {i} of the generated text refers to earlier work \\{command}{{{keys}}}.")
        if i % 10 == 9:
            lines.append("")
    lines += ["\\bibliographystyle{plain}", "\\bibliography{refs}", "\\end{document}", ""]
    return "\n".join(lines)


def vancouver(k: int, work: Work) -> str:
    authors = ", ".join(f"{f} {g}" for f, g in work.authors)
    doi = f" doi:{work.doi}" if work.doi else ""
    return (f"{k}. {authors}. {work.title}. {JOURNALS[work.journal]}. {work.year};{work.volume}:"
            f"{work.pages[0]}-{work.pages[1]}.{doi}")


def make_text(n: int, seed: int) -> str:
    """A numbered manuscript: ``n`` references written with the small vocabulary,
    about ``10 n`` citations, each reference first cited in order."""
    return manuscript(n, seed, [vancouver(k + 1, w) for k, w in enumerate(works(n, 0, seed))])


# -- running ------------------------------------------------------------------


@dataclass
class Result:
    seconds: float
    cpu: float
    peak_mb: float
    returncode: int
    stderr: str


def run(argv: list[str], cwd: str | None = None, env: dict[str, str] | None = None) -> Result:
    """Run ``argv`` with output discarded; its wall time and its own peak RSS."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux.
    return Result(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, stderr)


def install_tidy(workdir: Path) -> str | None:
    """The bibtex-tidy command, installed with npm into ``workdir`` on first use."""
    tidy = workdir / "tidy" / "node_modules" / ".bin" / "bibtex-tidy"
    if tidy.exists():
        return str(tidy)
    if not (shutil.which("node") and shutil.which("npm")):
        print("bibtex-tidy: skipped (node or npm not found)")
        return None
    (workdir / "tidy").mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["npm", "install", "--silent", "bibtex-tidy"], cwd=workdir / "tidy",
                          capture_output=True, text=True)
    if done.returncode or not tidy.exists():
        print(f"bibtex-tidy: skipped (npm install failed: {done.stderr.strip()[-200:]})")
        return None
    return str(tidy)


CITECHECK = [sys.executable, "-m", "citecheck"]
SMALL_ROW = "citecheck check small.txt (50 refs)"
PARSE_ONLY = ("from citecheck.readers.bibtex import read_bibtex; import sys; "
              "d = read_bibtex(sys.argv[1]); print(len(d.references))")
FLOOR = ("import sys; from bibtexparser.entrypoint import parse_string; "
         "lib = parse_string(open(sys.argv[1], encoding='utf-8').read(), parse_stack=[]); print(len(lib.blocks))")


def _goals(rows: dict[str, Result], args: argparse.Namespace, texts: list[tuple[int, Path]]) -> None:
    """The ratios and goals of one tree's rows."""
    measure = "CPU" if args.cpu else "wall"

    def t(row: Result) -> float:
        return row.cpu if args.cpu else row.seconds

    bib_row = rows.get("citecheck check refs.bib")
    tidy_row = rows.get("bibtex-tidy --duplicates refs.bib")
    if bib_row and tidy_row:
        print(f"refs.bib: citecheck / bibtex-tidy {measure} time {t(bib_row) / t(tidy_row):.2f} (goal <= 0.5), "
              f"memory {bib_row.peak_mb / tidy_row.peak_mb:.2f}; citecheck peak {bib_row.peak_mb:.0f} MB (goal < 400)")
        # The two measures part where bibtex-tidy's runtime works on a second core (V8 compiles
        # and collects garbage in threads of its own): both ratios, and the cores each used.
        print(f"refs.bib: wall time {bib_row.seconds / tidy_row.seconds:.2f}, CPU time {bib_row.cpu / tidy_row.cpu:.2f}; "
              f"cores used (CPU / wall): bibtex-tidy {tidy_row.cpu / max(1e-9, tidy_row.seconds):.2f}, "
              f"citecheck {bib_row.cpu / max(1e-9, bib_row.seconds):.2f}")
    floor, parse = rows.get("bibtexparser v2 parse_string (floor)"), rows.get("citecheck parse only (read_bibtex)")
    if floor and parse:
        print(f"parse: citecheck / bibtexparser floor {measure} time {t(parse) / t(floor):.2f}")
    tex_row = rows.get(f"citecheck check main.tex ({args.citations} cites)")
    if bib_row and tex_row:
        print(f"main.tex / refs.bib {measure} time {t(tex_row) / t(bib_row):.2f} (goal < 1.3)")
    version = rows.get("citecheck --version")
    base = t(version) if version else 0.0
    small = rows.get(SMALL_ROW)
    timed = [(n, rows.get(f"citecheck check text{n}.txt ({n} refs, {10 * n} cites)")) for n, _ in texts]
    sized = [(n, t(r) - base) for n, r in timed if r]
    for n, after in sized:
        # Start-up is what --version takes (the goal's measure); a check also imports the
        # readers and rules, which the 50-reference check's time includes: printed for information.
        beyond = f"; {after + base - t(small):.2f} s after a 50-reference check" if small else ""
        print(f"text {n} refs: {after:.2f} s {measure} after start-up (--version){beyond}"
              + (" (goal < 1 s after start-up)" if n == 10_000 else ""))
    for (n1, a1), (n2, a2) in zip(sized, sized[1:]):
        print(f"text {n1} -> {n2} refs: {measure} time x{a2 / max(1e-9, a1):.1f} after start-up "
              f"(input x{n2 / n1:.0f}; goal <= x11)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=50_000)
    parser.add_argument("--dups", type=int, default=1_000)
    parser.add_argument("--citations", type=int, default=20_000)
    parser.add_argument("--refs", type=int, nargs="*", default=[1_000, 10_000])
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "citecheck-compare"))
    parser.add_argument("--skip-tidy", action="store_true")
    parser.add_argument("--cpu", action="store_true", help="compute the ratios from CPU time, not wall time")
    parser.add_argument("--only", nargs="*", help="run only these rows (bib, tex, parse, floor, tidy, text, version, small)")
    parser.add_argument("--against", metavar="TREE",
                        help="also run every citecheck row with PYTHONPATH=TREE (another checkout's src)")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="run each row N times (with --against, the two trees in turn) and keep the "
                             "fastest run, by CPU time with --cpu, else by wall time; peak memory is the largest")
    args = parser.parse_args(argv)
    here = environment()
    there = environment(os.path.abspath(args.against)) if args.against else None
    work = Path(args.workdir)
    work.mkdir(parents=True, exist_ok=True)
    bib = work / "refs.bib"
    bib.write_text(make_bib(args.entries, args.dups, args.seed), encoding="utf-8")
    (work / "main.tex").write_text(make_tex(args.citations, args.entries, args.seed), encoding="utf-8")
    (work / "small.txt").write_text(small_manuscript(50), encoding="utf-8")
    texts = []
    for n in args.refs:
        path = work / f"text{n}.txt"
        path.write_text(make_text(n, args.seed), encoding="utf-8")
        texts.append((n, path))
    print(f"inputs in {work}: {args.entries} entries ({args.dups} planted near-duplicates, "
          f"{bib.stat().st_size / 1e6:.1f} MB), {args.citations} citations; text sizes {args.refs}")
    print("(compare ratios from this run; the machine may be loaded: CPU time is the steadier figure)")
    if there is not None:
        print(f"this: PYTHONPATH={here.get('PYTHONPATH', '(unset: the installed citecheck)')}; "
              f"(against): PYTHONPATH={there['PYTHONPATH']}")
    print(f"{'run':<52} {'wall':>9} {'CPU':>9} {'peak':>9}")

    def want(row: str) -> bool:
        return not args.only or row in args.only

    rows: dict[str, Result] = {}
    against: dict[str, Result] = {}

    def show(name: str, result: Result, note: str = "", table: dict[str, Result] = rows) -> None:
        table[name] = result
        status = "" if result.returncode in (0, 1) else f"  exit {result.returncode}: {result.stderr.strip()[-200:]}"
        print(f"{name:<52} {result.seconds:7.2f} s {result.cpu:7.2f} s {result.peak_mb:6.0f} MB{note}{status}",
              flush=True)

    def best(results: list[Result]) -> Result:
        """The fastest of ``results`` (see --repeat), with the largest peak; a failed
        run (exit code other than 0 or 1) is shown rather than any time."""
        failed = [r for r in results if r.returncode not in (0, 1)]
        if failed:
            return failed[0]
        fastest = min(results, key=lambda r: r.cpu if args.cpu else r.seconds)
        return dataclasses.replace(fastest, peak_mb=max(r.peak_mb for r in results))

    def ours(name: str, argv: list[str], cwd: str | None = None) -> None:
        """A citecheck row: this tree, then (with --against) the other one, in turn."""
        mine: list[Result] = []
        theirs: list[Result] = []
        for _ in range(max(1, args.repeat)):
            mine.append(run(argv, cwd, here))
            if there is not None:
                theirs.append(run(argv, cwd, there))
        show(name, best(mine))
        if theirs:
            other = best(theirs)
            show("  (against)", other, f"  this/against CPU {rows[name].cpu / max(1e-9, other.cpu):.2f}", against)
            against[name] = other

    def others(name: str, argv: list[str]) -> None:
        """A row of another tool."""
        show(name, best([run(argv) for _ in range(max(1, args.repeat))]))

    if want("version"):
        ours("citecheck --version", [*CITECHECK, "--version"])
    if want("small"):
        ours(SMALL_ROW, [*CITECHECK, "check", str(work / "small.txt"), "--format", "json"])
    tidy = None if args.skip_tidy or not want("tidy") else install_tidy(work)
    if tidy:
        others("bibtex-tidy --duplicates refs.bib", [tidy, str(bib), "-o", str(work / "tidied.bib"), "--duplicates"])
    if want("floor"):
        others("bibtexparser v2 parse_string (floor)", [sys.executable, "-c", FLOOR, str(bib)])
    if want("parse"):
        ours("citecheck parse only (read_bibtex)", [sys.executable, "-c", PARSE_ONLY, str(bib)])
    if want("bib"):
        ours("citecheck check refs.bib", [*CITECHECK, "check", str(bib), "--format", "json"])
    if want("tex"):
        ours(f"citecheck check main.tex ({args.citations} cites)",
             [*CITECHECK, "check", "main.tex", "--format", "json"], cwd=str(work))
    for n, path in texts if want("text") else ():
        ours(f"citecheck check text{n}.txt ({n} refs, {10 * n} cites)",
             [*CITECHECK, "check", str(path), "--format", "json"])

    for title, table in (("", rows), ("against", {**rows, **against})) if there is not None else (("", rows),):
        print(f"\n{title}:" if title else "")
        _goals(table, args, texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
