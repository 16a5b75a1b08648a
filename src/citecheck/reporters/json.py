"""The JSON reporter: the machine-readable contract (schema/report.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from citecheck.model import Report


def render_json(report: Report, options: Any = None) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
