"""The HTML report in a real browser: headless Chromium (Debian's chromium and
chromium-driver) driven by selenium.

For each report: the DOM holds every citation and finding, every in-page link
lands on an element, the keys n/p move between findings, a citation's
reference shows on focus, and the page made no request at all.  Screenshots
are written under pytest's temporary directory (the path is printed at the
end of the run), or under $CITECHECK_SCREENSHOTS when set.

Without Chromium the test skips, except in CI (CI=true), where it fails:
.ci/run installs Chromium.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import citecheck
from citecheck.reporters.html import render_html
from tests.paths import CORPUS, FIXTURES, SEED

CHROMIUM = os.environ.get("CITECHECK_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CITECHECK_CHROMEDRIVER", "/usr/bin/chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]
PLOS = CORPUS / "jats" / "plos" / "journal.pcbi.1004141.xml"


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (pip install '.[test]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not os.access(path, os.X_OK):
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    why = _missing()
    if why:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"the browser test must run in CI: {why}")
        pytest.skip(why)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="citecheck-chromium-")
    for flag in FLAGS + [f"--user-data-dir={profile}", "--window-size=1280,1800"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Path]:
    where = os.environ.get("CITECHECK_SCREENSHOTS")
    folder = Path(where) if where else tmp_path_factory.mktemp("screens")
    folder.mkdir(parents=True, exist_ok=True)
    yield folder
    shots = sorted(folder.glob("*.png"))
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None and shots:
        reporter.write_line(f"\nHTML report screenshots ({len(shots)}) in {folder}")


def _latex(folder: Path) -> Path:
    folder.mkdir()
    (folder / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\input{intro}\n"
        "Skeletal events follow \\citep{hong2020,macedo2017} and \\cite{coleman2006}.\n"
        "A later study \\cite{ghost2021} is not in the database.\n"
        "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n", encoding="utf-8")
    (folder / "intro.tex").write_text(
        "\\section{Introduction}\nBone metastases are common \\cite{macedo2017}.\n", encoding="utf-8")
    (folder / "refs.bib").write_text(
        "@article{macedo2017, author={Macedo, F. and Ladeira, K.}, title={Bone metastases: an overview},"
        " journal={Oncol Rev}, year={2017}, volume={11}, pages={321}, doi={10.4081/oncol.2017.321}}\n"
        "@article{hong2020, author={Hong, S. and Youk, T.}, title={Bone metastasis and skeletal-related"
        " events in patients with solid cancer}, journal={Sci Rep}, year={2020}, volume={10}}\n"
        "@article{coleman2006, author={Coleman, R. E.}, title={Clinical features of metastatic bone"
        " disease}, journal={Clin Cancer Res}, year={2006}, volume={12}}\n"
        "@article{macedo2017b, author={Macedo, F. and Ladeira, K.}, title={Bone Metastases: An Overview},"
        " journal={Oncol Rev}, year={2017}, volume={11}, pages={321}}\n"
        "@book{unused1998, author={Doe, J.}, title={An uncited monograph}, publisher={P}, year={1998}}\n",
        encoding="utf-8")
    return folder / "main.tex"


def _docx(folder: Path) -> Path:
    from tests.test_annotate import small_docx

    return small_docx(folder / "paper.docx")


CASES = {
    "fixture-zh": lambda tmp: FIXTURES / "zh_bone_metastasis.txt",
    "latex": lambda tmp: _latex(tmp / "latex"),
    "docx": _docx,
    "seed": lambda tmp: SEED,
    "plos": lambda tmp: PLOS,
}


@pytest.mark.parametrize("case", list(CASES))
def test_report_in_chromium(case: str, browser: Any, screens: Path, tmp_path: Path) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    source = CASES[case](tmp_path)
    if not source.exists():
        pytest.skip(f"{source} is not here (../shared is not beside this checkout)")
    report = citecheck.check_paths([str(source)])
    page = tmp_path / f"{case}.html"
    page.write_text(render_html(report), encoding="utf-8")
    browser.get(page.as_uri())
    js = browser.execute_script

    # every citation and every finding is in the DOM
    citations = sum(len(d.citations) for d in report.documents)
    assert len(browser.find_elements(By.CSS_SELECTOR, "a.cite")) == citations
    assert len(browser.find_elements(By.CSS_SELECTOR, "ol.findings > li")) == len(report.findings)
    assert len(browser.find_elements(By.CSS_SELECTOR, "a.fmark")) == len(report.findings)
    # every in-page link lands on an element
    dangling = js("return Array.from(document.querySelectorAll('a[href^=\"#\"]'))"
                  ".map(a => a.getAttribute('href').slice(1)).filter(id => !document.getElementById(id))")
    assert dangling == []
    browser.save_screenshot(str(screens / f"{case}-top.png"))

    if report.findings:
        # a findings-panel link scrolls to the finding in the text
        link = browser.find_element(By.CSS_SELECTOR, "ol.findings > li a[href^='#d0-f']")
        target = link.get_attribute("href").split("#")[1]
        link.click()
        assert js("return location.hash") == "#" + target
        assert js("const r = document.getElementById(arguments[0]).getBoundingClientRect();"
                  "return r.bottom > 0 && r.top < innerHeight", target)
        # keyboard: n / p move between findings
        browser.find_element(By.TAG_NAME, "body").click()
        js("document.activeElement.blur(); window.scrollTo(0, 0)")
        actions = ActionChains(browser)
        actions.send_keys("n").perform()
        marks = js("return Array.from(document.querySelectorAll('a.fmark')).map(a => a.id)")
        assert js("return document.activeElement.id") == marks[0]
        if len(marks) > 1:
            actions.send_keys("n").perform()
            assert js("return document.activeElement.id") == marks[1]
            actions.send_keys("p").perform()
            assert js("return document.activeElement.id") == marks[0]
        browser.save_screenshot(str(screens / f"{case}-finding.png"))

    if citations:
        # focusing a citation shows the reference it resolves to
        cite = browser.find_element(By.CSS_SELECTOR, "a.cite")
        js("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", cite)
        tip = cite.find_element(By.CSS_SELECTOR, ".tip")
        assert tip.is_displayed()
        assert tip.text.strip()
        browser.save_screenshot(str(screens / f"{case}-citation.png"))

    table = browser.find_element(By.CSS_SELECTOR, "table tbody")
    js("arguments[0].scrollIntoView()", table)
    browser.save_screenshot(str(screens / f"{case}-references.png"))

    # nothing was requested: no resource entries, no blocked attempt in the console
    assert js("return performance.getEntriesByType('resource').length") == 0
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []


def test_phone_width(browser: Any, screens: Path, tmp_path: Path) -> None:
    """On a phone-sized window nothing overflows sideways but the tables' own scroll boxes."""
    report = citecheck.check_paths([str(FIXTURES / "zh_bone_metastasis.txt")])
    page = tmp_path / "phone.html"
    page.write_text(render_html(report), encoding="utf-8")
    browser.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                            {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True})
    try:
        browser.get(page.as_uri())
        assert browser.execute_script("return innerWidth") == 390
        assert browser.execute_script("return document.documentElement.scrollWidth <= innerWidth + 1")
        browser.save_screenshot(str(screens / "phone.png"))
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def test_reads_without_javascript_and_prints(browser: Any, screens: Path, tmp_path: Path) -> None:
    """With scripts disabled everything is still there (tooltips are CSS); the
    print view hides tooltips and key hints, and Chromium prints it to PDF."""
    import base64

    from selenium.webdriver.common.by import By

    report = citecheck.check_paths([str(FIXTURES / "zh_bone_metastasis.txt")])
    page = tmp_path / "nojs.html"
    page.write_text(render_html(report), encoding="utf-8")
    browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        browser.get(page.as_uri())
        assert len(browser.find_elements(By.CSS_SELECTOR, "a.cite")) == len(report.documents[0].citations)
        assert len(browser.find_elements(By.CSS_SELECTOR, "ol.findings > li")) == len(report.findings)
        cite = browser.find_element(By.CSS_SELECTOR, "a.cite")
        cite.send_keys("")  # focus it the way a keyboard user would (Tab lands the same)
        assert cite.find_element(By.CSS_SELECTOR, ".tip").is_displayed()
    finally:
        browser.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert not browser.find_element(By.CSS_SELECTOR, ".keys").is_displayed()
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": True})
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    data = base64.b64decode(pdf["data"])
    assert data.startswith(b"%PDF")
    (screens / "printed.pdf").write_bytes(data)
