"""jixiao from Python: the functions `import jixiao` offers, and what importing it costs."""

import subprocess
import sys
from decimal import Decimal

import jixiao

from conftest import FACTS, ROOT, SHANGHAI_2017, bundled_cases


def test_check_case_from_python(rulebook):
    result = jixiao.check_case(SHANGHAI_2017, rulebook)
    assert (result.scores.total, result.scores.grade) == (Decimal("86.74"), "良")
    alone = jixiao.check_case(SHANGHAI_2017, rulebook, history=False)
    assert alone.scores.total == Decimal("86.74") and list(alone.history) == []
    # matched with 2016's findings (B332), and with its record of 2016's problems still open (B232, as C32 says)
    assert [h.indicator for h in result.history if h.status == "repeated"] == ["B232", "B332"]


GOLDEN = {("dongguan-processing-trade", 2015): (Decimal("65.50"), "中"),
          ("school-renovation", 2023): (Decimal("94"), "优"),
          ("shanghai-single-window", 2016): (Decimal("9.00"), "不合格～优"),
          ("shanghai-single-window", 2017): (Decimal("86.74"), "良")}


def test_check_portfolio_from_python(rulebook, tmp_path):
    portfolio = jixiao.check_portfolio(FACTS, rulebook, case_files=False)
    rows = {(row["case"], row["year"]): (row["total"], row["grade"]) for row in portfolio.rows}
    assert [(row["case"], row["year"]) for row in portfolio.rows] == [(c, y) for c, y, _ in bundled_cases()]
    assert {key: rows[key] for key in GOLDEN} == GOLDEN
    assert portfolio.failed == [] and portfolio.runs is None
    written = portfolio.write(tmp_path / "out")
    assert sorted(p.name for p in written) == ["portfolio.csv", "portfolio.html", "portfolio.xlsx"]


def test_write_outputs_from_python(rulebook, tmp_path):
    folder = jixiao.write_outputs(jixiao.check_case(SHANGHAI_2017, rulebook), tmp_path)
    assert folder == tmp_path / "shanghai-single-window" / "2017"
    assert sorted(p.name for p in folder.iterdir()) == ["findings.json", "manifest.json", "report.docx", "report.html", "report.md",
                                                          "report.xlsx", "scores.csv"]


def test_importing_jixiao_loads_no_engine_and_no_dataframes():
    code = ("import sys, jixiao\n"
            "print(sorted(m for m in ('durable', 'pandas', 'openpyxl', 'numpy', 'markdown') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
