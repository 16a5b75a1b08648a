"""What ``citecheck fix`` does with the planned fixes: summary, diff, where to write.

Kept out of :mod:`citecheck.cli` so that the command stays a few lines.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from citecheck.config import Config
from citecheck.errors import InputError, UsageError
from citecheck.fix.run import FileFix, fix_file, fixed_path, project_root, unified_diff
from citecheck.model import Finding


#: How many changes the summary lists, per file.
MAX_NOTES = 20


@dataclass(frozen=True)
class FixOptions:
    diff: bool = False
    output: str | None = None
    in_place: bool = False


@dataclass
class FixOutcome:
    stdout: str = ""
    stderr: list[str] = field(default_factory=list)
    exit_code: int = 0


def destinations(fix: FileFix, options: FixOptions) -> dict[str, str]:
    """Where each file of ``fix`` is written: the changed ones, and with ``-o DIR`` every file
    the manuscript was read from (see :func:`project_copy`)."""
    if options.in_place:
        return {path: path for path in fix.outputs}
    if options.output:
        if len(fix.outputs) > 1 or os.path.isdir(options.output) or options.output.endswith(("/", os.sep)):
            return project_copy(fix, options.output)
        return {path: options.output for path in fix.outputs}
    return {path: fixed_path(path) for path in fix.outputs}


def project_copy(fix: FileFix, directory: str) -> dict[str, str]:
    """``-o DIR`` (an existing folder, a name ending in "/", or a fix that changes several
    files): every file of the manuscript (a LaTeX project: its .tex files and .bib files) at
    the same place under ``DIR``, the fixed ones fixed and the others copied, so that the copy
    reads as the project does."""
    sources = fix.sources or list(fix.outputs)
    if len(sources) == 1:
        return {sources[0]: os.path.join(directory, os.path.basename(sources[0]))}
    root = project_root(sources)
    return {path: os.path.join(directory, os.path.relpath(os.path.abspath(path), root)) for path in sources}


def _summary(fix: FileFix, written: dict[str, str]) -> list[str]:
    counts = ", ".join(f"{n} {code}" for code, n in sorted(fix.fixed.items()))
    where = "; ".join(f"wrote {dest}" if dest != src else f"rewrote {src}"
                      for src, dest in written.items() if src in fix.outputs)
    copied = len(written) - sum(1 for src in written if src in fix.outputs)
    if copied:
        where += f"; copied {copied} unchanged file{'s' if copied > 1 else ''} beside them"
    lines = [f"{fix.path}: fixed {counts or 'nothing'}" + (f" ({where})" if where else "")]
    moved = [n for n in fix.notes
             if (n.startswith("reference ") and " is now reference " in n) or n.startswith("moved reference ")]
    other = [n for n in fix.notes if n not in moved]
    shown = other[:MAX_NOTES]
    lines.extend(f"  {note}" for note in shown)
    if len(other) > len(shown):
        lines.append(f"  ... and {len(other) - len(shown)} more (see --diff)")
    if moved:
        lines.append(f"  {len(moved)} reference entr{'y' if len(moved) == 1 else 'ies'} renumbered or moved")
    return lines


def _left_lines(path: str, left: Sequence[tuple[Finding, str]]) -> list[str]:
    """One line per finding the fix leaves alone on purpose, with the reason."""
    return [f"{path}:{f.location.line}:{f.location.column}: not fixed: {f.code} {f.message}: {reason}"
            for f, reason in left]


def run_fix(paths: Sequence[str], config: Config, codes: frozenset[str], options: FixOptions) -> FixOutcome:
    """Fix ``paths`` as the command line asks."""
    if options.output and len(paths) > 1:
        raise UsageError("-o takes one input file")
    outcome = FixOutcome()
    out: list[str] = []
    inputs = {os.path.abspath(p) for p in paths}
    for path in paths:
        try:
            fix = fix_file(path, config, codes)
        except InputError as error:
            outcome.stderr.append(f"{path}: {error.message}")
            outcome.exit_code = 2
            continue
        if fix.refused:
            outcome.stderr.append(fix.refused)
            outcome.exit_code = 2
            continue
        if not fix.changed:
            if fix.left:
                out.append(f"{path}: nothing fixed")
                outcome.stderr.extend(_left_lines(path, fix.left))
                outcome.exit_code = max(outcome.exit_code, 1)
            elif fix.unfixable:
                out.append(f"{path}: nothing fixed: {fix.unfixable} finding(s) of the selected rules, "
                           "but citecheck fix does not rewrite this kind of file (see docs/fix.md)")
            else:
                out.append(f"{path}: nothing to fix")
            continue
        if options.diff:
            out.append(unified_diff(fix).rstrip("\n"))
            outcome.stderr.extend(_left_lines(path, fix.left))
            continue
        targets = destinations(fix, options)
        read = {os.path.abspath(p) for p in (*fix.sources, *fix.outputs)}
        if not options.in_place and any(os.path.abspath(t) in inputs or os.path.abspath(t) in read
                                        for t in targets.values()):
            raise UsageError("the output would overwrite an input file; use --in-place to do that")
        for source, target in targets.items():
            try:
                data = fix.outputs.get(source)
                if data is None:  # -o DIR: an unchanged file of the project, copied
                    with open(source, "rb") as original:
                        data = original.read()
                os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
                with open(target, "wb") as handle:
                    handle.write(data)
            except OSError as error:
                raise UsageError(f"cannot write {target}: {error.strerror or error}") from None
        out.extend(_summary(fix, targets))
        if not options.in_place and not options.output and any(
                os.path.abspath(p) != os.path.abspath(path) for p in fix.outputs):
            outcome.stderr.append(
                f"{path}: note: the .fixed copies are written beside their files and read nothing of each other "
                f"({os.path.basename(path)} still reads the unfixed files); use -o DIR for a copy of the whole "
                "manuscript, or --in-place")
        outcome.stderr.extend(_left_lines(path, fix.left))
        left = {(f.code, f.message) for f, _ in fix.left}
        for finding in fix.remaining:
            if (finding.code, finding.message) not in left:
                outcome.stderr.append(f"{path}: still reported after the fix: {finding.code} {finding.message}")
        if fix.remaining:
            outcome.exit_code = max(outcome.exit_code, 1)
    outcome.stdout = "\n".join(out) + ("\n" if out else "")
    return outcome
