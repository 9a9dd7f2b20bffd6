"""A small made-up case for examples and doctests (three hypotheses, numbers easy by hand)."""

from __future__ import annotations

from bluehelmet.tracing.case import Case
from bluehelmet.tracing.load import parse_case

DEMO_YAML = """\
case:
  id: demo
  title: A made-up case
  outcome: The Council adopts a force mandate.
  note: Invented numbers for examples; not a real case.
hypotheses:
  - id: a
    label: Hypothesis A
    predicts: [{id: a_debate, text: The debate turns on A.}]
  - id: b
    label: Hypothesis B
    predicts: [{id: b_memo, text: A memo shows B.}]
  - id: c
    label: Hypothesis C
    predicts: [{id: c_vote, text: The vote follows C.}]
evidence:
  - id: e1
    description: The debate turned on A.
    source_type: meeting_record
    citation: S/PV.4054
    bears_on: [a_debate]
    likelihoods:
      a: {test: hoop}
      b: {p: 0.5}
      c: {test: hoop, passed: false}
  - id: e2
    description: A memo points to B.
    source_type: un_document
    citation: S/1999/1003
    bears_on: [b_memo]
    likelihoods: {a: {p: 0.2}, b: {p: 0.6}, c: {p: 0.2}}
  - id: e3
    description: A second account of the same memo.
    source_type: press
    citation: A newspaper report
    bears_on: [b_memo]
    likelihoods: {a: {p: 0.4}, b: {p: 0.5}, c: {p: 0.4}}
dependence:
  - id: g1
    members: [e2, e3]
"""


def demo_case() -> Case:
    """The made-up demo case (``DEMO_YAML``): e1, then the group g1 of e2 and e3.

    >>> demo_case().hypothesis_ids
    ['a', 'b', 'c']
    """
    return parse_case(DEMO_YAML, "demo.yaml")
