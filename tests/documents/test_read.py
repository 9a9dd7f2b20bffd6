"""The read_resolution entry point: paths or strings, .txt/.pdf/.html, metadata, bad input."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bluehelmet.documents import read_resolution
from bluehelmet.documents.metadata import number_from_filename
from bluehelmet.errors import DataFormatError, NotFoundError
from tests.documents.pdfs import RESOLUTION_PAGES, write_pdf

DATA = Path(__file__).parents[1] / "data" / "documents"


def test_a_path_a_path_string_and_the_text_give_the_same_paragraphs() -> None:
    path = DATA / "two_sections.txt"
    from_path = read_resolution(path)
    from_str_path = read_resolution(str(path))
    from_text = read_resolution(path.read_text(encoding="utf-8"))
    assert from_path.paragraphs == from_str_path.paragraphs == from_text.paragraphs
    assert from_path.source == str(path)
    assert from_text.source == "<string>"
    assert from_path.sha256 and from_path.sha256 == from_str_path.sha256


def test_metadata_from_the_heading() -> None:
    res = read_resolution(DATA / "two_sections.txt")
    assert (res.number, res.year, res.date) == (9003, 1993, dt.date(1993, 11, 5))
    assert res.symbol == "S/RES/9003 (1993)"


def test_ocr_tolerant_date() -> None:
    res = read_resolution(DATA / "ocr_hyphenated.txt")
    assert (res.number, res.year, res.date) == (9001, 1993, dt.date(1993, 4, 21))


@pytest.mark.parametrize(
    ("heading", "number", "year", "date"),
    [
        ("794 (1992). Resolution of 3 December 1992\n[S/24000]", 794, 1992, dt.date(1992, 12, 3)),
        ("Resolution 206 (1965) ef 15 June 1965", 206, 1965, dt.date(1965, 6, 15)),
        ("1 (1946) Resolution of 25 January 1946", 1, 1946, dt.date(1946, 1, 25)),
        (
            "RESOLUTION 802 (1993)\n\nAdopted by the Security Council at its\n3163rd meeting, "
            "on 25 January 1993",
            802,
            1993,
            dt.date(1993, 1, 25),
        ),
        ("Resolution 361 (197-4)\nof 30 August 1974", 361, 1974, dt.date(1974, 8, 30)),
        ("Resolution 290\nof 8 December 1970", 290, 1970, dt.date(1970, 12, 8)),
        ("Resolution 226 (1966)\nof 14 October £964", 226, 1966, dt.date(1966, 10, 14)),
    ],
)
def test_heading_styles(heading: str, number: int, year: int, date: dt.date) -> None:
    res = read_resolution(f"{heading}\n\nThe Security Council,\n\n1. Decides to act.")
    assert (res.number, res.year, res.date) == (number, year, date)


def test_number_from_the_file_name_when_the_text_has_none(tmp_path: Path) -> None:
    path = tmp_path / "S_RES_0814_1993_EN_GOLD.txt"
    path.write_text("The Security Council,\n\n1. Decides to act.", encoding="utf-8")
    res = read_resolution(path)
    assert (res.number, res.year) == (814, 1993)
    assert any("taken from the file name" in w for w in res.warnings)


def test_file_name_and_text_disagree(tmp_path: Path) -> None:
    path = tmp_path / "S-RES-1270(1999).txt"
    path.write_text("RESOLUTION 1271 (1999)\n\nThe Security Council,\n\n1. Decides.")
    res = read_resolution(path)
    assert res.number == 1271
    assert any("file name says 1270, text says 1271" in w for w in res.warnings)


def test_number_argument_overrides_with_a_warning() -> None:
    res = read_resolution("RESOLUTION 5 (1946)\n\nThe Security Council,\n\n1. Decides.", number=6)
    assert res.number == 6
    assert any("text says resolution 5, caller says 6" in w for w in res.warnings)


def test_html() -> None:
    res = read_resolution(DATA / "resolution.html")
    assert (res.number, res.year, res.date) == (9006, 1999, dt.date(1999, 10, 22))
    assert "ignore scripts" not in res.text
    assert [(p.label, p.chapter_vii) for p in res.operative()] == [
        ("1", "preamble"),
        ("2", "preamble"),
        ("3", "preamble"),
    ]
    assert res.operative()[0].text == (
        "1. Decides to establish a transitional administration for a period of one year;"
    )


def test_pdf(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "N9412345.pdf", RESOLUTION_PAGES)
    res = read_resolution(path)
    assert (res.number, res.year, res.date) == (9002, 1994, dt.date(1994, 5, 4))
    assert [(p.label, p.chapter_vii) for p in res.operative()] == [
        ("1", "preamble"),
        ("2", "preamble"),
        ("3", "preamble"),
    ]
    first, second = res.operative()[:2]
    assert "peace-keeping operation until 31 October 1994" in first.text
    assert second.text == (
        "2. Requests the Secretary-General to report on the implementation of this resolution;"
    )
    assert "94-12345" not in res.text  # job number dropped
    assert res.text.count("S/RES/9002 (1994)") == 1  # running head on page 2 dropped


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "empty.txt: empty file"),
        ("blank.txt", "blank.txt: empty file"),
        ("binary.txt", "binary.txt: binary file (NUL bytes), not text"),
        ("french.txt", "french.txt: not English (looks French)"),
        ("not_resolution.txt", "not_resolution.txt: not a resolution (no mention of the Security"),
        ("press_statement.txt", "press_statement.txt: not a resolution (no heading, no operative"),
    ],
)
def test_bad_files_raise_a_one_line_error_naming_the_file(name: str, message: str) -> None:
    with pytest.raises(DataFormatError) as caught:
        read_resolution(DATA / name)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_undecodable_bytes_without_nul(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 40 + b"\x81\x8d\x8f" * 40)
    with pytest.raises(DataFormatError, match=r"noise.txt: binary file \(undecodable"):
        read_resolution(path)


def test_windows_1252_text_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.txt"
    text = "RESOLUTION 5 (1946)\n\nThe Security Council,\n\n1. Décides to act \u2013 now."
    path.write_bytes(text.encode("cp1252"))
    res = read_resolution(path)
    assert "Décides to act \u2013 now." in res.text
    assert "cp1252.txt: not UTF-8, read as Windows-1252" in res.warnings


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("قرار مجلس الأمن بشأن الحالة في المنطقة " * 20, "Arabic"),
        ("Резолюция Совета Безопасности о положении " * 20, "Cyrillic"),
        (
            "El Consejo de Seguridad, Recordando sus resoluciones, 1. Decide que los Estados "
            "y las partes del conflicto por una paz con su apoyo para el pueblo " * 5,
            "Spanish",
        ),
    ],
)
def test_other_languages(text: str, language: str) -> None:
    with pytest.raises(DataFormatError, match=f"not English .*{language}"):
        read_resolution(text)


def test_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\nnot really a pdf")
    with pytest.raises(DataFormatError, match="broken.pdf: not a readable PDF"):
        read_resolution(path)


def test_pdf_without_text(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "scan.pdf", [[]])
    with pytest.raises(DataFormatError, match="scan.pdf: PDF has no text layer"):
        read_resolution(path)


def test_a_missing_file_is_not_taken_for_text() -> None:
    with pytest.raises(NotFoundError, match="no/such/file.txt: no such file"):
        read_resolution("no/such/file.txt")
    with pytest.raises(DataFormatError, match="<string>: not a resolution"):
        read_resolution("no such file")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("S_RES_0814_1993_EN_GOLD.txt", (814, 1993)),
        ("S_RES_0814_1993_EN.pdf", (814, 1993)),
        ("S-RES-1270(1999).pdf", (1270, 1999)),
        ("S-RES-1270 (1999).html", (1270, 1999)),
        ("s_res_5_1946.txt", (5, 1946)),
        ("S-RES-1270.pdf", (1270, None)),
        ("N9932699.pdf", (None, None)),
        ("notes.txt", (None, None)),
    ],
)
def test_file_name_styles(name: str, expected: tuple[int | None, int | None]) -> None:
    assert number_from_filename(name) == expected
