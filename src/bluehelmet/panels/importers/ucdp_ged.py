"""UCDP Georeferenced Event Dataset (GED): the full distributed CSV, or the year-only subset.

Full layout (GED 20.1 CSV): one row per event with ``id``, conflict/dyad/side ids,
``type_of_violence`` (1 state-based, 2 non-state, 3 one-sided), ``date_start``,
``date_end``, ``date_prec`` (1 exact day ... 5 only the year or a longer span),
``best``/``low``/``high`` and deaths by side (``deaths_a``, ``deaths_b``,
``deaths_civilians``, ``deaths_unknown``), ``country_id`` (Gleditsch-Ward) and
coordinates. Subset layout (``year, longitude, latitude, where_coordinates, best,
deaths_civilians``): no event id, month or conflict id, so :func:`ged_conflict_month`
refuses it with a one-line error and duplicates cannot be checked.

Monthly rule in :func:`ged_conflict_month`: an event whose ``date_start`` and
``date_end`` fall in one calendar month counts in that month. An event spanning months
is split over them in proportion to its days in each month only when ``date_prec`` is
1-3 (dates known to the week); with ``date_prec`` 4-5 the timing inside the window is
unknown, so the whole event counts in the month of ``date_start`` (counted in
``unsplit_events``). Conflict-months without events are absent; within coverage that
means no recorded event.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import Coverage, Imported, reject_duplicates, require_columns

FULL = "UCDP GED full CSV"
SUBSET = "UCDP GED subset"
FULL_INTS = (
    "id", "year", "type_of_violence", "conflict_new_id", "dyad_new_id", "side_a_new_id",
    "side_b_new_id", "number_of_sources", "where_prec", "country_id", "event_clarity",
    "date_prec", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
    "high", "low",
)  # fmt: skip
FULL_STRINGS = ("relid", "active_year", "conflict_name", "dyad_name", "side_a", "side_b", "country")
FULL_NEEDED = FULL_INTS + FULL_STRINGS + ("latitude", "longitude", "date_start", "date_end")
SUBSET_NEEDED = ("year", "longitude", "latitude", "where_coordinates", "best", "deaths_civilians")
DEATHS = ("best", "low", "high", "deaths_civilians")
SPLIT_PREC = 3


def _number(raw: pd.DataFrame, col: str, path: Path, *, integer: bool = True) -> pd.Series:
    values = pd.to_numeric(raw[col], errors="coerce")
    bad = values.isna() & raw[col].notna()
    if integer:
        bad |= values.notna() & (values % 1 != 0)
    if bad.any():
        raise DataFormatError(
            f"{path.name}: column {col!r} holds {raw.loc[bad, col].iloc[0]!r}; expected numbers"
        )
    return values.astype("Int64") if integer else values.astype("Float64")


def _read_subset(raw: pd.DataFrame, path: Path) -> Imported:
    data = pd.DataFrame({"year": _number(raw, "year", path)})
    for col in ("longitude", "latitude"):
        data[col] = _number(raw, col, path, integer=False)
    data["where_coordinates"] = raw["where_coordinates"].astype("string")
    for col in ("best", "deaths_civilians"):
        data[col] = _number(raw, col, path)
    coverage = Coverage(
        source="ucdp_ged_20_1",
        unit="event (subset layout)",
        start=str(data["year"].min()),
        end=str(data["year"].max()),
        note=(
            "subset layout: year, coordinates, place, best and civilian deaths only; no month, "
            "no conflict or event id, so monthly or conflict aggregation is refused"
        ),
    )
    return Imported(data=data, coverage=coverage)


def _read_full(raw: pd.DataFrame, path: Path) -> Imported:
    data = pd.DataFrame(index=raw.index)
    for col in FULL_INTS:
        data[col] = _number(raw, col, path)
    for col in ("latitude", "longitude"):
        data[col] = _number(raw, col, path, integer=False)
    for col in ("date_start", "date_end"):
        data[col] = pd.to_datetime(raw[col].str[:10], format="%Y-%m-%d", errors="coerce")
        if data[col].isna().any():
            bad = raw.loc[data[col].isna(), col].iloc[0]
            raise DataFormatError(f"{path.name}: column {col!r} holds {bad!r}; expected dates")
    kept = [c for c in raw.columns if c not in data.columns]
    for col in kept:
        data[col] = raw[col].astype("string")
    if data["id"].isna().any():
        raise DataFormatError(f"{path.name}: column 'id' has {data['id'].isna().sum()} blanks")
    reject_duplicates(data, ["id"], path)
    if (data["date_end"] < data["date_start"]).any():
        first = data.loc[data["date_end"] < data["date_start"], "id"].iloc[0]
        raise DataFormatError(f"{path.name}: column 'date_end' precedes date_start (id {first})")
    sides = data[["deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown"]].sum(axis=1)
    checks = {
        "best differs from the sum of deaths by side": sides != data["best"],
        "not low <= best <= high": (data["low"] > data["best"]) | (data["best"] > data["high"]),
    }
    for what, bad in checks.items():
        if bad.fillna(False).any():
            warnings.warn(f"{path.name}: {int(bad.sum())} events where {what}", stacklevel=3)
    coverage = Coverage(
        source="ucdp_ged_20_1",
        unit="event",
        start=data["date_start"].min().strftime("%Y-%m"),
        end=data["date_end"].max().strftime("%Y-%m"),
        note=f"{len(data)} events in {data['conflict_new_id'].nunique()} conflicts (all types)",
    )
    return Imported(data=data.sort_values("id", ignore_index=True), coverage=coverage)


def read_ucdp_ged(path: Path | str) -> Imported:
    """Read a UCDP GED CSV in the full distributed layout or the year-only subset layout.

    >>> import tempfile
    >>> tmp = Path(tempfile.mkdtemp()) / "ged.csv"
    >>> _ = tmp.write_text("year,longitude,latitude,where_coordinates,best,deaths_civilians\\n"
    ...     "2017,69.16,34.53,Kabul city,11,5\\n")
    >>> out = read_ucdp_ged(tmp)
    >>> out.coverage.unit, out.coverage.start, int(out.data["best"].sum())
    ('event (subset layout)', '2017', 11)
    """
    path = Path(path)
    raw = pd.read_csv(path, dtype=str)
    if "id" not in raw.columns and all(c in raw.columns for c in SUBSET_NEEDED):
        return _read_subset(raw, path)
    require_columns(raw, FULL_NEEDED, path, FULL)
    return _read_full(raw, path)


def _month_shares(events: pd.DataFrame) -> pd.DataFrame:
    """One row per event and month with the share of the event counted there."""
    start = events["date_start"].dt.to_period("M")
    end = events["date_end"].dt.to_period("M")
    spans = start != end
    split = spans & (events["date_prec"] <= SPLIT_PREC)
    whole = events[~split].assign(period=start[~split], share=1.0, unsplit=spans[~split])
    parts = []
    for _, ev in events[split].iterrows():
        days = pd.date_range(ev["date_start"], ev["date_end"], freq="D").to_period("M")
        counts = days.value_counts()
        for period, n in counts.items():
            parts.append(ev.to_frame().T.assign(period=period, share=n / len(days), unsplit=False))
    return pd.concat([whole, *parts], ignore_index=True) if parts else whole


def ged_conflict_month(imported: Imported) -> pd.DataFrame:
    """Sum best, low, high and civilian deaths per ``conflict_new_id`` and month (full layout).

    >>> ev = pd.DataFrame({"id": [1, 2], "conflict_new_id": [7, 7], "type_of_violence": [1, 1],
    ...     "date_prec": [2, 1], "best": [8, 3], "low": [8, 3], "high": [9, 3],
    ...     "deaths_civilians": [2, 0],
    ...     "date_start": pd.to_datetime(["2000-01-30", "2000-02-10"]),
    ...     "date_end": pd.to_datetime(["2000-02-02", "2000-02-10"])})
    >>> out = ged_conflict_month(Imported(ev, Coverage("ucdp_ged", "event", "2000-01", "2000-02")))
    >>> out["best"].tolist(), out["events"].tolist()
    ([4.0, 7.0], [1, 2])
    """
    data = imported.data
    if imported.coverage.unit != "event" or "conflict_new_id" not in data.columns:
        raise DataFormatError(
            f"{imported.coverage.source}: {imported.coverage.unit} has no month or conflict id; "
            "conflict-month aggregation needs the full GED layout"
        )
    cols = ["id", "conflict_new_id", "type_of_violence", "date_prec", "date_start", "date_end"]
    shares = _month_shares(data[cols + list(DEATHS)])
    for col in DEATHS:
        shares[col] = shares[col].astype("float64") * shares["share"].astype("float64")
    shares["unsplit"] = shares["unsplit"].astype(bool)
    out = (
        shares.groupby(["conflict_new_id", "period"])
        .agg(
            type_of_violence=("type_of_violence", "first"),
            events=("id", "nunique"),
            unsplit_events=("unsplit", "sum"),
            **{col: (col, "sum") for col in DEATHS},
        )
        .reset_index()
    )
    out["conflict_new_id"] = out["conflict_new_id"].astype("Int64")
    out["type_of_violence"] = out["type_of_violence"].astype("Int64")
    out["year"] = out["period"].dt.year.astype("Int64")
    out["month"] = out["period"].dt.month.astype("Int64")
    out["date"] = out["period"].dt.to_timestamp()
    out["unsplit_events"] = out["unsplit_events"].astype("Int64")
    out["events"] = out["events"].astype("Int64")
    first = ["conflict_new_id", "type_of_violence", "year", "month", "date", "events"]
    return out[first + list(DEATHS) + ["unsplit_events"]]
