"""Bayesian updating against posteriors computed by hand, and its invariants (property tests)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluehelmet.tracing import trace
from bluehelmet.tracing.update import posterior_path, update, weights_of_evidence

from .cases import BASE, SECOND_ITEM, write

THREE = """\
case: {id: three, title: Three, outcome: O.}
hypotheses:
  - {id: a, label: A, predicts: [{id: a1, text: x}]}
  - {id: b, label: B, predicts: [{id: b1, text: x}]}
  - {id: c, label: C, predicts: [{id: c1, text: x}]}
priors: {a: 0.5, b: 0.3, c: 0.2}
evidence:
  - id: e1
    description: D.
    source_type: interview
    citation: Interview 1
    likelihoods:
      a: {test: hoop}
      b: {test: hoop, passed: false}
      c: {test: straw_in_the_wind}
  - id: e2
    description: D.
    source_type: study
    citation: A study
    likelihoods:
      a: {test: smoking_gun, passed: false}
      b: {p: 0.5}
      c: {test: smoking_gun}
"""


def test_two_hypotheses_by_hand(tmp_path: Path) -> None:
    # Priors 0.5/0.5. e1: P(E|a)=0.8, P(E|b)=0.2 -> a: 0.4/(0.4+0.1) = 0.8.
    # e2: 0.3 vs 0.6 -> a: 0.8*0.3 = 0.24, b: 0.2*0.6 = 0.12 -> a = 0.24/0.36 = 2/3.
    t = trace(write(tmp_path, BASE + SECOND_ITEM))
    path = t.posteriors()
    assert path["a"].tolist() == pytest.approx([0.5, 0.8, 2 / 3])
    assert path["unit"].tolist() == ["prior", "e1", "e2"]
    # weight of evidence: e1 for a = 10 log10(0.8/0.2) = 6.0206; e2 for a = 10 log10(0.3/0.6)
    woe = t.path.set_index(["unit", "hypothesis"])["woe_db"]
    assert woe["e1", "a"] == pytest.approx(6.0206, abs=1e-4)
    assert woe["e2", "a"] == pytest.approx(-3.0103, abs=1e-4)
    assert woe["e2", "b"] == pytest.approx(3.0103, abs=1e-4)
    # total: posterior odds 2 over prior odds 1 -> 10 log10(2) = 3.0103
    assert t.result.set_index("hypothesis").loc["a", "woe_db"] == pytest.approx(3.0103, abs=1e-4)
    assert t.leader == "a"


def test_three_hypotheses_with_van_evera_defaults(tmp_path: Path) -> None:
    # e1: a hoop passed 0.95, b hoop failed 0.05, c straw passed 0.6
    # e2: a smoking gun failed 0.6, b 0.5, c smoking gun passed 0.4
    # a: 0.5*0.95*0.6 = 0.285; b: 0.3*0.05*0.5 = 0.0075; c: 0.2*0.6*0.4 = 0.048; sum 0.3405
    t = trace(write(tmp_path, THREE))
    final = t.result.set_index("hypothesis")["posterior"]
    assert final["a"] == pytest.approx(0.285 / 0.3405)
    assert final["b"] == pytest.approx(0.0075 / 0.3405)
    assert final["c"] == pytest.approx(0.048 / 0.3405)
    # after e1 alone: a 0.475, b 0.015, c 0.12 (sum 0.61)
    step1 = t.posteriors().iloc[1]
    assert step1["a"] == pytest.approx(0.475 / 0.61)
    # WoE of e1 for a: P(E|not a) = (0.3*0.05 + 0.2*0.6)/0.5 = 0.27; 10 log10(0.95/0.27)
    woe = t.path.set_index(["unit", "hypothesis"])["woe_db"]
    assert woe["e1", "a"] == pytest.approx(10 * math.log10(0.95 / 0.27))
    assert t.result["rank"].tolist() == [1, 3, 2]


def test_weight_of_evidence_edge_cases() -> None:
    prior = np.array([0.5, 0.5, 0.0])
    woe = weights_of_evidence(prior, np.array([0.0, 0.5, 0.5]))
    assert woe[0] == -math.inf  # P(E|a) = 0
    # for c, the rivals a (0.5, P=0) and b (0.5, P=0.5) mix to 0.25: 10 log10(0.5/0.25)
    assert woe[2] == pytest.approx(10 * math.log10(2))
    assert weights_of_evidence(np.array([0.5, 0.5]), np.array([0.7, 0.0]))[0] == math.inf
    assert np.isnan(weights_of_evidence(np.array([1.0, 0.0]), np.array([0.5, 0.5]))[0])


def test_impossible_evidence_is_refused() -> None:
    assert np.isnan(update(np.array([1.0, 0.0]), np.array([0.0, 0.9]))).all()


probabilities = st.floats(0.01, 1.0)


@st.composite
def ledgers(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray]:
    k = draw(st.integers(2, 5))
    n = draw(st.integers(1, 6))
    weights = np.array(draw(st.lists(st.floats(0.05, 1), min_size=k, max_size=k)))
    rows = draw(st.lists(st.lists(probabilities, min_size=k, max_size=k), min_size=n, max_size=n))
    return weights / weights.sum(), np.array(rows)


@settings(max_examples=200, deadline=None)
@given(ledgers(), st.randoms(use_true_random=False))
def test_order_of_independent_evidence_does_not_matter(
    ledger: tuple[np.ndarray, np.ndarray], rng: object
) -> None:
    priors, rows = ledger
    order = list(range(len(rows)))
    rng.shuffle(order)  # type: ignore[attr-defined]
    assert posterior_path(priors, rows[order])[-1] == pytest.approx(
        posterior_path(priors, rows)[-1], rel=1e-9, abs=1e-12
    )


@settings(max_examples=200, deadline=None)
@given(ledgers(), probabilities, st.integers(0, 6))
def test_uninformative_evidence_changes_nothing(
    ledger: tuple[np.ndarray, np.ndarray], p: float, where: int
) -> None:
    priors, rows = ledger
    flat = np.full((1, len(priors)), p)
    with_flat = np.insert(rows, min(where, len(rows)), flat, axis=0)
    assert posterior_path(priors, with_flat)[-1] == pytest.approx(
        posterior_path(priors, rows)[-1], rel=1e-9, abs=1e-12
    )
    assert weights_of_evidence(priors, flat[0]) == pytest.approx(np.zeros(len(priors)))


@settings(max_examples=200, deadline=None)
@given(ledgers(), st.data())
def test_failed_hoop_with_likelihood_zero_eliminates(
    ledger: tuple[np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    priors, rows = ledger
    k = len(priors)
    victim = data.draw(st.integers(0, k - 1))
    at = data.draw(st.integers(0, len(rows)))
    hoop = np.full((1, k), 0.95)
    hoop[0, victim] = 0.0
    path = posterior_path(priors, np.insert(rows, at, hoop, axis=0))
    assert (path[at + 1 :, victim] == 0).all()
    assert path[-1].sum() == pytest.approx(1.0)


@settings(max_examples=200, deadline=None)
@given(st.integers(2, 5), st.data())
def test_doubly_decisive_evidence_dominates_straws(k: int, data: st.DataObject) -> None:
    # Doubly decisive for h: 0.95 for h, 0.05 for every rival -> likelihood ratio 19 against
    # each rival. Up to seven straws in the wind (0.6 / 0.4 either way) move the odds by at most
    # 1.5**7 = 17.1 < 19, so h must lead whatever they say and wherever the item stands.
    h = data.draw(st.integers(0, k - 1))
    straws = data.draw(
        st.lists(st.lists(st.sampled_from([0.4, 0.6]), min_size=k, max_size=k), max_size=7)
    )
    decisive = np.full(k, 0.05)
    decisive[h] = 0.95
    rows = [np.array(s) for s in straws]
    rows.insert(data.draw(st.integers(0, len(rows))), decisive)
    final = posterior_path(np.full(k, 1 / k), np.array(rows))[-1]
    assert int(np.argmax(final)) == h
    assert (final[h] > np.delete(final, h)).all()


def test_doubly_decisive_with_zero_for_rivals_is_certain() -> None:
    rows = np.array([[0.4, 0.6, 0.6], [0.95, 0.0, 0.0], [0.4, 0.6, 0.4]])
    assert posterior_path(np.array([0.2, 0.5, 0.3]), rows)[-1].tolist() == [1.0, 0.0, 0.0]
