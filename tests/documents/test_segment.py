"""Paragraphs, sections and the scope of Chapter VII/VIII clauses on small fixtures."""

from __future__ import annotations

from pathlib import Path

from bluehelmet.documents import Resolution, read_resolution

DATA = Path(__file__).parents[1] / "data" / "documents"


def by_label(resolution: Resolution) -> dict[str, tuple[str | None, str | None]]:
    """Operative label -> (chapter_vii, chapter_viii)."""
    return {p.label: (p.chapter_vii, p.chapter_viii) for p in resolution.operative()}


def test_offsets_slice_the_normalised_text() -> None:
    for path in sorted(DATA.glob("*_*.txt")) + [DATA / "resolution.html"]:
        if path.stem in {"not_resolution", "press_statement"}:
            continue
        try:
            resolution = read_resolution(path)
        except Exception:  # the bad fixtures are tested in test_read
            continue
        for p in resolution.paragraphs:
            assert resolution.text[p.start : p.end] == p.text
        assert [p.index for p in resolution.paragraphs] == list(range(len(resolution.paragraphs)))


def test_heading_preamble_operative_kinds() -> None:
    res = read_resolution(DATA / "ocr_hyphenated.txt")
    kinds = [p.kind for p in res.paragraphs]
    assert kinds == ["heading", "other", "preamble", "preamble", "preamble"] + [
        "operative",
        "operative",
        "other",
        "other",
    ]
    assert res.paragraphs[0].text == "Resolution 9001 (1993) of 2l Apri] 1993"
    assert [p.label for p in res.operative()] == ["1", "2"]
    assert res.paragraphs[6].text.endswith(
        "negotiations, and decides to remain seized of the matter."
    )
    assert all(p.chapter_vii is None for p in res.paragraphs)


def test_section_level_clause_covers_only_its_section() -> None:
    res = read_resolution(DATA / "two_sections.txt")
    sections = [p.text for p in res.paragraphs if p.kind == "section"]
    assert sections == ["A", "B", "C"]
    assert by_label(res) == {
        "A.1": (None, None),
        "A.2": (None, None),
        "B.3": ("section", None),
        "B.4": ("section", None),
        "B.4(a)": ("section", None),
        "B.4(b)": ("section", None),
        "C.5": (None, None),
    }
    clause = next(p for p in res.paragraphs if p.text.startswith("Acting under"))
    assert (clause.kind, clause.section, clause.chapter_vii) == ("preamble", "B", None)
    heading = res.paragraphs[0]
    assert heading.kind == "heading"
    assert heading.text.startswith("RESOLUTION 9003 (1993)\n\nAdopted by the Security Council")


def test_paragraph_level_clause_covers_the_paragraph_and_its_subparagraphs() -> None:
    res = read_resolution(DATA / "paragraph_clause.txt")
    assert by_label(res) == {
        "1": (None, None),
        "2": ("paragraph", None),
        "2(a)": ("paragraph", None),
        "2(b)": ("paragraph", None),
        "3": ("paragraph", "paragraph"),
        "4": (None, None),
    }
    sub = next(p for p in res.paragraphs if p.label == "2(b)")
    assert (sub.kind, sub.number, sub.sub) == ("subparagraph", "2", "b")


def test_preamble_clause_covers_the_whole_operative_part() -> None:
    res = read_resolution(DATA / "preamble_clause.txt")
    assert by_label(res) == {
        "1": ("preamble", "preamble"),
        "2": ("preamble", "preamble"),
        "2(a)": ("preamble", "preamble"),
        "2(b)": ("preamble", "preamble"),
        "3": ("preamble", "preamble"),
    }
    assert res.paragraphs[-1].kind == "other"
    assert res.paragraphs[-1].text.startswith("Adopted at the 2999th meeting")


def test_a_mention_of_chapter_viii_is_not_an_acting_clause() -> None:
    res = read_resolution(DATA / "paragraph_clause.txt")
    assert all(p.chapter_viii is None for p in res.operative() if p.label != "3")


def test_unnumbered_operative_paragraph() -> None:
    res = read_resolution(
        "Resolution 9008 (1960)\nof 1 June 1960\n\nThe Security Council,\n\n"
        "Having examined the application of the Republic of Freedonia,\n\n"
        "Recommends to the General Assembly that the Republic of Freedonia be\n"
        "admitted to membership in the United Nations.\n\n"
        "Adopted unanimously at the 900th meeting."
    )
    operative = res.operative()
    assert len(operative) == 1
    assert (operative[0].number, operative[0].label) == (None, "operative 3")
    assert operative[0].text.startswith("Recommends to the General Assembly")


def test_ocr_mangled_labels_are_read_from_their_sequence() -> None:
    res = read_resolution(
        "Resolution 9009 (1970)\nof 1 June 1970\n\nThe Security Council,\n\n"
        "Noting the report,\n\n1. Decides to act;\n\nZ. Requests a report;\n\n"
        "3. Decides:\n\n(a) To renew the mandate;\n\n(b) To review it;\n\n(c) To act;\n\n"
        "(ad) To report;\n\n4 Calls upon all parties to cease fire."
    )
    labels = [p.label for p in res.operative()]
    assert labels == ["1", "2", "3", "3(a)", "3(b)", "3(c)", "3(d)", "4"]
    assert res.paragraphs[-1].text == "4 Calls upon all parties to cease fire."
    assert any("'Z.' read as 2" in w for w in res.warnings)
    assert any("(ad) read as (d)" in w for w in res.warnings)
