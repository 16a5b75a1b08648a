"""Stable fingerprints of findings, for baselines and SARIF.

A fingerprint identifies a finding across runs and edits: it hashes the
rule's code, the references involved and the normalised text of the flagged
region (for an uncited reference, the reference entry itself), never line or
column numbers, so a finding keeps its fingerprint when text above it moves.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from citecheck.model import Finding, Location, Report, Source

_SPACE = re.compile(r"\s+")
#: Bump when the recipe changes: old baselines then no longer match silently.
VERSION = "1"


def normalise(text: str) -> str:
    """Case- and width-insensitive text with whitespace collapsed."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def region_text(source: Source, location: Location) -> str:
    """The text of ``location`` in ``source``; its whole line when the region is empty."""
    index = source.index
    start = index.line_start(location.line) + location.column - 1
    end = index.line_start(location.end_line) + location.end_column - 1
    if end <= start:
        line_end = source.text.find("\n", start)
        end = len(source.text) if line_end == -1 else line_end
        start = index.line_start(location.line)
    return source.text[start:end]


def fingerprint(finding: Finding, text: str | None = None) -> str:
    """The fingerprint of ``finding``; ``text`` is its flagged region (else its message)."""
    basis = normalise(text if text and text.strip() else finding.message)
    payload = "\x1f".join((VERSION, finding.code, "\x1e".join(finding.references), basis))
    import hashlib  # here: a run without a baseline or SARIF output never hashes

    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _sources(report: Report) -> dict[str, Source]:
    return {source.path: source for doc in report.documents for source in doc.sources}


def report_fingerprints(report: Report, findings: Iterable[Finding] | None = None) -> list[str]:
    """The fingerprints of ``findings`` (default: the report's), in order."""
    sources = _sources(report)
    out = []
    for finding in report.findings if findings is None else findings:
        source = sources.get(finding.location.path)
        out.append(fingerprint(finding, region_text(source, finding.location) if source else None))
    return out


def with_ordinals(fingerprints: Iterable[str]) -> list[str]:
    """Make equal fingerprints distinct by appending ``:n``, the n-th occurrence."""
    seen: Counter[str] = Counter()
    out = []
    for fp in fingerprints:
        seen[fp] += 1
        out.append(f"{fp}:{seen[fp]}")
    return out
