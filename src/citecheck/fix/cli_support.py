"""What ``citecheck fix`` does with the planned fixes: summary, diff, where to write.

Kept out of :mod:`citecheck.cli` so that the command stays a few lines.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from citecheck.config import Config
from citecheck.errors import InputError, UsageError
from citecheck.fix.run import FileFix, fix_file, fixed_path, unified_diff
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
    """Where each changed file of ``fix`` is written."""
    if options.in_place:
        return {path: path for path in fix.outputs}
    if options.output:
        if len(fix.outputs) > 1:
            raise UsageError(
                f"{fix.path}: the fix changes {len(fix.outputs)} files; -o takes one "
                "(use --diff, --in-place or the default .fixed copies)"
            )
        return {path: options.output for path in fix.outputs}
    return {path: fixed_path(path) for path in fix.outputs}


def _summary(fix: FileFix, written: dict[str, str]) -> list[str]:
    counts = ", ".join(f"{n} {code}" for code, n in sorted(fix.fixed.items()))
    where = "; ".join(f"wrote {dest}" if dest != src else f"rewrote {src}" for src, dest in written.items())
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
        if not options.in_place and any(os.path.abspath(t) in inputs or
                                        os.path.abspath(t) in map(os.path.abspath, fix.outputs)
                                        for t in targets.values()):
            raise UsageError("the output would overwrite an input file; use --in-place to do that")
        for source, target in targets.items():
            try:
                with open(target, "wb") as handle:
                    handle.write(fix.outputs[source])
            except OSError as error:
                raise UsageError(f"cannot write {target}: {error.strerror or error}") from None
        out.extend(_summary(fix, targets))
        outcome.stderr.extend(_left_lines(path, fix.left))
        left = {(f.code, f.message) for f, _ in fix.left}
        for finding in fix.remaining:
            if (finding.code, finding.message) not in left:
                outcome.stderr.append(f"{path}: still reported after the fix: {finding.code} {finding.message}")
        if fix.remaining:
            outcome.exit_code = max(outcome.exit_code, 1)
    outcome.stdout = "\n".join(out) + ("\n" if out else "")
    return outcome
