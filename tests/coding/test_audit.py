"""The register audit lists each kind of disagreement, and nothing where both sides agree."""

from __future__ import annotations

import pandas as pd

from bluehelmet.coding.audit import audit
from bluehelmet.coding.code import code_texts
from bluehelmet.documents.model import Paragraph, Resolution


def _res(number: int, *paragraphs: str) -> Resolution:
    text, paras, start = "", [], 0
    for i, body in enumerate(paragraphs, start=1):
        line = f"{i}. {body}"
        paras.append(Paragraph(i - 1, "operative", line, start, start + len(line), str(i)))
        text += line + "\n"
        start = len(text)
    return Resolution(number, 1993, None, text, tuple(paras))


CODED = code_texts(
    [
        _res(
            10,
            "Acting under Chapter VII of the Charter, authorizes Member States to use all "
            "necessary means to enforce the ban on flights;",
        ),
        _res(
            11,
            "Decides to extend the mandate of the United Nations Peace-keeping Force in "
            "Cyprus for a further period ending on 15 June 1993;",
        ),
    ]
)


def _events(rows: list[tuple[str, int, str, object, object]]) -> pd.DataFrame:
    cols = ["operation", "resolution", "event", "chapter_vii", "force_authorised"]
    return pd.DataFrame(rows, columns=cols)


def test_agreement_gives_no_rows() -> None:
    ev = _events([("UNFICYP", 11, "extend", False, False)])
    assert audit(CODED, ev, {"UNFICYP"}).empty


def test_each_disagreement_is_listed() -> None:
    ev = _events(
        [
            ("UNFICYP", 11, "expand", True, True),  # wrong event, VII and force not in text
            ("DENY-FLIGHT", 10, "authorise", False, pd.NA),  # machine finds VII in para 1
            ("UNFICYP", 12, "extend", True, True),  # resolution not in the corpus: ignored
        ]
    )
    rows = audit(CODED, ev, {"UNFICYP"})
    assert (rows["source"] == "register").all()
    assert rows[["resolution", "operation", "field", "theirs", "machine"]].values.tolist() == [
        [10, "DENY-FLIGHT", "chapter_vii", "false", "paragraph"],
        [11, "UNFICYP", "chapter_vii", "true", "none"],
        [11, "UNFICYP", "event", "expand", "extend"],
        [11, "UNFICYP", "force_authorised", "true", "false"],
    ]
