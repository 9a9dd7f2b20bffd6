"""Versions and citations of the packaged tables, after peacesciencer's ps_version/ps_cite."""

from __future__ import annotations

import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.store import data_hash, query


def versions() -> pd.DataFrame:
    """Each source with its version and the packaged tables that use it.

    >>> "un_sc_meetings" in versions().key.tolist()
    True
    """
    df = query("SELECT key, title, version, year, url, licence, tables FROM sources ORDER BY key")
    df.attrs["data_hash"] = data_hash()
    return df


def cite(table: str | None = None) -> str:
    """BibTeX for the sources of one packaged table (or of all tables).

    >>> "@misc{un_sc_resolutions" in cite("mandate_events")
    True
    """
    df = query("SELECT key, tables, bibtex FROM sources ORDER BY key")
    if table is not None:
        df = df[df["tables"].fillna("").str.split(";").map(lambda ts: table in ts)]
        if df.empty:
            known = sorted(
                {
                    t
                    for ts in query("SELECT tables FROM sources")["tables"].dropna()
                    for t in ts.split(";")
                }
            )
            raise NotFoundError(f"no sources for table {table!r}; tables: {', '.join(known)}")
    return "\n\n".join(df["bibtex"]) + "\n"
