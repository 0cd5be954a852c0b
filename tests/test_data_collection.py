"""The data-collection workbook (基础数据表, `jixiao template`) and reading what people type in
it: Chinese sheet names and headers, 是 / 否 / 部分, percentages in ratio columns (issue 16,
items 1 and 2)."""

import csv
import shutil
from decimal import Decimal

import openpyxl
import pytest

from jixiao.check.runs import check_one_case
from jixiao.cli.main import main
from jixiao.load.case_folder import load_case
from jixiao.load.titles import header_title, sheet_title
from jixiao.model.problems import InputError
from jixiao.authoring.workbook_template import scheme_tables, template_bytes

from conftest import ROOT, RULES, SHANGHAI_2017

DONGGUAN_2015 = ROOT / "facts" / "dongguan-processing-trade" / "2015"
SHANGHAI_2016 = SHANGHAI_2017.parent / "2016"


def outcome(result):
    """Everything a check concludes, apart from where each fact was read."""
    scores = result.scores
    return (scores.total, scores.grade, scores.provisional, [(s.id, s.score, s.assessed) for s in scores.rows],
            sorted((f.rule, f.indicator, f.deduction, f.text, f.fingerprint) for f in result.findings),
            sorted((n.check, n.table, n.message) for n in result.integrity),
            sorted(rule.id for rule in result.cannot_assess))


@pytest.mark.parametrize("source", [SHANGHAI_2017, SHANGHAI_2016, DONGGUAN_2015], ids=lambda p: p.parent.name + p.name)
def test_the_template_filled_from_a_case_gives_exactly_its_results(tmp_path, rulebook, source):
    case = load_case(source, rulebook.schemas)
    folder = tmp_path / source.parent.name / source.name
    folder.mkdir(parents=True)
    shutil.copy(source / "case.yaml", folder / "case.yaml")
    (folder / "基础数据表.xlsx").write_bytes(template_bytes(rulebook, case.scheme, case=case))
    assert outcome(check_one_case(folder, rulebook)) == outcome(check_one_case(source, rulebook))


def test_the_round_trip_keeps_the_golden_total_through_the_command(tmp_path, capsys):
    folder = tmp_path / "shanghai-single-window" / "2017"
    folder.mkdir(parents=True)
    shutil.copy(SHANGHAI_2017 / "case.yaml", folder / "case.yaml")
    code = main(["template", "shanghai-om-subsidy", str(folder / "facts.xlsx"), "--case", str(SHANGHAI_2017),
                 "--rules", str(RULES)])
    assert code == 0 and capsys.readouterr().out == f"已写入 written: {folder / 'facts.xlsx'}\n"
    code = main(["check", str(folder), "--no-write", "--rules", str(RULES), "--format", "json"])
    out = capsys.readouterr().out
    assert code == 0 and '"total": 86.74,' in out and '"grade": "良",' in out


def test_a_scheme_built_from_methods_gets_the_sheets_its_method_instances_read(rulebook):
    """The school form names only method instances (`attainment@B2`...): the blank workbook
    used to hold the instructions sheet alone."""
    # not 系统运行与故障: its rows give only the availability metric, which no rule of the school's looks for
    assert scheme_tables(rulebook, "school-renovation") == ["observations", "outcomes", "targets"]
    workbook = openpyxl.load_workbook(__import__("io").BytesIO(template_bytes(rulebook, "school-renovation")))
    assert workbook.sheetnames == ["说明", "评价小组核查结论", "实际绩效", "绩效目标"]


def test_the_blank_template_has_a_sheet_per_table_the_scheme_reads(rulebook):
    workbook = openpyxl.load_workbook(__import__("io").BytesIO(template_bytes(rulebook, "shanghai-om-subsidy")))
    tables = scheme_tables(rulebook, "shanghai-om-subsidy")
    assert tables == ["budget", "cost_estimates_by_subject", "disbursements", "expenditures", "funding",
                      "management_rules", "observations", "operator_disbursements", "operator_practices",
                      "operators", "outcomes", "prior_findings", "system_availability", "targets"]
    assert workbook.sheetnames == ["说明", *(sheet_title(rulebook.schemas.tables[t]) for t in tables)]
    sheet = workbook["项目单位向主运维商拨付运维补贴资金，按批次"]
    assert [c.value for c in sheet[1]] == [
        "*批次编号", "*批次", "*补贴资金所属年度", "拨付比例（比例）", "*拨付方", "*收款方", "*计划金额（万元）",
        "审计扣减（万元）", "实际拨付金额（万元）", "*应拨付日期", "实际拨付日期", "应拨付日期依据", "超额拨付", "转拨批次编号"]
    assert all(cell.value is None for row in sheet.iter_rows(min_row=2) for cell in row)  # nothing filled in
    assert sheet["I1"].comment.text == "实际拨付金额（paid_amount）\n单位：万元\n可填：数字\n示例：3064.72"
    assert sheet["M1"].comment.text.startswith("超额拨付（overpaid）\n可填：是 / 否 / 部分（从下拉列表选择）\n示例：是\n说明：")
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"M2:M501": '"是,否,部分"'}
    assert (sheet["I2"].number_format, sheet["J2"].number_format, sheet["D2"].number_format,
            sheet["A2"].number_format, sheet["C2"].number_format) == ("#,##0.00####", "yyyy-mm-dd", "0.00%", "@", "0")
    assert sheet["A1"].fill.fgColor.rgb == "00FCE4D6" and sheet["D1"].fill.fgColor.rgb == "00DDEBF7"  # required marked
    guide = [row[0] for row in workbook["说明"].iter_rows(values_only=True)]
    assert "5. 比例（单位为“比例”的列）填 0 到 1 之间的小数，或百分数（如 99.83%）。" in guide
    budget = next(r for r in workbook["说明"].iter_rows(values_only=True) if r[0] == "预算构成")
    assert budget[2:4] == ("budget", "序号、资金分类、类别、预算金额")


def test_kind_allowed_values_are_a_drop_down_list(rulebook):
    workbook = openpyxl.load_workbook(__import__("io").BytesIO(template_bytes(rulebook, "shanghai-om-subsidy")))
    sheet = workbook["预算构成"]
    lists = {str(v.sqref): v.formula1 for v in sheet.data_validations.dataValidation}
    assert lists == {"C2:C501": '"补贴资金批次,费用,硬件,软件,其他"'}  # the words people type (issue 16 review)


def test_a_scheme_may_be_named_by_its_file(tmp_path):
    """A user with rules/schemes/school-renovation.yaml open types its path: the same workbook
    as by its id (it was 'no such scheme')."""
    by_path, by_id = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    assert main(["template", str(RULES / "schemes" / "school-renovation.yaml"), str(by_path), "--rules", str(RULES)]) == 0
    assert main(["template", "school-renovation", str(by_id), "--rules", str(RULES)]) == 0
    assert openpyxl.load_workbook(by_path).sheetnames == openpyxl.load_workbook(by_id).sheetnames == [
        "说明", "评价小组核查结论", "实际绩效", "绩效目标"]


def test_the_template_never_overwrites_a_file_nor_writes_into_the_case(tmp_path, capsys):
    existing = tmp_path / "filled.xlsx"
    existing.write_bytes(b"someone's work")
    assert main(["template", "shanghai-om-subsidy", str(existing), "--rules", str(RULES)]) == 2
    assert existing.read_bytes() == b"someone's work"
    assert "the file exists: jixiao does not overwrite it" in capsys.readouterr().err
    case = tmp_path / "case"
    shutil.copytree(SHANGHAI_2017, case)
    assert main(["template", "shanghai-om-subsidy", str(case / "facts.xlsx"), "--case", str(case),
                 "--rules", str(RULES)]) == 2
    assert not (case / "facts.xlsx").exists()
    assert main(["template", "no-such-scheme", str(tmp_path / "x.xlsx"), "--rules", str(RULES)]) == 2
    assert "no such scheme" in capsys.readouterr().err and not (tmp_path / "x.xlsx").exists()


# ---------------------------------------------------------------- reading what people type

def _titles_workbook(folder, rulebook, tables, header=lambda column: column.title, sheet=sheet_title, edit=None):
    """Move `tables` of a case folder from CSV into one workbook, named and headed as people do."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        schema = rulebook.schemas.tables[table]
        with open(folder / f"{table}.csv", encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
        (folder / f"{table}.csv").unlink()
        ws = workbook.create_sheet(sheet(schema))
        ws.append([header(schema.columns[c]) for c in rows[0]])
        for row in rows[1:]:
            ws.append([(edit(table, rows[0][i], v) if edit else v) for i, v in enumerate(row)])
    workbook.save(folder / "facts.xlsx")


def test_chinese_sheet_names_and_headers_give_the_same_result(case_copy, rulebook, golden):
    """The issue's workbook: sheets named by title, headers the schema's titles: the golden result."""
    _titles_workbook(case_copy, rulebook, ["disbursements", "operators", "staffing_plans"])
    assert outcome(check_one_case(case_copy, rulebook)) == outcome(check_one_case(SHANGHAI_2017, rulebook))


def test_headers_with_units_and_marks_codes_and_full_titles_are_read(case_copy, rulebook):
    _titles_workbook(case_copy, rulebook, ["disbursements"], header=header_title, sheet=lambda s: s.name)
    budget = rulebook.schemas.tables["budget"]
    (case_copy / "budget.csv").rename(case_copy / f"{budget.title}.csv")  # a file named by the table's full title
    assert outcome(check_one_case(case_copy, rulebook)) == outcome(check_one_case(SHANGHAI_2017, rulebook))


def test_a_workbook_collected_under_a_table_s_former_title_is_still_read(case_copy, rulebook):
    """disbursements was titled 市口岸办向主运维商拨付运维补贴资金，按批次 (one unit's name, where the
    next project's is another): workbooks filled in then name their sheet so, a CSV its full title."""
    assert rulebook.schemas.tables["disbursements"].former_titles == ("市口岸办向主运维商拨付运维补贴资金，按批次",)
    assert sheet_title(rulebook.schemas.tables["disbursements"]) == "项目单位向主运维商拨付运维补贴资金，按批次"
    _titles_workbook(case_copy, rulebook, ["disbursements"], sheet=lambda s: "市口岸办向主运维商拨付运维补贴资金，按批次")
    budget = rulebook.schemas.tables["budget"]
    (case_copy / "budget.csv").rename(case_copy / f"{budget.title}.csv")
    assert outcome(check_one_case(case_copy, rulebook)) == outcome(check_one_case(SHANGHAI_2017, rulebook))


def test_a_former_title_that_is_not_a_list_of_texts_is_refused(tmp_path):
    from jixiao.load.table_schemas import load_catalog
    (tmp_path / "things.yaml").write_text("table: things\ntitle: 事项\nformer_titles: 旧名\n"
                                          "columns:\n  name: {type: text}\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_catalog(tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        f"{tmp_path / 'things.yaml'}:3 [former_titles]: former_titles must be a list of texts: the titles the "
        "table had before; found '旧名'"]


def test_a_former_title_that_names_another_table_now_is_refused(tmp_path):
    from jixiao.load.table_schemas import load_catalog
    (tmp_path / "things.yaml").write_text("table: things\ntitle: 事项（新）\nformer_titles: [物品]\n"
                                          "columns:\n  name: {type: text}\n", encoding="utf-8")
    (tmp_path / "goods.yaml").write_text("table: goods\ntitle: 物品\ncolumns:\n  name: {type: text}\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load_catalog(tmp_path)
    assert [str(p) for p in raised.value.problems] == [
        f"{tmp_path / 'things.yaml'} [former_titles]: a former title that is table goods's name now: a sheet so "
        "named would be read as goods; found '物品'"]


def test_a_mix_of_codes_and_titles_in_one_header_is_read(case_copy, rulebook, capsys):
    """Before: 29 problems — each title an unknown column, then each required one missing."""
    _titles_workbook(case_copy, rulebook, ["disbursements", "operators", "staffing_plans"],
                     header=lambda c: c.name if c.name in ("tranche", "no", "operator") else c.title, sheet=lambda s: s.name)
    assert main(["check", str(case_copy), "--no-write", "--rules", str(RULES)]) == 0
    assert "总分 total: 86.74 / 100" in capsys.readouterr().out


def test_a_misspelt_title_is_one_problem_with_no_knock_on(case_copy, rulebook, capsys):
    _titles_workbook(case_copy, rulebook, ["disbursements"],
                     header=lambda c: "应拨付日" if c.name == "due_date" else c.title)
    assert main(["check", str(case_copy), "--no-write", "--rules", str(RULES), "--lang", "en"]) == 2
    problems = [line.strip() for line in capsys.readouterr().err.splitlines() if line.startswith("  ")]
    assert problems == ["facts.xlsx[项目单位向主运维商拨付运维补贴资金，按批次]!J1 [应拨付日]: unknown column in the "
                        "header (did you mean '应拨付日期'?); allowed: " + ", ".join(
                            rulebook.schemas.tables["disbursements"].columns)]


def test_chinese_answers_and_percentages_in_ratio_columns(case_copy, rulebook):
    def typed(table, column, value):
        if column == "share" and value:
            return f"{Decimal(value) * 100}%"  # 0.4 typed as 40%
        if column in ("separate_account", "maintenance_records_kept"):
            return {"yes": "是", "no": "否", "partial": "部分"}.get(value, value)
        return value
    _titles_workbook(case_copy, rulebook, ["disbursements", "operator_practices", "budget"], edit=typed)
    assert outcome(check_one_case(case_copy, rulebook)) == outcome(check_one_case(SHANGHAI_2017, rulebook))
    shares = [f.values["share"] for f in load_case(case_copy, rulebook.schemas).tables["disbursements"]]
    assert shares == [Decimal("0.2"), Decimal("0.4"), Decimal("0.4")]


@pytest.mark.parametrize("typed, read", [("99.83%", Decimal("0.9983")), ("40 %", Decimal("0.4")),
                                         ("40％", Decimal("0.4")), ("0.9983", Decimal("0.9983"))])
def test_a_percentage_in_a_ratio_column(typed, read):
    from jixiao.load.cells import parser
    from jixiao.model.tables import Column
    assert parser(Column("share", "number", unit="比例"))(typed) == read


@pytest.mark.parametrize("typed, read", [("1,234.5", Decimal("1234.5")), ("16,104.72", Decimal("16104.72")),
                                         ("1234", Decimal("1234"))])
def test_thousands_separators_only_as_thousands_separators(typed, read):
    from jixiao.load.cells import parser
    from jixiao.model.tables import Column
    assert parser(Column("amount", "number", unit="万元"))(typed) == read


@pytest.mark.parametrize("typed, message", [
    ("1,23", "a comma that is not a thousands separator"), ("1,2345", "a comma that is not a thousands separator"),
    ("40%", "a percentage in a column that is not a ratio")])
def test_what_is_not_a_number_of_the_column(typed, message):
    from jixiao.load.cells import ValueProblem, parser
    from jixiao.model.tables import Column
    with pytest.raises(ValueProblem) as caught:
        parser(Column("amount", "number", unit="万元"))(typed)
    assert str(caught.value).startswith(message)


def test_an_outcome_in_a_ratio_row_may_be_a_percentage(case_copy, rulebook):
    path = case_copy / "outcomes.yaml"
    text = path.read_text(encoding="utf-8")
    assert "  value: 0.9015\n" in text
    path.write_text(text.replace("  value: 0.9015\n", "  value: 90.15%\n"), encoding="utf-8")
    assert outcome(check_one_case(case_copy, rulebook)) == outcome(check_one_case(SHANGHAI_2017, rulebook))


@pytest.mark.parametrize("typed, read", [("是", "yes"), ("否", "no"), ("部分", "partial"), ("Yes", "yes")])
def test_answers_in_chinese(typed, read):
    from jixiao.load.cells import parser
    from jixiao.model.tables import Column
    assert parser(Column("answer", "answer"))(typed) == read


def test_not_applicable_is_refused_where_the_answer_type_lacks_it():
    from jixiao.load.cells import ValueProblem, parser
    from jixiao.model.tables import Column
    with pytest.raises(ValueProblem) as caught:
        parser(Column("answer", "answer"))("不适用")
    assert (caught.value.allowed, caught.value.allowed_zh) == ("yes, no, partial (是, 否, 部分)", "是、否、部分（yes, no, partial）")


# ---------------------------------------------------------------- messages in Chinese (the default)

def _problems(err):
    return [line.strip() for line in err.splitlines() if line.startswith("  ")]


def test_input_errors_are_in_chinese_by_default_and_english_with_lang_en(case_copy, capsys, monkeypatch):
    monkeypatch.delenv("JIXIAO_LANG")
    rows = (case_copy / "disbursements.csv").read_text(encoding="utf-8").replace(",6520,,6520,", ",6520,,65x20,", 1)
    (case_copy / "disbursements.csv").write_text(rows, encoding="utf-8")
    practices = (case_copy / "operator_practices.csv").read_text(encoding="utf-8")
    (case_copy / "operator_practices.csv").write_text(practices.replace(",yes,", ",也许,", 1), encoding="utf-8")
    assert main(["check", str(case_copy), "--no-write", "--rules", str(RULES)]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "jixiao: 输入中有 2 个问题，未做任何处理："
    assert _problems(err) == [
        "disbursements.csv:3 [实际拨付金额（paid_amount，万元）]：应为数字；填写的是 '65x20'；可填：数字，如 3064.72",
        "operator_practices.csv:2 [是否对补贴资金支出专账核算（或设辅助账）（separate_account）]：不是可填的回答；"
        "填写的是 '也许'；可填：是、否、部分（yes, no, partial）"]
    assert main(["check", str(case_copy), "--no-write", "--rules", str(RULES), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.splitlines()[0] == "jixiao: 2 problems in the input; nothing was done:"
    assert _problems(err)[0] == ("disbursements.csv:3 [实际拨付金额（paid_amount，万元）]: number expected; "
                                 "found '65x20'; allowed: a number, e.g. 3064.72")


def test_a_sheet_named_like_no_table_is_named_in_chinese(case_copy, rulebook, capsys):
    _titles_workbook(case_copy, rulebook, ["disbursements", "operators"],
                     sheet=lambda s: "拨付批次" if s.name == "disbursements" else sheet_title(s))
    assert main(["check", str(case_copy), "--no-write", "--rules", str(RULES), "--lang", "zh"]) == 2
    problems = _problems(capsys.readouterr().err)
    assert len(problems) == 1 and problems[0].startswith(
        "facts.xlsx[拨付批次]：无法识别的基础数据表“拨付批次”（是否应为“项目单位向主运维商拨付运维补贴资金，按批次（disbursements）”？）；可填：评价组对指标得分的调整（adjustments）、运维补贴资金分配（allocations）、")


# ---------------------------------------------------------------- command-line conventions

def test_output_fail_on_and_quiet(capsys):
    args = ["check", str(DONGGUAN_2015), "--no-write", "--rules", str(RULES)]
    assert main([*args, "-o", "json"]) == 0
    assert capsys.readouterr().out.startswith('{\n  "case": "dongguan-processing-trade",')
    assert main([*args, "--output", "json", "--fail-on", "deduction", "-q"]) == 3
    assert capsys.readouterr().out == ""
    assert main([*args, "--fail-on", "integrity", "-q"]) == 0  # Dongguan has no integrity note
    assert main(["check", str(SHANGHAI_2017), "--no-write", "--rules", str(RULES), "--fail-on", "integrity", "-q"]) == 3
    assert capsys.readouterr().out == ""


def test_check_help_shows_an_example(capsys):
    with pytest.raises(SystemExit):
        main(["check", "--help"])
    assert "examples:\n  jixiao check facts/shanghai-single-window/2017\n" in capsys.readouterr().out


def test_a_comment_shows_a_column_s_description_only_in_the_language_it_is_written_in(rulebook):
    """An English note that quotes a Chinese word (限定词: “e.g. 超过 when the report gives a lower
    bound”) is not shown to a Chinese user; a Chinese one is; English users see both."""
    import io
    zh = openpyxl.load_workbook(io.BytesIO(template_bytes(rulebook, "shanghai-om-subsidy")))
    outcomes = zh[sheet_title(rulebook.schemas.tables["outcomes"])]
    qualifier = next(c for c in outcomes[1] if c.value.lstrip("*").startswith("限定词"))
    assert "when the report" not in qualifier.comment.text and "说明" not in qualifier.comment.text
    disbursements = zh["项目单位向主运维商拨付运维补贴资金，按批次"]
    assert "\n说明：" in disbursements["M1"].comment.text  # a Chinese description stays
    en = openpyxl.load_workbook(io.BytesIO(template_bytes(rulebook, "shanghai-om-subsidy", lang="en")))
    qualifier = next(c for c in en[sheet_title(rulebook.schemas.tables["outcomes"])][1]
                     if "qualifier" in (c.comment.text if c.comment else ""))
    assert "e.g. 超过 when the report gives a lower bound" in qualifier.comment.text
