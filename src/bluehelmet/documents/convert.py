"""Describe a corpus (coverage) and write its canonical texts with paragraph ids.

``corpus_info`` gives the lines ``bluehelmet corpus info`` prints; ``convert_corpus``
writes every document as plain text (one file each plus a paragraph index), JSON Lines
or Parquet (one record per paragraph), into a new folder switched in by one rename.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from bluehelmet.documents.corpus import CorpusResult, load_corpus
from bluehelmet.documents.model import DocumentKind, Resolution
from bluehelmet.errors import UsageError
from bluehelmet.options import ConvertFormat, check
from bluehelmet.output import for_csv

PARAGRAPH_FIELDS = (
    "doc",
    "kind",
    "number",
    "date",
    "id",
    "label",
    "paragraph_kind",
    "start",
    "end",
    "text",
)
ALL_KINDS: tuple[DocumentKind, ...] = ("resolution", "presidential_statement", "draft")


def corpus_info(result: CorpusResult) -> list[str]:
    """Lines describing what was read: counts by kind, skips, duplicates and coverage.

    >>> corpus_info(CorpusResult())
    ['0 documents read, no file skipped']
    """
    kinds: dict[str, int] = {}
    for res in result.resolutions:
        kinds[res.kind] = kinds.get(res.kind, 0) + 1
    by_kind = ", ".join(f"{k}: {n}" for k, n in sorted(kinds.items()))
    skipped = f"{len(result.skipped)} files skipped" if result.skipped else "no file skipped"
    lines = [f"{len(result.resolutions)} documents read{f' ({by_kind})' if by_kind else ''}, "
             f"{skipped}"]  # fmt: skip
    for name, reason in result.skipped:
        if not reason.startswith("duplicate of"):
            lines.append(f"skipped: {name}: {reason}")
    lines += [f"duplicate: {name} repeats {first}" for name, first in result.duplicates]
    return lines + result.coverage().lines()


def paragraph_records(res: Resolution) -> list[dict[str, Any]]:
    """One record per paragraph: document symbol, kind, number, date, a stable paragraph id
    ("S/RES/2100 (2013)#16(c.i)"; unnumbered ones by position "#preamble 3"), label, kind,
    character span into the canonical text, and text.

    >>> from bluehelmet.documents.model import Paragraph
    >>> r = Resolution(5, 1946, None, "1. Decides.", (Paragraph(0, "operative", "1. Decides.",
    ...                0, 11, "1"),))
    >>> paragraph_records(r)[0]["id"]
    'S/RES/5 (1946)#1'
    """
    seen: dict[str, int] = {}
    out = []
    for p in res.paragraphs:
        seen[p.label] = seen.get(p.label, 0) + 1
        suffix = f"~{seen[p.label]}" if seen[p.label] > 1 else ""
        out.append(
            dict(
                doc=res.symbol,
                kind=res.kind,
                number=res.number,
                date=res.date.isoformat() if res.date else "",
                id=f"{res.symbol}#{p.label}{suffix}",
                label=p.label,
                paragraph_kind=p.kind,
                start=p.start,
                end=p.end,
                text=p.text,
            )
        )
    return out


def convert_corpus(
    folders: Path | Sequence[Path],
    out: Path,
    to: str = "jsonl",
    kinds: Sequence[DocumentKind] = ALL_KINDS,
) -> CorpusResult:
    """Write the canonical texts of ``folders`` to the new folder ``out`` in format ``to``.

    ``txt``: one ``<symbol>.txt`` per document plus ``paragraphs.csv`` (ids and spans);
    ``jsonl`` / ``parquet``: ``paragraphs.jsonl`` / ``paragraphs.parquet``, one record per
    paragraph (see :func:`paragraph_records`). ``out`` must not exist yet; it appears
    complete or not at all.

    >>> import tempfile, pathlib
    >>> src = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (src / "a.txt").write_text("RESOLUTION 5 (1946)\\n\\nThe Security Council,\\n\\n"
    ...                                "1. Decides.")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "out"
    >>> _ = convert_corpus(src, out, "jsonl")
    >>> sorted(p.name for p in out.iterdir())
    ['paragraphs.jsonl']
    """
    check("format", to, ConvertFormat)
    if out.exists():
        raise UsageError(f"{out}: already exists; name a new folder (nothing was written)")
    result = load_corpus(folders, kinds=kinds, progress=False)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        _write(result.resolutions, work, to)
        work.rename(out)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return result


def _write(resolutions: list[Resolution], folder: Path, to: str) -> None:
    records = [r for res in resolutions for r in paragraph_records(res)]
    if to == "jsonl":
        with (folder / "paragraphs.jsonl").open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        return
    frame = pd.DataFrame(records, columns=list(PARAGRAPH_FIELDS))
    if to == "parquet":
        frame["number"] = frame["number"].astype("Int64")
        frame.to_parquet(folder / "paragraphs.parquet", index=False)
        return
    names: dict[str, str] = {}
    for res in resolutions:
        name = _file_name(res.symbol, names)
        (folder / name).write_text(res.text, encoding="utf-8")
        names[res.symbol] = name
    frame.insert(0, "file", frame["doc"].map(names))
    for_csv(frame.drop(columns=["text"])).to_csv(folder / "paragraphs.csv", index=False)


def _file_name(symbol: str, taken: dict[str, str]) -> str:
    """ "S/RES/2100 (2013)" → "S_RES_2100_2013.txt", unique within the folder."""
    stem = re.sub(r"[^A-Za-z0-9]+", "_", symbol).strip("_") or "document"
    name, n = f"{stem}.txt", 1
    while name in taken.values():
        n += 1
        name = f"{stem}_{n}.txt"
    return name
