"""The Python API over the packaged register, checked against facts known from the texts."""

from __future__ import annotations

import pandas as pd
import pytest

import bluehelmet as bh


def test_unamsil_record() -> None:
    rec = bh.operation("unamsil")
    assert rec.info["acronym"] == "UNAMSIL"
    assert rec.info["host_iso3"] == "SLE"
    assert rec.info["host_gwno"] == "451"
    assert rec.info["predecessor"].split(";") == ["UNOMSIL", "ECOMOG-SLE"]
    first = rec.events.iloc[0]
    assert (first["resolution"], first["event"]) == (1270, "establish")
    assert first["date"] == pd.Timestamp("1999-10-22")
    assert bool(first["chapter_vii"]) and bool(first["poc"]) and bool(first["force_authorised"])
    assert (rec.partners["org"] != "UN").all()
    assert "ECOWAS" in set(rec.partners["org"])


def test_unknown_acronym_suggests_closest() -> None:
    with pytest.raises(bh.NotFoundError, match="did you mean UNAMSIL"):
        bh.operation("UNAMSL")


def test_operations_filters() -> None:
    un = bh.operations(org="UN")
    assert len(un) >= 70 and (un["org"] == "UN").all()
    active = bh.operations(org="UN", active=True)
    assert {"UNTSO", "UNMOGIP", "UNFICYP", "UNIFIL", "MONUSCO"} <= set(active["acronym"])
    assert "MINUSMA" not in set(active["acronym"])
    nineties = bh.operations(start=1990, end=1990, org="UN")
    assert "UNTAG" in set(nineties["acronym"]) and "UNAMSIL" not in set(nineties["acronym"])
    by_name = bh.operations(country="sierra leone", org="UN")
    assert set(by_name["acronym"]) == {"UNOMSIL", "UNAMSIL"}
    assert (bh.operations(org="non-UN")["org"] != "UN").all()


@pytest.mark.parametrize(
    "kwargs", [{"start": 2000, "end": 1990}, {"start": 20}, {"org": "UNO"}, {"type": "robust"}]
)
def test_operations_bad_arguments(kwargs: dict[str, object]) -> None:
    with pytest.raises(bh.UsageError):
        bh.operations(**kwargs)  # type: ignore[arg-type]


def test_resolutions_by_operation_and_topic() -> None:
    monuc = bh.resolutions(operation="MONUC")
    assert {1279, 1291, 1493} <= set(monuc["number"])
    assert bh.resolutions(topic="SIERRA LEONE", year=1999)["number"].isin([1270]).any()


def test_sql_is_select_only() -> None:
    assert bh.sql("SELECT number FROM resolutions WHERE number = 1270").number[0] == 1270
    for bad in (
        "DELETE FROM operations",
        "SELECT 1; SELECT 2",
        "COPY operations TO 'x.csv'",
        "SELEC nonsense",
    ):
        with pytest.raises(bh.UsageError):
            bh.sql(bad)


def test_versions_and_cite() -> None:
    assert "bara_hultman_2020" in set(bh.versions()["key"])
    bib = bh.cite("resolutions")
    assert "@misc{un_sc_meetings" in bib and "bara_hultman" not in bib
    with pytest.raises(bh.NotFoundError, match="tables:"):
        bh.cite("nope")
