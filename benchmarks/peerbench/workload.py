# Copied unchanged from /work/shared/peerbench/workload.py, the project's shared peer workload (see its
# README there); the header below is the original's.
"""Synthetic "project-year" compliance workload + plain-Python reference evaluator.

A finding is the tuple (case_id, rule, entity):
  R1 entity = operator id, R2 = tranche id, R3 = cost-line id,
  R4 = name of the failed condition (records_kept | sampling_required | sampling_done).
"""
import datetime as _dt
import random

SEED = 20240617
TASKS = ["design", "prototype", "testing", "field_trial", "evaluation", "dissemination"]
SUBJECTS = ["personnel", "equipment", "materials", "travel", "outsourcing",
            "meetings", "printing", "consumables"]
R4_CONDS = ("records_kept", "sampling_required", "sampling_done")
SHARES = (0.4, 0.4, 0.2)
DUE_MD = ((3, 31), (7, 31), (11, 30))


def gen_case(rng, i):
    cid = f"C{i:06d}"
    ops = []
    for k in range(rng.randint(7, 11)):                       # ~9 operators
        ops.append({
            "id": f"op{k + 1}",
            "role": "lead" if k == 0 else "collaborating",
            # ~12 % have nothing allocated (edge: allocated == 0 is NOT a violation)
            "allocated": 0 if rng.random() < 0.12 else rng.randrange(1, 500) * 1_000_000,
            "separate_account": rng.random() >= 0.45,        # 45 % lack a separate account
        })
    total = sum(o["allocated"] for o in ops)
    year = rng.randint(2019, 2024)
    tranches = []
    for k, (share, (m, d)) in enumerate(zip(SHARES, DUE_MD)):
        due = _dt.date(year, m, d)
        t = {"id": f"t{k + 1}", "share": share, "due": due.isoformat(),
             "amount": round(total * share)}
        r = rng.random()
        if r < 0.15:
            pass                                               # unpaid: key missing
        elif r < 0.40:
            t["paid"] = (due + _dt.timedelta(days=rng.randint(1, 60))).isoformat()   # late
        elif r < 0.50:
            t["paid"] = due.isoformat()                        # edge: on the due date
        else:
            t["paid"] = (due - _dt.timedelta(days=rng.randint(1, 30))).isoformat()
        tranches.append(t)
    lines = []
    for k in range(rng.randint(16, 24)):                       # ~20 cost-estimate lines
        lines.append({
            "id": f"L{k + 1:02d}",
            "operator": rng.choice(ops)["id"],
            "subject": rng.choice(SUBJECTS),
            "cost_type": "operating" if rng.random() < 0.6 else "labour",
            "task": "" if rng.random() < 0.35 else rng.choice(TASKS),
            "basis": "" if rng.random() < 0.35 else f"quote {rng.randint(1000, 9999)} x unit price",
        })
    records = {c: rng.random() >= 0.35 for c in R4_CONDS}
    return {"case_id": cid, "operators": ops, "tranches": tranches,
            "cost_lines": lines, "records": records}


def generate(n, seed=SEED):
    rng = random.Random(seed)
    return [gen_case(rng, i) for i in range(n)]


def reference(cases):
    out = []
    app = out.append
    for c in cases:
        cid = c["case_id"]
        for o in c["operators"]:
            if o["role"] == "collaborating" and o["allocated"] > 0 and o["separate_account"] is False:
                app((cid, "R1", o["id"]))
        for t in c["tranches"]:
            p = t.get("paid")
            if p is None or p > t["due"]:                     # ISO dates compare as strings
                app((cid, "R2", t["id"]))
        for ln in c["cost_lines"]:
            if ln["cost_type"] == "operating" and (ln["task"] == "" or ln["basis"] == ""):
                app((cid, "R3", ln["id"]))
        r = c["records"]
        for k in R4_CONDS:
            if r[k] is False:
                app((cid, "R4", k))
    return out


def violation_rates(cases):
    """Share of entities that violate, per rule (sanity check for the 30-50 % target)."""
    f = reference(cases)
    n_ops = sum(len(c["operators"]) for c in cases)
    n_tr = sum(len(c["tranches"]) for c in cases)
    n_ln = sum(len(c["cost_lines"]) for c in cases)
    n_cond = 3 * len(cases)
    cnt = {r: 0 for r in ("R1", "R2", "R3", "R4")}
    for _, r, _ in f:
        cnt[r] += 1
    return {"R1": cnt["R1"] / n_ops, "R2": cnt["R2"] / n_tr, "R3": cnt["R3"] / n_ln,
            "R4": cnt["R4"] / n_cond,
            "entities": n_ops + n_tr + n_ln + len(cases), "findings": len(f)}
