"""A year whose total is provisional (some indicators could not be assessed) is not drawn as a
score in the chart of totals by year: it is left out, and the reports say so under the charts."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import docx

from jixiao.check.case import check_case
from jixiao.cli.main import main
from jixiao.report import Settings, render

from conftest import FACTS, RULES, SHANGHAI_2017

NOTE = "2016 年总分为暂定（部分指标无法评价），未绘入图中。"
RATES = "一级指标得分率：A 项目决策 87.5%；B 项目管理 73.5%；C 项目绩效 94.4%"


def test_the_shanghai_case_s_2016_total_is_not_drawn_as_a_score(capsys, tmp_path):
    """2016: 85 of its 100 points could not be assessed; its 9.00 is no score to set beside 86.74."""
    assert main(["check", str(FACTS / "shanghai-single-window"), "--rules", str(RULES), "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    folder = tmp_path / "shanghai-single-window" / "2017"
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert re.findall(r'alt="([^"]*)"', html) == [RATES]  # one final year: no chart of totals by year
    assert "9.00" not in html.split("<h2>")[2] and f"<p>{NOTE}</p>" in html
    word = docx.Document(folder / "report.docx")
    assert NOTE in [p.text for p in word.paragraphs]
    assert sum(part.content_type == "image/png" for part in word.part.package.parts) == 1


def test_only_final_years_are_drawn_and_the_provisional_ones_are_named(rulebook):
    result = check_case(SHANGHAI_2017, rulebook)
    history = ((2015, Decimal("80.5"), False), (2016, Decimal("9.00"), True), (2017, result.scores.total, False))
    settings = Settings(history=history)
    html = render("html", result, settings)
    assert re.findall(r'alt="([^"]*)"', html) == [RATES, "历年总分：2015 80.5；2017 86.74"]
    assert f"<p>{NOTE}</p>" in html
    english = render("html", result, Settings(history=history, lang="en"))
    assert ("<p>The totals of 2016 are provisional (some indicators could not be assessed) and are not drawn.</p>"
            in english)
    word = docx.Document(io.BytesIO(render("docx", result, Settings(history=history))))
    assert NOTE in [p.text for p in word.paragraphs]
    final = render("html", result, Settings(history=((2015, Decimal("80.5"), False), (2017, result.scores.total, False))))
    assert "未绘入图中" not in final
