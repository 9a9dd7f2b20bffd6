"""The default rival explanations and the documented Van Evera likelihoods.

The four logics are why the Security Council repeats Chapter VII force mandates, as set out
in the project's domain notes (docs/tracing.md). Each predicts observations; evidence items
name the observations they bear on by id.

>>> [h["id"] for h in DEFAULT_HYPOTHESES]
['rationalist', 'constructivist', 'organizational', 'group_psychological']
>>> VAN_EVERA["hoop"]
(0.95, 0.05)
"""

from __future__ import annotations

from typing import Any

#: P(E | H) when H passes / fails the test (certainty = P(pass | H)). Uniqueness is not a
#: property of H's own entry: it is expressed by giving the rivals a low P(E | H').
VAN_EVERA: dict[str, tuple[float, float]] = {
    "straw_in_the_wind": (0.6, 0.4),
    "hoop": (0.95, 0.05),
    "smoking_gun": (0.4, 0.6),
    "doubly_decisive": (0.95, 0.05),
}

#: Default half-width of the likelihood ranges and factor of the prior ranges in sensitivity.
LIKELIHOOD_DELTA = 0.1
PRIOR_FACTOR = 2.0

DEFAULT_HYPOTHESES: list[dict[str, Any]] = [
    {
        "id": "rationalist",
        "label": "Rationalist",
        "summary": (
            "Debates on force are contentious and force mandates hard to get; they are driven "
            "by public opinion and national interest, so mandates vary with the conflict and "
            "show no chronological pattern."
        ),
        "predicts": [
            {
                "id": "rat_contested",
                "text": "The force debate is contentious and turns on national interests.",
            },
            {
                "id": "rat_hard",
                "text": "A force mandate is hard to get: drafts are weakened, delayed or opposed.",
            },
            {
                "id": "rat_opinion",
                "text": "Members' positions follow domestic public opinion and national interest.",
            },
            {
                "id": "rat_variation",
                "text": "Mandates vary with the conflict and show no chronological pattern.",
            },
        ],
    },
    {
        "id": "constructivist",
        "label": "Constructivist",
        "summary": (
            "Norm entrepreneurs push a new norm, UN force to protect civilians; mandates vary, "
            "then cascade; afterwards members say UN force is appropriate and build UN force "
            "capacity."
        ),
        "predicts": [
            {
                "id": "con_entrepreneur",
                "text": "Norm entrepreneurs push for UN force to protect civilians.",
            },
            {
                "id": "con_cascade",
                "text": "Mandates vary, then cascade: change, then continuity.",
            },
            {
                "id": "con_appropriate",
                "text": "Afterwards members say that UN force is appropriate.",
            },
            {
                "id": "con_capacity",
                "text": "Afterwards members build UN force capacity.",
            },
        ],
    },
    {
        "id": "organizational",
        "label": "Organizational",
        "summary": (
            "Mandates flow from the UN Secretariat to the Council; routines resist change; "
            "with learning mandates improve, without it they repeat, sometimes dysfunctionally."
        ),
        "predicts": [
            {
                "id": "org_secretariat",
                "text": "The mandate's content comes from the Secretariat to the Council.",
            },
            {
                "id": "org_routine",
                "text": "Routines resist change; once changed, mandates repeat: change, then "
                "continuity.",
            },
            {
                "id": "org_learning",
                "text": "Where lessons are learned, mandates improve.",
            },
            {
                "id": "org_dysfunction",
                "text": "Without learning, mandates repeat even where they fit badly.",
            },
        ],
    },
    {
        "id": "group_psychological",
        "label": "Group-psychological (group preserving)",
        "summary": (
            "After a hard founding debate the P-5 agree on a precedent; later debates are "
            "easier and repeat its language; members who defect once rejoin; members act to "
            "keep the Council's status and legitimacy; outcomes can look suboptimal."
        ),
        "predicts": [
            {
                "id": "grp_founding",
                "text": "A hard founding debate ends with the P-5 agreeing on a precedent.",
            },
            {
                "id": "grp_easier",
                "text": "Later debates are easier and repeat the precedent's language: change, "
                "then continuity.",
            },
            {
                "id": "grp_rejoin",
                "text": "Members who defect once rejoin the group.",
            },
            {
                "id": "grp_status",
                "text": "Members act to keep the Council's status and legitimacy.",
            },
            {
                "id": "grp_suboptimal",
                "text": "Outcomes can look suboptimal.",
            },
        ],
    },
]
