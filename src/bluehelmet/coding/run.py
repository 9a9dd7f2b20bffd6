"""Coder workflows behind the CLI: code a path, evaluate against gold, audit the register."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from bluehelmet.coding.audit import audit
from bluehelmet.coding.batch import code_folders
from bluehelmet.coding.code import CodedResolution, code_texts
from bluehelmet.coding.evaluate import evaluate_sets, read_gold
from bluehelmet.documents import read_resolution
from bluehelmet.errors import NotFoundError
from bluehelmet.options import CodedTable, check
from bluehelmet.paths import default_corpus
from bluehelmet.register.load import read_table


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
        corpus, coded = code_folders(path)
        return coded, corpus.summary() if corpus.skipped else ""
    return code_texts([read_resolution(path)]), ""


def coded_table(coded: CodedResolution, table: str) -> pd.DataFrame:
    """One of the coder's tables by name: resolution, paragraphs or evidence.

    >>> coded_table(code_texts([]), "evidence").columns[0]
    'resolution'
    """
    check("table", table, CodedTable)
    return getattr(coded, table)


def gold_files(paths: list[Path]) -> list[Path]:
    """Expand folders into their ``.csv`` label files.

    >>> gold_files([])
    []
    """
    files: list[Path] = []
    for path in paths:
        files += sorted(path.glob("*.csv")) if path.is_dir() else [path]
    missing = [f for f in files if not f.exists()]
    if missing:
        raise NotFoundError(f"{missing[0]}: gold file not found")
    return files


def _corpus(folders: Sequence[Path]) -> CodedResolution:
    """Code ``folders`` (default: ``BLUEHELMET_CORPUS`` or the shared texts)."""
    folders = list(folders) or list(default_corpus())
    if not folders:
        raise NotFoundError("no corpus folder: name a folder of texts or set BLUEHELMET_CORPUS")
    for folder in folders:
        if not folder.is_dir():
            raise NotFoundError(
                f"{folder}: corpus folder not found; name an existing folder of texts or set "
                "BLUEHELMET_CORPUS"
            )
    return code_folders(folders, progress=False)[1]


def evaluate_coder(gold: list[Path], corpus: Sequence[Path] = ()) -> pd.DataFrame:
    """Code the corpus and score it against the gold labels, the 1946–1994 and 2000–2026
    resolutions apart (see ``coding.evaluate``).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "S_RES_0001_1946_EN.txt").write_text("RESOLUTION 1 (1946)\\n\\nThe Security "
    ...     "Council,\\n\\n1. Authorizes Member States to use all necessary means;\\n")
    >>> _ = (d / "gold.csv").write_text("resolution,code,paragraph,value,detail,reason\\n"
    ...     "1,chapter_vii,,none,,x\\n1,force,1,member_states,,x\\n")
    >>> s = evaluate_coder([d / "gold.csv"], [d])
    >>> s.loc[s.code == "force", ["tp", "fp", "fn"]].values.tolist()
    [[1, 0, 0]]
    """
    labels = read_gold(gold_files(gold))
    return evaluate_sets(labels, _corpus(corpus).label_rows)


def audit_register(corpus: Sequence[Path] = ()) -> pd.DataFrame:
    """Disagreements of the machine coding of ``corpus`` (default: ``BLUEHELMET_CORPUS`` or the
    shared texts) with the curated register and with the UN's Chapter VII marker.

    >>> import tempfile, pathlib
    >>> audit_register([pathlib.Path(tempfile.mkdtemp())]).empty  # no texts: no disagreement
    True
    """
    ops = read_table("operations")
    un = set(ops.loc[ops["org"] == "UN", "acronym"])
    return audit(_corpus(corpus), read_table("mandate_events"), un)


def code_corpus(folder: str | Path) -> CodedResolution:
    """Code every resolution in a folder (bad files are skipped with a warning summary).

    >>> import tempfile
    >>> len(code_corpus(tempfile.mkdtemp()).resolution)
    0
    """
    return code_path(Path(folder))[0]
