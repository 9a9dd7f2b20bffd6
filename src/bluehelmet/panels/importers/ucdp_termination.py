"""UCDP Conflict Termination dataset (v3-2021, xlsx): one row per conflict episode.

The file is distributed as conflict-years carrying episode fields; the importer
collapses it to episodes: ``first_year``/``last_year`` of the listed years,
``episode_start`` (``start_date2``), ``terminated`` (``confterm`` 1 in some year),
``end_date``/``end_prec`` (``ependdate``/``ependprec``) and ``outcome`` coded
1 peace agreement, 2 ceasefire, 3 victory for side A (government), 4 victory for
side B (rebels), 5 low activity, 6 actor ceases to exist (Kreutz 2010); ``recur`` is 1
when the episode is a recurrence. Side names and intensity are those of the
episode's last year. In v3-2021 a few ``conflictep_id`` values also hold 2020 rows of
a new episode (different ``start_date2``); such rows are split off as their own
episode (key ``conflictep_id`` + ``episode_start``) and counted in a warning.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.panels.importers.base import Coverage, Imported, reject_duplicates, require_columns

LAYOUT = "UCDP Conflict Termination v3"
OUTCOME = {
    1: "peace agreement",
    2: "ceasefire",
    3: "victory side a",
    4: "victory side b",
    5: "low activity",
    6: "actor ceases to exist",
}
NEEDED = (
    "conflictep_id", "conflictepisode", "conflict_id", "year", "confterm", "ependdate",
    "ependprec", "outcome", "recur", "location", "side_a", "side_b", "incompatibility",
    "intensity_level", "type_of_conflict", "start_date2", "gwno_loc",
)  # fmt: skip


def episodes_from_years(raw: pd.DataFrame, path: Path) -> pd.DataFrame:
    """Collapse termination conflict-year rows to one row per episode.

    >>> raw = pd.DataFrame({"conflictep_id": [20502, 20502], "conflictepisode": [2, 2],
    ...     "conflict_id": [205, 205], "year": [1966, 1967], "confterm": [0, 1],
    ...     "ependdate": pd.to_datetime([None, "1967-12-31"]), "ependprec": [None, 5.0],
    ...     "outcome": [None, 5.0], "recur": [1, 0], "location": ["Iran", "Iran"],
    ...     "side_a": ["Gov", "Gov"], "side_b": ["KDPI", "KDPI"], "incompatibility": [1, 1],
    ...     "intensity_level": [1, 1], "type_of_conflict": [3, 3],
    ...     "start_date2": pd.to_datetime(["1966-12-31"] * 2), "gwno_loc": [630, 630]})
    >>> ep = episodes_from_years(raw, Path("t.xlsx"))
    >>> print(*ep.loc[0, ["first_year", "last_year", "outcome", "recur"]], sep="|")
    1966|1967|low activity|True
    """
    require_columns(raw, NEEDED, path, LAYOUT)
    reject_duplicates(raw, ["conflict_id", "year"], path)
    codes = pd.to_numeric(raw["outcome"], errors="coerce")
    unknown = codes.notna() & ~codes.isin(list(OUTCOME))
    if unknown.any():
        raise DataFormatError(
            f"{path.name}: column 'outcome' has {int(unknown.sum())} unknown codes, "
            f"first {raw.loc[unknown, 'outcome'].iloc[0]!r}"
        )
    years = raw.assign(episode_start=pd.to_datetime(raw["start_date2"]), outcome=codes).sort_values(
        ["conflictep_id", "year"]
    )
    groups = years.groupby(["conflictep_id", "episode_start"], sort=True)
    split = int(groups.ngroups - years["conflictep_id"].nunique())
    if split:
        warnings.warn(
            f"{path.name}: {split} conflictep_id values hold rows of a second episode "
            "(different start_date2); split into separate episodes",
            stacklevel=2,
        )
    last = groups.tail(1).set_index(["conflictep_id", "episode_start"])
    ends = groups[["confterm", "recur"]].max()
    ended = years[years["confterm"] == 1].set_index(["conflictep_id", "episode_start"])
    out = pd.DataFrame(
        {
            "conflict_id": last["conflict_id"].astype("Int64"),
            "episode": last["conflictepisode"].astype("Int64"),
            "location": last["location"].astype("string"),
            "side_a": last["side_a"].astype("string"),
            "side_b": last["side_b"].astype("string"),
            "gwno_loc": last["gwno_loc"].astype("string"),
            "incompatibility": last["incompatibility"].astype("Int64"),
            "type_of_conflict": last["type_of_conflict"].astype("Int64"),
            "intensity_level": last["intensity_level"].astype("Int64"),
            "first_year": groups["year"].min().astype("Int64"),
            "last_year": groups["year"].max().astype("Int64"),
            "terminated": ends["confterm"].astype("boolean"),
            "recur": ends["recur"].astype("boolean"),
            "end_date": pd.to_datetime(ended["ependdate"]).reindex(last.index),
            "end_prec": ended["ependprec"].reindex(last.index).astype("Int64"),
            "outcome_code": ended["outcome"].reindex(last.index).astype("Int64"),
        }
    )
    out["outcome"] = out["outcome_code"].map(OUTCOME).astype("string")
    out = out.reset_index().rename(columns={"conflictep_id": "episode_id"})
    out["episode_id"] = out["episode_id"].astype("Int64")
    return out


def read_ucdp_termination(path: Path | str) -> Imported:
    """Read the UCDP Conflict Termination xlsx into conflict-episode rows.

    >>> read_ucdp_termination("missing.xlsx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.DataFormatError: missing.xlsx: cannot read as xlsx: ...
    """
    path = Path(path)
    try:
        raw = pd.read_excel(path, sheet_name=0)
    except (OSError, ValueError) as exc:
        raise DataFormatError(f"{path.name}: cannot read as xlsx: {exc}") from exc
    data = episodes_from_years(raw, path)
    coverage = Coverage(
        source="ucdp_termination_3",
        unit="conflict-episode",
        start=str(data["first_year"].min()),
        end=str(data["last_year"].max()),
        note=f"{len(data)} episodes of {data['conflict_id'].nunique()} conflicts",
    )
    return Imported(data=data, coverage=coverage)
