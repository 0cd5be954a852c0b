"""A floor for any Python pipeline over durable-rules on the peer workload: the leanest run of
jixiao's own compiled rulesets that still agrees with the reference, to put the targets in
proportion (what jixiao does beyond it is validation, findings, scores and checks).

Per case: the workload's records as jixiao's fact tables (peerbench.jixiao_peer.records_of,
the same conversion jixiao in memory times), only the cells some rule's condition reads parsed
by jixiao's own cell parsers (with the texts each has seen), each fact written as the engine's
JSON in one string, one native assert of the case, the matches drained off the action queue and
the session deleted, each match mapped to (case_id, rule, entity). Nothing else: no other
column validated, no key or required-value check, no Fact objects, no derived tables, no
integrity or plausibility notes, no findings' text, no deductions or scores.

It reaches into jixiao.durable.session's private parts on purpose (the ruleset a rule list
compiles to, its native handle; the drain loop of jixiao.durable.drain): it measures the engine underneath, not an
interface. tests/test_peer_bench.py keeps it agreeing with the reference.
"""

from __future__ import annotations

from decimal import Decimal

import durable_rules_engine as native
from durable import engine as durable

from jixiao.check.rulebook import in_force, load_rulebook
from jixiao.durable import session
from jixiao.durable.drain import drain_rules
from jixiao.durable.encoding import _quote, engine_field
from jixiao.load.cells import parsers_for

from .jixiao_peer import RULE_OF, RULES_DIR, SCHEME, case_id_of, records_of, year_of


def _json(value) -> str:
    kind = type(value)
    if kind is str:
        return _quote(value)
    if kind is Decimal:
        return format(value, "f")  # the engine cannot parse exponents
    if kind is int:
        return str(value)
    return _quote(getattr(value, "latest", str(value)))  # a date: its latest ISO day, as jixiao sends it


class DurableFloor:
    name = "durable-rules floor (jixiao's rulesets, cells read only)"

    def setup(self) -> None:
        rulebook = load_rulebook(RULES_DIR)
        self._engine = session.rules_engine()
        self._rulebook = rulebook
        self._plans: dict[int, tuple] = {}  # year -> (ruleset, {table: its encoding plan})

    def _plan(self, year: int) -> tuple:
        plan = self._plans.get(year)
        if plan is None:
            _, rules = in_force(self._rulebook, SCHEME, year)
            name, bindings = self._engine._ruleset(rules, year)
            if bindings:
                raise RuntimeError("the floor does not assert bound instances' facts: the peer rules have none")
            tables = {}
            for table, read in session._fields_read(rules, year).items():
                schema = self._rulebook.schemas.tables[table]
                parsers = parsers_for(schema)
                columns = tuple((column, f",{_quote(engine_field(column))}:", parsers[column]) for column in sorted(read))
                tables[table] = (f',"t":{_quote(table)}', _quote(f"{table}:")[:-1], columns, schema.label)
            plan = self._plans[year] = (self._engine._rulesets[name], tables)
        return plan

    def prepare(self, cases):
        return cases

    def run(self, cases) -> list[tuple]:
        found: list[tuple] = []
        matched: set = set()

        def on_matches(rule_id: str, frames) -> None:
            for frame in frames:
                matched.add((rule_id, frame["m"]["id"]))

        for case in cases:
            ruleset, tables = self._plan(year_of(case))
            session_id = case_id_of(case)
            quoted = _quote(session_id)
            start = f'{{"sid":{quoted},"id":'
            written, labels = [], {}
            for table, rows in records_of(case).items():
                kind, ident, columns, label = tables[table]
                for index, record in enumerate(rows, start=1):
                    parts = [start, ident, str(index), '"', kind]
                    for column, prefix, parse in columns:
                        raw = record.get(column)
                        if raw is None:
                            continue
                        value = parse.seen.get(raw)
                        if value is None:
                            value = parse(raw)
                            if value is None:
                                continue
                        parts += (prefix, _json(value))
                    parts.append("}")
                    written.append("".join(parts))
                    ident_of = f"{table}:{index}"
                    labels[ident_of] = record.get(label, ident_of)  # (jixiao names a fact by its label, else its id)
            written.append(f'{{"sid":{quoted},"id":"{session.SESSION_RULE}","t":"{session.SESSION_RULE}"}}')
            payload = "[" + ",".join(written) + "]"
            try:
                ruleset._handle_result(native.assert_facts(ruleset._handle, payload), payload)
            except durable.MessageNotHandledException:
                pass  # some facts match no rule
            matched.clear()
            drain_rules(ruleset, on_matches)
            ruleset.delete_state(session_id)
            found += [(case["case_id"], RULE_OF[rule], labels[fact]) for rule, fact in matched if rule in RULE_OF]
        return found
