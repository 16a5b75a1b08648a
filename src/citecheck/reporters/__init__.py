"""Reporters: a map from output format name to a function that renders a Report.

A reporter is ``render(report, options) -> str``.  Add a format by adding it
to :data:`REPORTERS`; the CLI offers every key as a ``--format`` choice.
"""

from __future__ import annotations

from collections.abc import Callable

from citecheck.model import Report
from citecheck.reporters.json import render_json
from citecheck.reporters.text import TextOptions, render_text

Reporter = Callable[[Report, TextOptions], str]

REPORTERS: dict[str, Reporter] = {
    "text": render_text,
    "json": render_json,
}

__all__ = ["REPORTERS", "Reporter", "TextOptions", "render_json", "render_text"]
