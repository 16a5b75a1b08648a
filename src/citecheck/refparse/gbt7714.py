"""GB/T 7714 (Chinese national standard) references.

The standard marks the document type in square brackets after the title::

    [1] 刘加林, 严宏强. 数字信号处理[M]. 北京: 机械工业出版社, 2005: 12-20.
    [2] CHENG J N, JIN Z, SU C, et al. Bone metastases ...[J]. Cancer Cell,
        2025, 43(6): 1093-1107.

Latin names are written family first, in capitals, with bare initials; Chinese
names are written whole, so the family name is the first character (or a
two-character compound surname).
"""

from __future__ import annotations

import re

from citecheck import lazyre
from citecheck.model import Author

TYPE_MARKERS = {
    "J": "article",
    "M": "book",
    "C": "conference",
    "A": "chapter",
    "G": "book",
    "D": "thesis",
    "R": "report",
    "N": "newspaper",
    "P": "patent",
    "S": "standard",
    "Z": "misc",
    "DB": "dataset",
    "CP": "software",
    "EB": "web",
}
MARKER = lazyre.compile(r"\[(J|M|C|A|G|D|R|N|P|S|Z|DB|CP|EB)(?:/(?:OL|CD|MT|DK))?\]")
_COMPOUND_SURNAMES = frozenset(
    ["欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "令狐", "宇文", "司徒", "夏侯", "端木", "轩辕", "独孤", "南宫", "西门", "百里"]
)
_HAN = lazyre.compile(r"^[\u3400-\u9fff]+$")
_NUMBER_AFTER_TITLE = lazyre.compile(
    r"^(.+?)\s*[:：]\s*(第\s*\S+\s*[卷册辑](?:\s.*)?|[上中下]|[一二三四五六七八九十]+[卷册]"
    r"|(?:GB|GY|JB|ISO|IEC|US|EP|CN|WO|RMRS|PB)\b[\w/ .\-—]*\d[\w/ .\-—]*|\d[\d.\-X]{5,}|[\w\-]*\d{4,}[\w.\-/]*)$"
)


# The author-year form (著者-出版年制, GB/T 7714-2015 section 9.2) prints the year right
# after the authors: "张三, 李四. 2020. 标题", "SMITH J, JONES K, 2018. Title".
_AUTHORS_YEAR = lazyre.compile(
    r"^(?P<authors>[^\d]+?)\s*[.．。,，]\s*(?P<year>1[5-9]\d\d|20\d\d)[a-z]?\s*[.．。]\s*(?=\S)(?P<title>.+)$"
)
# After the journal in that form: "中国肿瘤, 5: 2-8", "Journal of Bone, 1(2): 3-4"
_NUMBERS_AFTER_CONTAINER = lazyre.compile(r"^[^,，]+?\s*[,，]\s*([\w\-]+)?\s*(?:\(([^)]+)\))?\s*[:：]\s*([\w\-–]+)")
_NUMBERS_AFTER_YEAR = lazyre.compile(r"(?:19|20)\d\d[a-z]?\s*[,，]\s*([\w\-]+)?\s*(?:\(([^)]+)\))?\s*[:：]\s*([\w\-–]+)")


def chinese_name(name: str) -> Author:
    """Split a Chinese name written whole into family and given names."""
    family = name[:2] if name[:2] in _COMPOUND_SURNAMES else name[:1]
    return Author(family, name[len(family):])


def _author(part: str) -> Author:
    part = part.strip(" .")
    if _HAN.match(part):
        if len(part) > 4:  # an organisation, not a person
            return Author(part, "", is_group=True)
        return chinese_name(part)
    words = part.split()
    if len(words) >= 2 and all(re.fullmatch(r"[A-Z][A-Z\-]?\.?", w) for w in words[1:]):
        return Author(words[0].capitalize() if words[0].isupper() else words[0], " ".join(words[1:]))
    if len(words) == 1:
        return Author(part, "", is_group=not part[:1].isascii() or len(part) > 25)
    return Author(part, "", is_group=True)


def parse_authors(segment: str) -> tuple[tuple[Author, ...], bool]:
    et_al = False
    parts = []
    for part in re.split(r"\s*[,，、;；]\s*", segment.strip()):
        if re.fullmatch(r"(?:et\s*al\.?|等\.?)", part.strip(), re.IGNORECASE):
            et_al = True
        elif part.strip(" ."):
            parts.append(part)
    return tuple(_author(p) for p in parts), et_al


def parse(text: str) -> dict[str, object] | None:
    """Parse a GB/T 7714 reference (identifiers already removed), or ``None``."""
    marker = MARKER.search(text)
    if not marker:
        return None
    head, tail = text[: marker.start()], text[marker.end():]
    out: dict[str, object] = {"type": TYPE_MARKERS[marker.group(1)]}
    # Authors end at the first ". " (or "．"); a reference may have none.
    split = re.match(r"^(.*?)[.．。]\s*(?=\S)(.+)$", head.strip())
    author_year = _AUTHORS_YEAR.match(head.strip())
    if author_year:
        authors, et_al = parse_authors(author_year.group("authors"))
        out["authors"], out["et_al"] = authors, et_al
        out["title"] = author_year.group("title").strip(" .")
        out["year"] = int(author_year.group("year"))
    elif split and not re.search(r"\d{4}", split.group(1)):
        authors, et_al = parse_authors(split.group(1))
        out["authors"], out["et_al"] = authors, et_al
        out["title"] = split.group(2).strip(" .")
    else:
        out["title"] = head.strip(" .")
    # "国史旧闻: 第 1 卷", "信息与文献: GB/T 25100—2010", "全智能节电器: 200610171314.3":
    # the volume, standard or patent number follows the title after a colon.
    numbered = _NUMBER_AFTER_TITLE.match(str(out["title"]))
    if numbered:
        out["title"] = numbered.group(1).strip()
        if numbered.group(2).startswith("第"):
            out["volume"] = re.sub(r"\D", "", numbered.group(2)) or None
    tail = tail.strip().lstrip(".．。").strip()
    if tail.startswith("//"):
        tail = tail[2:].strip()
        # "//EDITOR. Proceedings" : drop the editor segment
        editors = re.match(r"^[^.]{1,80}?,?\s*(?:ed|eds|编|主编)\.?\s*[.．]\s*", tail)
        if editors:
            tail = tail[editors.end():]
        host = re.match(r"^(.+?)[.．]\s+(?=\S)", tail)
        if host:
            out["container"] = host.group(1).strip()
            tail = tail[host.end():]
    year = None if author_year else re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", tail)
    if year:
        out["year"] = int(year.group(1))
    if out["type"] == "article":
        container = re.match(r"^([^,，]+?)\s*[,，]", tail)
        if container:
            out["container"] = container.group(1).strip()
        numbers = (_NUMBERS_AFTER_CONTAINER.match if author_year else _NUMBERS_AFTER_YEAR.search)(tail)
        if numbers:
            out["volume"], out["issue"], out["pages"] = numbers.group(1), numbers.group(2), numbers.group(3)
    else:
        where = re.match(r"^([^:：,，]+)[:：]\s*([^,，]+)", tail)
        if where:
            out["publisher"] = where.group(2).strip()
        elif tail and "container" not in out:
            container = re.match(r"^([^,，:：]+?)\s*[,，.]", tail)
            if container and not re.match(r"\d", container.group(1)):
                out["container"] = container.group(1).strip()
        pages = re.search(r"(?:19|20)\d\d[a-z]?\s*[:：]\s*([\w\-–]+)", tail)
        if pages:
            out["pages"] = pages.group(1)
    return out
