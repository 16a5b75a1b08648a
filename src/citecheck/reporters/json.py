"""The JSON reporter: the machine-readable contract (schema/report.schema.json)."""

from __future__ import annotations

from typing import Any

from citecheck.gcpause import builds_only
from citecheck.model import Report
from citecheck.reporters.options import dump_json


@builds_only
def render_json(report: Report, options: Any = None) -> str:
    return dump_json(report.to_dict()) + "\n"
