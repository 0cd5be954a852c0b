"""The labels of `jixiao explain`'s working paper (report/explain.py), Chinese and English with
the same keys and parameters; labels.get(lang)["paper"] gives a language's. The lines the
working paper shares with the report's annex (a leaf's working, a fact's place) are the
labels' wp_ pairs (labels.ZH / labels.EN), written once for both."""

from __future__ import annotations

PAPER_ZH = {
    "paper": "指标工作底稿 — {case} {year}，评价方案 {scheme}",
    "paper_leaf": "{id} {name}  权重 {weight} → 得分 {score}",
    "paper_gap": "规则缺口：{gap}", "paper_rule": "规则 {id}：{title}",
    "paper_source": "依据：{citation}", "paper_in_force": "有效期：{start} – {end}",
    "paper_condition": "条件（{table}）：{source}",
    "paper_joined_condition": "条件 — 多表联合（按相同取值连接各表的行）：",
    "paper_any_row": "（任一行）", "paper_own_table": "（本规则的事实）",
    "paper_alias_absent": "{alias}：{table} 中没有一行{where}，按下列连接",
    "paper_alias": "{alias}：{table} 的一行{where}{own}", "paper_join": "连接：{join}",
    "paper_joined": "联合匹配：{n}", "paper_params": "参数（{year}）：{values}",
    "paper_period": "仅适用于 {column} 在 {period} 内的事实（{year} 年内的部分有效期）",
    "paper_fired": {"one": "触发：{count} 条事实中 {n} 条", "other": "触发：{count} 条事实中 {n} 条"},
    "paper_not_fired": {"one": "未触发：{count} 条事实中 {n} 条", "other": "未触发：{count} 条事实中 {n} 条"},
    "paper_implausible": "无法评价：读取的事实不可信",
    "paper_cannot": "无法评价：没有事实满足 requires：{needed}",
    "paper_request": "请提供：{request}",
    "paper_outside": "  （不在有效期内）", "paper_more": {"one": "… 另有 {n} 条事实", "other": "… 另有 {n} 条事实"},
    "paper_deduction": "扣分：{working}", "paper_score": "得分：{working}",
    "paper_total": "总分：{note}", "paper_waiver": "豁免：{waiver}",
    "paper_target": "绩效目标表审核：不计分，无总分和等级（表中只有指标值和分值，没有实际完成值）",
    "paper_target_leaf": "{id} {name}",
    "paper_where": "（条件 {where}）",
}

PAPER_EN = {
    "paper": "working paper — {case} {year}, scheme {scheme}",
    "paper_leaf": "{id} {name}  weight {weight} → score {score}",
    "paper_gap": "gap in the rule set: {gap}", "paper_rule": "rule {id}: {title}",
    "paper_source": "source: {citation}", "paper_in_force": "in force: {start} – {end}",
    "paper_condition": "condition ({table}): {source}",
    "paper_joined_condition": "condition — rows of several tables, joined on equal values:",
    "paper_any_row": " (any row)", "paper_own_table": " (the rule's own table)",
    "paper_alias_absent": "{alias}: no row of {table}{where}, joined as below",
    "paper_alias": "{alias}: a row of {table}{where}{own}", "paper_join": "join: {join}",
    "paper_joined": "joined matches: {n}", "paper_params": "params ({year}): {values}",
    "paper_period": "judges only facts with {column} in {period} (in force for part of {year})",
    "paper_fired": {"one": "fired: {n} of {count} fact", "other": "fired: {n} of {count} facts"},
    "paper_not_fired": {"one": "did not fire: {n} of {count} fact", "other": "did not fire: {n} of {count} facts"},
    "paper_implausible": "cannot assess: it reads facts that cannot be true",
    "paper_cannot": "cannot assess: no fact satisfies requires: {needed}",
    "paper_request": "evidence to request: {request}",
    "paper_outside": "  (outside the rule's period)",
    "paper_more": {"one": "… {n} more fact", "other": "… {n} more facts"},
    "paper_deduction": "deduction: {working}", "paper_score": "score: {working}",
    "paper_total": "total: {note}", "paper_waiver": "waiver: {waiver}",
    "paper_target": "target-setting review: not scored, no total and no grade (the form holds targets and weights, "
                    "no actual values)",
    "paper_target_leaf": "{id} {name}",
    "paper_where": " where {where}",
}
