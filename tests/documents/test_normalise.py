"""OCR-era clean-up: joined lines, hyphens, OCR slips, page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from bluehelmet.documents.normalise import fix_ocr, normalise_text

DATA = Path(__file__).parents[1] / "data" / "documents"


def test_lines_are_joined_into_paragraphs_at_paragraph_starts() -> None:
    text = normalise_text((DATA / "ocr_hyphenated.txt").read_text(encoding="utf-8"))
    paragraphs = text.split("\n\n")
    assert paragraphs[:3] == [
        "Resolution 9001 (1993) of 2l Apri] 1993",
        "The Security Council,",
        "Recalling its earlier resolutions on the situation in the region, in particular "
        "resolution 9000 (1993),",
    ]
    assert paragraphs[3].startswith("Noting with concern")
    assert "\n" not in "".join(paragraphs)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the peace-\nkeeping mandate", "the peace-keeping mandate"),
        ("the cease-\nfire line", "the cease-fire line"),
        ("the Secretary-\nGeneral", "the Secretary-General"),
        ("the imple-\nmentation of", "the implementation of"),
        ("non-govern-\nmental bodies", "non-governmental bodies"),
        ("Forty-\neighth Year", "Forty-eighth Year"),
        ("a 90-\nday period", "a 90-day period"),
        ("re-\nestablishment of", "re-establishment of"),
        ("Arab-\nowned", "Arab-owned"),
        ("meet-\ning held", "meeting held"),
    ],
)
def test_hyphens_across_lines(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_the_text_itself_decides_an_open_hyphen() -> None:
    # "co-operation" is spelt with a hyphen in this text, so the split one keeps it ...
    assert "co-operation" in normalise_text("full co-operation and further co-\noperation")
    # ... and closed up when the text writes "cooperation".
    assert "further cooperation" in normalise_text("full cooperation and further co-\noperation")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("to use alt necessary means", "to use all necessary means"),
        ("Demands that ali Somali parties", "Demands that all Somali parties"),
        ("calls upon ail States", "calls upon all States"),
        ("Acting under Chapter Vil of the Charter", "Acting under Chapter VII of the Charter"),
        ("Acting under Chapter V1I of the Charter", "Acting under Chapter VII of the Charter"),
        ("Chapters VII and VIIl", "Chapters VII and VIII"),
        ("Acting wider Chapter VII", "Acting under Chapter VII"),
        ("the Untied Nations", "the United Nations"),
        ("the Secretary~-General", "the Secretary-General"),
    ],
)
def test_ocr_slips(raw: str, expected: str) -> None:
    assert fix_ocr(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "Ali Mahdi Mohamed",  # a name, capitalised
        "the alternative",
        "what ails the process",
        "Chapter VI of the Charter",
        "Chapter VIII of the Charter",
        "Chapter VII of the Charter",
    ],
)
def test_real_words_are_never_changed(kept: str) -> None:
    assert fix_ocr(kept) == kept


def test_page_furniture_is_dropped_and_a_paragraph_split_by_a_page_rejoined() -> None:
    raw = (
        "United Nations S/RES/9002 (1994)\n\n"
        "3. Welcomes the fact that the discussions have made it possible\n"
        "to bring forward ideas that should\n\n"
        "1/ S/1994/262.\n\n"
        "94-12513 (E)\nS/RES/9002 (1994)\nPage 2\n\n"
        "facilitate an agreement;\n\n"
        "4. Decides to remain seized of the matter."
    )
    assert normalise_text(raw).split("\n\n") == [
        "United Nations S/RES/9002 (1994)",
        "3. Welcomes the fact that the discussions have made it possible to bring forward "
        "ideas that should facilitate an agreement;",
        "1/ S/1994/262.",
        "4. Decides to remain seized of the matter.",
    ]


def test_line_ends_and_odd_spaces_are_collapsed() -> None:
    assert normalise_text("Windows\r\nline ends\r\nand\u00a0spaces\tcollapse") == (
        "Windows line ends and spaces collapse"
    )


def test_deterministic() -> None:
    raw = (DATA / "ocr_hyphenated.txt").read_text(encoding="utf-8")
    assert normalise_text(raw) == normalise_text(raw)
    assert normalise_text(normalise_text(raw)) == normalise_text(raw)
