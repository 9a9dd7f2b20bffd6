"""The DuckDB store: built on first use, rebuilt when stale or corrupt, read-only."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import bluehelmet
from bluehelmet import store
from bluehelmet.register.load import read_table


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("BLUEHELMET_CACHE", str(tmp_path))
    store._forget()
    yield tmp_path
    store._forget()


def test_store_holds_every_packaged_row(cache: Path) -> None:
    for table in ("operations", "mandate_events", "resolutions"):
        n = store.query(f"SELECT count(*) AS n FROM {table}").n[0]
        assert n == len(read_table(table))


def test_corrupt_store_is_rebuilt(cache: Path) -> None:
    path = store.store_path()
    store._forget()
    path.write_bytes(b"this is not a duckdb file")
    rebuilt = store.store_path()
    assert rebuilt == path
    assert store.query("SELECT count(*) AS n FROM resolutions").n[0] > 2000


def test_store_is_named_by_version_and_data(cache: Path) -> None:
    path = store.store_path()
    assert path.name == f"store-{bluehelmet.__version__}-{store.data_hash()}.duckdb"


def test_connection_is_read_only_and_has_no_file_access(cache: Path) -> None:
    con = store.connect()
    with pytest.raises(duckdb.Error):
        con.execute("DELETE FROM operations")
    with pytest.raises(duckdb.Error):
        con.execute(f"SELECT * FROM read_csv('{Path(__file__)}')")
