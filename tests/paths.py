"""Where the tests find shared material and fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_a144b719dc56c0f3.txt"
CORPUS = SHARED / "corpus"

needs_shared = pytest.mark.skipif(
    not SEED.exists(), reason="../shared (seed and corpus) is not beside this checkout"
)
