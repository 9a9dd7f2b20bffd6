"""Tables for the web: plain values (ISO dates, None for missing), JSON records, CSV downloads."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from fastapi.responses import Response


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with dates as ``YYYY-MM-DD`` strings and every missing value as None.

    >>> plain(pd.DataFrame({"d": pd.to_datetime(["2000-01-02", None])})).d.tolist()
    ['2000-01-02', None]
    """
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out.astype(object).where(out.notna(), None)


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values, ready for JSON.

    >>> records(pd.DataFrame({"n": pd.array([1, None], dtype="Int64")}))
    [{'n': 1}, {'n': None}]
    """
    return plain(df).to_dict("records")


def filename(name: str) -> str:
    """A safe download name: letters, digits, dot, dash and underscore only.

    >>> filename("UNAVEM I events")
    'UNAVEM-I-events.csv'
    """
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") + ".csv"


def csv_response(df: pd.DataFrame, name: str) -> Response:
    """The table as a CSV download (UTF-8, ISO dates, empty cells for missing values).

    >>> csv_response(pd.DataFrame({"a": [1]}), "t").body
    b'a\\n1\\n'
    """
    body = plain(df).to_csv(index=False, lineterminator="\n")
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename(name)}"'},
    )
