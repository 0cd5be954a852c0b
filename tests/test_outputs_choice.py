"""`jixiao check --outputs`: which of a case's files are written (single case, a folder of cases,
a batch in worker processes); manifest.json always, listing only what was written (and itself)."""

import json

import pytest

from jixiao.cli.main import main
from jixiao.report.files import select_outputs

from conftest import FACTS, RULES, SHANGHAI_2017

ALL = ["findings.json", "manifest.json", "report.docx", "report.html", "report.md", "report.xlsx", "scores.csv"]


def files(folder):
    return sorted(p.name for p in folder.iterdir())


def listed(folder):
    return sorted(json.loads((folder / "manifest.json").read_text(encoding="utf-8"))["files"])


def check(capsys, *args):
    code = main(["check", *map(str, args), "--rules", str(RULES)])
    capsys.readouterr()
    return code


@pytest.mark.parametrize("choice, expected", [
    ("md,json", ["findings.json", "manifest.json", "report.md"]),
    ("xlsx", ["manifest.json", "report.xlsx"]),
    ("docx,html,scores", ["manifest.json", "report.docx", "report.html", "scores.csv"]),
    ("csv, MD", ["manifest.json", "report.md", "scores.csv"]),
])
def test_a_single_case_writes_exactly_the_chosen_files(capsys, tmp_path, choice, expected):
    assert check(capsys, SHANGHAI_2017, "--out", tmp_path, "--outputs", choice) == 0
    folder = tmp_path / "shanghai-single-window" / "2017"
    assert files(folder) == expected
    assert listed(folder) == expected


def test_without_outputs_every_file_is_written(capsys, tmp_path):
    assert check(capsys, SHANGHAI_2017, "--out", tmp_path) == 0
    assert files(tmp_path / "shanghai-single-window" / "2017") == ALL


def test_a_narrower_choice_replaces_the_previous_full_set(capsys, tmp_path):
    assert check(capsys, SHANGHAI_2017, "--out", tmp_path) == 0
    assert check(capsys, SHANGHAI_2017, "--out", tmp_path, "--outputs", "json") == 0
    assert files(tmp_path / "shanghai-single-window" / "2017") == ["findings.json", "manifest.json"]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_folder_of_cases_and_a_batch_write_the_chosen_files_for_each_case(capsys, tmp_path, jobs):
    check(capsys, FACTS, "--out", tmp_path, "--outputs", "md,json", "--jobs", jobs)
    cases = sorted(p.parent for p in tmp_path.glob("*/*/manifest.json"))
    assert len(cases) >= 3
    for folder in cases:
        assert files(folder) == ["findings.json", "manifest.json", "report.md"], folder
        assert listed(folder) == ["findings.json", "manifest.json", "report.md"]


def test_an_unknown_output_is_refused_with_the_allowed_names_and_the_closest(capsys, tmp_path):
    with pytest.raises(SystemExit) as exit:
        main(["check", str(SHANGHAI_2017), "--out", str(tmp_path), "--outputs", "md,htlm", "--rules", str(RULES)])
    assert exit.value.code == 2
    err = capsys.readouterr().err
    assert ("argument --outputs: unknown output 'htlm' / 未知的输出文件类型 'htlm'; allowed / 可选: md, markdown, "
            "html, xlsx, docx, json, findings, scores, csv; did you mean 'html'? / 是否为 'html'？") in err
    assert list(tmp_path.iterdir()) == []


def test_select_outputs_orders_as_written_and_refuses_nothing_named():
    assert select_outputs("xlsx,md,csv,json") == ("json", "scores", "markdown", "xlsx")
    with pytest.raises(ValueError, match="no output named"):
        select_outputs(" , ")
    with pytest.raises(ValueError) as error:
        select_outputs("pdf")
    assert "did you mean" not in str(error.value)
