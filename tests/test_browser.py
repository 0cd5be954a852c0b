"""The HTML report in a real browser: headless Chromium (installed by .ci/run from Debian's
packages) renders the score table, the charts and every finding. A screenshot is kept as a
test artifact in findings/test-artifacts/."""

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from jixiao.cli.main import main

from conftest import ROOT, RULES, SHANGHAI_2017

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]
ARTIFACTS = ROOT / "findings" / "test-artifacts"

pytestmark = pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                                reason="Chromium not installed (.ci/run installs it)")


class Rendered(HTMLParser):
    """What the browser's DOM holds: table cells, images, text."""

    def __init__(self):
        super().__init__()
        self.cells, self.images, self.text = [], [], []
        self._in_cell = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "td":
            self._in_cell, self.cells = True, self.cells + [""]
        if tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "td":
            self._in_cell = False

    def handle_data(self, data):
        self.text.append(data)
        if self._in_cell:
            self.cells[-1] += data


def chromium(*args, cwd):
    assert CHROMIUM, "Chromium is required here: .ci/run installs Debian's chromium package"
    profile = cwd / "profile"
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120)
    return done


def test_the_html_report_renders_in_chromium(capsys, tmp_path):
    assert main(["check", str(SHANGHAI_2017), "--out", str(tmp_path), "--rules", str(RULES), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    page = tmp_path / "shanghai-single-window" / "2017" / "report.html"
    dom = chromium("--dump-dom", page.as_uri(), cwd=tmp_path)
    assert dom.returncode == 0, dom.stderr[-2000:]
    rendered = Rendered()
    rendered.feed(dom.stdout)
    text = "".join(rendered.text)
    # the score table: every indicator with its score
    for indicator in result["indicators"]:
        assert f"{indicator['id']} {indicator['name']}" in rendered.cells
    assert "86.74" in rendered.cells and "良" in text
    # the charts, as report.docx has them: first-level indicators' rates; 2016's total is provisional,
    # so there is no chart of totals by year (one final year), and the page says why
    assert [(i["src"][:22], i["alt"].split("：")[0]) for i in rendered.images] == [
        ("data:image/png;base64,", "一级指标得分率")]
    assert "2016 年总分为暂定（部分指标无法评价），未绘入图中。" in text
    # every finding
    normalize = lambda s: re.sub(r"\s+", "", s)
    for finding in result["findings"]:  # (findings.json names columns with their codes; the page by titles)
        assert normalize(re.sub(r"（[a-z_]+）", "", finding["text"])) in normalize(text), finding["rule"]
    # a picture of it, kept for people to look at
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "shanghai-2017-report.png"
    done = chromium("--window-size=1280,2400", f"--screenshot={shot}", page.as_uri(), cwd=tmp_path)
    assert done.returncode == 0 and shot.stat().st_size > 50_000
