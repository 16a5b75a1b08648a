"""Reporters: a map from output format name to a function that renders a Report.

A reporter is ``render(report, options) -> str``.  Add a format by adding its module and
function to :data:`REPORTERS`; the CLI offers every key as a ``--format`` choice.  A reporter's
module is imported when it is first used, so a run pays only for the format it prints.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Mapping

from citecheck.model import Report
from citecheck.reporters.options import RenderOptions

Reporter = Callable[[Report, RenderOptions], str]

#: Format name -> (module, function).
_WHERE: dict[str, tuple[str, str]] = {
    "text": ("citecheck.reporters.text", "render_text"),
    "json": ("citecheck.reporters.json", "render_json"),
    "jsonl": ("citecheck.reporters.jsonl", "render_jsonl"),
    "sarif": ("citecheck.reporters.sarif", "render_sarif"),
    "junit": ("citecheck.reporters.junit", "render_junit"),
    "github": ("citecheck.reporters.github", "render_github"),
    "html": ("citecheck.reporters.html", "render_html"),
}


class _Reporters(Mapping[str, Reporter]):
    """The reporters by format name, each imported on first use."""

    def __getitem__(self, name: str) -> Reporter:
        module, function = _WHERE[name]
        render: Reporter = getattr(importlib.import_module(module), function)
        return render

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


REPORTERS: Mapping[str, Reporter] = _Reporters()


__all__ = ["REPORTERS", "RenderOptions", "Reporter"]
