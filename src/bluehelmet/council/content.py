"""What contested and unanimous mandate resolutions contain: a description, no causal claim."""

from __future__ import annotations

import pandas as pd

from bluehelmet.council.contestation import MEMBER_YEARS, tallies
from bluehelmet.store import query

_DAYS_PER_MONTH = 365.25 / 12


def _features(events: pd.DataFrame) -> pd.DataFrame:
    """Per mandate event: each feature, empty where it is not coded."""
    months = (events["mandate_until"] - events["date"]).dt.days / _DAYS_PER_MONTH
    human_rights = (
        events["tasks"].str.split(";").map(lambda tasks: "HumanRights" in tasks, na_action="ignore")
    )
    return pd.DataFrame(
        {
            "chapter_vii": events["chapter_vii"].astype("Float64"),
            "force_authorised": events["force_authorised"].astype("Float64"),
            "poc": events["poc"].astype("Float64"),
            "human_rights_task": human_rights.astype("boolean").astype("Float64"),
            "mandate_months": months.astype("Float64"),
        }
    )


def contestation_content() -> pd.DataFrame:
    """Mandate events of UN operations 2000–2026 (operation × resolution) whose resolution was
    ``contested`` (a vote against or an abstention) or ``unanimous``: per feature the share
    (Chapter VII, force authorised, protection of civilians, a human-rights task) or the mean
    mandate length in months (to ``mandate_until``), over the ``coded`` rows only.

    >>> c = contestation_content().set_index("feature")
    >>> c.loc["poc", "measure"], bool(c.loc["poc", "contested_coded"] > 0)
    ('share', True)
    """
    events = query(
        """SELECT m.* FROM mandate_events m JOIN operations o ON o.acronym = m.operation
           WHERE o.org = 'UN'"""
    )
    t = tallies(*MEMBER_YEARS)[["resolution", "unanimous"]]
    events = events.merge(t, on="resolution")
    features = _features(events)
    df = pd.DataFrame(
        {
            "feature": features.columns,
            "measure": ["mean months" if f == "mandate_months" else "share" for f in features],
        }
    )
    sizes = {}
    for label, mask in (("unanimous", events["unanimous"]), ("contested", ~events["unanimous"])):
        part = features[mask.to_numpy()]
        df[label] = part.mean().round(3).to_numpy(dtype=float)
        df[f"{label}_coded"] = part.notna().sum().to_numpy()
        sizes[label] = int(mask.sum())
    df.attrs["note"] = (
        f"mandate events 2000-2026: {sizes['unanimous']} unanimous, {sizes['contested']} "
        "contested; values over the coded rows only; a description, no causal claim"
    )
    return df
