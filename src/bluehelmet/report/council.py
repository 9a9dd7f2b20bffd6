"""The report's "Contestation and consent" section: what it shows, from the council room."""

from __future__ import annotations

import pandas as pd

from bluehelmet.council.agreement import p5_agreement
from bluehelmet.council.consent import consent_events
from bluehelmet.council.content import contestation_content
from bluehelmet.council.contestation import contestation
from bluehelmet.council.contributors import contributors
from bluehelmet.council.drafts import failed_drafts
from bluehelmet.council.vetoes import vetoes_by
from bluehelmet.council.votes import mandate_dissent
from bluehelmet.errors import NotFoundError
from bluehelmet.figures.consent import consent_figure, consent_spec
from bluehelmet.figures.contributors import contributors_figure, contributors_spec
from bluehelmet.figures.council import agreement_figure, contestation_figure, contestation_spec
from bluehelmet.layout import html_table as _html
from bluehelmet.report.figures import ReportFigures

#: The contestation chart's first year: a decade of counts-only votes before member votes.
FIRST_YEAR = 1990
#: Periods of the trend sentence.
PERIODS = ((2000, 2009), (2010, 2019), (2020, 2026))


def period_shares(by_year: pd.DataFrame) -> pd.DataFrame:
    """Share of resolutions put to a vote that were unanimous, per period and group.

    >>> y = pd.DataFrame({"year": [2000, 2001], "group": ["peacekeeping"] * 2,
    ...     "resolutions": [3, 1], "unanimous": [3, 0]})
    >>> row = period_shares(y).iloc[0]
    >>> row["period"], float(row["peacekeeping"])
    ('2000–2009', 0.75)
    """
    rows = []
    for first, last in PERIODS:
        span = by_year[by_year["year"].between(first, last)]
        sums = span.groupby("group")[["resolutions", "unanimous"]].sum()
        shares = (sums["unanimous"] / sums["resolutions"]).round(3)
        rows.append({"period": f"{first}–{last}", **shares.to_dict()})
    return pd.DataFrame(rows).reindex(columns=["period", "peacekeeping", "other"])


def trend_sentence(periods: pd.DataFrame) -> str:
    """The trend in one sentence, from :func:`period_shares`.

    >>> p = pd.DataFrame({"period": ["2000–2009", "2020–2026"], "peacekeeping": [0.97, 0.70],
    ...     "other": [0.92, 0.71]})
    >>> trend_sentence(p)[-58:]
    'and 70% in 2020–2026 (all other resolutions: 92% and 71%).'
    """
    first, last = periods.iloc[0], periods.iloc[-1]
    return (
        f"Peace-operation mandates were adopted unanimously in {first['peacekeeping']:.0%} of "
        f"votes in {first['period']} and {last['peacekeeping']:.0%} in {last['period']} (all "
        f"other resolutions: {first['other']:.0%} and {last['other']:.0%})."
    )


def _contributors(figs: ReportFigures) -> dict[str, str] | None:
    """MINUSMA's personnel by group of contributors: chart and table (None without the
    shared data)."""
    try:
        groups = contributors("MINUSMA", by="group")
        figure = contributors_figure(contributors_spec("MINUSMA"))
    except NotFoundError:
        return None
    table = groups.pivot_table(index="year", columns="group", values="share", aggfunc="sum")
    chart = figs.show("contributors_minusma", figure, groups)
    return {"svg": chart, "table": _html(table.round(3).reset_index())}


def council_section(figs: ReportFigures | None = None) -> dict[str, object]:
    """Everything the section shows; its figures go through ``figs`` (default: inline only).

    >>> s = council_section()
    >>> "unanimously" in s["trend"], s["n_consent"] > 0
    (True, True)
    """
    by_year = contestation(by="year")
    shown = by_year[by_year["year"] >= FIRST_YEAR]
    agreement = p5_agreement()
    content = contestation_content()
    vetoes = vetoes_by(by="topic")
    drafts = failed_drafts()
    events = consent_events()
    periods = period_shares(by_year[by_year["member_level"].astype(bool)])
    figs = figs or ReportFigures()
    dissent = mandate_dissent()
    pk = by_year[(by_year["group"] == "peacekeeping") & (by_year["year"] >= 2000)]
    return {
        "trend": trend_sentence(periods),
        "periods": _html(periods),
        "contestation_svg": figs.show(
            "contestation",
            contestation_figure(contestation_spec(shown, dissent)),
            {"years": shown, "members": dissent},
        ),
        "by_year": _html(pk.drop(columns=["group", "member_level"])),
        "by_operation": _html(contestation(by="operation")),
        "agreement_svg": figs.show("p5_agreement", agreement_figure(agreement), agreement),
        "agreement": _html(agreement[["year", "group", "resolutions", "RUS_USA", "index"]]),
        "content": _html(content),
        "content_note": content.attrs.get("note", ""),
        "vetoes": _html(vetoes.head(12)),
        "vetoes_note": vetoes.attrs.get("note", ""),
        "drafts_recent": _html(drafts[drafts["date"].dt.year >= 2023]),
        "n_consent": len(events),
        "consent": _html(events.drop(columns=["source"], errors="ignore")),
        "consent_svg": figs.show("consent", consent_figure(consent_spec()), events),
        "contributors": _contributors(figs),
    }
