"""The entries of a biblatex ``.bbl`` file, with their fields.

biber writes each entry as ``\\entry{key}{type}{}`` ... ``\\endentry`` with
``\\name{author}{n}{}{...family={Knuth}, given={Donald E.}...}``,
``\\list{publisher}{1}{{Addison-Wesley}}``, ``\\field{title}{...}`` and
``\\verb{doi} \\verb 10.1000/x \\endverb``.  They are mapped to the fields a
``.bib`` entry gives (:func:`citecheck.readers.bibtex.entry_fields`).
(A BibTeX ``.bbl`` is a ``thebibliography`` list, read as ``\\bibitem`` entries.)
"""

from __future__ import annotations

import re

from citecheck.model import Reference, ReferenceOrigin, Span
from citecheck.parsing.latex_scan import brace_end
from citecheck.readers.bibtex import entry_fields

_ENTRY = re.compile(r"\\entry\{([^{}]+)\}\{([^{}]+)\}")
_FIELD = re.compile(r"\\(field|list|name)\{([a-z]+)\}")
# The groups between the name and the value: \list{name}{count}{...}, \name{name}{count}{options}{...}.
_SKIPPED = {"field": 0, "list": 1, "name": 2}
_VERB = re.compile(r"\\verb\{([a-z]+)\}\s*\\verb\s+(.*?)\s*\\endverb", re.DOTALL)
_NAME_PART = re.compile(r"\b(family|given)=\{")
_BIBER_MACROS = re.compile(r"\\bibname(?:delim[a-z]*|initperiod)|\\bibinit(?:delim|period|hyphendelim)|%\n")


def _group(text: str, pos: int) -> tuple[str, int]:
    """The braced group at ``pos`` (spaces skipped) and where it ends."""
    while pos < len(text) and text[pos] in " \t\n%":
        pos += 1
    end = brace_end(text, pos, 20_000) if text.startswith("{", pos) else -1
    return ("", pos) if end == -1 else (text[pos + 1 : end - 1], end)


def _names(group: str) -> str:
    """``family={X}, given={Y}`` blocks as a BibTeX name list ``X, Y and ...``."""
    people: list[dict[str, str]] = []
    for match in _NAME_PART.finditer(group):
        value, _ = _group(group, match.end() - 1)
        if match.group(1) == "family" or not people or "given" in people[-1]:
            people.append({})
        people[-1][match.group(1)] = value
    return " and ".join(
        f"{{{p.get('family', '')}}}, {p['given']}" if p.get("given") else f"{{{p.get('family', '')}}}"
        for p in people
    )


def _values(body: str) -> dict[str, str]:
    values: dict[str, str] = {}
    body = _BIBER_MACROS.sub(" ", body)
    for match in _FIELD.finditer(body):
        kind, name = match.group(1), match.group(2)
        pos = match.end()
        for _ in range(_SKIPPED[kind]):
            _, pos = _group(body, pos)
        group, _ = _group(body, pos)
        if kind == "name":
            values.setdefault(name, _names(group))
        elif kind == "list":
            values.setdefault(name, " and ".join(g.strip("{}") for g in re.findall(r"\{[^{}]*\}", group)) or group)
        else:
            values.setdefault(name, group)
    for match in _VERB.finditer(body):
        values.setdefault(match.group(1), match.group(2))
    values.setdefault("journal", values.get("journaltitle", ""))
    if "labelyear" in values:
        values.setdefault("year", values["labelyear"])
    return {k: v for k, v in values.items() if v}


def biblatex_references(text: str, index: int) -> list[Reference]:
    """The entries of a biblatex ``.bbl`` held by source ``index``."""
    references = []
    for match in _ENTRY.finditer(text):
        end = text.find("\\endentry", match.end())
        end = len(text) if end == -1 else end
        entry_type = match.group(2).strip().lower()
        references.append(
            Reference(
                label=match.group(1).strip(),
                span=Span(match.start(), match.end(), index),
                text=text[match.start() : end],
                origin=ReferenceOrigin.BIBITEM,
                fields=entry_fields(entry_type, _values(text[match.end() : end])),
                entry_type=entry_type,
            )
        )
    return references


__all__ = ["biblatex_references"]
