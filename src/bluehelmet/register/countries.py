"""Country codes: ISO3, Gleditsch–Ward (GW) and Correlates of War (COW) numbers, with dates.

The crosswalk is the packaged ``gw_states.csv``: one row per period in which a GW
state's ISO3 and COW codes stay the same (GW 260 has two rows: COW 260 until German
unification, COW 255 after). Conversions are vectorised merges against it; with a date,
only the row in force on that date counts, which is what makes GW 345 → 340 (Serbia,
2006), COW 260 → 255 (Germany, 1990) and COW 678 → 679 (Yemen, 1990) come out right.
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Sequence
from functools import lru_cache
from typing import TypeAlias

import pandas as pd

from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.options import CodeScheme, CodeTarget, check
from bluehelmet.register.load import read_table

DateLike: TypeAlias = str | dt.date | pd.Timestamp
_NUMBERS = ("gwno", "cown")
#: How many distinct unmatched values a warning or error names.
SHOWN = 10


@lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    return read_table("gw_states")


def country_codes() -> pd.DataFrame:
    """The GW state list with ISO3 and COW codes (``gw_states.csv``), one row per period.

    >>> codes = country_codes()
    >>> codes.loc[codes.gwno == 260, ["start_date", "cown"]].astype(str).values.tolist()
    [['1949-09-21', '260'], ['1990-10-03', '255']]
    """
    return _table().copy()


def _check_schemes(source: str, target: str) -> None:
    check("source code", source, CodeScheme)
    check("target code", target, CodeTarget)
    if source == target:
        raise UsageError(f"source and target are both {source!r}; choose two different codes")


def _codes(values: pd.Series, source: str) -> pd.Series:
    """Normalise input codes: upper-case letters, or whole numbers (anything else is NA)."""
    if source in _NUMBERS:
        numbers = pd.to_numeric(values.astype("string").str.strip(), errors="coerce")
        return numbers.where(numbers % 1 == 0).astype("Int64")
    return values.astype("string").str.strip().str.upper()


def _dates(date: DateLike | Sequence[DateLike] | pd.Series | None, n: int) -> pd.Series:
    if date is None:
        return pd.Series(pd.NaT, index=range(n), dtype="datetime64[ns]")
    one = isinstance(date, str | dt.date | pd.Timestamp)
    given = pd.Series([date] if one else date).reset_index(drop=True)
    if not one and len(given) != n:
        raise UsageError(f"{len(given)} dates for {n} values; give one date or one per value")
    try:
        parsed = pd.to_datetime(given).astype("datetime64[ns]")
    except (ValueError, TypeError) as exc:
        raise UsageError(f"bad date ({exc}); use YYYY-MM-DD") from None
    return pd.Series(parsed.iloc[0], index=range(n)) if one else parsed


def _match(codes: pd.Series, dates: pd.Series, source: str, target: str) -> pd.DataFrame:
    """The crosswalk row for each position in force on its date (the latest row without one)."""
    rows = _table().dropna(subset=[source])[[source, target, "start_date", "end_date"]]
    left = pd.DataFrame({"pos": range(len(codes)), "code": codes.to_numpy(), "date": dates})
    merged = left.dropna(subset=["code"]).merge(rows, left_on="code", right_on=source)
    dated = merged["date"].notna()
    after_start = merged["start_date"].isna() | (merged["date"] >= merged["start_date"])
    before_end = merged["end_date"].isna() | (merged["date"] <= merged["end_date"])
    merged = merged[~dated | (after_start & before_end)]
    ordered = merged.sort_values(["pos", "start_date"], na_position="first", kind="stable")
    return ordered.drop_duplicates("pos", keep="last").set_index("pos")


def _unmatched(
    original: pd.Series, codes: pd.Series, out: pd.Series, source: str, target: str
) -> str:
    """One line naming the values without a result, each with the reason."""
    known = set(_table()[source].dropna())
    missing = original.notna().to_numpy() & out.isna().to_numpy()
    lost = pd.DataFrame({"value": original[missing].astype(str).to_numpy(), "code": codes[missing]})
    reasons: dict[str, str] = {}
    for value, code in lost.drop_duplicates("value").itertuples(index=False):
        if pd.isna(code) or code not in known:
            why = f"unknown {source} code"
        elif _has_target(source, code, target):
            why = "no state with that code on that date"
        else:
            why = f"no {target} for that state"
        reasons[value] = why
    shown = [f"{v} ({why})" for v, why in list(reasons.items())[:SHOWN]]
    more = f" and {len(reasons) - SHOWN} more" if len(reasons) > SHOWN else ""
    return (
        f"{int(missing.sum())} of {len(original)} value(s) got no {target}: "
        f"{', '.join(shown)}{more}"
    )


def _has_target(source: str, code: object, target: str) -> bool:
    table = _table()
    return bool(table.loc[table[source] == code, target].notna().any())


def convert_country(
    values: pd.Series | Sequence[object],
    source: CodeScheme = "iso3",
    target: CodeTarget = "gwno",
    date: DateLike | Sequence[DateLike] | pd.Series | None = None,
    strict: bool = False,
) -> pd.Series:
    """Convert country codes between ISO3, GW number (``gwno``), GW letters and COW number.

    ``date`` (one date, or one per value) picks the code in force then; without it, the
    current (latest) code. Values with no result are NA and a warning counts and names
    them; ``strict=True`` raises NotFoundError instead. Missing inputs stay NA silently.

    >>> convert_country(["DEU", "ITA", "SRB"], "iso3", "gwno", date="1995-06-30").tolist()
    [260, 325, 345]
    >>> convert_country([260, 678], "gwno", "cown", date="1985-01-01").tolist()
    [260, 678]
    >>> convert_country([260, 678], "gwno", "cown").tolist()
    [255, 679]
    >>> convert_country(["ESH"], strict=True)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: 1 of 1 value(s) got no gwno: ESH (unknown iso3 code); ...
    """
    _check_schemes(source, target)
    if isinstance(values, str | int):
        values = [values]
    original = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    codes = _codes(original.reset_index(drop=True), source)
    found = _match(codes, _dates(date, len(codes)), source, target)[target]
    dtype = "Int64" if target in _NUMBERS else "string"
    out = found.reindex(range(len(codes))).astype(dtype)
    out.index, out.name = original.index, target
    if (original.notna().to_numpy() & out.isna().to_numpy()).any():
        message = _unmatched(original, codes, out, source, target)
        if strict:
            raise NotFoundError(f"{message}; fix them or convert without strict to get NA")
        warnings.warn(f"convert_country: {message}", UserWarning, stacklevel=2)
    return out
