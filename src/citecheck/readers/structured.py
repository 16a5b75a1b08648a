"""Loading JSON and YAML from untrusted files, with every failure a message.

``json`` and PyYAML fail on hostile input in ways their callers do not
expect: a 100,000-deep ``[[[...]]]`` raises ``RecursionError``, and an
integer of more than 4,300 digits raises a plain ``ValueError`` (Python
refuses to convert it).  :func:`load_json` and :func:`load_yaml` turn those,
and ordinary syntax errors, into :class:`DataError` with a message a person
can act on and the offset of the problem where it is known.  Integers longer
than :data:`MAX_INT_DIGITS` are refused outright: no bibliography field needs
one, and converting them costs time quadratic in their length.
"""

from __future__ import annotations

import json
import re
from typing import Any

import yaml

#: The most digits an integer in a bibliography may have.
MAX_INT_DIGITS = 100

_LONG_INT = re.compile(r"\d{%d,}" % (MAX_INT_DIGITS + 1))


class DataError(ValueError):
    """``message`` says what is wrong; ``offset`` is where in the text (0 if unknown)."""

    def __init__(self, message: str, offset: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def _refuse_long_integers(text: str) -> None:
    match = _LONG_INT.search(text)
    if match:
        raise DataError(f"a number has {match.end() - match.start():,} digits "
                        f"(the limit is {MAX_INT_DIGITS})", match.start())


def _line_offset(text: str, line: int, column: int) -> int:
    """The offset of 1-based ``line`` and ``column`` in ``text``."""
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found == -1:
            break
        start = found + 1
    return start + max(column - 1, 0)


def _int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise DataError(f"a number has {len(digits.lstrip('-')):,} digits (the limit is {MAX_INT_DIGITS})")
    return int(digits)


def load_json(text: str) -> Any:
    """Parse JSON text, or raise :class:`DataError`."""
    try:
        return json.loads(text, parse_int=_int)
    except json.JSONDecodeError as error:
        raise DataError(error.msg, _line_offset(text, error.lineno, error.colno)) from None
    except DataError:
        _refuse_long_integers(text)
        raise
    except RecursionError:
        raise DataError("the data is nested too deeply") from None
    except ValueError as error:  # e.g. a float too long to convert
        raise DataError(str(error)) from None


#: White space holding a tab after a line's first token: YAML 1.2 separation, which
#: PyYAML (YAML 1.1 in this) refuses: ``email:\tme@example.org``.  Indentation
#: tabs stay: YAML forbids them.
_INNER_TABS = re.compile(r"(?<=[^\s])[ ]*\t[ \t]*")


def load_yaml(text: str) -> Any:
    """Parse YAML text (safely: plain data only), or raise :class:`DataError`.

    (YAML's integers are converted by ``int``, which refuses more than 4,300
    digits; a digit run in a string is not an integer, so the text is not
    scanned for one.)
    """
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as error:
        if "\t" in text:
            try:  # a tab between tokens: YAML 1.2 (pandoc, Quarto) allows it, PyYAML does not
                return yaml.safe_load(_INNER_TABS.sub(" ", text))
            except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError):
                pass  # report the first error
        mark = getattr(error, "problem_mark", None)
        offset = _line_offset(text, mark.line + 1, mark.column + 1) if mark else 0
        raise DataError(str(getattr(error, "problem", None) or error), offset) from None
    except RecursionError:
        raise DataError("the data is nested too deeply") from None
    except (ValueError, TypeError, OverflowError) as error:
        if "integer string conversion" in str(error):
            raise DataError("a number has too many digits") from None
        raise DataError(str(error)) from None


__all__ = ["DataError", "MAX_INT_DIGITS", "load_json", "load_yaml"]
