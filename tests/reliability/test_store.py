"""The DuckDB store under damage, races, kills, two versions sharing a cache, and greedy SQL.

Each test builds its own store in a private cache (``tmp_path``); nothing touches the network.
"""

from __future__ import annotations

import hashlib
import inspect
import multiprocessing
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

import bluehelmet as bh
from bluehelmet import store
from bluehelmet.cli import app, sql_cmd
from bluehelmet.register import sql as sql_module
from bluehelmet.register.load import read_table
from bluehelmet.web import create_app

N_OPERATIONS = len(read_table("operations"))
N_RESOLUTIONS = len(read_table("resolutions"))
MONTH = 31 * 86_400
N_RACERS = 8


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("BLUEHELMET_CACHE", str(tmp_path))
    store._forget()
    yield tmp_path
    store._forget()


def damage(path: Path) -> None:
    """Overwrite bytes every 8 KiB across the middle half of the file (data blocks)."""
    size = path.stat().st_size
    with path.open("r+b") as handle:
        for offset in range(size // 4, 3 * size // 4, 8192):
            handle.seek(offset)
            handle.write(b"\xff" * 64)


def temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name)


# --- damaged data blocks ------------------------------------------------------------------


def test_damaged_store_is_rebuilt_before_the_api_answers(cache: Path) -> None:
    path = store.store_path()
    store._forget()
    damage(path)
    assert len(bh.operations()) == N_OPERATIONS
    assert int(bh.sql("SELECT count(*) AS n FROM resolutions").n[0]) == N_RESOLUTIONS
    assert store.file_sha256(path) in store.checksum_file(path).read_text()


def test_store_damaged_while_open_is_rebuilt_on_the_failing_query(cache: Path) -> None:
    path = store.store_path()
    assert int(store.query("SELECT 1 AS one").one[0]) == 1  # connection open, tables unread
    damage(path)
    assert int(bh.sql("SELECT count(*) AS n FROM resolutions").n[0]) == N_RESOLUTIONS
    assert len(bh.operations()) == N_OPERATIONS


def test_cli_answers_on_a_damaged_store(cache: Path) -> None:
    path = store.store_path()
    store._forget()
    damage(path)
    result = CliRunner().invoke(app, ["operations", "--format", "csv"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("\n") == N_OPERATIONS + 1
    store._forget()
    damage(path)
    result = CliRunner().invoke(app, ["sql", "SELECT count(*) AS n FROM resolutions"])
    assert result.exit_code == 0, result.stderr
    assert str(N_RESOLUTIONS) in result.stdout


def test_web_api_answers_on_a_store_damaged_while_serving(cache: Path) -> None:
    with TestClient(create_app(), base_url="http://127.0.0.1") as client:
        path = store.store_path()
        assert int(store.query("SELECT 1 AS one").one[0]) == 1
        damage(path)
        answer = client.get("/api/operations?org=AU&format=csv")
        assert answer.status_code == 200
        assert answer.text.count("\n") == 1 + int((read_table("operations").org == "AU").sum())


def test_corruption_that_survives_a_rebuild_is_one_line_naming_the_file(cache: Path) -> None:
    calls: list[int] = []

    def broken(con: duckdb.DuckDBPyConnection) -> None:
        calls.append(1)
        raise duckdb.Error("Corrupt database file: computed checksum 1 does not match 2\nmore")

    with pytest.raises(store.StoreError) as info:
        store.with_store(broken)
    assert len(calls) == 2  # one rebuild, one retry, then give up
    message = str(info.value)
    assert "\n" not in message and str(store.store_file()) in message


def test_user_sql_errors_are_not_corruption_and_do_not_rebuild(cache: Path) -> None:
    path = store.store_path()
    built = path.stat().st_mtime_ns
    for bad, said in (("SELEC 1", "could not be parsed"), ("SELECT * FROM nosuch", "SQL failed")):
        with pytest.raises(bh.UsageError, match=said):
            bh.sql(bad)
    assert path.stat().st_mtime_ns == built


def test_checksum_beside_the_store_is_checked_on_open(cache: Path) -> None:
    path = store.store_path()
    recorded = store.checksum_file(path).read_text().split()
    assert recorded == [hashlib.sha256(path.read_bytes()).hexdigest(), path.name]
    store._forget()
    with path.open("r+b") as handle:  # one byte DuckDB itself might never read
        handle.seek(path.stat().st_size - 1)
        handle.write(b"\x01" if handle.read(1) != b"\x01" else b"\x02")
    before = path.stat().st_ino, path.stat().st_mtime_ns
    assert store.store_path() == path
    assert (path.stat().st_ino, path.stat().st_mtime_ns) != before
    assert store.file_sha256(path) == store.checksum_file(path).read_text().split()[0]


# --- races and kills ----------------------------------------------------------------------


def _open_and_count(cache: str, start: object, results: object) -> None:
    os.environ["BLUEHELMET_CACHE"] = cache
    store.data_hash()  # warm up everything but the store itself
    start.wait()  # type: ignore[attr-defined]
    try:
        n = int(store.query("SELECT count(*) AS n FROM resolutions").n[0])
        results.put(("ok", n))  # type: ignore[attr-defined]
    except Exception as exc:  # noqa: BLE001 - the test reports any failure
        results.put((type(exc).__name__, str(exc)[:200]))  # type: ignore[attr-defined]


@pytest.mark.parametrize("how", ["blocks", "garbage"])
def test_processes_opening_a_corrupt_store_at_once_all_succeed(cache: Path, how: str) -> None:
    path = store.store_path()
    store._forget()
    damage(path) if how == "blocks" else path.write_bytes(b"not a duckdb file")
    ctx = multiprocessing.get_context("spawn")
    start, results = ctx.Barrier(N_RACERS + 1), ctx.Queue()
    args = (str(cache), start, results)
    procs = [ctx.Process(target=_open_and_count, args=args) for _ in range(N_RACERS)]
    for proc in procs:
        proc.start()
    start.wait(timeout=120)  # every child has imported bluehelmet: all open the store at once
    outcomes = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
    assert outcomes == [("ok", N_RESOLUTIONS)] * len(procs)
    assert store._is_sound(path)
    assert temporaries(cache) == []


def _killed_mid_build(cache: str) -> None:
    os.environ["BLUEHELMET_CACHE"] = cache
    fill = store._fill

    def fill_then_die(con: duckdb.DuckDBPyConnection, digest: str) -> None:
        fill(con, digest)
        os.kill(os.getpid(), signal.SIGKILL)

    store._fill = fill_then_die
    store.store_path()


def test_temporaries_of_a_killed_build_are_removed_at_the_next_build(cache: Path) -> None:
    proc = multiprocessing.get_context("spawn").Process(
        target=_killed_mid_build, args=(str(cache),)
    )
    proc.start()
    proc.join(timeout=120)
    assert proc.exitcode == -signal.SIGKILL
    assert temporaries(cache), "the killed build should have left its temporary files"
    legacy_old, legacy_new = cache / "tmpab12cd34.duckdb.tmp", cache / "tmpzz99yy88.duckdb.tmp.wal"
    unrelated = [cache / "notes.tmp", cache / ".page.tmp", cache / "tmpx.duckdb.tmp.keep"]
    for f in (legacy_old, legacy_new, *unrelated):
        f.write_bytes(b"x")
    os.utime(legacy_old, (time.time() - 3600, time.time() - 3600))
    assert len(bh.operations()) == N_OPERATIONS
    assert temporaries(cache) == sorted(f.name for f in (legacy_new, *unrelated))


# --- two versions sharing a cache ---------------------------------------------------------


def test_two_versions_keep_their_stores_side_by_side(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = store.store_path()
    monkeypatch.setattr(bh, "__version__", "9.9.9")
    store._forget()
    theirs = store.store_path()
    assert theirs != ours and theirs.name.startswith("store-9.9.9-")
    monkeypatch.setattr(bh, "__version__", "0.1.0")
    store._forget()
    ours.unlink()  # force a build (which prunes) in the first version
    assert store.store_path() == ours
    assert theirs.exists() and store._is_sound(theirs)
    assert len(bh.operations()) == N_OPERATIONS


def test_only_stores_unused_for_30_days_and_not_locked_are_pruned(cache: Path) -> None:
    ours = store.store_path()
    names = ("store-8.0-0000000000000000.duckdb", "store-7.0-1111111111111111.duckdb")
    old, locked = (cache / name for name in names)
    fresh, legacy = cache / "store-6.0-2222222222222222.duckdb", cache / "register-abcd.duckdb"
    for f in (old, locked, fresh, legacy, store.checksum_file(old)):
        f.write_bytes(b"a store")
    for f in (old, locked, legacy, store.checksum_file(old)):
        os.utime(f, (time.time() - MONTH, time.time() - MONTH))
    store._forget()
    ours.unlink()
    with store._locked(locked):  # another process is working on it
        store.store_path()
    assert not old.exists() and not store.checksum_file(old).exists() and not legacy.exists()
    assert locked.exists() and fresh.exists() and ours.exists()


# --- limits on sql ------------------------------------------------------------------------


def test_sql_row_cap_is_an_error_naming_the_option(cache: Path) -> None:
    with pytest.raises(sql_module.QueryLimitError, match="row cap.*--max-rows"):
        bh.sql("SELECT * FROM range(100001)")
    assert len(bh.sql("SELECT * FROM range(100000)")) == 100_000
    assert len(bh.sql("SELECT * FROM range(5)", max_rows=5)) == 5
    assert len(bh.sql("SELECT * FROM range(200000)", max_rows=0)) == 200_000
    with pytest.raises(sql_module.QueryLimitError):
        bh.sql("SELECT * FROM range(6)", max_rows=5)
    empty = bh.sql("SELECT number, date FROM resolutions WHERE false")
    assert list(empty.columns) == ["number", "date"] and empty.empty


def test_sql_time_limit_interrupts_the_query(cache: Path) -> None:
    started = time.monotonic()
    with pytest.raises(sql_module.QueryLimitError, match="time limit.*--timeout"):
        bh.sql("SELECT sum(range) FROM range(1000000000000)", timeout=0.3)
    assert time.monotonic() - started < 10
    assert int(bh.sql("SELECT 1 AS one", timeout=0.3).one[0]) == 1


def test_sql_limits_must_not_be_negative(cache: Path) -> None:
    with pytest.raises(bh.UsageError, match="0 .*no limit"):
        bh.sql("SELECT 1", timeout=-1.0)
    with pytest.raises(bh.UsageError, match="0 .*no cap"):
        bh.sql("SELECT 1", max_rows=-1)


def test_cli_sql_limits_are_options_with_one_line_errors(cache: Path) -> None:
    runner = CliRunner()
    capped = runner.invoke(app, ["sql", "SELECT * FROM range(20)", "--max-rows", "10"])
    slow = runner.invoke(
        app, ["sql", "SELECT sum(range) FROM range(1000000000000)", "--timeout", "0.3"]
    )
    for result, option in ((capped, "--max-rows"), (slow, "--timeout")):
        assert result.exit_code == 2
        assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
        assert option in result.stderr and "Traceback" not in result.output
    ok = runner.invoke(app, ["sql", "SELECT * FROM range(20)", "--max-rows", "20", "-f", "csv"])
    assert ok.exit_code == 0 and ok.stdout.count("\n") == 21
    defaults = inspect.signature(sql_cmd).parameters
    assert defaults["timeout"].default == sql_module.DEFAULT_TIMEOUT
    assert defaults["max_rows"].default == sql_module.DEFAULT_MAX_ROWS
