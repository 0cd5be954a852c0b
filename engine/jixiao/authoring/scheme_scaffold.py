"""`jixiao new scheme`: an indicator tree from a list of leaves, each with the rules that
score it, written as rules/schemes/<id>.yaml.

Leaves come as `--leaf ID:名称:WEIGHT:RULE[+RULE…]` options or from a small CSV or YAML file
(columns or keys: id, name, weight, rule — several joined by `+`, or `rules:` a list in YAML —
and, to group leaves, parent and parent_name). Each parent's weight is the sum of its
children's, the scheme is scored out of the sum of all (100 for a 百分制 form), and the grade
bands are the national ones (优 90 %, 良 80 %, 中 60 %, 差 below). A leaf's `rules:` is a list
of rule ids, the form every scheme entry takes.

A rule test that names no scheme runs under the scheme that uses the rule (or under any of
several giving its leaf one weight: jixiao.authoring.ruletests). When the new scheme weighs a
rule's leaf otherwise, such a test would become ambiguous: its file is given the `scheme:` it
has been running under, and the command says so.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml

from ..disk.atomic import write_files
from ..disk.reading import read_capped
from ..load.readers import decode
from ..load.rulebook import RuleBook
from ..load.scheme_files import load_schemes
from ..load.yaml_source import load_yaml, plain
from ..model.messages import Message
from ..model.problems import InputError, Problem, Problems, meant
from ..report.data_labels import DATA_WORDS
from .ruletests import RuleCase, leaf_weight, load_rule_tests, test_file_for

SCHEME_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LEAF_ID = re.compile(r"^[A-Za-z0-9_.]+$")
NATIONAL_GRADES = tuple(zip(DATA_WORDS["national_grades"], (Decimal("0.9"), Decimal("0.8"), Decimal("0.6"), Decimal(0))))
COLUMNS = {"id", "name", "weight", "rule", "rules", "parent", "parent_name"}


@dataclass
class Leaf:
    id: str
    name: str
    weight: Decimal
    rules: list[str]
    parent: str = ""
    parent_name: str = ""


def leaves_from_options(specs: list[str]) -> list[Leaf]:
    """`--leaf ID:名称:WEIGHT[:RULE+RULE]` options as leaves. Raises InputError for each malformed one."""
    problems = Problems()
    leaves = []
    for spec in specs:
        parts = spec.split(":")
        if len(parts) not in (3, 4):
            problems.add("--leaf", Message("scaffold.leaf_spec"), found=spec,
                         allowed=Message("scaffold.leaf_spec_example"))
            continue
        leaf = _leaf("--leaf", None, {"id": parts[0], "name": parts[1], "weight": parts[2],
                                      "rule": parts[3] if len(parts) == 4 else ""}, problems)
        if leaf:
            leaves.append(leaf)
    problems.raise_if_any()
    return leaves


def leaves_from_file(path: Path) -> list[Leaf]:
    """The leaves listed in a .csv (header: id,name,weight,rule[,parent,parent_name]) or .yaml
    file (a list of mappings with those keys; `rules:` may be a list). Raises InputError
    naming file, line and key."""
    path = Path(path)
    problems = Problems()
    if path.suffix.lower() == ".csv":
        text = decode(read_capped(path, str(path)), str(path))
        rows = [(number, row) for number, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2)]
    elif path.suffix.lower() in (".yaml", ".yml"):
        data = load_yaml(path)
        if not isinstance(data, list):
            raise InputError([Problem.said(path, Message("scaffold.leaves_list"), line=1)])
        rows = [(getattr(item, "line", None), item) for item in data]
    else:
        raise InputError([Problem.said(path, Message("scaffold.leaves_file"), found=path.suffix)])
    leaves = []
    for line, row in rows:
        if not isinstance(row, dict):
            problems.add(str(path), Message("scaffold.leaf_mapping"), line=line, found=row)
            continue
        unknown = sorted(str(k) for k in row if k not in COLUMNS)
        for key in unknown:
            problems.add(str(path), Message("scaffold.unknown_column", {"meant": meant(key, COLUMNS)}), line=line, key=key,
                         allowed=", ".join(sorted(COLUMNS)))
        leaf = _leaf(str(path), line, plain(row), problems)
        if leaf and not unknown:
            leaves.append(leaf)
    problems.raise_if_any()
    return leaves


def _leaf(label: str, line, row: dict, problems: Problems) -> Leaf | None:
    before = len(problems.items)
    ident, name = str(row.get("id") or "").strip(), str(row.get("name") or "").strip()
    if not LEAF_ID.match(ident):
        problems.add(label, Message("scaffold.leaf_id"), line=line, key="id", found=ident,
                     allowed=Message("scaffold.leaf_id_example"))
    if not name:
        problems.add(label, Message("scaffold.leaf_name"), line=line, key="name")
    try:
        weight = Decimal(str(row.get("weight")).strip())
        if not weight.is_finite() or weight <= 0:
            raise InvalidOperation
    except InvalidOperation:
        weight = Decimal(0)
        problems.add(label, Message("scaffold.leaf_weight"), line=line, key="weight", found=row.get("weight"))
    rules = row.get("rules") if isinstance(row.get("rules"), list) else str(row.get("rule") or "").split("+")
    rules = [str(r).strip() for r in rules if str(r).strip()]
    if len(problems.items) > before:
        return None
    return Leaf(ident, name, weight, rules, str(row.get("parent") or "").strip(),
                str(row.get("parent_name") or "").strip())


def new_scheme_lines(paths: list[Path], scheme_id: str) -> list[str]:
    """What `jixiao new scheme` says after new_scheme: the scheme written, the rule tests pinned
    to the scheme their cases were written for, and what to do next."""
    lines = [f"created {paths[0]}"]
    lines += [f"pinned {path} to the scheme its cases were written for (`scheme:`): {scheme_id} weighs its rule "
              "otherwise" for path in paths[1:]]
    return lines + [f"next: check a case with `scheme: {scheme_id}` in its case.yaml; run `jixiao lint` and "
                    "`jixiao test`"]


def new_scheme(rulebook: RuleBook, scheme_id: str, name: str, source: str, leaves: list[Leaf]) -> list[Path]:
    """Write rules/schemes/<scheme_id>.yaml from `leaves` (refusing to overwrite), and pin the
    rule tests it would make ambiguous. Returns the paths written. Raises InputError for an
    id in use or malformed, a leaf id twice, a rule that does not exist, a rule on two leaves."""
    problems = Problems()
    if not SCHEME_ID.match(scheme_id):
        problems.add(scheme_id, Message("scaffold.scheme_id"), allowed=Message("scaffold.scheme_id_example"))
    elif scheme_id in rulebook.schemes:
        problems.add(scheme_id, Message("scaffold.scheme_exists"), found=rulebook.schemes[scheme_id].file)
    if not leaves:
        problems.add("--leaf", Message("scaffold.no_leaves"))
    known = {r.id for r in rulebook.rules}
    seen_ids: set[str] = set()
    fed: dict[str, str] = {}
    for leaf in leaves:
        if leaf.id in seen_ids or leaf.id in {x.parent for x in leaves}:
            problems.add(leaf.id, Message("scaffold.leaf_twice"))
        seen_ids.add(leaf.id)
        for rule in leaf.rules:
            if rule not in known:
                problems.add(leaf.id, Message("test.no_rule", {"meant": meant(rule, known)}), key="rule", found=rule)
            elif rule in fed:
                problems.add(leaf.id, Message("scaffold.rule_fed", {"rule": rule, "leaf": fed[rule]}), key="rule",
                             found=rule)
            fed.setdefault(rule, leaf.id)
    problems.raise_if_any()
    folder = Path(rulebook.directory) / "schemes"
    target = folder / f"{scheme_id}.yaml"
    if target.exists():
        raise InputError([Problem.said(target, Message("new_rule.file_exists"))])
    text = scheme_text(scheme_id, name, source, leaves)
    with tempfile.TemporaryDirectory() as scratch:  # loads as every scheme does, before anything is written
        Path(scratch, target.name).write_text(text, encoding="utf-8")
        load_schemes(Path(scratch))
    pins = _pins(rulebook, scheme_id, leaves)
    written = write_files(folder, {target.name: text.encode("utf-8")}, exclusive=True, option="--rules")
    for path, data in pins.items():
        written += write_files(path.parent, {path.name: data}, option="--rules")
    return written


def scheme_text(scheme_id: str, name: str, source: str, leaves: list[Leaf]) -> str:
    """The scheme file: grouped leaves, each parent weighing the sum of its children."""
    total = sum((leaf.weight for leaf in leaves), Decimal(0))
    lines = [f"# {' '.join(name.split())}: scaffolded by `jixiao new scheme`. Each leaf lists the rules that score it",
             "# (rules/<family>/<id>.yaml); a parent weighs the sum of its children. Scores are never",
             "# written here: they follow from rules and facts.",
             f"id: {scheme_id}", f"name: {_scalar(name)}", f"source: {_scalar(source)}"]
    if total != 100:
        lines.append(f"max: {_number(total)}   # the sum of the weights: scored out of {_number(total)}")
    lines.append(DATA_WORDS["scheme_grades"])
    lines += [f"  - {{name: {grade}, min: {_number(share * total)}}}" for grade, share in NATIONAL_GRADES]
    lines.append("indicators:")
    groups: dict[str, list[Leaf]] = {}
    for leaf in leaves:
        groups.setdefault(leaf.parent, []).append(leaf)
    for leaf in leaves:
        if not leaf.parent:
            lines.append(f"  - {_leaf_line(leaf)}")
        elif groups.get(leaf.parent) and groups[leaf.parent][0] is leaf:
            members = groups[leaf.parent]
            weight = sum((m.weight for m in members), Decimal(0))
            lines += [f"  - id: {leaf.parent}", f"    name: {_scalar(leaf.parent_name or leaf.parent)}",
                      f"    weight: {_number(weight)}", "    children:"]
            lines += [f"      - {_leaf_line(member)}" for member in members]
    return "\n".join(lines) + "\n"


def _leaf_line(leaf: Leaf) -> str:
    """One leaf in flow style, quoted where YAML needs it (a name with a comma, say)."""
    weight = int(leaf.weight) if leaf.weight == int(leaf.weight) else float(leaf.weight)
    node = {"id": leaf.id, "name": leaf.name, "weight": weight, "rules": leaf.rules}
    return yaml.safe_dump(node, default_flow_style=True, allow_unicode=True, width=10_000, sort_keys=False).strip()


def _pins(rulebook: RuleBook, scheme_id: str, leaves: list[Leaf]) -> dict[Path, bytes]:
    """Test files whose cases name no scheme and would run under the new one at another weight:
    {path: the file with `scheme:` the one they run under now}."""
    weights = {rule: leaf.weight for leaf in leaves for rule in leaf.rules}
    tests = load_rule_tests(rulebook)
    pins = {}
    for rule in rulebook.rules:
        cases = [c for c in tests.get(rule.id, []) if c.scheme is None and c.weight is None]
        using = [s for s in rulebook.schemes.values() if rule.id in s.rule_leaves()]
        if rule.id not in weights or not cases or not using:
            continue
        if any(leaf_weight(using[0], rule.id, _year(c, rule)) != weights[rule.id] for c in cases):
            path = test_file_for(rule)
            text = path.read_text(encoding="utf-8")
            pinned, count = re.subn(rf"(?m)^rule: *{re.escape(rule.id)} *\n",
                                    f"rule: {rule.id}\nscheme: {using[0].id}   # pinned by `jixiao new scheme "
                                    f"{scheme_id}`: these cases assume its weights\n", text, count=1)
            if count:
                pins[path] = pinned.encode("utf-8")
    return pins


def _year(case: RuleCase, rule) -> int:
    return case.year or int(rule.effective_from[:4])


def _scalar(text: str) -> str:
    return yaml.safe_dump(text, allow_unicode=True, width=10_000).removesuffix("\n...\n").strip()


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


__all__ = ["Leaf", "leaves_from_file", "leaves_from_options", "new_scheme", "scheme_text"]
