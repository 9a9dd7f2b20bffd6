"""Paragraph tables for the reuse engine: from resolutions, JSON Lines, Parquet or a folder.

Every reader returns a table with :data:`~bluehelmet.reuse.schema.PARAGRAPH_COLUMNS`
(``doc``, ``id``, ``text``, ``date``, ``group``; missing dates and groups are ``""``).
Resolutions also give a ``force`` column (the coder's "authorises force" flag).

Bad records never stop a run: :func:`read_paragraphs` (whole file) and
:class:`RecordReader` (batch by batch, for the streaming engine) check every record with
one :class:`RecordChecker`: it skips what it cannot use (invalid JSON, missing
``doc``/``id``/``text``, empty or oversized text, a repeated ``(doc, id)``), keeps what it
can repair (non-UTF-8 bytes are replaced) and reports each case with its line (JSON Lines)
or row (Parquet) number, plus a count summary.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from operator import itemgetter
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from bluehelmet.coding.batch import code_many
from bluehelmet.coding.code import CodedResolution
from bluehelmet.documents.convert import ALL_KINDS
from bluehelmet.documents.corpus import load_corpus
from bluehelmet.documents.model import Paragraph, Resolution
from bluehelmet.errors import DataFormatError, UsageError
from bluehelmet.files import file_problem
from bluehelmet.reuse.schema import PARAGRAPH_COLUMNS

#: Paragraphs longer than this (in characters) are skipped by :func:`read_paragraphs`.
MAX_CHARS = 20_000
#: JSON Lines lines longer than this (in bytes) are skipped unread (a file without newlines).
MAX_LINE_BYTES = 16 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_INVALID = object()  # a line that is not JSON
_SURROGATE = re.compile("[\ud800-\udfff]")
_REQUIRED = ("doc", "id", "text")
#: Optional columns kept when given: the coder's force flag, the resolution number, the
#: paragraph's label in it and the document's kind ("resolution", "presidential_statement"
#: or "draft"; missing: "resolution"). A folder gives all four; ids are never parsed.
EXTRA_COLUMNS = ("force", "number", "label", "kind")
_BATCH_ROWS = 65_536
# What kind of input each file suffix is.
_SUFFIXES = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}


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
    the coder finds in the resolution ("" when none), ``force`` is the coder's flag and
    ``kind`` the document's kind. A document that is not a resolution also gives its body
    paragraphs, in text order with any numbered items it has (:func:`statement_paragraphs`;
    ``id`` "symbol:label", ``force`` False: the coder reads operative paragraphs only). A
    paragraph of a document that is not a resolution gives one record per line
    (:func:`paragraph_pieces`; the second is labelled "label/2", and so on; pieces have
    ``force`` False: the coder's flag is the joined text's).
    ``coded`` must be ``code_texts(resolutions)`` (computed, with the coded-rows cache, when
    not given).

    >>> from bluehelmet.documents.model import Paragraph
    >>> t = "1. Authorizes Member States to use all necessary means;"
    >>> r = Resolution(678, 1990, None, t, (Paragraph(0, "operative", t, 0, len(t), "1"),))
    >>> paragraphs_from_resolutions([r])[["doc", "id", "date", "force"]].values.tolist()
    [['S/RES/678 (1990)', '678:1', '1990', True]]
    """
    if coded is None:
        coded = code_many(resolutions)
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
        units = [(p, True) for p in res.operative()]
        units += [(p, False) for p in statement_paragraphs(res)]
        for p, is_coded in sorted(units, key=lambda unit: unit[0].start):
            if is_coded and (cursor >= len(labels) or labels[cursor] != p.label):
                raise DataFormatError(f"{res.symbol}: coded paragraphs do not match the text")
            seen[p.label] += 1
            suffix = f"~{seen[p.label]}" if seen[p.label] > 1 else ""
            prefix = res.number if is_coded and res.number is not None else res.symbol
            pieces = paragraph_pieces(res, p)
            force = bool(forces[cursor]) if is_coded and len(pieces) == 1 else False
            for part, text in enumerate(pieces, start=1):
                label = f"{p.label}{suffix}" + (f"/{part}" if part > 1 else "")
                rows.append(
                    dict(
                        doc=res.symbol,
                        id=f"{prefix}:{label}",
                        text=text,
                        date=date,
                        group=group,
                        force=force,
                        number=res.number,
                        label=label,
                        kind=res.kind,
                    )
                )
            cursor += 1 if is_coded else 0
    return _with_extras(pd.DataFrame(rows, columns=[*PARAGRAPH_COLUMNS, *EXTRA_COLUMNS]))


def paragraph_pieces(res: Resolution, paragraph: Paragraph) -> list[str]:
    """The records ``paragraph`` of ``res`` gives: its text, or for a document that is not a
    resolution each of its lines. The reader joins every unnumbered paragraph that follows a
    numbered one to it, line by line: in a resolution that is the rest of one operative
    paragraph, but a statement's annex can be hundreds of paragraphs (S/PRST/2014/3's aide
    memoire gave one of 189,340 characters).

    >>> t = "A. Displacement\\nParties to refrain from displacing civilians."
    >>> prst = Resolution(None, 2014, None, t, (), kind="presidential_statement")
    >>> paragraph_pieces(prst, Paragraph(0, "subparagraph", t, 0, len(t), "24"))
    ['A. Displacement', 'Parties to refrain from displacing civilians.']
    """
    if res.kind == "resolution":
        return [paragraph.text]
    return [line for line in paragraph.text.split("\n") if line.strip()]


def statement_paragraphs(res: Resolution) -> tuple[Paragraph, ...]:
    """The body paragraphs of a document that is not a resolution (none for a resolution).

    >>> t = "The Security Council condemns the attack."
    >>> prst = Resolution(None, 2015, None, t, (Paragraph(0, "other", t, 0, len(t), "other 1"),),
    ...                   kind="presidential_statement", doc_symbol="S/PRST/2015/1")
    >>> [p.label for p in statement_paragraphs(prst)]
    ['other 1']
    """
    if res.kind == "resolution":
        return ()
    return tuple(p for p in res.paragraphs if p.kind == "other")


def _with_extras(frame: pd.DataFrame) -> pd.DataFrame:
    """``force`` as a flag (missing: False), ``number`` as Int64, ``label`` as a string,
    ``kind`` as a string (missing: "resolution")."""
    if "force" in frame:
        frame["force"] = frame["force"].eq(True)
    if "number" in frame:
        frame["number"] = pd.to_numeric(frame["number"], errors="coerce").astype("Int64")
    if "label" in frame:
        frame["label"] = frame["label"].fillna("").astype(str)
    if "kind" in frame:
        kind = frame["kind"].map(_as_text)
        frame["kind"] = kind.where(kind != "", "resolution")
    return frame


def _as_text(value: Any) -> str:
    """An optional field as a string ("" for missing or null: None, NaN, NA, NaT)."""
    if type(value) is str:  # the common case, checked first
        return value
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    return str(value)


class RecordChecker:
    """Checks paragraph records one at a time; keeps each problem with its number, and counts.

    A record is skipped when it is not an object, lacks ``doc``, ``id`` or ``text``, has a
    text that is not a string, empty or over ``max_chars`` characters, or repeats an earlier
    ``(doc, id)``. Non-UTF-8 bytes are replaced (a warning). ``where`` names what a record
    number counts ("line", "row" or "paragraph").

    >>> checker = RecordChecker("line")
    >>> checker.check(1, {"doc": "A", "id": 7, "text": "Decides."})
    {'doc': 'A', 'id': '7', 'text': 'Decides.', 'date': '', 'group': ''}
    >>> checker.check(2, {"doc": "A", "id": "7", "text": "Again."}) is None
    True
    >>> checker.report(loaded=1)[0]
    "line 2: duplicate (doc, id) ('A', '7') first seen at 1; skipped"
    """

    def __init__(self, where: str, max_chars: int = MAX_CHARS) -> None:
        self.where = where
        self.max_chars = max_chars
        self.problems: list[tuple[int, str]] = []
        self.skipped: Counter[str] = Counter()
        self.warned: Counter[str] = Counter()
        self.first: dict[tuple[str, str], int] = {}
        self.extras: dict[str, None] = {}  # the optional columns seen, in order

    def skip(self, n: int, reason: str, detail: str = "") -> None:
        """Count record ``n`` as skipped for ``reason`` and note it."""
        self.skipped[reason] += 1
        self.problems.append((n, f"{self.where} {n}: {reason}{detail}; skipped"))

    def warn(self, n: int, reason: str, detail: str = "") -> None:
        """Count a warning about record ``n`` (which is kept) and note it."""
        self.warned[reason] += 1
        self.problems.append((n, f"{self.where} {n}: {reason}{detail}"))

    def decode(self, n: int, raw: bytes) -> str:
        """``raw`` as UTF-8 text; bytes that are not UTF-8 are replaced by U+FFFD (a warning)."""
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.warn(n, "non-UTF-8 bytes", " (replaced by U+FFFD)")
            return raw.decode("utf-8", errors="replace")

    def clean(self, n: int, row: dict[str, Any]) -> None:
        """Replace lone surrogates (from JSON escapes such as "\\ud800", which no file can hold)
        in the text fields of ``row`` by U+FFFD (a warning)."""
        for key, value in row.items():
            if not value.isascii() and _SURROGATE.search(value):
                row[key] = _SURROGATE.sub("\ufffd", value)
                self.warn(n, "lone surrogates", f" in {key} (replaced by U+FFFD)")

    def check(self, n: int, record: Any) -> dict[str, Any] | None:
        """Record ``n`` as a paragraph row (plus ``force`` when given), or None if skipped."""
        if not isinstance(record, dict):
            self.skip(n, "not a JSON object")
            return None
        missing = [k for k in _REQUIRED if _as_text(record.get(k)) == ""]
        missing = [k for k in missing if not (k == "text" and isinstance(record.get(k), str))]
        if missing:
            self.skip(n, "missing field", f" ({', '.join(missing)})")
            return None
        text = record["text"]
        if isinstance(text, bytes):
            text = self.decode(n, text)
        if not isinstance(text, str):
            self.skip(n, "text is not a string")
            return None
        if not text.strip():
            self.skip(n, "empty text")
            return None
        if len(text) > self.max_chars:
            self.skip(n, "text too long", f" ({len(text)} > {self.max_chars} characters)")
            return None
        key = (_as_text(record["doc"]), _as_text(record["id"]))
        if key in self.first:
            self.skip(n, "duplicate (doc, id)", f" {key} first seen at {self.first[key]}")
            return None
        self.first[key] = n
        row: dict[str, Any] = dict(
            doc=key[0],
            id=key[1],
            text=text,
            date=_as_text(record.get("date")),
            group=_as_text(record.get("group")),
        )
        self.clean(n, row)
        for extra in EXTRA_COLUMNS:
            if extra in record:
                self.extras[extra] = None
                row[extra] = record[extra]
        return row

    def frame(self, rows: list[dict[str, Any]]) -> pd.DataFrame:
        """Checked rows as a table: ``PARAGRAPH_COLUMNS``, then each of ``EXTRA_COLUMNS`` that
        any record had (``force`` missing: False; ``number`` missing: <NA>)."""
        columns = [*PARAGRAPH_COLUMNS, *(c for c in EXTRA_COLUMNS if c in self.extras)]
        return _with_extras(pd.DataFrame(rows, columns=columns))

    def report(self, loaded: int) -> list[str]:
        """Every problem in record order, then the count summary (nothing when all was fine)."""
        lines = [text for _, text in sorted(self.problems, key=itemgetter(0))]
        if self.skipped or self.warned:
            lines.append(summary(loaded, self.skipped, self.warned))
        return lines


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


class RecordBatch(NamedTuple):
    """Records that passed the checks and the line (or row) number of each."""

    records: pd.DataFrame
    numbers: list[int]


def _input_kind(path: Path) -> str:
    """The kind of input (folder, jsonl or parquet); an error for no such path or a suffix."""
    if path.is_dir():
        return "folder"
    if not path.exists():
        raise DataFormatError(f"{path}: no such file or folder")
    problem = file_problem(path, sys.maxsize)  # read as a stream: no size limit
    if problem is not None:
        raise DataFormatError(f"{path}: {problem}; give a regular file or a folder")
    suffix = path.suffix.lower()
    if suffix not in _SUFFIXES:
        raise DataFormatError(
            f"{path}: expected .jsonl, .parquet or a folder, not {suffix or 'no suffix'}"
        )
    return _SUFFIXES[suffix]


def input_paths(source: str | Path | Sequence[str | Path]) -> tuple[Path, ...]:
    """The paths of ``source``: one file or folder, or several folders read as one corpus
    (a folder named twice is read once). A file together with anything else is a UsageError.

    >>> import tempfile, pathlib
    >>> a, b = pathlib.Path(tempfile.mkdtemp()), pathlib.Path(tempfile.mkdtemp())
    >>> input_paths([a, b, a]) == (a, b)
    True
    >>> _ = (a / "p.jsonl").write_text("")
    >>> input_paths([a / "p.jsonl", b])
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: SOURCE .../p.jsonl is a file: give one JSON Lines or ...
    """
    named = [source] if isinstance(source, str | Path) else list(source)
    paths = tuple(dict.fromkeys(Path(path) for path in named))
    if not paths:
        raise UsageError("SOURCE: nothing to read; name a file or one or more folders")
    if len(paths) > 1:
        for path in paths:
            if _input_kind(path) != "folder":
                raise UsageError(
                    f"SOURCE {path} is a file: give one JSON Lines or Parquet file alone, "
                    "or only folders (they are read together)"
                )
    return paths


class RecordReader:
    """Checked records of a JSON Lines file, a Parquet file, folders or a table, batch by batch.

    Files are read a line (or a Parquet record batch) at a time and every record goes through
    a :class:`RecordChecker` (``checker``); folders (several are read together as one corpus,
    see :func:`input_paths`) are cut by :func:`read_paragraphs` and their paragraphs, like
    the rows of a table (a DataFrame), are checked the same way. ``position``
    is how far reading has got (bytes of JSON Lines, rows of Parquet or a table, paragraphs of
    a folder) out of ``total`` (0 until known). ``loaded`` counts the records handed out.
    Read each reader once.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.jsonl"
    >>> _ = f.write_text('{"doc": "A", "id": 1, "text": "x"}\\n{"doc": "B"}\\n')
    >>> reader = RecordReader(f)
    >>> [(len(b.records), b.numbers) for b in reader.batches(batch_size=10)]
    [(1, [1])]
    >>> reader.report()[0]
    'line 2: missing field (id, text); skipped'
    """

    def __init__(
        self, source: str | Path | Sequence[str | Path] | pd.DataFrame, max_chars: int = MAX_CHARS
    ) -> None:
        self.frame: pd.DataFrame | None = None
        self.paths: tuple[Path, ...]
        if isinstance(source, pd.DataFrame):
            self.frame, self.paths = source, (Path("paragraph table"),)
        else:
            self.paths = input_paths(source)
        self.path = self.paths[0]
        self.kind = "table" if self.frame is not None else _input_kind(self.path)
        where = {"jsonl": "line", "parquet": "row", "table": "row", "folder": "paragraph"}
        self.checker = RecordChecker(where[self.kind], max_chars)
        self.file_problems: list[str] = []
        self.loaded = 0
        self.position = 0
        self.total = self.path.stat().st_size if self.kind == "jsonl" else 0

    def batches(self, batch_size: int) -> Iterator[RecordBatch]:
        """Checked records, at most ``batch_size`` a batch, in input order."""
        rows: list[dict[str, Any]] = []
        numbers: list[int] = []
        for n, record in self._records(batch_size):
            row = self.checker.check(n, record)
            if row is not None:
                rows.append(row)
                numbers.append(n)
                if len(rows) >= batch_size:
                    yield self._batch(rows, numbers)
                    rows, numbers = [], []
        if rows:
            yield self._batch(rows, numbers)

    def table(self) -> pd.DataFrame:
        """All checked records as one table."""
        whole = [batch.records for batch in self.batches(sys.maxsize)]
        return whole[0] if whole else self.checker.frame([])

    def drop(self, n: int, reason: str, detail: str = "") -> None:
        """Skip record ``n`` after it was handed out (a later step cannot use it)."""
        self.checker.skip(n, reason, detail)
        self.loaded -= 1

    def report(self) -> list[str]:
        """Files a folder skipped, every record problem in order, then the count summary."""
        return self.file_problems + self.checker.report(self.loaded)

    def _batch(self, rows: list[dict[str, Any]], numbers: list[int]) -> RecordBatch:
        self.loaded += len(rows)
        return RecordBatch(self.checker.frame(rows), numbers)

    def _records(self, batch_size: int) -> Iterator[tuple[int, Any]]:
        """``(number, record)`` of every record before the checks."""
        if self.kind == "folder":
            return self._folder()
        if self.frame is not None:
            return self._table(self.frame)
        if self.kind == "parquet":
            return self._parquet(min(batch_size, _BATCH_ROWS))
        return self._jsonl()

    def _jsonl(self) -> Iterator[tuple[int, Any]]:
        with self.path.open("rb") as lines:
            for n, (size, raw) in enumerate(_lines(lines, MAX_LINE_BYTES), start=1):
                self.position += size
                if raw is None:
                    self.checker.skip(n, "line too long", f" ({size:,} > {MAX_LINE_BYTES:,} bytes)")
                    continue
                raw = raw.removesuffix(b"\n").removeprefix(_BOM if n == 1 else b"")
                if not raw.strip():
                    continue
                record = self._parse(n, raw)
                if record is not _INVALID:
                    yield n, record

    def _parse(self, n: int, raw: bytes) -> Any:
        """Line ``n`` as JSON, or ``_INVALID`` (skipped, with the reason) when it is not."""
        try:
            return json.loads(self.checker.decode(n, raw))
        except json.JSONDecodeError as exc:
            self.checker.skip(n, "invalid JSON", f" ({exc.msg})")
        except RecursionError:
            self.checker.skip(n, "invalid JSON", " (nested too deeply)")
        except ValueError as exc:  # e.g. an integer of more than 4,300 digits
            self.checker.skip(n, "invalid JSON", f" ({str(exc).split(':')[0].lower()})")
        return _INVALID

    def _parquet(self, chunk: int) -> Iterator[tuple[int, Any]]:
        """Rows of the paragraph columns only, read ``chunk`` rows at a time."""
        try:
            source = pq.ParquetFile(self.path)
            names = source.schema_arrow.names
        except (pa.ArrowException, OSError) as exc:  # corrupt or not Parquet: one clear message
            raise DataFormatError(f"{self.path}: not a readable Parquet file ({exc})") from exc
        absent = [c for c in _REQUIRED if c not in names]
        if absent:
            raise DataFormatError(
                f"{self.path}: missing column(s) {', '.join(absent)}; needs doc, id and text"
            )
        self.total = source.metadata.num_rows
        columns = [c for c in (*PARAGRAPH_COLUMNS, *EXTRA_COLUMNS) if c in names]
        try:
            for batch in source.iter_batches(batch_size=chunk, columns=columns):
                for record in batch.to_pylist():
                    self.position += 1
                    yield self.position, record
        except (pa.ArrowException, OSError) as exc:
            where = f"{self.path}: unreadable Parquet data after row {self.position}"
            raise DataFormatError(f"{where} ({exc})") from exc

    def _table(self, frame: pd.DataFrame) -> Iterator[tuple[int, Any]]:
        """Rows of the paragraph columns of an in-memory table."""
        absent = [c for c in _REQUIRED if c not in frame.columns]
        if absent:
            raise DataFormatError(
                f"{self.path}: missing column(s) {', '.join(absent)}; needs doc, id and text"
            )
        columns = [c for c in (*PARAGRAPH_COLUMNS, *EXTRA_COLUMNS) if c in frame.columns]
        self.total = len(frame)
        for n, record in enumerate(frame[columns].to_dict("records"), start=1):
            self.position = n
            yield n, record

    def _folder(self) -> Iterator[tuple[int, Any]]:
        corpus = load_corpus(self.paths, kinds=ALL_KINDS, progress=False)
        self.file_problems = [f"file {name}: {reason}; skipped" for name, reason in corpus.skipped]
        table = paragraphs_from_resolutions(corpus.resolutions)
        self.total = len(table)
        for n, record in enumerate(table.to_dict("records"), start=1):
            self.position = n
            yield n, record


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(size, line)`` of every line of ``handle`` (with its newline); a line over ``limit``
    bytes is read in chunks, never held whole, and comes out as ``(size, None)``.

    >>> import io
    >>> list(_lines(io.BytesIO(b"ab\\n" + b"x" * 10 + b"\\ncd"), 4))
    [(3, b'ab\\n'), (11, None), (2, b'cd')]
    """
    while line := handle.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield len(line), line
            continue
        size = len(line)
        while chunk := handle.readline(limit + 1):
            size += len(chunk)
            if chunk.endswith(b"\n"):
                break
        yield size, None


def read_paragraphs(
    path: str | Path | Sequence[str | Path], *, max_chars: int = MAX_CHARS
) -> tuple[pd.DataFrame, list[str]]:
    """Read a paragraph table and the problems met: JSON Lines, Parquet or resolution folders.

    A ``.jsonl``/``.ndjson`` file has one JSON object per line with ``doc``, ``id``,
    ``text`` and optional ``date``, ``group`` (and :data:`EXTRA_COLUMNS`); ``.parquet`` has
    those columns. A folder, or several read together (:func:`input_paths`), is read with one
    :func:`~bluehelmet.documents.corpus.load_corpus` call (every document kind; files it
    skips are reported; a document found in two folders is read once) and cut by
    :func:`paragraphs_from_resolutions`. Every record is checked by :class:`RecordReader`,
    as in a streaming run.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "p.jsonl"
    >>> _ = f.write_bytes(b'{"doc": "A", "id": 1, "text": "x"}\\nnot json\\n')
    >>> table, problems = read_paragraphs(f)
    >>> len(table), problems[0]
    (1, 'line 2: invalid JSON (Expecting value); skipped')
    """
    reader = RecordReader(path, max_chars)
    return reader.table(), reader.report()
