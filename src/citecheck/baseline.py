"""Baselines: record today's findings, then report only new ones.

A journal adopting the gate over its back catalogue writes a baseline once
(``--write-baseline``) and from then on checks with ``--baseline``: a finding
whose fingerprint (see :mod:`citecheck.fingerprint`) is in the baseline is
hidden.  Matching counts occurrences, so if a baseline holds one uncited
reference with a given fingerprint and the manuscript now has two, one is new.
Paths are not part of the match, so a renamed or copied manuscript keeps its
baseline; they are stored for people reading the file.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from citecheck import __version__
from citecheck.errors import ConfigError
from citecheck.fingerprint import VERSION, report_fingerprints
from citecheck.model import Report

FORMAT = "citecheck-baseline"


@dataclass(frozen=True)
class Baseline:
    """The fingerprints a baseline file records, with how often each occurs."""

    counts: Counter[str]

    def __len__(self) -> int:
        return sum(self.counts.values())


def baseline_dict(report: Report, base_dir: str | None = None) -> dict[str, Any]:
    """The JSON document of a baseline of ``report``'s findings."""
    entries = []
    for finding, fp in zip(report.findings, report_fingerprints(report), strict=True):
        path = finding.path
        if base_dir is not None:
            try:
                path = os.path.relpath(os.path.abspath(path), base_dir)
            except ValueError:  # another drive, on Windows: keep it absolute
                path = os.path.abspath(path)
        entries.append({
            "fingerprint": fp,
            "code": finding.code,
            "references": list(finding.references),
            "path": path.replace(os.sep, "/"),
            "message": finding.message,
        })
    return {"format": FORMAT, "version": int(VERSION), "citecheck": __version__, "findings": entries}


def write_baseline(report: Report, path: str) -> int:
    """Write ``report``'s findings to the baseline file ``path``; return how many."""
    data = baseline_dict(report, os.path.dirname(os.path.abspath(path)))
    try:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, indent=2)
            handle.write("\n")
    except OSError as error:
        raise ConfigError(f"cannot write the baseline {path}: {error.strerror or error}") from None
    return len(data["findings"])


def load_baseline(path: str) -> Baseline:
    """Read a baseline file; raise ConfigError, naming the file, if it is not one."""
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except OSError as error:
        raise ConfigError(f"cannot read the baseline {path}: {error.strerror or error}") from None
    except ValueError as error:
        raise ConfigError(f"baseline {path} is not valid JSON: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ConfigError(f"{path} is not a citecheck baseline (no \"format\": \"{FORMAT}\")")
    if str(data.get("version")) != VERSION:
        raise ConfigError(
            f"baseline {path} has version {data.get('version')}, this citecheck reads version "
            f"{VERSION}: write it again with --write-baseline"
        )
    findings = data.get("findings")
    if not isinstance(findings, list) or not all(
        isinstance(f, dict) and isinstance(f.get("fingerprint"), str) for f in findings
    ):
        raise ConfigError(f"baseline {path}: \"findings\" must be a list of objects with a fingerprint")
    return Baseline(Counter(f["fingerprint"] for f in findings))


def apply_baseline(report: Report, baseline: Baseline) -> tuple[Report, int]:
    """A copy of ``report`` without the findings the baseline records; and how many it hid."""
    remaining = Counter(baseline.counts)
    kept = []
    for finding, fp in zip(report.findings, report_fingerprints(report), strict=True):
        if remaining[fp] > 0:
            remaining[fp] -= 1
            continue
        kept.append(finding)
    return replace(report, findings=kept), len(report.findings) - len(kept)
