"""Fixing files: read, check, plan the edits, verify the result, produce the new bytes.

:func:`fix_file` never writes anything: it returns a :class:`FileFix` with
the new bytes of each changed file, and the CLI decides where they go (a
``.fixed`` copy, ``-o``, the input itself with ``--in-place``, or a diff).
"""

from __future__ import annotations

import dataclasses
import difflib
import tempfile
from bisect import bisect_right
import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from citecheck.config import Config
from citecheck.engine import run_rules
from citecheck.errors import InputError
from citecheck.fix import Edit, FixRefused, fixer_for, plan_fix
from citecheck.fix.textio import rewrite
from citecheck.model import Citation, CitationStyle, Document, Finding, MatchKind
from citecheck.readers import read_path
from citecheck.readers.options import ReadOptions
from citecheck.readers.text import parse_text


@dataclass
class FileFix:
    """The outcome of fixing one input file."""

    path: str
    fixed: Counter[str] = field(default_factory=Counter)  # code -> findings fixed
    outputs: dict[str, bytes] = field(default_factory=dict)  # file path -> new bytes
    originals: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what changed, one line each
    remaining: list[Finding] = field(default_factory=list)  # fixable findings left
    left: list[tuple[Finding, str]] = field(default_factory=list)  # findings left alone on purpose, and why
    refused: str | None = None
    unfixable: int = 0  # findings of the selected codes that no fixer handles in this format
    sources: list[str] = field(default_factory=list)  # every file the manuscript was read from

    @property
    def changed(self) -> bool:
        return bool(self.outputs)


def read_options(config: Config) -> ReadOptions:
    return ReadOptions(style=config.style, cite_commands=config.cite_commands, bib_files=config.bib_files)


def fix_file(path: str, config: Config, codes: frozenset[str]) -> FileFix:
    """Plan and verify the fix of ``path``; :class:`FixRefused` and unreadable
    input end up in ``refused`` / raise :class:`~citecheck.errors.InputError`."""
    result = FileFix(path)
    options = read_options(config)
    document = read_path(path, options)
    result.sources = [source.path for source in document.sources] + _settings(document)
    findings = run_rules(document, config)
    try:
        if document.style is CitationStyle.PARENTHETICAL and config.style is None:
            # "(2)" may as well be an equation or list number: rewriting it would be a guess.
            raise FixRefused(f"{path}: not fixed: its citations are numbers in parentheses, which may also "
                             "be equation or list numbers; give --style parenthetical to fix it anyway")
        plan = plan_fix(document, findings, codes)
        fixer = fixer_for(document)
        if fixer is not None:
            result.left = fixer.left_alone(document, findings, codes)
        if not plan.changed:
            if fixer is None:
                result.unfixable = sum(1 for f in findings if f.code in codes)
            return result
        for index in sorted(plan.texts):
            source = document.sources[index]
            with open(source.path, "rb") as handle:
                data = handle.read()
            if source.path.lower().endswith(".docx"):
                from citecheck.fix.docx import rewrite_docx

                new = rewrite_docx(source.path, data, document, plan.edits.for_source(index))
            else:
                new = rewrite(source, data, plan.edits.for_source(index))
            result.originals[source.path] = data
            result.outputs[source.path] = new
        codes = codes & frozenset(fixer.CODES if fixer is not None else ())  # what this format can fix
        after = _reread(document, plan.texts, result.outputs, options)
        if after is not None:
            check_same_works(document, after, plan.aliases,
                             {i: plan.edits.for_source(i) for i in plan.edits.edits})
            # Only the fixed rules need to run again (with their configured options).
            again = dataclasses.replace(config, select=tuple(sorted(codes)), extend_select=())
            result.remaining = [f for f in run_rules(after, again) if f.code in codes]
            before = Counter(f.code for f in findings if f.code in codes)
            left = Counter(f.code for f in result.remaining)
            result.fixed = before - left
        else:
            # Several files (LaTeX): the findings whose rule an edit names were fixed.
            result.fixed = Counter(f.code for f in findings if f.code in codes and f.code in plan.edits.codes)
        result.notes = [e.note for e in plan.edits.all() if e.note]
    except FixRefused as refusal:
        return FileFix(path, refused=str(refusal))
    return result


def _reread(document: Document, texts: dict[int, str], outputs: dict[str, bytes],
            options: ReadOptions) -> Document | None:
    """The fixed document read again (``None`` if it cannot be read the same way)."""
    if len(document.sources) != 1:
        return _reread_project(document, outputs, options)
    if document.format in ("text", "markdown"):
        return parse_text(texts[0], document.path, document.format == "markdown", options, document.encoding)
    if document.format == "docx":
        from citecheck.readers.docx import parse_docx

        return parse_docx(outputs[document.path], document.path, options)
    return None


def _reread_project(document: Document, outputs: dict[str, bytes], options: ReadOptions) -> Document | None:
    """A project of several files (LaTeX and its .bib) read again from a
    temporary copy holding the fixed files; ``None`` when the copy does not
    read as the same files (a root file found outside the project, say)."""
    paths = [os.path.abspath(s.path) for s in document.sources]
    settings = _settings(document)
    root = project_root(paths + settings)
    with tempfile.TemporaryDirectory() as tmp:

        def moved(path: str) -> str:
            return os.path.join(tmp, os.path.relpath(os.path.abspath(path), root))

        for path in [source.path for source in document.sources] + settings:
            target = moved(path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            data = outputs.get(path)
            if data is None:
                with open(path, "rb") as original:
                    data = original.read()
            with open(target, "wb") as copy:
                copy.write(data)
        bibs = tuple(moved(b) if os.path.abspath(b) in paths else b for b in options.bib_files)
        try:
            after = read_path(moved(document.path), dataclasses.replace(options, bib_files=bibs))
        except InputError:
            return None
        if [moved(s.path) for s in document.sources] != [os.path.abspath(s.path) for s in after.sources]:
            return None
    return after


def _settings(document: Document) -> list[str]:
    """The project files that gave the manuscript its settings (a Quarto project's
    ``_quarto.yml`` naming its bibliography): a copy of the manuscript needs them."""
    return [os.path.abspath(p) for p in document.metadata.get("project_files", ())]


def _texts(document: Document, aliases: dict[str, str] | None = None) -> dict[str, str]:
    texts = {r.label: " ".join(r.text.split()) for r in document.references}
    return {label: texts.get((aliases or {}).get(label, label), f"<missing {label}>")
            for label in {*texts, *(aliases or {})}}


class _OffsetMap:
    """Maps offsets of the fixed text back to the text before ``edits`` (sorted,
    one source); an offset inside a replacement maps to the replaced span's start."""

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.new_starts: list[int] = []
        self.edits = list(edits)
        self.shifts: list[int] = []  # the shift before each edit
        shift = 0
        for edit in self.edits:
            self.new_starts.append(edit.span.start + shift)
            self.shifts.append(shift)
            shift += len(edit.replacement) - (edit.span.end - edit.span.start)
        self.final = shift

    def original(self, offset: int) -> int:
        i = bisect_right(self.new_starts, offset) - 1
        if i < 0:
            return offset
        edit = self.edits[i]
        if offset < self.new_starts[i] + len(edit.replacement):
            return edit.span.start
        return offset - (self.shifts[i + 1] if i + 1 < len(self.shifts) else self.final)


def check_same_works(before: Document, after: Document, aliases: dict[str, str],
                     edits: dict[int, list[Edit]]) -> None:
    """Raise :class:`FixRefused` unless every citation points to the same works
    as before, and every author-year citation that matched its entry exactly still does.  A rewritten citation may become several (IEEE's ``[2]–[3]``
    renumbered to ``[1], [3]``): the works of those that stand where it stood count."""
    old_texts, new_texts = _texts(before, aliases), _texts(after)
    old = sorted(before.citations, key=lambda c: (c.span.source, c.span.start))
    starts = [(c.span.source, c.span.start) for c in old]
    gathered: list[set[str]] = [set() for _ in old]
    loose = [False for _ in old]  # an author-year item of it no longer matches exactly
    maps = {source: _OffsetMap(source_edits) for source, source_edits in edits.items()}
    for citation in after.citations:
        source = citation.span.source
        where = maps[source].original(citation.span.start) if source in maps else citation.span.start
        i = bisect_right(starts, (source, where)) - 1
        if i < 0 or not (old[i].span.source == source and old[i].span.start <= where < old[i].span.end):
            raise FixRefused(f"{before.path}: the fixed text would have a citation where there was none; "
                             "nothing written")
        gathered[i].update(new_texts.get(label, f"<missing {label}>") for label in citation.labels)
        loose[i] = loose[i] or not _exact(citation)
    for citation, got, worse in zip(old, gathered, loose):
        wanted = {old_texts.get(label, f"<missing {label}>") for label in citation.labels}
        if wanted != got:
            raise FixRefused(f"{before.path}: citation {citation.text} would point to other works after "
                             "the fix; nothing written")
        if worse and _exact(citation):
            raise FixRefused(f"{before.path}: citation {citation.text} would no longer match its entry exactly "
                             "after the fix; nothing written")


def _exact(citation: Citation) -> bool:
    """Whether every author-year item of ``citation`` matches its entry exactly (numbers, keys: yes)."""
    return all(item.match is None or item.match.kind is MatchKind.EXACT for item in citation.items)


def project_root(paths: Sequence[str]) -> str:
    """The deepest folder holding every one of ``paths``."""
    return os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths])


def fixed_path(path: str) -> str:
    """``paper.md`` -> ``paper.fixed.md``."""
    root, ext = os.path.splitext(path)
    return f"{root}.fixed{ext}"


def unified_diff(fix: FileFix) -> str:
    """A unified diff of every text file ``fix`` changes (Word files: their paragraphs' text)."""
    chunks: list[str] = []
    for path, new in fix.outputs.items():
        old_lines, new_lines = _lines(path, fix.originals[path]), _lines(path, new)
        chunks.extend(difflib.unified_diff(old_lines, new_lines, path, path))
    return "".join(line if line.endswith("\n") else line + "\n" for line in chunks)


def _lines(path: str, data: bytes) -> list[str]:
    if path.lower().endswith(".docx"):
        from citecheck.readers.docx import parse_docx

        return [line + "\n" for line in parse_docx(data, path, ReadOptions()).main.text.split("\n")]
    from citecheck.encoding import decode

    return decode(data, path).text.splitlines(keepends=True)
