"""The messages of the fact table schemas (rules/tables/*.yaml, read by jixiao/load/table_schemas.py
and load/check_kinds.py), Chinese and English: key -> (中文, English). Gathered into
jixiao.model.catalogue.CATALOGUE. A column is named by its title and code (a `Named` parameter)
where the schema gives it a title."""

from __future__ import annotations

SCHEMAS_CATALOGUE = {
    # A schema file (load/table_schemas.py)
    "schema.none": ("未找到基础数据表结构（*.yaml）", "no fact table schemas (*.yaml) found"),
    "schema.table_is_file_name": ("“table”必须与文件名相同", "'table' must equal the file name"),
    "schema.columns": ("“columns”必须将列名映射到其类型", "'columns' must map column names to their type"),
    "schema.key_column": ("主键列不是本表的列{meant}", "key column is not a column{meant}"),
    "schema.unit_in": ("unit_in 须是本表的一个文字列，各行在其中写明本列数值的单位（只用于数值列，且与 unit 不并用）{meant}",
                       "unit_in must name a text column of this table in which each row gives this number's unit "
                       "(a number column only, not with unit){meant}"),
    "schema.label_column": ("名称列（label）不是本表的列{meant}", "label column is not a column{meant}"),
    "schema.caption": ("说明列（caption）须是本表的一个文字列，各行在其中用文字说明本行是什么（如核查问题）{meant}",
                       "caption must name a text column of this table, in which each row says in words what it is "
                       "(a question, an indicator's name){meant}"),
    "schema.former_titles": ("曾用名（former_titles）须是文字的列表，如 [市口岸办向主运维商拨付运维补贴资金，按批次]",
                             "former_titles must be a list of texts: the titles the table had before"),
    "schema.former_title_taken": ("曾用名与表 {table} 现在的名称相同：以此命名的工作表会被读作 {table}",
                                  "a former title that is table {table}'s name now: a sheet so named would be read as {table}"),
    "schema.label_column_allowed": ("本表的一列，或 `{by_row}`（各行以 <表>:<行号> 命名）",
                                    "a column, or `{by_row}` (rows named <table>:<row number>)"),
    "schema.inputs_underived": ("只有派生表（derived: true）才有 inputs", "only a derived table (derived: true) has inputs"),
    "schema.gives": ("“gives”写为该表在派生表中给出的代码，如 {metric: system_availability}",
                     "'gives' maps a column of the derived table to the code this table's rows give it, "
                     "e.g. {metric: system_availability}"),
    "schema.inputs": ("派生表须列出据以计算它的观测表", "a derived table lists the observed tables it is computed from"),
    "schema.inputs_allowed": ("例如 [budget, [expenditures, disbursements]]", "e.g. [budget, [expenditures, disbursements]]"),
    "schema.date": ("“date”写为每条事实标注日期的日期列{meant}", "'date' names the date column that dates each fact{meant}"),
    "schema.date_required": ("为每条事实标注日期的列必须是必填列：没有日期的事实无法交给当日有效的规则版本",
                             "the column that dates each fact must be required: a fact without a date could not be "
                             "given to the version of a rule in force on it"),
    "schema.none_allowed": ("无", "none"),
    "schema.date_required_allowed": ("{name}，并写 required: true", "{name} with required: true"),
    "schema.checks": ("“checks”列出数据核对", "'checks' lists integrity checks"),
    "schema.check_kind": ("无法识别的核对类型{meant}", "unknown check kind{meant}"),
    "schema.check_needs": ("核对 {kind} 需要 {keys}", "check {kind} needs {keys}"),
    "schema.check_column": ("核对项指向的不是本表的列{meant}", "check names no column of this table{meant}"),
    "schema.reserved": ("此名称保留给规则公式和发现文字使用", "this name is reserved for rule formulas and finding texts"),
    "schema.reserved_allowed": ("除 {names} 以外的任何名称", "any name but {names}"),
    "schema.column_name": ("列名须为小写标识符（字母、数字、“_”；不以“_”结尾）",
                           "column names are lower-case identifiers (letters, digits, '_'; not ending in '_')"),
    "schema.column_name_allowed": ("例如 paid_date", "e.g. paid_date"),
    "schema.column_mapping": ("列写作映射，至少包含“type”", "a column is a mapping with at least 'type'"),
    "schema.column_type": ("无法识别的列类型{meant}", "unknown column type{meant}"),
    "schema.required": ("“required”为 true 或 false", "'required' is true or false"),
    "schema.allowed": ("“allowed”列出允许的取值（或为每个取值对应一个中文词）",
                       "'allowed' lists the allowed values (or maps each to its Chinese word)"),
    "schema.allowed_words": ("“allowed”为每个允许的取值对应一个不重复的中文词",
                             "'allowed' maps each allowed value to its own Chinese word"),
    "schema.bound_type": ("“{key}”限定数字的范围；{column} 是 {type} 列",
                          "'{key}' bounds a number; {column} is a {type} column"),
    "schema.bound_type_allowed": ("integer 和 number 列的 min / max", "min / max on integer and number columns"),
    "schema.bound": ("“{key}”是数字，或 null 表示不设界限", "'{key}' is a number, or null for no bound"),
    "schema.bound_allowed": ("例如 0、1、null", "e.g. 0, 1, null"),
    "schema.min_above_max": ("“min”大于“max”", "'min' is larger than 'max'"),
    "schema.years_type": ("“years”限定日期的范围；{column} 是 {type} 列", "'years' bounds a date; {column} is a {type} column"),
    "schema.years": ("“years”写作 [最早, 最晚]，以距案例年度的年数表示", "'years' is [earliest, latest] in years from the case year"),
    "schema.years_allowed": ("例如 [-50, 5]", "e.g. [-50, 5]"),
    "schema.names": ("“{key}”列出列名", "'{key}' lists column names"),
    "schema.names_allowed": ("例如 [operator, tranche]", "e.g. [operator, tranche]"),
    # One check of a schema (load/check_kinds.py)
    "kind.row_or_join": ("sum_equals 与另一张表的某一行（`row`）比较，或逐行与能连接上的行（`join`）比较：二者选一",
                         "sum_equals compares with one row of the other table (`row`) or, per row, with the rows "
                         "that join it (`join`): one of them"),
    "kind.join": ("“join”将本表的列映射到另一张表的列", "'join' maps columns to columns of the other table"),
    "kind.row": ("“row”将另一张表的列映射到选出其行的取值", "'row' maps columns of the other table to the values that pick its row"),
    "kind.wrong_type": ("{column} 是 {type} 列；此核对需要{what}", "{column} is {type} column; this check needs {what}"),
    "kind.a_type": ("{type}", "a {type}"),  # English puts an article before the column's type
    "kind.an_type": ("{type}", "an {type}"),
    "kind.numbers": ("数字", "numbers"),
    "kind.a_number": ("一个数字", "a number"),
    "kind.an_answer": ("回答（yes / no）", "an answer (yes / no)"),
    "kind.dates_or_year": ("日期（或存年份的 integer 列）", "dates (or an integer column holding a year)"),
    "kind.a_date": ("一个日期", "a date"),
    "kind.dates": ("日期", "dates"),
    "kind.months": ("整数个月", "a whole number of months"),
    "kind.is_number": ("“{key}”是数字", "'{key}' is a number"),
    "kind.bounds": ("bounds 核对需要“min”或“max”", "a bounds check needs 'min' or 'max'"),
    "kind.where": ("“where”将列映射到一个取值或取值列表", "'where' maps columns to a value or a list of values"),
    "kind.two_dates": ("dates_in_order 至少列出两个日期列", "dates_in_order lists at least two date columns"),
    "kind.duration_unit": ("时长以 {units} 为单位；{column} 的单位是“{unit}”", "a duration is in {units}; {column} has unit '{unit}'"),
    "kind.required_with": ("required_with 写出使该列成为必填的列", "required_with names the columns that make the column required"),
    "kind.two_columns": ("equal 至少列出两列", "equal lists at least two columns"),
}
