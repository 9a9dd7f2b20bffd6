"""Without PySpark or Java, ``--engine spark`` is a one-line usage error naming the install."""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest

from bluehelmet.errors import UsageError
from bluehelmet.reuse.run import run_reuse
from bluehelmet.reuse.spark import session


def test_missing_pyspark_is_named(tmp_path: Path) -> None:
    (tmp_path / "p.jsonl").write_text('{"doc": "A", "id": "1", "text": "Decides."}\n')
    with (
        mock.patch.object(session.importlib.util, "find_spec", return_value=None),
        pytest.raises(UsageError, match=r"pip install 'bluehelmet\[spark\]'"),
    ):
        run_reuse(tmp_path / "p.jsonl", tmp_path / "out", fmt="parquet", engine="spark")
    assert not (tmp_path / "out").exists()


def test_missing_java_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with (
        mock.patch.object(session.importlib.util, "find_spec", return_value=object()),
        mock.patch.object(session.shutil, "which", return_value=None),
    ):
        assert "openjdk-17-jre-headless" in str(session.spark_problem())
