"""Sensitivity: hand-checked hinges and margins, and the corners against brute-force sampling."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluehelmet.tracing import trace
from bluehelmet.tracing.demo import DEMO_YAML, demo_case
from bluehelmet.tracing.sensitivity import leader_of, sensitivity
from bluehelmet.tracing.units import Unit
from bluehelmet.tracing.update import posterior_path

from .cases import write

# Demo case (see test_units): final (a, b, c) = (0.38, 0.60, 0.02); b leads, a runs up.


def test_demo_hinges_on_the_group_not_on_e1() -> None:
    s = trace(demo_case()).sensitivity
    hinges = s.hinges.set_index("unit")
    # g1 (e2 used) moved against b: b 0.6 -> 0.5, a 0.2 -> 0.3:
    #   a: 0.95 * 0.3 = 0.285 > b: 0.5 * 0.5 = 0.25 -> a leads.
    assert bool(hinges.loc["g1", "flips_leader"])
    assert hinges.loc["g1", "new_leaders"] == "a"
    # e1 moved against b: b 0.5 -> 0.4, a 0.95 -> 1.0: a 1.0 * 0.2 = 0.2 < b 0.4 * 0.6 = 0.24.
    assert not bool(hinges.loc["e1", "flips_leader"])
    # b's lowest posterior over e1's corners: b 0.4 and c 0.15 (a stays 0.95):
    # b 0.24 / (0.19 + 0.24 + 0.03) = 0.5217 (the corner favouring a gives 0.24 / 0.45 = 0.533)
    assert hinges.loc["e1", "lowest_leader_posterior"] == pytest.approx(0.24 / 0.46)


def test_breakeven_factor_and_flip_delta_by_hand() -> None:
    s = trace(demo_case()).sensitivity
    assert s.breakeven_factor == pytest.approx(0.60 / 0.38)
    # Every likelihood shifted by d against b in favour of a (a's e1 capped at 1 from d = 0.05):
    # (0.5 - d)(0.6 - d) = (0.95 + d)(0.2 + d)  ->  0.11 = 2.25 d  ->  d = 0.0489, i.e. 0.049.
    assert s.flip_delta == pytest.approx(0.049)
    assert 0.11 / 2.25 <= s.flip_delta < 0.11 / 2.25 + 0.001


@pytest.mark.parametrize(("factor", "holds"), [(1.2, True), (1.3, False)])
def test_prior_check_moves_the_odds_by_the_factor_squared(
    tmp_path: Path, factor: float, holds: bool
) -> None:
    # The corner divides b's prior by f and multiplies a's by f: the odds b:a (1.579) move by
    # f**2: 1.44 (holds) or 1.69 (flips). c is 30 times behind b, never a threat.
    text = DEMO_YAML + f"sensitivity: {{prior_factor: {factor}}}\n"
    s = trace(write(tmp_path, text)).sensitivity
    assert bool(s.holds.set_index("kind").loc["prior", "leader_holds"]) is holds


def test_explicit_ranges_replace_the_default(tmp_path: Path) -> None:
    # Narrow the group's likelihoods (e2) to +-0.01: a 0.21, b 0.59 -> a 0.1995 < b 0.295.
    text = DEMO_YAML.replace(
        "likelihoods: {a: {p: 0.2}, b: {p: 0.6}, c: {p: 0.2}}",
        "likelihoods: {a: {p: 0.2, range: [0.19, 0.21]}, b: {p: 0.6, range: [0.59, 0.61]},"
        " c: {p: 0.2}}",
    )
    s = trace(write(tmp_path, text)).sensitivity
    assert not s.hinges["flips_leader"].any()


def test_uninformative_case_has_no_single_leader(tmp_path: Path) -> None:
    text = """\
case: {id: u, title: U, outcome: O.}
hypotheses:
  - {id: a, label: A, predicts: []}
  - {id: b, label: B, predicts: []}
evidence:
  - {id: e1, description: D., source_type: press, citation: X,
     likelihoods: {a: {p: 0.5}, b: {p: 0.5}}}
"""
    t = trace(write(tmp_path, text))
    assert t.leader is None
    assert t.sensitivity.holds["settings"].tolist() == [0, 0, 0]
    assert t.sensitivity.flip_delta is None


def _units(like: np.ndarray, low: np.ndarray, high: np.ndarray) -> list[Unit]:
    return [
        Unit(f"u{i}", (f"u{i}",), (f"u{i}",), like[i], low[i], high[i], i) for i in range(len(like))
    ]


@st.composite
def boxes(draw: st.DrawFn) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    k, n = draw(st.integers(2, 4)), draw(st.integers(1, 4))
    values = st.floats(0.05, 0.95)
    like = np.array(
        draw(st.lists(st.lists(values, min_size=k, max_size=k), min_size=n, max_size=n))
    )
    delta = draw(st.floats(0.0, 0.2))
    priors = np.array(draw(st.lists(st.floats(0.1, 1), min_size=k, max_size=k)))
    return priors / priors.sum(), like, np.clip(like - delta, 0, 1), np.clip(like + delta, 0, 1)


@settings(max_examples=40, deadline=None)
@given(boxes(), st.randoms(use_true_random=False))
def test_corners_agree_with_random_settings_inside_the_ranges(
    box: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], rng: object
) -> None:
    # Independent check of the corner argument: sample settings inside the ranges at random.
    priors, like, low, high = box
    leader = leader_of(posterior_path(priors, like)[-1])
    s = sensitivity(_units(like, low, high), priors, [str(i) for i in range(len(priors))], 0, 2)
    holds = s.holds.set_index("kind")["leader_holds"]
    hinges = s.hinges.set_index("unit")["flips_leader"]
    seed = rng.randint(0, 2**32 - 1)  # type: ignore[attr-defined]
    gen = np.random.default_rng(seed)
    for _ in range(100):
        sample = gen.uniform(low, high)
        if leader is not None and holds["joint"]:
            assert leader_of(posterior_path(priors, sample)[-1]) == leader
        for i in range(len(like)):
            one = like.copy()
            one[i] = sample[i]
            if leader is not None and not hinges[f"u{i}"]:
                assert leader_of(posterior_path(priors, one)[-1]) == leader
    # Each joint corner rebuilt here from its row's names: the leader changes exactly where
    # the table says it does not hold.
    for _, row in s.perturbations[s.perturbations["kind"] == "joint"].iterrows():
        a, b = int(row["against"]), int(row["favouring"])
        moved = like.copy()
        moved[:, a], moved[:, b] = low[:, a], high[:, b]
        kept = leader is not None and leader_of(posterior_path(priors, moved)[-1]) == leader
        assert kept == row["leader_holds"]
