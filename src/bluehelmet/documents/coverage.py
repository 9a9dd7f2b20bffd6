"""Which resolution numbers a corpus has, which it lacks, and the gap no corpus fills.

The CR-UNSC texts end in 1994 and the UN's XML begins in 2000: resolutions 983–1284
(1995–1999) are in neither. Every table and chart says so instead of counting zero.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

# (first, last, why): stretches of resolution numbers no shared corpus holds.
KNOWN_GAPS: tuple[tuple[int, int, str], ...] = (
    (983, 1284, "1995–1999, in neither corpus (CR-UNSC ends in 1994, the UN's XML starts 2000)"),
)
# A year whose share of resolutions with a text is below this is shown as "no text".
COVERED_SHARE = 0.5


def ranges(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive values.

    >>> ranges([5, 1, 2, 3, 9])
    [(1, 3), (5, 5), (9, 9)]
    """
    out: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if out and n == out[-1][1] + 1:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def ranges_text(numbers: Iterable[int]) -> str:
    """Runs written out: "1–3, 5, 9" (empty string when there are none).

    >>> ranges_text([1, 2, 3, 5, 9])
    '1–3, 5, 9'
    """
    return ", ".join(f"{a}–{b}" if b > a else f"{a}" for a, b in ranges(numbers))


@dataclass(frozen=True)
class Coverage:
    """Present and missing resolution numbers (between the first and last present)."""

    present: tuple[int, ...]
    missing: tuple[int, ...]

    def gaps(self) -> list[tuple[int, int, str]]:
        """Known gaps that fall inside this corpus's missing numbers, with why.

        >>> coverage_of([1, 2000]).gaps()[0][:2]
        (983, 1284)
        """
        missing = set(self.missing)
        return [(a, b, why) for a, b, why in KNOWN_GAPS if missing.issuperset(range(a, b + 1))]

    def lines(self) -> list[str]:
        """The coverage as short lines for a terminal or a report.

        >>> coverage_of([1, 2, 4]).lines()
        ['present: 3 resolutions (1–2, 4)', 'missing: 1 (3)']
        """
        if not self.present:
            return []
        out = [f"present: {len(self.present)} resolutions ({ranges_text(self.present)})"]
        named = self.gaps()
        inside = {n for a, b, _ in named for n in range(a, b + 1)}
        other = [n for n in self.missing if n not in inside]
        for a, b, why in named:
            out.append(f"gap: {a}–{b} ({b - a + 1} resolutions), {why}")
        if other:
            out.append(f"missing: {len(other)} ({ranges_text(other)})")
        return out


def coverage_of(numbers: Iterable[int | None]) -> Coverage:
    """Coverage of a set of resolution numbers.

    >>> coverage_of([3, 1, None]).missing
    (2,)
    """
    present = sorted({n for n in numbers if n is not None})
    if not present:
        return Coverage((), ())
    have = set(present)
    missing = tuple(n for n in range(present[0], present[-1] + 1) if n not in have)
    return Coverage(tuple(present), missing)


def year_coverage(numbers: Iterable[int | None], index: pd.DataFrame) -> pd.DataFrame:
    """Per year: resolutions adopted (from ``index``: resolution, year), how many have a
    text, the share, and ``covered`` (share ≥ COVERED_SHARE).

    >>> idx = pd.DataFrame({"resolution": [1, 2, 3], "year": [1946, 1946, 1947]})
    >>> year_coverage([1, 2], idx).covered.tolist()
    [True, False]
    """
    have = {n for n in numbers if n is not None}
    df = index[["resolution", "year"]].copy()
    df["has_text"] = df["resolution"].isin(have)
    out = df.groupby("year").agg(adopted=("resolution", "size"), with_text=("has_text", "sum"))
    out["share"] = out["with_text"] / out["adopted"]
    out["covered"] = out["share"] >= COVERED_SHARE
    return out.reset_index()
