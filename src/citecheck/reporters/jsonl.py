"""The JSON Lines reporter: one object per finding, then one per file summary.

A checked file is written as one block: its findings (``"type": "finding"``),
then its summary (``"type": "file"``), in one write.  So a run that is killed
leaves whole blocks followed at most by one partial block, and ``--resume``
knows a file is done exactly when its summary line is there
(:func:`citecheck.scale.resume.read_done`).  Blocks come in the order files finish, which under
``--jobs`` or Dask is not the order of the paths.

A problem in a file that two checked documents share (a ``.bib`` read by two
papers) is reported in the block of each document, as checking each file on
its own would.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from citecheck.gcpause import builds_only
from citecheck.model import FileSummary, Finding, Report
from citecheck.reporters.options import dump_json
from citecheck.reporters.junit import _owner_paths  # a .bib belongs to its .tex


def file_block(summary: FileSummary, findings: Iterable[Finding], unverified: int = 0) -> str:
    """The lines of one checked file: its findings, then its summary."""
    lines = []
    count = 0
    for finding in findings:
        lines.append(_line({"type": "finding", "file": summary.path, **finding.to_dict()}))
        count += 1
    record: dict[str, Any] = {"type": "file", **summary.to_dict(), "findings": count}
    if unverified:
        record["unverified"] = unverified
    lines.append(_line(record))
    return "".join(lines)


@builds_only
def render_jsonl(report: Report, options: Any = None) -> str:
    """A whole report as JSON Lines (the reporter behind ``--format jsonl``)."""
    by_file: dict[str, list[Finding]] = {f.path: [] for f in report.files}
    owners = _owner_paths(report)
    for finding in report.findings:
        by_file.setdefault(owners.get(finding.path, finding.path), []).append(finding)
    return "".join(file_block(s, by_file.get(s.path, ())) for s in report.files)


def _line(record: dict[str, Any]) -> str:
    return dump_json(record, indent=None) + "\n"


