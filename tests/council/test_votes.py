"""Member-level votes: reading the UN's lists, the packaged tables, and the query API."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from bluehelmet.council.votes import resolve_member, vote_counts, votes
from bluehelmet.errors import NotFoundError
from bluehelmet.register.council import mapped_names, member_iso3, member_votes
from bluehelmet.register.load import read_table
from bluehelmet.register.votes import read_votes

COUNCIL = {"GHA": "GHANA", "CHN": "CHINA", "FRA": "FRANCE"}


def test_lists_matching_the_counts_are_taken_and_unlisted_members_are_absent() -> None:
    listed = {"GHA": ("yes", "GHANA"), "CHN": ("abstain", "CHINA")}
    cast, basis = member_votes(1, (1, 0, 1), "vote", listed, COUNCIL)
    assert cast == {"GHA": "yes", "CHN": "abstain", "FRA": "absent"}
    assert basis == "member lists"


def test_a_member_missing_from_one_list_is_placed_only_when_the_counts_leave_one_place() -> None:
    listed = {"GHA": ("yes", "GHANA"), "CHN": ("abstain", "CHINA")}
    cast, _ = member_votes(1, (2, 0, 1), "vote", listed, COUNCIL)
    assert cast["FRA"] == "yes"
    two_missing = {"GHA": ("yes", "GHANA")}
    cast, basis = member_votes(1, (1, 1, 1), "vote", two_missing, COUNCIL)
    assert set(cast.values()) == {None} and "disagree" in basis


def test_lists_that_disagree_with_the_counts_leave_every_vote_empty() -> None:
    listed = {iso: ("yes", name) for iso, name in COUNCIL.items()}
    cast, basis = member_votes(1, (2, 0, 1), "vote", listed, COUNCIL)
    assert set(cast.values()) == {None}
    assert basis == "member lists disagree with the recorded 2-0-1"


def test_a_listed_state_not_on_the_council_is_not_accepted() -> None:
    cast, basis = member_votes(1, (1, 0, 0), "vote", {"DEU": ("yes", "GERMANY")}, COUNCIL)
    assert set(cast.values()) == {None} and "DEU" in basis


def test_un_spellings_misspellings_and_split_names_map_to_iso3() -> None:
    assert member_iso3("NETHERLANDS (KINGDOM OF THE)") == "NLD"
    assert member_iso3("TÜRKİYE") == member_iso3("TURKEY") == "TUR"
    assert member_iso3("CÔTE D’IVOIRE") == member_iso3("COTE D'IVOIRE") == "CIV"
    assert member_iso3("REPUBLIC OF KOREA") == "KOR"
    assert member_iso3("CHILEs") == "CHL"
    assert member_iso3("REPORT OF THE SECRETARY-GENERAL") is None
    assert mapped_names(["CÔTE.", "D'IVOIRE"]) == [("CÔTE. D'IVOIRE", "CIV")]


def _metadata(shared_data: Path) -> list[dict[str, object]]:
    folder = shared_data / "unsc" / "akn_2000_2026" / "metadata"
    return [
        json.loads(line)
        for path in sorted(folder.glob("*.json"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


def test_every_member_name_on_a_vote_in_the_metadata_maps(shared_data: Path) -> None:
    keys = ("MS_in_favour", "MS_against", "MS_abstaining")
    unmapped = {
        name
        for entry in _metadata(shared_data)
        for key in keys
        for name, iso in mapped_names(entry.get(key) or [])  # type: ignore[arg-type]
        if iso is None
    }
    assert unmapped == set()


def test_packaged_tables_are_what_the_data_raw_script_builds(shared_data: Path) -> None:
    unsc = shared_data / "unsc"
    built = read_votes(
        unsc / "akn_2000_2026" / "metadata",
        unsc / "council_membership_1992_2023.csv",
        read_table("resolutions"),
    )
    for name, df in built.items():
        packaged = read_table(name)
        assert len(packaged) == len(df), name
        assert packaged["member"].tolist() == df["member"].tolist(), name


def test_member_votes_add_up_to_the_index_counts() -> None:
    v = read_table("votes")
    index = read_table("resolutions").set_index("number")
    complete = v.groupby("resolution")["vote"].apply(lambda s: s.notna().all())
    tallies = (
        v[v["resolution"].isin(complete[complete].index)]
        .pivot_table(index="resolution", columns="vote", aggfunc="size", fill_value=0)
        .reindex(columns=["yes", "no", "abstain"], fill_value=0)
    )
    recorded = index.loc[tallies.index, ["yes", "no", "abstain"]].astype(float)
    has_counts = recorded.notna().all(axis=1)
    assert has_counts.sum() > 1400
    assert (tallies[has_counts].values == recorded[has_counts].values).all()


def test_voters_are_members_that_year_and_each_year_has_fifteen() -> None:
    v = read_table("votes")
    members = read_table("council_members")
    assert set(members.groupby("year").size()) == {15}
    assert members["year"].min() == 1992 and members["year"].max() == 2026
    seated = set(zip(members["year"], members["member"], strict=True))
    voted = set(zip(v["date"].dt.year, v["member"], strict=True))
    assert voted <= seated
    p5 = members.loc[members["seat"] == "permanent", "member"]
    assert set(p5) == {"CHN", "FRA", "GBR", "RUS", "USA"}
    assert (v["permanent"] == v["member"].isin(["CHN", "FRA", "GBR", "RUS", "USA"])).all()


def test_membership_file_agrees_with_who_voted_2000_2023(shared_data: Path) -> None:
    v = read_table("votes")
    members = read_table("council_members")
    listed = v[v["basis"] == "member lists"]
    for year in range(2000, 2024):
        who = set(listed.loc[listed["date"].dt.year == year, "member"])
        assert who == set(members.loc[members["year"] == year, "member"]), year


def test_known_votes() -> None:
    """Votes known from the record: 1559 (Lebanon, 2004) 9-0-6; 1973 (Libya, 2011) with five
    abstentions; 2690 (ending MINUSMA, 2023) unanimous."""
    abstained = set(votes(resolution=1559).query("vote == 'abstain'")["member"])
    assert abstained == {"DZA", "BRA", "CHN", "PAK", "PHL", "RUS"}
    libya = set(votes(resolution=1973).query("vote == 'abstain'")["member"])
    assert libya == {"BRA", "CHN", "DEU", "IND", "RUS"}
    assert set(votes(resolution=2690)["vote"]) == {"yes"}


def test_votes_filters_by_member_name_year_and_operation() -> None:
    russia = votes(member="Russian Federation", year=2023)
    assert set(russia["member"]) == {"RUS"} and set(russia["date"].dt.year) == {2023}
    minusma = votes(operation="minusma")
    assert {2100, 2164, 2690} <= set(minusma["resolution"])
    assert set(minusma.groupby("resolution").size()) == {15}
    assert resolve_member("DR Congo") == resolve_member("Zaire") == "COD"
    with pytest.raises(NotFoundError, match="no country 'Atlantis'"):
        resolve_member("Atlantis")
    with pytest.raises(NotFoundError, match=r"Iceland \(ISL\) did not sit on the Council"):
        resolve_member("Iceland")


def test_vote_counts_mark_member_level_years_only() -> None:
    counts = vote_counts()
    by_year = counts.groupby("year")["member_level"].any()
    assert not by_year.loc[:1999].any()
    assert by_year.loc[2000:].all()
    assert pd.api.types.is_integer_dtype(counts["yes"])
