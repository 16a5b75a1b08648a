"""The human-readable reporter: one line per finding, then a summary.

``paper.md:71:1: CC101 reference 5 is never cited [uncited-reference]``
"""

from __future__ import annotations

from citecheck.gcpause import builds_only
from citecheck.model import Report, Severity
from citecheck.reporters.options import RenderOptions, printable

_COLOURS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


#: The text reporter's options are every reporter's (kept under this name for callers).
TextOptions = RenderOptions


def _paint(text: str, code: str, on: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if on else text


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" + ("" if count == 1 else "s")


def summary_line(report: Report) -> str:
    counts = report.summary
    parts = []
    if counts["warning"] or not counts["error"]:
        parts.append(_plural(counts["warning"], "warning"))
    parts.append(_plural(counts["error"], "error"))
    if counts["info"]:
        parts.append(_plural(counts["info"], "info") if counts["info"] == 1 else f"{counts['info']} info")
    line = ", ".join(parts)
    if len(report.files) > 1:
        unreadable = sum(1 for f in report.files if f.error is not None)
        line += f" in {len(report.files)} files"
        if unreadable:
            line += f" ({unreadable} unreadable)"
    if report.unverified:
        line += f"; {report.unverified} reference(s) could not be verified"
    return line


def fixable_line(report: Report) -> str | None:
    """``[*] 1 fixable with `citecheck fix` (1 more with --unsafe-fixes).``, or ``None``."""
    safe = sum(1 for f in report.findings if f.fix == "safe")
    unsafe = sum(1 for f in report.findings if f.fix == "unsafe")
    if not safe:
        return None  # unsafe fixes alone are not advertised (as Ruff does)
    more = f" ({unsafe} more with `citecheck fix --unsafe-fixes`)" if unsafe else ""
    return f"[*] {safe} fixable with `citecheck fix`{more}."


@builds_only
def render_text(report: Report, options: TextOptions | None = None) -> str:
    options = options or TextOptions()
    lines = []
    for f in report.findings:
        loc = f.location
        where = _paint(f"{printable(loc.path)}:{loc.line}:{loc.column}:", "1", options.colour)
        code = _paint(f.code, _COLOURS[f.severity], options.colour)
        mark = "[*] " if f.fix == "safe" else ""
        near = f' near "{printable(f.excerpt)}"' if f.excerpt else ""
        lines.append(f"{where} {code} {mark}{printable(f.message)} [{f.name}]{near}")
        if options.show_related:
            for rel in f.related:
                at = rel.location
                lines.append(f"    {printable(at.path)}:{at.line}:{at.column}: {printable(rel.message)}")
    fixable = fixable_line(report)
    if fixable:
        lines.append(fixable)
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
