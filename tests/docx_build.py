"""Building small Word files for the tests, with python-docx.

Runs can be plain, superscript, or Word fields (a reference manager's
citation or bibliography).  Parts python-docx cannot write (footnotes) and
hostile packages are made by rewriting the zip.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from tests.paths import SEED


def _fld_char(paragraph, kind: str) -> None:
    run = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run._r.append(char)


def _instr(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    node = OxmlElement("w:instrText")
    node.set(qn("xml:space"), "preserve")
    node.text = instruction
    run._r.append(node)


def begin_field(paragraph, instruction: str) -> None:
    """Open a complex field: begin, instruction, separate (the result follows)."""
    _fld_char(paragraph, "begin")
    _instr(paragraph, instruction)
    _fld_char(paragraph, "separate")


def end_field(paragraph) -> None:
    _fld_char(paragraph, "end")


def add_field(paragraph, instruction: str, result: str, superscript: bool = False) -> None:
    """A whole field in one paragraph, its result shown as ``result``."""
    begin_field(paragraph, instruction)
    run = paragraph.add_run(result)
    if superscript:
        run.font.superscript = True
    end_field(paragraph)


def zotero_instruction(items: list[dict], shown: str) -> str:
    data = {
        "citationID": "abc123",
        "properties": {"formattedCitation": shown, "plainCitation": shown, "noteIndex": 0},
        "citationItems": [
            {"id": item["id"], "uris": [f"http://zotero.org/users/1/items/{item['id']}"], "itemData": item}
            for item in items
        ],
        "schema": "https://github.com/citation-style-language/schema/raw/master/csl-citation.json",
    }
    return " ADDIN ZOTERO_ITEM CSL_CITATION " + json.dumps(data, ensure_ascii=False) + " "


def zotero_bibliography(document, entries: list[str]) -> None:
    """A Zotero bibliography field, one paragraph per entry ("[n]<tab>entry")."""
    for number, entry in enumerate(entries, start=1):
        paragraph = document.add_paragraph()
        if number == 1:
            begin_field(paragraph, ' ADDIN ZOTERO_BIBL {"uncited":[],"omitted":[],"custom":[]} CSL_BIBLIOGRAPHY ')
        paragraph.add_run(f"[{number}]\t{entry}")
        if number == len(entries):
            end_field(paragraph)


def zotero_paragraph(document, *parts):
    """A paragraph of plain strings and Zotero citations given as (CSL items, shown text)."""
    paragraph = document.add_paragraph()
    for part in parts:
        if isinstance(part, str):
            paragraph.add_run(part)
        else:
            items, shown = part
            add_field(paragraph, zotero_instruction(items, shown), shown)
    return paragraph


def endnote_instruction(records: list[dict], shown: str) -> str:
    cites = []
    for rec in records:
        authors = "".join(f"<author>{a}</author>" for a in rec["authors"])
        cites.append(
            f"<Cite><Author>{rec['authors'][0].split(',')[0]}</Author><Year>{rec['year']}</Year>"
            f"<RecNum>{rec['recnum']}</RecNum><DisplayText>{shown}</DisplayText>"
            f"<record><rec-number>{rec['recnum']}</rec-number><ref-type name=\"Journal Article\">17</ref-type>"
            f"<contributors><authors>{authors}</authors></contributors>"
            f"<titles><title>{rec['title']}</title><secondary-title>{rec['journal']}</secondary-title></titles>"
            f"<pages>{rec.get('pages', '')}</pages><volume>{rec.get('volume', '')}</volume>"
            f"<dates><year>{rec['year']}</year></dates>"
            + (f"<electronic-resource-num>{rec['doi']}</electronic-resource-num>" if rec.get("doi") else "")
            + "</record></Cite>"
        )
    return " ADDIN EN.CITE <EndNote>" + "".join(cites) + "</EndNote>"


def content_control(parent, tag: str, build) -> None:
    """Append a content control (w:sdt) tagged ``tag`` to ``parent`` (a paragraph's
    or the body's element); ``build(content)`` fills its w:sdtContent."""
    sdt = OxmlElement("w:sdt")
    props = OxmlElement("w:sdtPr")
    tag_element = OxmlElement("w:tag")
    tag_element.set(qn("w:val"), tag)
    props.append(tag_element)
    content = OxmlElement("w:sdtContent")
    sdt.append(props)
    sdt.append(content)
    build(content)
    parent.append(sdt)


def run_element(text: str, superscript: bool = False, hidden: bool = False):
    """A w:r element holding ``text``."""
    run = OxmlElement("w:r")
    if superscript or hidden:
        props = OxmlElement("w:rPr")
        if hidden:
            props.append(OxmlElement("w:vanish"))
        if superscript:
            align = OxmlElement("w:vertAlign")
            align.set(qn("w:val"), "superscript")
            props.append(align)
        run.append(props)
    node = OxmlElement("w:t")
    node.set(qn("xml:space"), "preserve")
    node.text = text
    run.append(node)
    return run


def save(document, path: Path) -> Path:
    document.save(str(path))
    return path


def rewrite_zip(path: Path, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
                out: Path | None = None) -> Path:
    """Copy a .docx with some entries replaced and others added."""
    replace, add = replace or {}, add or {}
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in add.items():
            dst.writestr(name, data)
    target = out or path
    target.write_bytes(buffer.getvalue())
    return target


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def add_notes(path: Path, kind: str, notes: list[str]) -> Path:
    """Add a footnotes or endnotes part holding one paragraph per note, each
    note text written as plain runs (with ``^x^`` marking superscript text)."""
    tag = kind[:-1]  # footnote / endnote
    body = []
    for i, note in enumerate(notes, start=1):
        runs = []
        for j, piece in enumerate(note.split("^")):
            if not piece:
                continue
            props = '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>' if j % 2 else ""
            runs.append(f'<w:r>{props}<w:t xml:space="preserve">{piece}</w:t></w:r>')
        body.append(f'<w:{tag} w:id="{i}"><w:p>{"".join(runs)}</w:p></w:{tag}>')
    xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:{kind} xmlns:w="{W_NS}">'
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>'
        + "".join(body) + f"</w:{kind}>"
    ).encode()
    with zipfile.ZipFile(path) as src:
        rels = src.read("word/_rels/document.xml.rels").decode()
        types = src.read("[Content_Types].xml").decode()
    rel = (f'<Relationship Id="rIdNotes{kind}" Type="{R_NS}/{kind}" Target="{kind}.xml"/>')
    rels = rels.replace("</Relationships>", rel + "</Relationships>")
    ctype = (f'<Override PartName="/word/{kind}.xml" ContentType="application/'
             f'vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>')
    types = types.replace("</Types>", ctype + "</Types>")
    return rewrite_zip(
        path,
        replace={"word/_rels/document.xml.rels": rels.encode(), "[Content_Types].xml": types.encode()},
        add={f"word/{kind}.xml": xml},
    )


def new_document():
    return docx.Document()


# --- manuscripts modelled on the seed article -------------------------------
import re

_CITE = re.compile(r"\[(\d[\d,\-–]*)\]")


def seed_parts() -> tuple[list[str], list[str]]:
    """The seed's body paragraphs (up to its reference heading) and its ten
    reference entries without their numbers."""
    lines = SEED.read_text(encoding="utf-8").split("\n")
    heading = lines.index("参考文献")
    body = [line.strip() for line in lines[:heading] if line.strip()]
    refs = []
    for line in lines[heading + 1 :]:
        match = re.match(r"^(\d+)\.\s*(.*\S)", line)
        if match:
            refs.append(match.group(2))
        elif refs and not line.strip():
            break
    return body, refs


def _numbers(content: str) -> list[int]:
    out: list[int] = []
    for part in content.split(","):
        lo, _, hi = part.replace("–", "-").partition("-")
        out.extend(range(int(lo), int(hi or lo) + 1))
    return out


_CHENG = {"title": "Bone metastases diminish extraosseous response to checkpoint blockade "
          "immunotherapy through osteopontin-producing osteoclasts",
          "container-title": "Cancer Cell", "issued": {"date-parts": [[2025, 6, 9]]},
          "volume": "43", "issue": "6", "page": "1093-1107.e9"}
#: CSL-JSON for the seed's ten references, as a Zotero library would hold them.
SEED_CSL = [
    {"id": 1, "type": "article-journal", "title": "Bone Metastases: An Overview", "container-title": "Oncol Rev",
     "author": [{"family": "Macedo", "given": "F"}, {"family": "Ladeira", "given": "K"}],
     "issued": {"date-parts": [[2017, 5, 9]]}, "volume": "11", "issue": "1", "page": "321"},
    {"id": 2, "type": "article-journal", "title": "肺癌骨转移诊疗专家共识(2019版)", "container-title": "中国肺癌杂志",
     "author": [{"literal": "北京医学奖励基金会肺癌青年专家委员会"}], "issued": {"date-parts": [[2019, 4]]},
     "volume": "22", "issue": "4"},
    {"id": 3, "type": "article-journal", "title": "Bone metastasis and skeletal-related events in patients with "
     "solid cancer: A Korean nationwide health insurance database study", "container-title": "PLoS One",
     "author": [{"family": "Hong", "given": "S"}, {"family": "Youk", "given": "T"}],
     "issued": {"date-parts": [[2020]]}, "volume": "15", "issue": "7", "page": "e0234927"},
    {"id": 4, "type": "article-journal", "title": "Synchronous bone metastasis in lung cancer: Retrospective "
     "study of a single center of 15, 716 patients from Tianjin, China", "container-title": "BMC Cancer",
     "author": [{"family": "Guo", "given": "X"}, {"family": "Ma", "given": "W"}],
     "issued": {"date-parts": [[2021]]}, "volume": "21", "issue": "1", "page": "613"},
    {"id": 5, "type": "article-journal", "title": "Multicenter study of zoledronic acid administration in "
     "non-small-cell lung cancer patients with bone metastasis: Thoracic oncology research group(TORG) 1017",
     "container-title": "Mol Clin Oncol", "author": [{"family": "Nakahara", "given": "Y"}],
     "issued": {"date-parts": [[2019]]}, "volume": "11", "issue": "4", "page": "349-353"},
    {"id": 6, "type": "article-journal", "title": "Does denosumab offer survival benefits? -Our experience with "
     "denosumab in metastatic non-small cell lung cancer patients treated with immune-checkpoint inhibitors",
     "container-title": "J. Thorac. Dis.", "author": [{"family": "Cao", "given": "Y"}, {"family": "Afzal", "given": "M.Z."}],
     "issued": {"date-parts": [[2021]]}, "volume": "13", "page": "4668-4677"},
    {"id": 7, "type": "article-journal", "title": "An observational study of concomitant immunotherapies and "
     "denosumab in patients with advanced melanoma or lung cancer", "container-title": "OncoImmunology",
     "author": [{"family": "Liede", "given": "A"}], "issued": {"date-parts": [[2018]]}, "volume": "7",
     "page": "e1480301"},
    {"id": 8, "type": "article-journal", **_CHENG,
     "author": [{"family": "Cheng", "given": "JN"}, {"family": "Jin", "given": "Z"}, {"family": "Su", "given": "C"},
                {"family": "Jiang", "given": "T"}]},
    {"id": 9, "type": "article-journal", "title": "Combination therapy with immune checkpoint inhibitors and "
     "denosumab improves clinical outcomes in non-small cell lung cancer with bone metastases",
     "container-title": "Lung Cancer", "author": [{"family": "Asano", "given": "Y"}],
     "issued": {"date-parts": [[2024, 7]]}, "volume": "193", "page": "107858"},
    {"id": 10, "type": "article-journal", **_CHENG,
     "author": [{"family": "Cheng", "given": "JN"}, {"family": "Jin", "given": "Z"}, {"family": "Su", "given": "C"}]},
]


def seed_docx(path: Path, variant: str) -> Path:
    """A Word manuscript with the seed's text and references: ``variant`` is
    "brackets" (typed [n]), "superscript" (superscript runs, Word-numbered
    list) or "zotero" (Zotero citation fields and a bibliography field)."""
    body, refs = seed_parts()
    document = new_document()
    for text in body:
        paragraph = document.add_paragraph()
        pos = 0
        for match in _CITE.finditer(text):
            paragraph.add_run(text[pos : match.start()])
            content = match.group(1)
            if variant == "brackets":
                paragraph.add_run(match.group(0))
            elif variant == "superscript":
                paragraph.add_run(content.replace("-", "–")).font.superscript = True
            else:
                items = [SEED_CSL[n - 1] for n in _numbers(content)]
                add_field(paragraph, zotero_instruction(items, match.group(0)), match.group(0))
            pos = match.end()
        paragraph.add_run(text[pos:])
    document.add_paragraph("")
    document.add_paragraph("参考文献", style="Heading 1")
    for number, ref in enumerate(refs, start=1):
        if variant == "brackets":
            document.add_paragraph(f"{number}. {ref}")
        elif variant == "superscript":
            document.add_paragraph(ref, style="List Number")
    if variant not in ("brackets", "superscript"):
        zotero_bibliography(document, refs)
    document.add_paragraph("")
    document.add_paragraph("责任编辑:肿瘤资讯-丹忱")
    return save(document, path)
