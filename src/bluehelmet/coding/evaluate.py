"""Compare machine codes with hand labels: precision, recall and F1 per code.

Labels and predictions share one long format (see ``tests/data/gold/README.md``):
``resolution, code, paragraph, value``. Chapter VII is scored per resolution
(invoked or not), force authorisations per (resolution, paragraph), mandate
events per (resolution, operation, event), protection of civilians per resolution
(a task or not); addressee, scope and "tied to force" accuracy are scored on the
items both sides found. ``evaluate_sets`` scores the 1946–1994 and 2000–2026
resolutions apart.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.files import read_limited

GOLD_COLUMNS = ("resolution", "code", "paragraph", "value", "detail", "reason")
CODES = ("chapter_vii", "chapter_viii", "force", "event", "poc")
# (code, what accuracy measures on the items both sides found)
SCORED = (("chapter_vii", "scope"), ("force", "addressee"), ("event", None), ("poc", "force_tie"))
# Resolutions up to this number were adopted by 1994; the next texts begin in 2000.
LAST_OLD = 982
SETS = ("1946–1994", "2000–2026")
_SUB = re.compile(r"\([a-z]{1,3}\)$")


def read_gold(paths: Iterable[Path]) -> pd.DataFrame:
    """Read and check gold label files; errors name the file, line and field.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "gold_x.csv"
    >>> _ = f.write_text("resolution,code,paragraph,value,detail,reason\\n"
    ...                  "678,chapter_vii,preamble,preamble,,Acting under Chapter VII\\n")
    >>> read_gold([f]).value.tolist()
    ['preamble']
    """
    frames = []
    for path in paths:
        df = _gold_csv(path)
        if tuple(df.columns) != GOLD_COLUMNS:
            raise DataFormatError(f"{path.name} line 1: columns must be {','.join(GOLD_COLUMNS)}")
        for i, row in enumerate(df.itertuples(index=False), start=2):
            if not row.resolution.isdigit():
                raise DataFormatError(f"{path.name} line {i}, field resolution: not a number")
            if row.code not in CODES:
                raise DataFormatError(f"{path.name} line {i}, field code: {row.code!r} unknown")
        frames.append(df.assign(file=path.name))
    gold = pd.concat(frames, ignore_index=True)
    gold["resolution"] = gold["resolution"].astype(int)
    counts = gold[gold["code"] == "chapter_vii"].groupby("resolution").size()
    labelled = set(gold["resolution"])
    missing = sorted(labelled - set(counts.index))
    if missing or (counts > 1).any():
        bad = missing or sorted(counts[counts > 1].index)
        raise DataFormatError(f"gold: resolution {bad[0]} needs exactly one chapter_vii row")
    return gold


def _gold_csv(path: Path) -> pd.DataFrame:
    """One gold file as strings (size-capped, regular files only; a BOM is no column name)."""
    data = read_limited(path, what="gold label file")
    try:
        return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        problem = "not UTF-8" if isinstance(exc, UnicodeDecodeError) else "not a readable CSV"
        raise DataFormatError(f"{path.name}: {problem}; save it as UTF-8 CSV") from None


def paragraph_key(label: str) -> str:
    """Top-level paragraph label: "8(a)" → "8", " B.10 " → "B.10".

    >>> paragraph_key("B.10(c)")
    'B.10'
    """
    return _SUB.sub("", label.strip())


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _items(df: pd.DataFrame, code: str) -> dict[tuple[object, ...], str]:
    rows = df[(df["code"] == code) & (df["value"] != "none")]
    if code == "chapter_vii":
        return {(r.resolution,): r.value for r in rows.itertuples()}
    if code == "force":
        return {(r.resolution, paragraph_key(r.paragraph)): r.value for r in rows.itertuples()}
    if code == "poc":
        tied = rows.groupby("resolution")["value"].agg(
            lambda v: "force" if "force" in set(v) else "task"
        )
        return {(int(n),): str(v) for n, v in tied.items()}
    events: dict[tuple[object, ...], str] = {}
    for r in rows.itertuples():
        operation, _, event = str(r.value).partition(":")
        events[(r.resolution, operation, event)] = event
    return events


def evaluate(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """Scores per code: tp, fp, fn, precision, recall, f1, and accuracy where it applies.

    Predictions for resolutions absent from the gold set are ignored.

    >>> g = pd.DataFrame({"resolution": [1, 2], "code": ["chapter_vii"] * 2,
    ...                   "paragraph": ["", ""], "value": ["preamble", "none"]})
    >>> p = g.assign(value=["paragraph", "none"])
    >>> evaluate(g, p).set_index("code").loc["chapter_vii", ["f1", "accuracy"]].tolist()
    [1.0, 0.0]
    """
    predicted = predicted[predicted["resolution"].isin(set(gold["resolution"]))]
    rows = []
    for code, accuracy_name in SCORED:
        g, p = _items(gold, code), _items(predicted, code)
        tp = len(g.keys() & p.keys())
        precision, recall, f1 = _prf(tp, len(p.keys() - g.keys()), len(g.keys() - p.keys()))
        both = g.keys() & p.keys()
        accuracy = (sum(g[k] == p[k] for k in both) / len(both)) if both and accuracy_name else None
        rows.append(
            (
                code,
                tp,
                len(p.keys() - g.keys()),
                len(g.keys() - p.keys()),
                precision,
                recall,
                f1,
                accuracy_name,
                accuracy,
            )
        )
    cols = ["code", "tp", "fp", "fn", "precision", "recall", "f1", "accuracy_of", "accuracy"]
    return pd.DataFrame(rows, columns=cols)


def evaluate_sets(gold: pd.DataFrame, predicted: pd.DataFrame) -> pd.DataFrame:
    """:func:`evaluate` per set of resolutions (``set``: 1946–1994 or 2000–2026), each set
    scored only where it has gold labels.

    >>> g = pd.DataFrame({"resolution": [678, 1973], "code": ["chapter_vii"] * 2,
    ...                   "paragraph": ["", ""], "value": ["preamble", "preamble"]})
    >>> s = evaluate_sets(g, g)
    >>> s[s.code == "chapter_vii"][["set", "n", "f1"]].values.tolist()
    [['1946–1994', 1, 1.0], ['2000–2026', 1, 1.0]]
    """
    parts = []
    modern = gold["resolution"] > LAST_OLD
    for name, rows in zip(SETS, (gold[~modern], gold[modern]), strict=True):
        if rows.empty:
            continue
        scores = evaluate(rows, predicted)
        scores.insert(0, "n", rows["resolution"].nunique())
        scores.insert(0, "set", name)
        parts.append(scores)
    return pd.concat(parts, ignore_index=True)


def errors(gold: pd.DataFrame, predicted: pd.DataFrame, code: str) -> pd.DataFrame:
    """The items of one code that only one side has (``missed`` / ``spurious``), for curators.

    >>> g = pd.DataFrame({"resolution": [1], "code": ["force"], "paragraph": ["3"],
    ...                   "value": ["member_states"]})
    >>> errors(g, g.iloc[:0], "force").kind.tolist()
    ['missed']
    """
    predicted = predicted[predicted["resolution"].isin(set(gold["resolution"]))]
    g, p = _items(gold, code), _items(predicted, code)
    rows = [("missed", *k, g[k]) for k in sorted(g.keys() - p.keys(), key=str)]
    rows += [("spurious", *k, p[k]) for k in sorted(p.keys() - g.keys(), key=str)]
    width = max((len(r) for r in rows), default=3)
    names = ["kind", "resolution", "key", "key2"][: width - 1] + ["value"]
    return pd.DataFrame(rows, columns=names)
