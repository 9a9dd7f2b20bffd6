"""One palette for every chart, static (matplotlib) or on the web (SVG).

Colours name what they mean, so the same thing has the same colour in the report and in
the browser: the UN in blue, other organisations in orange, years without texts in grey.
Light module (no imports): the web and the figures read it alike.

>>> MANDATE_BASIS["Chapter VII"] == UN
True
"""

from __future__ import annotations

#: The UN (or Chapter VII, or a paragraph's own operation): dark blue.
UN = "#08519c"
#: Light blue: the UN in personnel series, the earlier-text side of reuse.
UN_LIGHT = "#2b8cbe"
#: Another organisation (regional, a coalition, member states): orange.
OTHER = "#e6550d"
#: A third party (international, non-regional organisations): purple.
THIRD = "#756bb1"
#: Dark orange: an origin (the first use of a clause), police in personnel series.
ACCENT = "#d94801"
#: Green: observers in personnel series.
GREEN = "#238b45"
#: Years no resolution text covers, and values not coded.
NO_TEXTS = "#d9d9d9"
NOT_CODED = "#bdbdbd"

#: Mandate basis per year (the mandates figure).
MANDATE_BASIS = {
    "Chapter VI": "#9ecae1",
    "Chapter VII": UN,
    "Shift VI to VII": "#fd8d3c",
    "Basis not coded": NOT_CODED,
}
#: Who a force authorisation is addressed to.
FORCE_ADDRESSEE = {
    "un_operation": UN,
    "member_states": OTHER,
    "regional_organisation": "#31a354",
}
#: Deploying organisation type (personnel and partnership charts).
ORGANISATION = {"un": UN_LIGHT, "regional": OTHER, "international": THIRD}
#: Mandate events on the timeline.
MANDATE_EVENT = {
    "establish": "#1b7837",
    "extend": "#9ecae1",
    "expand": "#4292c6",
    "shift": "#fd8d3c",
    "authorise": "#6a51a3",
    "terminate": "#b2182b",
}
#: Personnel series (deployments).
PERSONNEL = {"troops": UN, "police": ACCENT, "observers": GREEN}
#: Hypotheses of a process-tracing case, in order.
HYPOTHESES = (UN, ACCENT, GREEN, "#6a51a3", "#b2182b", "#636363")
#: Colour-blind-safe qualitative series (matplotlib's "tab10" order, grey left out).
SERIES = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#bcbd22", "#17becf",
)  # fmt: skip
#: Who cast an abstention or no vote on a peace-operation mandate (contestation figure).
DISSENT = {
    "Russia": OTHER,
    "China": "#a50f15",
    "France, UK, US": UN,
    "elected members": THIRD,
}
