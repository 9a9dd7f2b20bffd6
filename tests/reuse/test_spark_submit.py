"""spark-submit with the project's wheel (local[2]) gives the embedded engine's pairs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.reuse.spark.session import spark_problem
from bluehelmet.reuse.stream import stream_reuse
from bluehelmet.reuse.synthetic import write_corpus

ROOT = Path(__file__).resolve().parents[2]
SUBMIT = Path(sys.executable).parent / "spark-submit"


def _problem() -> str | None:
    if spark_problem() is not None:
        return spark_problem()
    if not SUBMIT.exists():
        return f"no spark-submit beside {sys.executable} (pip install 'bluehelmet[spark]')"
    if int(version("setuptools").split(".")[0]) < 77:
        return "building the wheel offline needs setuptools>=77: pip install -U 'setuptools>=77'"
    return None


pytestmark = pytest.mark.skipif(_problem() is not None, reason=str(_problem()))

# Executors see bluehelmet only from an archive: the source folder (an editable install's
# path) is dropped at start-up, so the job fails unless the wheel reaches the executors.
_HIDE = """import os, sys
sys.path[:] = [p for p in sys.path if not os.path.isdir(os.path.join(p, "bluehelmet"))]
"""


def _wheel(tmp: Path) -> Path:
    """The project's wheel, built from a copy of the sources (no build/ in the checkout)."""
    tree = tmp / "tree"
    shutil.copytree(ROOT / "src", tree / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))  # fmt: skip
    for name in ("pyproject.toml", "README.md", *[p.name for p in ROOT.glob("LICEN[CS]E*")]):
        shutil.copy(ROOT / name, tree / name)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet",
         "-w", str(tmp / "dist"), str(tree)],
        check=True, capture_output=True,
    )  # fmt: skip
    (wheel,) = (tmp / "dist").glob("bluehelmet-*.whl")
    return wheel


def test_spark_submit_wheel_same_pairs(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "c.jsonl", 1500, seed=3)
    wheel = _wheel(tmp_path)
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "sitecustomize.py").write_text(_HIDE)
    env = {**os.environ, "PYTHONPATH": str(hide), "PYSPARK_PYTHON": sys.executable}
    done = subprocess.run(
        [str(SUBMIT), "--master", "local[2]", "--conf", "spark.ui.enabled=false",
         "--conf", "spark.driver.host=127.0.0.1", "--py-files", str(wheel),
         str(ROOT / "src/bluehelmet/reuse/spark/submit.py"), str(corpus.paragraphs),
         str(tmp_path / "spark"), "--partitions", "2"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["shipped"].endswith(f"{wheel.stem}.zip")
    stream_reuse(corpus.paragraphs, tmp_path / "emb", fmt="parquet", progress=False)
    emb = pd.read_parquet(tmp_path / "emb" / "pairs.parquet")
    got = pd.read_parquet(tmp_path / "spark" / "pairs.parquet")
    assert len(emb) > 100  # planted reuse was found, not two empty tables
    pd.testing.assert_frame_equal(emb, got, check_exact=True)
    assert summary["pairs"] == len(emb)
