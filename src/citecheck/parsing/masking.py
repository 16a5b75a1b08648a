"""Blanking out the parts of a text where citations cannot occur.

Masking replaces characters with spaces (newlines are kept), so every offset
into the masked text is an offset into the original: spans found in one are
exact in the other.  Each scanner here is a linear pass: no backtracking
regular expression sees untrusted input.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# A link reference definition; ``[^1]: ...`` is a footnote, whose text is prose.
_LINK_DEF = re.compile(r"^ {0,3}\[(?!\^)[^\]\n]{1,200}\]:\s")
# A backslash that escapes a bracket: pandoc writes a literal [1] as \[1\].
_ESCAPED_BRACKET = re.compile(r"\\(?=[\[\]])")
# A pandoc bracketed span with attributes: []{.fas .fa-info}, [text]{.smallcaps}.
_SPAN = re.compile(r"\[[^\[\]\n]{0,300}\]\{[^{}\n]{0,300}\}")
# The box of a task-list item: "- [ ] draft", "1. [x] submit".
# (also without a list marker: "  [ ] Add keywords" in a to-do file)
_TASK_BOX = re.compile(r"^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[^\S\n]+)?(\[[ xX]\])(?=[^\S\n]|$)", re.MULTILINE)
# [text](target) and ![alt](target); the target has no spaces or parens nesting.
# (a destination in angle brackets may hold spaces and parentheses: ![](<shot (1).png>))
_INLINE_LINK = re.compile(r"!?\[([^\[\]\n]{0,300})\]\((<[^<>\n]{0,2000}>|[^()\s]{0,2000})(?:\s+\"[^\"\n]*\")?\)")
# [text][label] and [text][]: the second bracket is a link label, not a citation.
_REF_LINK = re.compile(r"\[([^\[\]\n]{0,300})\]\[([^\[\]\n]{0,200})\]")
#: The text of a reference link that is a numbered citation: [3][r3], [2, 5-7][refs].
_CITATION_NUMBERS = re.compile(r"[\d\s,;\-–]+")
_SHORTCUT = re.compile(r"\[([^\[\]\n]{1,200})\](?![(\[:])")
# The asterisks of emphasis around words, "*Smith* (2020)", "**Smith et al.**
# (2020)": blanked so that the names they wrap read as names.  An asterisk
# between two word characters (2*3) or before a space (a list's bullet) is no
# emphasis.  Underscores are left alone: they are in file names
# ("{{< include _b.qmd >}}") and identifiers far more often than around names.
_EMPHASIS = re.compile(r"(?<![\w*\\])\*{1,3}(?=[^\s*])|(?<=[^\s*\\])\*{1,3}(?![\w*])")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^\s<>]{1,2000}>|https?://[^\s<>\]\)]{1,2000}")
# Its two alternatives apart: each starts with a literal, which is searched for
# as fast as str.find, where the alternation tests every character (5x slower).
_AUTOLINK_ANGLE = re.compile(r"<(?:https?|ftp|mailto):[^\s<>]{1,2000}>")
_AUTOLINK_BARE = re.compile(r"https?://[^\s<>\]\)]{1,2000}")


def blank(chars: list[str], start: int, end: int) -> None:
    """Replace ``chars[start:end]`` with spaces, keeping newlines."""
    for i in range(start, min(end, len(chars))):
        if chars[i] != "\n":
            chars[i] = " "


def mask_html_comments(text: str, chars: list[str]) -> None:
    pos = text.find("<!--")
    while pos != -1:
        end = text.find("-->", pos + 4)
        end = len(text) if end == -1 else end + 3
        blank(chars, pos, end)
        pos = text.find("<!--", end)


# A URL that is a Manubot citation key (``@url:https://...``, ``@{url:...}``).
_URL_KEY_BEFORE = re.compile(r"@\{?url:$", re.IGNORECASE)


def mask_urls(text: str, chars: list[str]) -> None:
    """Blank bare URLs and ``<autolinks>``, but not one that is a citation key."""
    for match in _AUTOLINK.finditer(text):
        if _URL_KEY_BEFORE.search(text, max(0, match.start() - 6), match.start()):
            continue
        blank(chars, match.start(), match.end())


def _mask_code_blocks(text: str, chars: list[str]) -> None:
    """Fenced blocks, and indented blocks that follow a blank line."""
    offset = 0
    fence: str | None = None
    previous_blank = True
    in_indented = False
    for line in text.split("\n"):
        end = offset + len(line)
        stripped = line.strip()
        if fence is not None:
            blank(chars, offset, end)
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = None
        else:
            opening = _FENCE.match(line)
            if opening:
                fence = opening.group(1)
                blank(chars, offset, end)
            elif stripped and (line.startswith("    ") or line.startswith("\t")) and (
                previous_blank or in_indented
            ):
                in_indented = True
                blank(chars, offset, end)
            elif stripped:
                in_indented = False
        previous_blank = not stripped
        offset = end + 1


def _mask_code_spans(text: str, chars: list[str]) -> None:
    """Inline code: a run of N backticks up to the next run of exactly N.

    The closing run is searched for within the paragraph only, which keeps the
    scan linear on text full of stray backticks.
    """
    i, n = 0, len(text)
    while True:
        i = text.find("`", i)
        if i == -1:
            return
        j = i
        while j < n and text[j] == "`":
            j += 1
        ticks = j - i
        paragraph_end = text.find("\n\n", j)
        if paragraph_end == -1:
            paragraph_end = n
        k = j
        closed = -1
        while True:
            k = text.find("`" * ticks, k, paragraph_end)
            if k == -1:
                break
            m = k + ticks
            if (m >= n or text[m] != "`") and text[k - 1] != "`":
                closed = m
                break
            while m < n and text[m] == "`":
                m += 1
            k = m
        if closed == -1:
            i = j
        else:
            blank(chars, i, closed)
            i = closed


def _mask_inline_links(text: str, chars: list[str]) -> None:
    for match in _INLINE_LINK.finditer(text):
        target = match.group(2)
        label = match.group(1).strip()
        target_start = match.start(2) - 1
        blank(chars, target_start, match.end())
        if not (target.startswith("#") and label[:1].isdigit()):
            blank(chars, match.start(), target_start)


def _mask_links(text: str, chars: list[str]) -> None:
    """Link targets, link labels and reference definitions.

    ``[text](url)`` is a link, not a citation, unless it is a numbered link to
    an anchor in the same page (``[3](#ref-3)``), which is how many Markdown
    manuscripts write citations; its bracket is kept for the citation scanner.
    """
    _mask_inline_links(text, chars)
    # A link around an image ([![DOI](badge.svg)](https://...)) is only seen
    # once the image inside it is blanked: a second pass over the result.
    _mask_inline_links("".join(chars), chars)
    defined: set[str] = set()
    offset = 0
    for line in text.split("\n"):
        definition = _LINK_DEF.match(line)
        if definition:
            label = line[line.index("[") + 1 : line.index("]")]
            # [@tag:x]: doi:... is a Manubot citation alias: [@tag:x] in the
            # text stays a citation (Manubot's filter turns the link into one).
            if not label.startswith("@"):
                defined.add(_link_label(label))
            blank(chars, offset, offset + len(line))
        offset += len(line) + 1
    if not defined:
        return
    # [text][label] and [label] are links only where the label is defined.
    for match in _REF_LINK.finditer(text):
        if _link_label(match.group(2)) in defined:
            # [text][label]: a link; only a numbered text ([3][r3]) stays, as a citation
            numbered = _CITATION_NUMBERS.fullmatch(match.group(1)) is not None
            blank(chars, match.end(1) + 1 if numbered else match.start(), match.end())
    for match in _SHORTCUT.finditer(text):
        if _link_label(match.group(1)) in defined:
            blank(chars, match.start(), match.end())


def _mask_task_boxes_and_spans(text: str, chars: list[str]) -> None:
    """Task-list boxes ('- [ ] draft') and pandoc spans ('[]{.fas}'):
    bracketed, but never citations."""
    for match in _TASK_BOX.finditer(text):
        blank(chars, match.start(1), match.end(1))
    for match in _SPAN.finditer(text):
        blank(chars, match.start(), match.end())


def _unescape_brackets(text: str, chars: list[str]) -> None:
    """Blank the backslash of ``\\[`` and ``\\]``: an escaped bracket is a bracket."""
    for match in _ESCAPED_BRACKET.finditer(text):
        chars[match.start()] = " "


def _link_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def mask_markdown(text: str) -> str:
    """Return ``text`` with code, comments, links, task-list boxes, pandoc
    spans, URLs and the marks of emphasis blanked out.  Footnote markers ([^1]) stay: they are not citations, and a
    footnote definition must stay visible so that it ends a list above it."""
    chars = list(text)
    _mask_code_blocks(text, chars)
    _mask_code_spans("".join(chars), chars)
    mask_html_comments(text, chars)
    masked = "".join(chars)
    _mask_links(masked, chars)
    _mask_task_boxes_and_spans(masked, chars)
    _unescape_brackets(masked, chars)
    mask_urls(masked, chars)
    for mark in _EMPHASIS.finditer(masked):
        blank(chars, mark.start(), mark.end())
    return "".join(chars)


def mask_code_and_comments(text: str) -> str:
    """Return ``text`` with only code blocks, code spans and HTML comments blanked."""
    chars = list(text)
    _mask_code_blocks(text, chars)
    _mask_code_spans("".join(chars), chars)
    mask_html_comments(text, chars)
    return "".join(chars)


def _mask_literal_blocks(text: str, chars: list[str]) -> None:
    """reStructuredText literal blocks: the indented lines after a paragraph
    that ends with ``::`` (code, as reST drafts and Sphinx sources write it)."""
    offset = 0
    opened = False  # a "::" paragraph ended; its literal block may follow
    indent: int | None = None  # the indentation of the paragraph that opened the block
    in_block = False
    for line in text.split("\n"):
        end = offset + len(line)
        stripped = line.strip()
        width = len(line) - len(line.lstrip())
        if in_block and stripped and indent is not None and width <= indent:
            in_block = False
        if not in_block and opened and stripped and indent is not None and width > indent:
            in_block = True
        if in_block:
            blank(chars, offset, end)
        elif stripped:
            opened = stripped.endswith("::")
            indent = width
        offset = end + 1


_DOUBLE_COLON = re.compile("::")


def _nothing_to_mask(text: str) -> bool:
    """Whether plain ``text`` has no HTML comment, no ``::`` (a reST literal block may
    follow) and no URL (:data:`_AUTOLINK`).  Most texts have none, and these tests
    are the whole cost of masking them, so each is a literal search: str.find for
    one character ("<", which comments and angle-bracketed URLs start with), re for
    a longer string (str's two-way search is 2-3x slower on a text full of ":"), and
    :data:`_AUTOLINK`'s two alternatives apart (together, each character is tested)."""
    if "<" in text and ("<!--" in text or _AUTOLINK_ANGLE.search(text) is not None):
        return False
    return _DOUBLE_COLON.search(text) is None and _AUTOLINK_BARE.search(text) is None


def mask_plain(text: str) -> str:
    """Return plain ``text`` with HTML comments, URLs and reST literal blocks blanked out."""
    if _nothing_to_mask(text):
        return text  # nothing to blank: no copy of the text, character by character
    chars = list(text)
    mask_html_comments(text, chars)
    mask_urls(text, chars)
    if "::" in text:
        _mask_literal_blocks(text, chars)
    return "".join(chars)
