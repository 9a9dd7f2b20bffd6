"""The AKN4UN reader: metadata from the markup, structure, spans, hostile XML."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from bluehelmet.documents import read_resolution
from bluehelmet.documents.akn import MAX_XML_BYTES, read_akn
from bluehelmet.errors import DataFormatError
from tests.documents.akn_fixture import akn, heading, paragraph, point

MANDATE = paragraph(
    "2.",
    "<span>Decides</span> that the mandate of the Mission shall be the following:",
    point("(a)", "Protection of civilians", point("(i)", "To protect civilians;"))
    + point("(b)", "Support for elections;"),
)


def test_metadata_comes_from_the_markup_not_the_file_name() -> None:
    res = read_akn(akn(number=9100, adopted="2013-04-25"), "S_RES_1234_5678E.xml")
    assert (res.number, res.year, res.date.isoformat()) == (9100, 2013, "2013-04-25")
    assert res.symbol == "S/RES/9100 (2013)"
    assert res.kind == "resolution"
    assert res.meeting == "S/PV.9999"
    assert res.vote == "Adopted (13-0-2), 9999th meeting"
    assert res.un_chapter_vii is True
    assert ("abstaining", "RUSSIAN FEDERATION") in res.votes
    assert read_akn(akn(chapter_vii_marker=False), "x.xml").un_chapter_vii is False


def test_paragraphs_numbers_nested_points_and_exact_spans() -> None:
    body = paragraph("1.", "Welcomes the report;") + MANDATE
    res = read_akn(akn(body=body), "x.xml")
    labels = [p.label for p in res.operative()]
    assert labels == ["1", "2", "2(a)", "2(a.i)", "2(b)"]
    for p in res.paragraphs:
        assert res.text[p.start : p.end] == p.text
    assert res.operative()[1].text.startswith("2. Decides that the mandate")
    assert res.operative()[3].text == "(i) To protect civilians;"
    kinds = [p.kind for p in res.paragraphs]
    assert kinds[:3] == ["heading", "other", "preamble"]


def test_points_set_as_sibling_paragraphs_nest_under_the_letter_before() -> None:
    body = (
        paragraph("3.", "Decides that the mandate shall be:")
        + '<paragraph class="SingleTxt"><num>(c)</num><content><p>Protection</p></content>'
        "</paragraph>"
        + '<paragraph class="SingleTxt"><num>(i)</num><content><p>To protect;</p></content>'
        "</paragraph>"
        + '<paragraph class="SingleTxt"><content><p>continued text</p></content></paragraph>'
        + '<paragraph class="SingleTxt"><num>(d)</num><content><p>Support</p></content>'
        "</paragraph>"
    )
    res = read_akn(akn(body=body), "x.xml")
    assert [p.label for p in res.operative()] == ["3", "3(c)", "3(c.i)", "3(d)"]
    assert res.operative()[2].text == "(i) To protect;\ncontinued text"


def test_a_sublist_inside_a_sublist_holds_the_items_of_the_point_before_it() -> None:
    # MINUSMA 2423 38 (a) (ii): "notably:" then dash bullets, set as a sibling sublist
    bullets = (
        "<sublist>"
        + point("–", "to support the ceasefire,")
        + point("–", "to canton")
        + ("</sublist>")
    )
    items = (
        "<sublist>"
        + point("(i)", "To support reforms;")
        + point("(ii)", "To support security measures, notably:")
        + bullets
        + point("(iii)", "To support justice;")
        + "</sublist>"
    )
    body = paragraph(
        "38.", "Decides that the mandate shall include:", point("(a)", "Peace") + items
    )
    res = read_akn(akn(body=body), "x.xml")
    labels = [p.label for p in res.operative()]
    assert labels == [
        "38", "38(a)", "38(a.i)", "38(a.ii)", "38(a.ii.–)", "38(a.ii.–)", "38(a.iii)"
    ]  # fmt: skip
    assert res.operative()[4].text == "– to support the ceasefire,"


def test_chapter_vii_scope_preamble_paragraph_and_section() -> None:
    acting = "Acting under Chapter VII of the Charter of the United Nations,"
    res = read_akn(akn(preamble=(acting,), body=MANDATE), "x.xml")
    assert {p.chapter_vii for p in res.operative()} == {"preamble"}

    body = paragraph("1.", "Notes the report;") + paragraph(
        "2.", "<span>Acting under Chapter VII of the Charter</span>, decides that"
    )
    res = read_akn(akn(body=body), "x.xml")
    assert [p.chapter_vii for p in res.operative()] == [None, "paragraph"]

    regard = "Acting under Chapter VII of the Charter with regard to Section I below,"
    body = (
        heading("I. Force")
        + paragraph("1.", "Authorizes the Mission to use all necessary means;")
        + heading("II. Elections")
        + paragraph("2.", "Requests the Mission to support elections;")
    )
    res = read_akn(akn(preamble=(regard,), body=body), "x.xml")
    assert [(p.section, p.chapter_vii) for p in res.operative()] == [
        ("I", "section"),
        ("II", None),
    ]


def test_paragraphs_inside_lettered_sections_are_read_and_scoped_by_their_heading() -> None:
    # the UN's markup of 1295, 1355, 1423 ...: <section><num>A</num><crossHeading>Acting ...
    acting = "<crossHeading>Acting under Chapter VII of the Charter,</crossHeading>"
    body = (
        f"<section><num>A</num>{acting}{paragraph('1.', 'Decides that States shall act;')}"
        "</section>"
        f"<section><num>B</num>{paragraph('2.', 'Decides to extend the mandate;')}</section>"
    )
    res = read_akn(akn(body=body), "x.xml")
    assert [(p.label, p.section, p.chapter_vii) for p in res.operative()] == [
        ("A.1", "A", "section"),
        ("B.2", "B", None),
    ]


def test_numbered_paragraphs_left_inside_the_preamble_are_operative() -> None:
    # the UN's markup of 1991 and 2053: "Acting under Chapter VII" as a list introduction
    # whose items are operative paragraphs 1-4, the rest in the mainBody
    nested = (
        "<blockList><listIntroduction>Acting under Chapter VII of the Charter:</listIntroduction>"
        "<item><num>1.</num><p>Decides to extend the mandate until 30 June 2012;</p></item>"
        "<item><num>2.</num><p>Reiterates its support;</p></item></blockList>"
    )
    data = akn(preamble=("Recalling its resolutions,", "NESTED"), body=paragraph("3.", "Notes;"))
    res = read_akn(data.replace(b"<p>NESTED</p>", nested.encode()), "x.xml")
    assert [p.label for p in res.operative()] == ["1", "2", "3"]
    assert res.operative()[0].text.startswith("1. Decides to extend")
    assert {p.chapter_vii for p in res.operative()} == {"preamble"}
    assert [p.kind for p in res.paragraphs if p.kind == "preamble"] == ["preamble"] * 2


def test_annex_paragraphs_are_not_operative() -> None:
    body = (
        paragraph("1.", "Adopts the statute annexed;")
        + heading("Annex")
        + paragraph("1.", "The Tribunal shall have power to prosecute persons;")
    )
    res = read_akn(akn(body=body), "x.xml")
    assert [p.label for p in res.operative()] == ["1"]
    assert res.paragraphs[-1].kind == "other"


def test_presidential_statements_and_drafts_are_documents_of_their_kind() -> None:
    prst = read_akn(akn(symbol="S/PRST/2015/1", name="presidentialStatement"), "p.xml")
    assert (prst.kind, prst.symbol, prst.number) == (
        "presidential_statement",
        "S/PRST/2015/1",
        None,
    )
    draft = read_akn(akn(symbol="S/2023/212", name="draftResolution"), "d.xml")
    assert (draft.kind, draft.symbol) == ("draft", "S/2023/212")
    body = (
        '<paragraph class="H1"><p>Statement by the President of the Security Council</p>'
        "</paragraph>"
    )
    misfiled = read_akn(akn(body=body), "m.xml")
    assert misfiled.kind == "presidential_statement"
    assert "reads as a presidential statement" in misfiled.warnings[0]


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<akomaNtoso>&lol3;</akomaNtoso>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<akomaNtoso>&x;</akomaNtoso>"""


@pytest.mark.parametrize("data", [BOMB, XXE], ids=["billion-laughs", "external-entity"])
def test_entity_declarations_are_refused_in_one_line(data: bytes) -> None:
    with pytest.raises(DataFormatError, match=r"^bomb\.xml: XML with a DOCTYPE") as info:
        read_akn(data, "bomb.xml")
    assert "\n" not in str(info.value)


def test_malformed_and_foreign_xml_name_the_file_and_place() -> None:
    with pytest.raises(DataFormatError, match=r"^bad\.xml:1:\d+: malformed XML"):
        read_akn(b"<akomaNtoso><statement>", "bad.xml")
    with pytest.raises(DataFormatError, match="not an Akoma Ntoso document"):
        read_akn(b"<html><body/></html>", "page.xml")
    with pytest.raises(DataFormatError, match="no <statement> with <meta>"):
        read_akn(f'<akomaNtoso xmlns="{"x"}"><x/></akomaNtoso>'.encode(), "odd.xml")


def test_a_damaged_but_recoverable_file_is_read_with_a_warning() -> None:
    # As in some of the UN's files: a stray closing tag inside a heading paragraph.
    body = '<paragraph class="H1"><span>Statement</span></docTitle></paragraph>'
    data = akn(body=body + paragraph("1.", "Decides to remain seized;"))
    res = read_akn(data, "damaged.xml")
    assert [p.label for p in res.operative()] == ["1"]
    assert any("recovery mode" in w for w in res.warnings)


def test_oversized_xml_is_refused_before_parsing() -> None:
    with pytest.raises(DataFormatError, match="over the"):
        read_akn(b" " * (MAX_XML_BYTES + 1), "huge.xml")


def test_read_resolution_reads_an_xml_file_as_akn(tmp_path: Path) -> None:
    path = tmp_path / "S_RES_1234_5678E.xml"
    path.write_bytes(akn(number=9100, body=paragraph("1", "Decides to remain seized.")))
    res = read_resolution(path)
    assert (res.number, res.meeting, res.source) == (9100, "S/PV.9999", str(path))
    assert [p.label for p in res.operative()] == ["1"]
    assert res.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_table_rows_after_a_numbered_paragraph_are_lines_of_their_own() -> None:
    rows = "".join(
        f"<tr><td><p>Language {k}</p></td><td><p>S/RES/{k} (2014)</p></td></tr>" for k in (1, 2)
    )
    table = (
        '<paragraph class="SingleTxt"><content><p>Agreed language:</p>'
        f"<table>{rows}</table></content></paragraph>"
    )
    res = read_akn(akn(body=paragraph("1.", "Decides to stay seized;") + table), "x.xml")
    [operative] = [p for p in res.paragraphs if p.kind == "operative"]
    assert operative.text.split("\n") == [
        "1. Decides to stay seized;",
        "Agreed language:",
        "Language 1 S/RES/1 (2014)",
        "Language 2 S/RES/2 (2014)",
    ]
    assert res.text[operative.start : operative.end] == operative.text
