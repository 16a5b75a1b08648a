"""Finding the commands of a (masked) LaTeX file that matter for citations.

:func:`scan_latex` walks the control words of one file once and returns, in
order, what it found: citation commands with their keys, the files the text
includes, the bibliography databases it names, and ``\\bibitem`` entries.
The text given must already be masked (:func:`citecheck.parsing.latex_mask.mask_latex`).
Every offset is an offset into that text.

Argument parsing follows TeX: spaces and a single line break may separate a
command from its arguments, optional arguments are ``[...]`` groups
(brackets inside braces do not end them), and a missing mandatory argument
means the command is not a citation (``\\cite`` in running prose).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from citecheck.parsing.citations import MAX_CITATIONS, TooManyCitations

#: natbib, biblatex, apacite, harvard, chicago and the cite package; each takes [pre][post]{keys}.
CITE_COMMANDS = frozenset(
    """cite citep citet citealp citealt citeauthor citeyear citeyearpar citenum citen
    citeonline citefullauthor Cite Citep Citet Citealp Citealt Citeauthor Citefullauthor
    citetalias citepalias parencite Parencite textcite Textcite autocite Autocite footcite
    Footcite footcitetext smartcite Smartcite supercite fullcite footfullcite citetitle
    Citetitle citeurl citedate citeurldate notecite pnotecite fnotecite nocite
    citeA citeNP citeANP citeyearNP shortcite shortciteA shortciteNP shortciteN citeN
    citeasnoun possessivecite""".split()
)
#: biblatex multicite commands: (pre)(post) then any number of [pre][post]{keys}.
MULTICITE_COMMANDS = frozenset(
    """cites Cites parencites Parencites textcites Textcites autocites Autocites footcites
    footcitetexts smartcites Smartcites supercites""".split()
)
#: Commands that include another .tex file: name -> (number of path arguments, relative to).
INCLUDE_COMMANDS = {
    "input": 1, "include": 1, "subfile": 1, "subfileinclude": 1, "includefrom": 2,
    "inputfrom": 2, "import": 2, "subimport": 2, "subincludefrom": 2, "subinputfrom": 2,
}
#: Commands that name bibliography databases.
BIBLIOGRAPHY_COMMANDS = frozenset({"bibliography", "nobibliography", "addbibresource",
                                   "addglobalbib", "addsectionbib"})
_DEFINE_COMMANDS = frozenset({"newcommand", "renewcommand", "providecommand", "DeclareRobustCommand"})

_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)")
# Escaped characters (\{ \] \\) are skipped; blank lines end brackets.
_GROUP_TOKEN = re.compile(r"\\[^A-Za-z]|[{}\[\]()]|\n[ \t]*\n")
_DEFINED_NAME = re.compile(r"\{?\s*\\([A-Za-z]+)\s*\}?")
_BRACE_TOKEN = re.compile(r"\\.|[{}]")
_SPACE = re.compile(r"[ \t]*\n?[ \t]*")
_BARE_NAME = re.compile(r"[ \t]+([^\s{}%\\]+)")


@dataclass(frozen=True)
class KeyRef:
    """One key of a citation command, with its offsets."""

    key: str
    start: int
    end: int


@dataclass(frozen=True)
class CiteCommand:
    command: str  # without the backslash or star
    start: int
    end: int
    keys: tuple[KeyRef, ...]


@dataclass(frozen=True)
class IncludeCommand:
    """``\\input`` and friends (``kind="tex"``) or a bibliography command (``kind="bib"``)."""

    command: str
    start: int
    end: int
    names: tuple[str, ...]
    kind: str  # "tex" or "bib"
    relative_to_file: bool = False  # \subimport: relative to the including file


@dataclass(frozen=True)
class BibItem:
    key: str
    start: int  # at \bibitem
    end: int  # the next \bibitem, \end{thebibliography} or the end of the file
    key_start: int
    key_end: int


@dataclass
class LatexScan:
    events: list[CiteCommand | IncludeCommand] = field(default_factory=list)
    bibitems: list[BibItem] = field(default_factory=list)
    has_thebibliography: bool = False


@dataclass
class CommandTable:
    """The citation commands in force; macro definitions that wrap a citation add to it."""

    cite: set[str] = field(default_factory=lambda: set(CITE_COMMANDS))
    multicite: set[str] = field(default_factory=lambda: set(MULTICITE_COMMANDS))

    @classmethod
    def with_extra(cls, extra: tuple[str, ...]) -> CommandTable:
        table = cls()
        table.cite.update(name.lstrip("\\").rstrip("*") for name in extra if name.strip("\\*"))
        return table


def skip_space(text: str, pos: int) -> int:
    """Skip spaces and at most one line break (a blank line ends a paragraph)."""
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


class Groups:
    """Where each ``{``, ``[`` and ``(`` of a text closes, found in one pass.

    Braces nest.  An optional argument ``[...]`` ends, as in LaTeX, at the
    first ``]`` at its own brace depth (brackets do not nest), and never runs
    past a blank line; ``(...)`` (biblatex multicite notes) likewise.  With
    the table built once, reading a command's arguments costs O(1), so a file
    full of unclosed ``\\cite{`` is still one linear scan.
    """

    __slots__ = ("text", "close")

    def __init__(self, text: str) -> None:
        self.text = text
        self.close: dict[int, int] = {}  # opening offset -> offset just past its closing
        braces: list[int] = []
        # Per brace depth, the open "[" and "(" awaiting their close, each with
        # the paragraph it opened in: a blank line ends a paragraph, and with it
        # every open bracket (checked when the bracket would close).
        # A depth's table is made only when a bracket opens there: most braces hold none, and
        # a table for each of 200,000 nested braces made the scan slow with allocation alone.
        pending: list[dict[str, list[tuple[int, int]]] | None] = [None]
        paragraph = 0
        close = self.close
        for match in _GROUP_TOKEN.finditer(text):
            token = match.group(0)
            pos = match.start()
            if token == "{":
                braces.append(pos)
                pending.append(None)
            elif token == "}":
                if braces:
                    close[braces.pop()] = pos + 1
                    pending.pop()
            elif token == "[" or token == "(":
                table = pending[-1]
                if table is None:
                    table = pending[-1] = {"[": [], "(": []}
                table[token].append((pos, paragraph))
            elif token == "]" or token == ")":
                table = pending[-1]
                if table is None:
                    continue
                waiting = table["[" if token == "]" else "("]
                for opened, in_paragraph in waiting:
                    if in_paragraph == paragraph:
                        close[opened] = pos + 1
                waiting.clear()
            elif token[0] == "\n":
                paragraph += 1

    def end(self, pos: int) -> int:
        """The offset just past the group opening at ``pos``, or -1."""
        return self.close.get(pos, -1)

    def optional(self, pos: int, count: int = 2, open_: str = "[") -> int:
        """Skip up to ``count`` optional arguments; return where the next argument may start."""
        text = self.text
        for _ in range(count):
            at = skip_space(text, pos)
            if at >= len(text) or text[at] != open_:
                break
            end = self.close.get(at, -1)
            if end == -1:
                break
            pos = end
        return pos

    def mandatory(self, pos: int) -> tuple[int, int] | None:
        """The inner offsets of the braced argument at ``pos`` (spaces skipped)."""
        at = skip_space(self.text, pos)
        if at >= len(self.text) or self.text[at] != "{":
            return None
        end = self.close.get(at, -1)
        return None if end == -1 else (at + 1, end - 1)


def brace_end(text: str, pos: int, limit: int = 1000) -> int:
    """The offset just past the brace group opening at ``pos``, or -1 if it does not
    close within ``limit`` characters (for short texts such as field values)."""
    depth = 0
    for match in _BRACE_TOKEN.finditer(text, pos, pos + limit):
        if match.group(0) == "{":
            depth += 1
        elif match.group(0) == "}":
            depth -= 1
            if depth == 0:
                return match.end()
    return -1


def split_keys(text: str, start: int, end: int) -> tuple[KeyRef, ...]:
    """The comma-separated keys of ``text[start:end]``; empty ones are skipped."""
    keys: list[KeyRef] = []
    pos = start
    while pos <= end:
        comma = text.find(",", pos, end)
        stop = end if comma == -1 else comma
        raw = text[pos:stop]
        key = raw.strip()
        if key:
            lead = len(raw) - len(raw.lstrip())
            keys.append(KeyRef(key, pos + lead, pos + lead + len(key)))
        pos = stop + 1
    return tuple(keys)


def _cite(g: Groups, name: str, start: int, pos: int, table: CommandTable) -> CiteCommand | None:
    text = g.text
    if pos < len(text) and text[pos] == "*":
        pos += 1
    if name in table.multicite:
        pos = g.optional(pos, 2, "(")
        keys: list[KeyRef] = []
        groups = 0
        while True:
            arg = g.mandatory(g.optional(pos))
            if arg is None:
                break
            groups += 1
            if "#" in text[arg[0] : arg[1]]:
                return None  # inside a macro definition: \cites{#1}
            keys.extend(split_keys(text, *arg))
            pos = arg[1] + 1
        return CiteCommand(name, start, pos, tuple(keys)) if groups else None
    arg = g.mandatory(g.optional(pos))
    if arg is None or "#" in text[arg[0] : arg[1]]:
        return None  # no argument (prose about \cite), or a macro definition's \cite{#1}
    return CiteCommand(name, start, arg[1] + 1, split_keys(text, *arg))


def _include(g: Groups, name: str, start: int, pos: int) -> IncludeCommand | None:
    text = g.text
    count = INCLUDE_COMMANDS[name]
    parts: list[str] = []
    if pos < len(text) and text[pos] == "*":
        pos += 1
    for _ in range(count):
        arg = g.mandatory(pos)
        if arg is None:
            if name == "input" and not parts:
                bare = _BARE_NAME.match(text, pos)  # \input file (TeX's own syntax)
                if bare:
                    return IncludeCommand(name, start, bare.end(), (bare.group(1),), "tex")
            return None
        parts.append(text[arg[0] : arg[1]].strip())
        pos = arg[1] + 1
    if count == 1:
        path = parts[0]
    else:  # \import{dir/}{file}
        path = (parts[0].rstrip("/") + "/" + parts[1]) if parts[0] else parts[1]
    if not path or "#" in path:
        return None
    relative = name.startswith("sub") and count == 2
    return IncludeCommand(name, start, pos, (path,), "tex", relative_to_file=relative)


def _bibliography(g: Groups, name: str, start: int, pos: int) -> IncludeCommand | None:
    text = g.text
    options_end = g.optional(pos, 1)
    options = text[pos:options_end]
    arg = g.mandatory(options_end)
    if arg is None:
        return None
    if "remote" in options:
        return None  # \addbibresource[location=remote]{https://...}
    names = tuple(
        n.strip() for n in text[arg[0] : arg[1]].split(",") if n.strip() and "#" not in n
    )
    if not names:
        return None
    return IncludeCommand(name, start, arg[1] + 1, names, "bib")


def _definition(g: Groups, pos: int, table: CommandTable) -> None:
    """Register ``\\newcommand{\\mycite}[1]{...\\cite{#1}...}`` as a citation command."""
    text = g.text
    at = skip_space(text, pos)
    if text.startswith("*", at):
        at += 1
    at = skip_space(text, at)
    match = _DEFINED_NAME.match(text, at)
    if not match:
        return
    macro = match.group(1)
    body_at = g.optional(match.end(), 2)
    body = g.mandatory(body_at)
    if body is None:
        return
    for word in _CONTROL_WORD.finditer(text, body[0], body[1]):
        if word.group(1) in table.cite or word.group(1) in table.multicite:
            arg = g.mandatory(g.optional(word.end() + (text[word.end() : word.end() + 1] == "*")))
            if arg is not None and text[arg[0] : arg[1]].strip() == "#1":
                table.cite.add(macro)
                return


def scan_latex(text: str, table: CommandTable | None = None) -> LatexScan:
    """Find citations, includes, bibliography commands and ``\\bibitem`` entries."""
    table = table or CommandTable()
    scan = LatexScan()
    g = Groups(text)
    bibitem_starts: list[tuple[int, int, int, str]] = []
    bibitem_stops: list[int] = []
    cites = 0
    for match in _CONTROL_WORD.finditer(text):
        name = match.group(1)
        start, pos = match.start(), match.end()
        if name in table.cite or name in table.multicite:
            cite = _cite(g, name, start, pos, table)
            if cite is not None:
                scan.events.append(cite)
                cites += 1
                if cites > MAX_CITATIONS:
                    raise TooManyCitations(f"more than {MAX_CITATIONS:,} citation commands; citecheck "
                                           "refuses a file this large (a limit against hostile input)")
        elif name in INCLUDE_COMMANDS:
            include = _include(g, name, start, pos)
            if include is not None:
                scan.events.append(include)
        elif name in BIBLIOGRAPHY_COMMANDS:
            bib = _bibliography(g, name, start, pos)
            if bib is not None:
                scan.events.append(bib)
        elif name in _DEFINE_COMMANDS:
            _definition(g, pos, table)
        elif name == "bibitem":
            arg = g.mandatory(g.optional(pos, 1))
            if arg is not None:
                key = text[arg[0] : arg[1]].strip()
                if key and "#" not in key:
                    lead = len(text[arg[0] : arg[1]]) - len(text[arg[0] : arg[1]].lstrip())
                    bibitem_starts.append((start, arg[0] + lead, arg[0] + lead + len(key), key))
                    bibitem_stops.append(start)
        elif name in ("begin", "end"):
            arg = g.mandatory(pos)
            if arg is not None and text[arg[0] : arg[1]].strip() == "thebibliography":
                if name == "begin":
                    scan.has_thebibliography = True
                else:
                    bibitem_stops.append(start)
    bibitem_stops.sort()
    for start, key_start, key_end, key in bibitem_starts:
        i = bisect_right(bibitem_stops, start)
        end = bibitem_stops[i] if i < len(bibitem_stops) else len(text)
        scan.bibitems.append(BibItem(key, start, end, key_start, key_end))
    return scan


__all__ = [
    "BIBLIOGRAPHY_COMMANDS", "CITE_COMMANDS", "INCLUDE_COMMANDS", "MULTICITE_COMMANDS",
    "BibItem", "CiteCommand", "CommandTable", "IncludeCommand", "KeyRef", "LatexScan",
    "Groups", "brace_end", "scan_latex", "skip_space", "split_keys",
]
