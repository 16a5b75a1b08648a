"""citecheck's exceptions.  The CLI turns each into a one-line message and exit code 2."""

from __future__ import annotations


class CitecheckError(Exception):
    """Base class of every error citecheck raises on purpose."""


class InputError(CitecheckError):
    """A file cannot be read: missing, binary, empty, too large or undecodable.

    Reported as a CC001 unreadable-input finding at ``line``/``column``.
    """

    def __init__(self, path: str, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message
        self.line = line
        self.column = column


class ConfigError(CitecheckError):
    """An option or configuration value is invalid."""


class UsageError(CitecheckError):
    """The library was called with arguments that do not fit together."""
