"""What `jixiao new case` and `jixiao next-year` say (jixiao.authoring.case_files), in Chinese and
English: labels.ZH["case_files"] and labels.EN["case_files"]."""

CASE_FILES_ZH = {
    "created": "已创建 {path}",
    "new_case_next": "下一步：在 {case} 中填写项目名称（project），在 {workbook} 中填写数据，然后运行 `jixiao check {folder}`",
    "next_year_written": "已写入 {folder}（{year} 年）：",
    "next_year_copied": "  {n} 个文件仍与 {year} 年的完全相同，请逐一更新：{files}",
    "next_year_retitled": "  {file} 第 {line} 行的名称已改为 {year} 年：{text}",
    "next_year_old_line": "  {file} 第 {line} 行仍写着 {year}：{text}",
    "next_year_old_lines": "  {file}：{n} 行仍写着 {year}",
    "next_year_old_cells": "  {file}：{n} 个单元格仍写着 {year}",
    "next_year_prior": "  上年发现的问题：jixiao {year} 年检查结果中的 {n} 项发现已写入 {file}，请逐项填写整改情况（rectification）",
    "next_year_prior_none": "  上年发现的问题：jixiao {year} 年的检查没有发现，{file} 中无需填写整改情况",
}

CASE_FILES_EN = {
    "created": "created {path}",
    "new_case_next": "next: fill in the project's name (project) in {case} and the data in {workbook}; then run "
                     "`jixiao check {folder}`",
    "next_year_written": "wrote {folder} ({year}):",
    "next_year_copied": "  {n} file(s) still identical to {year}'s, to update one by one: {files}",
    "next_year_retitled": "  {file} line {line}: the title moved on to {year}: {text}",
    "next_year_old_line": "  {file} line {line} still names {year}: {text}",
    "next_year_old_lines": "  {file}: {n} line(s) still name {year}",
    "next_year_old_cells": "  {file}: {n} cell(s) still name {year}",
    "next_year_prior": "  last year's findings: the {n} finding(s) of jixiao's check of {year} written to {file}; "
                       "fill in each one's rectification",
    "next_year_prior_none": "  last year's findings: jixiao's check of {year} found none; nothing to rectify in {file}",
}
