"""Writing a fixed text source back in its own bytes.

Readers decode a file and turn CRLF into LF, so spans index the decoded,
newline-normalised text.  Here the edits are moved onto the file's own text
(its line ends kept), applied, and encoded as the file was (BOM included), so
every byte outside the edits is the file's own.
"""

from __future__ import annotations

import codecs
from bisect import bisect_left
from collections.abc import Sequence

from citecheck.encoding import decode, normalise_newlines
from citecheck.fix.edits import Edit, FixRefused, apply_edits
from citecheck.model import Source, Span

_BOMS = {
    "utf-8-sig": b"",  # the codec writes its own BOM
    "utf-16-le": codecs.BOM_UTF16_LE,
    "utf-16-be": codecs.BOM_UTF16_BE,
    "utf-32-le": codecs.BOM_UTF32_LE,
    "utf-32-be": codecs.BOM_UTF32_BE,
}


def _strip_bom(data: bytes, encoding: str) -> bytes:
    bom = _BOMS.get(encoding)
    return data[len(bom) :] if bom and data.startswith(bom) else data


def rewrite(source: Source, data: bytes, edits: Sequence[Edit]) -> bytes:
    """The bytes of ``source`` (whose file held ``data``) with ``edits`` applied.

    Raises :class:`FixRefused` when the file cannot be rewritten byte for byte
    (it changed since it was read, or it ends lines with a lone CR).
    """
    encoding = source.encoding
    raw = _strip_bom(data, encoding).decode(encoding)
    if normalise_newlines(raw) != source.text:
        raise FixRefused(f"{source.path} changed since it was read")
    expected = apply_edits(source.text, edits)
    moved = list(edits)
    if "\r" in raw:
        if "\r" in raw.replace("\r\n", ""):
            raise FixRefused(f"{source.path} ends lines with a lone CR; not rewritten")
        # A normalised offset lies after as many CRs as there are before it.
        normalised_cr = [pos - n for n, pos in enumerate(i for i, ch in enumerate(raw) if ch == "\r")]

        def move(offset: int) -> int:
            return offset + bisect_left(normalised_cr, offset)

        moved = [
            Edit(Span(move(e.span.start), move(e.span.end), e.span.source),
                 e.replacement.replace("\n", "\r\n"), e.codes, e.note, e.origin)
            for e in edits
        ]
    out = _BOMS.get(encoding, b"") + apply_edits(raw, moved).encode(encoding)
    if decode(out, source.path).text != expected:
        raise FixRefused(f"{source.path}: the fixed text would not read back as written; not rewritten")
    return out
