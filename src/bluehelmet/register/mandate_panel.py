"""Every mandate, 1948–2026: one row per operation × mandate resolution, or per operation-month.

An empty coded value means *not coded* (for March 1994 – 1999 the register has no resolution
texts, so those rows are index-only): it never counts as a change from or to a value,
and it is never read as false.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.options import MandateUnit, check

#: Coded values of a mandate event (``event`` and ``verification`` are always given).
CODED_FIELDS = (
    "chapter_vii",
    "chapter_vii_scope",
    "force_authorised",
    "force_addressee",
    "force_purposes",
    "poc",
    "troop_ceiling",
    "police_ceiling",
    "tasks",
    "mandate_until",
)
#: Fields compared with the operation's previous resolution (``changed``).
CHANGE_FIELDS = (*CODED_FIELDS, "event")
#: ``;``-lists, compared as sets.
LIST_FIELDS = ("force_addressee", "force_purposes", "tasks")
VALUE_COLUMNS = ("event", *CODED_FIELDS, "verification")
#: Dates whose resolutions have no text in the shared corpora: 900 (4 March 1994; the
#: CR-UNSC texts end at 899, with 902 alone after it) to 1284, the last before the UN's XML.
NO_TEXT_FIRST, NO_TEXT_LAST = pd.Timestamp("1994-03-04"), pd.Timestamp("1999-12-31")
NOT_CODED = "not coded"
_NS = "datetime64[ns]"


def coded(events: pd.DataFrame) -> pd.Series:
    """Whether each row has any coded value (False: an index-only, not coded row).

    >>> rows = pd.DataFrame({f: [pd.NA, pd.NA] for f in CODED_FIELDS}).assign(poc=[pd.NA, False])
    >>> coded(rows).tolist()
    [False, True]
    """
    present = [events[f].notna() for f in CODED_FIELDS if f in events.columns]
    if not present:
        return pd.Series(False, index=events.index)
    return pd.concat(present, axis=1).any(axis=1)


def not_coded(events: pd.DataFrame) -> pd.Series:
    """Each row's empty coded fields, as a ``;``-list (empty string: every field coded).

    >>> rows = pd.DataFrame({f: [1] for f in CODED_FIELDS}).assign(poc=[pd.NA])
    >>> not_coded(rows).tolist()
    ['poc']
    """
    rows = events.reindex(columns=list(CODED_FIELDS)).isna().to_numpy()
    lists = [
        ";".join(f for f, empty in zip(CODED_FIELDS, row, strict=True) if empty) for row in rows
    ]
    return pd.Series(lists, index=events.index, dtype="string")


def _value(field: str, value: object) -> object:
    if field in LIST_FIELDS:
        return frozenset(str(value).split(";"))
    return value


def _compare(current: pd.Series, previous: pd.Series | None) -> tuple[str, str]:
    """(changed, not_coded): ``;``-lists of fields that differ, and of fields not compared."""
    if previous is None:
        missing = [f for f in CODED_FIELDS if pd.isna(current[f])]
        return "", ";".join(missing)
    changed, missing = [], []
    for field in CHANGE_FIELDS:
        a, b = previous[field], current[field]
        if pd.isna(a) or pd.isna(b):
            missing.append(field)
        elif _value(field, a) != _value(field, b):
            changed.append(field)
    return ";".join(changed), ";".join(missing)


def _resolution_panel(events: pd.DataFrame) -> pd.DataFrame:
    events = events.sort_values(["operation", "date", "resolution"], kind="stable")
    last: dict[str, pd.Series] = {}  # each operation's previous row
    rows = []
    for _, row in events.iterrows():
        previous = last.get(row["operation"])
        changed, missing = _compare(row, previous)
        rows.append((pd.NA if previous is None else previous["resolution"], changed, missing))
        last[row["operation"]] = row
    out = events[["operation", "resolution", "date", *VALUE_COLUMNS]].reset_index(drop=True)
    out["coded"] = coded(out).astype("boolean")
    extra = pd.DataFrame(rows, columns=["previous_resolution", "changed", "not_coded"])
    out["previous_resolution"] = extra["previous_resolution"].astype("Int64")
    out["changed"] = extra["changed"].astype("string")
    out["not_coded"] = extra["not_coded"].astype("string")
    return out


def _last_month(group: pd.DataFrame, end: object) -> tuple[pd.Timestamp, bool]:
    """The operation's last month and whether its end is known (else: last mandate or decision)."""
    if pd.notna(end):
        return pd.Timestamp(end), True
    last = group.iloc[-1]
    untils = group["mandate_until"].dropna()
    if last["event"] == "terminate":
        until = last["mandate_until"]
    else:
        until = untils.max() if len(untils) else pd.NaT
    return (max(last["date"], until) if pd.notna(until) else last["date"]), False


def _month_panel(events: pd.DataFrame, ends: pd.Series) -> pd.DataFrame:
    events = events.sort_values(["operation", "date", "resolution"], kind="stable")
    frames = []
    for acronym, group in events.groupby("operation", sort=True):
        last, known = _last_month(group, ends.get(acronym, pd.NaT))
        first = group["date"].iloc[0].to_period("M")
        months = pd.period_range(first, last.to_period("M"), freq="M")
        if not len(months):
            continue
        frames.append(
            pd.DataFrame(
                {
                    "operation": acronym,
                    "month_end": months.to_timestamp(how="end").normalize().astype(_NS),
                    "month_start": months.to_timestamp().astype(_NS),
                    "end_known": known,
                }
            )
        )
    columns = ["operation", "resolution", "date", *VALUE_COLUMNS]
    if not frames:
        names = ["operation", "month_start", *columns[1:], "period_until", "end_known"]
        return _typed_month(pd.DataFrame(columns=names))
    months = pd.concat(frames, ignore_index=True).sort_values("month_end", kind="stable")
    in_force = pd.to_datetime(events["date"]).astype(_NS)
    # the period in force: the latest mandate_until so far (a row without one carries it)
    untils = pd.to_datetime(events["mandate_until"]).groupby(events["operation"])
    period = untils.transform(lambda s: s.cummax().ffill())
    right = events[columns].assign(in_force=in_force, period_until=period)
    right = right.sort_values("in_force", kind="stable")
    months["operation"] = months["operation"].astype(object)
    right["operation"] = right["operation"].astype(object)
    out = pd.merge_asof(
        months,
        right.drop(columns="date"),
        left_on="month_end",
        right_on="in_force",
        by="operation",
        direction="backward",
    ).sort_values(["operation", "month_start"], kind="stable")
    out = out.rename(columns={"in_force": "date"}).astype({"operation": "string"})
    return _typed_month(out.reset_index(drop=True))


def _typed_month(out: pd.DataFrame) -> pd.DataFrame:
    start = pd.to_datetime(out["month_start"])
    row_coded = coded(out)
    until = pd.to_datetime(out["period_until"])
    in_gap = start.between(NO_TEXT_FIRST, NO_TEXT_LAST)
    before_gap = pd.to_datetime(out["date"]) < NO_TEXT_FIRST
    covered = (until.notna() & (start <= until)).astype(bool)
    out["coded"] = (row_coded & ~(in_gap & before_gap & ~covered)).astype("boolean")
    lapsed = start > until
    out["lapsed"] = lapsed.astype("boolean").mask(until.isna())
    out["month"] = start.dt.strftime("%Y-%m").astype("string")
    out["end_known"] = out["end_known"].astype("boolean")
    out["resolution_date"] = out["date"]
    return out[
        [
            "operation",
            "month",
            "resolution",
            "resolution_date",
            *VALUE_COLUMNS,
            "coded",
            "lapsed",
            "end_known",
        ]
    ]


def _pick_operation(name: str, known: list[str]) -> str:
    by_lower = {a.lower(): a for a in known}
    if name.lower() not in by_lower:
        raise NotFoundError(f"unknown operation {name!r}; see `bluehelmet operations`")
    return by_lower[name.lower()]


def mandate_panel(
    unit: str = "resolution",
    operation: str | None = None,
    start: int | None = None,
    end: int | None = None,
    *,
    events: pd.DataFrame | None = None,
    operations: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every mandate resolution (``unit="resolution"``) or operation-month (``"month"``).

    ``resolution``: one row per operation × mandate resolution in date order with the
    mandate after it, ``coded``, ``previous_resolution``, ``changed`` (fields that differ
    from the operation's previous resolution) and ``not_coded`` (fields not compared
    because a side is empty). ``month``: one row per operation × month from its first
    mandate resolution to its end (``end_known`` false: to its last mandate or decision)
    with the resolution in force, its values, ``coded`` and ``lapsed``. ``start``/``end``
    keep years; ``events``/``operations`` replace the packaged tables (columns as there).

    >>> p = mandate_panel(operation="UNAMSIL")
    >>> int(p.resolution.iloc[0]), int(p.previous_resolution.iloc[1])
    (1270, 1270)
    """
    from bluehelmet.register.query import _check_years, resolve_acronym

    check("unit", unit, MandateUnit)
    _check_years(start, end)
    packaged = events is None
    if events is None:
        from bluehelmet.register.query import mandate_events

        events = mandate_events()
    if operations is None:
        from bluehelmet.register.query import operations as all_operations

        operations = all_operations()
    if operation is not None:
        if packaged:
            acronym = resolve_acronym(operation)
        else:
            known = [*operations.get("acronym", []), *events["operation"]]
            acronym = _pick_operation(operation, known)
        events = events[events["operation"] == acronym]
    if unit == "resolution":
        out = _resolution_panel(events)
        years = pd.to_datetime(out["date"]).dt.year
    else:
        ends = operations.set_index("acronym")["end_date"] if len(operations) else pd.Series()
        if "end_precision" in operations.columns:  # an end known only to the year has no month
            year_only = operations["end_precision"].eq("year").fillna(False)
            ends = ends.where(~year_only.to_numpy(dtype=bool))
        out = _month_panel(events, ends)
        years = out["month"].str[:4].astype(int)
    keep = pd.Series(True, index=out.index)
    if start is not None:
        keep &= years >= start
    if end is not None:
        keep &= years <= end
    return out[keep].reset_index(drop=True)


def write_mandate_panel(panel: pd.DataFrame, out: Path) -> Path:
    """Write a mandate panel as CSV, JSON, Parquet or Stata by ``out``'s suffix, atomically
    (:func:`bluehelmet.export.write_any`).

    >>> import tempfile
    >>> df = pd.DataFrame({"operation": ["X"], "date": pd.to_datetime(["2000-01-31"])})
    >>> write_mandate_panel(df, Path(tempfile.mkdtemp()) / "p.csv").read_text().splitlines()
    ['operation,date', 'X,2000-01-31']
    """
    from bluehelmet.export import write_any

    return write_any(panel, out)[0]
