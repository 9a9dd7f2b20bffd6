"""Contestation, P5 agreement, vetoes and mandate content, checked against the packaged tables
with plain pandas (never with the code under test)."""

from __future__ import annotations

import io
from itertools import combinations

import pandas as pd
import pytest
from typer.testing import CliRunner

from bluehelmet.cli import app
from bluehelmet.council.agreement import P5, p5_agreement
from bluehelmet.council.content import contestation_content
from bluehelmet.council.contestation import contestation
from bluehelmet.council.vetoes import vetoes_by
from bluehelmet.errors import UsageError
from bluehelmet.register.load import read_table


@pytest.fixture(scope="module")
def mandates() -> set[int]:
    """Resolutions in a UN operation's mandate history, read with pandas."""
    events = read_table("mandate_events")
    ops = read_table("operations")
    un = set(ops.loc[ops["org"] == "UN", "acronym"])
    return set(events.loc[events["operation"].isin(un), "resolution"])


@pytest.fixture(scope="module")
def member_votes(mandates: set[int]) -> pd.DataFrame:
    v = read_table("votes")
    return v.assign(year=v["date"].dt.year, peacekeeping=v["resolution"].isin(mandates))


@pytest.mark.parametrize("year", [2003, 2016, 2022])
def test_unanimous_share_per_year_matches_the_member_votes(
    year: int, member_votes: pd.DataFrame
) -> None:
    by_year = contestation(start=year, end=year).set_index("group")
    v = member_votes[member_votes["year"] == year]
    # unanimous: nobody voted against or abstained (an absent member does not break it)
    contested = v["vote"].isin(["no", "abstain"]).groupby([v["resolution"], v["peacekeeping"]])
    unanimous = ~contested.any()
    for peacekeeping, group in ((True, "peacekeeping"), (False, "other")):
        mine = unanimous.xs(peacekeeping, level="peacekeeping")
        assert by_year.loc[group, "resolutions"] == len(mine)
        assert by_year.loc[group, "share_unanimous"] == pytest.approx(mine.mean(), abs=5e-4)
    abstained = v[v["vote"] == "abstain"].groupby("permanent").size()
    assert by_year["abstentions_p5"].sum() == abstained.get(True, 0)
    assert by_year["abstentions_elected"].sum() == abstained.get(False, 0)


def test_counts_only_years_use_the_index_and_leave_member_columns_empty(
    mandates: set[int],
) -> None:
    r = read_table("resolutions")
    r = r[(r["year"] == 1997) & r["adoption"].isin(["vote", "unanimous"])]
    pk = r[r["number"].isin(mandates)]
    unanimous = (pk["adoption"] == "unanimous") | ((pk["no"] == 0) & (pk["abstain"] == 0))
    row = contestation(start=1997, end=1997).set_index("group").loc["peacekeeping"]
    assert row["resolutions"] == len(pk) > 0
    assert row["unanimous"] == unanimous.sum()
    assert not row["member_level"] and pd.isna(row["abstentions_p5"])


def test_resolutions_adopted_without_vote_are_not_counted() -> None:
    r = read_table("resolutions")
    in_2000 = r[r["year"] == 2000]
    assert (in_2000["adoption"] == "without_vote").sum() == 1
    counted = contestation(start=2000, end=2000)["resolutions"].sum()
    assert counted == in_2000["adoption"].isin(["vote", "unanimous"]).sum()


def test_by_operation_names_who_abstained(member_votes: pd.DataFrame) -> None:
    ops = contestation(by="operation").set_index("operation")
    events = read_table("mandate_events")
    minusca = set(events.loc[events["operation"] == "MINUSCA", "resolution"])
    v = member_votes[member_votes["resolution"].isin(minusca)]
    abstained = v[v["vote"] == "abstain"]["member"].value_counts()
    listed = dict(item.split(":") for item in ops.loc["MINUSCA", "abstained"].split(";"))
    assert {m: int(n) for m, n in listed.items()} == abstained.to_dict()
    assert {"RUS", "CHN"} <= set(listed)
    assert ops.loc["MINUSCA", "resolutions"] == v["resolution"].nunique()
    assert ops.loc["MINUSMA", "unanimous"] >= 1  # 2690 ended MINUSMA unanimously
    assert ops["share_unanimous"].between(0, 1).all()


def test_by_member_counts_each_vote(member_votes: pd.DataFrame) -> None:
    members = contestation(by="member", start=2010, end=2020).set_index(["member", "group"])
    v = member_votes[member_votes["year"].between(2010, 2020)]
    russia = v[(v["member"] == "RUS") & v["peacekeeping"]]
    row = members.loc[("RUS", "peacekeeping")]
    assert row["abstain"] == (russia["vote"] == "abstain").sum()
    assert row["votes"] == russia["vote"].notna().sum()
    assert row["abstention_rate"] == pytest.approx(row["abstain"] / row["votes"], abs=1e-4)


def test_p5_agreement_per_pair_and_index(member_votes: pd.DataFrame) -> None:
    a = p5_agreement().set_index(["year", "group"])
    p5 = member_votes[member_votes["permanent"]]
    cast = p5.pivot(index=["resolution", "year", "peacekeeping"], columns="member", values="vote")
    year = cast.xs(2022, level="year")
    same = (year["RUS"] == year["USA"]).mean()
    assert a.loc[(2022, "all"), "RUS_USA"] == pytest.approx(same, abs=1e-4)
    pk = cast[cast.index.get_level_values("peacekeeping")]
    identical = pk.groupby(level="year").apply(lambda d: (d.nunique(axis=1) == 1).all())
    assert identical.any() and not identical.all()
    for y, all_same in identical.items():
        assert (a.loc[(y, "peacekeeping"), "index"] == 1.0) == all_same, y
    pairs = [f"{x}_{y}" for x, y in combinations(P5, 2)]
    assert a["index"].to_numpy() == pytest.approx(a[pairs].mean(axis=1).to_numpy(), abs=1e-4)


def test_vetoes_by_member_topic_and_year() -> None:
    raw = read_table("vetoes")
    members = vetoes_by("member").set_index("member")
    for member in ("China", "France", "Russia", "USSR", "UK", "USA"):
        cast = raw["vetoed_by"].str.split(";").map(lambda who, m=member: m in who)
        assert members.loc[member, "vetoes"] == cast.sum(), member
    syria = vetoes_by("topic").set_index("topic").loc["Syria"]
    assert syria["vetoed_by"].startswith("Russia:17")  # every Syria draft through 2022
    years = vetoes_by("year")
    assert years["vetoes"].sum() == len(raw) and years["year"].max() == 2022
    assert "2022" in years.attrs["note"]
    with pytest.raises(UsageError, match="unknown by 'region'"):
        vetoes_by("region")


def test_content_shares_over_coded_rows(mandates: set[int]) -> None:
    c = contestation_content().set_index("feature")
    r = read_table("resolutions").set_index("number")
    events = read_table("mandate_events")
    ops = read_table("operations")
    events = events[events["operation"].isin(ops.loc[ops["org"] == "UN", "acronym"])]
    events = events[events["date"].dt.year >= 2000]
    counted = r.loc[events["resolution"], "adoption"].isin(["vote", "unanimous"]).to_numpy()
    events = events[counted]
    tally = r.loc[events["resolution"]]
    contested = ((tally["no"].fillna(0) > 0) | (tally["abstain"].fillna(0) > 0)).to_numpy()
    hit = events[contested]
    assert c.loc["chapter_vii", "contested_coded"] == len(hit)
    assert c.loc["chapter_vii", "contested"] == pytest.approx(hit["chapter_vii"].mean(), abs=5e-4)
    tasks = hit["tasks"].dropna()
    assert c.loc["human_rights_task", "contested_coded"] == len(tasks)
    share = tasks.str.contains("HumanRights").mean()
    assert c.loc["human_rights_task", "contested"] == pytest.approx(share, abs=5e-4)
    assert "no causal claim" in c.attrs["note"]


def test_bad_options_are_usage_errors() -> None:
    with pytest.raises(UsageError, match="unknown by 'decade'"):
        contestation(by="decade")
    with pytest.raises(UsageError, match="--from 2020 is after --to 2010"):
        p5_agreement(2020, 2010)


def test_cli_contestation_default_and_subcommands() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["contestation", "--from", "2023", "--to", "2023", "-f", "csv"])
    assert result.exit_code == 0, result.output
    df = pd.read_csv(io.StringIO(result.stdout))
    assert set(df["group"]) == {"peacekeeping", "other"} and set(df["year"]) == {2023}
    vetoes = runner.invoke(app, ["contestation", "vetoes", "--by", "decade", "-f", "csv"])
    assert vetoes.exit_code == 0 and "note: vetoes cover 1946" in vetoes.stderr
    bad = runner.invoke(app, ["contestation", "--by", "region"])
    assert bad.exit_code != 0 and "unknown by 'region'" in bad.output + bad.stderr
