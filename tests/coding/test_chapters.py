"""Chapter VII / VIII: invocation, scope and places, from flags and from the text."""

from __future__ import annotations

import dataclasses

from bluehelmet.coding.chapters import chapter_summary
from bluehelmet.documents.model import Scope
from tests.coding.build import make_resolution

COUNCIL = "The Security Council,\n\n"


def _vii(
    text: str, flags: dict[str, Scope] | None = None
) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    s = chapter_summary(make_resolution(COUNCIL + text, chapter_vii=flags))
    return s.scope, s.where, s.others


def test_preamble_clause_covers_the_operative_part() -> None:
    res = make_resolution(
        COUNCIL + "Acting under Chapter VII of the Charter,\n\n1. Demands that Iraq comply;"
    )
    s = chapter_summary(res)
    assert (s.invoked, s.scope, s.where) == (True, "preamble", ("preamble",))
    (place, start, end), *_ = s.spans
    assert res.text[start:end] == "Acting under Chapter VII"


def test_section_scope() -> None:
    text = (
        "A\n\n1. Approves the report;\n\nB\n\nActing under Chapter VII of the Charter,\n\n"
        "5. Decides to expand the size of the force;\n\nC\n\n15. Requests the Secretary-General;"
    )
    assert _vii(text) == ("section", ("B",), ())


def test_paragraph_scope_and_chapter_viii() -> None:
    text = (
        "10. Acting under Chapter VII of the Charter, authorizes Member States;\n\n"
        "16. Acting under Chapters VII and VIII of the Charter, calls upon States;"
    )
    assert _vii(text) == ("paragraph", ("10", "16"), ())
    viii = chapter_summary(make_resolution(COUNCIL + text), "VIII")
    assert (viii.scope, viii.where) == ("paragraph", ("16",))


def test_widest_scope_wins_and_narrower_places_are_kept() -> None:
    text = (
        "Acting under Chapter VII of the Charter,\n\n"
        "3. Decides, acting under Chapter VII, to renew the mandate;"
    )
    assert _vii(text) == ("preamble", ("preamble",), ("3",))


def test_references_and_threats_are_not_invocations() -> None:
    text = (
        "Determining that the situation constitutes a threat to the peace,\n\n"
        "1. Decides to consider further action under Chapter VII of the Charter;\n\n"
        "2. Requests the Committee to study measures in accordance with Article 41;"
    )
    assert _vii(text) == ("none", (), ())


def test_chapter_vii_articles() -> None:
    assert _vii("Acting in accordance with Articles 39 and 41 of the Charter,\n\n1. Decides;") == (
        "preamble",
        ("preamble",),
        (),
    )
    assert _vii("2. Orders the Governments concerned, pursuant to Article 40, to desist;")[:2] == (
        "paragraph",
        ("2",),
    )


def test_ocr_chapter_vi_after_acting_under_is_chapter_vii() -> None:
    text = "acting under Chapter VI of the Charter of the United Nations,\n\n1. Decides;"
    assert _vii(text)[0] == "preamble"


def test_chapter_viii_recalled_in_the_preamble() -> None:
    res = make_resolution(COUNCIL + "Recalling the provisions of Chapter VIII of the Charter,")
    assert chapter_summary(res, "VIII").scope == "preamble"
    assert chapter_summary(res, "VII").invoked is False


def test_segmenter_flags_are_used() -> None:
    assert _vii("5. Decides to act;", {"5": "paragraph"}) == ("paragraph", ("5",), ())


def test_chapter_vi_is_an_ocr_slip_only_in_scanned_texts() -> None:
    text = COUNCIL + "Acting under Chapter VI of the Charter,\n\n1. Calls upon the parties;"
    scanned = dataclasses.replace(make_resolution(text), source="S_RES_0001_1993_EN.txt")
    xml = dataclasses.replace(make_resolution(text), source="2003/S_RES_1495_N0344780.xml")
    assert chapter_summary(scanned).scope == "preamble"
    assert not chapter_summary(xml).invoked
