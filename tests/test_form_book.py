"""jixiao.load.form_book reads a form's cells as openpyxl does (values, their types, number
formats, merged ranges), from the package's XML directly: the bundled forms, a sheet with the
kinds of cell Excel writes (percentages, dates, booleans, error values), and the same sheet
with its strings shared, as Excel saves them (openpyxl writes them inline)."""

from __future__ import annotations

import datetime
import io
import re
import zipfile

import openpyxl
import pytest

from jixiao.load.form_book import read_book
from jixiao.load.form_cells import _with_openpyxl

from conftest import FACTS

BUNDLED = sorted(FACTS.glob("form-*/*/form.xlsx"))


def seen(book) -> list:
    return [(s.title, s.sheet_state, sorted(s.merged),
             [(c.row, c.column, c.coordinate, c.value, type(c.value).__name__, c.data_type if c.data_type != "s" else "s",
               c.number_format) for c in s.cells]) for s in book]


def kinds_of_cells() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "自评表"
    sheet["A1"] = "项目支出绩效自评表"
    sheet.merge_cells("A1:D1")
    sheet["A2"], sheet["B2"], sheet["C2"], sheet["D2"] = 0.9753, 12, 3.5, True
    sheet["B2"].number_format = "0"
    sheet["A2"].number_format = "0.00%"
    sheet["A3"] = datetime.datetime(2023, 11, 30)
    sheet["B3"] = "#N/A"
    sheet["C3"] = "≥95%"
    sheet.append(["=1+1"])
    hidden = workbook.create_sheet("旧表")
    hidden.sheet_state = "hidden"
    hidden["A1"] = "x"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def shared(package: bytes) -> bytes:
    """The package with its inline strings moved to sharedStrings.xml, as Excel writes them."""
    source = zipfile.ZipFile(io.BytesIO(package))
    strings: list[str] = []

    def share(match):
        strings.append(match.group(2))
        return f'{match.group(1)} t="s"><v>{len(strings) - 1}</v></c>'

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name.startswith("xl/worksheets/"):
                data = re.sub(r'(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="inlineStr"><is><t>(.*?)</t></is></c>',
                              share, data.decode()).encode()
            elif name == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Type="http://schemas.openxmlformats.org/'
                                    b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml" '
                                    b'Id="rId99"/></Relationships>')
            elif name == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
            target.writestr(name, data)
        target.writestr("xl/sharedStrings.xml", '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                        'main">' + "".join(f"<si><t>{s}</t></si>" for s in strings) + "</sst>")
    return out.getvalue()


@pytest.mark.parametrize("path", BUNDLED, ids=[p.parent.parent.name for p in BUNDLED])
def test_the_bundled_forms_read_as_openpyxl_reads_them(path):
    raw = path.read_bytes()
    assert seen(read_book(raw)) == seen(_with_openpyxl(raw))


def test_cells_of_every_kind_read_as_openpyxl_reads_them():
    raw = kinds_of_cells()
    ours = read_book(raw)
    assert seen(ours) == seen(_with_openpyxl(raw))
    assert [(c.coordinate, c.value, c.data_type) for c in ours[0].cells] == [
        ("A1", "项目支出绩效自评表", "s"), ("A2", 0.9753, "n"), ("B2", 12, "n"), ("C2", 3.5, "n"), ("D2", True, "b"),
        ("A3", datetime.datetime(2023, 11, 30), "d"), ("B3", "#N/A", "e"), ("C3", "≥95%", "s"),
        ("A4", "=1+1", "s")]  # A4: a formula without a stored value, read as typed (never as a blank)
    assert [(s.title, s.sheet_state) for s in ours] == [("自评表", "visible"), ("旧表", "hidden")]


def test_shared_strings_read_as_openpyxl_reads_them():
    raw = shared(kinds_of_cells())
    assert b"sharedStrings" in raw and b"inlineStr" not in zipfile.ZipFile(io.BytesIO(raw)).read(
        "xl/worksheets/sheet1.xml")
    assert seen(read_book(raw)) == seen(_with_openpyxl(raw))
    assert read_book(raw)[0].cells[0].value == "项目支出绩效自评表"


def test_what_is_no_workbook_is_left_to_the_ordinary_reader():
    assert read_book(b"PK\x03\x04 not really") is None
    assert read_book("预算,执行\n".encode()) is None
