"""No cache runs code: a pickle planted where the caches live (names are predictable from
public text) is never loaded; the entry is rebuilt and the results are right."""

from __future__ import annotations

import hashlib
import pickle
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.coding.batch import _key, coder_fingerprint
from bluehelmet.documents import read_resolution
from bluehelmet.documents.corpus import PARSER_VERSION

TEXT = (
    "RESOLUTION 678 (1990)\n\nThe Security Council,\n\n"
    "1. Authorizes Member States to use all necessary means;\n"
)
SRC = Path(__file__).resolve().parents[2] / "src" / "bluehelmet"


class _Payload:
    """Unpickling this creates the marker file: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.marker), "ran"))  # type: ignore[return-value]


def test_planted_pickles_in_both_caches_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, corpus, marker = tmp_path / "cache", tmp_path / "corpus", tmp_path / "RAN"
    monkeypatch.setenv("BLUEHELMET_CACHE", str(cache))
    corpus.mkdir()
    path = corpus / "S_RES_0678_1990_EN.txt"
    path.write_text(TEXT, encoding="utf-8")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    doc_entry = cache / "documents" / f"{digest}-v{PARSER_VERSION}.json"
    coded_entry = cache / "coded" / coder_fingerprint() / f"{_key(read_resolution(path))}.json"
    payload = pickle.dumps(_Payload(marker))
    for entry in (doc_entry, coded_entry):
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_bytes(payload)
    result = CliRunner().invoke(app, ["code", str(corpus), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "member_states" in result.stdout
    assert not marker.exists()
    assert doc_entry.read_bytes().startswith(b"{")  # both entries rebuilt as plain JSON
    assert coded_entry.read_bytes().startswith(b"[")


def test_no_module_uses_a_code_running_serialiser() -> None:
    banned = re.compile(r"^\s*(?:import|from)\s+(?:pickle|cPickle|marshal|shelve|dill|joblib)\b")
    offenders = [
        f"{p.relative_to(SRC)}:{i}"
        for p in SRC.rglob("*.py")
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if banned.match(line)
    ]
    assert offenders == []
