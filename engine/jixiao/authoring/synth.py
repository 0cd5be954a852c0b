"""Synthetic portfolios: `jixiao synth OUT_DIR --cases N --seed S`.

Each case is one of the bundled cases with its facts varied within plausible ranges:
payment dates and amounts, each operator's accounting and record practice, downtime,
survey results, delivered functions and modules, the evaluators' answers. A few cases
carry missing facts (their indicators cannot be assessed) and a few carry broken ones
(the check reports them and goes on). The same seed writes the same files.
"""

from __future__ import annotations

import copy
import csv
import datetime
import io
import random
import re
from decimal import Decimal
from pathlib import Path

import yaml

from ..disk import atomic
from ..load.case_folder import find_cases
from ..model.messages import Message
from ..model.problems import InputError, Problem
from ..disk.reading import read_capped
from ..load.readers import decode
from ..load.yaml_source import load_yaml, plain
from ..report.files import csv_bytes
from ..version import __version__

BROKEN_SHARE = 0.02
MISSING_SHARE = 0.05


def source_cases(facts: Path) -> list[Path]:
    """The complete cases under `facts` that synth varies: case folders with case.yaml and more
    than four other files (a case of a few tables would give a thin portfolio). Raises
    InputError when there is none."""
    bundled = [folder for folder in find_cases(facts) if sum(1 for _ in folder.iterdir()) > 5]
    if not bundled:
        raise InputError([Problem.said(facts, Message("synth.no_case"))])
    return bundled


def synth_lines(written: list[Path], out_dir: Path, seed: int, bundled: list[Path]) -> list[str]:
    """What `jixiao synth` says after synth_portfolio: how many cases, where, from which."""
    return [f"wrote {len(written)} cases under {out_dir} (seed {seed}, from {', '.join(str(b) for b in bundled)})"]


def synth_portfolio(facts: Path, out_dir: Path, cases: int, seed: int) -> tuple[list[Path], list[Path]]:
    """`cases` varied cases under `out_dir` (see synthesize), from the complete cases under
    `facts`; `out_dir` may not overlap `facts`. Returns (the case folders written, the cases
    varied). Raises InputError for an `out_dir` inside the facts or the reverse, no case to vary,
    or fewer than one case; OutputError when `out_dir` cannot be written."""
    atomic.check_apart(out_dir, [facts], option="OUT_DIR")
    bundled = source_cases(facts)
    if cases < 1:
        raise InputError([Problem.said("--cases", Message("synth.at_least_one"), found=cases)])
    return synthesize(bundled, out_dir, cases, seed), bundled


def synthesize(bundled: list[Path], out_dir: Path, cases: int, seed: int) -> list[Path]:
    """Write `cases` varied cases under `out_dir`, which is replaced as a whole (jixiao.disk.atomic):
    only a folder that is empty or holds nothing but what synth wrote (its manifest.json lists
    it) is replaced.
    Returns the case folders."""
    rnd = random.Random(seed)
    out_dir = Path(out_dir)
    templates = [_read_case(folder) for folder in bundled]
    written = []
    mark = {"jixiao": __version__, "written_by": "jixiao synth", "cases": cases, "seed": seed}
    # fsync off: thousands of small synthetic files; the swap still makes them appear at once
    with atomic.replacing(out_dir, whole=True, owned=True, fsync=False, option="OUT_DIR",
                          legacy=_written_before) as stage:
        for number in range(1, cases + 1):
            files = copy.deepcopy(rnd.choice(templates))
            case_id = f"synth-{number:05d}"
            files["case.yaml"]["case"] = case_id
            _vary(files, rnd)
            if rnd.random() < MISSING_SHARE:
                _drop_some(files, rnd)
            if rnd.random() < BROKEN_SHARE:
                _break_one(files, rnd)
            folder = f"{case_id}/{files['case.yaml']['year']}"
            for name, data in _case_files(files).items():
                stage.write(f"{folder}/{name}", data)
            written.append(out_dir / folder)
        stage.write_mark(mark)
    return written


def _written_before(path: str) -> bool:
    """What synth wrote before its manifest listed the files: the manifest, and the cases."""
    return path == atomic.MARK or re.match(r"^synth-\d{5}/\d{4}/[^/]+$", path) is not None


def _read_case(folder: Path) -> dict:
    files = {}
    for path in sorted(Path(folder).iterdir()):
        if path.suffix == ".csv":  # UTF-8 with or without BOM, or GBK: as jixiao reads facts
            text = decode(read_capped(path, path.name), path.name)
            files[path.name] = list(csv.DictReader(io.StringIO(text, newline="")))
        elif path.suffix == ".yaml":
            files[path.name] = plain(load_yaml(path))
    return files


def _vary(files: dict, rnd: random.Random) -> None:
    scale = Decimal(str(round(rnd.uniform(0.3, 3.0), 2)))
    for name in ("budget.csv", "disbursements.csv", "expenditures.csv", "operator_disbursements.csv",
                 "allocations.csv", "funding.csv"):
        for row in files.get(name, []):
            for column in ("amount", "planned_amount", "paid_amount", "audit_adjustment", "arranged", "in_place"):
                if row.get(column):
                    row[column] = str((Decimal(row[column]) * scale).quantize(Decimal("0.01")))
    for row in files.get("disbursements.csv", []):
        if rnd.random() < 0.3:
            row["paid_date"] = _shift(row["paid_date"], rnd.randint(-150, 120))
        if rnd.random() < 0.1 and row.get("paid_amount"):
            row["paid_amount"] = str((Decimal(row["paid_amount"]) * Decimal("0.9")).quantize(Decimal("0.01")))
    for row in files.get("operator_practices.csv", []):
        for column in ("separate_account", "attendance_records", "work_orders"):
            row[column] = rnd.choice(["yes", "yes", "no", "partial"])
    for row in files.get("observations.yaml", []):
        row["answer"] = rnd.choice(["yes", "yes", "yes", "partial", "no"])
    for row in files.get("expected_effects.yaml", []):
        row["achieved"] = rnd.choice(["yes", "partial", "partial", "no"])
    if isinstance(files.get("system_availability.yaml"), dict):
        files["system_availability.yaml"]["downtime_minutes"] = rnd.randint(0, 4000)
    for row in files.get("outcomes.yaml", []):
        if row["metric"].endswith("satisfaction") or row["metric"].endswith("usage"):
            row["value"] = round(rnd.uniform(0.75, 1.0), 4)
        elif row["metric"] == "new_functions":
            row["value"] = rnd.randint(10, 19)
    if isinstance(files.get("module_usage.yaml"), dict):
        files["module_usage.yaml"]["modules_without_effective_use"] = rnd.randint(0, 12)
    for row in files.get("contract_phases.csv", []):
        if row.get("accepted_on") and rnd.random() < 0.5:
            row["accepted_on"] = _shift(row["accepted_on"], rnd.randint(-90, 60))


def _shift(date_text: str, days: int) -> str:
    """Shift a date; a month-precision date (YYYY-MM) stays month-precision."""
    if len(date_text) == 7:
        year, month = map(int, date_text.split("-"))
        month += round(days / 30)
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        return f"{year:04d}-{month:02d}"
    return (datetime.date.fromisoformat(date_text) + datetime.timedelta(days=days)).isoformat()


def _drop_some(files: dict, rnd: random.Random) -> None:
    """Missing facts: an observation never answered, or a whole table not supplied."""
    observations = files.get("observations.yaml")
    if observations and rnd.random() < 0.5:
        observations.pop(rnd.randrange(len(observations)))
        return
    optional = [n for n in files if n not in ("case.yaml",)]
    name = rnd.choice(optional)
    del files[name]
    files["case.yaml"].get("sources", {}).pop(name.rsplit(".", 1)[0], None)


def _break_one(files: dict, rnd: random.Random) -> None:
    """Broken facts, as people type them: text in a number, an impossible date."""
    table = rnd.choice([n for n in files if n.endswith(".csv") and files[n]])
    row = files[table][0]
    column = next((c for c in ("amount", "paid_amount", "planned_amount", "in_place", "total") if row.get(c)), None)
    if column:
        row[column] = "约" + row[column]
    else:
        files["case.yaml"]["year"] = "二〇一七"


def _case_files(files: dict) -> dict[str, bytes]:
    """The bytes of each file of a case: CSV as Excel reads it (UTF-8 with BOM), YAML."""
    out = {}
    for name, content in files.items():
        if name.endswith(".csv"):
            buffer = io.StringIO()
            columns = list(dict.fromkeys(k for row in content for k in row))
            writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(content)
            out[name] = csv_bytes(buffer.getvalue())
        else:
            out[name] = yaml.safe_dump(content, allow_unicode=True, sort_keys=False).encode("utf-8")
    return out
