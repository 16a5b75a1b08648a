"""Reading a manuscript's bytes into text, and knowing which encoding it was.

Order of trust: a byte-order mark; strict UTF-8; then, for legacy files, the
encoding that charset-normalizer detects when it is an East Asian one
(Shift_JIS, EUC-JP, EUC-KR, Big5, GB18030); GB18030 for Chinese text;
Latin-1; Windows-1252 (Word's "Save as plain text" on Western Windows, with
curly quotes and dashes in 0x80-0x9F); another single-byte code page that
charset-normalizer finds (Windows-1251, ...).  Files that are binary, empty, over the size limit,
or corrupted UTF-8 raise :class:`~citecheck.errors.InputError` with a message
a person can act on.  Newlines are normalised to ``\\n``, so character offsets
into the returned text give exact lines and columns.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import stat
from dataclasses import dataclass

from citecheck import lazyre
from citecheck.errors import InputError

#: Default maximum size of one input file.  Large enough for a 3 MB .bib or a
#: 1 MB JATS article; small enough to refuse a misnamed data dump quickly.
MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
)

_BINARY_MAGIC = (
    (b"%PDF-", "a PDF file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old-style Office (OLE) file"),
    (b"\x7fELF", "an executable"),
)

# A well-formed multi-byte UTF-8 sequence (2, 3 or 4 bytes).
_UTF8_MULTIBYTE = lazyre.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_C1_CONTROLS = lazyre.compile("[\x80-\x9f]")
_CJK = lazyre.compile("[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str


def normalise_newlines(text: str) -> str:
    """Turn CRLF and lone CR into LF (offsets then count one char per line end)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


class NotARegularFile(OSError):
    """The path is a named pipe, device, socket or directory: it is never read
    (reading a pipe with no writer, or a device, would hang or never end)."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file; it was not read"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file; it was not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file; it was not read"
    return "is not a regular file; it was not read"


def open_regular(path: str) -> io.BufferedReader:
    """Open ``path`` for reading in binary, if it is a regular file.

    Raises :class:`NotARegularFile` otherwise.  The file is opened without
    blocking and checked by its descriptor, so a named pipe with no writer
    neither hangs the open nor is swapped in after the check.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(0, _kind(mode), path)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return open(fd, "rb", closefd=True)  # noqa: SIM115 - the caller closes it
    except BaseException:
        os.close(fd)
        raise


def is_regular_file(path: str) -> bool:
    """Whether ``path`` (symbolic links followed) is a regular file; never opens it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_bytes(path: str, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a file, refusing missing files, directories, pipes and devices, and
    files over ``max_bytes``."""
    try:
        handle = open_regular(path)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except NotARegularFile as exc:
        raise InputError(path, exc.strerror or "is not a regular file") from None
    except (OSError, ValueError) as exc:
        raise InputError(path, f"cannot read the file ({getattr(exc, 'strerror', None) or exc})") from None
    with handle:
        size = os.fstat(handle.fileno()).st_size
        if size > max_bytes:
            raise InputError(
                path,
                f"the file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit "
                "for one manuscript",
            )
        try:
            return handle.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(path, f"cannot read the file ({exc.strerror or exc})") from None


def decode(data: bytes, path: str = "<text>") -> DecodedText:
    """Decode a manuscript's bytes, or raise InputError saying why not."""
    if not data:
        raise InputError(path, "the file is empty")
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {name.upper()} at byte {exc.start}") from None
            return _checked(path, normalise_newlines(text), name + ("-sig" if name == "utf-8" else ""))
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"this is {what}, not a text manuscript")
    head = data[:65536]
    if b"\x00" in head:
        raise InputError(path, "this is a binary file (it contains NUL bytes), not a text manuscript")
    try:
        return _checked(path, normalise_newlines(data.decode("utf-8")), "utf-8")
    except UnicodeDecodeError as exc:
        bad_byte = exc.start
    bad_line = data.count(b"\n", 0, bad_byte) + 1
    valid_sequences = len(_UTF8_MULTIBYTE.findall(data))
    if valid_sequences >= 3 and valid_sequences > 4 * _count_invalid_utf8(data):
        # Mostly valid UTF-8 with a few broken bytes: a damaged file, not a legacy one.
        raise InputError(
            path, f"invalid UTF-8 at byte {bad_byte} (line {bad_line}); re-save the file as UTF-8",
            line=bad_line,
        )
    detected = _detect(data)
    # Japanese bytes decode as GB18030 too (as nonsense): what the detector calls
    # Japanese is taken first; other East Asian guesses only after the GB18030 test,
    # since on short Chinese texts the detector may say EUC-KR.
    if detected is not None and detected[1] in _JAPANESE:
        return _checked(path, normalise_newlines(detected[0]), detected[1])
    try:
        text = data.decode("gb18030") if _plausibly_gb(data) else ""
    except UnicodeDecodeError:
        pass
    else:
        non_ascii = sum(1 for ch in text if ord(ch) > 127)
        if non_ascii and len(_CJK.findall(text)) >= 0.8 * non_ascii:
            return _checked(path, normalise_newlines(text), "gb18030")
    if detected is not None and detected[1] in _EAST_ASIAN:
        return _checked(path, normalise_newlines(detected[0]), detected[1])
    text = data.decode("latin-1")
    if not _C1_CONTROLS.search(text) and _plausibly_latin(text):
        return _checked(path, normalise_newlines(text), "latin-1")
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        pass  # a byte Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    else:
        if _plausibly_latin(text):
            return _checked(path, normalise_newlines(text), "windows-1252")
    if detected is not None and _plausibly_latin(detected[0], letters=True):
        return _checked(path, normalise_newlines(detected[0]), detected[1])
    raise InputError(
        path,
        f"not valid UTF-8 (first bad byte at offset {bad_byte}, line {bad_line}) "
        "and not recognisable as text in a legacy encoding (GB18030, Shift_JIS, Windows-1252, Latin-1...)",
        line=bad_line,
    )


#: Names charset-normalizer gives East Asian encodings, and the names citecheck reports.
_EAST_ASIAN_CODECS = {
    "cp932": "shift_jis", "shift_jis": "shift_jis", "shift_jis_2004": "shift_jis",
    "euc_jp": "euc-jp", "iso2022_jp": "iso-2022-jp", "euc_kr": "euc-kr", "cp949": "euc-kr",
    "big5": "big5", "big5hkscs": "big5", "cp950": "big5",
    "gb18030": "gb18030", "gbk": "gb18030", "gb2312": "gb18030", "hz": "hz",
}
_EAST_ASIAN = frozenset(_EAST_ASIAN_CODECS.values())
_JAPANESE = frozenset({"shift_jis", "euc-jp", "iso-2022-jp"})
#: The codec that decodes what each reported name stands for (cp932 extends Shift_JIS).
_DECODE_WITH = {"shift_jis": "cp932", "euc-kr": "cp949", "big5": "big5hkscs", "gb18030": "gb18030"}


def _detect(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's reading of legacy bytes: ``(text, encoding name)``,
    or ``None`` when it finds none with little "chaos" (mess)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a core dependency; degrade, do not fail
        return None
    best = from_bytes(data[:262144]).best()
    if best is None or best.chaos > 0.2:
        return None
    codec = best.encoding
    name = _EAST_ASIAN_CODECS.get(codec, codec.replace("_", "-"))
    try:
        text = data.decode(_DECODE_WITH.get(name, codec))
    except (UnicodeDecodeError, LookupError):
        return None
    return text, name


def _plausibly_latin(text: str, letters: bool = False) -> bool:
    """Whether a single-byte decoding reads as prose: few characters above
    ASCII, and (with ``letters``) those mostly letters, not symbols."""
    high = [ch for ch in text if ord(ch) > 127]
    if len(high) > 0.3 * len(text) or _C1_CONTROLS.search(text):
        return False
    return not letters or sum(1 for ch in high if ch.isalpha()) >= 0.5 * len(high)


def _plausibly_gb(data: bytes) -> bool:
    """Whether the high bytes pair up as GB18030 Chinese text does.

    Common Chinese characters are two bytes that are both >= 0xA1.  Latin-1
    text instead has lone high bytes before ASCII letters (``R\xe9f\xe9rences``),
    which GB18030 would also decode, as nonsense.
    """
    high = low_trail = 0
    i, n = 0, len(data)
    while i < n:
        byte = data[i]
        if byte < 0x80:
            i += 1
            continue
        high += 1
        if i + 1 < n and data[i + 1] < 0x80:
            low_trail += 1
        i += 2
    return high > 0 and low_trail <= 0.2 * high


def _count_invalid_utf8(data: bytes) -> int:
    return data.decode("utf-8", errors="replace").count("\ufffd")


def _checked(path: str, text: str, encoding: str) -> DecodedText:
    if not text.strip():
        raise InputError(path, "the file contains no text (only white space)")
    if "\x00" in text:
        raise InputError(path, "this is a binary file (it contains NUL characters)")
    return DecodedText(text, encoding)


def read_text(path: str, max_bytes: int = MAX_BYTES) -> DecodedText:
    """Read and decode a text manuscript."""
    return decode(read_bytes(path, max_bytes), path)
