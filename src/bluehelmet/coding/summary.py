"""Summaries of a coded corpus for reports: force authorisations by year and addressee, and
which years the texts cover (a year without texts is missing, never zero)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from bluehelmet.coding.code import CodedResolution
from bluehelmet.documents.coverage import year_coverage
from bluehelmet.register.query import resolutions
from bluehelmet.register.vocab import FORCE_ADDRESSEES

#: Label for the years a chart shades because no resolution text covers them.
NO_TEXTS = "no resolution texts"


def adopted_index(texts: Iterable[tuple[int | None, int | None]]) -> pd.DataFrame:
    """Every adopted resolution (``resolution``, ``year``): the register's resolutions index,
    extended by the (number, year) of texts it does not list yet (later years).

    >>> later = adopted_index([(2825, 2026), (None, 2026)])
    >>> later.iloc[-1].tolist(), int(later.iloc[0]["year"])
    ([2825, 2026], 1946)
    """
    index = resolutions()[["number", "year"]].rename(columns={"number": "resolution"})
    index = index.dropna().astype(int)
    extra = pd.DataFrame(
        [(n, y) for n, y in texts if n is not None and y is not None],
        columns=["resolution", "year"],
        dtype=int,
    )
    extra = extra[~extra["resolution"].isin(index["resolution"])].drop_duplicates("resolution")
    out = pd.concat([index, extra], ignore_index=True)
    return out.sort_values("resolution", kind="stable").reset_index(drop=True)


def text_coverage(texts: Iterable[tuple[int | None, int | None]]) -> pd.DataFrame:
    """Per year of :func:`adopted_index`: resolutions adopted, how many have a text among
    ``texts`` ((number, year) pairs), the share and ``covered`` (see ``year_coverage``).

    >>> cov = text_coverage([(678, 1990)]).set_index("year")
    >>> bool(cov.loc[1990, "covered"]), int(cov.loc[1990, "with_text"]), int(cov.index.min())
    (False, 1, 1946)
    """
    pairs = list(texts)
    return year_coverage((n for n, _ in pairs), adopted_index(pairs))


def uncovered_years(texts: Iterable[tuple[int, int]]) -> list[int]:
    """Years from the first to the last of ``texts`` ((number, year) pairs) that they do not
    cover (see :func:`text_coverage`).

    >>> uncovered_years([(n, 1990) for n in range(646, 684)] + [(1270, 1999)])
    [1991, 1992, 1993, 1994, 1995, 1996, 1997, 1998, 1999]
    """
    pairs = [(int(n), int(y)) for n, y in texts]
    if not pairs:
        return []
    years = [y for _, y in pairs]
    coverage = text_coverage(pairs)
    within = coverage["year"].between(min(years), max(years)) & ~coverage["covered"]
    return [int(y) for y in coverage.loc[within, "year"]]


def per_covered_year(
    table: pd.DataFrame, coverage: pd.DataFrame, fill: object | dict[str, object]
) -> pd.DataFrame:
    """``table`` (indexed by year) over every year of ``coverage``: a covered year missing
    from ``table`` gets ``fill`` (a value, or one per column as for ``fillna``); every
    column of an uncovered year is NA (nullable dtypes).

    >>> t = pd.DataFrame({"n": [2]}, index=pd.Index([1990], name="year"))
    >>> cov = pd.DataFrame({"year": [1990, 1991, 1992], "covered": [True, True, False]})
    >>> per_covered_year(t, cov, 0)["n"].tolist()
    [2, 0, <NA>]
    """
    years = pd.Index(coverage["year"].astype(int), name="year")
    full = table.reindex(years).convert_dtypes()
    covered = coverage.set_index("year")["covered"].reindex(years).fillna(False).astype(bool)
    absent = covered.to_numpy() & ~years.isin(table.index)
    full.loc[absent] = full.loc[absent].fillna(fill)
    full.loc[~covered.to_numpy(), :] = pd.NA
    return full


def force_by_addressee(
    coded: CodedResolution, coverage: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Resolutions authorising force per year (rows) and addressee (columns).

    A resolution that authorises both the UN operation and member states counts
    once in each column. Without ``coverage`` the rows run from the first to the last
    year coded; with it (:func:`text_coverage` output) they are its years, and a year
    no text covers is NA in every column, not zero.

    >>> from bluehelmet.coding.code import code_texts
    >>> from bluehelmet.documents.model import Paragraph, Resolution
    >>> t = "1. Authorizes Member States to use all necessary means;"
    >>> r = Resolution(678, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> r2 = Resolution(665, 1990, None, t, r.paragraphs)
    >>> int(force_by_addressee(code_texts([r, r2])).loc[1990, "member_states"])
    2
    >>> cov = text_coverage([(665, 1990), (678, 1990)])
    >>> force_by_addressee(code_texts([r, r2]), cov).loc[1990, "member_states"]
    <NA>
    """
    res = coded.resolution
    rows = [
        (int(r.resolution), int(r.year), addressee)
        for r in res[res["force_authorised"].astype(bool)].itertuples()
        if pd.notna(r.year)
        for addressee in set(str(r.force_addressees).split(";")) & set(FORCE_ADDRESSEES)
    ]
    long = pd.DataFrame(rows, columns=["resolution", "year", "addressee"]).drop_duplicates()
    counts = pd.crosstab(long["year"], long["addressee"])
    counts = counts.reindex(columns=list(FORCE_ADDRESSEES), fill_value=0)
    counts.index.name, counts.columns.name = "year", None
    if coverage is not None:
        return per_covered_year(counts, coverage, 0).astype("Int64")
    if long.empty:
        return pd.DataFrame(columns=list(FORCE_ADDRESSEES), dtype=int)
    years = range(int(res["year"].min()), int(res["year"].max()) + 1)
    return counts.reindex(index=years, fill_value=0).rename_axis("year").astype(int)


def force_years(counts: pd.DataFrame, coverage: pd.DataFrame) -> pd.DataFrame:
    """The years worth listing beside the force chart: those with a force authorisation and
    those no text covers, with how many resolutions were adopted and how many have a text.

    >>> c = pd.DataFrame({"un_operation": [1, 0, pd.NA]}, index=pd.Index([1990, 1991, 1996],
    ...                  name="year"), dtype="Int64")
    >>> cov = pd.DataFrame({"year": [1990, 1991, 1996], "adopted": [37, 42, 54],
    ...                     "with_text": [37, 42, 0], "covered": [True, True, False]})
    >>> force_years(c, cov)["year"].tolist()
    [1990, 1996]
    """
    listed = counts[(counts.fillna(0).sum(axis=1) > 0) | counts.isna().all(axis=1)]
    extra = coverage.set_index("year")[["adopted", "with_text"]]
    return listed.join(extra).reset_index()
