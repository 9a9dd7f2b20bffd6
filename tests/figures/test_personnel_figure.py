"""The personnel chart of one conflict, drawn by matplotlib and as web SVG from one spec."""

from __future__ import annotations

import re

import matplotlib.dates as mdates
import pandas as pd

from bluehelmet.figures.personnel import LAYERS, personnel_figure, personnel_spec
from bluehelmet.web.sections.partnership.charts import personnel_chart

ORGS = ("un", "regional", "international")
KINDS = ("troops", "police", "observers")


def _months(dates: list[str], un: list[float | None]) -> pd.DataFrame:
    """Panel months of conflict 1: UN troops as given and 1 regional troop, nothing else;
    None marks a month outside the deployment coverage (all NA)."""
    cols = {}
    for o in ORGS:
        for k in KINDS:
            given = {"un_troops": un}.get(f"{o}_{k}", [1.0 if o == "regional" and k == "troops"
                                                       else 0.0] * len(un))  # fmt: skip
            cols[f"{o}_{k}"] = [None if u is None else v for u, v in zip(un, given, strict=True)]
    return pd.DataFrame({"conflict_id": 1, "date": pd.to_datetime(dates), **cols}).astype(
        {c: float for c in cols}
    )


# March is not in the panel; May is in it but outside the deployment coverage (NA).
MONTHS = _months(
    ["2000-01-01", "2000-02-01", "2000-04-01", "2000-05-01", "2000-06-01", "2000-07-01"],
    [5.0, 6.0, 7.0, None, 8.0, 9.0],
)


def test_spec_puts_every_month_on_the_grid_and_blanks_the_gaps() -> None:
    spec = personnel_spec(MONTHS)
    assert [f"{d:%Y-%m}" for d in spec.months["date"]] == [
        "2000-01", "2000-02", "2000-03", "2000-04", "2000-05", "2000-06", "2000-07",
    ]  # fmt: skip
    stack = spec.stack
    assert stack.loc[[2, 4]].isna().all().all()  # March (no row) and May (NA) are blank
    assert stack["un"].tolist()[:2] == [5.0, 6.0] and stack["international"].iloc[0] == 0.0


def test_figure_leaves_months_without_data_blank() -> None:
    ax = personnel_figure(MONTHS, 1).axes[0]
    paths = [p for c in ax.collections for p in c.get_paths()]
    mid = {m: mdates.date2num(pd.Timestamp(f"2000-{m}-15")) for m in ("01", "03", "05")}
    assert any(p.contains_point((mid["01"], 1.0)) for p in paths)  # drawn where there is data
    assert not any(p.contains_point((mid["03"], 1.0)) for p in paths)  # not across March
    assert not any(p.contains_point((mid["05"], 1.0)) for p in paths)  # nor across May
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == [layer.label for layer in LAYERS]


def test_web_chart_draws_the_same_layers_and_blanks_the_same_months() -> None:
    chart = str(personnel_chart(MONTHS, "X"))
    assert "2000-03: no row" in chart and "2000-05: no row" in chart
    assert "2000-04: UN 7 · regional 1 · international (non-UN) 0" in chart
    # one UN and one regional rect per month with data; none for the blank months
    for layer in LAYERS[:2]:
        assert len(re.findall(f'<rect [^>]*fill="{layer.colour}"/>', chart)) == 5 + 1  # + legend
    assert len(re.findall(f'<rect [^>]*fill="{LAYERS[2].colour}"/>', chart)) == 1  # legend
