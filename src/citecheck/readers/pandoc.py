"""The pandoc, Quarto and R Markdown reader: ``[@key]`` citations and their bibliographies.

A Markdown file is read this way when its YAML front matter names a
``bibliography`` (or holds inline ``references``), when ``--bib`` is given,
or when it has at least one bracketed ``[@key]`` citation; otherwise it is a
numbered manuscript (:mod:`citecheck.readers.text`).  ``.qmd`` and ``.Rmd``
files are always read this way.

The bibliographies named in the front matter (a string or a list; ``.bib``,
CSL-JSON or CSL-YAML) are resolved relative to the file's folder.  A file
whose front matter names none takes those of its Quarto project's metadata
(the nearest ``_metadata.yml`` naming any, else ``_quarto.yml``), as Quarto
does; failing that, the one ``.bib`` beside it that defines every key it
cites (given to pandoc on the command line or in a Makefile, which citecheck
cannot see) rather than reporting that it has no reference list.

Child documents are part of the manuscript, and their citations are its
citations: a knitr child chunk (``{r, child = "methods.Rmd"}``, or a vector of
names; not when the chunk says ``eval = FALSE``, as knitr then knits no
child), a ``knit_child("x.Rmd")`` call or papaja's ``render_appendix("x.Rmd")``
(whose citations papaja adds to the reference list) in an R chunk, and a
Quarto ``{{< include _x.qmd >}}`` shortcode; children of children too.  A
child that is missing is CC003, one outside the project CC005.  A directory
walk does not check a child on its own (it has no bibliography of its own).  Citations
inside code, HTML comments and the front matter are ignored; e-mail
addresses are not citations; Quarto and pandoc-crossref cross-references
(``@fig-plot``, ``@tbl:data``) are not citations unless a bibliography
defines that key.

Manubot (https://manubot.org) manuscripts are read the same way, with their
own ways of resolving keys (:mod:`citecheck.readers.manubot`):

- A key that is an identifier (``@doi:10.1038/nbt.3300``, ``@arxiv:...``,
  ``@pmid:...``, ``@pmcid:PMC...``, ``@isbn:...``, ``@url:https://...``,
  ``@wikidata:Q...``) is its own reference, with that identifier in its
  fields; two spellings of one DOI are one reference.  This holds when no
  bibliography is loaded, or the file is Manubot's (below): with a
  bibliography and no sign of Manubot, pandoc alone cannot resolve them.
- ``[@tag:x]: doi:...`` link reference definitions (any key, not only
  ``tag:``) make aliases, as do the rows of ``content/citation-tags.tsv``.
  An alias nobody cites is reported as an uncited database entry.
- Items of ``content/manual-references*.json`` (or ``.yaml``, ``.bib``) give
  the metadata of the key their ``id`` names: an identifier, or any other
  key (``@private-message`` with ``"id": "private-message"``; older projects'
  ``@raw:private-message`` too).
- In a Manubot project, as in Manubot: ``@pmc:``, ``@pubmed:``, ``@http(s):``
  are identifiers like ``@pmcid:``, ``@pmid:``, ``@url:``; a shortDOI
  (``@doi:10/gddkhn``) is a doi.org link, not checked as DOI syntax; an
  unprefixed DOI, shortDOI, PMCID, PMID, Wikidata or arXiv id
  (``@10.15363/thinklab.4``) gets its prefix; any other lower-case prefix
  (``@clinicaltrials:NCT04280705``) is a Bioregistry compact identifier,
  since citecheck cannot tell offline which prefixes Bioregistry knows.
  ``@tag:``, ``@raw:`` and cross-reference keys are not identifiers.
- Markdown files of a content folder that are not numbered chapters
  (``response-to-reviewers.md``) are not part of the manuscript; a directory
  walk skips them.

A file is a chapter of a Manubot project when it is named ``NN.name.md``
and its folder holds ``metadata.yaml``, ``manual-references*.json`` or
``citation-tags.tsv``, or a chapter defining aliases (rootstock's
``90.back-matter.md``).  A chapter is checked on its own, with the aliases
and manual references of the whole folder; the keys the other chapters cite
count as cited (``metadata["cited_elsewhere"]``), so an alias is reported
uncited only by the file that defines it, and only if no chapter cites it.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import Any

from citecheck.encoding import read_text
from citecheck.errors import InputError
from citecheck.model import Citation, CitationStyle, Document, ReaderProblem, Reference, Source, Span
from citecheck.parsing.masking import blank, mask_markdown
from citecheck.parsing.pandoc_cites import CROSSREF_PREFIX, has_bracket_citation, scan_pandoc
from citecheck.readers.bibfiles import BIBLIOGRAPHY_EXTENSIONS, load_bibliography, unreadable_problem
from citecheck.readers.confine import CODE as CONFINE_CODE
from citecheck.readers.confine import git_work_tree, inside, outside_message, project_dir
from citecheck.readers.csljson import csl_references
from citecheck.readers.manubot import find_aliases, find_project, load_definitions, project_citations, resolve
from citecheck.readers.options import ReadOptions
from citecheck.readers.structured import DataError, load_yaml
from citecheck.walkup import ancestors

#: A knitr chunk header naming child documents: ```{r setup, child = c("a.Rmd", 'b.Rmd')}
#: (The header is matched whole, then its options searched: a lazy search for "child" inside
#: the header pattern would backtrack over a long header once for each "child" in it.)
_CHUNK_HEADER = re.compile(r"^[ \t]*`{3,}[ \t]*\{r\b([^}\n]*)\}", re.MULTILINE | re.IGNORECASE)
_CHILD_OPTION = re.compile(r"\bchild[ \t]*=[ \t]*", re.IGNORECASE)
#: The value of the child option when it is written out: a string, or c() of strings only
#: (file.path("chapters", "a.Rmd") or list.files(...) are R that citecheck does not run).
_CHILD_VALUE = re.compile(r"""(["'])[^"'\n]+\1[ \t]*(?:[,}]|$)|c[ \t]*\([ \t]*(?:(["'])[^"'\n]+\2[ \t]*,?[ \t]*)+\)""")
#: R calls that bring a child document in: knitr's knit_child() and papaja's render_appendix().
_CHILD_CALL = re.compile(r"\b(?:knit_child|render_appendix)[ \t]*\([ \t]*(?:input[ \t]*=[ \t]*)?([\"'])([^\"'\n]+)\1")
#: Quarto's include shortcode: {{< include _methods.qmd >}}.
#: (The name is bounded: a lazy name with no ">}}" after it would scan to the line's end from
#: every "{{<".)
_QUARTO_INCLUDE = re.compile(r"\{\{<[ \t]*include[ \t]+([\"']?)([^\"'<>{}\n]{1,500}?)\1[ \t]*>\}\}")
#: A fenced R chunk's header line; its code runs to a line of at least as many backticks.
_R_CHUNK_HEADER = re.compile(r"[ \t]*(`{3,})[ \t]*\{r\b", re.IGNORECASE)
_FENCE_LINE = re.compile(r"[ \t]*(`{3,})[ \t]*$")
_QUOTED = re.compile(r"([\"'])([^\"'\n]+)\1")
#: A chunk option that stops knitr from knitting the chunk's children (knitr's call_block
#: knits ``child`` only when ``eval`` is true).
_EVAL_FALSE = re.compile(r"\beval[ \t]*=[ \t]*(?:FALSE|F)\b")
#: How deep children of children are followed.
MAX_CHILD_DEPTH = 8

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n(.*?\n)(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)


def front_matter(text: str) -> tuple[dict[str, Any], int, ReaderProblem | None]:
    """The YAML front matter as a dict, where it ends, and a CC001 problem if it is invalid."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, 0, None
    try:
        data = load_yaml(match.group(1))
    except DataError as error:
        start = match.start(1) + error.offset
        problem = ReaderProblem("CC001", f"invalid YAML front matter: {error.message}", Span(start, start + 1))
        return {}, match.end(), problem
    return (data if isinstance(data, dict) else {}), match.end(), None


def bibliography_names(meta: dict[str, Any]) -> list[str]:
    value = meta.get("bibliography")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, (str, int))]
    return []


def looks_like_pandoc(text: str, masked: str, options: ReadOptions, path: str = "<text>") -> bool:
    """Whether a Markdown file uses pandoc citations rather than numbered ones.

    ``--style bracket`` (or another numbered style) says it does not.  A
    chapter of a Manubot project, or a file defining Manubot citation aliases
    (``[@tag:x]: doi:...``), does, even without a citation of its own.
    """
    if options.style is not None:
        return not options.style.numbered
    if options.bib_files:
        return True
    meta, _, _ = front_matter(text)
    if bibliography_names(meta) or isinstance(meta.get("references"), list):
        return True
    if has_bracket_citation(masked) or find_aliases(text):
        return True
    return path != "<text>" and find_project(path) is not None


def child_documents(text: str, masked: str, unknitted: bool = False) -> list[tuple[str, Span]]:
    """The child documents ``text`` names, in order, each with where it is named.

    Chunk headers and R calls are read in ``text`` (they are code, which
    ``masked`` blanks), an R call only inside an R chunk and not after a
    ``#``; Quarto shortcodes in ``masked`` (not those shown in code).  The
    children of a chunk with ``eval = FALSE`` are not knitted, so not part of
    the manuscript: they are left out, unless ``unknitted`` (a directory walk
    still counts them as parts of the project, not manuscripts of their own).
    """
    found: list[tuple[int, str, Span]] = []
    for header in _CHUNK_HEADER.finditer(text) if "child" in text.lower() else ():
        option = _CHILD_OPTION.search(text, header.start(1), header.end(1))
        if option is None:
            continue
        if not unknitted and _EVAL_FALSE.search(text, header.start(1), header.end(1)):
            continue
        value = _CHILD_VALUE.match(text, option.end(), header.end(1) + 1)
        if value is None:
            continue  # an R expression: its names are not known without running it
        for quoted in _QUOTED.finditer(text, value.start(), value.end()):
            found.append((quoted.start(2), quoted.group(2), Span(quoted.start(2), quoted.end(2))))
    for start, end in _r_chunks(text) if "knit_child" in text or "render_appendix" in text else ():
        line_end, comment = -1, -1  # the end of the last call's line, and where its comment starts
        for match in _CHILD_CALL.finditer(text, start, end):
            if match.start() > line_end:  # a new line: look for its comment once
                line_start = text.rfind("\n", 0, match.start()) + 1
                line_end = text.find("\n", match.start())
                line_end = len(text) if line_end == -1 else line_end
                comment = text.find("#", line_start, line_end)
            if comment != -1 and comment < match.start():
                continue  # an R comment
            found.append((match.start(2), match.group(2), Span(match.start(2), match.end(2))))
    for match in _QUARTO_INCLUDE.finditer(masked):
        name = text[match.start(2):match.end(2)]
        found.append((match.start(2), name, Span(match.start(2), match.end(2))))
    return [(name, span) for _, name, span in sorted(found, key=lambda f: f[0])]


def resolve_child(parent: str, name: str, top: str = "") -> str:
    """Where the child document ``name`` that the file ``parent`` names lies: beside
    ``parent``; a name starting with "/" that is no file is relative to the Quarto
    project's folder, as Quarto reads ``{{< include /_shared.qmd >}}``.  A child of a
    child that is not beside its parent is looked for beside the manuscript ``top``:
    knitr knits every child in the main document's folder, so a grandchild's name is
    relative to it (knitr issue #1434)."""
    found = os.path.join(os.path.dirname(parent), os.path.expanduser(name))
    if name.startswith("/") and not os.path.isfile(found):
        for folder in ancestors(os.path.dirname(os.path.realpath(parent))):
            if any(os.path.isfile(os.path.join(folder, p)) for p in _QUARTO_PROJECT):
                return os.path.join(folder, name.lstrip("/"))
    if top and not os.path.isabs(name) and not os.path.isfile(found):
        beside_top = os.path.join(os.path.dirname(top), os.path.expanduser(name))
        if os.path.isfile(beside_top):
            return beside_top
    return found


def _r_chunks(text: str) -> list[tuple[int, int]]:
    """Where the code of each closed fenced R chunk of ``text`` lies, in one pass
    over its lines (a regular expression looking for each header's closing
    fence would scan to the end again for every unclosed one)."""
    chunks: list[tuple[int, int]] = []
    fence = 0  # backticks of the open chunk's fence; 0: none open
    body = 0
    offset = 0
    for line in text.split("\n"):
        if fence:
            closing = _FENCE_LINE.match(line.rstrip("\r"))
            if closing and len(closing.group(1)) >= fence:
                chunks.append((body, offset))
                fence = 0
        else:
            header = _R_CHUNK_HEADER.match(line)
            if header:
                fence, body = len(header.group(1)), offset + len(line) + 1
        offset += len(line) + 1
    return chunks


def _in_source(citation: Citation, index: int) -> Citation:
    """``citation``, found in source 0 of its own text, placed in source ``index``."""
    items = tuple(replace(i, span=replace(i.span, source=index)) for i in citation.items)
    return replace(citation, span=replace(citation.span, source=index), items=items)


def _read_children(path: str, text: str, masked: str, sources: list[Source], options: ReadOptions,
                   home: str, known: set[str]) -> tuple[list[Citation], list[ReaderProblem]]:
    """The citations of the child documents of ``text`` (the file ``path``), and
    their problems; each child read becomes a source."""
    citations: list[Citation] = []
    problems: list[ReaderProblem] = []
    seen = {os.path.realpath(path)} if path != "<text>" else set()
    todo: list[tuple[str, str, str, int, int]] = [(path, text, masked, 0, 0)]
    while todo:
        parent, parent_text, parent_masked, index, depth = todo.pop(0)
        for name, span in child_documents(parent_text, parent_masked):
            at = replace(span, source=index)
            found = resolve_child(parent, name, path) if parent != "<text>" else os.path.expanduser(name)
            if not os.path.isfile(found):
                problems.append(ReaderProblem("CC003", f"child document {name} not found", at))
                continue
            if not options.allow_outside_includes and not inside(found, home):
                problems.append(ReaderProblem(CONFINE_CODE, outside_message(f"child document {name}", found, home),
                                              at))
                continue
            real = os.path.realpath(found)
            if real in seen or depth >= MAX_CHILD_DEPTH:
                continue
            seen.add(real)
            try:
                decoded = read_text(found, options.max_bytes)
            except InputError as error:
                problems.append(unreadable_problem(error, index, at.start, at.end))
                continue
            child = len(sources)
            sources.append(Source(found, decoded.text, decoded.encoding))
            _, fm_end, _ = front_matter(decoded.text)
            child_masked = without_front_matter(decoded.text, fm_end, True)
            citations.extend(_in_source(c, child) for c in _citations(child_masked, decoded.text, known))
            todo.append((found, decoded.text, child_masked, child, depth + 1))
    return citations, problems


_QUARTO_PROJECT = ("_quarto.yml", "_quarto.yaml")
_QUARTO_METADATA = ("_metadata.yml", "_metadata.yaml")


def quarto_bibliographies(path: str) -> tuple[str, list[str], str] | None:
    """The bibliographies Quarto's project metadata gives the document at
    ``path``, if it lies in a Quarto project (a folder at or above it holds
    ``_quarto.yml``): those of the nearest ``_metadata.yml`` naming any,
    between the document and the project's folder, else those of
    ``_quarto.yml``.  Returns the metadata file, the names (relative to it)
    and the project's folder, which the bibliographies must lie in."""
    folders: list[str] = []
    start = os.path.dirname(os.path.realpath(path))
    top = git_work_tree(start)  # in a repository, the project does not reach above it
    for folder in ancestors(start):
        folders.append(folder)
        if any(os.path.isfile(os.path.join(folder, name)) for name in _QUARTO_PROJECT):
            break
        if folder == top:
            return None
    else:
        return None
    for folder in folders:
        last = folder == folders[-1]
        for name in _QUARTO_METADATA + (_QUARTO_PROJECT if last else ()):
            meta_path = os.path.join(folder, name)
            if not os.path.isfile(meta_path):
                continue
            try:
                data = load_yaml(read_text(meta_path).text)
            except (InputError, DataError):
                continue
            names = bibliography_names(data) if isinstance(data, dict) else []
            if names:
                return meta_path, names, folders[-1]
    return None


def _quarto_settings(quarto: tuple[str, list[str], str]) -> list[str]:
    """The files of a Quarto project that give a document its bibliography: the metadata
    file naming it and the project's ``_quarto.yml`` (without which there is no project)."""
    meta_path, _, folder = quarto
    project = next((os.path.join(folder, name) for name in _QUARTO_PROJECT
                    if os.path.isfile(os.path.join(folder, name))), meta_path)
    return sorted({meta_path, project})


def sibling_bibliography(path: str, citations: list[Citation], max_bytes: int, home: str = "",
                         allow_outside: bool = False) -> str | None:
    """A bibliography file beside ``path`` that defines every key its
    ``citations`` use, when the document names none: the one given on the
    command line or in a Makefile (``pandoc --bibliography references.bib``),
    which citecheck cannot see.  ``None`` unless exactly one file fits.  A file
    outside the project ``home`` (a link pointing out of it) is not read."""
    keys = {i.key for c in citations for i in c.items if i.key and not CROSSREF_PREFIX.match(i.key)}
    folder = os.path.dirname(path) or "."
    if not keys:
        return None
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return None
    fits = []
    for name in names:
        candidate = os.path.join(folder, name)
        if not name.lower().endswith((".bib", ".bibtex")) or not os.path.isfile(candidate):
            continue
        if home and not allow_outside and not inside(candidate, home):
            continue
        defined = _bib_keys(candidate, max_bytes)
        if defined is not None and keys <= defined:
            fits.append(candidate)
    return fits[0] if len(fits) == 1 else None


#: The key of a BibTeX entry ("@article{smith2020,"): enough to tell which file of a folder
#: defines a manuscript's keys, without parsing every file for every manuscript of a walk.
_BIB_KEY = re.compile(r"@[ \t]*([A-Za-z]+)[ \t\r\n]*[{(][ \t\r\n]*([^\s,{}()\"#%'=]+)[ \t\r\n]*,")
_NOT_ENTRIES = frozenset({"string", "preamble", "comment"})
#: Keys of the .bib files seen, by (real path, modification time, size): a directory walk asks
#: for the same files once per manuscript.  Bounded.
_KEY_CACHE: dict[tuple[str, int, int], frozenset[str] | None] = {}
_KEY_CACHE_SIZE = 64


def _bib_keys(path: str, max_bytes: int) -> frozenset[str] | None:
    try:
        status = os.stat(path)
        key = (os.path.realpath(path), status.st_mtime_ns, status.st_size)
    except OSError:
        return None
    if key not in _KEY_CACHE:
        try:
            text = read_text(path, max_bytes).text
        except InputError:
            found: frozenset[str] | None = None
        else:
            found = frozenset(m.group(2) for m in _BIB_KEY.finditer(text) if m.group(1).lower() not in _NOT_ENTRIES)
        if len(_KEY_CACHE) >= _KEY_CACHE_SIZE:
            _KEY_CACHE.pop(next(iter(_KEY_CACHE)))
        _KEY_CACHE[key] = found
    return _KEY_CACHE[key]


def _span_of(text: str, needle: str, limit: int) -> Span:
    at = text.find(needle, 0, limit)
    if at == -1:
        at = max(text.find("bibliography", 0, limit), 0)
        return Span(at, at + len("bibliography"))
    return Span(at, at + len(needle))


def parse_pandoc(
    text: str,
    path: str = "<text>",
    options: ReadOptions | None = None,
    encoding: str = "utf-8",
    masked: str | None = None,
) -> Document:
    """Build a Document from decoded pandoc Markdown."""
    options = options or ReadOptions()
    meta, fm_end, fm_problem = front_matter(text)
    masked = without_front_matter(text if masked is None else masked, fm_end, masked is None)
    sources = [Source(path, text, encoding)]
    references: list[Reference] = []
    problems: list[ReaderProblem] = [fm_problem] if fm_problem else []
    loaded = False
    if isinstance(meta.get("references"), list):
        references.extend(csl_references(meta["references"], sources[0], 0).references)
        loaded = True
    base = os.path.dirname(path) if path != "<text>" else ""
    home = project_dir(path) if path != "<text>" else os.path.realpath(os.getcwd())
    # (name, where the manuscript names it, the folder it is relative to, who names it, its project)
    wanted: list[tuple[str, Span | None, str, str, str]] = [
        (name, _span_of(text, name, fm_end), base, "", home) for name in bibliography_names(meta)]
    quarto = quarto_bibliographies(path) if path != "<text>" and not wanted else None
    settings: list[str] = []  # the project's files that gave the manuscript its bibliography
    if quarto is not None:
        settings = _quarto_settings(quarto)
        named_in = f" (named in {os.path.basename(quarto[0])})"
        wanted += [(name, Span(0, 0), os.path.dirname(quarto[0]), named_in, quarto[2]) for name in quarto[1]]
    wanted += [(name, None, "", "", home) for name in options.bib_files]
    seen: set[str] = set()
    for name, span, folder, named_in, confine in wanted:
        name = os.path.expanduser(name)
        candidates = [name] if span is None or os.path.isabs(name) else [os.path.join(folder, name), name]
        found = next((c for c in candidates if os.path.exists(c) and not os.path.isdir(c)), None)
        at = span or Span(0, 0)
        if found is None:
            what = f"bibliography file {name}{named_in}" if span else f"--bib {name}"
            problems.append(ReaderProblem("CC003", f"{what} not found", at))
            continue
        if span is not None and not options.allow_outside_includes and not inside(found, confine):
            problems.append(ReaderProblem(CONFINE_CODE, outside_message(f"bibliography {name}", found, home), at))
            continue
        real = os.path.realpath(found)
        if real in seen:
            continue
        seen.add(real)
        try:
            source, database = load_bibliography(found, len(sources), options.max_bytes)
        except InputError as error:
            problems.append(unreadable_problem(error, 0, at.start, at.end))
            continue
        sources.append(source)
        references.extend(database.references)
        problems.extend(database.problems)
        loaded = True
    project = find_project(path) if path != "<text>" else None
    citations = _citations(masked, text, {ref.label for ref in references})
    children: list[Citation] = []
    if path != "<text>" and project is None:
        children, child_problems = _read_children(path, text, masked, sources, options, home,
                                                  {ref.label for ref in references})
        problems.extend(child_problems)
    if not loaded and path != "<text>" and project is None and not find_aliases(text) and not wanted:
        # No bibliography named anywhere: the one beside it, if it defines every cited key.
        beside = sibling_bibliography(path, citations + children, options.max_bytes, home,
                                      options.allow_outside_includes)
        if beside is not None:
            source, database = load_bibliography(beside, len(sources), options.max_bytes)
            sources.append(source)
            references.extend(database.references)
            problems.extend(database.problems)
            loaded = True
    manubot = project is not None or not loaded or bool(find_aliases(text))
    citations += children
    metadata: dict[str, Any] = {"bib_files": [s.path for s in sources[1:]
                                              if s.path.lower().endswith(BIBLIOGRAPHY_EXTENSIONS)],
                                "bibliographies_named": [name for name, *_ in wanted]}
    if settings and loaded:
        metadata["project_files"] = settings
    if manubot:
        definitions = load_definitions(text, path, project, len(sources), options.max_bytes,
                                       options.allow_outside_includes)
        sources.extend(definitions.sources)
        problems.extend(definitions.problems)
        elsewhere = frozenset() if project is None else frozenset(
            project_citations(project, path, _scan_file, options.allow_outside_includes))
        identified, renamed = resolve(citations, {ref.label for ref in references}, definitions, elsewhere)
        references.extend(identified)
        if renamed:
            citations = [_rename(c, renamed) for c in citations]
        if project is not None:
            metadata["manubot_chapters"] = project.chapters
            # An alias this chapter defines and another chapter cites is cited.
            metadata["cited_elsewhere"] = sorted(elsewhere)
        loaded = loaded or project is not None or bool(identified)
    return Document(
        path=path,
        format="pandoc",
        sources=sources,
        citations=citations,
        references=references,
        style=CitationStyle.KEY,
        has_reference_section=loaded,
        problems=problems,
        metadata=metadata,
    )


def _citations(masked: str, text: str, known: set[str]) -> list[Citation]:
    """The citations of a masked text; cross-references (``@fig:plot``) dropped unless a key."""
    citations = []
    for citation in scan_pandoc(masked, text):
        items = tuple(i for i in citation.items if i.key in known or not CROSSREF_PREFIX.match(i.key or ""))
        if items:
            citations.append(citation if items == citation.items else replace(citation, items=items))
    return citations


def _rename(citation: Citation, renamed: dict[str, str]) -> Citation:
    items = tuple(replace(i, key=renamed[i.key]) if i.key in renamed else i for i in citation.items)
    return citation if items == citation.items else replace(citation, items=items)


def without_front_matter(text: str, fm_end: int, mask: bool) -> str:
    """``text`` (masked first when ``mask``) with its front matter blanked."""
    masked = mask_markdown(text) if mask else text
    if not fm_end:
        return masked
    chars = list(masked)
    blank(chars, 0, fm_end)
    return "".join(chars)


def _scan_file(text: str) -> list[Citation]:
    """The citations of another chapter of the same project."""
    _, fm_end, _ = front_matter(text)
    return _citations(without_front_matter(text, fm_end, True), text, set())


def implied_bibliographies(path: str, text: str, options: ReadOptions | None = None) -> list[str]:
    """The bibliography files a pandoc file that names none would read (see
    :func:`parse_pandoc`): its Quarto project's, else the ``.bib`` beside it that
    defines every key its own text cites; found without reading them (a directory
    walk asks this of every manuscript)."""
    options = options or ReadOptions()
    quarto = quarto_bibliographies(path)
    if quarto is not None:
        folder = os.path.dirname(quarto[0])
        return [os.path.join(folder, name) for name in quarto[1]]
    _, fm_end, _ = front_matter(text)
    citations = _citations(without_front_matter(text, fm_end, True), text, set())
    beside = sibling_bibliography(path, citations, options.max_bytes, project_dir(path),
                                  options.allow_outside_includes)
    return [beside] if beside is not None else []


def read_pandoc(path: str, options: ReadOptions | None = None) -> Document:
    """Read a pandoc Markdown, Quarto (.qmd) or R Markdown (.Rmd) file."""
    options = options or ReadOptions()
    decoded = read_text(path, options.max_bytes)
    return parse_pandoc(decoded.text, path, options, decoded.encoding)


__all__ = ["MAX_CHILD_DEPTH", "bibliography_names", "child_documents", "front_matter", "implied_bibliographies",
           "looks_like_pandoc", "resolve_child",
           "parse_pandoc", "read_pandoc", "without_front_matter"]
