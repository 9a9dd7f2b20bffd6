"""The three tables and the gold-layout labels, on one hand-written resolution."""

from __future__ import annotations

from bluehelmet.coding.code import (
    EVIDENCE_COLUMNS,
    PARAGRAPH_COLUMNS,
    RESOLUTION_COLUMNS,
    code_resolution,
    code_texts,
)
from bluehelmet.register.load import read_table
from tests.coding.build import make_resolution

TEXT = """The Security Council,

Recalling its resolution 743 (1992),

Acting under Chapter VII of the Charter of the United Nations,

1. Decides to extend the mandate of UNPROFOR until 31 March 1994;

2. Demands that all parties take all necessary measures to ensure the safety of UNPROFOR \
personnel;

3. Authorizes Member States, acting nationally or through regional organizations, to take \
all necessary measures to ensure compliance with the ban on flights;

4. Requests the Secretary-General to report to the Council by 15 March 1994 on the \
implementation of this resolution;
"""


def test_tables() -> None:
    coded = code_resolution(make_resolution(TEXT, 871, 1993))
    assert tuple(coded.resolution.columns) == RESOLUTION_COLUMNS
    row = coded.resolution.iloc[0].to_dict()
    assert (row["resolution"], row["chapter_vii"], row["chapter_vii_scope"]) == (
        871,
        True,
        "preamble",
    )
    assert (row["force_authorised"], row["n_force"], row["force_addressees"]) == (
        True,
        1,
        "member_states",
    )
    assert (row["events"], row["n_reports"]) == ("UNPROFOR:extend", 1)

    paras = coded.paragraphs
    assert tuple(paras.columns) == PARAGRAPH_COLUMNS
    assert paras.paragraph.tolist() == ["1", "2", "3", "4"]
    assert paras.force.tolist() == [False, False, True, False]
    assert paras.chapter_vii.tolist() == ["preamble"] * 4
    assert paras.loc[2, "addressee"] == "member_states"
    assert paras.loc[2, "purposes"] == "enforcement"
    assert paras.events.tolist() == ["UNPROFOR:extend", "", "", ""]
    assert paras.report.tolist() == [False, False, False, True]

    ev = coded.evidence
    assert tuple(ev.columns) == EVIDENCE_COLUMNS
    text = make_resolution(TEXT, 871).text
    for r in ev.itertuples():
        assert text[r.start : r.end] == r.text
    force = ev[ev.code == "force_phrase"].iloc[0]
    assert (force.paragraph, force.text) == ("3", "all necessary measures")
    event = ev[ev.code == "event"].iloc[0]
    assert (event.value, event.detail) == ("UNPROFOR:extend", "until 1994-03-31")
    report = ev[ev.code == "report"].iloc[0]
    assert (report.paragraph, report.detail) == ("4", "1994-03-15")


def test_labels_in_gold_layout() -> None:
    labels = code_resolution(make_resolution(TEXT, 871, 1993)).labels()
    assert labels[["code", "paragraph", "value"]].values.tolist() == [
        ["chapter_vii", "preamble", "preamble"],
        ["force", "3", "member_states"],
        ["event", "1", "UNPROFOR:extend"],
        ["poc", "", "none"],
    ]
    none = code_resolution(make_resolution("1. Notes the report;", 5)).labels()
    assert none[["code", "value"]].values.tolist() == [
        ["chapter_vii", "none"],
        ["force", "none"],
        ["event", "none"],
        ["poc", "none"],
    ]


def test_code_texts_concatenates_and_takes_a_register() -> None:
    ops = read_table("operations")
    res = [make_resolution(TEXT, 871, 1993), make_resolution("1. Notes the report;", 5)]
    coded = code_texts(res, ops)
    assert coded.resolution.resolution.tolist() == [871, 5]
    assert set(coded.paragraphs.resolution) == {871, 5}
    assert set(coded.evidence.resolution) == {871}
