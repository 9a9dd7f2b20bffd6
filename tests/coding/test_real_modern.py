"""The coder on the 2000–2026 Akoma Ntoso texts (skipped without ../shared/data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bluehelmet.coding.batch import code_folders
from bluehelmet.coding.evaluate import evaluate, read_gold

GOLD = Path(__file__).parents[1] / "data" / "gold"
pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def modern_dir(shared_data: Path) -> Path:
    """Folder of the 2000–2026 resolutions (Akoma Ntoso XML, one folder per year)."""
    path = shared_data / "unsc" / "akn_2000_2026" / "resolutions"
    if not path.is_dir():
        pytest.skip(f"2000–2026 resolutions not found at {path}")
    return path


def test_targets_on_the_modern_gold_development_set(modern_dir: Path) -> None:
    """Dev-set regression: the rules were written reading these labels."""
    gold = read_gold(sorted(GOLD.glob("modern_*.csv")))
    coded = code_folders(modern_dir, progress=False)[1]
    scores = evaluate(gold, coded.label_rows).set_index("code")
    assert scores.loc["chapter_vii", "f1"] >= 0.98
    assert scores.loc["force", "f1"] >= 0.95
    assert scores.loc["force", "accuracy"] >= 0.95
    assert scores.loc["poc", "f1"] >= 0.95
    assert scores.loc["poc", "accuracy"] >= 0.95
