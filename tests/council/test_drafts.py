"""Failed drafts: the 19 drafts not adopted 2023–2025 read, and the operation-link rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import bluehelmet as bh
from bluehelmet.council.drafts import (
    build_failed_drafts,
    linked_operations,
    names_operation,
    read_drafts,
)
from bluehelmet.register.load import read_table


def test_all_drafts_not_adopted_are_read(shared_data: Path) -> None:
    folder = shared_data / "unsc" / "akn_2000_2026" / "drafts_not_adopted"
    drafts = read_drafts(folder)
    assert len(drafts) == len(list(folder.glob("*.xml"))) == 19
    assert all(str(d["draft"]).startswith("S/20") and d["date"] is not None for d in drafts)
    table = build_failed_drafts(read_table("vetoes"), drafts, read_table("operations"))
    new = table[table["source"] == "un_akn_2000_2026"].set_index("draft")
    assert len(new) == 19
    # S/2023/507: three permanent members voted no, but the draft lacked nine votes: no veto.
    assert new.loc["S/2023/507", "outcome"] == "insufficient_votes"
    assert pd.isna(new.loc["S/2023/507", "vetoed_by"])
    assert new.loc["S/2024/239", "vetoed_by"] == "China;Russia"
    packaged = read_table("failed_drafts")
    assert packaged["draft"].tolist() == table["draft"].tolist()


def test_link_rule() -> None:
    ops = read_table("operations")
    assert names_operation("requests MINUSMA to", "MINUSMA", "x")
    assert not names_operation("requests minusma to", "MINUSMA", "United Nations Mission")
    assert not names_operation("UNEF II", "UNEF I", "First United Nations Emergency Force")
    assert names_operation("the first united nations emergency force", "UNEF I",
                           "First United Nations Emergency Force")  # fmt: skip
    assert linked_operations({"agenda_item": "The situation in Mali."}, ops) == ([], [])


def test_linked_and_unlinked_drafts() -> None:
    mali = bh.failed_drafts(operation="MINUSMA").set_index("draft")
    assert mali.loc["S/2023/638", "linked_by"] == "text"
    gaza = bh.failed_drafts(year=2024).set_index("draft")
    assert pd.isna(gaza.loc["S/2024/835", "operation"])
    all_drafts = bh.failed_drafts()
    assert all_drafts["date"].is_monotonic_increasing
    assert len(all_drafts) == len(read_table("vetoes")) + 19
