"""Benchmark: time and peak memory of ``citecheck check`` on hostile inputs.

    PYTHONPATH=src python bench/hostile.py [--timeout 60] [CASE ...]

Each case is generated in a temporary folder and checked by the CLI in its
own process (``python -m citecheck check FILE --format json``), so a hang is
cut at ``--timeout`` seconds and the peak resident memory of that process
alone is known.  Prints one line per case: seconds, peak MiB, exit code and
the codes reported.  The machine's load changes the seconds; compare cases
measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.hostile_build import (  # noqa: E402 - the repository root is on the path only now
    bib_bomb,
    bracket_docx,
    bracket_md,
    csl_big_int,
    csl_deep_json,
    csl_deep_yaml,
    docx_bad_deflate,
    huge_range,
    long_line,
    many_citations,
    nested_parens,
)

def baseline(folder: Path) -> Path:
    """A three-line manuscript: what starting the interpreter and citecheck costs."""
    path = folder / "baseline.txt"
    path.write_text("Text [1].\n\nReferences\n\n1. Macedo F. Bone. Oncol Rev. 2017;11:321.\n", encoding="utf-8")
    return path


CASES: list[Callable[[Path], Path]] = [
    baseline, bib_bomb, nested_parens(12_500), nested_parens(50_000), many_citations(250_000), long_line,
    bracket_md, bracket_docx, huge_range, csl_big_int, csl_deep_json, csl_deep_yaml, docx_bad_deflate,
]


def run(path: Path, timeout: float) -> tuple[float, float, int | str, str]:
    """Seconds, peak MiB, exit code (or 'timeout') and the codes reported."""
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[1] / "src"))
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "citecheck", "check", str(path), "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = started + timeout
    status = None
    rusage = None
    while time.perf_counter() < deadline:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        time.sleep(0.02)
    else:
        proc.kill()
        _, status, rusage = os.wait4(proc.pid, 0)
        return timeout, rusage.ru_maxrss / 1024, "timeout", ""
    elapsed = time.perf_counter() - started
    out = proc.stdout.read() if proc.stdout else b""
    err = proc.stderr.read() if proc.stderr else b""
    try:
        codes = ",".join(sorted({f["code"] for f in json.loads(out)["findings"]}))
    except (ValueError, KeyError, TypeError):
        codes = "no JSON: " + err.decode(errors="replace").strip().splitlines()[-1][:80] if err.strip() else ""
    return elapsed, rusage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("cases", nargs="*", help="case names (default: all)")
    args = parser.parse_args()
    chosen = [case for case in CASES if not args.cases or case.__name__ in args.cases]
    print(f"{'case':28} {'seconds':>8} {'peak MiB':>9} {'exit':>7}  codes")
    with tempfile.TemporaryDirectory() as tmp:
        for case in chosen:
            folder = Path(tmp) / case.__name__
            folder.mkdir()
            path = case(folder)
            seconds, mib, code, codes = run(path, args.timeout)
            print(f"{case.__name__:28} {seconds:8.2f} {mib:9.0f} {code!s:>7}  {codes}", flush=True)


if __name__ == "__main__":
    main()
