# Copied unchanged from /work/shared/peerbench/zen_peer.py, the project's shared peer workload (see its
# README there); the header below is the original's.
"""The zen-engine side of the peer workload: the four rules as a zen decision graph, and a
runner returning the same finding tuples as workload.reference(). zen-engine is on the package
index (`pip install zen-engine`). Rule setup is not timed; run() is."""
import json

def _zen_table(node_id, input_field, output_path, hit, inputs, outputs, rules, mode="loop"):
    return {"id": node_id, "name": node_id, "type": "decisionTableNode",
            "position": {"x": 0, "y": 0},
            "content": {"hitPolicy": hit,
                        "inputs": [{"id": i, "name": i, "field": f} for i, f in inputs],
                        "outputs": [{"id": o, "name": o, "field": f} for o, f in outputs],
                        "rules": [dict(r, _id=f"{node_id}_{k}") for k, r in enumerate(rules)],
                        "passThrough": False, "inputField": input_field,
                        "outputPath": output_path, "executionMode": mode}}


def zen_graph():
    nodes = [
        {"id": "in", "name": "request", "type": "inputNode", "position": {"x": 0, "y": 0}},
        {"id": "out", "name": "response", "type": "outputNode", "position": {"x": 0, "y": 0}},
        _zen_table("R1", "operators", "r1", "first",
                   [("role", "role"), ("alloc", "allocated"), ("sep", "separate_account")],
                   [("oid", "id")],
                   [{"role": '"collaborating"', "alloc": "> 0", "sep": "false", "oid": "id"}]),
        # zen cannot compare strings with '>', so ISO dates go through d()
        _zen_table("R2", "tranches", "r2", "first", [("paid", "paid")], [("oid", "id")],
                   [{"paid": "$ == null", "oid": "id"},
                    {"paid": "d($) > d(due)", "oid": "id"}]),
        _zen_table("R3", "cost_lines", "r3", "first",
                   [("ct", "cost_type"), ("task", "task"), ("basis", "basis")], [("oid", "id")],
                   [{"ct": '"operating"', "task": '""', "basis": "", "oid": "id"},
                    {"ct": '"operating"', "task": "", "basis": '""', "oid": "id"}]),
        _zen_table("R4", "records", "r4", "collect",
                   [("rk", "records_kept"), ("sr", "sampling_required"), ("sd", "sampling_done")],
                   [("cond", "cond")],
                   [{"rk": "false", "sr": "", "sd": "", "cond": '"records_kept"'},
                    {"rk": "", "sr": "false", "sd": "", "cond": '"sampling_required"'},
                    {"rk": "", "sr": "", "sd": "false", "cond": '"sampling_done"'}],
                   mode="single"),
    ]
    pairs = [("in", "R1"), ("in", "R2"), ("in", "R3"), ("in", "R4"),
             ("R1", "out"), ("R2", "out"), ("R3", "out"), ("R4", "out")]
    edges = [{"id": f"e{i}", "sourceId": s, "targetId": t, "type": "edge"}
             for i, (s, t) in enumerate(pairs)]
    return {"nodes": nodes, "edges": edges}


class Zen:
    """Default: ZenEngine with a static loader, engine.evaluate(key, case).
    decision_obj=True: ZenEngine().create_decision(...).evaluate(case) -- same graph, but
    this path costs ~0.8 ms per call even for an empty graph in zen-engine 2.1.3."""

    def __init__(self, decision_obj=False):
        self.decision_obj = decision_obj
        self.name = ("zen-engine (ZenDecision.evaluate)" if decision_obj
                     else "zen-engine (ZenEngine.evaluate, static loader)")

    def setup(self):
        import zen
        if self.decision_obj:
            self._ev = zen.ZenEngine().create_decision(json.dumps(zen_graph())).evaluate
        else:
            eng = zen.ZenEngine({"loader": {"type": "static", "content": {"peer": zen_graph()}}})
            self._eng = eng
            self._ev = lambda ctx: eng.evaluate("peer", ctx)

    def run(self, cases):
        ev = self._ev
        out = []
        app = out.append
        for c in cases:
            cid = c["case_id"]
            res = ev(c)["result"]
            for rk, rule in (("r1", "R1"), ("r2", "R2"), ("r3", "R3")):
                for x in res[rk]:
                    if x:
                        app((cid, rule, x["id"]))
            for x in res["r4"]:
                app((cid, "R4", x["cond"]))
        return out


