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
from citecheck.model import Document
from citecheck.readers.text import parse_text

#: Read-only material shared by all worktrees: the seed, the corpus, the style guide.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"

Row = tuple[str, int, int, tuple[str, ...]]


def findings(text: str, fmt: str = "text", **options: Any) -> list[Row]:
    """The findings of ``text`` as ``(code, line, column, references)``."""
    report = check_text(text, format=fmt, **options)
    return [(f.code, f.location.line, f.location.column, f.references) for f in report.findings]


def parse(text: str, fmt: str = "text") -> Document:
    """Read ``text`` into a Document without checking it."""
    return parse_text(text, "<text>", markdown=fmt == "markdown")


@pytest.fixture(name="shared")
def shared_fixture() -> Path:
    """The shared material directory; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED


@pytest.fixture(name="findings")
def findings_fixture():
    return findings


@pytest.fixture(name="parse")
def parse_fixture():
    return parse
