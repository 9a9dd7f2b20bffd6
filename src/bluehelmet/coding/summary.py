"""Summaries of a coded corpus for reports: force authorisations by year and addressee."""

from __future__ import annotations

import pandas as pd

from bluehelmet.coding.code import CodedResolution
from bluehelmet.register.vocab import FORCE_ADDRESSEES


def force_by_addressee(coded: CodedResolution) -> pd.DataFrame:
    """Resolutions authorising force per year (rows) and addressee (columns).

    A resolution that authorises both the UN operation and member states counts
    once in each column.

    >>> from bluehelmet.coding.code import code_texts
    >>> from bluehelmet.documents.model import Paragraph, Resolution
    >>> t = "1. Authorizes Member States to use all necessary means;"
    >>> r = Resolution(678, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> r2 = Resolution(665, 1990, None, t, r.paragraphs)
    >>> int(force_by_addressee(code_texts([r, r2])).loc[1990, "member_states"])
    2
    """
    res = coded.resolution
    rows = [
        (int(r.resolution), int(r.year), addressee)
        for r in res[res["force_authorised"].astype(bool)].itertuples()
        if pd.notna(r.year)
        for addressee in set(str(r.force_addressees).split(";")) & set(FORCE_ADDRESSEES)
    ]
    long = pd.DataFrame(rows, columns=["resolution", "year", "addressee"]).drop_duplicates()
    if long.empty:
        return pd.DataFrame(columns=list(FORCE_ADDRESSEES), dtype=int)
    years = range(int(res["year"].min()), int(res["year"].max()) + 1)
    counts = pd.crosstab(long["year"], long["addressee"])
    counts = counts.reindex(index=years, columns=list(FORCE_ADDRESSEES), fill_value=0)
    counts.index.name, counts.columns.name = "year", None
    return counts.astype(int)
