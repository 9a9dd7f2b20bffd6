"""``add_*`` verbs: join one more source onto a panel without changing its rows."""

from __future__ import annotations

import warnings

import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.panels.conflict_ids import hks_dyad_months, translate_conflict_ids
from bluehelmet.panels.importers.base import Coverage, Imported
from bluehelmet.panels.importers.ucdp_ged import ged_conflict_month
from bluehelmet.panels.lags import lag_columns
from bluehelmet.panels.panel import Panel, check_keys, require_unit

DEATH_COLUMNS = {
    "best": "battle_deaths",
    "low": "battle_deaths_low",
    "high": "battle_deaths_high",
    "deaths_civilians": "battle_civilian_deaths",
}
HKS_DEATHS = {"brf_grc": "battle_deaths", "brf_gr": "battle_deaths_gr"}


def refuse_overlap(panel: Panel, columns: list[str], verb: str) -> None:
    """Refuse to join a source whose columns the panel already has (overlapping or repeated).

    >>> p = Panel("conflict-month", pd.DataFrame({"conflict_id": [1],
    ...     "date": pd.to_datetime(["2000-01-01"]), "battle_deaths": [3.0]}))
    >>> refuse_overlap(p, ["battle_deaths"], "add_ged_deaths")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: add_ged_deaths: the panel already has battle_deaths ...
    """
    taken = [c for c in columns if c in panel.data.columns]
    if taken:
        raise UsageError(
            f"{verb}: the panel already has {', '.join(taken)} (from another source); "
            "join one source of these columns per panel"
        )


def add_ged_deaths(panel: Panel, ged: Imported) -> Panel:
    """Add state-based battle deaths (UCDP GED type 1, full layout) per conflict-month.

    Inside GED's coverage a conflict-month without events has 0 deaths; outside it NA.

    >>> from bluehelmet.panels.importers.base import Coverage
    >>> ev = pd.DataFrame({"id": [1], "conflict_new_id": [7], "type_of_violence": [1],
    ...     "date_prec": [1], "best": [8], "low": [8], "high": [9], "deaths_civilians": [2],
    ...     "date_start": pd.to_datetime(["2000-02-10"]),
    ...     "date_end": pd.to_datetime(["2000-02-10"])})
    >>> ged = Imported(ev, Coverage("ucdp_ged_20_1", "event", "2000-01", "2000-02"))
    >>> p = Panel("conflict-month", pd.DataFrame({"conflict_id": [7, 7, 7],
    ...     "date": pd.to_datetime(["2000-01-01", "2000-02-01", "2000-03-01"])}))
    >>> add_ged_deaths(p, ged).data["battle_deaths"].tolist()
    [0.0, 8.0, nan]
    """
    require_unit(panel, "conflict-month", "add_ged_deaths")
    refuse_overlap(panel, list(DEATH_COLUMNS.values()), "add_ged_deaths")
    monthly = ged_conflict_month(ged)
    monthly = monthly[monthly["type_of_violence"] == 1]
    deaths = (
        monthly.groupby(["conflict_new_id", "date"])[list(DEATH_COLUMNS)]
        .sum()
        .rename(columns=DEATH_COLUMNS)
        .reset_index()
        .rename(columns={"conflict_new_id": "conflict_id"})
    )
    data = panel.data.merge(deaths, on=["conflict_id", "date"], how="left")
    inside = data["date"].between(pd.Timestamp(ged.coverage.start), pd.Timestamp(ged.coverage.end))
    for col in DEATH_COLUMNS.values():
        data[col] = data[col].astype(float).where(~inside, data[col].fillna(0.0))
        data.loc[~inside, col] = float("nan")
    out = Panel(panel.unit, data, (*panel.coverage, ged.coverage))
    check_keys(out)
    return out


def add_battle_deaths(panel: Panel, hks: Imported, acd: Imported) -> Panel:
    """Add HKS-2014 government–rebel battle deaths per conflict-month, on new UCDP ids.

    Each HKS dyad gets its new conflict id from :func:`translate_conflict_ids` (old ids and
    ``acd``, UCDP/PRIO ACD 20.1); ``brf_grc`` and ``brf_gr`` are summed over a conflict's
    dyads into ``battle_deaths`` and ``battle_deaths_gr``, with ``battle_deaths_lag1`` (the
    previous calendar month of the same series). A conflict-month is covered when one of its
    dyads has a row in that month of the file: there a month without deaths is 0; outside
    (before 1992, after 2011, conflicts without a translated dyad, such as non-African
    ones) the columns are NA. Untranslated dyad-months and translated ones that fall on
    conflict-months the panel lacks are counted in the coverage note (and a warning).

    >>> from bluehelmet.panels.importers.base import Coverage
    >>> hks = Imported(pd.DataFrame({"conflict_ID": [187.0] * 2, "gov": ["Sierra Leone"] * 2,
    ...     "rebel_group": ["RUF"] * 2, "year": [1995] * 2, "month": [1, 2],
    ...     "brf_grc": [10.0, 0.0], "brf_gr": [8.0, 0.0], "active_year": [1.0] * 2}),
    ...     Coverage("hks_2014", "dyad-month", "1992-01", "2011-12"))
    >>> acd = Imported(pd.DataFrame({"conflict_id": [382], "year": [1995],
    ...     "side_a": ["Government of Sierra Leone"], "side_b": ["RUF"]}),
    ...     Coverage("ucdp_acd_20_1", "conflict-year", "1946", "2019"))
    >>> p = Panel("conflict-month", pd.DataFrame({"conflict_id": [382, 382, 382, 1],
    ...     "date": pd.to_datetime(["1995-01-01", "1995-02-01", "1995-03-01", "1995-01-01"])}))
    >>> add_battle_deaths(p, hks, acd).data["battle_deaths"].tolist()
    [10.0, 0.0, nan, nan]
    """
    require_unit(panel, "conflict-month", "add_battle_deaths")
    refuse_overlap(panel, list(HKS_DEATHS.values()), "add_battle_deaths")
    ids = translate_conflict_ids(hks, acd)
    keys = ["conflict_ID", "gov", "rebel_group"]
    months = hks_dyad_months(hks).merge(ids.dyads[[*keys, "conflict_id"]], on=keys, how="left")
    lost = months[months["conflict_id"].isna()]
    deaths = (
        months.dropna(subset=["conflict_id"])
        .groupby(["conflict_id", "date"])[list(HKS_DEATHS)]
        .sum(min_count=1)
        .rename(columns=HKS_DEATHS)
        .reset_index()
        .astype({"conflict_id": panel.data["conflict_id"].dtype})
    )
    deaths = lag_columns(deaths, ["battle_deaths"], lag=1, unit="conflict_id")
    outside = deaths.merge(panel.data[["conflict_id", "date"]], how="left", indicator=True)
    outside = outside[outside["_merge"] == "left_only"]
    data = panel.data.merge(deaths, on=["conflict_id", "date"], how="left")
    note = (
        f"{ids.summary()}; left out: {len(lost)} dyad-months ({lost['brf_grc'].sum():,.0f} "
        f"battle deaths) without a new conflict id, and {len(outside)} translated "
        f"conflict-months ({outside['battle_deaths'].sum():,.0f} battle deaths) not in the panel"
    )
    if len(lost) or ids.unnamed_months:
        warnings.warn(
            f"add_battle_deaths: {len(lost)} HKS dyad-months ({lost['brf_grc'].sum():,.0f} "
            f"battle deaths) have no new UCDP conflict id and {ids.unnamed_months} have no "
            "dyad names; left out (see translate_conflict_ids(hks, acd).unmatched)",
            stacklevel=2,
        )
    coverage = Coverage(
        hks.coverage.source, "conflict-month (dyads summed)", hks.coverage.start,
        hks.coverage.end, note,
    )  # fmt: skip
    out = Panel(panel.unit, data, (*panel.coverage, coverage))
    check_keys(out)
    return out
