"""Tables for the web: plain values (ISO dates, None for missing), JSON records, CSV downloads."""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
from fastapi.responses import JSONResponse, Response

from bluehelmet.output import neutralise_formulas


def _values(column: pd.Series) -> list[Any]:
    """A column as plain Python values: dates as ``YYYY-MM-DD``, missing values as None."""
    if pd.api.types.is_datetime64_any_dtype(column):
        column = column.dt.strftime("%Y-%m-%d")
    return column.to_numpy(dtype=object, na_value=None).tolist()


def plain(df: pd.DataFrame) -> pd.DataFrame:
    """A copy with dates as ``YYYY-MM-DD`` strings and every missing value as None.

    >>> plain(pd.DataFrame({"d": pd.to_datetime(["2000-01-02", None])})).d.tolist()
    ['2000-01-02', None]
    """
    columns = {col: pd.Series(_values(df[col]), index=df.index, dtype=object) for col in df}
    return pd.DataFrame(columns, index=df.index, columns=df.columns)


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values, ready for JSON.

    >>> records(pd.DataFrame({"n": pd.array([1, None], dtype="Int64"), "x": [0.5, None]}))
    [{'n': 1, 'x': 0.5}, {'n': None, 'x': None}]
    """
    names = list(df.columns)
    columns = [_values(df[col]) for col in names]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


NOTES_HEADER = "X-Bluehelmet-Notes"


def table_answer(df: pd.DataFrame, format: str, name: str) -> Any:
    """An API answer: the table as a CSV download ``<name>.csv`` for ``format="csv"``, else as
    JSON records. What a filter did with uncertain dates (``df.attrs["notes"]``) travels in
    the :data:`NOTES_HEADER` header of either.

    >>> table_answer(pd.DataFrame({"a": [1]}), "json", "t")
    [{'a': 1}]
    >>> df = pd.DataFrame({"a": [1]}); df.attrs["notes"] = ["1 operation with an unknown end"]
    >>> table_answer(df, "json", "t").headers[NOTES_HEADER]
    '1 operation with an unknown end'
    """
    answer = csv_response(df, name) if format == "csv" else records(df)
    notes = df.attrs.get("notes") or []
    if not notes:
        return answer
    if isinstance(answer, list):
        answer = JSONResponse(answer)
    # header values are Latin-1: the notes' dashes and accents become ASCII
    text = " | ".join(notes).replace("\u2013", "-").encode("ascii", "replace").decode()
    answer.headers[NOTES_HEADER] = text
    return answer


def filename(name: str) -> str:
    """A safe download name: letters, digits, dot, dash and underscore only.

    >>> filename("UNAVEM I events")
    'UNAVEM-I-events.csv'
    """
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") + ".csv"


def csv_response(df: pd.DataFrame, name: str) -> Response:
    """The table as a CSV download (UTF-8, ISO dates, empty cells for missing values); text
    cells a spreadsheet would run as formulas get a leading ``'`` (CSV injection).

    >>> csv_response(pd.DataFrame({"a": [1]}), "t").body
    b'a\\n1\\n'
    """
    body = neutralise_formulas(plain(df)).to_csv(index=False, lineterminator="\n")
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename(name)}"'},
    )
