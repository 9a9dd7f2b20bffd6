"""Operation dates with their precision: the period each date stands for, and time tests
that keep apart what the dates show, what they leave open, and what they rule out.

A date of precision ``month`` or ``year`` stands for that whole month or year (its day,
and for ``year`` its month, are placeholders). An ``unknown`` date has no value. An
operation that is ``active`` with no end date runs on (open-ended): that is not
uncertainty. Every test returns ``yes`` (the dates show it), ``maybe`` (only an unknown
or imprecise date leaves it open) or ``no``; :func:`uncertain_note` says in one line what
a caller did with the ``maybe`` rows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bluehelmet.options import Uncertain, check

#: Stand-ins for "no bound" (before and after any real date).
EARLIEST, LATEST = pd.Timestamp("1700-01-01"), pd.Timestamp("2200-12-31")


def check_uncertain(uncertain: str) -> None:
    """Raise UsageError unless ``uncertain`` is ``include`` or ``exclude``.

    >>> check_uncertain("include")
    >>> check_uncertain("ignore")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: unknown uncertain 'ignore'; use include, exclude
    """
    check("uncertain", uncertain, Uncertain)


def period(dates: pd.Series, precision: pd.Series) -> tuple[pd.Series, pd.Series]:
    """First and last day each date may stand for (NaT where the date is unknown).

    >>> d = pd.Series(pd.to_datetime(["2018-03-01", "2018-03-01", None]))
    >>> lo, hi = period(d, pd.Series(["day", "month", "unknown"]))
    >>> hi.dt.strftime("%Y-%m-%d").tolist()
    ['2018-03-01', '2018-03-31', nan]
    """
    dates = pd.to_datetime(pd.Series(dates)).astype("datetime64[ns]")
    prec = pd.Series(precision, index=dates.index).astype("object")
    month = prec.eq("month").to_numpy(dtype=bool)
    year = prec.eq("year").to_numpy(dtype=bool)
    lo, hi = dates.copy(), dates.copy()
    lo[month] = dates[month].dt.to_period("M").dt.start_time
    hi[month] = dates[month].dt.to_period("M").dt.end_time.dt.normalize()
    lo[year] = dates[year].dt.to_period("Y").dt.start_time
    hi[year] = dates[year].dt.to_period("Y").dt.end_time.dt.normalize()
    return lo, hi


def spans(ops: pd.DataFrame) -> pd.DataFrame:
    """Bounds of each operation's start and end, with ``open_ended`` for active ones.

    ``start_min``/``start_max`` bound the start, ``end_min``/``end_max`` the end; an
    unknown bound is :data:`EARLIEST` or :data:`LATEST`, narrowed by the other date (an
    operation cannot end before it may have started, nor start after it may have ended).
    An open-ended operation's end is :data:`LATEST`.

    >>> ops = pd.DataFrame({"start_date": pd.to_datetime(["1990-08-01"]),
    ...     "start_precision": ["month"], "end_date": [pd.NaT], "end_precision": ["unknown"],
    ...     "active": [False]})
    >>> s = spans(ops).iloc[0]
    >>> str(s.start_max.date()), s.end_max == LATEST, bool(s.open_ended)
    ('1990-08-31', True, False)
    """
    start_lo, start_hi = period(ops["start_date"], ops["start_precision"])
    end_lo, end_hi = period(ops["end_date"], ops["end_precision"])
    active = ops["active"].astype("boolean").fillna(False).astype(bool)
    open_ended = active & end_lo.isna()
    out = pd.DataFrame({"open_ended": open_ended}, index=ops.index)
    out["start_min"] = start_lo.fillna(EARLIEST)
    out["end_max"] = end_hi.fillna(LATEST)
    out["start_max"] = start_hi.fillna(out["end_max"])
    out["end_min"] = end_lo.fillna(out["start_min"]).mask(open_ended, LATEST)
    return out[["start_min", "start_max", "end_min", "end_max", "open_ended"]]


def _within(lo: pd.Series, hi: pd.Series, c_lo: object, c_hi: object) -> pd.Series:
    """Whether the period ``lo``..``hi`` lies inside the sure stretch ``c_lo``..``c_hi``."""
    return (lo >= c_lo) & (hi <= c_hi) & (c_lo <= c_hi)  # type: ignore[operator]


def _relation(s: pd.DataFrame, o: pd.Series) -> pd.Series:
    """``yes``/``maybe``/``no``: were the operations ``s`` deployed at some time when ``o``
    (bounds of one operation or a window) was?

    Sure days of an operation are those from its latest possible start to its earliest
    possible end; its start and end days are sure too, so a start or end period that lies
    inside the other's sure days also settles it.
    """
    ruled_out = (s["start_min"] > o["end_max"]) | (s["end_max"] < o["start_min"])
    certain = s["start_max"].clip(lower=o["start_max"]) <= s["end_min"].clip(upper=o["end_min"])
    for lo, hi in (("start_min", "start_max"), ("end_min", "end_max")):
        certain |= _within(s[lo], s[hi], o["start_max"], o["end_min"])
        certain |= _within(
            pd.Series(o[lo], index=s.index), pd.Series(o[hi], index=s.index),
            s["start_max"], s["end_min"],
        )  # fmt: skip
    verdict = np.select([ruled_out.to_numpy(), certain.to_numpy()], ["no", "yes"], "maybe")
    return pd.Series(verdict, index=s.index)


def in_window(ops: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> pd.Series:
    """Whether each operation was deployed at some time from ``first`` to ``last``.

    >>> ops = pd.DataFrame({"start_date": pd.to_datetime(["1989-04-01", None, "2007-06-01"]),
    ...     "start_precision": ["day", "unknown", "month"],
    ...     "end_date": pd.to_datetime(["1990-03-01", "1999-01-01", None]),
    ...     "end_precision": ["month", "year", "unknown"], "active": [False] * 3})
    >>> in_window(ops, pd.Timestamp("2010-01-01"), pd.Timestamp("2012-12-31")).tolist()
    ['no', 'no', 'maybe']
    >>> in_window(ops, pd.Timestamp("1995-01-01"), pd.Timestamp("2007-12-31")).tolist()
    ['no', 'yes', 'yes']
    """
    window = pd.Series({"start_min": first, "start_max": first, "end_min": last, "end_max": last})
    return _relation(spans(ops), window)


def overlap(ops: pd.DataFrame, other: pd.Series) -> pd.Series:
    """Whether each operation in ``ops`` was deployed at the same time as ``other`` (a row).

    >>> ops = pd.DataFrame({"start_date": pd.to_datetime(["1990-08-01"]),
    ...     "start_precision": ["month"], "end_date": pd.to_datetime(["1999-01-01"]),
    ...     "end_precision": ["year"], "active": [False]})
    >>> unmil = pd.Series({"start_date": pd.Timestamp("2003-09-01"),
    ...     "start_precision": "month", "end_date": pd.Timestamp("2018-03-30"),
    ...     "end_precision": "day", "active": False})
    >>> overlap(ops, unmil).tolist()
    ['no']
    """
    return _relation(spans(ops), spans(other.to_frame().T).iloc[0])


_REASONS = {
    "both": ("unknown start and end dates", "unknown start and end dates"),
    "start": ("an unknown start date", "unknown start dates"),
    "end": ("an unknown end date", "unknown end dates"),
    "imprecise": (
        "a date known only to the month or year",
        "dates known only to the month or year",
    ),
}


def _why(start_precision: object, end_precision: object) -> str:
    start_unknown = not pd.isna(start_precision) and start_precision == "unknown"
    end_unknown = not pd.isna(end_precision) and end_precision == "unknown"
    if start_unknown:
        return "both" if end_unknown else "start"
    return "end" if end_unknown else "imprecise"


def inexact(start_precision: object, end_precision: object) -> str | None:
    """What is inexact about one operation's dates, or None when both are days (or open).

    >>> inexact("unknown", "unknown"), inexact("day", None)
    ('unknown start and end dates', None)
    """
    exact = ("day",)
    if str(start_precision) in exact and (pd.isna(end_precision) or end_precision in exact):
        return None
    return _REASONS[_why(start_precision, end_precision)][0]


def uncertain_note(rows: pd.DataFrame, what: str, action: str) -> str | None:
    """One line naming the ``rows`` an unknown or imprecise date left open, and ``action``.

    >>> rows = pd.DataFrame({"acronym": ["UNTAG", "UNTMIH"], "start_precision": ["day"] * 2,
    ...     "end_precision": ["unknown"] * 2})
    >>> uncertain_note(rows, "may have served in 2010", "included")
    '2 operations with unknown end dates (UNTAG, UNTMIH) may have served in 2010: included'
    """
    if rows.empty:
        return None
    why = [_why(a, b) for a, b in zip(rows["start_precision"], rows["end_precision"], strict=True)]
    parts = []
    for key in _REASONS:
        names = [str(a) for a, w in zip(rows["acronym"], why, strict=True) if w == key]
        if names:
            one, many = _REASONS[key]
            n = len(names)
            noun = f"{n} operation with {one}" if n == 1 else f"{n} operations with {many}"
            parts.append(f"{noun} ({', '.join(names)})")
    return f"{'; '.join(parts)} {what}: {action}"


def shown(df: pd.DataFrame) -> pd.DataFrame:
    """``start_date``/``end_date`` as text at their precision, for reading: ``2018-03-30``,
    ``2018-03`` (month), ``1999`` (year), ``unknown``, or ``open`` for an active operation.

    >>> ops = pd.DataFrame({"start_date": pd.to_datetime(["1990-08-01"]),
    ...     "start_precision": ["month"], "end_date": [pd.NaT], "end_precision": ["unknown"]})
    >>> shown(ops)[["start_date", "end_date"]].values.tolist()
    [['1990-08', 'unknown']]
    """
    out = df.copy()
    formats = {"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}
    for field in ("start", "end"):
        date, prec = f"{field}_date", f"{field}_precision"
        if date not in df.columns or prec not in df.columns:
            continue
        text = []
        for value, precision in zip(df[date], df[prec], strict=True):
            if pd.notna(value):
                text.append(pd.Timestamp(value).strftime(formats.get(str(precision), "%Y-%m-%d")))
            else:
                text.append("open" if pd.isna(precision) and field == "end" else "unknown")
        out[date] = pd.Series(text, index=df.index, dtype="string")
    return out
