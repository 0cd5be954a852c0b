"""Message templates of the evaluation team's judgement (jixiao/check/judgement.py: indicators
that do not apply, adjustments, waivers) and of adjusting a score (check/scoring.py), Chinese
and English side by side (key -> (中文, English)). Part of the one catalogue
(jixiao.model.catalogue), which gathers them.
"""

from __future__ import annotations

JUDGEMENT = {
    "judgement.meant": ("（是否应为“{name}”？）", " (did you mean '{name}'?)"),
    "judgement.not_indicator": ("不是评价方案 {scheme} 的指标{meant}", "not an indicator of scheme {scheme}{meant}"),
    "judgement.no_method": ("评价方案 {scheme} 未规定指标不适用时总分如何折算（{file}）",
                            "scheme {scheme} does not say how the total is normalised when an indicator does not "
                            "apply ({file})"),
    "judgement.no_method_allowed": ("不声明不适用，或在评价方案中写明 {methods}",
                                    "no declaration that an indicator does not apply, or {methods} in the scheme"),
    "judgement.method": ("`not_applicable: {name}`（{meaning}）", "`not_applicable: {name}` ({meaning})"),
    "judgement.or": (" 或 ", " or "),
    "judgement.all_not_applicable": ("所有指标均被声明为不适用：没有可评分的指标",
                                     "every indicator is declared not applicable: there is nothing to score"),
    "judgement.all_not_applicable_allowed": ("少于全部 {count} 个末级指标", "fewer than all {count} leaves"),
    "judgement.nothing_to_share": ("{where}适用的指标权重均为 0：{what}无从折算",
                                   "the applicable indicators {where} weigh nothing: there is nothing to normalise "
                                   "{what} over"),
    "judgement.nothing_to_share_allowed": ("在该处保留一个有权重的适用指标", "leave an indicator with weight applicable there"),
    "judgement.in_scheme": ("评价方案中", "of the scheme"),
    "judgement.under": ("{parent} 下", "under {parent}"),
    "judgement.first_level": ("一级指标中", "at the first level"),
    "judgement.the_total": ("总分", "the total"),
    "judgement.the_weight": ("权重 {weight} ", "the weight {weight}"),
    "judgement.parent": ("是上级指标：请调整其下的末级指标", "a parent: adjust one of its leaves"),
    "judgement.not_leaf": ("不是评价方案 {scheme} 的末级指标{meant}", "not a leaf of scheme {scheme}{meant}"),
    "judgement.adjust_not_applicable": ("{leaf} 已声明不适用：没有得分可调整",
                                        "{leaf} is declared not applicable: it has no score to adjust"),
    "judgement.applicable_leaf": ("适用的末级指标", "an applicable leaf"),
    "judgement.both": ("调整后得分和调整分值只能填一项", "give the adjusted score or the change to the computed score, not both"),
    "judgement.neither": ("请填写调整后得分或调整分值", "give the adjusted score (score) or the change (delta)"),
    "judgement.one_of": ("{score}、{delta}二选一", "one of {score}, {delta}"),
    "judgement.waiver_unused": ("评价方案 {scheme} 在 {year} 年未使用该规则{meant}：该豁免不起作用",
                                "scheme {scheme} uses no such rule in {year}{meant}: the waiver would waive nothing"),
    "judgement.no_waiver_rule": ("规则库中没有判断豁免是否过期的规则（读取 waiver_checks 的规则，如 "
                                 "rules/judgement/waiver-expired.yaml）：过期的豁免将无从发现",
                                 "the rule book has no rule that judges whether a waiver has lapsed (one reading "
                                 "waiver_checks, e.g. rules/judgement/waiver-expired.yaml): a lapsed waiver would go "
                                 "unseen"),
    # How a scheme normalises the total when indicators do not apply (model/schemes.py)
    "scheme.not_applicable": ("总分在指标不适用时如何折算{meant}", "how the total is normalised when an indicator does not apply{meant}"),
    "scheme.method": ("{name}（{meaning}）", "{name} ({meaning})"),
    "scheme.method.rescale": ("按百分制折算", "the total rescaled to the scheme's maximum"),
    "scheme.method.redistribute": ("权重按比例分配给同级指标", "the weight shared out among the sibling indicators pro rata"),
}

ADJUSTING = {
    "adjust.unassessed": ("该指标无法评价（资料缺失、数据不可信或没有在用的规则）：调整会在没有证据的情况下给出得分",
                          "this leaf cannot be assessed (evidence missing, facts that cannot be true, or no rule in "
                          "force): an adjustment would score it without evidence"),
    "adjust.unassessed_allowed": ("先补充资料（资料清单），再调整", "supply the evidence (the evidence to request), then adjust"),
    "adjust.precision": ("评价方案的末级指标得分保留 {places} 位小数（precision）：{leaf} 的调整超出该精度",
                         "the scheme scores leaves to {places} decimal place(s) (its precision): the adjustment of "
                         "{leaf} has more"),
    "adjust.whole": ("整数分", "whole points"),
    "adjust.places": ("至多 {places} 位小数", "at most {places} decimal place(s)"),
    "adjust.outside": ("{leaf} 调整后得分为 {final}，超出 [0, {weight}]（其权重）{computed}",
                       "the adjusted score of {leaf} would be {final}, outside [0, {weight}] (its weight){computed}"),
    "adjust.computed": ("；计算得分 {computed}", "; computed score {computed}"),
    "adjust.score_range": ("0 到 {weight} 之间的得分", "a score from 0 to {weight}"),
    "adjust.delta_range": ("{low} 到 +{high} 之间的调整分值", "a change from {low} to +{high}"),
}

RESULTS = {
    # Words of a result (model/schemes.py, check/history.py, check/findings.py): data of the
    # result, kept in Chinese in it (the grade, a fact's label) whatever the messages' language
    "grade.none": ("无法评级", "no grade"),  # nothing was assessed: no total to grade
    "history.label": ("({year} 年检查结果)", "(findings of {year})"),
    "findings.brief_more": ("{labels}等", "{labels}, …"),
    # a {case.unit} / {case.department} that case.yaml leaves out: the role's name
    "findings.case_unit": ("项目单位", "the project unit"),
    "findings.case_department": ("主管部门", "the department"),  # {labels_brief}: the first five labels, and more
}

DERIVING = {
    # Derived tables (check/derive.py) and a scheme's weights in a year (model/schemes.py)
    "derive.availability_twice": ("系统可用率重复提供：outcomes 和 system_availability 中都有；请只保留一处",
                                  "system availability is given twice: in outcomes and as system_availability "
                                  "facts; keep one"),
    "derive.availability_one": ("system_availability 只应有一条记录（全年合计），填写了 {n} 条",
                                "system_availability holds one record (the year's totals), found {n}"),
    "derive.no_derivation": ("派生表“{name}”没有对应的计算方法", "derived table '{name}' is computed by no derivation"),
    "derive.input_unknown": ("inputs 中的表不是已观测的基础数据表{meant}", "input names no observed table{meant}"),
    "scheme.no_weight": ("检查年度没有权重：最早的权重自 {first} 起", "no weight for the check year: the first is from {first}"),
    "scheme.weight_from": ("{year} 年或以后", "{year} or later"),
}

# What to provide or correct for a form's row that cannot be scored (report/form_requests.py)
FORM_REQUESTS = {
    "form_request.actual_blank": (
        "{where}（{column}）：“{name}”（{code}）的实际完成值未填写，无法与年度指标值“{target}”比较；"
        "请填写实际完成的数值{unit}",
        "{where} ({column}, actual value): the actual value of “{name}” ({code}) is blank and cannot be "
        "compared with its target “{target}”; fill in the value actually achieved{unit}"),
    "form_request.actual_unreadable": (
        "{where}（{column}）：“{name}”（{code}）的实际完成值填写的是“{actual}”，{why}，无法与年度指标值“{target}”比较；"
        "请填写实际完成的数值{unit}",
        "{where} ({column}, actual value): the actual value of “{name}” ({code}) reads “{actual}”, {why}, and "
        "cannot be compared with its target “{target}”; fill in the value actually achieved{unit}"),
    "form_request.why_text": ("不是一个数值", "which is not a number"),
    "form_request.why_unit": ("单位（{found}）与年度指标值的单位（{unit}）不同", "in a unit ({found}) other than the target's ({unit})"),
    "form_request.why_kind": ("不是日期", "which is not a date"),
    "form_request.in_unit": ("，以“{unit}”计", ", in {unit}"),
    "form_request.as_date": ("，写成日期（如 {example}）", ", as a date (such as {example})"),
    "form_request.qualitative": (
        "{where}（{column}）：“{name}”（{code}）的年度指标值“{target}”为定性目标，需评价小组的核查结论"
        "（达成 / 部分达成 / 未达成）及依据，填入核查结论表（observations），编号 {code}",
        "{where} ({column}, target): the target “{target}” of “{name}” ({code}) is qualitative: the review "
        "team's conclusion (achieved / partly / not achieved) and its basis are needed, in the observations "
        "table under id {code}"),
    "form_request.place_row": ("{file} 第 {line} 行", "{file} row {line}"),
    # a target whose direction the leaf's method does not read (report/direction_requests)
    "direction_request.unread": (
        "{where}（{column}）：目标“{text}”（{metric}）的方向为 {found}（{found_words}），而该指标的计分方法 {rule} "
        "只读 {reads}，不能按此方向计分，该指标无法评价（不计满分，也不扣分）；{readers}",
        "{where} ({column}): the target “{text}” ({metric}) reads {found} ({found_words}), but the indicator's "
        "method {rule} reads only {reads} and cannot score it: the indicator is not assessed (neither full marks "
        "nor a deduction); {readers}"),
    "direction_request.readers": ("{found} 由 {methods} 计分：请核对目标的方向，或在评价方案中改用相应方法",
                                  "{found} is scored by {methods}: check the target's direction, or apply that "
                                  "method in the scheme"),
    "direction_request.no_reader": ("没有计分方法读取 {found}：请核对目标的方向，或为该指标编写读取该方向的规则",
                                    "no method reads {found}: check the target's direction, or write a rule for "
                                    "the indicator that reads it"),
}

CHECKS_CATALOGUE = {**JUDGEMENT, **ADJUSTING, **RESULTS, **DERIVING, **FORM_REQUESTS}
