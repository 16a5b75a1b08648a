"""Blanking out the parts of a LaTeX file that TeX never typesets as text.

``%`` comments, ``comment`` environments, verbatim material (``verbatim``,
``lstlisting``, ``minted``, ``\\verb|...|``) and ``\\iffalse ... \\fi``
blocks are replaced by spaces, newlines kept, so offsets into the masked text
are offsets into the file.  One left-to-right pass: whichever construct
starts first wins, so a ``%`` inside ``\\verb|..|`` is not a comment and a
``\\verb`` inside a comment is not verbatim.
"""

from __future__ import annotations

import re

from citecheck.parsing.masking import blank

_VERBATIM_ENVS = ("comment", "verbatim", "verbatim*", "Verbatim", "Verbatim*", "lstlisting",
                  "minted", "BVerbatim", "LVerbatim", "spverbatim")
_START = re.compile(
    r"%|\\(?:verb\*?|lstinline|mintinline\{[^}\n]*\})(?![A-Za-z])"
    r"|\\begin\s*\{(" + "|".join(re.escape(e) for e in _VERBATIM_ENVS) + r")\}"
    r"|\\iffalse(?![A-Za-z@])"
)
_IF_OR_FI = re.compile(r"\\(?:newif\s*\\if[A-Za-z@]*|if[A-Za-z@]*|fi)(?![A-Za-z@])")


def _escaped(text: str, pos: int) -> bool:
    """Whether the character at ``pos`` follows an odd run of backslashes."""
    count = 0
    pos -= 1
    while pos >= 0 and text[pos] == "\\":
        count += 1
        pos -= 1
    return count % 2 == 1


class _LineEnds:
    """Where the line holding a position ends; remembered, so that many matches on one long
    line do not each search to its end (which made a line of ``\\verb|`` quadratic)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.start = 0
        self.end = -1

    def __call__(self, pos: int) -> int:
        if not self.start <= pos <= self.end:
            found = self.text.find("\n", pos)
            self.start, self.end = pos, len(self.text) if found == -1 else found
        return self.end


def _end_of_if(text: str, pos: int) -> int:
    """Where the ``\\fi`` matching an ``\\iffalse`` ends (nested conditionals counted)."""
    depth = 1
    for match in _IF_OR_FI.finditer(text, pos):
        word = match.group(0)
        if word.startswith("\\newif"):
            continue
        if word == "\\fi":
            depth -= 1
            if depth == 0:
                return match.end()
        else:
            depth += 1
    return len(text)


def mask_latex(text: str) -> str:
    """Return ``text`` with comments, verbatim material and ``\\iffalse`` blocks blanked."""
    if "%" not in text and "\\" not in text:
        return text
    chars = list(text)
    end_of_line = _LineEnds(text)
    pos = 0
    while True:
        match = _START.search(text, pos)
        if match is None:
            break
        start = match.start()
        token = match.group(0)
        if token == "%":
            if _escaped(text, start):
                pos = start + 1
                continue
            end = end_of_line(start)
        elif match.group(1) is not None:
            closing = "\\end{" + match.group(1) + "}"
            end = text.find(closing, match.end())
            end = len(text) if end == -1 else end + len(closing)
        elif token.startswith("\\iffalse"):
            end = _end_of_if(text, match.end())
        else:
            if _escaped(text, start):
                pos = match.end()
                continue
            # \verb|...|: the delimiter is the next character; the material ends
            # at its next occurrence on the same line.
            delim_at = match.end()
            if delim_at >= len(text) or text[delim_at] in " \n":
                pos = delim_at
                continue
            delim = "}" if text[delim_at] == "{" else text[delim_at]
            close = text.find(delim, delim_at + 1, end_of_line(delim_at))
            end = end_of_line(delim_at) if close == -1 else close + 1
        blank(chars, start, end)
        pos = max(end, start + 1)
    return "".join(chars)


__all__ = ["mask_latex"]
