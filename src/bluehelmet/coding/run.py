"""Coder workflows behind the CLI: code a path, evaluate against gold, audit the register."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bluehelmet.coding.audit import audit
from bluehelmet.coding.code import CodedResolution, code_texts
from bluehelmet.coding.evaluate import evaluate, read_gold
from bluehelmet.documents import Resolution, load_corpus, read_resolution
from bluehelmet.documents.fetch import FetchConfig, FetchReport, fetch_resolutions, parse_numbers
from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.paths import corpus_dir
from bluehelmet.register.load import read_table

TABLES = ("resolution", "paragraphs", "evidence")


def code_path(path: Path) -> tuple[CodedResolution, str]:
    """Code a resolution file or every resolution in a folder; also say what was skipped.

    >>> import tempfile, pathlib
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "r.txt"
    >>> _ = f.write_text("RESOLUTION 1 (1946)\\n\\nThe Security Council,\\n\\n"
    ...                  "1. Authorizes Member States to use all necessary means;\\n")
    >>> code_path(f)[0].resolution.force_authorised.tolist()
    [True]
    """
    if not path.exists():
        raise NotFoundError(f"{path}: no such file or folder")
    if path.is_dir():
        corpus = load_corpus(path)
        skipped = corpus.summary() if corpus.skipped else ""
        return code_texts(corpus.resolutions), skipped
    return code_texts([read_resolution(path)]), ""


def coded_table(coded: CodedResolution, table: str) -> pd.DataFrame:
    """One of the coder's tables by name: resolution, paragraphs or evidence.

    >>> coded_table(code_texts([]), "evidence").columns[0]
    'resolution'
    """
    if table not in TABLES:
        raise UsageError(f"unknown table {table!r}; use one of {', '.join(TABLES)}")
    return getattr(coded, table)


def gold_files(paths: list[Path]) -> list[Path]:
    """Expand folders into their ``gold_*.csv`` files.

    >>> gold_files([])
    []
    """
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("gold_*.csv")) if path.is_dir() else [path]
    missing = [f for f in files if not f.exists()]
    if missing:
        raise NotFoundError(f"{missing[0]}: gold file not found")
    return files


def _corpus(folder: Path | None) -> CodedResolution:
    folder = folder or corpus_dir()
    if not folder.is_dir():
        raise NotFoundError(
            f"{folder}: corpus folder not found; pass --corpus or set BLUEHELMET_CORPUS"
        )
    return code_texts(load_corpus(folder).resolutions)


def evaluate_coder(gold: list[Path], corpus: Path | None = None) -> pd.DataFrame:
    """Code the corpus and score it against the gold labels (see ``coding.evaluate``).

    >>> evaluate_coder  # doctest: +ELLIPSIS
    <function evaluate_coder at ...>
    """
    labels = read_gold(gold_files(gold))
    return evaluate(labels, _corpus(corpus).label_rows)


def audit_register(corpus: Path) -> pd.DataFrame:
    """Disagreements between the machine coding of ``corpus`` and the curated register.

    >>> audit_register  # doctest: +ELLIPSIS
    <function audit_register at ...>
    """
    ops = read_table("operations")
    un = set(ops.loc[ops["org"] == "UN", "acronym"])
    return audit(_corpus(corpus), read_table("mandate_events"), un)


def fetch(specs: list[str], out: Path | None = None) -> FetchReport:
    """Fetch resolutions given as numbers or ranges ("1270", "2100-2110") into ``out``.

    >>> fetch(["12a"])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: bad resolution number '12a' in '12a': use a number (1270) ...
    """
    numbers = parse_numbers(specs)
    config = FetchConfig(out_dir=out) if out is not None else FetchConfig()
    return fetch_resolutions(numbers, config)


def code_document(source: str | Path | Resolution) -> CodedResolution:
    """Code one resolution given as text, a file path or a parsed Resolution.

    >>> text = ("RESOLUTION 1 (1946)\\n\\nThe Security Council,\\n\\n"
    ...         "1. Demands that all parties take all necessary measures to ensure safety;\\n")
    >>> bool(code_document(text).resolution.force_authorised[0])
    False
    """
    res = source if isinstance(source, Resolution) else read_resolution(source)
    return code_texts([res])


def code_corpus(folder: str | Path) -> CodedResolution:
    """Code every resolution in a folder (bad files are skipped with a warning summary).

    >>> import tempfile
    >>> len(code_corpus(tempfile.mkdtemp()).resolution)
    0
    """
    return code_path(Path(folder))[0]
