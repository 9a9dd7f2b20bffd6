"""Paragraph tables for the reuse engine: from resolutions, JSON Lines, Parquet or a folder.

Every reader returns a table with :data:`~bluehelmet.reuse.schema.PARAGRAPH_COLUMNS`
(``doc``, ``id``, ``text``, ``date``, ``group``; missing dates and groups are ``""``).
Resolutions also give a ``force`` column (the coder's "authorises force" flag).

Bad records never stop a run: :func:`read_paragraphs` skips what it cannot use
(invalid JSON, missing ``doc``/``id``/``text``, empty or oversized text, a repeated
``(doc, id)``), keeps what it can repair (non-UTF-8 bytes are replaced) and reports
each case with its line (JSON Lines) or row (Parquet) number, plus a count summary.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from bluehelmet.coding.code import CodedResolution, code_texts
from bluehelmet.documents.corpus import load_corpus
from bluehelmet.documents.model import Resolution
from bluehelmet.errors import DataFormatError
from bluehelmet.reuse.schema import PARAGRAPH_COLUMNS

#: Paragraphs longer than this (in characters) are skipped by :func:`read_paragraphs`.
MAX_CHARS = 20_000
_REQUIRED = ("doc", "id", "text")
_BATCH_ROWS = 65_536


def resolution_date(res: Resolution) -> str:
    """ISO date of ``res``: "1999-10-22"; only the year ("1999") when the day is unknown.

    >>> resolution_date(Resolution(1270, 1999, None, "", ()))
    '1999'
    """
    if res.date is not None:
        return res.date.isoformat()
    return f"{res.year:04d}" if res.year is not None else ""


def _first_operation(events: Any) -> str:
    """The operation of the first "ACRONYM:event" item ("" when none)."""
    if not isinstance(events, str) or not events.strip():
        return ""
    return events.split(";")[0].split(":")[0].strip()


def paragraphs_from_resolutions(
    resolutions: list[Resolution], coded: CodedResolution | None = None
) -> pd.DataFrame:
    """One record per operative paragraph *and* per subparagraph of each resolution.

    Subparagraphs are kept as records of their own (not joined to their parent) so
    that a reused subparagraph - often a single mandate task - is matched on its own
    and lines up one-to-one with the coder's paragraph table. ``doc`` is the symbol
    ("S/RES/1270 (1999)"), ``id`` is ``"number:label"`` ("1270:8(a)"; a repeated label
    gets "~2", "~3"), ``date`` is ISO, ``group`` is the operation of the first event
    the coder finds in the resolution ("" when none) and ``force`` is the coder's flag.
    ``coded`` must be ``code_texts(resolutions)`` (computed when not given).

    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "1. Authorizes Member States to use all necessary means;"
    >>> r = Resolution(678, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> paragraphs_from_resolutions([r])[["doc", "id", "date", "force"]].values.tolist()
    [['S/RES/678 (1990)', '678:1', '1990', True]]
    """
    if coded is None:
        coded = code_texts(resolutions)
    if len(coded.resolution) != len(resolutions):
        raise DataFormatError("coded tables do not belong to these resolutions")
    labels = coded.paragraphs["label"].tolist()
    forces = coded.paragraphs["force"].tolist()
    rows: list[dict[str, Any]] = []
    cursor = 0
    for res, events in zip(resolutions, coded.resolution["events"], strict=True):
        group = _first_operation(events)
        date = resolution_date(res)
        seen: Counter[str] = Counter()
        for p in res.operative():
            if cursor >= len(labels) or labels[cursor] != p.label:
                raise DataFormatError(f"{res.symbol}: coded paragraphs do not match the text")
            seen[p.label] += 1
            suffix = f"~{seen[p.label]}" if seen[p.label] > 1 else ""
            rows.append(
                dict(
                    doc=res.symbol,
                    id=f"{res.number if res.number is not None else '?'}:{p.label}{suffix}",
                    text=p.text,
                    date=date,
                    group=group,
                    force=bool(forces[cursor]),
                )
            )
            cursor += 1
    return pd.DataFrame(rows, columns=[*PARAGRAPH_COLUMNS, "force"])


def _as_text(value: Any) -> str:
    """An optional field as a string ("" for missing or null)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return str(value)


class _Checker:
    """Applies the per-record checks and collects records, problems and counts."""

    def __init__(self, where: str, max_chars: int) -> None:
        self.where = where
        self.max_chars = max_chars
        self.rows: list[dict[str, Any]] = []
        self.problems: list[str] = []
        self.skipped: Counter[str] = Counter()
        self.warned: Counter[str] = Counter()
        self.first: dict[tuple[str, str], int] = {}
        self.has_force = False

    def skip(self, n: int, reason: str, detail: str = "") -> None:
        self.skipped[reason] += 1
        self.problems.append(f"{self.where} {n}: {reason}{detail}; skipped")

    def warn(self, n: int, reason: str, detail: str = "") -> None:
        self.warned[reason] += 1
        self.problems.append(f"{self.where} {n}: {reason}{detail}")

    def add(self, n: int, record: Any) -> None:
        if not isinstance(record, dict):
            self.skip(n, "not a JSON object")
            return
        missing = [k for k in _REQUIRED if _as_text(record.get(k)) == ""]
        missing = [k for k in missing if not (k == "text" and isinstance(record.get(k), str))]
        if missing:
            self.skip(n, "missing field", f" ({', '.join(missing)})")
            return
        text = record["text"]
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError:
                text = text.decode("utf-8", errors="replace")
                self.warn(n, "non-UTF-8 bytes", " (replaced by U+FFFD)")
        if not isinstance(text, str):
            self.skip(n, "text is not a string")
            return
        if not text.strip():
            self.skip(n, "empty text")
            return
        if len(text) > self.max_chars:
            self.skip(n, "text too long", f" ({len(text)} > {self.max_chars} characters)")
            return
        key = (_as_text(record["doc"]), _as_text(record["id"]))
        if key in self.first:
            self.skip(n, "duplicate (doc, id)", f" {key} first seen at {self.first[key]}")
            return
        self.first[key] = n
        row: dict[str, Any] = dict(
            doc=key[0],
            id=key[1],
            text=text,
            date=_as_text(record.get("date")),
            group=_as_text(record.get("group")),
        )
        if "force" in record:
            self.has_force = True
            row["force"] = bool(record["force"]) if record["force"] is not None else False
        self.rows.append(row)

    def result(self) -> tuple[pd.DataFrame, list[str]]:
        columns = [*PARAGRAPH_COLUMNS, *(["force"] if self.has_force else [])]
        frame = pd.DataFrame(self.rows, columns=columns)
        if "force" in frame:
            frame["force"] = frame["force"].fillna(False).astype(bool)
        if self.skipped or self.warned:
            self.problems.append(summary(len(self.rows), self.skipped, self.warned))
        return frame, self.problems


def summary(loaded: int, skipped: Counter[str], warned: Counter[str]) -> str:
    """One line counting loaded, skipped (by reason) and warned (by reason) records.

    >>> summary(3, Counter({"empty text": 2}), Counter())
    'summary: 3 records loaded, 2 skipped (empty text: 2), 0 warnings'
    """

    def listed(counts: Counter[str]) -> str:
        inner = ", ".join(f"{r}: {n}" for r, n in sorted(counts.items()))
        return f" ({inner})" if inner else ""

    n_skip, n_warn = sum(skipped.values()), sum(warned.values())
    return (
        f"summary: {loaded} records loaded, {n_skip} skipped{listed(skipped)}, "
        f"{n_warn} warnings{listed(warned)}"
    )


def _lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    for n, line in enumerate(data.split(b"\n"), start=1):
        if line.strip():
            yield n, line


def _read_jsonl(path: Path, max_chars: int) -> tuple[pd.DataFrame, list[str]]:
    check = _Checker("line", max_chars)
    for n, raw in _lines(path.read_bytes()):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            line = raw.decode("utf-8", errors="replace")
            check.warn(n, "non-UTF-8 bytes", " (replaced by U+FFFD)")
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            check.skip(n, "invalid JSON", f" ({exc.msg})")
            continue
        check.add(n, record)
    return check.result()


def _read_parquet(path: Path, max_chars: int) -> tuple[pd.DataFrame, list[str]]:
    """Check a Parquet file row by row, reading only the paragraph columns, batch by batch."""
    try:
        source = pq.ParquetFile(path)
        names = source.schema_arrow.names
    except (pa.ArrowException, OSError) as exc:  # corrupt or not Parquet: one clear message
        raise DataFormatError(f"{path}: not a readable Parquet file ({exc})") from exc
    absent = [c for c in _REQUIRED if c not in names]
    if absent:
        raise DataFormatError(
            f"{path}: missing column(s) {', '.join(absent)}; needs doc, id and text"
        )
    columns = [c for c in (*PARAGRAPH_COLUMNS, "force") if c in names]
    check = _Checker("row", max_chars)
    n = 0
    try:
        for batch in source.iter_batches(batch_size=_BATCH_ROWS, columns=columns):
            values = {name: batch.column(name).to_pylist() for name in columns}
            for k in range(batch.num_rows):
                n += 1
                check.add(n, {name: values[name][k] for name in columns})
    except (pa.ArrowException, OSError) as exc:
        raise DataFormatError(f"{path}: unreadable Parquet data after row {n} ({exc})") from exc
    return check.result()


def read_paragraphs(
    path: str | Path, *, max_chars: int = MAX_CHARS
) -> tuple[pd.DataFrame, list[str]]:
    """Read a paragraph table and the problems met: JSON Lines, Parquet or a resolution folder.

    A ``.jsonl``/``.ndjson`` file has one JSON object per line with ``doc``, ``id``,
    ``text`` and optional ``date``, ``group`` (and ``force``); ``.parquet`` has those
    columns. A folder is read with :func:`~bluehelmet.documents.corpus.load_corpus`
    (files it skips are reported) and cut by :func:`paragraphs_from_resolutions`.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.jsonl"
    >>> _ = f.write_bytes(b'{"doc": "A", "id": 1, "text": "x"}\\nnot json\\n')
    >>> table, problems = read_paragraphs(f)
    >>> len(table), problems[0]
    (1, 'line 2: invalid JSON (Expecting value); skipped')
    """
    p = Path(path)
    if p.is_dir():
        corpus = load_corpus(p, progress=False)
        problems = [f"file {name}: {reason}; skipped" for name, reason in corpus.skipped]
        return paragraphs_from_resolutions(corpus.resolutions), problems
    if not p.is_file():
        raise DataFormatError(f"{p}: no such file or folder")
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json"):
        return _read_jsonl(p, max_chars)
    if suffix in (".parquet", ".pq"):
        return _read_parquet(p, max_chars)
    raise DataFormatError(
        f"{p}: expected .jsonl, .parquet or a folder, not {suffix or 'no suffix'}"
    )
