"""`jixiao synth --forms` (issue 14 item 5): synthetic self-evaluation forms whose planted slips
are exactly what jixiao's review rules report, and forms without a slip that jixiao finds
nothing in and recomputes to their own total."""

from __future__ import annotations

import csv
import io
import random
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.authoring.form_synth import SLIPS, form_bytes, synth_form, synth_forms
from jixiao.check.case import check_case
from jixiao.cli.main import main
from jixiao.model.problems import InputError

REVIEW = "form-review"


def review_kinds(result) -> set[str]:
    return {f.rule for f in result.findings if f.family == REVIEW}


def slips_of(out: Path) -> list[dict]:
    return list(csv.DictReader(io.StringIO((out / "slips.csv").read_text(encoding="utf-8-sig"))))


@pytest.fixture(scope="module")
def synthesized(tmp_path_factory):
    out = tmp_path_factory.mktemp("forms") / "out"
    rows = synth_forms(out, 48, seed=11, layout="mixed")
    return out, rows


def test_each_form_gets_exactly_the_findings_of_its_planted_slips(synthesized, rulebook):
    out, rows = synthesized
    assert rows == slips_of(out)
    mismatched = []
    for row in rows:
        result = check_case(out / row["folder"], rulebook)
        planted = set(filter(None, row["rules"].split(";")))
        if review_kinds(result) != planted:
            mismatched.append((row["folder"], row["slips"], sorted(planted), sorted(review_kinds(result))))
    assert mismatched == []


def test_every_kind_of_slip_is_planted_and_both_layouts_written(synthesized):
    _, rows = synthesized
    planted = Counter(slip for row in rows for slip in row["slips"].split(";") if slip)
    assert set(planted) == set(SLIPS)
    assert {row["layout"] for row in rows} == {"national", "yunnan-split"}
    assert sum(1 for row in rows if not row["slips"]) == 7  # forms written without a slip
    assert {rule for rules in SLIPS.values() for rule in rules} | {"form-group-points"} == {
        rule for row in rows for rule in row["rules"].split(";") if rule}


def test_the_same_seed_writes_the_same_files(tmp_path):
    synth_forms(tmp_path / "a", 3, seed=4, per_folder=3)
    synth_forms(tmp_path / "b", 3, seed=4, per_folder=3)
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert [str(f) for f in files] == ["manifest.json", "slips.csv", "synth-forms-00001/2020/case.yaml",
                                       "synth-forms-00001/2020/form-00001.xlsx",
                                       "synth-forms-00001/2020/form-00002.xlsx",
                                       "synth-forms-00001/2020/form-00003.xlsx"]
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10**9), layout=st.sampled_from(["national", "yunnan-split"]))
def test_a_form_without_slips_gets_no_review_finding_and_its_own_total(tmp_path_factory, rulebook, seed, layout):
    form = synth_form(random.Random(seed), slips=0)
    folder = tmp_path_factory.mktemp("clean") / "case" / str(form.year)
    folder.mkdir(parents=True)
    (folder / "form.xlsx").write_bytes(form_bytes(form, layout))
    (folder / "case.yaml").write_text(f"case: clean\nyear: {form.year}\nscheme: self-evaluation\nproject: x\n",
                                      encoding="utf-8")
    result = check_case(folder, rulebook)
    assert review_kinds(result) == set()
    assert not result.scores.provisional
    assert result.scores.total == result.case.tables["form_header"][0].values["total_score"]


def test_synth_forms_on_the_command_line(tmp_path, capsys):
    out = tmp_path / "forms"
    assert main(["synth", str(out), "--forms", "5", "--per-folder", "2", "--seed", "3"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"wrote 5 self-evaluation forms in 3 case folders under {out} (seed 3); 3 carry slips, listed with the rules "
        f"that must report them in {out}/slips.csv"]
    assert [(r["folder"], r["form"]) for r in slips_of(out)] == [
        ("synth-forms-00001/2020", "form-00001"), ("synth-forms-00001/2020", "form-00002"),
        ("synth-forms-00002/2022", "form-00003"), ("synth-forms-00002/2022", "form-00004"),
        ("synth-forms-00003/2023", "form-00005")]


@pytest.mark.parametrize("arguments, message, zh", [
    (["--forms", "0"], "--forms: must be at least 1", "--forms：至少为 1"),
    (["--forms", "2", "--per-folder", "0"], "--per-folder: must be at least 1", "--per-folder：至少为 1"),
])
def test_synth_forms_refuses_nonsense(tmp_path, arguments, message, zh):
    """In either language (it was English only)."""
    with pytest.raises(InputError) as error:
        synth_forms(tmp_path / "x", int(arguments[1]), 0, int(arguments[3]) if len(arguments) > 2 else 1)
    assert str(error.value.problems[0]).startswith(message)
    assert error.value.problems[0].render("zh").startswith(zh)
