"""The jixiao side of the peer workload: the four rules as jixiao rules (rules/ beside this
file: one rule per family, their fact table schemas, the scheme `peer-compliance` with one
leaf per rule), the workload's cases as jixiao fact tables, and two runners returning the same
finding tuples as workload.reference():

- JixiaoInMemory: each case given as records ({table: [record, …]}) → jixiao's result, through
  jixiao's own validation (case_from_records), derivation, integrity and plausibility checks,
  durable-rules evaluation, findings and scores (assess_case);
- JixiaoFromFiles: the cases written as case folders first (case.yaml and a CSV file per
  table; not timed), then checked from disk the way `jixiao check DIR --no-write` does in one
  process (find_cases, then check_cases: each case loaded, validated and checked, with
  year-over-year matching; Python's collector tuned as the command tunes it), no output written.

A finding maps back to (case_id, rule, entity): the rule's R-number (RULE_OF), and the label
of each fact it matched (a per-rule finding matches several). Tables, with the workload's
fields: operators (amounts in 万元, the workload's 元 / 10,000; answers yes / no), tranches (an
unpaid one without `paid`), cost_lines (an empty task or basis left out), record_policy (one
row per condition, so that the per-match rule fires once per condition not met).
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from jixiao.check.case import assess_case
from jixiao.check.findings import label_of
from jixiao.check.rulebook import in_force, load_rulebook
from jixiao.check.runs import check_cases
from jixiao.collector import checking_many
from jixiao.durable.session import rules_engine
from jixiao.load.case_folder import case_from_records, find_cases
from jixiao.model.results import CheckResult

from .workload import R4_CONDS

RULES_DIR = Path(__file__).resolve().parent / "rules"
SCHEME = "peer-compliance"
RULE_OF = {"separate-accounting": "R1", "tranche-deadline": "R2", "cost-per-task": "R3", "record-policy": "R4"}
COLUMNS = {
    "operators": ("id", "role", "allocated", "separate_account"),
    "tranches": ("id", "share", "due", "amount", "paid"),
    "cost_lines": ("id", "operator", "subject", "cost_type", "task", "basis"),
    "record_policy": ("condition", "met"),
}


def _wan(yuan: int) -> str:
    """An amount in 元 as 万元, exactly (no float rounding)."""
    return format(Decimal(yuan).scaleb(-4).normalize(), "f")


def _answer(value: bool) -> str:
    return "yes" if value else "no"


def year_of(case: dict) -> int:
    """The check year: the year the tranches fall due in (workload.gen_case draws one per case)."""
    return int(case["tranches"][0]["due"][:4])


def case_id_of(case: dict) -> str:
    """jixiao's case id (lower case: it names output folders)."""
    return case["case_id"].lower()


def records_of(case: dict) -> dict[str, list[dict]]:
    """The workload's case as jixiao fact tables: {table: [record, …]}, values as typed in a
    fact file (text; an empty cell is left out)."""
    return {
        "operators": [{"id": o["id"], "role": o["role"], "allocated": _wan(o["allocated"]),
                       "separate_account": _answer(o["separate_account"])} for o in case["operators"]],
        "tranches": [{k: v for k, v in (("id", t["id"]), ("share", repr(t["share"])), ("due", t["due"]),
                                         ("amount", _wan(t["amount"])), ("paid", t.get("paid"))) if v is not None}
                     for t in case["tranches"]],
        "cost_lines": [{k: line[k] for k in COLUMNS["cost_lines"] if line[k] != ""} for line in case["cost_lines"]],
        "record_policy": [{"condition": c, "met": _answer(case["records"][c])} for c in R4_CONDS],
    }


def findings_of(result: CheckResult, case_id: str) -> list[tuple]:
    """(case_id, rule, entity) for every fact each finding of the result rests on."""
    schemas = result.schemas
    return [(case_id, RULE_OF[f.rule], label_of(row, schemas)) for f in result.findings for row in f.rows]


class JixiaoInMemory:
    name = "jixiao in memory (records → result)"

    def setup(self) -> None:
        self.rulebook = load_rulebook(RULES_DIR)
        self.engine = rules_engine()

    def prepare(self, cases: list[dict]) -> list[dict]:
        return cases

    def run(self, cases: list[dict]) -> list[tuple]:
        rulebook, engine, schemas = self.rulebook, self.engine, self.rulebook.schemas
        found: list[tuple] = []
        for case in cases:
            year = year_of(case)
            facts = case_from_records(f"{case['case_id']} (in memory)", case_id_of(case), year, SCHEME,
                                      records_of(case), schemas)
            scheme, rules = in_force(rulebook, SCHEME, year)
            found += findings_of(assess_case(facts, scheme, rules, rulebook, engine), case["case_id"])
        return found


def write_case_folders(cases: list[dict], directory: Path) -> None:
    """Each case as a case folder, <directory>/<case id>/<year>/: case.yaml and one CSV file per
    table (UTF-8). A folder that exists already is an error (FileExistsError): nothing is replaced."""
    for case in cases:
        year = year_of(case)
        folder = Path(directory) / case_id_of(case) / str(year)
        folder.mkdir(parents=True)
        (folder / "case.yaml").write_text(
            f"case: {case_id_of(case)}\nyear: {year}\nscheme: {SCHEME}\nproject: {case['case_id']}\n", encoding="utf-8")
        for table, records in records_of(case).items():
            with open(folder / f"{table}.csv", "w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, COLUMNS[table])
                writer.writeheader()
                writer.writerows(records)


class JixiaoFromFiles:
    name = "jixiao from fact files (case folders → result)"

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def setup(self) -> None:
        self.rulebook = load_rulebook(RULES_DIR)

    def prepare(self, cases: list[dict]) -> tuple[Path, dict[str, str]]:
        """Write the cases into a new folder under `directory`: (that folder, {jixiao case id: case_id})."""
        folder = self.directory / f"{len(cases)}-cases"
        write_case_folders(cases, folder)
        return folder, {case_id_of(c): c["case_id"] for c in cases}

    def run(self, written: tuple[Path, dict[str, str]]) -> list[tuple]:
        folder, ids = written
        found: list[tuple] = []
        with checking_many():  # the collector as `jixiao check` sets it for its process
            for run in check_cases(find_cases(folder), self.rulebook):
                if run.error is not None:
                    raise RuntimeError(f"{run.folder}: " + "; ".join(str(p) for p in run.error.problems))
                found += findings_of(run.result, ids[run.result.case.case])
        return found
