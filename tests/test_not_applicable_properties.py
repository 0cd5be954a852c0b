"""Properties of normalising a total when indicators do not apply (hypothesis), on generated
two- and three-level schemes, random deductions, N/A and unassessed leaves, by both methods, at
precisions 0 to 3."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.check.scoring import round_half_up, score
from jixiao.model.results import Finding
from jixiao.model.schemes import Grade, Indicator, Scheme

MANY = settings(max_examples=200, deadline=None)


@st.composite
def cases(draw):
    """(scheme, findings, not_applicable, unassessed): a tree of 1–4 first-level indicators, each a
    leaf or a parent of 1–4 leaves (some of those parents of 1–3), weights in tenths of a point."""
    scheme = Scheme("s", "s", "", [Grade("优", Decimal(90)), Grade("良", Decimal(80)), Grade("中", Decimal(60)),
                                   Grade("差", Decimal(0))], not_applicable=draw(st.sampled_from(["rescale", "redistribute"])),
                    precision=draw(st.integers(min_value=0, max_value=3)))
    # weights in tenths of a point, in whole points for a scheme scored in whole points
    weights = st.integers(min_value=0, max_value=200).map(lambda n: Decimal(n) / 10 if scheme.precision else Decimal(n // 10))

    def add(ident: str, parent: str | None, level: int) -> Decimal:
        scheme.order.append(ident)
        children = draw(st.integers(min_value=0, max_value=4 if level < 3 else 0))
        child_ids = tuple(f"{ident}{i + 1}" for i in range(children))
        if children:
            weight = sum((add(c, ident, level + 1) for c in child_ids), Decimal(0))
        else:
            weight = draw(weights)
        scheme.indicators[ident] = Indicator(ident, ident, weight, parent, child_ids, level)
        return weight

    scheme.max = sum((add(r, None, 1) for r in "ABCD"[:draw(st.integers(min_value=1, max_value=4))]), Decimal(0))
    leaves = [leaf.id for leaf in scheme.leaves]
    findings = [Finding("r", "t", "f", leaf, Decimal(draw(st.integers(min_value=0, max_value=100))) / 100 * weight, "x",
                        "y", "", "s", ())
                for leaf in leaves for weight in [scheme.indicators[leaf].weight] if draw(st.booleans())]
    dropped = draw(st.lists(st.sampled_from(leaves), unique=True, max_size=len(leaves) - 1))
    open_ = draw(st.lists(st.sampled_from([leaf for leaf in leaves if leaf not in dropped] or leaves), unique=True))
    applicable = scheme.max - sum((scheme.indicators[d].weight for d in dropped), Decimal(0))
    if applicable == 0 or any(_weightless(scheme, p, dropped) for p in scheme.indicators):
        dropped = []  # nothing left to normalise over: refused with the declarations (judgement.py)
    return scheme, findings, {d: f"reason {d}" for d in dropped}, frozenset(o for o in open_ if o not in dropped)


def _weightless(scheme: Scheme, ident: str, dropped: list) -> bool:
    """A parent with weight whose applicable children all weigh nothing: there is nothing to give its weight to."""
    node = scheme.indicators[ident]
    applicable = [c for c in node.children if not _all_dropped(scheme, c, dropped)]
    return bool(node.children) and node.weight > 0 and applicable and \
        sum(scheme.indicators[c].weight for c in applicable) == 0


def _all_dropped(scheme: Scheme, ident: str, dropped: list) -> bool:
    node = scheme.indicators[ident]
    return ident in dropped if node.is_leaf else all(_all_dropped(scheme, c, dropped) for c in node.children)


@MANY
@given(cases())
def test_the_normalised_total_lies_within_zero_and_the_maximum(case):
    scheme, findings, dropped, unassessed = case
    table = score(scheme, findings, unassessed, dropped)
    assert Decimal(0) <= table.total <= scheme.max
    if dropped:
        assert table.raw_total <= table.applicable_weight == scheme.max - sum(scheme.indicators[d].weight for d in dropped)


@MANY
@given(cases())
def test_declaring_a_leaf_not_applicable_never_changes_another_leafs_raw_score(case):
    scheme, findings, dropped, unassessed = case
    before = score(scheme, findings, unassessed).rows
    after = score(scheme, findings, unassessed, dropped).rows
    assert [(r.id, r.score, r.assessed) for r in after if r.is_leaf and r.id not in dropped] == \
        [(r.id, r.score, r.assessed) for r in before if r.is_leaf and r.id not in dropped]
    assert all(r.score is None and r.not_applicable == f"reason {r.id}" for r in after if r.id in dropped)


@MANY
@given(cases(), st.randoms(use_true_random=False))
def test_the_order_of_declarations_and_findings_never_matters(case, rnd):
    scheme, findings, dropped, unassessed = case
    shuffled = list(dropped.items())
    rnd.shuffle(shuffled)
    others = list(findings)
    rnd.shuffle(others)
    assert score(scheme, others, unassessed, dict(shuffled)) == score(scheme, findings, unassessed, dropped)


@MANY
@given(cases())
def test_without_declarations_the_total_is_the_raw_sum(case):
    scheme, findings, _, unassessed = case
    table = score(scheme, findings, unassessed, {})
    assert (table.raw_total, table.normalisation) == (None, None)
    assert table.total == sum((r.score for r in table.rows if r.parent is None and r.score is not None), Decimal(0))


@MANY
@given(cases())
def test_normalised_scores_keep_the_precision_and_the_totals_add_the_rounded_leaves(case):
    scheme, findings, dropped, unassessed = case
    table = score(scheme, findings, unassessed, dropped)
    if not dropped:
        return
    normalised = {r.id: r.normalised for r in table.rows if r.normalised is not None}
    assert all(value == round_half_up(value, scheme.precision) for value in [*normalised.values(), table.total])
    roots = [r.id for r in scheme.roots if r.id in normalised]
    assert table.total == sum((normalised[r] for r in roots), Decimal(0))
    for ident, value in normalised.items():
        children = [c for c in scheme.indicators[ident].children if c in normalised]
        assert not children or value == sum(normalised[c] for c in children)
    assert table.total == sum((v for i, v in normalised.items() if scheme.indicators[i].is_leaf), Decimal(0))


@MANY
@given(cases())
def test_full_marks_on_what_applies_is_the_maximum(case):
    scheme, _, dropped, _ = case
    if dropped and all(scheme.indicators[i].weight == round_half_up(scheme.indicators[i].weight, scheme.precision)
                       for i in scheme.indicators):
        assert score(scheme, [], frozenset(), dropped).total == scheme.max
