"""Versions and citations of the packaged tables, after peacesciencer's ps_version/ps_cite."""

from __future__ import annotations

import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.store import data_hash, query

#: Key of the register's own row in ``sources.csv``.
REGISTER = "bluehelmet"


def versions() -> pd.DataFrame:
    """Each source with its version and the packaged tables that use it (the register's
    version is this package's).

    >>> from bluehelmet import __version__
    >>> versions().set_index("key").loc["bluehelmet", "version"] == __version__
    True
    """
    from bluehelmet import __version__

    df = query("SELECT key, title, version, year, url, licence, tables FROM sources ORDER BY key")
    df.loc[df["key"] == REGISTER, "version"] = __version__
    df.attrs["data_hash"] = data_hash()
    return df


def register_entry(bibtex: str) -> str:
    """The register's BibTeX entry ``bibtex`` with this package's version and the packaged
    data's hash (see ``store.data_hash``), so a citation names the data it used.

    >>> from bluehelmet import __version__
    >>> entry = register_entry("@misc{bluehelmet,\\n  note = {coding}\\n}")
    >>> f"version = {{{__version__}}}" in entry, f"data hash {data_hash()}; coding" in entry
    (True, True)
    """
    from bluehelmet import __version__

    stamp = f"  version = {{{__version__}}},\n  note = {{Package version {__version__}, data hash "
    return bibtex.replace("  note = {", f"{stamp}{data_hash()}; ", 1)


def cite(table: str | None = None) -> str:
    """BibTeX for the sources of one packaged table (or of all tables), and for the register
    itself with its version and data hash.

    >>> bib = cite("resolutions")
    >>> "@misc{un_sc_meetings" in bib, "@misc{bluehelmet" in bib
    (True, True)
    """
    df = query("SELECT key, tables, bibtex FROM sources ORDER BY key")
    register = df["key"] == REGISTER
    df.loc[register, "bibtex"] = df.loc[register, "bibtex"].map(register_entry)
    if table is not None:
        uses = df["tables"].fillna("").str.split(";").map(lambda ts: table in ts)
        if not uses.any():
            known = sorted(
                {
                    t
                    for ts in query("SELECT tables FROM sources")["tables"].dropna()
                    for t in ts.split(";")
                }
            )
            raise NotFoundError(f"no sources for table {table!r}; tables: {', '.join(known)}")
        df = df[uses | register]
    return "\n\n".join(df["bibtex"]) + "\n"
