"""Hostile inputs: each is generated here, refused with CC001 quickly and
without expanding.  Timings use a wall clock; memory uses tracemalloc."""

from __future__ import annotations

import tracemalloc
import zipfile
from pathlib import Path

import pytest

from citecheck.api import check_file
from citecheck.readers import safety
from tests.docx_build import new_document, rewrite_zip, save

LIMIT_MEMORY = 64 * 1024 * 1024


def _measured(path: Path):
    # Memory, not seconds: a bomb that was expanded would show here on any machine.
    tracemalloc.start()
    try:
        report = check_file(path)
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert peak < LIMIT_MEMORY, f"peak memory {peak / 1e6:.1f} MB"
    return report


def _only_cc001(report, *words: str) -> str:
    assert [f.code for f in report.findings] == ["CC001"]
    message = report.findings[0].message
    for word in words:
        assert word in message
    return message


@pytest.fixture
def plain_docx(tmp_path: Path) -> Path:
    document = new_document()
    document.add_paragraph("Bone metastases are common [1].")
    document.add_paragraph("References")
    document.add_paragraph("1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017;11(1):321.")
    return save(document, tmp_path / "plain.docx")


def test_the_plain_docx_is_fine(plain_docx: Path) -> None:
    assert check_file(plain_docx).findings == []


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * (60 * 1024 * 1024))
    assert path.stat().st_size < 200_000
    _only_cc001(_measured(path), "zip bomb", "word/document.xml")


def test_zip_bomb_by_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Many entries, each compressing modestly, adding up past the total limit.
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    path = tmp_path / "wide.docx"
    chunk = bytes(range(256)) * 1024  # 256 kB that does not compress much beyond the ratio
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(12):
            archive.writestr(f"word/media/part{i}.bin", chunk)
    _only_cc001(_measured(path), "more than 2 MB")


def test_too_many_entries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_ZIP_ENTRIES", 10)
    path = tmp_path / "many.docx"
    with zipfile.ZipFile(path, "w") as archive:
        for i in range(11):
            archive.writestr(f"x{i}.xml", "<a/>")
    _only_cc001(_measured(path), "11 entries")


@pytest.mark.parametrize("name", ["../../evil.xml", "/etc/cron.d/evil", "word\\..\\..\\evil.xml", "C:/evil.xml",
                                  "word/../../evil.xml"])
def test_path_traversal_entry_names(plain_docx: Path, tmp_path: Path, name: str) -> None:
    path = rewrite_zip(plain_docx, add={name: b"<a/>"}, out=tmp_path / "traversal.docx")
    _only_cc001(_measured(path), "unsafe entry name")
    assert not (tmp_path.parent / "evil.xml").exists()


def _with_relationship(docx: Path, out: Path, rel: str) -> Path:
    with zipfile.ZipFile(docx) as archive:
        rels = archive.read("word/_rels/document.xml.rels").decode()
    rels = rels.replace("</Relationships>", rel + "</Relationships>")
    return rewrite_zip(docx, replace={"word/_rels/document.xml.rels": rels.encode()}, out=out)


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def test_external_template_is_reported_and_not_fetched(plain_docx: Path, tmp_path: Path) -> None:
    rel = (f'<Relationship Id="rId99" Type="{REL}/attachedTemplate" '
           'Target="http://127.0.0.1:9/evil.dotm" TargetMode="External"/>')
    path = _with_relationship(plain_docx, tmp_path / "template.docx", rel)
    report = _measured(path)
    message = _only_cc001(report, "attachedTemplate", "http://127.0.0.1:9/evil.dotm", "did not fetch")
    assert message
    assert report.files[0].references == 1 and report.files[0].citations == 1  # still checked
    assert (report.findings[0].location.line, report.findings[0].location.column) == (1, 1)


def test_external_hyperlinks_are_normal(plain_docx: Path, tmp_path: Path) -> None:
    rel = (f'<Relationship Id="rId98" Type="{REL}/hyperlink" '
           'Target="https://doi.org/10.4081/oncol.2017.321" TargetMode="External"/>')
    path = _with_relationship(plain_docx, tmp_path / "link.docx", rel)
    assert check_file(path).findings == []


LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
)


def test_billion_laughs_in_a_docx_part(plain_docx: Path, tmp_path: Path) -> None:
    with zipfile.ZipFile(plain_docx) as archive:
        xml = archive.read("word/document.xml").decode()
    head, _, rest = xml.partition("?>")
    xml = head + "?>" + LAUGHS + rest.replace("Bone metastases", "&lol9; Bone metastases", 1)
    path = rewrite_zip(plain_docx, replace={"word/document.xml": xml.encode()}, out=tmp_path / "laughs.docx")
    _only_cc001(_measured(path), "document type", "word/document.xml")


def test_billion_laughs_in_jats(tmp_path: Path) -> None:
    path = tmp_path / "laughs.xml"
    path.write_text(f'<?xml version="1.0"?>\n{LAUGHS}\n<article><body><p>&lol9;</p></body></article>\n',
                    encoding="utf-8")
    report = _measured(path)
    _only_cc001(report, "declares entities")
    assert report.findings[0].location.line == 2


def test_xxe_in_jats_is_refused_and_nothing_is_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    path = tmp_path / "xxe.nxml"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE article [\n<!ENTITY xxe SYSTEM "file://{secret}">\n]>\n'
        "<article><body><p>&xxe; [1]</p></body></article>\n",
        encoding="utf-8",
    )
    report = _measured(path)
    message = _only_cc001(report, "declares entities")
    assert "TOP-SECRET" not in message
    assert report.findings[0].location.line == 3


def test_parameter_entities_in_jats_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "param.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY % remote SYSTEM "http://127.0.0.1:9/x.dtd"> %remote;]>\n'
        "<article/>\n",
        encoding="utf-8",
    )
    _only_cc001(_measured(path), "declares entities")


def test_an_external_dtd_is_never_loaded(tmp_path: Path) -> None:
    # The DTD points at a port nothing listens on: loading it would fail or hang.
    path = tmp_path / "dtd.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE article SYSTEM "http://127.0.0.1:9/jats.dtd">\n'
        '<article><body><p>Text <xref ref-type="bibr" rid="r1">1</xref>.</p></body>'
        '<back><ref-list><ref id="r1"><label>1</label><element-citation><name><surname>Macedo</surname>'
        '<given-names>F</given-names></name><article-title>Bone metastases: an overview</article-title>'
        '<source>Oncol Rev</source><year>2017</year><volume>11</volume><fpage>321</fpage>'
        '</element-citation></ref>'
        "</ref-list></back></article>\n",
        encoding="utf-8",
    )
    assert _measured(path).findings == []


def test_an_old_doc_and_a_non_zip_are_refused(tmp_path: Path) -> None:
    doc = tmp_path / "old.docx"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    _only_cc001(_measured(doc), "old-style Word .doc")
    text = tmp_path / "text.docx"
    text.write_text("not a zip", encoding="utf-8")
    _only_cc001(_measured(text), "not a Word .docx")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 100)
    _only_cc001(_measured(broken), "not a valid zip")


def test_an_oversized_xml_part(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_XML_PART", 1024 * 1024)
    path = tmp_path / "big-part.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"<a>" + b"x" * (1024 * 1024) + b"</a>")
    _only_cc001(_measured(path), "word/document.xml", "larger than 1 MB")


def test_cli_exit_code_for_an_attack_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citecheck.cli import cli

    path = tmp_path / "xxe.xml"
    path.write_text('<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><article>&x;</article>',
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["check", str(path)])
    assert result.exit_code == 2
    assert "CC001" in result.output and "root:" not in result.output


def test_zip_bomb_in_a_media_entry(plain_docx: Path, tmp_path: Path) -> None:
    # Images are counted, not kept: a bomb among them is refused by its ratio.
    path = tmp_path / "media-bomb.docx"
    with zipfile.ZipFile(plain_docx) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr("word/media/image1.png", b"\0" * (64 * 1024 * 1024))
    _only_cc001(_measured(path), "word/media/image1.png", "expands more than 200 times")
