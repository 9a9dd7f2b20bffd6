"""Dependence groups count once: strongest member, explicit joint likelihoods, nesting."""

from __future__ import annotations

from pathlib import Path

import pytest

from bluehelmet.tracing import load_case, trace
from bluehelmet.tracing.demo import DEMO_YAML, demo_case
from bluehelmet.tracing.units import evidence_units

from .cases import write

# The demo case, uniform priors over a, b, c:
#   e1 = (0.95, 0.5, 0.05); e2 = (0.2, 0.6, 0.2); e3 = (0.4, 0.5, 0.4); group g1 = [e2, e3].
# Strength under the priors: e2's largest |WoE| is b's, 10 log10(0.6 / 0.2) = 4.77 dB;
# e3's is b's, 10 log10(0.5 / 0.4) = 0.97 dB -> g1 counts e2 only.
# After e1: (0.95, 0.5, 0.05) / 1.5; after e2: (0.19, 0.30, 0.01) / 0.5 = (0.38, 0.60, 0.02).
# Counting e3 as well would give (0.076, 0.15, 0.004) / 0.23 = (0.330, 0.652, 0.017).


def test_strongest_member_counts_once() -> None:
    t = trace(demo_case())
    assert t.result["posterior"].tolist() == pytest.approx([0.38, 0.60, 0.02])
    ledger = t.ledger.set_index("item")
    assert ledger["unit"].tolist() == ["e1", "g1", "g1"]
    assert ledger["counted"].tolist() == [True, True, False]
    assert t.posteriors()["unit"].tolist() == ["prior", "e1", "g1"]


def test_without_the_group_the_copy_would_count_twice(tmp_path: Path) -> None:
    text = DEMO_YAML.split("dependence:")[0]
    t = trace(write(tmp_path, text))
    assert t.result["posterior"].tolist() == pytest.approx(
        [0.076 / 0.23, 0.15 / 0.23, 0.004 / 0.23]
    )


def test_explicit_group_uses_the_joint_likelihoods(tmp_path: Path) -> None:
    # An uninformative joint likelihood: the posterior stays where e1 left it.
    text = DEMO_YAML.replace(
        "    members: [e2, e3]\n",
        "    members: [e2, e3]\n    combine: explicit\n"
        "    likelihoods: {a: {p: 0.3}, b: {p: 0.3}, c: {p: 0.3}}\n",
    )
    t = trace(write(tmp_path, text))
    assert t.result["posterior"].tolist() == pytest.approx([0.95 / 1.5, 0.5 / 1.5, 0.05 / 1.5])
    assert t.ledger["counted"].tolist() == [True, True, True]  # jointly
    assert t.units[1].used == ("e2", "e3")


def test_nested_groups(tmp_path: Path) -> None:
    # g2 = [g1, e1]. e1's largest |WoE| is c's: 10 log10(0.05 / 0.725) = -11.6 dB, stronger
    # than e2's 4.77 dB, so g2 counts e1 alone: (0.95, 0.5, 0.05) / 1.5.
    text = DEMO_YAML + "  - id: g2\n    members: [g1, e1]\n"
    case = load_case(write(tmp_path, text))
    units = evidence_units(case)
    assert [(u.id, u.items, u.used, u.position) for u in units] == [
        ("g2", ("e2", "e3", "e1"), ("e1",), 0)
    ]
    t = trace(case)
    assert t.result["posterior"].tolist() == pytest.approx([0.95 / 1.5, 0.5 / 1.5, 0.05 / 1.5])


def test_group_stands_where_its_first_item_stood(tmp_path: Path) -> None:
    text = DEMO_YAML.replace("members: [e2, e3]", "members: [e3, e1]")
    units = evidence_units(load_case(write(tmp_path, text)))
    assert [(u.id, u.used) for u in units] == [("g1", ("e1",)), ("e2", ("e2",))]


def test_explicit_group_nested_in_a_strongest_group(tmp_path: Path) -> None:
    # g1 explicit (0.01, 0.9, 0.01): b's WoE 10 log10(0.9 / 0.01) = 19.5 dB beats e1's 11.6 dB,
    # so g2 = [g1, e1] counts g1's joint likelihood: (0.01, 0.9, 0.01) / 0.92; e1 is not counted.
    text = DEMO_YAML.replace(
        "    members: [e2, e3]\n",
        "    members: [e2, e3]\n    combine: explicit\n"
        "    likelihoods: {a: {p: 0.01}, b: {p: 0.9}, c: {p: 0.01}}\n"
        "  - id: g2\n    members: [g1, e1]\n",
    )
    t = trace(write(tmp_path, text))
    assert t.result["posterior"].tolist() == pytest.approx([0.01 / 0.92, 0.9 / 0.92, 0.01 / 0.92])
    assert t.ledger.set_index("item")["counted"].to_dict() == {"e1": False, "e2": True, "e3": True}
