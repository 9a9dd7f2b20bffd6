"""Cross-checks between the packaged tables; each returns a list of one-line problems."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.register.dates import period

Tables = dict[str, pd.DataFrame]

#: A non-UN force is often authorised months before it deploys; a UN operation's
#: establishing resolution can precede the start date the UN list gives.
START_SLACK = pd.Timedelta(days=183)
#: End dates in the UN list are often rounded to the first of a month.
END_SLACK = pd.Timedelta(days=31)
#: Withdrawal and final-period decisions can follow the end of the mandate.
WITHDRAWAL_SLACK = pd.Timedelta(days=183)


def _split(value: object) -> list[str]:
    return [] if pd.isna(value) else str(value).split(";")


def _widest(ops: pd.DataFrame) -> pd.DataFrame:
    """Earliest possible start and latest possible end of each operation (NaT if unknown)."""
    start, _ = period(ops["start_date"], ops["start_precision"])
    _, end = period(ops["end_date"], ops["end_precision"])
    return pd.DataFrame({"start": start, "end": end}, index=ops.index)


def events_match_index(t: Tables) -> list[str]:
    """Every mandate event's resolution is in the index with the same date.

    Resolutions newer than the index's last one are outside its coverage: they
    cannot be cross-checked and must be marked ``unverified``.
    """
    index = t["resolutions"].set_index("number")["date"]
    problems = []
    for ev in t["mandate_events"].itertuples():
        if ev.resolution > index.index.max():
            if ev.verification != "unverified":
                problems.append(
                    f"mandate_events {ev.operation}/{ev.resolution}: newer than the index, "
                    "so it must be marked unverified"
                )
        elif ev.resolution not in index.index:
            problems.append(
                f"mandate_events {ev.operation}/{ev.resolution}: resolution not in resolutions.csv"
            )
        elif index[ev.resolution] != ev.date:
            problems.append(
                f"mandate_events {ev.operation}/{ev.resolution}: date "
                f"{ev.date:%Y-%m-%d} but the index says {index[ev.resolution]:%Y-%m-%d}"
            )
    return problems


def events_within_lifetime(t: Tables) -> list[str]:
    """Events fall between an operation's beginning and its end (plus a slack).

    The beginning is the earlier of its start date less a slack and the date of its
    establishing resolution (UNTAG was established in 1978 but deployed in 1989).
    Withdrawal decisions (``extend``/``terminate``) may follow the end by six months. A
    date known only to the month or year counts from the first day of its period (start)
    or to the last (end).
    """
    ops = t["operations"].set_index("acronym")
    dates = t["resolutions"].set_index("number")["date"]
    bounds = _widest(ops)
    problems = []
    for ev in t["mandate_events"].itertuples():
        if ev.operation not in ops.index:
            problems.append(f"mandate_events {ev.operation}/{ev.resolution}: unknown operation")
            continue
        start, end = bounds.at[ev.operation, "start"], bounds.at[ev.operation, "end"]
        founding = ops.at[ev.operation, "establishing_resolution"]
        begin = start - START_SLACK if pd.notna(start) else pd.NaT
        if pd.notna(founding) and founding in dates.index:
            begin = min(begin, dates[founding]) if pd.notna(begin) else dates[founding]
        if pd.notna(begin) and ev.date < begin:
            problems.append(
                f"mandate_events {ev.operation}/{ev.resolution}: dated "
                f"{ev.date:%Y-%m-%d}, before the operation began ({begin:%Y-%m-%d})"
            )
        slack = WITHDRAWAL_SLACK if ev.event in ("extend", "terminate") else END_SLACK
        if pd.notna(end) and ev.date > end + slack:
            problems.append(
                f"mandate_events {ev.operation}/{ev.resolution}: dated "
                f"{ev.date:%Y-%m-%d}, after the end {end:%Y-%m-%d}"
            )
    return problems


def numbers_increase_with_date(t: Tables) -> list[str]:
    """Resolution numbers increase with their dates."""
    res = t["resolutions"].sort_values("number")
    earlier = res["date"].cummax().shift()
    bad = res[res["date"] < earlier]
    return [
        f"resolutions {r.number}: dated {r.date:%Y-%m-%d}, before a lower-numbered resolution"
        for r in bad.itertuples()
    ]


def host_codes_valid(t: Tables) -> list[str]:
    """Host ISO3 codes are known and GW numbers agree with the countries table."""
    gw = t["countries"].set_index("iso3")["gwno"]
    problems = []
    for op in t["operations"].itertuples():
        isos, gws = _split(op.host_iso3), _split(op.host_gwno)
        if gws and len(gws) != len(isos):
            problems.append(f"operations {op.acronym}: {len(isos)} ISO3 hosts but {len(gws)} GW")
            continue
        for i, iso in enumerate(isos):
            if iso not in gw.index:
                problems.append(f"operations {op.acronym}: host {iso} not in countries.csv")
            elif gws and gws[i] and (pd.isna(gw[iso]) or int(gws[i]) != gw[iso]):
                problems.append(
                    f"operations {op.acronym}: host {iso} has GW {gws[i]}, "
                    f"countries.csv says {gw[iso]}"
                )
    return problems


def links_resolve(t: Tables) -> list[str]:
    """Predecessor and successor links name known operations and mirror each other."""
    ops = t["operations"].set_index("acronym")
    problems = []
    for acr, row in ops.iterrows():
        for field, mirror in (("successor", "predecessor"), ("predecessor", "successor")):
            for other in _split(row[field]):
                if other not in ops.index:
                    problems.append(f"operations {acr}: {field} {other} is not an operation")
                elif acr not in _split(ops.at[other, mirror]):
                    problems.append(
                        f"operations {acr}: {field} {other} does not list it as {mirror}"
                    )
    return problems


def establishment_recorded(t: Tables) -> list[str]:
    """Each UN operation set up by the Council has its establishing resolution as an event."""
    events = t["mandate_events"]
    est = set(zip(events["operation"], events["resolution"], strict=True))
    un = t["operations"][t["operations"]["org"] == "UN"]
    problems = []
    for op in un.itertuples():
        if op.established_by == "SC" and pd.isna(op.establishing_resolution):
            problems.append(f"operations {op.acronym}: established by the SC but no resolution")
        elif (
            pd.notna(op.establishing_resolution)
            and (op.acronym, op.establishing_resolution) not in est
        ):
            problems.append(
                f"operations {op.acronym}: establishing resolution "
                f"{op.establishing_resolution} has no mandate event"
            )
    return problems


def shifts_recorded(t: Tables) -> list[str]:
    """A UN operation set up outside Chapter VII moves to it with a ``shift`` event.

    The first later resolution acting under Chapter VII for it (other than one that
    only authorises others, ``authorise``) must be coded ``shift``.
    """
    events = t["mandate_events"].sort_values(["date", "resolution"])
    un = set(t["operations"].loc[t["operations"]["org"] == "UN", "acronym"])
    problems = []
    for acronym, group in events[events["operation"].isin(un)].groupby("operation"):
        founding = group[group["event"] == "establish"]
        if founding.empty or pd.isna(founding["chapter_vii"].iloc[0]):
            continue
        if bool(founding["chapter_vii"].iloc[0]):
            continue
        later = group[(group["date"] > founding["date"].iloc[0]) & (group["event"] != "authorise")]
        first_vii = later[later["chapter_vii"].fillna(False).astype(bool)].head(1)
        if len(first_vii) and first_vii["event"].iloc[0] != "shift":
            problems.append(
                f"mandate_events {acronym}/{first_vii['resolution'].iloc[0]}: first move to "
                "Chapter VII after a non-Chapter VII establishment must be a shift event"
            )
    return problems


def activity_consistent(t: Tables) -> list[str]:
    """An operation with an end date is not active; a UN operation has a known status."""
    ops = t["operations"]
    problems = [
        f"operations {op.acronym}: active but has end date {op.end_date:%Y-%m-%d}"
        for op in ops.itertuples()
        if pd.notna(op.end_date) and pd.notna(op.active) and bool(op.active)
    ]
    problems += [
        f"operations {op.acronym}: UN operation with unknown status (set active)"
        for op in ops.itertuples()
        if op.org == "UN" and pd.isna(op.active)
    ]
    return problems


def dates_consistent(t: Tables) -> list[str]:
    """Each date has a precision and each precision a date: ``unknown`` without a date, an
    empty end precision only for an active operation without an end date; no operation
    can have ended before it started."""
    problems = []
    for op in t["operations"].itertuples():
        for field in ("start", "end"):
            date, prec = getattr(op, f"{field}_date"), getattr(op, f"{field}_precision")
            prec = None if pd.isna(prec) else str(prec)
            open_end = field == "end" and pd.notna(op.active) and bool(op.active)
            if pd.notna(date) and prec in (None, "unknown"):
                problems.append(
                    f"operations {op.acronym}: {field}_date {date:%Y-%m-%d} needs a precision "
                    "(day, month or year)"
                )
            elif pd.isna(date) and prec is None and not open_end:
                problems.append(
                    f"operations {op.acronym}: no {field}_date, so {field}_precision must be "
                    "unknown" + ("" if field == "start" else " (empty only while active)")
                )
            elif pd.isna(date) and prec not in (None, "unknown"):
                problems.append(
                    f"operations {op.acronym}: {field}_precision {prec} but no {field}_date"
                )
            elif pd.isna(date) and prec == "unknown" and open_end:
                problems.append(
                    f"operations {op.acronym}: active with no end date, so end_precision "
                    "must be empty (open-ended), not unknown"
                )
    ops = t["operations"]
    start, _ = period(ops["start_date"], ops["start_precision"])
    _, end = period(ops["end_date"], ops["end_precision"])
    late = ops[start > end]
    problems += [f"operations {a}: starts after it ends" for a in late["acronym"]]
    return problems


def sources_known(t: Tables) -> list[str]:
    """Every source key used in a table is in sources.csv."""
    keys = set(t["sources"]["key"])
    problems = []
    for name, df in t.items():
        for col in ("source", "date_source"):
            if col not in df.columns:
                continue
            used = {k for v in df[col].dropna() for k in str(v).split(";")}
            problems += [
                f"{name}: source key {k!r} not in sources.csv" for k in sorted(used - keys)
            ]
    return problems


def countries_in_gw_states(t: Tables) -> list[str]:
    """A host's GW number is one that gw_states gives its ISO3 code (none if it gives none)."""
    states = t["gw_states"]
    problems = []
    for c in t["countries"].itertuples():
        known = set(states.loc[states["iso3"] == c.iso3, "gwno"])
        if pd.isna(c.gwno) and known:
            problems.append(f"countries {c.iso3}: no gwno, gw_states.csv gives {sorted(known)}")
        elif pd.notna(c.gwno) and c.gwno not in known:
            problems.append(f"countries {c.iso3}: gwno {c.gwno} is not a GW state with that ISO3")
    return problems


def gw_periods_disjoint(t: Tables) -> list[str]:
    """In gw_states, rows sharing a code never overlap in time, and each start precedes its end."""
    states = t["gw_states"]
    problems = [
        f"gw_states {r.gwno}: starts {r.start_date:%Y-%m-%d} after it ends {r.end_date:%Y-%m-%d}"
        for r in states.itertuples()
        if pd.notna(r.start_date) and pd.notna(r.end_date) and r.start_date > r.end_date
    ]
    for code in ("iso3", "gwno", "gwc", "cown"):
        rows = states.dropna(subset=[code]).sort_values([code, "start_date"], na_position="first")
        for value, group in rows.groupby(code):
            ends = group["end_date"].iloc[:-1].to_numpy()
            starts = group["start_date"].iloc[1:].to_numpy()
            if len(group) > 1 and not (pd.notna(ends).all() and (starts > ends).all()):
                problems.append(f"gw_states: rows with {code} {value} overlap in time")
    return problems


# Continuity of mandates: exceptions, each explained or a validation problem.

#: A renewal may follow the end of the previous mandate period by this much.
MANDATE_GRACE = pd.Timedelta(days=31)
#: Events that renew or end a mandate period.
RENEWING_EVENTS = ("extend", "terminate")
EXCEPTION_COLUMNS = ["operation", "resolution", "next_resolution", "check", "detail", "reason"]


def _day(value: object) -> str:
    return pd.Timestamp(str(value)).strftime("%Y-%m-%d")


#: One exception: operation, resolution, next_resolution, check, detail, reason.
_Row = tuple[str, object, object, str, str, str]


def _order_exceptions(acronym: str, group: pd.DataFrame) -> list[_Row]:
    """Rows listed out of date order, and later resolutions numbered below earlier ones."""
    rows: list[_Row] = []
    listed = group.reset_index(drop=True)
    dated = group.sort_values(["date", "resolution"], kind="stable").reset_index(drop=True)
    for frame, key, verb in (
        (listed, "date", "listed after"),
        (dated, "resolution", "numbered below"),
    ):
        for i in range(1, len(frame)):
            prev, cur = frame.iloc[i - 1], frame.iloc[i]
            if cur[key] < prev[key]:
                detail = (
                    f"{cur['resolution']} ({_day(cur['date'])}) is {verb} "
                    f"{prev['resolution']} ({_day(prev['date'])})"
                )
                rows.append((acronym, prev["resolution"], cur["resolution"], "order", detail, ""))
    return rows


def _lapse_reasons(
    prev: pd.Series, until_is_own: bool, until: pd.Timestamp, end: object
) -> list[str]:
    """Why a mandate that ran out on ``until`` with no renewal on record is explained."""
    from bluehelmet.register.mandate_panel import NO_TEXT_FIRST, NO_TEXT_LAST, coded

    reasons = []
    if NO_TEXT_FIRST <= until <= NO_TEXT_LAST:
        reasons.append(
            "the renewal was due between March 1994 and 1999, whose resolution texts "
            "(900–1284) are not in the shared data"
        )
    if not until_is_own and not bool(coded(prev.to_frame().T).iloc[0]):
        reasons.append(f"the earlier row {prev['resolution']} is index-only (not coded)")
    if pd.notna(end) and pd.Timestamp(str(end)) <= until + MANDATE_GRACE:
        reasons.append(f"the operation ended on {_day(end)}, within the mandate")
    return reasons


def _continuity_exceptions(
    acronym: str, group: pd.DataFrame, end: object, active: object, as_of: pd.Timestamp
) -> list[_Row]:
    """Gaps (no renewal or termination) and late renewals of one UN operation's mandate."""
    rows: list[_Row] = []
    ordered = group.sort_values(["date", "resolution"], kind="stable").reset_index(drop=True)
    until, until_from = pd.NaT, None
    for i, prev in ordered.iterrows():
        if pd.notna(prev["mandate_until"]):
            until, until_from = prev["mandate_until"], prev["resolution"]
        if prev["event"] == "terminate":
            break  # what follows a termination is withdrawal and liquidation
        if pd.isna(until):
            continue  # no mandate period known (open-ended, or not coded)
        deadline = until + MANDATE_GRACE
        own = until_from == prev["resolution"]
        period = f"mandate to {_day(until)}" + ("" if own else f" (from {until_from})")
        if i + 1 < len(ordered):
            nxt = ordered.iloc[i + 1]
            if nxt["date"] <= deadline:
                continue
            renews = nxt["event"] in RENEWING_EVENTS or pd.notna(nxt["mandate_until"])
            days = (nxt["date"] - until).days
            check = "late_renewal" if renews else "gap"
            what = "the next renewal" if renews else f"the next resolution ({nxt['event']})"
            detail = f"{period}; {what} {nxt['resolution']} adopted {_day(nxt['date'])}, "
            detail += f"{days} days later; nothing renewed or ended it in between"
            reasons = _lapse_reasons(prev, own, until, end)
            next_resolution: object = nxt["resolution"]
        else:
            to = pd.Timestamp(str(end)) if pd.notna(end) else as_of
            if to <= deadline:
                continue
            check, next_resolution = "gap", pd.NA
            if pd.notna(end):
                detail = f"{period}; the operation ran to {_day(end)} with no later resolution"
            else:
                detail = f"{period}; no later resolution up to {_day(as_of)} (the data's last)"
            reasons = _lapse_reasons(prev, own, until, end)
            if pd.isna(end) and pd.notna(active) and not bool(active):
                reasons.append("the operation has ended (end date unknown)")
        reason = "; ".join(reasons)
        rows.append((acronym, prev["resolution"], next_resolution, check, detail, reason))
        until, until_from = pd.NaT, None  # one exception per lapse: wait for a new period
    return rows


def mandate_exceptions(t: Tables | None = None, operation: str | None = None) -> pd.DataFrame:
    """Exceptions to the continuity of each operation's mandate resolutions.

    - ``order``: an operation's resolutions are listed in date order, and a later one
      never has a lower number.
    - ``gap`` (UN operations): the next resolution came more than :data:`MANDATE_GRACE`
      after the mandate period in force ran out (the latest ``mandate_until``) and neither
      extends nor terminates it; or no resolution followed at all while the operation
      went on (to its end date; with none, to the data's last resolution).
    - ``late_renewal`` (UN operations): the next renewal (``extend``/``terminate`` or a new
      ``mandate_until``) came more than the grace after the mandate period in force.

    ``reason`` says why an exception is explained (March 1994 – 1999 without texts; the earlier
    row index-only; the operation ended) and is empty otherwise. ``t`` needs
    ``mandate_events`` and ``operations`` (default: the packaged tables); ``operation``
    keeps one operation's exceptions.

    >>> list(mandate_exceptions().columns)
    ['operation', 'resolution', 'next_resolution', 'check', 'detail', 'reason']
    """
    if t is None:
        from bluehelmet.register.load import read_table

        t = {name: read_table(name) for name in ("mandate_events", "operations")}
    events, ops = t["mandate_events"], t["operations"].set_index("acronym")
    as_of = events["date"].max()
    if operation is not None:
        by_lower = {str(a).lower(): a for a in [*ops.index, *events["operation"]]}
        if operation.lower() not in by_lower:
            raise NotFoundError(f"unknown operation {operation!r}; see `bluehelmet operations`")
        events = events[events["operation"] == by_lower[operation.lower()]]
    rows: list[_Row] = []
    for acronym, group in events.groupby("operation", sort=True):
        rows += _order_exceptions(str(acronym), group)
        if acronym in ops.index and ops.at[acronym, "org"] == "UN":
            end, active = ops.at[acronym, "end_date"], ops.at[acronym, "active"]
            rows += _continuity_exceptions(str(acronym), group, end, active, as_of)
    out = pd.DataFrame(rows, columns=EXCEPTION_COLUMNS)
    out["resolution"] = out["resolution"].astype("Int64")
    out["next_resolution"] = out["next_resolution"].astype("Int64")
    return out.astype({c: "string" for c in ("operation", "check", "detail", "reason")})


def mandates_continuous(t: Tables) -> list[str]:
    """Every exception to mandate continuity is explained (see :func:`mandate_exceptions`)."""
    found = mandate_exceptions(t)
    open_ = found[found["reason"].fillna("") == ""]
    return [
        f"mandate_events {r.operation}/{r.resolution}: {r.check} ({r.detail}); add the "
        "missing renewal or the mandate_until its text gives (curated/mandate_reviews.csv)"
        for r in open_.itertuples()
    ]


CHECKS: tuple[Callable[[Tables], list[str]], ...] = (
    events_match_index,
    events_within_lifetime,
    numbers_increase_with_date,
    host_codes_valid,
    countries_in_gw_states,
    gw_periods_disjoint,
    links_resolve,
    establishment_recorded,
    shifts_recorded,
    activity_consistent,
    dates_consistent,
    sources_known,
    mandates_continuous,
)
