"""`jixiao new rule`: a rule file and its test file, to fill in.

The rule is full of TODOs, which jixiao refuses to run (a half-written rule never counts as
compliant). Its tests are not: their facts are example rows of the observed tables the rule's
table rests on (jixiao.authoring.examples; for a derived table, the tables it is derived
from), and `fires_on` names the rows of the rule's table they give, by the table's `label`.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..disk.atomic import write_files
from ..load.rule_files import RULE_ID
from ..load.rulebook import RuleBook
from ..model.messages import Message
from ..model.problems import InputError, Problem, meant
from ..model.rules import DIRECTION, TEST_SUFFIX
from ..report.data_labels import REQUIRES_LINE, RULE_FILE, RULE_TEST_FILE
from .examples import example_facts, labels_of



def created_lines(paths: list[Path], lang: str = "zh") -> list[str]:
    """What a scaffold says about the files it wrote, in a language."""
    return [Message("new_rule.created", {"path": str(path)}).render(lang) for path in paths]


def next_step(rulebook: RuleBook, rule_id: str, scheme: str, indicator: str, lang: str = "zh") -> str:
    """What to do after `new rule`, in a language: fill in the TODOs, list the rule on its leaf
    unless the scheme lists it already (read the rule book before the rule is written), lint
    and test."""
    listed = scheme in rulebook.schemes and rule_id in rulebook.schemes[scheme].rule_leaves()
    add = "" if listed else Message("new_rule.rule_add", {"rule": rule_id, "leaf": indicator,
                                                     "file": rulebook.schemes[scheme].file})
    return Message("new_rule.rule_next", {"add": add}).render(lang)


def new_rule(rulebook: RuleBook, rule_id: str, family: str, scheme: str, indicator: str, table: str,
             year: int) -> list[Path]:
    """Write rules/<family>/<id>.yaml and its test file; refuse to overwrite or to guess. The
    scheme may list the rule already (on `indicator`): read the rule book with the id pending.
    Raises InputError naming each option that is wrong."""
    problems = []
    if not RULE_ID.match(rule_id):
        problems.append(Problem.said(rule_id, Message("new_rule.rule_id"), allowed=Message("new_rule.rule_id_allowed")))
    if family not in rulebook.families:
        problems.append(Problem.said("--family", Message("new_rule.unknown_family", {"meant": meant(family, rulebook.families)}),
                                     found=family, allowed=", ".join(rulebook.families)))
    leaf = None
    if scheme not in rulebook.schemes:
        problems.append(Problem.said("--scheme", Message("new_rule.unknown_scheme", {"meant": meant(scheme, rulebook.schemes)}),
                                     found=scheme, allowed=", ".join(rulebook.schemes)))
    else:
        leaf = rulebook.schemes[scheme].indicators.get(indicator)
        listed = rulebook.schemes[scheme].rule_leaves().get(rule_id)
        if leaf is None or not leaf.is_leaf:
            problems.append(Problem.said("--indicator", Message("new_rule.not_a_leaf", {"scheme": scheme}), found=indicator,
                                         allowed=Message("new_rule.not_a_leaf_allowed")))
        elif listed is not None and listed != indicator:
            problems.append(Problem.said("--indicator", Message("new_rule.listed_elsewhere", {"scheme": scheme, "rule": rule_id,
                                                                                        "leaf": listed}),
                                         found=indicator, allowed=listed))
    schema = rulebook.schemas.get(table)
    if schema is None:
        problems.append(Problem.said("--table", Message("new_rule.unknown_table", {"meant": meant(table, rulebook.schemas.tables)}),
                                     found=table, allowed=", ".join(sorted(rulebook.schemas.tables))))
    if any(r.id == rule_id for r in rulebook.rules):
        problems.append(Problem.said(rule_id, Message("new_rule.rule_exists")))
    for scheme_id, applied in rulebook.instances.items():  # a leaf's method instance named by its entry (`id:`)
        if rule_id in applied:
            leaf = rulebook.schemes[scheme_id].rule_leaves().get(rule_id)
            problems.append(Problem.said(rule_id, Message("new_rule.instance_id", {"leaf": leaf, "scheme": scheme_id,
                                                                              "method": applied[rule_id].method}),
                                         allowed=Message("new_rule.another_id")))
    if problems:
        raise InputError(problems)
    folder = Path(rulebook.directory) / family
    rule_path, test_path = folder / f"{rule_id}.yaml", folder / f"{rule_id}{TEST_SUFFIX}"
    for path in (rule_path, test_path):
        if path.exists():
            raise InputError([Problem.said(str(path), Message("new_rule.file_exists"))])
    first = next(iter(schema.columns.values()))
    where = f'{first.name} == "TODO"' if first.kind.kind == "text" else f"{first.name} > 0"
    requires = ""
    if DIRECTION in schema.columns and "value" in schema.columns:  # a value against its target: say which way it reads
        where += f' and {DIRECTION} == "at_least"'
        requires = REQUIRES_LINE.format(direction=DIRECTION)
    weight = rulebook.schemes[scheme].for_year(year).indicators[indicator].weight
    facts = example_facts(rulebook, table, year)
    inputs = ", ".join(facts)
    values = dict(rule_id=rule_id, family=family, scheme=scheme, indicator=indicator, table=table, year=year,
                  where=where, requires=requires, test_suffix=TEST_SUFFIX, weight=_number(weight), score=_number(max(weight - 1, 0)),
                  listed=(f"{scheme} lists it on leaf {indicator}." if rule_id in rulebook.schemes[scheme].rule_leaves()
                          else f"add `{rule_id}` to the `rules:` of\n# leaf {indicator} in rules/schemes/{scheme}.yaml."),
                  derived=f" ({table} is derived from them: {inputs})" if schema.derived else "",
                  label=f"`{schema.label}`" if schema.label else "none: <table>:<row number>",
                  labels=_flow(labels_of(rulebook, table, year, facts)), facts=_facts_block(facts))
    return write_files(folder, {rule_path.name: RULE_FILE.format(**values).encode("utf-8"),
                                test_path.name: RULE_TEST_FILE.format(**values).encode("utf-8")},
                       exclusive=True, option="--rules")


def _facts_block(facts: dict[str, list[dict]]) -> str:
    lines = []
    for table, rows in facts.items():
        lines.append(f"      {table}:")
        lines += [f"        - {_flow(row)}" for row in rows]
    return "\n".join(lines)


def _flow(value) -> str:
    """One line of YAML (flow style), as the bundled tests write facts."""
    return yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False).strip()


def _number(value) -> str:
    return f"{value.normalize():f}"
