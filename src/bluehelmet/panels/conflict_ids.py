"""Old UCDP/PRIO conflict ids (HKS-2014 dyads) to new UCDP conflict ids (ACD 20.1), from the data.

The HKS-2014-layout file numbers conflicts the old UCDP/PRIO way (Algeria 191, Sierra Leone
187); the panels use the new UCDP ids of ACD 20.1 (``conflict_id``). No translation is typed
here: each HKS dyad (``conflict_ID``, ``gov``, ``rebel_group``) goes to the ACD conflict
whose government (``side_a``) is ``gov`` and whose opponents (``side_b``) list
``rebel_group`` in a year the dyad was active (a month with ``brf_grc`` deaths or
``active_year`` 1). Names are compared normalised: case, accents, hyphens, spacing and a
leading "Government of" are ignored. Where the two files name the same actor differently,
:data:`ALIASES` gives the ACD name, each with its evidence; an alias is used only when the
ACD lists it against the same government in a year the dyad was active. A dyad matching no
conflict, or more than one, keeps no new id and is listed in ``unmatched``, never dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from bluehelmet.panels.importers.base import Imported

DYAD = ["conflict_ID", "gov", "rebel_group"]

#: (HKS ``gov``, HKS ``rebel_group``) -> (ACD 20.1 ``side_b`` name, evidence for the alias).
ALIASES: dict[tuple[str, str], tuple[str, str]] = {
    ("Lesotho", "Military faction"): (
        "Military faction (Lesotho)",
        "ACD adds the country to the generic name; Lesotho's only ACD opponent in 1998, the "
        "dyad's active year",
    ),
    ("Djibouti", "FRUD - AD"): (
        "FRUD-C",
        "the FRUD wing of Ahmed Dini that fought on after the 1994 accord; Djibouti's only "
        "ACD opponent in 1999, the dyad's active year",
    ),
    ("Chad", "PFNR"): (
        "FPRN",
        "English and French initials of the Front populaire pour la renaissance nationale; "
        "Chad's only ACD opponent in 2010, the dyad's active year",
    ),
    ("Somalia", "USC"): (
        "USC/SSA",
        "the United Somali Congress before its 1991 split: ACD lists SNM, SPM and USC/SSA "
        "against the government in 1990, HKS SNM, SPM and USC",
    ),
    ("Central African Republic", "UFDR"): (
        "Seleka",
        "ACD 20.1 names actor 554 Seleka in 2006 as in 2012 (UFDR's later coalition); "
        "the Central African Republic's only ACD opponent in 2006",
    ),
    ("Sudan", "SLM/A-Unity"): (
        "SLFA",
        "SLFA (actor 472, formed in 2017 from SLM-Unity and others) is listed in exactly the "
        "years HKS has SLM/A-Unity active, 2007 and 2008, and is the only ACD opponent of "
        "those years without an HKS name match",
    ),
}


def normalise_name(name: str) -> str:
    """An actor name for comparison: no accents, case, hyphens, extra spaces, "Government of".

    >>> normalise_name("Government of Côte-d'Ivoire ,  CNDD-FDD ")
    "cote d'ivoire, cndd fdd"
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"\s*-\s*", " ", text.casefold())
    text = re.sub(r"\s*,\s*", ", ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(^|, )government of ", r"\1", text)


def _normalised(names: pd.Series) -> pd.Series:
    """:func:`normalise_name` of each value, computed once per distinct name."""
    text = names.astype(str)
    return text.map({name: normalise_name(name) for name in text.unique()})


def hks_dyad_months(hks: Imported) -> pd.DataFrame:
    """Named HKS dyad-months inside the file's 1992-2011 coverage, one row per dyad-month.

    Rows repeating a dyad-month are collapsed by their maximum, so deaths are never counted
    twice (in the shared file at most one of the repeated rows has deaths). Adds ``date``.

    >>> from bluehelmet.panels.importers.base import Coverage
    >>> rows = pd.DataFrame({"conflict_ID": [1.0, 1.0, 1.0], "gov": ["A", "A", "A"],
    ...     "rebel_group": ["R", "R", "R"], "year": [1991, 1992, 1992], "month": [12, 1, 1],
    ...     "brf_grc": [9.0, 4.0, 0.0], "brf_gr": [9.0, 3.0, 0.0], "active_year": [1, 1, 1]})
    >>> hks_dyad_months(Imported(rows, Coverage("hks_2014", "x", "1992-01", "2011-12")))[
    ...     ["date", "brf_grc"]].values.tolist()
    [[Timestamp('1992-01-01 00:00:00'), 4.0]]
    """
    data = hks.data.dropna(subset=[*DYAD, "year", "month"])
    date = pd.to_datetime(
        pd.DataFrame({"year": data["year"], "month": data["month"], "day": 1}).astype(int)
    )
    inside = date.between(pd.Timestamp(hks.coverage.start), pd.Timestamp(hks.coverage.end))
    data = data.assign(date=date)[inside]
    return (
        data.groupby([*DYAD, "date"], as_index=False)[["brf_grc", "brf_gr", "active_year"]]
        .max()
        .astype({"rebel_group": "string", "gov": "string"})
    )


@dataclass(frozen=True)
class ConflictIdTranslation:
    """One row per named HKS dyad: its new UCDP ``conflict_id`` (NA when unmatched), how it
    matched (``name``, ``alias``, ``none`` or ``ambiguous``), the ACD name matched, its
    active years, and its dyad-months and ``brf_grc`` battle deaths in 1992-2011.
    ``unnamed_months`` counts rows in 1992-2011 without ``gov`` and ``rebel_group``.
    """

    dyads: pd.DataFrame
    unnamed_months: int

    @property
    def matched(self) -> pd.DataFrame:
        """The dyads with a new conflict id."""
        return self.dyads[self.dyads["conflict_id"].notna()]

    @property
    def unmatched(self) -> pd.DataFrame:
        """The dyads without one (no match, or more than one conflict)."""
        return self.dyads[self.dyads["conflict_id"].isna()]

    def summary(self) -> str:
        """Match rate by dyads, dyad-months and battle deaths, and the unmatched dyads."""
        total, hit = self.dyads, self.matched
        deaths = float(total["battle_deaths"].sum())
        share = hit["battle_deaths"].sum() / deaths if deaths else 1.0
        missed = "; ".join(
            f"{r.gov}–{r.rebel_group} (old {r.conflict_ID:g}, {r.battle_deaths:,.0f} deaths)"
            for r in self.unmatched.itertuples()
        )
        return (
            f"{len(hit)} of {len(total)} HKS dyads translated to new UCDP conflict ids "
            f"({len(hit) / len(total):.1%}): {hit['dyad_months'].sum():,} of "
            f"{total['dyad_months'].sum():,} dyad-months and {hit['battle_deaths'].sum():,.0f} "
            f"of {deaths:,.0f} battle deaths ({share:.1%}) in 1992-2011; "
            f"{self.unnamed_months} dyad-months without dyad names"
            + (f"; unmatched: {missed}" if missed else "")
        )


def _dyads(months: pd.DataFrame, hks: Imported) -> pd.DataFrame:
    named = hks.data.dropna(subset=[*DYAD, "year"]).astype({"gov": str, "rebel_group": str})
    active = named[(named["brf_grc"] > 0) | (named["active_year"] == 1)]
    years = active.groupby(DYAD)["year"].agg(lambda s: sorted({int(y) for y in s}))
    stats = months.astype({"gov": str, "rebel_group": str}).groupby(DYAD)
    out = pd.DataFrame(index=named.groupby(DYAD).size().index)
    out["active_years"] = years.reindex(out.index)
    out["dyad_months"] = stats.size().reindex(out.index, fill_value=0)
    out["battle_deaths"] = stats["brf_grc"].sum().reindex(out.index, fill_value=0.0)
    out = out.reset_index()
    out["active_years"] = [y if isinstance(y, list) else [] for y in out["active_years"]]
    alias = [ALIASES.get((g, r)) for g, r in zip(out["gov"], out["rebel_group"], strict=True)]
    out["acd_name"] = [a[0] if a else r for a, r in zip(alias, out["rebel_group"], strict=True)]
    out["how"] = ["alias" if a else "name" for a in alias]
    return out


def _opponents(acd: Imported) -> pd.DataFrame:
    data = acd.data
    return pd.DataFrame(
        {
            "conflict_id": data["conflict_id"].astype(int),
            "year": data["year"].astype(int),
            "government": _normalised(data["side_a"]),
            "side_b": ", " + _normalised(data["side_b"]) + ", ",
        }
    )


def translate_conflict_ids(hks: Imported, acd: Imported) -> ConflictIdTranslation:
    """Match every named HKS-2014 dyad to the ACD 20.1 conflict listing it (see the module).

    >>> from bluehelmet.panels.importers.base import Coverage
    >>> hks = Imported(pd.DataFrame({"conflict_ID": [187.0, 187.0], "year": [1995, 1995],
    ...     "gov": ["Sierra Leone"] * 2, "rebel_group": ["RUF", "Kamajors"], "month": [1, 1],
    ...     "brf_grc": [10.0, 2.0], "brf_gr": [10.0, 2.0], "active_year": [1.0, 1.0]}),
    ...     Coverage("hks_2014", "dyad-month", "1992-01", "2011-12"))
    >>> acd = Imported(pd.DataFrame({"conflict_id": [382], "year": [1995],
    ...     "side_a": ["Government of Sierra Leone"], "side_b": ["RUF"]}),
    ...     Coverage("ucdp_acd_20_1", "conflict-year", "1946", "2019"))
    >>> ids = translate_conflict_ids(hks, acd)
    >>> ids.dyads[["rebel_group", "conflict_id", "how"]].values.tolist()
    [['Kamajors', <NA>, 'none'], ['RUF', 382, 'name']]
    """
    months = hks_dyad_months(hks)
    dyads = _dyads(months, hks)
    wanted = dyads.explode("active_years").dropna(subset=["active_years"])
    wanted = wanted.assign(
        government=_normalised(wanted["gov"]),
        year=wanted["active_years"].astype(int),
        needle=", " + _normalised(wanted["acd_name"]) + ", ",
    )
    pairs = wanted.merge(_opponents(acd), on=["government", "year"])
    found = [n in s for n, s in zip(pairs["needle"], pairs["side_b"], strict=True)]
    ids = pairs[found].groupby(DYAD)["conflict_id"].agg(lambda s: sorted(set(s)))
    ids = ids.reindex(pd.MultiIndex.from_frame(dyads[DYAD])).tolist()
    n_ids = [len(i) if isinstance(i, list) else 0 for i in ids]
    dyads["conflict_id"] = pd.array(
        [i[0] if n == 1 else None for i, n in zip(ids, n_ids, strict=True)], dtype="Int64"
    )
    dyads["how"] = [
        how if n == 1 else ("none" if n == 0 else "ambiguous")
        for how, n in zip(dyads["how"], n_ids, strict=True)
    ]
    dyads["active_years"] = dyads["active_years"].map(lambda ys: " ".join(map(str, ys)))
    dyads = dyads[[*DYAD, "conflict_id", "how", "acd_name", "active_years", "dyad_months",
                   "battle_deaths"]]  # fmt: skip
    data = hks.data
    period = data["year"].astype(float) * 100 + data["month"].astype(float)
    lo, hi = (int(p.replace("-", "")) for p in (hks.coverage.start, hks.coverage.end))
    unnamed = int((data[DYAD].isna().any(axis=1) & period.between(lo, hi)).sum())
    return ConflictIdTranslation(dyads.reset_index(drop=True), unnamed)
