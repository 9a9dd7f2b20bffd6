"""What the process-tracing pages and API show for a bundled case (presentation only)."""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from bluehelmet.figures.trace import posterior_path_spec
from bluehelmet.tracing.trace import Trace
from bluehelmet.web.data import canonical_acronym
from bluehelmet.web.sections.tracing.charts import posterior_chart
from bluehelmet.web.sections.tracing.data import case_list, case_trace
from bluehelmet.web.tables import records

TABLES = ("result", "path", "ledger", "matrix", "holds", "hinges", "perturbations")
STATUS_TEXT = {"not_found": "not found"}


def probability(value: object) -> str:
    """A probability as the pages show it: three decimals, empty when missing.

    >>> probability(0.7081754), probability(None), probability(float("nan"))
    ('0.708', '', '')
    """
    if value is None or pd.isna(value):
        return ""
    return f"{float(value):.3f}"  # type: ignore[arg-type]


def decibans(value: object) -> str:
    """A weight of evidence in decibans with its sign, one decimal; ±∞ where a rival is ruled
    out or nothing else predicts the evidence; empty when undefined.

    >>> decibans(8.6421), decibans(-0.04), decibans(float("inf")), decibans(float("nan"))
    ('+8.6', '-0.0', '+∞', '')
    """
    if value is None or pd.isna(value):
        return ""
    number = float(value)  # type: ignore[arg-type]
    if math.isinf(number):
        return "+∞" if number > 0 else "-∞"
    return f"{number:+.1f}"


def label_infinite(df: pd.DataFrame) -> pd.DataFrame:
    """Infinite weights as the strings ``+inf`` / ``-inf`` (JSON has no infinity).

    >>> label_infinite(pd.DataFrame({"w": [1.5, float("inf")]}))["w"].tolist()
    [1.5, '+inf']
    """
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]) and out[col].abs().eq(math.inf).any():
            values = out[col].astype(object)
            out[col] = values.where(~out[col].eq(math.inf), "+inf").where(
                ~out[col].eq(-math.inf), "-inf"
            )
    return out


def _ledger(t: Trace) -> pd.DataFrame:
    """The ledger with each item's unit's weight of evidence per hypothesis (``woe_db_<h>``)."""
    steps = t.path[t.path["step"] > 0]
    woe = steps.pivot(index="unit", columns="hypothesis", values="woe_db")[t.case.hypothesis_ids]
    woe = woe.add_prefix("woe_db_").reset_index().rename_axis(columns=None)
    return t.ledger.merge(woe, on="unit", how="left")


@lru_cache(maxsize=64)
def case_tables(case_id: str) -> dict[str, pd.DataFrame]:
    """The tables of one bundled case by name (``TABLES``), infinite weights labelled.

    >>> sorted(case_tables("haiti-2004")) == sorted(TABLES)
    True
    """
    t = case_trace(case_id)
    s = t.sensitivity
    tables = {
        "result": t.result,
        "path": t.path,
        "ledger": _ledger(t),
        "matrix": t.matrix,
        "holds": s.holds,
        "hinges": s.hinges,
        "perturbations": s.perturbations,
    }
    return {name: label_infinite(df) for name, df in tables.items()}


@lru_cache(maxsize=64)
def case_detail(case_id: str) -> dict[str, Any]:
    """One case as JSON: the case, its leader, result, posterior path, ledger, predictions
    matrix and sensitivity summary.

    >>> case_detail("haiti-2004")["leader"]
    'group_psychological'
    """
    detail = case_trace(case_id).to_dict()
    # the web's ledger also carries each item's unit's weight of evidence per hypothesis
    detail["ledger"] = records(case_tables(case_id)["ledger"])
    return detail


def list_view() -> list[dict[str, Any]]:
    """The case list's rows with the posterior formatted as on the pages.

    >>> [r["id"] for r in list_view()][:2]
    ['drc-2000-2003', 'haiti-2004']
    """
    return [
        {**row, "shown_posterior": probability(row["posterior"])} for row in records(case_list())
    ]


def _links(t: Trace) -> dict[str, list[Any]]:
    links = t.case.info.links
    return {
        "resolutions": list(links.resolutions),
        "operations": [canonical_acronym(a) for a in links.operations],
        "meetings": list(links.meetings),
    }


def _ledger_rows(t: Trace, ledger: pd.DataFrame) -> list[dict[str, Any]]:
    names = t.case.hypothesis_ids
    rows = []
    for row in records(ledger):
        row["cells"] = [
            (h, probability(row[f"p_{h}"]), decibans(row[f"woe_db_{h}"])) for h in names
        ]
        rows.append(row)
    return rows


def _matrix_rows(t: Trace) -> list[dict[str, Any]]:
    rows = []
    for row in records(t.matrix):
        items = [e for e in t.case.evidence if row["observation"] in e.bears_on]
        row["items"] = [(e.id, STATUS_TEXT.get(e.finding, e.finding)) for e in items]
        row["status_text"] = STATUS_TEXT.get(row["status"], row["status"])
        row["label"] = t.case.label(row["hypothesis"])
        rows.append(row)
    return rows


@lru_cache(maxsize=64)
def case_view(case_id: str) -> dict[str, Any]:
    """Everything the case page shows.

    >>> case_view("sierra-leone-1999")["leader_posterior"]
    '0.708'
    """
    t = case_trace(case_id)
    tables = case_tables(case_id)
    labels = {h.id: str(h.label) for h in t.case.hypotheses}
    first_items = {u.id: f"#item-{u.items[0]}" for u in t.units}
    leader = t.leader
    posterior = t.result.set_index("hypothesis")["posterior"]
    hinges = t.sensitivity.hinges
    moved = hinges[hinges["flips_leader"] | hinges["changes_ranking"]]
    return {
        "case": t.case.info,
        "case_id": case_id,
        "file": Path(t.case.marks.name).name,
        "links": _links(t),
        "leader": leader,
        "leader_label": labels[leader] if leader else "",
        "leader_posterior": probability(posterior[leader]) if leader else "",
        "labels": labels,
        "result": [
            {
                **r,
                "prior": probability(r["prior"]),
                "posterior": probability(r["posterior"]),
                "woe_db": decibans(r["woe_db"]),
            }
            for r in records(t.result)
        ],  # fmt: skip
        "ledger": _ledger_rows(t, tables["ledger"]),
        "matrix": _matrix_rows(t),
        "chart": posterior_chart(
            posterior_path_spec(t.posteriors(), labels), first_items, t.case.info.title
        ),
        "steps": [
            {k: probability(v) if k in labels else v for k, v in r.items()}
            for r in records(t.posteriors())
        ],
        "holds": records(t.sensitivity.holds),
        "hinges": [
            {**r, "lowest_leader_posterior": probability(r["lowest_leader_posterior"])}
            for r in records(hinges)
        ],
        "moved": records(moved),
        "sensitivity": t.sensitivity,
        "breakeven": f"{t.sensitivity.breakeven_factor:.2f}",
    }
