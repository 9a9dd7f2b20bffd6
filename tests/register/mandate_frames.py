"""Small synthetic mandate_events and operations frames (typed as the packaged tables)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from bluehelmet.register.schema import columns

DTYPES = {
    "int": "Int64",
    "bool": "boolean",
    "str": "string",
    "list": "string",
    "date": "datetime64[ns]",
}


def typed(rows: list[dict[str, Any]], table: str) -> pd.DataFrame:
    """A frame with every column of ``table``, missing values empty (= not coded)."""
    cols = columns(table)
    data = {c.name: [row.get(c.name, pd.NA) for row in rows] for c in cols}
    df = pd.DataFrame(data)
    for c in cols:
        if c.kind == "date":
            df[c.name] = pd.to_datetime(df[c.name].astype(object).where(df[c.name].notna(), None))
        df[c.name] = df[c.name].astype(DTYPES[c.kind])
    return df


def event(
    operation: str, resolution: int, date: str, event: str = "extend", **values: Any
) -> dict[str, Any]:
    """One mandate event row (``verification`` ``text`` unless given)."""
    row: dict[str, Any] = {
        "operation": operation,
        "resolution": resolution,
        "date": date,
        "event": event,
        "verification": "text",
        "source": "un_sc_resolutions",
    }
    row.update(values)
    return row


def events(*rows: dict[str, Any]) -> pd.DataFrame:
    """A typed mandate_events frame of these rows."""
    return typed(list(rows), "mandate_events")


def operations(*rows: dict[str, Any]) -> pd.DataFrame:
    """A typed operations frame of these rows."""
    base = {"name": "x", "host_iso3": "SLE", "region": "Africa", "verification": "verified"}
    return typed([{**base, **row} for row in rows], "operations")
