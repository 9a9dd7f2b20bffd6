"""Cross-checks between the packaged tables; each returns a list of one-line problems."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

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
    Withdrawal decisions (``extend``/``terminate``) may follow the end by six months.
    """
    ops = t["operations"].set_index("acronym")
    dates = t["resolutions"].set_index("number")["date"]
    problems = []
    for ev in t["mandate_events"].itertuples():
        if ev.operation not in ops.index:
            problems.append(f"mandate_events {ev.operation}/{ev.resolution}: unknown operation")
            continue
        start, end = ops.at[ev.operation, "start_date"], ops.at[ev.operation, "end_date"]
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
    sources_known,
)
