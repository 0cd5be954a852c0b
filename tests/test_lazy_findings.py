"""A finding's text and evidence are built when first read (a batch of summary rows never reads
them), and are then what they would have been built at once."""

from __future__ import annotations

from jixiao.check.case import check_case
from jixiao.model.results import Deferred

from conftest import SHANGHAI_2017


def test_text_and_evidence_are_built_when_first_read_and_kept(rulebook):
    result = check_case(SHANGHAI_2017, rulebook)
    finding = next(f for f in result.findings if "|" not in rulebook_text(rulebook, f.rule))
    assert type(vars(finding)["text"]) is Deferred and type(vars(finding)["evidence"]) is Deferred
    text, evidence = finding.text, finding.evidence
    assert isinstance(text, str) and text and isinstance(evidence, tuple) and evidence
    assert vars(finding)["text"] is text and vars(finding)["evidence"] is evidence  # built once, kept
    assert finding.text is text


def test_a_finding_read_later_equals_one_read_at_once(rulebook, golden):
    again = check_case(SHANGHAI_2017, rulebook)
    texts = [f.text for f in golden.findings]
    assert [f.text for f in again.findings] == texts and len(texts) == len(set(texts)) > 5
    assert [f.evidence for f in again.findings] == [f.evidence for f in golden.findings]


def rulebook_text(rulebook, rule_id: str) -> str:
    return next(r.finding for r in rulebook.rules if r.id == rule_id)


def _peer_tranche_case(finding: str):
    """The peer benchmark's tranche rule with its text replaced by `finding`, checked on one late tranche."""
    import dataclasses
    from jixiao.check.case import assess_case
    from jixiao.check.rulebook import in_force, load_rulebook
    from jixiao.load.case_folder import case_from_records
    from conftest import ROOT

    rulebook = load_rulebook(ROOT / "benchmarks" / "peerbench" / "rules")
    scheme, rules = in_force(rulebook, "peer-compliance", 2020)
    rules = [dataclasses.replace(r, finding=finding) if r.id == "tranche-deadline" else r for r in rules]
    case = case_from_records("t", "t", 2020, "peer-compliance", {"tranches": [
        {"id": "t1", "share": "0.4", "due": "2020-03-31", "amount": "40", "paid": "2020-04-01"}]}, rulebook.schemas)
    return assess_case(case, scheme, rules, rulebook)


def test_a_text_formatting_a_number_is_rendered_when_read_and_says_the_number():
    finding, = _peer_tranche_case("批次 {id}（{share|pct}）应于 {due} 前拨付。").findings
    assert type(vars(finding)["text"]) is Deferred
    assert finding.text == "批次 t1（40%）应于 2020-03-31 前拨付。"


def test_a_text_formatting_text_as_a_number_fails_at_check_time():
    """Only a number format can fail to render: the check fails then, naming the placeholder,
    not when the text is first read."""
    from jixiao.check.findings import RuleError
    import pytest

    with pytest.raises(RuleError) as failure:
        _peer_tranche_case("批次 {id|pct} 未按期拨付。")
    assert failure.value.message == "placeholder {id|pct}: format |pct needs a number, found 't1'"
