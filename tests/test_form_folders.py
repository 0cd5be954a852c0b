"""Folders of self-evaluation forms (issue 14 items 1 and 5): a case folder holding several forms
(one per project) is checked as one case per form, and a batch over a folder of synthesized
forms gives the portfolio with self-reported and recomputed totals, the gap, findings per kind
and the overview of the largest gaps."""

from __future__ import annotations

import csv
import io
import shutil
from decimal import Decimal as D

import openpyxl
import pytest

from jixiao import check_path
from jixiao.authoring.form_synth import synth_forms
from jixiao.cli.main import main
from jixiao.report.labels import get

from conftest import FACTS

L = get("en")["portfolio"]  # the batch below runs with --lang en
YONGDE = FACTS / "form-yongde-nutrition" / "2022"
TIANCHANG = FACTS / "form-tianchang-flood-drought" / "2022"


@pytest.fixture
def two_forms(tmp_path):
    """The Yongde folder (case.yaml and form.xlsx) with the Tianchang form beside it as 天长.xlsx."""
    folder = tmp_path / "in" / "county" / "2022"
    shutil.copytree(YONGDE, folder)
    shutil.copy(TIANCHANG / "form.xlsx", folder / "天长.xlsx")
    return folder


def test_a_folder_of_two_forms_is_two_cases_each_as_it_is_alone(two_forms, rulebook):
    checked = check_path(two_forms, rulebook)
    assert checked.mode == "cases"
    results = [run.result for run in checked.runs]
    assert [(r.case.case, r.case.year, r.case.meta["project"]) for r in results] == [
        ("form-yongde-nutrition-form", 2022, "义务教育营养改善计划专项资金"),
        ("form-yongde-nutrition-天长", 2022, "水旱灾害防御经费")]
    assert [(r.scores.total, r.scores.provisional) for r in results] == [(D("89.8"), True), (D(40), True)]
    assert [f.rule for f in results[0].findings] == ["attainment@C2", "form-missed-target-no-reason",
                                                     "form-score-follows-target", "form-score-follows-target",
                                                     "form-unmeasurable-target"]
    assert [f.rule for f in results[1].findings] == ["form-indicator-misfiled"] * 2 \
        + ["form-target-without-direction"] * 3 + ["form-template-rows"] + ["form-unmeasurable-target"] * 6
    assert [r.case.files["form_header"] for r in results] == ["form.xlsx[自评表]", "天长.xlsx[自评表]"]


def test_each_form_of_the_folder_writes_its_own_results(two_forms, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["check", str(two_forms), "--out", str(out), "-q"]) == 0
    assert sorted(p.relative_to(out).as_posix() for p in out.glob("*/*")) == [
        "form-yongde-nutrition-form/2022", "form-yongde-nutrition-天长/2022"]


def test_one_form_of_the_folder_is_checked_by_its_path(two_forms, rulebook):
    checked = check_path(two_forms / "天长.xlsx", rulebook)
    assert checked.mode == "case"
    [run] = checked.runs
    assert (run.result.case.case, run.result.scores.total) == ("form-yongde-nutrition-天长", D(40))


def test_a_batch_of_folders_of_forms(two_forms, tmp_path, capsys):
    shutil.copytree(FACTS / "form-jishan-medical-insurance", two_forms.parent.parent / "jishan")
    out = tmp_path / "out"
    assert main(["check", str(two_forms.parent.parent), "--jobs", "2", "--summary-only", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO((out / "portfolio.csv").read_text(encoding="utf-8-sig"))))
    assert [(r["case"], r["self_reported"], r["recomputed"], r["gap"], r["kind:form-unmeasurable-target"])
            for r in rows] == [("form-yongde-nutrition-form", "96.00", "", "", "1"),
                               ("form-yongde-nutrition-天长", "100.00", "", "", "6"),
                               ("form-jishan-medical-insurance", "94.00", "99.77", "-5.77", "0")]


def test_a_batch_over_synthesized_forms_gives_gaps_and_findings_per_kind(tmp_path, capsys):
    forms = tmp_path / "forms"
    planted = synth_forms(forms, 6, seed=21, per_folder=2)
    out = tmp_path / "out"
    assert main(["check", str(forms), "--jobs", "2", "--summary-only", "--out", str(out), "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = list(csv.DictReader(io.StringIO((out / "portfolio.csv").read_text(encoding="utf-8-sig"))))
    assert [r["case"] for r in rows] == [f"{p['folder'].split('/')[0]}-{p['form']}" for p in planted]
    for row, slips in zip(rows, planted):  # findings per kind: exactly the slips planted
        assert {k.removeprefix("kind:") for k, v in row.items() if k.startswith("kind:") and v != "0"} == \
            set(filter(None, slips["rules"].split(";")))
    assert [(r["self_reported"], r["recomputed"], r["gap"]) for r in rows] == [
        ("97.77", "97.77", "0.00"), ("99.84", "99.84", "0.00"), ("95.28", "98.28", "-3.00"),
        ("95.64", "96.64", "-1.00"), ("99.90", "99.88", "0.02"), ("99.19", "99.19", "0.00")]
    # form-00005's benefit row reads “/” but was given points: dropped as 不适用 and the total
    # rescaled (财预〔2020〕10号), not left 无法评价 (tests/test_form_review_faults.py)
    assert [line for line in lines if line.startswith(("self-evaluation forms", "forms with"))] == [
        "forms with findings (self-evaluation, target-setting), by kind: form-score-follows-target 2 (2), "
        "form-actual-copied-from-target 1 (1), form-instructions-left 1 (1), form-not-applicable-scored 1 (1), "
        "form-outputs-met-funds-unspent 1 (1), form-year-elsewhere 1 (1)",
        "self-evaluation forms, largest gaps (self-reported − recomputed): synth-forms-00002-form-00003 2021 -3.00 "
        "(95.28 vs 98.28), synth-forms-00002-form-00004 2021 -1.00 (95.64 vs 96.64), "
        "synth-forms-00003-form-00005 2019 +0.02 (99.90 vs 99.88)"]
    book = openpyxl.load_workbook(out / "portfolio.xlsx")
    overview = [[c for c in row if c is not None] for row in book[L["sheet_overview"]].iter_rows(values_only=True)]
    at = overview.index([L["overview_sections"]["by_kind"]])
    assert overview[at + 1] == [L["overview_columns"][c] for c in ("kind", "cases_with_findings", "share", "findings")]
