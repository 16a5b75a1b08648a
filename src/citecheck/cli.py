"""The command line: a thin layer of click over :mod:`citecheck.api`.

Exit codes: 0 no finding at or above ``--fail-on``; 1 findings at or above
it; 2 a usage, configuration or input error (the files that could be read are
still reported).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Sequence

import click

from citecheck import __version__
from citecheck.config import FAIL_ON_CHOICES, STYLE_CHOICES, Config
from citecheck.errors import CitecheckError
from citecheck.gcpause import freeze_at_exit
from citecheck.model import Report
from citecheck.reporters import REPORTERS, RenderOptions
from citecheck.reporters.options import printable
from citecheck.scale.cli import check_scaled, crossref_index, describe_index  # Dask, DuckDB: lazily

# The commands import what they run (the gate, the rules, the readers) when they run: a
# pre-commit hook or an editor pays the start-up on every call, and `--version` or `--help`
# need none of it.

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _fail(message: str) -> None:
    click.echo(f"citecheck: error: {printable(message)}", err=True)
    sys.exit(EXIT_ERROR)


def _use_colour(output: str | None) -> bool:
    if output is not None or "NO_COLOR" in os.environ:
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def exit_code(report: Report, config: Config) -> int:
    """The process exit code for a finished run."""
    failing = any(config.fails(f.severity) for f in report.findings)
    # An unreadable input is an error; an incomplete Crossref check only
    # matters when the findings would otherwise pass.
    if report.incomplete and (any(f.error for f in report.files) or not failing):
        return EXIT_ERROR
    return EXIT_FINDINGS if failing else EXIT_OK


def _csv(values: Sequence[str]) -> list[str]:
    return [part for value in values for part in value.split(",") if part.strip()]


def _latex_overrides(cite_commands: Sequence[str], bib_files: Sequence[str],
                     allow_outside: bool = False) -> dict[str, object]:
    """--cite-command, --bib and --allow-outside-includes, as Config fields
    (given only when used, so a config file's stay)."""
    overrides: dict[str, object] = {}
    if allow_outside:
        overrides["allow_outside_includes"] = True
    if cite_commands:
        overrides["cite_commands"] = tuple(_csv(cite_commands))
    if bib_files:
        overrides["bib_files"] = tuple(bib_files)
    return overrides


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="citecheck")
def cli() -> None:
    """Check the citations and references of a scholarly manuscript."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--format", "fmt", type=click.Choice(sorted(REPORTERS)), default="text",
              show_default=True, help="Output format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to FILE instead of standard output.")
@click.option("--select", multiple=True, metavar="CODES",
              help="Run only these rules: codes, prefixes (CC1) or names, comma-separated.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not run these rules.")
@click.option("--extend-select", multiple=True, metavar="CODES",
              help="Run these rules in addition to the selected ones.")
@click.option("--fail-on", type=click.Choice(FAIL_ON_CHOICES), default=None,
              help="Lowest severity that makes the exit code 1.  [default: warning]")
@click.option("--style", type=click.Choice(STYLE_CHOICES), default=None,
              help="Citation style: numbered (bracket, superscript, parenthetical) or author-year.  [default: auto]")
@click.option("--show-related", is_flag=True, help="Also print each finding's related locations.")
@click.option("--cite-command", "cite_commands", multiple=True, metavar="NAME",
              help="Also treat the LaTeX command \\NAME{keys} as a citation (repeatable).")
@click.option("--bib", "bib_files", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="Also resolve citation keys against this .bib or CSL-JSON file (repeatable).")
@click.option("--allow-outside-includes", is_flag=True,
              help="Read files the manuscript includes from outside its project (git work tree or folder).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="Read the configuration from FILE (pyproject.toml or .citecheck.toml).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=1, show_default=True, metavar="N",
              help="Check files in N parallel processes (0: one per CPU).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files and directories matching GLOB when walking directories.")
@click.option("--respect-gitignore/--no-respect-gitignore", default=True, show_default=True,
              help="Skip what .gitignore files ignore when walking directories.")
@click.option("--baseline", type=click.Path(exists=True, dir_okay=False),
              help="Report only findings that are not recorded in this baseline file.")
@click.option("--write-baseline", type=click.Path(dir_okay=False, writable=True),
              help="Record the current findings in FILE as the baseline, and exit 0.")
@click.option("--crossref", "use_crossref", is_flag=True,
              help="Verify DOIs and references against Crossref (rules CC501-CC508).")
@click.option("--mailto", envvar="CITECHECK_MAILTO", metavar="EMAIL",
              help="Contact address for Crossref's polite pool [env: CITECHECK_MAILTO].")
@click.option("--crossref-url", envvar="CITECHECK_CROSSREF_URL", metavar="URL",
              help="Crossref REST API base URL [env: CITECHECK_CROSSREF_URL].")
@click.option("--offline", is_flag=True, help="With --crossref: use only the cache, send nothing.")
@click.option("--refresh", is_flag=True, help="With --crossref: ignore cached answers.")
@click.option("--cache-dir", type=click.Path(file_okay=False), help="Where the Crossref cache lives.")
@click.option("--crossref-deadline", type=click.FloatRange(min=0, max=1e7), metavar="SECONDS",
              help="With --crossref: end the verification after SECONDS (0: no limit; default 300); "
                   "what is left is reported unverified.")
@click.option("--crossref-index", type=click.Path(dir_okay=False), metavar="FILE",
              help="Verify DOIs from this Crossref snapshot index, sending nothing "
                   "(with --crossref too, what it lacks is asked online).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Where files are checked: this machine (--jobs) or a Dask cluster.")
@click.option("--scheduler", envvar="DASK_SCHEDULER_ADDRESS", metavar="ADDRESS",
              help="With --executor dask: the scheduler of an existing cluster, e.g. "
                   "tcp://HOST:8786 [env: DASK_SCHEDULER_ADDRESS]; default: a local cluster.")
@click.option("--workers", type=click.IntRange(min=0), default=0, metavar="N",
              help="With --executor dask and no --scheduler: local workers (0: one per CPU).")
@click.option("--resume", is_flag=True,
              help="With --format jsonl --output FILE: skip the files FILE already reports.")
def check(
    paths: tuple[str, ...],
    fmt: str,
    output: str | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    extend_select: tuple[str, ...],
    fail_on: str | None,
    style: str | None,
    show_related: bool,
    cite_commands: tuple[str, ...],
    bib_files: tuple[str, ...],
    allow_outside_includes: bool,
    config_file: str | None,
    isolated: bool,
    jobs: int,
    exclude: tuple[str, ...],
    respect_gitignore: bool,
    baseline: str | None,
    write_baseline: str | None,
    use_crossref: bool,
    mailto: str | None,
    crossref_url: str | None,
    offline: bool,
    refresh: bool,
    cache_dir: str | None,
    crossref_deadline: float | None,
    crossref_index: str | None,
    executor: str,
    scheduler: str | None,
    workers: int,
    resume: bool,
) -> None:
    """Check the manuscripts at PATHS (files, or directories to search)."""
    from citecheck.crossref import CrossrefSettings
    from citecheck.gate import GateOptions, run_gate

    for target in (output, write_baseline):
        if target and any(os.path.abspath(target) == os.path.abspath(p) for p in paths):
            _fail(f"{target} is one of the input files; citecheck never writes to its inputs")
    options = GateOptions(
        config_file=config_file, isolated=isolated, select=_csv(select), ignore=_csv(ignore),
        extend_select=_csv(extend_select), fail_on=fail_on, style=style, jobs=jobs,
        exclude=exclude, respect_gitignore=respect_gitignore, baseline=baseline,
        write_baseline=write_baseline,
        config_overrides=_latex_overrides(cite_commands, bib_files, allow_outside_includes),
        keep_documents=fmt == "html",  # the HTML report shows every citation and reference
    )
    try:
        online = {}
        if use_crossref or offline or refresh:
            online["crossref"] = CrossrefSettings.from_env(
                base_url=crossref_url, mailto=mailto, offline=offline, refresh=refresh,
                cache_dir=cache_dir, progress=True, deadline=crossref_deadline)
        if crossref_index:
            online["crossref"] = CrossrefSettings.from_env(
                base_url=crossref_url, mailto=mailto, index=crossref_index,
                index_only=not use_crossref, progress=True, deadline=crossref_deadline)
            click.echo(f"citecheck: {describe_index(crossref_index)}", err=True)
        if executor == "dask" or fmt == "jsonl" or resume:
            sys.exit(check_scaled(paths, options, online.get("crossref"), fmt, output, resume,
                                  executor, scheduler, workers, show_related))
        result = run_gate(paths, options, **online)
    except CitecheckError as error:
        _fail(str(error))
        return
    for note in result.notes:
        click.echo(f"citecheck: {printable(note)}", err=True)
    report, config = result.report, result.config
    colour = _use_colour(output)
    render_options = RenderOptions(colour=colour, show_related=show_related, config=config)
    rendered = REPORTERS[fmt](report, render_options)
    if output:
        try:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(rendered)
        except OSError as error:
            _fail(f"cannot write {output}: {error.strerror or error}")
    else:
        click.echo(rendered, nl=False, color=colour)
    if report.unverified:
        click.echo(f"citecheck: {report.unverified} reference(s) could not be verified with "
                   f"Crossref: {report.notes[-1] if report.notes else 'no answer'}", err=True)
    if write_baseline:
        sys.exit(EXIT_ERROR if report.incomplete else EXIT_OK)
    sys.exit(exit_code(report, config))


@cli.command()
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False, writable=True),
              help="Write the commented copy to FILE (the input is never written).")
@click.option("--select", multiple=True, metavar="CODES", help="Run only these rules.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not run these rules.")
@click.option("--style", type=click.Choice(STYLE_CHOICES), default=None,
              help="Citation style of numbered manuscripts.  [default: auto]")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="Read the configuration from FILE.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def annotate(path: str, output: str, select: tuple[str, ...], ignore: tuple[str, ...],
             style: str | None, config_file: str | None, isolated: bool) -> None:
    """Copy the Word file PATH to --output with one comment per finding."""
    from citecheck.annotate import annotate_docx
    from citecheck.gate import GateOptions, run_gate

    if os.path.abspath(output) == os.path.abspath(path) or (
            os.path.exists(output) and os.path.samefile(output, path)):
        _fail(f"{output} is the input file; citecheck never writes to its inputs")
    if not path.lower().endswith(".docx"):
        _fail(f"{path}: annotate takes a Word .docx file (use check --format html for others)")
    options = GateOptions(config_file=config_file, isolated=isolated, select=_csv(select),
                          ignore=_csv(ignore), style=style)
    try:
        result = run_gate([path], options)
        if any(f.error for f in result.report.files):
            _fail(next(f.error for f in result.report.files if f.error))
        with open(path, "rb") as handle:
            data = handle.read()
        annotated, added = annotate_docx(data, path, result.report.findings)
    except CitecheckError as error:
        _fail(str(error))
        return
    except OSError as error:
        _fail(f"cannot read {path}: {error.strerror or error}")
        return
    try:
        with open(output, "wb") as handle:
            handle.write(annotated)
    except OSError as error:
        _fail(f"cannot write {output}: {error.strerror or error}")
    click.echo(f"citecheck: {added} comment(s) written to {output}", err=True)


@cli.command("fix")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--select", multiple=True, metavar="CODES", help="Fix only these rules' findings.")
@click.option("--ignore", multiple=True, metavar="CODES", help="Do not fix these rules' findings.")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply unsafe fixes (CC101: remove uncited references).")
@click.option("--diff", "show_diff", is_flag=True, help="Print a unified diff and write nothing.")
@click.option("--output", "-o", type=click.Path(), metavar="OUT",
              help="Write the fixed file here; when several files change (LaTeX), or OUT is a folder "
                   "or ends in /, a folder that receives a copy of every file of the manuscript, fixed.")
@click.option("--in-place", is_flag=True, help="Overwrite the input files with the fixed ones.")
@click.option("--style", type=click.Choice(STYLE_CHOICES), default=None,
              help="Citation style of numbered manuscripts.  [default: auto]")
@click.option("--bib", "bib_files", multiple=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="Also resolve citation keys against this .bib or CSL-JSON file (repeatable).")
@click.option("--cite-command", "cite_commands", multiple=True, metavar="NAME",
              help="Also treat the LaTeX command \\NAME{keys} as a citation (repeatable).")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="Read the configuration from FILE (pyproject.toml or .citecheck.toml).")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def fix_command(
    paths: tuple[str, ...], select: tuple[str, ...], ignore: tuple[str, ...], unsafe_fixes: bool,
    show_diff: bool, output: str | None, in_place: bool, style: str | None, bib_files: tuple[str, ...],
    cite_commands: tuple[str, ...], config_file: str | None, isolated: bool,
) -> None:
    """Fix what can be fixed in the manuscripts at PATHS: merge duplicate
    references, renumber citations and the list, normalise malformed citations.

    Writes PATH's fixed copy beside it (paper.fixed.md) unless --diff, -o or
    --in-place says otherwise; the input is never changed without --in-place.
    """
    from citecheck.fix import fix_codes
    from citecheck.fix.cli_support import FixOptions, run_fix
    from citecheck.gate import GateOptions, resolve_config

    if sum(map(bool, (show_diff, output, in_place))) > 1:
        _fail("--diff, --output and --in-place exclude each other")
    try:
        _, config = resolve_config(paths, GateOptions(
            config_file=config_file, isolated=isolated, style=style,
            config_overrides=_latex_overrides(cite_commands, bib_files)))
        codes = fix_codes(_csv(select), _csv(ignore), unsafe_fixes)
        options = FixOptions(diff=show_diff, output=output, in_place=in_place)
        outcome = run_fix(paths, config, codes, options)
    except CitecheckError as error:
        _fail(str(error))
        return
    click.echo(outcome.stdout, nl=False)
    for line in outcome.stderr:
        click.echo(f"citecheck: {line}", err=True)
    sys.exit(outcome.exit_code)


@cli.command("config")
@click.argument("path", required=False, type=click.Path())
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
              help="Read the configuration from FILE.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--format", "fmt", type=click.Choice(["toml", "json"]), default="toml", show_default=True)
def config_command(path: str | None, config_file: str | None, isolated: bool, fmt: str) -> None:
    """Print the configuration in force for PATH (default: the current directory)."""
    from citecheck.configfile import effective_table, enabled_rules, load_config, to_toml

    try:
        loaded = load_config([path or "."], config_file, isolated)
    except CitecheckError as error:
        _fail(str(error))
        return
    table = effective_table(loaded)
    source = loaded.path or "none (defaults)"
    enabled = enabled_rules(loaded.config)
    if fmt == "json":
        data = {"source": loaded.path, "enabled_rules": enabled, "config": table}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        header = f"# configuration file: {source}\n# rules in force: {', '.join(enabled) or 'none'}\n"
        click.echo(header + to_toml(table), nl=False)


@cli.command("rules")
def rules_command() -> None:
    """List every rule: code, name, default severity and summary."""
    from citecheck.rules import REGISTRY

    width = max(len(rule.name) for rule in REGISTRY.values())
    for rule in REGISTRY.values():
        online = " (--crossref)" if rule.online else ""
        opt_in = " (opt-in: select it by code or name)" if rule.opt_in else ""
        click.echo(f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  {rule.summary}{online}{opt_in}")


@cli.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show the documentation of the rule CODE (a code or a name)."""
    from citecheck.rules import get_rule

    try:
        rule = get_rule(code)
    except CitecheckError as error:
        _fail(str(error))
        return
    opt_in = ", opt-in" if rule.opt_in else ""
    click.echo(f"{rule.code} {rule.name} [{rule.severity.value}{opt_in}]\n")
    click.echo(rule.doc)
    if rule.options:
        click.echo("\nOptions:")
        for name, default in rule.options.items():
            click.echo(f"  {name} = {default!r}")
    from citecheck.fix import FIX_CODES, FIX_SUMMARIES

    if rule.code in FIX_CODES:
        unsafe = "" if FIX_CODES[rule.code] else " (an unsafe fix: only with --unsafe-fixes)"
        click.echo(f"\nFix: citecheck fix {FIX_SUMMARIES[rule.code]}{unsafe}.")


cli.add_command(crossref_index)  # citecheck crossref-index build|info (docs/scale.md)


def main() -> None:
    """Console-script entry point."""
    freeze_at_exit()  # see citecheck.gcpause
    cli(prog_name="citecheck")
