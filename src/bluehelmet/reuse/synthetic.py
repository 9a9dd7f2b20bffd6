"""A seeded synthetic paragraph corpus with planted reuse, written in batches, for benchmarks.

Documents (``SYN/0000001``, ...) get 4-15 numbered paragraphs, a date (1946 onwards, in
document order) and a group (``OP01``-``OP40``). Words are drawn from a Zipf-weighted
vocabulary of made-up words. About ``reuse_share`` of the paragraphs copy an earlier
paragraph of another document with one edit (``PLANTED_KINDS``); each copy is a planted
pair (source, target, kind), the ground truth. The edits are sized so that every planted
pair has word 5-gram Jaccard >= 0.6 or containment >= 0.8. Copies are never copied again,
so two paragraphs belong to the same family exactly when they share a planted source.
About ``boilerplate_share`` of the documents end with a formula ("Decides to remain seized
of the matter.").
"""

from __future__ import annotations

import datetime as dt
import random
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from bluehelmet.errors import UsageError
from bluehelmet.files import atomic_path
from bluehelmet.options import check
from bluehelmet.reuse.schema import PARAGRAPH_COLUMNS

#: How a planted copy differs from its source.
PLANTED_KINDS = ("exact", "substitution", "insertion", "deletion", "reorder", "extension")
#: Columns of the planted-pairs table.
PLANTED_COLUMNS = ("source_doc", "source_id", "target_doc", "target_id", "kind")
#: Boilerplate paragraphs (after the paragraph number) that end documents.
FORMULAS = (
    "Decides to remain seized of the matter.",
    "Decides to remain actively seized of the matter.",
    "Requests the Secretary-General to keep the Council regularly informed.",
)
_VOCAB = 20_000
_POOL = 20_000  # recent source paragraphs a copy can come from
_DAYS = 25_000  # the dates span about 68 years
_START = dt.date(1946, 1, 1)
_LETTERS = "abcdefghijklmnopqrstuvwxyz"

Sentences = list[list[str]]


@dataclass(frozen=True)
class SyntheticCorpus:
    """Where a synthetic corpus was written and what it holds."""

    paragraphs: Path
    planted: Path
    n_paragraphs: int
    n_planted: int
    n_boilerplate: int


class _Generator:
    """Draws documents one by one; all randomness comes from ``seed``."""

    def __init__(self, n_paragraphs: int, seed: int, reuse_share: float, bp_share: float):
        self.rnd = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        words = {self._word() for _ in range(2 * _VOCAB)}
        self.vocab = sorted(words)[:_VOCAB]
        self.rnd.shuffle(self.vocab)
        weights = 1.0 / np.arange(1, len(self.vocab) + 1)
        self.cdf = np.cumsum(weights / weights.sum())
        self.buffer = np.empty(0, dtype=np.int64)
        self.pos = 0
        self.reuse_share = reuse_share
        self.bp_share = bp_share
        self.day_step = _DAYS / max(1.0, n_paragraphs / 9.5)
        self.pool: deque[tuple[str, str, Sentences]] = deque(maxlen=_POOL)

    def _word(self) -> str:
        return "".join(self.rnd.choices(_LETTERS, k=self.rnd.randint(2, 10)))

    def words(self, k: int) -> list[str]:
        """``k`` Zipf-distributed words (drawn in bulk, handed out in order)."""
        if self.pos + k > len(self.buffer):
            draws = np.searchsorted(self.cdf, self.np_rng.random(max(k, 1 << 20)))
            fresh = draws.clip(0, len(self.vocab) - 1)
            self.buffer = np.concatenate([self.buffer[self.pos :], fresh])
            self.pos = 0
        out = [self.vocab[i] for i in self.buffer[self.pos : self.pos + k].tolist()]
        self.pos += k
        return out

    def sentences(self) -> Sentences:
        """A long paragraph: 3-4 sentences of 14-20 words (a possible source)."""
        return [self.words(self.rnd.randint(14, 20)) for _ in range(self.rnd.randint(3, 4))]

    def edit(self, sents: Sentences) -> tuple[Sentences, str]:
        """A copy of ``sents`` with one edit of a random kind."""
        kind = self.rnd.choice(PLANTED_KINDS)
        out = [list(s) for s in sents]
        mid = out[1]
        pos = self.rnd.randint(3, len(mid) - 4)
        if kind == "substitution":
            new = mid[pos]
            while new == mid[pos]:
                new = self.words(1)[0]
            mid[pos] = new
        elif kind == "insertion":
            mid[pos:pos] = self.words(self.rnd.randint(1, 3))
        elif kind == "deletion":
            del mid[pos : pos + self.rnd.randint(1, 3)]
        elif kind == "reorder":
            out[-2], out[-1] = out[-1], out[-2]
        elif kind == "extension":
            out.append(self.words(self.rnd.randint(14, 20)))
        return out, kind

    def document(self, number: int, size: int) -> Iterator[tuple[dict[str, str], dict[str, str]]]:
        """The records of one document, each with its planted pair (empty when fresh)."""
        doc = f"SYN/{number:07d}"
        date = (_START + dt.timedelta(days=int(number * self.day_step))).isoformat()
        group = f"OP{self.rnd.randint(1, 40):02d}"
        fresh: list[tuple[str, str, Sentences]] = []
        for p in range(1, size + 1):
            planted: dict[str, str] = {}
            if p == size and p > 1 and self.rnd.random() < self.bp_share:
                text = f"{p}. {self.rnd.choice(FORMULAS)}"
            elif self.pool and self.rnd.random() < self.reuse_share:
                src_doc, src_id, src = self.pool[self.rnd.randrange(len(self.pool))]
                sents, kind = self.edit(src)
                text = _render(p, sents)
                planted = dict(
                    source_doc=src_doc,
                    source_id=src_id,
                    target_doc=doc,
                    target_id=str(p),
                    kind=kind,
                )
            elif self.rnd.random() < 0.1:  # a short paragraph, never copied
                text = _render(p, [self.words(self.rnd.randint(3, 10))])
            else:
                sents = self.sentences()
                fresh.append((doc, str(p), sents))
                text = _render(p, sents)
            record = dict(doc=doc, id=str(p), text=text, date=date, group=group)
            yield record, planted
        self.pool.extend(fresh)  # copies come from earlier documents only


def _render(number: int, sents: Sentences) -> str:
    """ "3. First sentence words. Second sentence." """
    body = " ".join(" ".join(s).capitalize() + "." for s in sents)
    return f"{number}. {body}"


def synthetic_batches(
    n_paragraphs: int,
    *,
    seed: int = 0,
    batch_size: int = 50_000,
    reuse_share: float = 0.1,
    boilerplate_share: float = 0.5,
) -> Iterator[tuple[pd.DataFrame, pd.DataFrame]]:
    """Batches of ``(paragraphs, planted pairs)``; the same seed gives the same corpus.

    >>> [(len(p), list(p.columns)) for p, _ in synthetic_batches(30, batch_size=20)]
    [(20, ['doc', 'id', 'text', 'date', 'group']), (10, ['doc', 'id', 'text', 'date', 'group'])]
    """
    if n_paragraphs < 0 or batch_size < 1:
        raise UsageError("n_paragraphs must be >= 0 and batch_size >= 1")
    gen = _Generator(n_paragraphs, seed, reuse_share, boilerplate_share)
    records: list[dict[str, str]] = []
    planted: list[dict[str, str]] = []
    made, number = 0, 0
    while made < n_paragraphs:
        number += 1
        size = min(gen.rnd.randint(4, 15), n_paragraphs - made)
        for record, pair in gen.document(number, size):
            records.append(record)
            if pair:
                planted.append(pair)
            if len(records) == batch_size:
                yield _frames(records, planted)
                records, planted = [], []
        made += size
    if records:
        yield _frames(records, planted)


def _frames(
    records: list[dict[str, str]], planted: list[dict[str, str]]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    return (
        pd.DataFrame(records, columns=list(PARAGRAPH_COLUMNS)),
        pd.DataFrame(planted, columns=list(PLANTED_COLUMNS)),
    )


def write_corpus(
    path: str | Path,
    n_paragraphs: int,
    *,
    planted_path: str | Path | None = None,
    seed: int = 0,
    batch_size: int = 50_000,
    reuse_share: float = 0.1,
    boilerplate_share: float = 0.5,
) -> SyntheticCorpus:
    """Write a synthetic corpus to ``path`` (``.jsonl`` or ``.parquet``) and its planted pairs.

    The planted pairs go to ``planted_path`` (default: ``<stem>.planted.csv`` beside
    ``path``). Both files are written batch by batch to temporary files, then renamed.

    >>> import tempfile, pathlib
    >>> c = write_corpus(pathlib.Path(tempfile.mkdtemp()) / "c.jsonl", 200, seed=3)
    >>> c.n_paragraphs, c.n_planted > 0, c.planted.name
    (200, True, 'c.planted.csv')
    """
    out = Path(path)
    suffix = out.suffix.lower()
    check("file suffix", suffix, (".jsonl", ".parquet"))
    planted_out = Path(planted_path) if planted_path else out.with_name(f"{out.stem}.planted.csv")
    counts = {"paragraphs": 0, "planted": 0, "boilerplate": 0}
    batches = synthetic_batches(
        n_paragraphs,
        seed=seed,
        batch_size=batch_size,
        reuse_share=reuse_share,
        boilerplate_share=boilerplate_share,
    )
    with (
        atomic_path(out) as tmp,
        atomic_path(planted_out) as tmp_planted,
        _BatchWriter(tmp, suffix) as writer,
        tmp_planted.open("w", encoding="utf-8") as pf,
    ):
        pf.write(",".join(PLANTED_COLUMNS) + "\n")
        for paragraphs, planted in batches:
            writer.write(paragraphs)
            planted.to_csv(pf, index=False, header=False, lineterminator="\n")
            counts["paragraphs"] += len(paragraphs)
            counts["planted"] += len(planted)
            body = paragraphs["text"].str.partition(". ")[2]
            counts["boilerplate"] += int(body.isin(FORMULAS).sum())
    return SyntheticCorpus(
        out, planted_out, counts["paragraphs"], counts["planted"], counts["boilerplate"]
    )


class _BatchWriter:
    """Appends paragraph batches to one JSON Lines or Parquet file (a context manager)."""

    def __init__(self, path: Path, suffix: str) -> None:
        self.schema = pa.schema([(c, pa.string()) for c in PARAGRAPH_COLUMNS])
        self.parquet = pq.ParquetWriter(path, self.schema) if suffix == ".parquet" else None
        self.jsonl = path.open("wb") if suffix == ".jsonl" else None

    def __enter__(self) -> _BatchWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.parquet is not None:
            self.parquet.close()
        if self.jsonl is not None:
            self.jsonl.close()

    def write(self, paragraphs: pd.DataFrame) -> None:
        if self.parquet is not None:
            table = pa.Table.from_pandas(paragraphs, schema=self.schema, preserve_index=False)
            self.parquet.write_table(table)
        elif self.jsonl is not None:
            text = paragraphs.to_json(orient="records", lines=True, force_ascii=False)
            self.jsonl.write(text.rstrip("\n").encode("utf-8") + b"\n")
