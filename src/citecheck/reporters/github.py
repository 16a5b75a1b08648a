"""GitHub Actions workflow commands: one annotation per finding.

``::warning file=paper.md,line=71,col=1,endLine=71,endColumn=90,title=CC101 uncited-reference::reference 5 is never cited``

GitHub shows these on the pull request's changed lines.  Message data escapes
``%``, CR and LF; property values also escape ``:`` and ``,``, which would
otherwise end the value.  What comes from the manuscript (messages, file
names) has its control characters written out first (see
:func:`~citecheck.reporters.options.printable`): the log shows ANSI escape
sequences, and GitHub turns ``%0A`` back into a line break.
"""

from __future__ import annotations

from citecheck.gcpause import builds_only
from citecheck.model import Report, Severity
from citecheck.reporters.options import RenderOptions, display_path, printable
from citecheck.reporters.text import summary_line

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(command: str, message: str, **properties: object) -> str:
    """One workflow command line, ``::command key=value,...::message``."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return f"::{command} {props}::{escape_data(message)}" if props else f"::{command}::{escape_data(message)}"


@builds_only
def render_github(report: Report, options: RenderOptions | None = None) -> str:
    options = options or RenderOptions()
    lines = []
    for f in report.findings:
        loc = f.location
        message = printable(f.message)
        for rel in f.related:
            where = printable(display_path(rel.location.path, options.base))
            message += f"\n{where}:{rel.location.line}:{rel.location.column}: {printable(rel.message)}"
        lines.append(annotation(
            COMMANDS[f.severity], message,
            file=printable(display_path(loc.path, options.base)), line=loc.line, col=loc.column,
            endLine=loc.end_line, endColumn=loc.end_column, title=f"{f.code} {f.name}",
        ))
    lines.append(f"citecheck: {summary_line(report)}")
    return "\n".join(lines) + "\n"
