"""Regular expressions compiled when first used.

Python compiles a regular expression with Python code (``re._parser`` and
``re._compiler``): a tenth of a millisecond for a short pattern, milliseconds for
the long ones of the reference parser.  A check imports some two hundred patterns,
most of them for shapes of reference, name or encoding its input may not have:
compiled at import, they cost 30-35 ms of every run, a sixth of a 50-reference
check, although a long manuscript of plain Vancouver references uses few of them
and a BibTeX file fewer still.  :func:`compile` returns a stand-in that compiles
its pattern the first time it is used, then answers as the compiled pattern does:
its methods and attributes are the compiled pattern's own, copied into the
stand-in, so a use costs one instance-attribute lookup more than the pattern's.

What a stand-in is not: a :class:`re.Pattern`.  ``isinstance``, ``match.re is``,
``re.sub(stand_in, ...)``, equality (two stand-ins of one pattern are not equal,
nor is a stand-in equal to its compiled pattern), hashing (by identity) and
``repr`` (``lazy re.compile(...)``) tell them apart, so modules whose code
compares patterns or keys anything by them keep ``re.compile``.  A pattern with a syntax error raises when first
used, not at import; ``tests/test_lazyre.py`` compiles every stand-in of the
package.
"""

from __future__ import annotations

import re
from typing import Any, AnyStr, cast, overload

#: What a stand-in copies from its compiled pattern on first use: every public
#: method and attribute of :class:`re.Pattern`.
_ATTRIBUTES = (
    "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
    "pattern", "flags", "groups", "groupindex",
)


class LazyPattern:
    """A regular expression that is compiled the first time it is used."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._source = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # Called only for an attribute the instance lacks: all of them until the
        # first use, which compiles the pattern and copies them in.
        if name.startswith("__"):
            raise AttributeError(name)  # copy, pickle and friends probing
        compiled = self.compiled()
        return getattr(compiled, name)

    def compiled(self) -> re.Pattern[Any]:
        """The compiled pattern (compiling it, the first time)."""
        values = self.__dict__
        compiled: re.Pattern[Any] | None = values.get("_compiled")
        if compiled is None:
            compiled = re.compile(*self._source)
            values["_compiled"] = compiled
            for name in _ATTRIBUTES:
                values[name] = getattr(compiled, name)
        return compiled

    def __repr__(self) -> str:
        return f"lazy {self.compiled()!r}"


@overload
def compile(pattern: str, flags: int = 0) -> re.Pattern[str]: ...  # noqa: A001 - re.compile's name


@overload
def compile(pattern: bytes, flags: int = 0) -> re.Pattern[bytes]: ...


def compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:  # noqa: A001
    """``re.compile(pattern, flags)``, compiled when first used (see the module's docstring)."""
    return cast("re.Pattern[AnyStr]", LazyPattern(pattern, int(flags)))  # typed as what it stands for
