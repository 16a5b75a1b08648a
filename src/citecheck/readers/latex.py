"""The LaTeX reader: a multi-file project read without compiling it.

From the main ``.tex`` file the reader follows ``\\input``, ``\\include``,
``\\subfile`` and ``\\import`` (paths relative to the main file's folder, or
to the including file's folder; ``.tex`` added when missing), collects the
citation commands of every file, and loads the bibliographies they name
(``\\bibliography``, ``\\addbibresource``, ``--bib``).  A ``thebibliography``
list gives references of its own; a ``.bbl`` beside the main file is read
when no database is found (arXiv sources ship one instead of the ``.bib``).

Each file read is one :class:`~citecheck.model.Source` of the document, so a
finding points at the file and line where the citation or entry is.  A file
named but missing is a CC003 problem at the command; one that cannot be
decoded is a CC001 problem there; the rest of the project is still checked.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from citecheck.encoding import DecodedText, is_regular_file, read_text
from citecheck.errors import InputError
from citecheck.model import (
    Citation,
    CitationStyle,
    CiteItem,
    Document,
    ReaderProblem,
    Reference,
    ReferenceOrigin,
    Source,
    Span,
)
from citecheck.parsing.latex_mask import mask_latex
from citecheck.parsing.latex_scan import BibItem, CiteCommand, CommandTable, IncludeCommand, LatexScan, scan_latex
from citecheck.parsing.latex_text import latex_to_text
from citecheck.readers.bbl import biblatex_references
from citecheck.readers.bibfiles import load_bibliography, unreadable_problem
from citecheck.readers.confine import CODE as CONFINE_CODE
from citecheck.readers.confine import inside, outside_message, project_dir
from citecheck.readers.options import ReadOptions

#: How deep \input may nest before the reader stops following it.
MAX_DEPTH = 32

_DOCUMENTCLASS = re.compile(r"\\documentclass\s*(?:\[([^\]]*)\])?\s*\{\s*([^}]*)\}")
_MAGIC_ROOT = re.compile(r"^[ \t]*%[ \t]*!TE[XV][ \t]+root[ \t]*=[ \t]*(.+?)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_BIBITEM_HEAD = re.compile(r"\\bibitem\s*(?:\[[^\]]*\])?\s*\{[^}]*\}")


@dataclass
class _Project:
    """The state of one read: the files seen so far and what they gave."""

    main_dir: str
    options: ReadOptions
    table: CommandTable
    sources: list[Source] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    problems: list[ReaderProblem] = field(default_factory=list)
    seen: dict[str, int] = field(default_factory=dict)  # real path -> source index
    bib_files: list[str] = field(default_factory=list)
    bib_named: list[str] = field(default_factory=list)  # every bibliography named, read or not
    tex_files: list[str] = field(default_factory=list)
    has_thebibliography: bool = False
    biblatex: bool = False  # the databases are read by biblatex (\addbibresource)
    jobname: str = ""  # the main file's name without .tex, as TeX's \jobname
    macros: dict[str, str] = field(default_factory=dict)  # \newcommand{\pathBIB}{./bib}: name -> text
    project_dir: str = ""  # files outside it are not read (see readers.confine)

    def confined(self, what: str, path: str, index: int, start: int, end: int) -> bool:
        """Whether ``path`` must not be read (it lies outside the project); reports it if so."""
        if self.options.allow_outside_includes or not self.project_dir or inside(path, self.project_dir):
            return False
        self.problem(CONFINE_CODE, outside_message(what, path, self.project_dir), index, start, end)
        return True

    def add_source(self, source: Source) -> int:
        self.sources.append(source)
        return len(self.sources) - 1

    def problem(self, code: str, message: str, index: int, start: int, end: int) -> None:
        self.problems.append(ReaderProblem(code, message, Span(start, end, index)))


def _candidates(name: str, base_dirs: list[str], extensions: tuple[str, ...]) -> list[str]:
    name = os.path.expanduser(name.strip().strip('"'))
    with_ext = [name + ext for ext in extensions if not name.endswith(ext)] + [name]
    if os.path.isabs(name):
        return with_ext
    out: list[str] = []
    for base in base_dirs:
        for candidate in with_ext:
            path = os.path.normpath(os.path.join(base, candidate))
            if path not in out:
                out.append(path)
    return out


def _find(name: str, base_dirs: list[str], extensions: tuple[str, ...]) -> str | None:
    # Any file but a directory: a named pipe or device is found, then refused
    # by the reader with a message (it is never opened for reading).
    for path in _candidates(name, base_dirs, extensions):
        if os.path.exists(path) and not os.path.isdir(path):
            return path
    return None


def find_include(name: str, bases: list[str], kind: str) -> str | None:
    """The file an include (``kind="tex"``) or bibliography (``"bib"``) command names, if it exists."""
    return _find(name, bases, (".tex",) if kind == "tex" else (".bib",))


def _display(path: str) -> str:
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _citation(cmd: CiteCommand, original: str, index: int) -> Citation:
    items = tuple(
        CiteItem(text=k.key, span=Span(k.start, k.end, index), key=k.key) for k in cmd.keys
    )
    return Citation(
        span=Span(cmd.start, cmd.end, index),
        text=original[cmd.start : cmd.end],
        items=items,
        style=CitationStyle.KEY,
        command=cmd.command,
    )


def bibitem_references(items: list[BibItem], original: str, index: int) -> list[Reference]:
    """References for ``\\bibitem`` entries; their text is decoded for the reference parser."""
    references = []
    for item in items:
        raw = original[item.start : item.end]
        body = _BIBITEM_HEAD.sub("", raw, count=1)
        references.append(
            Reference(
                label=item.key,
                span=Span(item.start, item.key_end + 1, index),
                text=latex_to_text(body.replace("\\newblock", " ")),
                number=None,
                origin=ReferenceOrigin.BIBITEM,
            )
        )
    return references


def _load_bib(project: _Project, path: str, at: tuple[int, int, int] | None) -> None:
    real = os.path.realpath(path)
    if real in project.seen:
        return
    try:
        source, database = load_bibliography(path, len(project.sources), project.options.max_bytes)
    except InputError as error:
        if at is not None:
            project.problems.append(unreadable_problem(error, *at))
        else:
            project.problem("CC001", f"cannot read {error.path}: {error.message}", 0, 0, 0)
        return
    project.seen[real] = project.add_source(source)
    project.bib_files.append(path)
    project.references.extend(database.references)
    project.problems.extend(database.problems)


#: A macro defined as plain text, without arguments: \newcommand{\pathBIB}{./bib},
#: \newcommand*\figdir{figs}, \def\bibdir{../refs}.  Its text may not hold a
#: backslash, a brace or '#': only such macros are expanded in file names.
_PATH_MACRO = re.compile(
    r"\\(?:(?:re|provide)?newcommand\*?[ \t]*(?:\{[ \t]*\\([A-Za-z@]+)[ \t]*\}|\\([A-Za-z@]+))"
    r"|[egx]?def[ \t]*\\([A-Za-z@]+))[ \t]*\{([^{}\\#\n]*)\}")
_MACRO_USE = re.compile(r"\\([A-Za-z@]+)(?:\{\})?")


def path_macros(masked: str) -> dict[str, str]:
    r"""The plain-text macros (see ``_PATH_MACRO``) that a masked LaTeX text
    defines, the last definition of each winning, as TeX's would.

    >>> path_macros(r"\newcommand{\pathBIB}{./bib} \def\figs{img}")
    {'pathBIB': './bib', 'figs': 'img'}
    """
    return {(m.group(1) or m.group(2) or m.group(3)): m.group(4).strip() for m in _PATH_MACRO.finditer(masked)}


def expand_path_macros(name: str, macros: dict[str, str]) -> str:
    r"""``name`` with the plain-text macros it uses replaced by their text:
    ``\pathBIB/missingData/papers`` -> ``./bib/missingData/papers``."""
    if "\\" not in name or not macros:
        return name
    return _MACRO_USE.sub(lambda m: macros.get(m.group(1), m.group(0)), name)


def _is_template_variable(name: str) -> bool:
    """Whether a file name is a template's placeholder, not a file: pandoc
    templates write ``\\addbibresource{$bibliography$}`` and
    ``\\input{${file}}``.  A ``$`` is never part of a real file name there
    (it would start math mode)."""
    return "$" in name


def _generated(wanted: str, bases: list[str]) -> bool:
    """Whether a missing include is a build product: a .gitignore names it (\\input{version},
    written by the build script and kept out of the repository)."""
    from citecheck.discover import gitignored  # here: discover imports the readers

    return any(gitignored(os.path.join(base, wanted)) for base in dict.fromkeys(bases))


def _include(project: _Project, cmd: IncludeCommand, index: int, current_dir: str, depth: int) -> None:
    bases = [current_dir, project.main_dir] if cmd.relative_to_file else [project.main_dir, current_dir]
    if cmd.kind == "bib":
        if cmd.command in ("addbibresource", "addglobalbib", "addsectionbib"):
            project.biblatex = True
        for name in cmd.names:
            if _is_template_variable(name):
                continue
            # \bibliography{\jobname}: the database is named after the main file.
            name = expand_path_macros(name.replace("\\jobname", project.jobname), project.macros)
            project.bib_named.append(name)
            path = find_include(name, bases, "bib")
            if path is None:
                wanted = name if name.endswith(".bib") else name + ".bib"
                project.problem("CC003", f"bibliography file {wanted} not found", index, cmd.start, cmd.end)
            elif not project.confined(f"\\{cmd.command}{{{name}}}", path, index, cmd.start, cmd.end):
                _load_bib(project, path, (index, cmd.start, cmd.end))
        return
    name = expand_path_macros(cmd.names[0], project.macros)
    if _is_template_variable(name):
        return
    path = find_include(name, bases, "tex")
    if path is None:
        wanted = name if name.endswith(".tex") else name + ".tex"
        if not _generated(wanted, bases):
            project.problem("CC003", f"\\{cmd.command}{{{name}}}: file {wanted} not found", index, cmd.start,
                            cmd.end)
        return
    if os.path.realpath(path) in project.seen:
        return  # read once: a cycle, or a file included twice
    if project.confined(f"\\{cmd.command}{{{name}}}", path, index, cmd.start, cmd.end):
        return
    if depth >= MAX_DEPTH:
        project.problem("CC003", f"\\{cmd.command}{{{name}}}: nested more than {MAX_DEPTH} levels deep; not followed",
                        index, cmd.start, cmd.end)
        return
    try:
        _read_tex(project, path, depth + 1)
    except InputError as error:
        project.problems.append(unreadable_problem(error, index, cmd.start, cmd.end))


def _read_tex(project: _Project, path: str, depth: int, decoded: DecodedText | None = None) -> None:
    decoded = decoded or read_text(path, project.options.max_bytes)
    index = project.add_source(Source(path, decoded.text, decoded.encoding))
    project.seen[os.path.realpath(path)] = index
    project.tex_files.append(path)
    original = decoded.text
    masked = mask_latex(original)
    project.macros.update(path_macros(masked))
    scan = scan_latex(masked, project.table)
    current_dir = os.path.dirname(path)
    for event in scan.events:
        if isinstance(event, CiteCommand):
            project.citations.append(_citation(event, original, index))
        else:
            _include(project, event, index, current_dir, depth)
    if scan.has_thebibliography or scan.bibitems:
        project.has_thebibliography = True
        project.references.extend(bibitem_references(scan.bibitems, original, index))


def _read_bbl(project: _Project, main: str) -> None:
    bbl = os.path.splitext(main)[0] + ".bbl"
    if not os.path.isfile(bbl):
        return
    try:
        decoded = read_text(bbl, project.options.max_bytes)
    except InputError as error:
        project.problem("CC001", f"cannot read {error.path}: {error.message}", 0, 0, 0)
        return
    index = project.add_source(Source(bbl, decoded.text, decoded.encoding))
    project.bib_files.append(bbl)
    scan = scan_latex(mask_latex(decoded.text), CommandTable())
    project.references.extend(bibitem_references(scan.bibitems, decoded.text, index))
    project.references.extend(biblatex_references(decoded.text, index))


def _includes_of(path: str, max_bytes: int) -> tuple[str, LatexScan] | None:
    try:
        text = read_text(path, max_bytes).text
    except InputError:
        return None
    return text, scan_latex(mask_latex(text))


def find_root(path: str, text: str, max_bytes: int, allow_outside: bool = False) -> str | None:
    """The main file of a project that ``path`` (a file without ``\\documentclass``) belongs to.

    In order: a ``% !TEX root = main.tex`` comment (TeXstudio, VS Code,
    TeXShop), a subfiles ``\\documentclass[main.tex]{subfiles}``, or a
    ``.tex`` file with a ``\\documentclass`` in the same folder or the one
    above that includes ``path``.  A root named by the comment must lie in
    the project of ``path``, or be in the folder above (see
    :mod:`citecheck.readers.confine`), unless ``allow_outside``.
    """
    folder = os.path.dirname(path)
    magic = _MAGIC_ROOT.search(text, 0, 4000)
    home = project_dir(path)
    above = os.path.dirname(os.path.dirname(os.path.realpath(path)))

    def allowed(candidate: str | None) -> str | None:
        # Inside the project, or a main file in the folder above (found there below too).
        if candidate is None or not (allow_outside or inside(candidate, home)
                                     or os.path.dirname(os.path.realpath(candidate)) == above):
            return None
        return candidate

    if magic:
        candidate = os.path.join(folder, magic.group(1))
        return allowed(candidate) if is_regular_file(candidate) else None
    declared = _DOCUMENTCLASS.search(mask_latex(text))
    if declared:
        if declared.group(2).strip() == "subfiles" and declared.group(1):
            return allowed(_find(declared.group(1).strip(), [folder], (".tex",)))
        return None
    target = os.path.realpath(path)
    for directory in (folder, os.path.join(folder, os.pardir)):
        try:
            names = sorted(n for n in os.listdir(directory or ".") if n.lower().endswith(".tex"))
        except OSError:
            continue
        for name in names[:100]:
            candidate = os.path.normpath(os.path.join(directory, name))
            if os.path.realpath(candidate) == target:
                continue
            found = _includes_of(candidate, max_bytes)
            if found is None or not _DOCUMENTCLASS.search(mask_latex(found[0])):
                continue
            for event in found[1].events:
                if isinstance(event, IncludeCommand) and event.kind == "tex":
                    included = _find(event.names[0], [os.path.dirname(candidate)], (".tex",))
                    if included and os.path.realpath(included) == target:
                        return candidate
    return None


def _read_root_bibliographies(project: _Project, root: str) -> None:
    """Load the bibliographies the root file names (its citations belong to other files)."""
    found = _includes_of(root, project.options.max_bytes)
    if found is None:
        return
    text, scan = found
    index = project.add_source(Source(root, text))
    before = len(project.problems)
    for event in scan.events:
        if isinstance(event, IncludeCommand) and event.kind == "bib":
            _include(project, event, index, os.path.dirname(root), 0)
    # A bibliography the root names but that is missing is the root's finding,
    # reported when the root is checked; here it shows as CC002 if nothing loads.
    project.problems[before:] = [p for p in project.problems[before:] if p.span.source != index]
    project.has_thebibliography = project.has_thebibliography or scan.has_thebibliography
    project.references.extend(bibitem_references(scan.bibitems, text, index))


def read_latex(path: str, options: ReadOptions | None = None) -> Document:
    """Read a LaTeX project from its main file.

    A file without ``\\documentclass`` (a chapter) is read with the
    bibliographies of the project's main file, when :func:`find_root` finds
    it; its own ``\\input`` paths are then relative to that file's folder, as
    when LaTeX compiles the project.
    """
    options = options or ReadOptions()
    project = _Project(
        main_dir=os.path.dirname(path),
        options=options,
        table=CommandTable.with_extra(options.cite_commands),
    )
    decoded = read_text(path, options.max_bytes)
    declared = _DOCUMENTCLASS.search(mask_latex(decoded.text))
    root = None
    if declared is None or declared.group(2).strip() == "subfiles":
        root = find_root(path, decoded.text, options.max_bytes, options.allow_outside_includes)
    project.jobname = os.path.splitext(os.path.basename(root or path))[0]
    if root is not None:
        project.main_dir = os.path.dirname(root)
    project.project_dir = project_dir(root or path)
    _read_tex(project, path, 0, decoded)
    if root is not None:
        _read_root_bibliographies(project, root)
    for bib in options.bib_files:
        if os.path.exists(bib) and not os.path.isdir(bib):
            _load_bib(project, bib, None)
        else:
            project.problem("CC003", f"--bib {bib}: no such file", 0, 0, 0)
    if not project.bib_files and not project.has_thebibliography:
        _read_bbl(project, root or path)
    has_list = bool(project.bib_files) or project.has_thebibliography
    return Document(
        path=path,
        format="latex",
        sources=project.sources,
        citations=project.citations,
        references=project.references,
        style=CitationStyle.KEY,
        has_reference_section=has_list,
        problems=project.problems,
        metadata={
            "fragment": root is not None,
            "root": _display(root) if root else None,
            "tex_files": [_display(p) for p in project.tex_files],
            "bib_files": [_display(p) for p in project.bib_files],
            "bibliographies_named": project.bib_named + list(project.options.bib_files),
            "bib_data_model": "biblatex" if project.biblatex else "bibtex",
        },
    )


__all__ = ["MAX_DEPTH", "bibitem_references", "find_include", "find_root", "read_latex"]
