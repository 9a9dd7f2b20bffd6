"""Operation-page panels of the Council room: host consent beside the mandate history, and who
supplies the personnel (UN contributions 2010–2021, from the shared data folder; without it
the panel is not shown)."""

from __future__ import annotations

import pandas as pd

from bluehelmet.council.consent import consent_events, consent_timeline
from bluehelmet.errors import BluehelmetError
from bluehelmet.figures.consent import SOURCE as CONSENT_SOURCE
from bluehelmet.figures.consent import consent_spec
from bluehelmet.figures.contributors import SOURCE as CONTRIBUTORS_SOURCE
from bluehelmet.figures.contributors import contributors_spec
from bluehelmet.web.sections import OperationPanel, PanelContent
from bluehelmet.web.sections.council.charts import consent_chart, contributors_chart

TIMELINE_NOTE = (
    "In the table a host event without its own date is listed at the date of the resolution "
    "that records it; the chart does not draw it there."
)


def consent_table(acronym: str) -> pd.DataFrame:
    """The operation's consent timeline (``consent_timeline``) with each consent event's
    quote from its resolution.

    >>> t = consent_table("MINUSMA")
    >>> bool(t.loc[t["kind"] == "consent", "quote"].str.contains("without delay").any())
    True
    """
    timeline = consent_timeline(acronym)
    quotes = consent_events(acronym).rename(columns={"response_resolution": "resolution"})
    on = ["event", "actor", "resolution", "description"]
    table = timeline.merge(quotes[[*on, "quote"]], on=on, how="left", validate="many_to_one")
    columns = list(timeline.columns)
    return table[[*columns[: columns.index("document") + 1], "quote", "verification"]]


def consent_panel(acronym: str) -> PanelContent | None:
    """The host-consent panel of one operation, or None where it has no consent events.

    >>> consent_panel("UNAMSIL") is None, consent_panel("UNMIS") is not None
    (True, True)
    """
    if consent_events(acronym).empty:
        return None
    spec = consent_spec([acronym])
    note = " ".join(p for p in (spec.note, TIMELINE_NOTE) if p)
    return PanelContent(consent_chart(spec), consent_table(acronym), CONSENT_SOURCE, note)


def contributors_panel(acronym: str) -> PanelContent | None:
    """The contributors panel of one operation, or None where the UN contribution data (or
    the shared data folder) do not cover it.

    >>> contributors_panel("UNEF I") is None
    True
    """
    try:
        spec = contributors_spec(acronym)
    except BluehelmetError:
        return None
    table = spec.shares.rename(columns={s.key: s.label for s in spec.series}).round(4)
    table["operation_total"] = spec.totals.astype("Int64")
    table["partial_year"] = table.index.isin(spec.partial)
    note = spec.note or "Shares of each year's uniformed personnel."
    return PanelContent(contributors_chart(spec), table.reset_index(), CONTRIBUTORS_SOURCE, note)


CONSENT_PANEL = OperationPanel("consent", "Host consent", consent_panel)
CONTRIBUTORS_PANEL = OperationPanel("contributors", "Contributors", contributors_panel)
