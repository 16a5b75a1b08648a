"""Reading untrusted zip packages and XML without being attacked by them.

A manuscript may come from anyone, so the Word and JATS readers treat their
input as hostile:

* **Zip packages** (.docx) are checked entry by entry before anything parses
  them: at most :data:`MAX_ZIP_ENTRIES` entries; entry names must be relative
  paths inside the package (no ``..``, no absolute paths, no drive letters or
  backslashes); every entry is decompressed in chunks and counted, so a
  package over :data:`MAX_UNCOMPRESSED` bytes in total, an XML part over
  :data:`MAX_XML_PART`, or an entry that expands more than :data:`MAX_RATIO`
  times (a zip bomb), is refused as soon as the limit is passed, whatever
  sizes its headers claim.
* **XML** is never allowed to declare entities: a document type with
  ``<!ENTITY`` (the "billion laughs" and external-entity (XXE) attacks) is
  refused before parsing.  The parser itself loads no DTD, resolves no
  entities and has no network access, so an external DTD such as JATS's
  ``journalpublishing3.dtd`` is simply not read.  Office XML parts may not
  have a document type at all.

Every refusal raises :class:`~citecheck.errors.InputError`, reported as CC001.
"""

from __future__ import annotations

import html.entities
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import NoReturn

from lxml import etree

from citecheck.errors import InputError

#: Most entries a .docx may have (Word writes a few dozen, plus one per image).
MAX_ZIP_ENTRIES = 2_000
#: Most bytes a .docx may expand to in total.  Bounds memory: python-docx
#: keeps every part in memory.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
#: Most bytes one XML part may have: parsing holds a tree several times its size.
MAX_XML_PART = 64 * 1024 * 1024
#: Largest expansion allowed for one entry larger than RATIO_FLOOR.  Word's XML
#: compresses 5-20 times; zip bombs expand thousands of times.
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024
_CHUNK = 64 * 1024

_BAD_NAME = re.compile(r"(^|/)\.\.(/|$)|^/|\\|^[A-Za-z]:|\x00")


def _doctype_in(encoding: str) -> re.Pattern[bytes]:
    """``<!DOCTYPE`` (any case) as bytes in ``encoding``."""
    return re.compile(b"".join(
        b"(?:" + re.escape(ch.lower().encode(encoding)) + b"|" + re.escape(ch.upper().encode(encoding)) + b")"
        for ch in "<!DOCTYPE"
    ))


#: ``<!DOCTYPE`` in every encoding an XML parser detects without a
#: declaration (UTF-8, UTF-16 and UTF-32 with or without a byte-order mark),
#: searched in the raw bytes, so that no encoding trick hides it.
_DOCTYPES = tuple(_doctype_in(e) for e in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})


@dataclass(frozen=True)
class ZipPackage:
    """A checked zip package: the raw bytes, its entry names and the content
    of its XML parts (other entries are checked, then dropped)."""

    data: bytes
    parts: dict[str, bytes]
    names: frozenset[str] = frozenset()


def read_zip(path: str, data: bytes) -> ZipPackage:
    """Check a zip package (see the module docstring) and return its entries.

    ``data`` is the whole file, already read with the per-file size limit.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(path, f"not a valid zip package ({exc})") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ZIP_ENTRIES:
            raise InputError(
                path, f"the package has {len(infos)} entries, over the limit of {MAX_ZIP_ENTRIES}"
            )
        parts: dict[str, bytes] = {}
        names: set[str] = set()
        total = 0
        for info in infos:
            name = info.filename
            if _BAD_NAME.search(name):
                raise InputError(path, f"refused: the package has an unsafe entry name {name!r}")
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise InputError(path, f"the package entry {name!r} is encrypted")
            if name in names:
                raise InputError(path, f"the package has two entries named {name!r}")
            is_xml = name.endswith((".xml", ".rels"))
            body = bytearray()  # kept for XML parts only; media are just counted
            size = 0
            try:
                with archive.open(info) as handle:
                    while chunk := handle.read(_CHUNK):
                        size += len(chunk)
                        total += len(chunk)
                        if is_xml:
                            body += chunk
                        if total > MAX_UNCOMPRESSED:
                            raise InputError(
                                path,
                                "refused: the package expands to more than "
                                f"{MAX_UNCOMPRESSED // (1024 * 1024)} MB (a zip bomb?)",
                            )
                        if is_xml and size > MAX_XML_PART:
                            raise InputError(
                                path,
                                f"refused: the XML part {name!r} is larger than "
                                f"{MAX_XML_PART // (1024 * 1024)} MB",
                            )
                        if size > RATIO_FLOOR and size > MAX_RATIO * max(info.compress_size, 1):
                            raise InputError(
                                path,
                                f"refused: entry {name!r} expands more than {MAX_RATIO} times "
                                "its compressed size (a zip bomb?)",
                            )
            except (zipfile.BadZipFile, zlib.error, NotImplementedError, OSError, EOFError, ValueError) as exc:
                raise InputError(path, f"cannot read package entry {name!r} ({exc})") from None
            names.add(name)
            if is_xml:
                parts[name] = bytes(body)
    return ZipPackage(data, parts, frozenset(names))


def check_office_xml(path: str, name: str, data: bytes) -> None:
    """Refuse an Office XML part that declares a document type (entities live there).

    The raw bytes are searched in each Unicode encoding, byte-order mark or
    not; :func:`parse_office_xml` checks the parsed tree as well, for any
    other encoding a declaration could name.
    """
    if any(pattern.search(data) for pattern in _DOCTYPES):
        _refuse_doctype(path, name)


def _refuse_doctype(path: str, name: str) -> NoReturn:
    raise InputError(
        path,
        f"refused: the XML part {name!r} declares a document type; Word never writes one, "
        "and entity declarations are an attack (billion laughs, XXE)",
    )


def xml_parser() -> etree.XMLParser:
    """An lxml parser that loads no DTD, expands no entities and never uses the network."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
    )


def parse_office_xml(path: str, name: str, data: bytes) -> etree._Element:
    """Parse one Office XML part safely."""
    check_office_xml(path, name, data)
    parser = etree.XMLParser(
        resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"the XML part {name!r} is not well-formed ({exc})") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        _refuse_doctype(path, name)
    return root


def refuse_entity_declarations(path: str, text: str) -> None:
    """Refuse XML text whose document type declares entities (billion laughs, XXE)."""
    doctype = text.find("<!DOCTYPE")
    if doctype == -1:
        return
    match = _ENTITY_DECL.search(text, doctype)
    # The internal subset ends at "]>"; an <!ENTITY after the root element
    # starts is text, not a declaration, but no valid document has one anyway.
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise InputError(
            path,
            "refused: the XML declares entities (<!ENTITY ...>); citecheck never expands "
            "them (billion laughs and external-entity attacks)",
            line=line,
            column=match.start() - text.rfind("\n", 0, match.start()),
        )


def with_html_entities(text: str) -> str:
    """Replace HTML named entities (``&ndash;``) by numeric references.

    JATS files written for a DTD may use the DTD's named entities; without
    loading the DTD the parser cannot know them.  The replacement keeps every
    newline, so line numbers do not move.  Unknown names are left for the
    parser to report.
    """

    def numeric(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in _PREDEFINED:
            return match.group(0)
        chars = html.entities.html5.get(name + ";")
        if chars is None:
            return match.group(0)
        return "".join(f"&#{ord(ch)};" for ch in chars)

    return _NAMED_ENTITY.sub(numeric, text) if "&" in text else text


def parse_xml_text(path: str, text: str) -> etree._Element:
    """Parse decoded XML text safely; raise InputError at the error's line."""
    refuse_entity_declarations(path, text)
    source = with_html_entities(text)
    # The text is already decoded: drop the declaration's encoding by
    # re-encoding as UTF-8 and telling the parser so.
    try:
        root = etree.fromstring(source.encode("utf-8"), xml_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (1, 1)
        raise InputError(
            path, f"the XML is not well-formed: {exc.msg}", line=max(line, 1), column=max(column, 1)
        ) from None
    if root is None:
        raise InputError(path, "the XML has no root element")
    return root
