"""The command line's --help text that carries Chinese: English with the Chinese term users know
beside it (argparse prints --help while it parses, before --lang is read, so it has no language
to choose). The examples in --help may name Chinese files and schemes: they are example input,
written as a user types them (tests/test_message_registry.py lists them)."""

from __future__ import annotations

HELP = {
    "description": "财政项目支出绩效评价 rules-as-code checker",
    "explain": "the working paper (指标工作底稿) of a case",
    "template": "write the data-collection workbook (基础数据表) for a scheme",
    "new_case": "a case folder: case.yaml and the data-collection workbook (基础数据表.xlsx)",
    "synth_forms": "how many self-evaluation forms (项目支出绩效自评表, .xlsx); the slips planted in each are listed "
                   "in OUT_DIR/slips.csv",
}
