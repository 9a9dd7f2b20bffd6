"""Schemas and typed loading of packaged tables, on small tables written here."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.errors import DataFormatError, ValidationError
from bluehelmet.register.load import read_table, write_table
from bluehelmet.register.schema import check_schema, columns

HEADER = ",".join(c.name for c in columns("countries"))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "countries.csv"
    path.write_text(text)
    return path


def test_read_table_types_columns(tmp_path: Path) -> None:
    path = _write(
        tmp_path, f"{HEADER}\nSLE,451,Sierra Leone,iso_3166\nESH,,Western Sahara,iso_3166\n"
    )
    df = read_table("countries", path)
    assert df["gwno"].tolist()[0] == 451
    assert pd.isna(df["gwno"].iloc[1])
    assert str(df["gwno"].dtype) == "Int64"
    check_schema(df, "countries")


def test_bad_integer_names_line_and_column(tmp_path: Path) -> None:
    path = _write(tmp_path, f"{HEADER}\nSLE,451,Sierra Leone,iso_3166\nLBR,four,Liberia,iso_3166\n")
    with pytest.raises(DataFormatError, match=r"countries.csv line 3, column gwno"):
        read_table("countries", path)


def test_wrong_columns_are_named(tmp_path: Path) -> None:
    path = _write(tmp_path, "iso3,gw,name,source\nSLE,451,Sierra Leone,iso_3166\n")
    with pytest.raises(DataFormatError, match=r"missing \['gwno'\], unexpected \['gw'\]"):
        read_table("countries", path)


def test_duplicate_key_fails_schema(tmp_path: Path) -> None:
    path = _write(tmp_path, f"{HEADER}\nSLE,451,Sierra Leone,x\nSLE,451,Sierra Leone,x\n")
    with pytest.raises(ValidationError, match="countries.csv"):
        check_schema(read_table("countries", path), "countries")


def test_vocabulary_checked_in_lists(tmp_path: Path) -> None:
    events = read_table("mandate_events").head(1).copy()
    events.loc[0, "force_purposes"] = "self_defence;regime_change"
    with pytest.raises(ValidationError, match="force_purposes"):
        check_schema(events, "mandate_events")


def test_bad_boolean_names_line(tmp_path: Path) -> None:
    names = [c.name for c in columns("mandate_events")]
    values = dict.fromkeys(names, "")
    values.update(
        operation="UNAMSIL",
        resolution="1270",
        date="1999-10-22",
        event="establish",
        chapter_vii="yes",
        verification="text",
        source="un_sc_resolutions",
    )
    path = tmp_path / "events.csv"
    path.write_text(",".join(names) + "\n" + ",".join(values[n] for n in names) + "\n")
    with pytest.raises(DataFormatError, match=r"line 2, column chapter_vii"):
        read_table("mandate_events", path)


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    original = read_table("mandate_events")
    out = write_table(original, "mandate_events", tmp_path / "m.csv")
    pd.testing.assert_frame_equal(read_table("mandate_events", out), original)
    assert not list(tmp_path.glob("*.tmp"))
