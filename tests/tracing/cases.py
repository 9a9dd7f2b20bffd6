"""Small case files written for the tests (two hypotheses, one evidence item to start from)."""

from __future__ import annotations

from pathlib import Path

BASE = """\
case:
  id: t
  title: T
  outcome: O.
hypotheses:
  - id: a
    label: A
    predicts: [{id: a_obs, text: A obs.}]
  - id: b
    label: B
    predicts: [{id: b_obs, text: B obs.}]
priors: {a: 0.5, b: 0.5}
evidence:
  - id: e1
    description: D.
    source_type: press
    citation: X
    bears_on: [a_obs]
    likelihoods:
      a: {p: 0.8}
      b: {p: 0.2}
"""

SECOND_ITEM = """\
  - id: e2
    description: D2.
    source_type: memoir
    citation: Y
    bears_on: [b_obs]
    likelihoods:
      a: {p: 0.3}
      b: {p: 0.6}
"""


def write(folder: Path, text: str, name: str = "t.yaml") -> Path:
    """Write ``text`` to ``folder/name`` and return the path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def replaced(old: str, new: str, text: str = BASE) -> str:
    """``text`` with ``old`` (which must occur once) replaced by ``new``."""
    assert text.count(old) == 1, old
    return text.replace(old, new)
