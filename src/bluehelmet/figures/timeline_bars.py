"""The bars of an operations timeline, whoever draws them (matplotlib in ``figures.timeline``,
SVG on the web's operation page).

Solid pieces cover the days an operation surely served. Hatched pieces cover what the dates
leave open: a start or end known only to the month or year (its whole period is hatched), an
unknown end (hatched on to the chart's end) or an unknown start (hatched from the chart's
start). An open-ended operation (active, no end date) runs on, solid, to the chart's end.
Light module (pandas only).
"""

from __future__ import annotations

import pandas as pd

from bluehelmet.register.dates import period

#: The first and last day a date may stand for (both NaT when it is unknown).
Span = tuple[pd.Timestamp, pd.Timestamp]
#: One piece of a bar: left, right and whether it is hatched (the dates leave it open).
Piece = tuple[pd.Timestamp, pd.Timestamp, bool]


def date_spans(rows: pd.DataFrame) -> pd.DataFrame:
    """Operations' ``start_lo``/``start_hi`` and ``end_lo``/``end_hi`` (the periods their dates
    stand for, NaT where unknown) and ``open_ended`` (active with no end date).

    >>> rows = pd.DataFrame({"start_date": pd.to_datetime(["1999-01-01"]),
    ...     "start_precision": ["year"], "end_date": [pd.NaT], "end_precision": [None],
    ...     "active": [True]})
    >>> s = date_spans(rows).iloc[0]
    >>> f"{s.start_hi:%Y-%m-%d}", bool(s.open_ended)
    ('1999-12-31', True)
    """
    start_lo, start_hi = period(rows["start_date"], rows["start_precision"])
    end_lo, end_hi = period(rows["end_date"], rows["end_precision"])
    active = rows["active"].astype("boolean").fillna(False).astype(bool)
    spans = {"start_lo": start_lo, "start_hi": start_hi, "end_lo": end_lo, "end_hi": end_hi}
    return pd.DataFrame({**spans, "open_ended": active & end_lo.isna()}, index=rows.index)


def bar_pieces(
    start: Span, end: Span, open_ended: bool, since: pd.Timestamp, until: pd.Timestamp
) -> tuple[list[Piece], str]:
    """The (left, right, hatched) pieces of one bar from the periods of its two dates, on a
    chart from ``since`` to ``until``, and the label's note (which date is unknown, if any).

    >>> year = pd.Timestamp("2003-01-01"), pd.Timestamp("2003-12-31")
    >>> pieces, note = bar_pieces(year, (pd.NaT, pd.NaT), False, pd.Timestamp("1990"),
    ...                           pd.Timestamp("2024"))
    >>> [(f"{a:%Y-%m-%d}", f"{b:%Y-%m-%d}", h) for a, b, h in pieces], note
    ([('2003-01-01', '2003-12-31', True), ('2003-12-31', '2024-01-01', True)], ' (end unknown)')
    """
    (s_lo, s_hi), (e_lo, e_hi) = start, end
    if pd.isna(s_lo):
        unknown = pd.isna(e_lo) and not open_ended
        return [(since, until if pd.isna(e_hi) else e_hi, True)], (
            " (dates unknown)" if unknown else " (start unknown)"
        )
    pieces = [(s_lo, s_hi, True)] if s_lo < s_hi else []
    if open_ended:
        return [*pieces, (s_hi, until, False)], ""
    if pd.isna(e_lo):
        return [*pieces, (s_hi, until, True)], " (end unknown)"
    pieces.append((s_hi, e_lo, False))
    if e_lo < e_hi:
        pieces.append((e_lo, e_hi, True))
    return pieces, ""
