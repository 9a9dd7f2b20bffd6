"""Draw the held-out sample labelled in ``tests/data/gold/modern_d.csv``.

Lists the 2000–2026 resolutions (``$BLUEHELMET_SHARED_DATA/unsc/akn_2000_2026/resolutions``)
not labelled in ``tests/data/gold/modern_{a,b,c}.csv``, splits them by whether the text says
"all necessary", "Chapter VII", "protect civilians" or "protection of civilians"
(case-insensitive), and draws 24 from the first group and 12 from the rest with a fixed seed.
Prints the numbers and file paths; no text is written anywhere.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

from bluehelmet.coding.evaluate import read_gold
from bluehelmet.documents import read_resolution
from bluehelmet.paths import shared_data_dir

SEED = 20261208
N_KEYWORD, N_REST = 24, 12
GOLD = Path(__file__).parents[1] / "tests" / "data" / "gold"
KEYWORDS = re.compile(
    r"all necessary|chapter vii\b|protect civilians|protection of civilians", re.IGNORECASE
)
_NUMBER = re.compile(r"S_RES_(\d+)_")


def main() -> int:
    """Print the sample, keyword group first, each sorted by number."""
    folder = shared_data_dir() / "unsc" / "akn_2000_2026" / "resolutions"
    if not folder.is_dir():
        print(f"error: {folder} not found; set BLUEHELMET_SHARED_DATA", file=sys.stderr)
        return 1
    labelled = set(read_gold([GOLD / f"modern_{p}.csv" for p in "abc"])["resolution"])
    keyword: list[tuple[int, Path]] = []
    rest: list[tuple[int, Path]] = []
    for path in sorted(folder.glob("*/S_RES_*.xml")):
        match = _NUMBER.match(path.name)
        if match is None or int(match.group(1)) in labelled:
            continue
        text = read_resolution(path).text
        (keyword if KEYWORDS.search(text) else rest).append((int(match.group(1)), path))
    rng = random.Random(SEED)
    for group, n in ((keyword, N_KEYWORD), (rest, N_REST)):
        for number, path in sorted(rng.sample(group, n)):
            print(number, path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
