"""Resuming an interrupted JSON Lines run (``--resume``).

The output is read back: a file is done when its summary line is there
(see :mod:`citecheck.reporters.jsonl`, which writes each file as one block);
what follows the last whole block is cut off before appending.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import IO

from citecheck.errors import ConfigError
from citecheck.model import Severity


@dataclass
class Done:
    """What an earlier, interrupted run already wrote: the files it finished
    and the severity counts of their findings (for the exit code)."""

    paths: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=lambda: {s.value: 0 for s in Severity})
    errors: int = 0  # files that could not be read
    unverified: int = 0
    keep: int = 0  # bytes of whole blocks; anything after them is cut off


def read_done(path: str) -> Done:
    """The files an existing JSON Lines output finished.

    Raises :class:`~citecheck.errors.ConfigError` when the file is not
    citecheck's JSON Lines (resuming onto another file would damage it).
    """
    done = Done()
    if not os.path.exists(path):
        return done
    pending: dict[str, int] = {s.value: 0 for s in Severity}
    offset = 0
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            offset += len(raw)
            if not raw.endswith(b"\n"):
                break  # the partial line of a killed run
            try:
                record = json.loads(raw)
                kind = record["type"]
            except (ValueError, KeyError, TypeError) as error:
                raise ConfigError(f"cannot resume: {path} line {number} is not citecheck "
                                  f"JSON Lines output ({type(error).__name__})") from error
            if kind == "finding":
                pending[str(record.get("severity"))] = pending.get(str(record.get("severity")), 0) + 1
            elif kind == "file":
                done.paths.add(os.path.abspath(str(record["path"])))
                for key, value in pending.items():
                    done.counts[key] = done.counts.get(key, 0) + value
                pending = {s.value: 0 for s in Severity}
                done.errors += "error" in record
                done.unverified += int(record.get("unverified", 0))
                done.keep = offset
    return done


def open_for_resume(path: str, done: Done) -> IO[str]:
    """Open ``path`` for appending after its last whole block (a partial one is cut off)."""
    handle = open(path, "r+" if os.path.exists(path) else "w", encoding="utf-8")
    handle.seek(done.keep)
    handle.truncate()
    return handle
