"""The words of a target-setting form's reports (绩效目标表: reviewed, nothing scored) where a scored
case's say 权重, 得分, 扣分: each replaces the label of the same key (report/labels.py,
docx_labels.py) for such a case, so that no heading or sentence of its report speaks of a score,
a weight or a deduction it does not have. `for_result` gives a result's labels."""

from __future__ import annotations

from .common import is_target_setting

REVIEW_ZH = {
    # report.md / .html: the working paper's last line, the summary's prose, the provenance annex
    "working": "审核结论", "wp_unscored": "本表不计分，审核意见说明需要更正之处。",
    "prose_unscored": "审核意见不计分。",
    "provenance_intro": "本报告的审核意见依据评价方案 `{scheme}` 及下列规则、基础数据逐项核查得出（jixiao {version}）。",
    # report.docx: 附件 1 (the indicator system) and 附件 2 (the working papers)
    "d_system_columns": ["指标", "计分", "审核要点", "审核标准"],
    "d_paper_columns": ["指标", "核查的事实（出处）", "审核结论"],
    "d_paper_unscored": "本表不计分，审核意见说明需要更正之处。",
}

REVIEW_EN = {
    "working": "Review", "wp_unscored": "the form is not scored: the findings say what to correct.",
    "prose_unscored": "The review findings are not scored.",
    "provenance_intro": "The review findings follow from scheme `{scheme}`, the rules below and the facts, "
                        "checked indicator by indicator (jixiao {version}).",
    "d_system_columns": ["Indicator", "Scored", "Checks", "Review standard"],
    "d_paper_columns": ["Indicator", "Facts checked (where)", "Review"],
    "d_paper_unscored": "The form is not scored: the findings say what to correct.",
}

REVIEW = {"zh": REVIEW_ZH, "en": REVIEW_EN}


def for_result(result, t: dict) -> dict:
    """The labels `t` (labels.get(lang)) as `result`'s reports say them: a target-setting form's
    with the words above in place of a scored case's; any other result's as they are."""
    if not is_target_setting(result):
        return t
    return {**t, **REVIEW[t["lang"]]}
