"""Draw the held-out samples labelled in ``tests/data/gold/modern_d.csv`` and ``modern_e.csv``.

Both draw with the seed 20261208 from the 2000–2026 resolutions
(``$BLUEHELMET_SHARED_DATA/unsc/akn_2000_2026/resolutions``) not labelled in the development
files ``tests/data/gold/modern_{a,b,c}.csv``:

- ``modern_d`` (force, Chapter VII, PoC): 24 among the texts that say "all necessary",
  "Chapter VII", "protect civilians" or "protection of civilians" (case-insensitive), 12
  among the rest;
- ``modern_e`` (mandate events): 28 among the resolutions with an operative paragraph that
  names a UN peacekeeping operation of the register together with a mandate word
  ("extend", "decides", "terminate", "establish", "increase", "troop ceiling", ...), 8 of
  the rest.

Resolution 2229 is in both draws; both labellers' rows agreed, and it is kept in
``modern_d.csv`` only. Prints the numbers; no text is written anywhere.
Run: python data-raw/heldout_sample.py
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from bluehelmet.coding.evaluate import read_gold
from bluehelmet.coding.operations import index_for
from bluehelmet.documents import read_resolution
from bluehelmet.paths import shared_data_dir

SEED = 20261208
GOLD = Path(__file__).parents[1] / "tests" / "data" / "gold"
KEYWORDS = re.compile(
    r"all necessary|chapter vii\b|protect civilians|protection of civilians", re.IGNORECASE
)
MANDATE_WORD = re.compile(
    r"\b(?:extend|renew|decides|terminat|establish|increas|reduc|troop ceiling|withdraw"
    r"|authori[sz]es\b.{0,80}\bincrease)",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"S_RES_(\d+)_")


def force_sample(folder: Path, labelled: set[int]) -> list[int]:
    """``modern_d``: keyword group first, then the rest, each sorted."""
    keyword: list[tuple[int, Path]] = []
    rest: list[tuple[int, Path]] = []
    for path in sorted(folder.glob("*/S_RES_*.xml")):
        match = _NUMBER.match(path.name)
        if match is None or int(match.group(1)) in labelled:
            continue
        text = read_resolution(path).text
        (keyword if KEYWORDS.search(text) else rest).append((int(match.group(1)), path))
    rng = random.Random(SEED)
    return [n for group, k in ((keyword, 24), (rest, 12)) for n, _ in sorted(rng.sample(group, k))]


def events_sample(folder: Path, labelled: set[int]) -> list[int]:
    """``modern_e``: resolutions naming an operation first, then the rest, each sorted."""
    index = index_for(None)
    un_ops = {a for a, org in index.org.items() if org == "UN"}
    with_op, rest = [], []
    for path in sorted(folder.rglob("*.xml")):
        res = read_resolution(path)
        if res.number is None or res.number in labelled:
            continue
        hit = any(
            p.kind in ("operative", "subparagraph")
            and MANDATE_WORD.search(p.text)
            and any(m.acronym in un_ops for m in index.mentions(p.text, res.number))
            for p in res.paragraphs
        )
        (with_op if hit else rest).append(res.number)
    rng = random.Random(SEED)
    return [
        n
        for group, k in ((with_op, 28), (rest, 8))
        for n in sorted(rng.sample(sorted(set(group)), k))
    ]


def main() -> int:
    """Print both samples."""
    folder = shared_data_dir() / "unsc" / "akn_2000_2026" / "resolutions"
    if not folder.is_dir():
        print(f"error: {folder} not found; set BLUEHELMET_SHARED_DATA", file=sys.stderr)
        return 1
    labelled = set(read_gold([GOLD / f"modern_{p}.csv" for p in "abc"])["resolution"])
    print("modern_d:", *force_sample(folder, labelled))
    print("modern_e:", *events_sample(folder, labelled))
    return 0


if __name__ == "__main__":
    sys.exit(main())
