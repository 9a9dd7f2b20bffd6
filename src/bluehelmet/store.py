"""The embedded DuckDB store, built from the packaged tables on first use.

The database file's name carries a hash of the packaged CSVs, so a change of the
packaged data builds a fresh store; a missing, stale or corrupt file is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import duckdb
import pandas as pd

from bluehelmet.paths import PACKAGE_DATA, cache_dir
from bluehelmet.register.load import read_table
from bluehelmet.register.schema import TABLES

_CONFIG: dict[str, str | bool | int | float | list[str]] = {"enable_external_access": False}


def data_hash() -> str:
    """Hash of the packaged tables' bytes (first 16 hex digits).

    >>> len(data_hash())
    16
    """
    digest = hashlib.sha256()
    for name in sorted(TABLES):
        digest.update(name.encode())
        digest.update((PACKAGE_DATA / f"{name}.csv").read_bytes())
    return digest.hexdigest()[:16]


def _build(path: Path, digest: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".duckdb.tmp")
    os.close(fd)
    os.unlink(tmp)
    try:
        con = duckdb.connect(tmp)
        for name, cols in TABLES.items():
            frame = read_table(name)
            select = ", ".join(
                f'CAST("{c.name}" AS DATE) AS "{c.name}"' if c.kind == "date" else f'"{c.name}"'
                for c in cols
            )
            con.register("frame", frame)
            con.execute(f'CREATE TABLE "{name}" AS SELECT {select} FROM frame')
            con.unregister("frame")
        con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR)")
        con.execute("INSERT INTO meta VALUES ('data_hash', ?)", [digest])
        con.close()
        os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp + ".wal"):
            if os.path.exists(leftover):
                os.unlink(leftover)


def _is_sound(path: Path, digest: str) -> bool:
    try:
        con = duckdb.connect(str(path), read_only=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key = 'data_hash'").fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return False
    return row is not None and row[0] == digest


def store_path() -> Path:
    """Path of a sound store for the current packaged data, building it if needed.

    >>> store_path().suffix
    '.duckdb'
    """
    digest = data_hash()
    path = cache_dir() / f"register-{digest}.duckdb"
    if not (path.exists() and _is_sound(path, digest)):
        if path.exists():
            path.unlink()
        _build(path, digest)
    for old in cache_dir().glob("register-*.duckdb"):
        if old != path:
            old.unlink(missing_ok=True)
    return path


@lru_cache(maxsize=1)
def _connection(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=True, config=_CONFIG)


def _signature() -> tuple[tuple[str, int, int], ...]:
    """Name, modification time and size of each packaged CSV: cheap to read, changes with them."""
    stats = ((name, (PACKAGE_DATA / f"{name}.csv").stat()) for name in sorted(TABLES))
    return tuple((name, st.st_mtime_ns, st.st_size) for name, st in stats)


@lru_cache(maxsize=4)
def _checked_path(signature: tuple[tuple[str, int, int], ...], cache: str) -> str:
    return str(store_path())


def connect() -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store, with no access to outside files.

    The store is checked once per process and again whenever a packaged table changes.

    >>> connect().execute("SELECT count(*) > 0 FROM operations").fetchone()[0]
    True
    """
    return _connection(_checked_path(_signature(), str(cache_dir()))).cursor()


def query(sql: str, params: Sequence[object] | None = None) -> pd.DataFrame:
    """Run a parameterised query on the store and return a DataFrame.

    >>> query("SELECT acronym FROM operations WHERE acronym = ?", ["UNAMSIL"]).acronym[0]
    'UNAMSIL'
    """
    return connect().execute(sql, list(params or [])).df()
