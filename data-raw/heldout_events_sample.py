"""Draw the held-out sample of 2000–2026 resolutions labelled in tests/data/gold/modern_e.csv.

Reads the UN's XML in ``$BLUEHELMET_SHARED_DATA/unsc/akn_2000_2026/resolutions``, leaves
out every resolution in the development files ``tests/data/gold/modern_{a,b,c}.csv``, and
draws with a fixed seed 28 resolutions with an operative paragraph that names
a UN peacekeeping operation of the register together with a mandate word ("extend",
"decides", "terminate", "establish", "increase", "troop ceiling", ...), and 8 of the rest.
Prints the numbers, sorted; texts never enter the repository. Resolution 2229 is in this
draw and in ``modern_d``'s (``heldout_sample.py``); both labellers' rows agreed, and it is
kept in ``modern_d.csv`` only.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import bluehelmet as bh
from bluehelmet.coding.evaluate import read_gold
from bluehelmet.coding.operations import index_for
from bluehelmet.paths import shared_data_dir

SEED = 20261208
N_OPERATION, N_REST = 28, 8
GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "gold"
MANDATE_WORD = re.compile(
    r"\b(?:extend|renew|decides|terminat|establish|increas|reduc|troop ceiling|withdraw"
    r"|authori[sz]es\b.{0,80}\bincrease)",
    re.IGNORECASE,
)


def main() -> int:
    """Print the drawn resolution numbers: those naming an operation, then the rest."""
    folder = shared_data_dir() / "unsc" / "akn_2000_2026" / "resolutions"
    if not folder.is_dir():
        print(f"error: {folder} not found; set BLUEHELMET_SHARED_DATA", file=sys.stderr)
        return 1
    labelled = set(read_gold([GOLD / f"modern_{p}.csv" for p in "abc"])["resolution"])
    index = index_for(None)
    un_ops = {a for a, org in index.org.items() if org == "UN"}
    with_op, rest = [], []
    for path in sorted(folder.rglob("*.xml")):
        res = bh.read_resolution(path)
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
    print("operation:", sorted(rng.sample(sorted(set(with_op)), N_OPERATION)))
    print("rest:", sorted(rng.sample(sorted(set(rest)), N_REST)))
    print(f"(from {len(set(with_op))} naming an operation and {len(set(rest))} others)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
