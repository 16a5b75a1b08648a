"""The command-line parts of corpus-scale checking: ``check --executor dask``
/ ``--format jsonl`` / ``--resume``, and ``citecheck crossref-index``.

Kept apart from :mod:`citecheck.cli`, which only hands over to it; Dask and
DuckDB are imported only when these commands use them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import click

from citecheck.errors import CitecheckError

if TYPE_CHECKING:
    from citecheck.crossref import CrossrefSettings
    from citecheck.gate import GateOptions

# The `crossref-index` commands are registered with the CLI at start-up: this module imports
# what the commands run only when they run.


def _error(message: str) -> int:
    click.echo(f"citecheck: error: {message}", err=True)
    return 2


def check_scaled(paths: Sequence[str], options: GateOptions, crossref: CrossrefSettings | None,
                 fmt: str, output: str | None, resume: bool, executor: str,
                 scheduler: str | None, workers: int, show_related: bool) -> int:
    """Run ``citecheck check`` on the scale path; returns the exit code."""
    from citecheck.reporters import RenderOptions
    from citecheck.scale.command import exit_code, run_scaled
    from citecheck.scale.run import ScaleOptions

    scale = ScaleOptions(executor=executor, jobs=options.jobs, scheduler=scheduler, workers=workers)
    colour = output is None and "NO_COLOR" not in os.environ and sys.stdout.isatty()
    try:
        result = run_scaled(paths, options, scale, crossref, fmt, output, resume,
                            lambda config: RenderOptions(colour=colour, show_related=show_related,
                                                         config=config))
    except CitecheckError as error:
        return _error(str(error))
    if result.skipped:
        click.echo(f"citecheck: resumed: {result.skipped} file(s) already in {output} were skipped",
                   err=True)
    for note in result.notes:
        click.echo(f"citecheck: {note}", err=True)
    if result.unverified:
        click.echo(f"citecheck: {result.unverified} reference(s) could not be verified with Crossref",
                   err=True)
    return exit_code(result)


def describe_index(path: str | os.PathLike[str]) -> str:
    """How current a Crossref index is, in one line."""
    from citecheck.scale.index import IndexClient

    client = IndexClient(path)
    try:
        return client.info.describe()
    finally:
        client.close()


@click.group("crossref-index")
def crossref_index() -> None:
    """Build a local index of a Crossref snapshot, for --crossref-index."""


@crossref_index.command("build")
@click.argument("snapshot_dir", type=click.Path(file_okay=False))
@click.option("--output", "-o", required=True, type=click.Path(dir_okay=False), metavar="FILE",
              help="The index file to write (DuckDB).")
@click.option("--update", is_flag=True,
              help="Add SNAPSHOT_DIR's records to the existing index FILE (newer records win).")
@click.option("--memory", default="1GB", show_default=True,
              help="DuckDB's memory limit while building; beyond it, it spills to disk.")
def build_command(snapshot_dir: str, output: str, update: bool, memory: str) -> None:
    """Index the Crossref snapshot in SNAPSHOT_DIR (gzipped JSON files of {"items": [...]})."""
    from citecheck.scale.index import build_index

    try:
        built = build_index(snapshot_dir, output, memory=memory, update=update)
    except CitecheckError as error:
        sys.exit(_error(str(error)))
    newest = built.newest[:10] if built.newest else "unknown"
    click.echo(f"indexed {built.records} works ({built.read} records in {built.files} file(s)); "
               f"newest record indexed {newest}; wrote {output}")


@crossref_index.command("info")
@click.argument("index", type=click.Path(dir_okay=False))
def info_command(index: str) -> None:
    """Say how current the index INDEX is."""
    try:
        click.echo(describe_index(index))
    except CitecheckError as error:
        sys.exit(_error(str(error)))
