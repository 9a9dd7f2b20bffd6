"""The report's contestation and consent section, checked against the packaged tables."""

from __future__ import annotations

import re

from bluehelmet.register.load import read_table
from bluehelmet.report.council import council_section


def _unanimous_share(first: int, last: int) -> float:
    """Share of UN mandate resolutions put to a vote in ``first``–``last`` with no abstention
    and no vote against, from the votes table (2000 onwards) with plain pandas."""
    ops = read_table("operations")
    un = set(ops.loc[ops["org"] == "UN", "acronym"])
    events = read_table("mandate_events")
    mandates = set(events.loc[events["operation"].isin(un), "resolution"])
    votes = read_table("votes")
    votes = votes[votes["resolution"].isin(mandates) & votes["date"].dt.year.between(first, last)]
    contested = votes.groupby("resolution")["vote"].apply(lambda v: v.isin(["no", "abstain"]).any())
    return float((~contested).mean())


def test_trend_sentence_equals_an_independent_count() -> None:
    section = council_section()
    shares = [int(s) for s in re.findall(r"(\d+)% ", str(section["trend"]))[:2]]
    assert shares == [
        round(100 * _unanimous_share(2000, 2009)),
        round(100 * _unanimous_share(2020, 2026)),
    ]


def test_section_has_both_figures_and_the_minusma_consent_events() -> None:
    section = council_section()
    assert "<svg" in str(section["contestation_svg"]) and "<svg" in str(section["agreement_svg"])
    consent = str(section["consent"])
    assert "MINUSMA" in consent and "2690" in consent
