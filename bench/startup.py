"""Start-up: what a pre-commit hook or an editor pays on every call.

Runs, as a user does, ``citecheck --version``, ``citecheck check`` on a 50-reference
plain-text manuscript (generated like bench/check_speed.py's) and, for scale,
``python -c pass`` (the interpreter alone) and ``flake8 --version`` when flake8 is
installed.  Each command runs ``--runs`` times (default 10) in a fresh process; the script
prints the median wall time and the median CPU time (user + system, which a loaded machine
inflates less than wall time) and which of citecheck's heavy dependencies each command
imported.

    python bench/startup.py [--runs N]
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


def timed(cmd: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def imported(args: list[str]) -> list[str]:
    """The heavy modules a citecheck command imports."""
    code = ("import sys, runpy; sys.argv = ['citecheck'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('citecheck', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            f"print(','.join(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=False)
    return [m for m in out.stderr.strip().splitlines()[-1].split(",") if m] if out.stderr.strip() else []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
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
        print(f"{'command':34} {'wall (median)':>14} {'CPU (median)':>13}  heavy imports")
        for name, cmd, args in cases:
            timed(cmd)  # warm the file cache
            walls, cpus = zip(*(timed(cmd) for _ in range(runs)))
            heavy = ", ".join(imported(args)) if args is not None else ""
            print(f"{name:34} {statistics.median(walls):13.3f}s {statistics.median(cpus):12.3f}s  "
                  f"{heavy or '-'}")
    print(f"\n{runs} runs each; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs "
          "(compare CPU times when the machine is busy).")


if __name__ == "__main__":
    main()
