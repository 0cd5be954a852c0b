"""A self-evaluation form's rows and columns hidden in Excel / WPS: a printed or published form
shows none of them, and a row hidden rather than deleted may be a template's leftover or a row
that counts. Those holding values are refused naming the sheet, the rows or the column and
what they hold, as a fact workbook's are; a hidden row or column left empty is no matter."""

from __future__ import annotations

import io
import shutil

import openpyxl
import pytest

from jixiao.check.case import check_case
from jixiao.cli.main import main
from jixiao.load.form_cells import _with_openpyxl
from jixiao.load.form_book import read_book
from jixiao.model.problems import InputError

from conftest import FACTS, RULES

YONGDE = FACTS / "form-yongde-nutrition" / "2022"


def _yongde(tmp_path, edit):
    folder = tmp_path / "yongde" / "2022"
    shutil.copytree(YONGDE, folder)
    book = openpyxl.load_workbook(folder / "form.xlsx")
    edit(book["自评表"])
    book.save(folder / "form.xlsx")
    return folder


def _problems(folder, rulebook) -> list[str]:
    with pytest.raises(InputError) as raised:
        check_case(folder, rulebook)
    return [p.render("zh") for p in raised.value.problems]


def test_a_hidden_indicator_row_is_refused_naming_it(tmp_path, rulebook):
    """Row 20 (生态效益指标) of 永德's form hidden: before, read and scored as if shown."""
    def hide(ws):
        ws.row_dimensions[20].hidden = True
    assert _problems(_yongde(tmp_path, hide), rulebook) == [
        "form.xlsx[自评表]:20：隐藏行：第 20 行有表中看不到的值，jixiao 会读取它们；填写的是 ['生态效益指标']；"
        "可填：清除筛选或取消隐藏后核对这些行，保留或删除"]


def test_hidden_rows_and_a_hidden_column_are_each_said(tmp_path, rulebook):
    def hide(ws):
        for row in (22, 23):
            ws.row_dimensions[row].hidden = True
        ws.column_dimensions["H"].hidden = True
    said = _problems(_yongde(tmp_path, hide), rulebook)
    assert said[0].startswith("form.xlsx[自评表]:22：隐藏行：第 22–23 行有表中看不到的值")
    assert said[1].startswith("form.xlsx[自评表]!H:H：隐藏列：该列有表中看不到的值，jixiao 会读取它们；填写的是 ['得分', '10'")
    assert len(said) == 2


def test_a_hidden_row_or_column_left_empty_is_read_as_the_form(tmp_path, rulebook):
    def hide(ws):
        ws.row_dimensions[40].hidden = True
        ws.column_dimensions["Z"].hidden = True
    assert check_case(_yongde(tmp_path, hide), rulebook).scores.total == check_case(YONGDE, rulebook).scores.total


def test_both_readers_see_what_is_hidden(tmp_path):
    """jixiao.load.form_book reads the package's XML; openpyxl is the fallback for a package it does
    not understand: both give the same hidden rows and columns."""
    book = openpyxl.load_workbook(YONGDE / "form.xlsx")
    ws = book["自评表"]
    ws.row_dimensions[20].hidden = True
    ws.column_dimensions.group("H", "I", hidden=True)
    buffer = io.BytesIO()
    book.save(buffer)
    for sheets in (read_book(buffer.getvalue()), _with_openpyxl(buffer.getvalue())):
        sheet = next(s for s in sheets if s.title == "自评表")
        assert (sheet.hidden_rows, sheet.hidden_columns) == ({20}, {8, 9})


def test_the_command_exits_2_without_a_traceback(tmp_path, capsys):
    def hide(ws):
        ws.row_dimensions[20].hidden = True
    assert main(["check", str(_yongde(tmp_path, hide)), "--no-write", "--rules", str(RULES)]) == 2
    err = capsys.readouterr().err
    assert "form.xlsx[自评表]:20: hidden rows: row 20 holds values the sheet does not show" in err
    assert "Traceback" not in err
