"""The reader and the corpus loader on the UN's own XML files (skipped without them)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bluehelmet.documents import load_corpus
from bluehelmet.documents.akn import read_akn
from bluehelmet.documents.convert import corpus_info

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def akn_dir(shared_data: Path) -> Path:
    return shared_data / "unsc" / "akn_2000_2026" / "resolutions"


@pytest.fixture(scope="module")
def modern(akn_dir: Path):  # type: ignore[no-untyped-def]
    return load_corpus(akn_dir, progress=False)


def test_every_file_name_style_is_read_by_the_numbers_inside(akn_dir: Path) -> None:
    styles = {
        "2013/S_RES_2100_1331417e.xml": 2100,
        "2020/S_RES_2504 (2020)-2000407E.xml": 2504,
        "2021/SC_2563_2021-E.xml": 2563,
        "2025/S_RES-2780-2508458E.xml": 2780,
    }
    for name, number in styles.items():
        files = list(akn_dir.glob(name))
        if not files:  # the UN's names vary; find the file by its number instead
            files = [p for p in akn_dir.rglob(f"*{number}*.xml")]
        res = read_akn(files[0].read_bytes(), files[0].name)
        assert res.number == number, name
        assert res.symbol == f"S/RES/{number} ({res.year})"


def test_minusma_establishment_structure(akn_dir: Path) -> None:
    path = next(akn_dir.rglob("S_RES_2100_*.xml"))
    res = read_akn(path.read_bytes(), path.name)
    assert res.date.isoformat() == "2013-04-25"
    assert res.meeting == "S/PV.6952"
    assert res.un_chapter_vii is True
    by_label = {p.label: p for p in res.operative()}
    assert by_label["17"].text.startswith("17. Authorizes MINUSMA to use all necessary means")
    assert by_label["16(c.i)"].text.startswith("(i) To protect, without prejudice")
    assert by_label["17"].chapter_vii == "preamble"
    assert max(int(p.number) for p in res.operative() if p.number) == 35


def test_the_mess_is_handled_and_reported(modern) -> None:  # type: ignore[no-untyped-def]
    numbers = [r.number for r in modern.resolutions]
    assert len(numbers) == len(set(numbers)) == 1538
    duplicated = {name.split("/")[-1].split("_")[2][:4] for name, _ in modern.duplicates}
    assert duplicated == {"2193", "2194", "2195", "2464"}
    assert all("(same text)" in first for _, first in modern.duplicates)
    prst = [reason for name, reason in modern.skipped if "PRST" in name]
    assert prst == ["presidential statement S/PRST/2020/11, not a resolution"]
    assert modern.coverage().missing == (2510, 2589, 2762)
    assert all(r.kind == "resolution" and r.date is not None for r in modern.resolutions)


def test_both_corpora_name_the_1995_1999_gap(texts_dir: Path, akn_dir: Path) -> None:
    both = load_corpus([texts_dir, akn_dir], progress=False)
    lines = corpus_info(both)
    assert any(line.startswith("gap: 983–1284 (302 resolutions), 1995–1999") for line in lines)
    coverage = both.coverage()
    assert 982 in coverage.missing and 1285 in coverage.present and 899 in coverage.present
