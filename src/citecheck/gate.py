"""One command-line check, as a library call: config file, CLI overrides,
directory walk, parallel checking and baseline, in that order.

``citecheck check`` is :func:`run_gate` plus rendering; tools that drive
citecheck the way the command line does can call it directly::

    result = run_gate(["manuscripts"], GateOptions(jobs=4, baseline="citecheck-baseline.json"))
    result.report.findings      # only the findings the baseline does not record
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from citecheck.baseline import apply_baseline, load_baseline, write_baseline
from citecheck.config import Config
from citecheck.configfile import LoadedConfig, load_config, merge_cli
from citecheck.discover import empty_walks, expand_paths
from citecheck.model import Report
from citecheck.runner import check_many


@dataclass(frozen=True)
class GateOptions:
    """The options of ``citecheck check`` that decide what is checked and reported.

    ``None`` means "not given": the config file's value (or the default) holds.
    """

    config_file: str | None = None
    isolated: bool = False
    select: Sequence[str] = ()
    ignore: Sequence[str] = ()
    extend_select: Sequence[str] = ()
    fail_on: str | None = None
    style: str | None = None
    jobs: int = 1
    exclude: Sequence[str] = ()
    respect_gitignore: bool = True
    baseline: str | None = None
    write_baseline: str | None = None
    #: Other Config fields given on the command line, e.g. ``{"cite_commands": (...)}``;
    #: ``None`` values are ignored, so options that were not given need no special case.
    config_overrides: Mapping[str, Any] = field(default_factory=dict)
    #: Keep every document's citations and references in the report (the HTML report shows
    #: them); otherwise only what the other reporters use, so memory stays flat over a corpus.
    keep_documents: bool = False


@dataclass
class GateResult:
    """What a gate run produced: the report, the config in force, and notes for stderr."""

    report: Report
    config: Config
    loaded: LoadedConfig
    files: list[str]
    notes: list[str] = field(default_factory=list)


def resolve_config(paths: Sequence[str], options: GateOptions) -> tuple[LoadedConfig, Config]:
    """The config file for ``paths`` and the configuration in force once CLI options apply."""
    loaded = load_config(paths, options.config_file, options.isolated)
    config = merge_cli(
        loaded.config, select=options.select, ignore=options.ignore,
        extend_select=options.extend_select, fail_on=options.fail_on, style=options.style,
        **options.config_overrides,
    )
    return loaded, config


def run_gate(paths: Sequence[str], options: GateOptions | None = None, **check_options: Any) -> GateResult:
    """Check ``paths`` as ``citecheck check`` does.  ``check_options`` go to
    :func:`citecheck.runner.check_many` (``services``, or online settings)."""
    options = options or GateOptions()
    loaded, config = resolve_config(paths, options)
    files = expand_paths(paths, (*loaded.exclude, *options.exclude), options.respect_gitignore)
    notes = empty_walks(paths, files, (*loaded.exclude, *options.exclude), options.respect_gitignore)
    report = check_many(files, config, jobs=options.jobs,
                        keep_documents=options.keep_documents, **check_options)
    notes.extend(f"note: {f.path} is not UTF-8; it was read as {f.encoding}" for f in report.files
                 if f.encoding and not f.encoding.startswith(("utf-", "ascii")))
    if options.write_baseline:
        count = write_baseline(report, options.write_baseline)
        notes.append(f"wrote {count} finding(s) to the baseline {options.write_baseline}")
    elif options.baseline:
        report, hidden = apply_baseline(report, load_baseline(options.baseline))
        if hidden:
            notes.append(f"{hidden} finding(s) hidden by the baseline {options.baseline}")
    return GateResult(report, config, loaded, files, notes)
