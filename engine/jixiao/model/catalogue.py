"""Every message template jixiao renders from a key (jixiao.model.messages), Chinese and English
side by side: key -> (中文, English). The check layer's integrity notes and the load layer's
input problems are both said from here, so a wording is changed in one place and both
languages keep the same parameters (tests/test_messages.py and tests/test_message_registry.py
check that they do). The sections of other layers' messages are kept in their own modules for
size and gathered here: catalogue_input (fact files, workbooks), catalogue_checks (the team's
judgement, adjustments), catalogue_rules (YAML, rule versions, joins, form layouts) and
catalogue_cases (case.yaml, new case / next year, the command line's headers), catalogue_disk
(the operating system's refusals, files skipped, refusals to write), catalogue_schemas
(fact table schemas and their checks) and catalogue_authoring (the rule author's commands, the
data-collection workbook, dates as typed).

Parameters are named in braces; how each kind of parameter is said (a column by its title and
code, a value with its unit) is jixiao.model.messages'.
"""

from __future__ import annotations

from .catalogue_authoring import AUTHORING_CATALOGUE
from .catalogue_cases import CASES_CATALOGUE
from .catalogue_checks import CHECKS_CATALOGUE
from .catalogue_disk import DISK_CATALOGUE
from .catalogue_input import INPUT_CATALOGUE
from .catalogue_rules import RULES_CATALOGUE
from .catalogue_schemas import SCHEMAS_CATALOGUE

LANGUAGES = ("zh", "en")

NOTES = {
    # Facts that disagree (check/integrity.py)
    "integrity.row_sum": ("第 {row} 行 {total} = {total_value}，但 {parts} = {sum}（相差 {difference}）",
                          "line {row}: {total} = {total_value}, but {parts} = {sum} (a difference of {difference})"),
    "integrity.subtotal": ("小计行“{item}”的 {column} = {declared}，但各项之和为 {computed}（相差 {difference}）",
                           "subtotal “{item}”: {column} = {declared}, but its items add up to {computed} "
                           "(a difference of {difference})"),
    "integrity.total": ("合计行“{item}”的 {column} = {declared}，但各项之和为 {computed}（相差 {difference}）",
                        "total “{item}”: {column} = {declared}, but its parts add up to {computed} "
                        "(a difference of {difference})"),
    "integrity.sum_equals": ("{table} {column} 合计 {computed}，与 {other_table} 中的 {other} = {declared} 不一致"
                             "（相差 {difference}）",
                             "{table}: {column} adds up to {computed}, but {other} in {other_table} = {declared} "
                             "(a difference of {difference})"),
    "integrity.joined_sum": ("{table} {column} 合计 {computed}（{joined}），与 {other_table} 中的 {other} = {declared} "
                             "不一致（相差 {difference}）",
                             "{table}: {column} adds up to {computed} ({joined}), but {other} in {other_table} = "
                             "{declared} (a difference of {difference})"),
    "integrity.equals": ("{column} = {value}", "{column} = {value}"),
    "integrity.shares": ("{group} = {value} 的 {column} 合计为 {total}%，不是 100%",
                         "{column} for {group} = {value} adds up to {total}%, not 100%"),
    "integrity.reference": ("{column} “{value}” 在 {table} 的 {to} 中找不到（其中有：{names}）",
                            "{column} “{value}” is not among the {to} of {table} (it has: {names})"),
    "integrity.reference_empty": ("{column} “{value}” 在 {table} 的 {to} 中找不到：该列尚未填写",
                                  "{column} “{value}” is not among the {to} of {table}: that column is empty"),
    "integrity.reference_more": ("{names} 等，共 {count} 个（另 {more} 个未列出）", "{names} and {more} more ({count} in all)"),
    # Facts that cannot be true, or are incomplete (check/plausibility.py)
    "plausible.who": ("“{label}” ", "“{label}”: "),
    "plausible.who_derived": ("{table}（派生） ", "{table} (derived): "),
    "plausible.who_derived_label": ("{table}（派生）“{label}” ", "{table} (derived) “{label}”: "),
    "plausible.is": ("为 {value}", "is {value}"),
    "plausible.negative": ("{who}{said}，不能为负数", "{who}{said}, which cannot be negative"),
    "plausible.below": ("{who}{said}，不能小于 {limit}", "{who}{said}, which cannot be less than {limit}"),
    "plausible.above": ("{who}{said}，不能大于 {limit}", "{who}{said}, which cannot be more than {limit}"),
    "plausible.date_range": ("{who}{said} 不在 {year} 年评价的合理范围（{low}–{high} 年）内",
                             "{who}{said} is outside the years plausible for an evaluation of {year} ({low}–{high})"),
    "plausible.at_most": ("{who}{said} 超过 {limit}{less}{unless}", "{who}{said} exceeds {limit}{less}{unless}"),
    "plausible.at_most_less": ("（{columns}）", " ({columns})"),
    "plausible.at_most_unless": ("；如确为超额拨付，请在 {column} 列填 yes",
                                 "; if it was indeed paid over the limit, write yes in {column}"),
    "plausible.total": ("合计 {value}", "totals {value}"),
    "plausible.sum_at_most": ("{table} 的 {said} 超过 {other_table} 的 {other}",
                              "{table}: {said}, more than {other_table}'s {other}"),
    "plausible.dates_in_order": ("{who}{first} 晚于 {second}", "{who}{first} is later than {second}"),
    "plausible.not_before": ("{who}{said} 早于 {other_table} {other_who}{other}",
                             "{who}{said} is earlier than {other_table} {other_who}{other}"),
    "plausible.duration": ("{who}{said} 与 {start} 至 {end} 的 {days} 天（{length} {unit}）不符",
                           "{who}{said} does not match the {days} days ({length} {unit}) from {start} to {end}"),
    "plausible.term_ends": ("{who}{end} 与 {start} 起 {months} 不符（应在 {low} 至 {high} 之间）",
                            "{who}{end} does not fit {months} from {start} (it should be between {low} and {high})"),
    "plausible.term_ends_never": ("{who}{end} 与 {start} 起 {months} 不符（应在 公元 1–9999 年内，无此日期 之间）",
                                  "{who}{end} does not fit {months} from {start} (that term ends outside the years "
                                  "1–9999: no date fits it)"),
    "plausible.empty": ("却为空", "is empty"),
    "plausible.required_with": ("{who}{given} 已填写，{said}：记录不完整",
                                "{who}{given} given, but {said}: the record is incomplete"),
    "plausible.blank": ("（空）", "(empty)"),
    "plausible.equal": ("{who}{columns} 不一致{present}", "{who}{columns} differ{present}"),
    "plausible.equal_present": ("（{values} 不能相互比较）", " ({values} cannot be compared)"),
}

INPUT = {
    # Reading fact files (jixiao.load)
    "input.merged_header": ("表头单元格 {cells} 已合并：表头每一格只写一个列名，合并后除第一格外的列都没有列名",
                            "merged header cells {cells}: a header names one column per cell, and a merged range "
                            "leaves every column but its first without a name"),
    "input.merged_header_allowed": ("取消合并（开始 → 合并后居中 → 取消单元格合并），在每一格中分别填写列名",
                                    "unmerge the cells (Home → Merge & Center → Unmerge Cells) and write each "
                                    "column's name in its own cell"),
    "input.unknown_table": ("无法识别的基础数据表“{name}”：没有这个名称的表", "unknown fact table '{name}': no table has this name"),
    "input.unknown_table_meant": ("无法识别的基础数据表“{name}”（是否应为“{meant}”？）",
                                  "unknown fact table '{name}' (did you mean {meant}?)"),
    "input.source_unknown": ("“sources”中的表“{table}”不是已知的基础数据表", "'sources' names a table that does not exist: '{table}'"),
    "input.source_unknown_meant": ("“sources”中的表“{table}”不是已知的基础数据表（是否应为“{meant}”？）",
                                   "'sources' names a table that does not exist: '{table}' (did you mean {meant}?)"),
    "input.source_without_file": ("“sources”列出的表 {table} 没有对应的文件或工作表",
                                  "'sources' names a table with no file or sheet: {table}"),
    "input.source_without_file_renamed": ("“sources”列出的表 {table} 没有对应的文件或工作表；名称无法识别的文件或工作表："
                                          "{names}（是否改过名？）",
                                          "'sources' names a table with no file or sheet: {table}; the files or sheets "
                                          "named after no table: {names} (renamed?)"),
    "input.source_without_file_allowed": ("将工作表命名为“{title}”或“{code}”（文件命名为 {code}.csv 等），或从 sources 中删除该表",
                                          "a sheet named “{title}” or “{code}” (a file {code}.csv, …), or no "
                                          "entry for it in sources"),
    "input.empty_header_cell": ("表头单元格 {cell} 没有列名", "empty column name in header cell {cell}"),
}

SCHEMES = {
    # Evaluation scheme files (jixiao/load/scheme_files.py)
    "scheme.id_twice": ("评价方案 id 重复", "scheme id used twice"),
    "scheme.id_unused": ("未被 {file} 使用的 id", "an id not used by {file}"),
    "scheme.none": ("未找到评价方案（*.yaml）", "no evaluation scheme (*.yaml) found"),
    "scheme.id_is_file_name": ("“id”必须与文件名相同", "'id' must equal the file name"),
    "scheme.indicators_list": ("“indicators”必须是一级指标的列表", "'indicators' must be a list of first-level indicators"),
    "scheme.lowest_band": ("最低等级（{name}）必须从 0 分起：否则更低的总分也会得到该等级",
                           "the lowest grade band ({name}) must start at 0: a lower total would be given its grade"),
    "scheme.same_band": ("等级 {higher} 与 {grade} 的起点分数相同：{grade} 无法达到",
                         "grade bands {higher} and {grade} start at the same total: {grade} is out of reach"),
    "scheme.below": ("低于 {value}", "below {value}"),
    "scheme.band_above_max": ("等级 {name} 的起点高于方案的满分：任何总分都达不到",
                              "grade band {name} starts above the scheme's maximum: no total reaches it"),
    "scheme.at_most": ("不超过 {value}", "at most {value}"),
    "scheme.max": ("满分（max）应为大于 0 的数", "the maximum score is a number above 0"),
    "scheme.precision": ("precision 是末级指标得分保留的小数位数", "precision is the number of decimal places of a leaf's score"),
    "scheme.precision_allowed": ("0（取整）到 {most} 之间的整数", "a whole number from 0 (whole points) to {most}"),
    "scheme.grades_list": ("“grades”必须列出等级，每级有 name 和 min", "'grades' must list bands with name and min"),
    "scheme.grade_band": ("等级写作 {{name, min}}，min 为数字", "a grade band is {{name, min}} with a number as min"),
    "scheme.grades_order": ("等级须按 min 从高到低排列", "grade bands must be listed from the highest 'min' down"),
    "scheme.indicator_mapping": ("指标写作映射，含 id 和 name", "an indicator is a mapping with id and name"),
    "scheme.indicator_without_id": ("指标缺少 id", "indicator without id"),
    "scheme.indicator_twice": ("指标 id 重复", "indicator id used twice"),
    "scheme.leaf_weight": ("末级指标需要权重（weight）", "a leaf indicator needs a weight"),
    "scheme.parent_rules": ("只有末级指标列出规则；上级指标的得分是其下级之和",
                            "only leaves have rules; a parent scores the sum of its children"),
    "scheme.rules_list": ("“rules”列出为该末级指标扣分的规则 id，或 {{rule: ID, with: {{…}}}}",
                          "'rules' lists the ids of the rules that feed this leaf, or {{rule: ID, with: {{…}}}}"),
    "scheme.rule_entry": ("规则以 id 表示，或带参数写作 {{rule: ID, with: {{参数: 值, …}}}}",
                          "a rule is named by its id, or applied with arguments as {{rule: ID, with: {{PARAMETER: "
                          "VALUE, …}}}}"),
    "scheme.rule_twice": ("规则 {rule} 在 {leaf} 上出现两次", "rule {rule} is applied twice to {leaf}"),
    "scheme.rule_once": ("每条规则在每个末级指标上只列一次", "one entry per rule and leaf"),
    "scheme.instance_id_twice": ("实例编号 {id} 在本方案中用了两次（另一处在 {other}）",
                                 "instance id {id} is used twice in this scheme (also on {other})"),
    "scheme.instance_id_own": ("每个实例一个自己的编号", "an id of its own"),
    "scheme.weight": ("权重应为 ≥ 0 的数，或 {{from: YYYY-MM-DD, value: 数}} 的列表",
                      "a weight is a number ≥ 0, or a list of {{from: YYYY-MM-DD, value: number}}"),
    "scheme.weight_january": ("权重按整个检查年度适用：每个版本从 1 月 1 日起",
                              "a weight applies to whole check years: a version starts on 1 January"),
    "scheme.target_setting": ("“target_setting”写在自评表方案（有 form）中，值为审核绩效目标表的方案编号",
                              "'target_setting' belongs to a form scheme (with 'form') and names the scheme that "
                              "reviews target-setting forms"),
    "scheme.form_methods": ("“form”将自评表的每类行映射到为其计分的方法", "'form' maps each kind of form row to the method that scores it"),
    "scheme.form_method_id": ("方法以其规则 id 表示", "a method is named by its rule id"),
    "scheme.instance_id": ("实例 id 与规则 id 一样，由小写字母、数字和“-”组成",
                           "an instance's id is lower-case letters, digits and '-', like a rule's"),
    "scheme.instance_id_example": ("例如 free-services", "e.g. free-services"),
    "scheme.either": ("{first} 或 {second}", "{first} or {second}"),
    "scheme.weight_order": ("权重版本须按 from 日期排列，每个日期只出现一次",
                            "weight versions must be listed by 'from' date, each date once"),
    "scheme.parent_sum": ("{leaf}{when} 的权重不等于其下级权重之和（{total}）",
                          "weight of {leaf}{when} is not the sum of its children's ({total})"),
    "scheme.from": (" 自 {date} 起", " from {date}"),
    "scheme.roots_sum": ("{when}一级指标权重之和为 {total}（{parts}），不等于方案的满分",
                         "{when}the first-level weights add up to {total} ({parts}), not to the scheme's maximum"),
    "scheme.from_start": ("自 {date} 起，", "from {date} "),
    "scheme.declare_max": ("{max}；如方案满分为 {total}，请声明 `max: {total}`",
                           "{max}, or declare `max: {total}` if the scheme is scored out of {total}"),
}

RULE_FILES = {
    # Rule files (jixiao/load/yaml_source.py, rule_files.py, rule_parts.py)
    "rule.meant": ("（是否应为 {name}？）", " (did you mean {name}?)"),
    "rule.unknown_key": ("无法识别的键{meant}", "unknown key{meant}"),
    "rule.none": ("未找到规则文件（rules/<family>/<id>.yaml）", "no rule files (rules/<family>/<id>.yaml) found"),
    "rule.families": ("families.yaml 须将每个规则族 id 映射到其标题", "families.yaml must map each rule family id to its title"),
    "rule.id_twice": ("规则 id 重复", "rule id used twice"),
    "rule.id_unused": ("未被 {file} 使用的 id", "an id not used by {file}"),
    "rule.mapping": ("规则文件须为映射（id、title、when、deduct 等）", "a rule file is a mapping (id, title, when, deduct, …)"),
    "rule.missing_key": ("缺少必填键", "missing required key"),
    "rule.id_form": ("规则 id 只能由小写字母、数字和“-”组成", "rule id must be lower-case letters, digits and '-'"),
    "rule.id_form_allowed": ("例如 separate-accounting", "e.g. separate-accounting"),
    "rule.id_is_file_name": ("规则 id 必须与文件名相同", "rule id must equal the file name"),
    "rule.text": ("必须是文本", "must be text"),
    "rule.non_empty_text": ("必须是非空文本", "must be non-empty text"),
    "rule.unknown_family": ("无法识别的规则族{meant}", "unknown rule family{meant}"),
    "rule.unfinished": ("尚未完成：请替换 TODO", "unfinished: replace the TODO"),
    "rule.effective": ("“effective”须给出“from”（可选“to”），格式为 YYYY-MM-DD",
                       "'effective' must give 'from' (and optionally 'to') as YYYY-MM-DD"),
    "rule.not_a_date": ("不是日期", "not a date"),
    "rule.ends_before_start": ("有效期的结束日期早于开始日期", "effective period ends before it starts"),
    "rule.on_or_after": ("{date} 当日或之后的日期", "a date on or after {date}"),
    "rule.unknown_table": ("无法识别的基础数据表{meant}", "unknown fact table{meant}"),
    "rule.param_is_column": ("参数“{name}”与 {table} 的列同名", "parameter '{name}' has the name of a column of {table}"),
    "rule.condition": ("条件有误：{error}", "condition: {error}"),
    "rule.requires": ("requires 有误：{error}", "requires: {error}"),
    "rule.directions": (
        "规则将实际值与 {compared} 比较，须在 requires 和 when 的条件中写明所读的{column}（direction），且两者一致："
        "requires 为 {requires}，when 为 {where}；方向不同的目标（如 at_most 不超过）应无法评价，而不是按“达到（≥）”计分",
        "the rule compares the value with {compared}: requires and when must both state the directions it reads "
        "({column}, direction), the same in both: requires reads {requires}, when reads {where}; a target of another "
        "direction (such as at_most) is then not assessed, rather than scored as if it read ≥"),
    "rule.directions_none": ("（未写明）", "(none stated)"),
    "rule.formula": ("公式有误：{error}", "formula: {error}"),
    "rule.formula_unknown": ("公式引用了未知名称“{name}”{meant}", "formula reads unknown name '{name}'{meant}"),
    "rule.formula_number": ("公式的结果必须是扣分数", "the formula must give a number of points"),
    "rule.deduct": ("“deduct”须给出“points”或“formula”，以及“per”", "'deduct' must give 'points' or 'formula', and 'per'"),
    "rule.per": ("“per”说明扣分只扣一次还是对每条匹配的记录各扣一次",
                 "'per' says whether the deduction applies once or for each matching fact"),
    "rule.points_or_formula": ("“points”（数字）与“formula”（表达式）须且只能给出其一",
                               "give exactly one of 'points' (a number) or 'formula' (an expression)"),
    "rule.points": ("points 必须是不小于 0 的数", "points must be a number of at least 0"),
    "rule.mapping_with": ("“{key}”须为映射，包含 {required}", "'{key}' must be a mapping with {required}"),
    "rule.missing_or_empty": ("缺少或为空", "missing or empty"),
    "rule.placeholder": ("占位符 {{{name}}} 不指向任何内容{meant}", "placeholder {{{name}}} names nothing{meant}"),
    "rule.unknown_format": ("{placeholder} 中无法识别的格式“{format}”", "unknown format '{format}' in {placeholder}"),
    "rule.format_fit": ("{placeholder}：格式 |{format} 不适用于“{name}”", "{placeholder}: format |{format} does not fit '{name}'"),
    "rule.format_fit_allowed": ("|pct 和 |n2 用于数字，|yn 用于 是/否/部分 的回答",
                                "|pct and |n2 for numbers, |yn for yes/no/partial answers"),
    "rule.param_name": ("参数名须为小写标识符，且不能是 weight、count、labels",
                        "parameter names are lower-case identifiers other than weight, count, labels"),
    "rule.params": ("“params”将名称映射到一个值或按日期的多个版本", "'params' maps names to a value or to dated versions"),
    "rule.param_version": ("每个版本写作 {{from: YYYY-MM-DD, value: 数字或文本}}",
                           "each version is {{from: YYYY-MM-DD, value: a number or text}}"),
    "rule.param_order": ("版本须按“from”日期排列，每个日期只出现一次", "versions must be listed by 'from' date, each date once"),
    "rule.parameters": ("“parameters”将每个名称映射到 {{type, default, meaning}}",
                        "'parameters' maps each name to {{type, default, meaning}}"),
    "rule.parameter_twice": ("“{name}”同时出现在 params 和 parameters 中：只声明一次",
                             "'{name}' is both in params and in parameters: declare it once"),
    "rule.parameter_type": ("无法识别的参数类型{meant}", "unknown parameter type{meant}"),
    "rule.parameter_default": ("默认值不是 {kind}", "the default is not a {kind}"),
    "rule.replaces_none": ("replaces 未指向其他规则{meant}", "replaces no other rule{meant}"),
    "rule.replaces_allowed": ("本规则作为其新版本的规则的 id", "the id of the rule this one is a new version of"),
    "rule.replaces": ("“replaces”写本规则作为其新版本的规则", "'replaces' names the rule this one is a new version of"),
    "rule.indicator": ("规则不写所属指标：由各评价方案在末级指标上列出为其扣分的规则"
                       "（rules/schemes/<scheme>.yaml 中末级指标的 `rules:`）",
                       "a rule does not name its indicator: each scheme lists the rules that feed its leaves "
                       "(`rules:` on a leaf in rules/schemes/<scheme>.yaml)"),
    "rule.join_parameters": ("parameters: 用于只读一张表（when.table）的规则；读多张表的规则使用按日期的 params:",
                             "parameters: are for a rule over one table (when.table); a rule over several tables "
                             "takes dated params:"),
    "rule.join_parameters_allowed": ("params: {{name: value}}，或 when.table 与 when.where",
                                     "params: {{name: value}} or when.table and when.where"),
    # Rules over several tables (jixiao/load/rule_joins.py)
    "join.condition": ("{alias}（{table}）的条件有误：{error}", "condition of {alias} ({table}): {error}"),
    "join.alias_name": ("别名须为小写名称（字母、数字、_）", "an alias is a lower-case name (letters, digits, _)"),
    "join.alias": ("每个别名写作 {{table: …, where: …}}", "each alias is {{table: …, where: …}}"),
    "join.form": ("连接写作 别名.列 == 别名.列", "a join is alias.column == alias.column"),
    "join.unknown_alias": ("无法识别的别名“{alias}”{meant}", "unknown alias '{alias}'{meant}"),
    "join.no_column": ("{alias}（{table}）没有列“{column}”{meant}", "{alias} ({table}) has no column '{column}'{meant}"),
    "join.two_aliases": ("连接关联两个别名；只涉及一张表的条件写在该表的 where 中",
                         "a join relates two aliases; a condition on one table goes in its where"),
    "join.both_absent": ("{a} 与 {b} 都标为 absent：应将 absent 的别名连接到一个匹配的别名",
                         "{a} and {b} are both absent: join an absent alias to one that is matched"),
    "join.not_both": ("规则读一张表（when.table 与 when.where）或多张表（when.match 与 when.join），不能两者都写",
                      "a rule reads one table (when.table and when.where) or several (when.match and when.join), "
                      "not both"),
    "join.not_both_allowed": ("规则自己的表写作 when.match 的第一个别名", "the first alias of when.match for the rule's own table"),
    "join.match": ("when.match 列出两个或以上别名，每个写作 {{table: …, where: …}}（absent: true 表示不应存在的记录）；"
                   "只读一张表时写 when.table 与 when.where",
                   "when.match names two or more aliases, each {{table: …, where: …}} (absent: true for a row that "
                   "must not exist); for one table write when.table and when.where"),
    "join.list": ("when.join 列出连接各别名的等式，例如 allocation.operator == practice.operator",
                  "when.join lists the equalities that join the aliases, e.g. allocation.operator == practice.operator"),
    "join.nothing": ("别名 {alias}（{table}）没有与任何别名连接：它的每一行都会与其他别名的每一行配对；请在 when.join 中加一个等式",
                     "alias {alias} ({table}) is joined to nothing: every row of it would pair with every row of the "
                     "others; add an equality to when.join"),
    # A leaf's arguments to a rule (jixiao/load/methods.py)
    "method.no_parameters": ("规则 {rule} 没有声明参数：只写它的 id", "rule {rule} declares no parameters: name it by its id alone"),
    "method.no_parameter": ("规则 {rule} 没有参数“{name}”{meant}", "rule {rule} has no parameter '{name}'{meant}"),
    "method.parameter_type": ("规则 {rule} 的参数“{name}”应为{kind}（{meaning}）",
                              "parameter '{name}' of rule {rule} is {kind} ({meaning})"),
    "method.type_number": ("数字", "a number"),
    "method.type_text": ("非空文本", "non-empty text"),
    "method.needs_value": ("规则 {rule} 需要参数“{name}”的值（{type}：{meaning}）",
                           "rule {rule} needs a value for its parameter '{name}' ({type}: {meaning})"),
    "method.arguments": ("规则 {rule} 使用这些参数时有误：{error}", "rule {rule} with these arguments: {error}"),
    "method.arguments_number": ("规则 {rule} 使用这些参数时，公式的结果不是扣分数",
                                "rule {rule} with these arguments: the formula does not give a number of points"),
    "method.starts_before": ("该实例的开始日期早于规则 {rule} 生效（{period}）",
                             "the instance starts before rule {rule} is in force ({period})"),
    "method.ends_after": ("该实例的结束日期晚于规则 {rule}（{period}）", "the instance ends after rule {rule} ({period})"),
    # The rule book as a whole (jixiao/load/rulebook.py)
    "book.check_table": ("检查项未指向任何基础数据表{meant}", "check names no fact table{meant}"),
    "book.check_column": ("检查项未指向 {table} 的任何列{meant}", "check names no column of {table}{meant}"),
    "book.no_rule": ("末级指标 {leaf} 列出的规则不存在{meant}", "leaf {leaf} names no existing rule{meant}"),
    "book.feeds_both": ("规则 {rule} 同时为 {first} 和 {second} 扣分：其发现会被计算两次",
                        "rule {rule} feeds both {first} and {second}: its findings would be counted twice"),
    "book.needs_values": ("规则 {rule} 需要参数值：请带参数应用", "rule {rule} needs values for its parameters: apply it with them"),
}

CATALOGUE: dict[str, tuple[str, str]] = {**NOTES, **INPUT, **SCHEMES, **RULE_FILES, **INPUT_CATALOGUE,
                                          **CHECKS_CATALOGUE, **RULES_CATALOGUE, **CASES_CATALOGUE,
                                          **DISK_CATALOGUE, **SCHEMAS_CATALOGUE, **AUTHORING_CATALOGUE}
