"""Start-up: what a pre-commit hook or an editor pays on every call.

Runs, as a user does, ``citecheck --version``, ``citecheck check`` on a 50-reference
plain-text manuscript (generated like bench/check_speed.py's) and, for scale,
``python -c pass`` (the interpreter alone) and ``flake8 --version`` when flake8 is
installed.  Each command runs ``--runs`` times (default 10) in a fresh process; the script
prints the median wall time and the median CPU time (user + system, which a loaded machine
inflates less than wall time) and which of citecheck's heavy dependencies each command
imported.

    python bench/startup.py [--runs N] [--against TREE]

``--against TREE`` (another checkout's ``src``, e.g. ``/work/main/src``) also runs every
citecheck command with ``PYTHONPATH=TREE``, alternating run by run with this tree, and prints
both side by side with the ratio of their CPU times: a before/after measured in one run, so
the load of a shared machine falls on both alike.

Bytecode is cached as for an installed package: when ``PYTHONDONTWRITEBYTECODE`` is set, the
commands run without it and with ``PYTHONPYCACHEPREFIX`` pointing at a cache folder in the
temporary directory (the checkouts themselves are not written to), so that compiling the
sources is not counted as start-up.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_speed import _reference  # noqa: E402

HEAVY = ("docx", "lxml", "bibtexparser", "habanero", "httpx2", "yaml", "rapidfuzz")


def manuscript(n: int = 50) -> str:
    rng = random.Random(50)
    body = " ".join(f"Finding {k} is reported [{k}]." for k in range(1, n + 1))
    refs = "\n".join(_reference(k, rng) for k in range(1, n + 1))
    return f"{body}\n\nReferences\n{refs}\n"


def environment(tree: str | None = None) -> dict[str, str]:
    """The children's environment: bytecode cached (see the module's note), and
    ``PYTHONPATH=tree`` when a tree is given."""
    env = dict(os.environ)
    if env.pop("PYTHONDONTWRITEBYTECODE", None) is not None and "PYTHONPYCACHEPREFIX" not in env:
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "citecheck-bench-pycache")
    if tree is not None:
        env["PYTHONPATH"] = tree
    return env


def timed(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def imported(args: list[str], env: dict[str, str] | None = None) -> list[str]:
    """The heavy modules a citecheck command imports."""
    code = ("import sys, runpy; sys.argv = ['citecheck'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('citecheck', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False, env=env)
    return [m for m in out.stderr.strip().splitlines()[-1].split(",") if m] if out.stderr.strip() else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--against", metavar="TREE", help="also run citecheck with PYTHONPATH=TREE and compare")
    args = parser.parse_args()
    runs = args.runs
    here = environment()
    trees: list[tuple[str, dict[str, str]]] = [("this", here)]
    if args.against:
        trees.append(("against", environment(os.path.abspath(args.against))))
        print(f"this: PYTHONPATH={here.get('PYTHONPATH', '(unset: the installed citecheck)')}")
        print(f"against: PYTHONPATH={os.path.abspath(args.against)}\n")
    with tempfile.TemporaryDirectory() as tmp:
        paper = os.path.join(tmp, "paper.txt")
        Path(paper).write_text(manuscript(), encoding="utf-8")
        citecheck = [sys.executable, "-m", "citecheck"]
        cases: list[tuple[str, list[str], list[str] | None]] = [
            ("python -c pass", [sys.executable, "-c", "pass"], None),
            ("citecheck --version", [*citecheck, "--version"], ["--version"]),
            ("citecheck check (50 refs, .txt)", [*citecheck, "check", paper], ["check", paper]),
        ]
        if shutil.which("flake8"):
            cases.append(("flake8 --version", ["flake8", "--version"], None))
        header = f"{'command':34} {'wall (median)':>14} {'CPU (median)':>13}"
        if args.against:
            header += f" {'against: wall':>14} {'CPU':>7} {'CPU this/against':>17}"
        print(f"{header}  heavy imports")
        for name, cmd, argv in cases:
            envs = [env for _, env in trees] if argv is not None else [here]
            for env in envs:
                timed(cmd, env)  # warm the file cache (and the bytecode cache)
            samples: list[list[tuple[float, float]]] = [[] for _ in envs]
            for _ in range(runs):  # alternate the trees, so that both see the same load
                for k, env in enumerate(envs):
                    samples[k].append(timed(cmd, env))
            medians = [(statistics.median(w for w, _ in s), statistics.median(c for _, c in s)) for s in samples]
            line = f"{name:34} {medians[0][0]:13.3f}s {medians[0][1]:12.3f}s"
            if args.against:
                if len(medians) > 1:
                    line += f" {medians[1][0]:13.3f}s {medians[1][1]:6.3f}s {medians[0][1] / medians[1][1]:16.2f}"
                else:
                    line += " " * 40
            heavy = [", ".join(imported(argv, env)) or "-" for env in envs] if argv is not None else ["-"]
            print(f"{line}  {' | '.join(heavy)}")
    print(f"\n{runs} runs each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(compare CPU times when the machine is busy).")


if __name__ == "__main__":
    main()
