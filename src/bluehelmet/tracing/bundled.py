"""The bundled example cases: one row each with its outcome and leading hypothesis."""

from __future__ import annotations

import pandas as pd

from bluehelmet.errors import BluehelmetError
from bluehelmet.tracing.load import bundled_files, load_case
from bluehelmet.tracing.trace import trace

COLUMNS = [
    "id", "title", "outcome", "leader", "label", "posterior", "leader_holds", "file", "problem",
]  # fmt: skip


def bundled_cases() -> pd.DataFrame:
    """Every bundled case traced: id, title, outcome, leading hypothesis and its posterior.

    ``leader_holds`` says whether the leader survives every sensitivity check. A file that
    fails its checks keeps a row with the error in ``problem`` (other columns empty).

    >>> df = bundled_cases()
    >>> list(df.columns[:3])
    ['id', 'title', 'outcome']
    """
    rows: list[dict[str, object]] = []
    for stem, path in bundled_files().items():
        try:
            result = trace(load_case(path))
        except BluehelmetError as exc:
            rows.append({"id": stem, "file": path.name, "problem": str(exc)})
            continue
        leader = result.leader
        posterior = result.result.set_index("hypothesis")["posterior"]
        rows.append(
            {
                "id": result.case.id,
                "title": result.case.info.title,
                "outcome": " ".join(result.case.info.outcome.split()),
                "leader": leader or "(tie)",
                "label": result.case.label(leader) if leader else "",
                "posterior": posterior[leader] if leader else posterior.max(),
                "leader_holds": bool(result.sensitivity.holds["leader_holds"].all()),
                "file": path.name,
                "problem": "",
            }
        )
    df = pd.DataFrame(rows, columns=COLUMNS)
    return df.astype({"posterior": "Float64", "leader_holds": "boolean"}).fillna(
        {c: "" for c in COLUMNS if c not in ("posterior", "leader_holds")}
    )
