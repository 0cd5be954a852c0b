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
