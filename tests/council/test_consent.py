"""Host consent events: quotes verified against the resolution texts, required cases, timeline."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import bluehelmet as bh
from bluehelmet.council.consent import (
    build_consent_events,
    date_in_quote,
    missing_passages,
    read_curated,
    resolution_texts,
)
from bluehelmet.errors import NotFoundError, ValidationError
from bluehelmet.register.load import read_table

CURATED = Path(__file__).resolve().parents[2] / "data-raw" / "curated" / "consent_events.csv"


@pytest.fixture(scope="module")
def texts(shared_data: Path) -> dict[int, tuple[date | None, str]]:
    return resolution_texts(shared_data)


def test_every_quote_is_in_its_resolution(texts: dict[int, tuple[date | None, str]]) -> None:
    table = read_table("consent_events")
    checked = table[table["verification"] == "text"]
    assert len(checked) >= 15
    for row in checked.itertuples():
        adopted, text = texts[int(row.response_resolution)]
        assert missing_passages(row.quote, text) == [], row
        assert pd.Timestamp(adopted) == row.response_date


def test_the_build_rejects_a_quote_the_text_lacks(
    texts: dict[int, tuple[date | None, str]],
) -> None:
    curated = read_curated(CURATED)
    assert len(build_consent_events(curated, texts)) == len(curated)
    bad = curated.copy()
    bad.loc[0, "quote"] = bad.loc[0, "quote"].replace("without delay", "within a year")
    with pytest.raises(ValidationError, match="not in resolution 2690"):
        build_consent_events(bad, texts)
    wrong_date = curated.copy()
    row = wrong_date.index[wrong_date["event_date"].notna()][0]
    wrong_date.loc[row, "event_date"] = pd.Timestamp("1999-01-02")
    with pytest.raises(ValidationError, match="event_date 1999-01-02"):
        build_consent_events(wrong_date, texts)


def test_passages_and_dates_are_matched_strictly() -> None:
    assert missing_passages("a  b […] c", "x a\nb y c") == []
    assert missing_passages("a b", "a c b") == ["a b"]
    assert date_in_quote(date(2023, 9, 1), "letter of 1st September, 2023", None)
    assert not date_in_quote(date(2010, 3, 3), "dated 13 March 2010", 2010)
    assert not date_in_quote(date(2010, 3, 3), "dated 3 March", 2011)


def test_every_operation_and_host_is_in_the_register() -> None:
    events = read_table("consent_events")
    ops = read_table("operations").set_index("acronym")
    for row in events.itertuples():
        assert row.operation in ops.index
        hosts = set(str(ops.loc[row.operation, "host_iso3"]).split(";"))
        assert set(row.host_iso3.split(";")) <= hosts, row


def test_required_cases_are_present() -> None:
    events = read_table("consent_events")
    keys = ("operation", "event", "response_resolution")
    have = set(events[list(keys)].itertuples(index=False, name=None))
    for case in [
        ("MINUSMA", "request_withdrawal", 2690),
        ("MINUSMA", "council_termination", 2690),
        ("MINURCAT", "request_withdrawal", 1923),
        ("UNMEE", "restriction", 1640),
        ("UNMEE", "council_termination", 1827),
        ("UNAMID", "council_termination", 2559),
        ("MONUSCO", "council_drawdown", 2717),
    ]:
        assert case in have
    mali = events[(events["operation"] == "MINUSMA") & (events["actor"] == "host government")]
    assert mali["document"].tolist() == ["S/2023/463"]
    assert "without delay" in mali["quote"].iloc[0]
    assert mali["event_date"].isna().all()  # resolution 2690 does not date the letter
    unef = events[events["operation"] == "UNEF I"].iloc[0]
    assert unef["verification"] == "unverified"
    assert pd.isna(unef["quote"]) and pd.isna(unef["event_date"]) and pd.isna(unef["document"])


def test_consent_events_filter() -> None:
    assert set(bh.consent_events("minurcat")["operation"]) == {"MINURCAT"}
    assert len(bh.consent_events()) == len(read_table("consent_events"))
    with pytest.raises(NotFoundError):
        bh.consent_events("NOPE")


def test_timeline_is_date_ordered_and_holds_both_kinds() -> None:
    t = bh.consent_timeline("MINURCAT")
    assert set(t["kind"]) == {"consent", "mandate"}
    dated = t["date"].dropna()
    assert dated.is_monotonic_increasing
    assert len(t) == len(bh.consent_events("MINURCAT")) + len(bh.mandate_events("MINURCAT"))
    first_request = t.index[t["event"] == "request_withdrawal"][0]
    assert t.loc[first_request, "date"] == pd.Timestamp("2010-01-15")
    assert (t.loc[: first_request - 1, "kind"] == "mandate").all()
    undated = bh.consent_timeline("UNEF I")
    assert undated["date"].isna().iloc[-1]
