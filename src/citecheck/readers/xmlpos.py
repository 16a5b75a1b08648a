"""Where each element of an XML text starts and ends, in characters.

lxml tells the line of an element but not its column, and nothing about where
it ends.  :func:`element_offsets` scans the text once (linearly: comments,
CDATA, processing instructions and the document type are skipped whole) and
returns, for the n-th element start tag, the offsets of ``<``, of the end of
the start tag and of the end of the element.  Elements come in document order,
the same order as ``root.iter()`` on the parsed tree, so the two lists line up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_START_TAG = re.compile(
    r"""<[^\s/>!?]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(/?)>"""
)
_SKIPS = (("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>"))


@dataclass(frozen=True)
class ElementOffsets:
    start: int  # the "<" of the start tag
    content: int  # just after the start tag's ">"
    end: int  # just after the end tag's ">" (== content for <empty/>)
    close: int  # the "<" of the end tag (== content for <empty/>)


def _doctype_end(text: str, pos: int) -> int:
    bracket = text.find("[", pos)
    gt = text.find(">", pos)
    if bracket != -1 and (gt == -1 or bracket < gt):
        close = text.find("]", bracket)
        gt = text.find(">", close if close != -1 else bracket)
    return len(text) if gt == -1 else gt + 1


def element_offsets(text: str) -> list[ElementOffsets] | None:
    """The offsets of every element, in document order; ``None`` if the scan fails."""
    starts: list[tuple[int, int]] = []
    ends: dict[int, tuple[int, int]] = {}
    stack: list[int] = []
    pos = text.find("<")
    while pos != -1:
        for opener, closer in _SKIPS:
            if text.startswith(opener, pos):
                stop = text.find(closer, pos + len(opener))
                pos = len(text) if stop == -1 else stop + len(closer)
                break
        else:
            if text.startswith("<!", pos):
                pos = _doctype_end(text, pos)
            elif text.startswith("</", pos):
                gt = text.find(">", pos)
                if gt == -1 or not stack:
                    return None
                ends[stack.pop()] = (pos, gt + 1)
                pos = gt + 1
            else:
                match = _START_TAG.match(text, pos)
                if match is None:
                    return None
                index = len(starts)
                starts.append((pos, match.end()))
                if match.group(1):
                    ends[index] = (match.end(), match.end())
                else:
                    stack.append(index)
                pos = match.end()
        pos = text.find("<", pos)
    if stack:
        return None
    return [ElementOffsets(s, c, ends[i][1], ends[i][0]) for i, (s, c) in enumerate(starts)]
