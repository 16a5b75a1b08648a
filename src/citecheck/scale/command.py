"""``citecheck check`` for large corpora: ``--executor dask``, ``--format jsonl``
streamed to ``--output``, ``--resume``.

JSON Lines output is written file by file as reports arrive, so the client
holds one file's findings at a time and only counts the rest.  The other
formats need the whole report: the per-file reports are merged in the order
of the paths, as ``--jobs`` merges them, and rendered at the end.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import IO

from citecheck.config import Config
from citecheck.crossref import CrossrefSettings, open_verifier
from citecheck.discover import expand_paths
from citecheck.errors import ConfigError
from citecheck.gate import GateOptions, resolve_config
from citecheck.model import Report, Severity
from citecheck.reporters import REPORTERS, RenderOptions
from citecheck.reporters.jsonl import file_block
from citecheck.scale.central import Central
from citecheck.scale.resume import Done, open_for_resume, read_done
from citecheck.scale.run import ScaleOptions, iter_reports, open_backend


@dataclass
class ScaledResult:
    """What a scaled run produced, for the exit code and the messages on stderr."""

    config: Config
    counts: dict[str, int]
    incomplete: bool = False
    unreadable: bool = False
    unverified: int = 0
    notes: list[str] = field(default_factory=list)
    files: int = 0
    skipped: int = 0  # --resume: files already in the output
    report: Report | None = None  # the merged report, for formats other than jsonl
    central: Central | None = None


def run_scaled(paths: Sequence[str], options: GateOptions, scale: ScaleOptions,
               crossref: CrossrefSettings | None, fmt: str, output: str | None, resume: bool,
               render: Callable[[Config], RenderOptions]) -> ScaledResult:
    """Check ``paths`` on ``scale``'s backend and write the output."""
    if options.baseline or options.write_baseline:
        raise ConfigError("--baseline and --write-baseline need the manuscripts' text on the "
                          "client: use them without --executor dask, --format jsonl or --resume")
    if resume and (fmt != "jsonl" or not output):
        raise ConfigError("--resume continues a --format jsonl run written with --output FILE")
    loaded, config = resolve_config(paths, options)
    files = expand_paths(paths, (*loaded.exclude, *options.exclude), options.respect_gitignore)
    if output and os.path.abspath(output) in {os.path.abspath(f) for f in files}:
        raise ConfigError(f"{output} is one of the input files; citecheck never writes to its inputs")
    result = ScaledResult(config, {s.value: 0 for s in Severity})
    if not files:
        result.notes.append(f"warning: no supported files found in {', '.join(paths)}")
    done = read_done(output) if resume and output else Done()
    if done.paths:
        files = [f for f in files if os.path.abspath(f) not in done.paths]
        result.skipped = len(done.paths)
        result.counts.update(done.counts)
        result.unreadable = done.errors > 0
        result.unverified = done.unverified
        result.incomplete = done.errors > 0 or done.unverified > 0
    with ExitStack() as stack:
        central = None
        if crossref is not None:
            verifier = stack.enter_context(open_verifier(crossref))
            central = result.central = Central(verifier, config)
        backend = stack.enter_context(open_backend(scale))
        reports = iter_reports(files, config, backend, central, scale.window)
        if fmt == "jsonl":
            sink = _open_sink(output, done, stack)
            for report in reports:
                _count(result, report)
                sink.write(file_block(report.files[0], report.findings, report.unverified))
                sink.flush()
        else:
            by_path: dict[str, Report] = {}
            for report in reports:
                _count(result, report)
                by_path[report.files[0].path] = report
            merged = Report()
            for path in files:
                if path in by_path:
                    merged.extend(by_path.pop(path))
            for leftover in by_path.values():  # a reader that renamed its file
                merged.extend(leftover)
            result.report = merged
        if central is not None and result.unverified:
            result.notes.append(central.verifier.summary())
    if result.report is not None:
        result.report.notes.extend(result.notes)
        _write(REPORTERS[fmt](result.report, render(config)), output)
    return result


def _count(result: ScaledResult, report: Report) -> None:
    result.files += 1
    for finding in report.findings:
        result.counts[finding.severity.value] += 1
    result.unverified += report.unverified
    result.incomplete = result.incomplete or report.incomplete
    result.unreadable = result.unreadable or any(f.error for f in report.files)


def _open_sink(output: str | None, done: Done, stack: ExitStack) -> IO[str]:
    if output is None:
        return sys.stdout
    try:
        return stack.enter_context(open_for_resume(output, done))
    except OSError as error:
        raise ConfigError(f"cannot write {output}: {error.strerror or error}") from error


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    try:
        with open(output, "w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as error:
        raise ConfigError(f"cannot write {output}: {error.strerror or error}") from error


def exit_code(result: ScaledResult) -> int:
    """As :func:`citecheck.cli.exit_code`, from counts instead of findings."""
    failing = any(n and result.config.fails(Severity(s)) for s, n in result.counts.items())
    if result.incomplete and (result.unreadable or not failing):
        return 2
    return 1 if failing else 0
