"""Reporters: a map from output format name to a function that renders a Report.

A reporter is ``render(report, options) -> str``.  Add a format by adding it
to :data:`REPORTERS`; the CLI offers every key as a ``--format`` choice.
"""

from __future__ import annotations

from collections.abc import Callable

from citecheck.model import Report
from citecheck.reporters.github import render_github
from citecheck.reporters.json import render_json
from citecheck.reporters.jsonl import render_jsonl
from citecheck.reporters.junit import render_junit
from citecheck.reporters.options import RenderOptions
from citecheck.reporters.sarif import render_sarif
from citecheck.reporters.text import TextOptions, render_text

Reporter = Callable[[Report, RenderOptions], str]

REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
    "jsonl": render_jsonl,
    "sarif": render_sarif,
    "junit": render_junit,
    "github": render_github,
}

__all__ = [
    "REPORTERS", "RenderOptions", "Reporter", "TextOptions",
    "render_github", "render_json", "render_jsonl", "render_junit", "render_sarif", "render_text",
]
