"""Helpers for the corpus-scale tests: a small corpus built in a temporary
folder, and findings grouped by file so runs can be compared file for file."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from citecheck.model import Report
from tests.paths import FIXTURES

#: In-repo manuscripts with findings of several kinds (CC101, CC201) and none.
SAMPLES = ("zh_bone_metastasis.txt", "clean_paper.md")

UNREADABLE = b"\x00\x01binary\x00"


def small_corpus(root: Path, copies: int = 3) -> list[str]:
    """``copies`` of each in-repo sample, plus one unreadable file, in ``root``."""
    paths = []
    for n in range(copies):
        for name in SAMPLES:
            target = root / f"{n:03d}_{name}"
            shutil.copyfile(FIXTURES / name, target)
            paths.append(str(target))
    bad = root / "broken.txt"
    bad.write_bytes(UNREADABLE)
    paths.append(str(bad))
    return sorted(paths)


Key = tuple[str, str, int, int, str, tuple[str, ...]]


def by_file(findings: Iterable[dict[str, Any]], key: str = "path") -> dict[str, list[Key]]:
    """Findings (JSON dicts) grouped by file, each sorted."""
    out: dict[str, list[Key]] = {}
    for f in findings:
        out.setdefault(f[key], []).append(
            (f["code"], f["path"], f["line"], f["column"], f["message"], tuple(f["references"])))
    return {k: sorted(v) for k, v in out.items()}


def report_by_file(reports: Iterable[Report]) -> dict[str, list[Key]]:
    """One-file reports, as :func:`by_file` of their findings, keyed by the checked file."""
    out: dict[str, list[Key]] = {}
    for report in reports:
        out[report.files[0].path] = by_file(f.to_dict() for f in report.findings).get(
            report.files[0].path, [])
    return out


def jsonl_records(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
