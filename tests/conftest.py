"""Shared helpers for the rule and reader tests.

``findings(text, fmt="text", **options)`` checks a manuscript given as a
string and returns its findings as ``(code, line, column, references)``
tuples, in report order, so that a test can compare them with one literal.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from citecheck import check_text
from tests.paths import SHARED

#: The shared files the tests read, by a short name.
CORPUS = {
    "seed": "seed/000_a144b719dc56c0f3.txt",
    "zh-good": "corpus/chinese/zh-cite-check_examples/good.md",
    "zh-bad": "corpus/chinese/zh-cite-check_examples/bad.md",
    "parscit": "corpus/plaintext/parscit_demodata/sample1.txt",
}

Row = tuple[str, int, int, tuple[str, ...]]


def findings(text: str, fmt: str = "text", **options: Any) -> list[Row]:
    """The findings of ``text`` as ``(code, line, column, references)``."""
    report = check_text(text, format=fmt, **options)
    return [(f.code, f.location.line, f.location.column, f.references) for f in report.findings]


@pytest.fixture(name="shared")
def shared_fixture() -> Path:
    """The shared material directory; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@pytest.fixture(name="shared_text")
def shared_text_fixture(shared: Path):
    """``shared_text(name)``: the text of a :data:`CORPUS` file."""

    def read(name: str) -> str:
        return (shared / CORPUS[name]).read_text(encoding="utf-8")

    return read


@pytest.fixture(name="findings")
def findings_fixture():
    return findings
