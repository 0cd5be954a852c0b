"""The raw durable-rules side of the peer workload: the four rules in durable-rules' own JSON
ruleset form, run through its own Python API (a Host, actions named by `run`), and a runner
returning the same finding tuples as workload.reference(). Rule setup is not timed; run() is.

How it meets the engine's traps (the project's DURABLE_RULES.md):
- one Host per process, its background timer threads never started (`_run` does nothing): every
  action is run here, by draining the ruleset after each case's assert;
- facts, not events (an event is consumed by the first rule that fires on it);
- one session per case (`sid`), deleted once its actions are drained (at most 1024 may live);
- each fact has an explicit id, from a fixed set checked once not to collide in the engine's
  32-bit hash (each case's ids are checked to be in that set);
- an exception inside an action is swallowed by the engine: each action is wrapped, and a
  failure stops the run;
- an `$or` fires once per branch that matches: R2 and R3 are written as branches that exclude
  each other (R2: unpaid | paid after due; R3: no task | a task but no basis).
"""

from __future__ import annotations

import copy

from durable import engine as durable

RULESET = "peer"

# The condition of R4 each of its three rules checks: R4 fires once per condition not met.
_R4 = {"R4_records_kept": "records_kept", "R4_sampling_required": "sampling_required",
       "R4_sampling_done": "sampling_done"}


def _fact(kind: str, *conditions: dict) -> dict:
    return {"m": {"$and": [{"t": kind}, *conditions]}}


RULES = {
    # R1: a collaborating operator with money allocated keeps no separate account
    "R1": {"all": [_fact("operator", {"role": "collaborating"}, {"$gt": {"allocated": 0}},
                         {"separate_account": False})], "run": "R1"},
    # R2: a tranche unpaid, or paid after its due date (ISO dates compare as strings)
    "R2_unpaid": {"all": [_fact("tranche", {"$nex": {"paid": 1}})], "run": "R2"},
    "R2_late": {"all": [_fact("tranche", {"$ex": {"paid": 1}}, {"$gt": {"paid": {"$m": "due"}}})], "run": "R2"},
    # R3: an operating-cost line without a task, or with a task but without a basis
    "R3_no_task": {"all": [_fact("line", {"cost_type": "operating"}, {"task": ""})], "run": "R3"},
    "R3_no_basis": {"all": [_fact("line", {"cost_type": "operating"}, {"$neq": {"task": ""}}, {"basis": ""})],
                    "run": "R3"},
    # R4: each condition of the record policy not met
    **{rule: {"all": [_fact("records", {condition: False})], "run": rule} for rule, condition in _R4.items()},
}


def fnv1a32(text: str) -> int:
    """durable-rules' fact identity: a 32-bit FNV-1a hash of the fact's id (C `char` signed)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ ((byte - 256 if byte > 127 else byte) & 0xFFFFFFFF)) * 16777619) & 0xFFFFFFFF
    return value


def fact_ids() -> list[str]:
    """Every fact id a case of the workload can hold (workload.gen_case: up to 11 operators,
    3 tranches, 24 cost lines, one record policy)."""
    return ([f"operator:op{k}" for k in range(1, 12)] + [f"tranche:t{k}" for k in range(1, 4)]
            + [f"line:L{k:02d}" for k in range(1, 25)] + ["records"])


class DurablePeer:
    name = "durable-rules (raw: JSON ruleset, Host actions)"

    def setup(self) -> None:
        ids = fact_ids()
        if len({fnv1a32(i) for i in ids}) != len(ids):
            raise RuntimeError("two fact ids of a case share durable-rules' 32-bit hash")
        self._ids = frozenset(ids)
        self._found: list[tuple] = []
        self._errors: list[str] = []
        found, errors = self._found, self._errors

        def action(rule: str):
            def record(c):
                try:
                    fact = c.m
                    if rule in _R4:
                        found.append((fact.sid, "R4", _R4[rule]))
                    else:
                        found.append((fact.sid, rule, fact.entity))
                except Exception as exc:  # swallowed by the engine otherwise
                    errors.append(f"{rule}: {exc!r}")
            return record

        class SyncHost(durable.Host):
            def _run(self) -> None:  # no background timer threads: actions are drained in run()
                pass

            def get_action(self, name: str):
                return action(name)

        self._host = SyncHost()
        self._host.set_rulesets({RULESET: copy.deepcopy(RULES)})  # registration removes `run`: a copy
        self._ruleset = self._host.get_ruleset(RULESET)

    def prepare(self, cases: list[dict]) -> list[dict]:
        return cases

    def run(self, cases: list[dict]) -> list[tuple]:
        host, ruleset, found, errors = self._host, self._ruleset, self._found, self._errors
        ids = self._ids
        found.clear()
        for case in cases:
            sid = case["case_id"]
            facts = [dict(o, t="operator", sid=sid, entity=o["id"], id="operator:" + o["id"]) for o in case["operators"]]
            facts += [dict(t, t="tranche", sid=sid, entity=t["id"], id="tranche:" + t["id"]) for t in case["tranches"]]
            facts += [dict(ln, t="line", sid=sid, entity=ln["id"], id="line:" + ln["id"]) for ln in case["cost_lines"]]
            facts.append(dict(case["records"], t="records", sid=sid, id="records"))
            if not ids.issuperset([f["id"] for f in facts]):  # only ids checked not to collide
                raise RuntimeError(f"{sid}: a fact id outside fact_ids(): {sorted({f['id'] for f in facts} - ids)}")
            try:
                host.assert_facts(RULESET, facts)
            except durable.MessageNotHandledException:
                pass  # some facts match no rule: expected
            # The batch's actions are pending: run them all now (every action records a finding
            # or an error, so a pass that records neither leaves nothing pending), then free the
            # session (deleting one with actions pending crashed the process).
            while True:
                before = len(found) + len(errors)
                ruleset.dispatch()
                if len(found) + len(errors) == before:
                    break
            host.delete_state(RULESET, sid)
            if errors:
                raise RuntimeError(f"durable-rules actions failed on {sid}: {'; '.join(errors)}")
        return list(found)

