"""Message templates of the rule book's files beyond a single rule's keys, Chinese and English
side by side (key -> (中文, English)): YAML itself (jixiao/load/yaml_source.py), versions of a
rule (load/rule_files.py, load/rulebook.py), dated parameters (load/rule_parts.py), joins
(load/rule_joins.py), form layouts (load/form_layouts.py) and fact table schemas
(load/table_schemas.py). Part of the one catalogue (jixiao.model.catalogue), which gathers them.
"""

from __future__ import annotations

YAML = {
    "yaml.not_utf8": ("不是 UTF-8 文本（第 {byte} 字节：{reason}）；请以 UTF-8 编码保存",
                      "not UTF-8 text ({reason} at byte {byte})"),
    "yaml.syntax": ("YAML 语法错误：{error}", "YAML syntax error: {error}"),
    "yaml.error": ("YAML 错误：{error}", "YAML error: {error}"),
    "yaml.mapping": ("{what}须为映射", "{what} must be a mapping"),
    "yaml.what_layout": ("表样文件（layout、name、kind、signature、indicators）",
                         "a form layout (layout, name, kind, signature, indicators)"),
    "yaml.what_scheme": ("评价方案（id、name、grades、indicators）", "a scheme (id, name, grades, indicators)"),
    "yaml.what_schema": ("基础数据表结构（table、title、key、label、columns）", "a table schema (table, title, key, label, columns)"),
    # A rule's default entry in the evidence to request (资料清单), said in Chinese like the rule's own texts
    "request.default": ("{tables}：用于核查“{title}”", "{tables}: to check “{title}”"),
    "request.table": ("{title}（{name}）", "{title} ({name})"),
    "request.derived": ("{title}（由 {inputs} 得出）", "{title} (from {inputs})"),
    "request.sep": ("、", ", "),
    "request.or": (" 或 ", " or "),
    "text.not_recorded": ("（未记录）", "(not recorded)"),
    "rules.folder_missing": ("未找到规则文件夹；请用 --rules DIR 指定", "rules folder not found; pass --rules DIR"),
}

VERSIONS = {
    # A rule and the versions it replaces (load/rule_files.py, load/rulebook.py)
    "version.replaced_already": ("{old} 已被 {successor} 替代：版本须依次相接",
                                 "{old} is replaced already, by {successor}: versions follow one another"),
    "version.replaced_already_allowed": ("replaces: {successor}（如本版本在其之后）",
                                         "replaces: {successor}, if this version comes after it"),
    "version.never_ends": ("被替代的版本没有结束日期（{where}）：请为其写 `to:`，即本版本开始的前一天",
                           "the version it replaces never ends ({where}): give it `to:`, the day before this one starts"),
    "version.never_ends_allowed": ("在 {file} 中写 effective: {{from: {start}, to: {end}}}",
                                   "effective: {{from: {start}, to: {end}}} in {file}"),
    "version.overlaps": ("本版本在被替代的版本结束之前开始（{where}）：日期在 {start} – {end} 的事实会被两个版本同时判断",
                         "this version starts before the version it replaces ends ({where}): a fact dated "
                         "{start} – {end} would be judged by both"),
    "version.or_later": ("{date} 或之后", "{date} or later"),
    "version.or_earlier": ("{date} 或之前", "{date} or earlier"),
    "join.example": ("例如 {example}", "e.g. {example}"),
    "version.january": ("只扣一次的规则（per: rule）的版本须在 1 月 1 日更替：在 {year} 年内，本版本和 {old} 会各扣一次",
                        "versions of a rule that deducts once (per: rule) change on 1 January: within {year} this "
                        "version and {old} would each deduct once"),
    "version.january_allowed": ("在 1 月 1 日更替（例如 {old} 至 {year}-12-31，本版本自 {next}-01-01 起），或两者都写 per: match",
                                "a change on 1 January (e.g. {old} to {year}-12-31, this version from {next}-01-01), "
                                "or per: match in both"),
    "version.undated_table": ("其表 {table} 没有声明为事实标注日期的列（{file} 中的 `date:`）",
                              "its table {table} declares no column that dates its facts (`date:` in {file})"),
    "version.starts_within": ("规则在 {year} 年内开始，但{where}，因此无法区分 {date} 前后的事实",
                              "the rule starts within {year}, but {where}, so the facts before and after {date} cannot "
                              "be told apart"),
    "version.starts_within_allowed": ("某年的开始（YYYY-01-01），或声明了 `date:` 的表",
                                      "the start of a year (YYYY-01-01), or a table that declares `date:`"),
    "version.ends_within": ("规则在 {year} 年内结束，但{where}，因此无法区分 {date} 前后的事实",
                            "the rule ends within {year}, but {where}, so the facts before and after {date} cannot be "
                            "told apart"),
    "version.ends_within_allowed": ("某年的结束（YYYY-12-31），或声明了 `date:` 的表",
                                    "the end of a year (YYYY-12-31), or a table that declares `date:`"),
    "version.deducted_twice": ("{new} 在 {old}（{file}:{line}：{period}）结束之前开始；两者都为 {scheme} 的 {leaf} 扣分并读取 "
                               "{read}，日期在 {start} – {end} 的事实会被扣两次分",
                               "{new} starts before {old} ({file}:{line}: {period}) ends; both feed {leaf} of {scheme} "
                               "and read {read}, so a fact dated {start} – {end} would be deducted twice"),
    "version.facts_of": ("{first} 与 {second}（均来自 {sources} 的事实）", "{first} and {second} (facts of {sources})"),
    "version.and": (" 与 ", " and "),
    "version.deducted_twice_allowed": ("{date} 或之后（如为其新版本，写 `replaces: {old}`）",
                                       "{date} or later (with `replaces: {old}` if it is a new version of it)"),
    "version.other_leaf": ("{rule} 替代 {old}，而 {old} 为 {leaf} 扣分：同一规则的各版本须为同一末级指标扣分",
                           "{rule} replaces {old}, which feeds {leaf}: versions of one rule feed one leaf"),
    "version.other_leaf_allowed": ("{rule} 列在 {leaf} 上", "{rule} on {leaf}"),
    # Dated parameters and declared ones (load/rule_parts.py)
    "param.january": ("参数值按整个检查年度适用：每个版本从 1 月 1 日起（如需在年内变更，请在该日结束本规则，并用 `replaces:` 开始其新版本）",
                      "a parameter's value applies to whole check years: a version starts on 1 January (for a change "
                      "within a year, end the rule there and start a new version of it with `replaces:`)"),
    "param.either_date": ("{first} 或 {second}", "{first} or {second}"),
    "param.no_value": ("第一个值自 {first} 起，但规则自 {start} 起生效：{years} 年没有值",
                       "the first value is from {first}, but the rule is in force from {start}: no value for {years}"),
    "param.no_value_allowed": ("自 {year}-01-01 或更早起的第一个值，或 `effective: {{from: {first}}}`",
                               "a first value from {year}-01-01 or earlier, or `effective: {{from: {first}}}`"),
    "param.spec": ("参数写作 {{type: number 或 text, default: 默认值（可选）, meaning: 中文说明}}",
                   "a parameter is {{type: number or text, default: a value (optional), meaning: a meaning in Chinese}}"),
    "param.meaning": ("请用中文说明参数的含义（meaning），供给出该参数的评价方案参考",
                      "say what the parameter means (meaning, in Chinese), for the schemes that give it"),
    # Joins (load/rule_joins.py)
    "join.absent": ("absent: true 表示不应存在的记录；第一个别名是规则自己的表，发现针对的就是它的记录",
                    "absent: true marks a row that must not exist; the first alias is the rule's own table, whose rows "
                    "the findings are about"),
    "join.absent_allowed": ("true 或 false（第一个别名不能写）", "true or false (not on the first alias)"),
    "join.types": ("连接的两列类型不同：{a}（{a_type}）与 {b}（{b_type}）永远不会相等",
                   "joins columns of different types: {a} ({a_type}) and {b} ({b_type}) are never equal"),
    "join.types_allowed": ("类型相同的列（text、number、date）", "columns of the same type (text, number, date)"),
    # The rule book as a whole (load/rulebook.py)
    "book.not_before": ("not_before 与日期比较；{column} 是 {type} 列", "not_before compares with a date; {column} is a {type} column"),
    "book.instance_is_rule": ("实例编号 {rule} 是规则文件的 id{file}：请给实例一个自己的编号",
                              "instance id {rule} is the id of a rule file{file}: give the instance an id of its own"),
    "book.rule_file": ("（{file}）", " ({file})"),
    "book.instance_is_rule_allowed": ("另一个编号，或不写编号（{rule}@{leaf}）", "another id, or no id ({rule}@{leaf})"),
    "book.target_setting_scheme": ("“target_setting”应为审核绩效目标表的方案（form 中不列计分方法）",
                                   "'target_setting' names a scheme that reviews target-setting forms (its 'form' "
                                   "lists no scoring method)"),
    # A rule's `grades:` against the schemes that use it (load/rule_grades.py)
    "rule.grades": ("“grades”从高到低列出该规则重述的评价等级：{{等级名称: 保存其下限的参数（params 中的数值），或 ~（只写名称）}}",
                    "'grades' lists the grade bands the rule restates, highest first: {{grade name: the param holding its "
                    "lower bound (a number in params), or ~ (the name only)}}"),
    "rule.grades_param": ("等级“{grade}”的下限应为本规则 params 中的数值参数",
                          "the lower bound of grade '{grade}' is a numeric param of this rule"),
    "book.grade_names": ("规则 {rule} 按另一组评价等级写成：评价方案 {scheme}（{where}）的等级与之不同，两处须一致",
                         "rule {rule} is written for other grades than scheme {scheme} has ({where}): both must be the "
                         "same"),
    "book.grade_bound": ("规则 {rule} 的参数 {param}（自 {start} 起）为 {value}，评价方案 {scheme}（{where}）中等级“{grade}”的下限却是 "
                         "{min}：两处须相同",
                         "rule {rule}'s param {param} (from {start}) is {value}, but grade '{grade}' of scheme {scheme} "
                         "({where}) starts at {min}: both must be the same"),
    "book.form_method": ("类别为 {kind} 的表内行没有方法计分（带 `code` 参数的规则）{meant}",
                         "form rows of kind {kind} are scored by no method (a rule with a `code` parameter){meant}"),
}

LAYOUTS = {
    # Form layouts (load/form_layouts.py)
    "layout.labels": ("“{key}”列出标签（文字）", "'{key}' lists labels (text)"),
    "layout.fields": ("“{key}”将字段映射到标签", "'{key}' maps fields to labels"),
    "layout.label_text": ("标签须为文字", "a label is text"),
    "layout.id_is_file_name": ("“layout”必须与文件名相同", "'layout' must equal the file name"),
    "layout.kind": ("无法识别的表样类别", "unknown kind of form"),
    "layout.points": ("执行率分值（points）须为数字", "the execution weight (points) is a number"),
    "layout.indicators": ("指标区块至少须写明三级指标（level3）列和目标值列",
                          "the indicator block names at least the third-level indicator (level3) and the target "
                          "column"),
}

PERIODS = {"rule.period_open": ("{start} 起", "from {start}")}  # an effective period without an end (model/rules.py)

RULES_CATALOGUE = {**YAML, **VERSIONS, **LAYOUTS, **PERIODS}
