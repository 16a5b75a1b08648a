"""The package is typed (it ships py.typed): mypy --strict must stay clean."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT


def test_mypy_strict_is_clean() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
         str(ROOT / "src" / "citecheck")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
