"""Start-up stays light: a command imports only what it and the input's format need.

Seconds are measured by bench/startup.py; here, which modules a fresh process loads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import FIXTURES

HEAVY = {"docx", "lxml", "bibtexparser", "habanero", "httpx2", "sqlite3", "platformdirs",
         "multiprocessing", "yaml"}


def loaded(*args: str) -> set[str]:
    """The top-level packages a ``citecheck *args`` process loads."""
    return {name.split(".")[0] for name in modules_loaded(*args)}


def modules_loaded(*args: str) -> set[str]:
    """Every module a ``citecheck *args`` process loads."""
    code = ("import sys, runpy\nsys.argv = ['citecheck', *sys.argv[1:]]\n"
            "try:\n    runpy.run_module('citecheck', run_name='__main__')\nexcept SystemExit:\n    pass\n"
            "print('MODULES', ' '.join(sorted(sys.modules)), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                            check=False, timeout=120)
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


def test_version_loads_no_reader_and_no_rule() -> None:
    modules = loaded("--version")
    assert not modules & HEAVY
    assert "rapidfuzz" not in modules


def test_a_text_check_loads_no_word_jats_bibtex_or_network_code() -> None:
    assert not loaded("check", str(FIXTURES / "zh_bone_metastasis.txt")) & HEAVY


def test_an_offline_check_loads_no_crossref_client_cache_or_verifier() -> None:
    modules = modules_loaded("check", str(FIXTURES / "zh_bone_metastasis.txt"))
    assert "citecheck.crossref.answers" in modules  # the rules' types: light
    assert not modules & {"citecheck.crossref.client", "citecheck.crossref.cache", "citecheck.crossref.verifier"}


def test_a_crossref_check_loads_the_verifier(tmp_path: Path) -> None:
    modules = modules_loaded("check", str(FIXTURES / "zh_bone_metastasis.txt"), "--crossref", "--offline",
                             "--cache-dir", str(tmp_path))
    assert "citecheck.crossref.verifier" in modules


def test_a_markdown_check_loads_no_word_jats_or_network_code() -> None:
    # Markdown may be pandoc with a front-matter bibliography: YAML and BibTeX are allowed.
    assert not loaded("check", str(FIXTURES / "clean_paper.md")) & (HEAVY - {"yaml", "bibtexparser"})


def test_a_word_file_loads_the_word_reader(tmp_path: Path) -> None:
    from tests.docx_build import new_document, save

    doc = new_document()
    doc.add_paragraph("Bone metastases are common [1].")
    doc.add_paragraph("References")
    doc.add_paragraph("1. Macedo F. Bone Metastases: An Overview. Oncol Rev. 2017.")
    path = save(doc, tmp_path / "paper.docx")
    assert {"docx", "lxml"} <= loaded("check", str(path))


def test_the_crossref_package_still_gives_its_classes_on_first_use() -> None:
    import citecheck.crossref as crossref
    from citecheck.crossref.cache import Cache
    from citecheck.crossref.client import CrossrefClient
    from citecheck.crossref.verifier import CrossrefVerifier

    assert (crossref.Cache, crossref.CrossrefClient, crossref.CrossrefVerifier) == (Cache, CrossrefClient,
                                                                                    CrossrefVerifier)
    with pytest.raises(AttributeError):
        crossref.NoSuchThing  # noqa: B018
