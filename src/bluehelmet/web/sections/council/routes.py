"""The Council section: pages under ``/council``, JSON and CSV under ``/api/council``.

A member is looked up by ISO3 or name in the votes tables (never read as a path); unknown
members are 404 with a hint.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse

from bluehelmet.council.agreement import p5_agreement
from bluehelmet.council.consent import consent_events
from bluehelmet.council.content import contestation_content
from bluehelmet.council.contestation import contestation
from bluehelmet.council.drafts import failed_drafts
from bluehelmet.council.vetoes import vetoes_by
from bluehelmet.council.votes import member_summary, operation_votes, resolve_member, votes
from bluehelmet.options import ContestationBy, VetoesBy
from bluehelmet.web.http import CSV, ERRORS, Format, table_answer
from bluehelmet.web.render import page
from bluehelmet.web.sections import ResolutionPanel, Section
from bluehelmet.web.sections.council.views import SOURCE, member_view, members_table, votes_panel
from bluehelmet.web.tables import records

Member = Annotated[
    str,
    Path(
        min_length=2,
        max_length=60,
        description="Council member: ISO3 code or name as the UN writes it",
        examples=["RUS"],
    ),
]

pages = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api/council", tags=["Council votes"])


@pages.get("/council", response_class=HTMLResponse)
def council_page(request: Request) -> HTMLResponse:
    """Every Council member 2000–2026 with its votes on peace-operation mandates."""
    rows = records(members_table(member_summary()))
    return page(request, "council/overview.html", rows=rows, source=SOURCE)


@pages.get("/council/members/{member}", response_class=HTMLResponse)
def member_page(request: Request, member: Member) -> HTMLResponse:
    """One member's votes on peace-operation mandates, its abstentions and no votes first."""
    return page(request, "council/member.html", **member_view(resolve_member(member)),
                source=SOURCE)  # fmt: skip


@api.get("/votes", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_votes(
    resolution: Annotated[int | None, Query(ge=1, le=9999)] = None,
    member: Annotated[str | None, Query(max_length=60)] = None,
    year: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    operation: Annotated[str | None, Query(max_length=40)] = None,
    format: Format = "json",
) -> Any:
    """One row per resolution × Council member 2000–2026 (``vote``: yes / no / abstain /
    absent; empty where the UN's lists disagree with the recorded counts, see ``basis``);
    filters by resolution, member (ISO3 or name), year and operation."""
    found = votes(resolution=resolution, member=member, year=year, operation=operation)
    return table_answer(found, format, "votes")


@api.get("/members", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_members(format: Format = "json") -> Any:
    """Every member 2000–2026: years on the Council, votes on peace-operation mandates,
    abstentions, no votes and absences."""
    return table_answer(members_table(member_summary()), format, "council-members")


@api.get("/members/{member}", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_member(member: Member, format: Format = "json") -> Any:
    """One member's votes on peace-operation mandate resolutions, with the operations."""
    iso = resolve_member(member)
    return table_answer(operation_votes(iso), format, f"votes-{iso}")


@api.get("/contestation", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_contestation(
    by: ContestationBy = "year",
    start: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    end: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    format: Format = "json",
) -> Any:
    """Contestation of peace-operation mandates against all other resolutions: per ``year``
    (1946–2026; abstentions by P5 and elected members from 2000), per ``operation`` or per
    ``member`` (2000–2026)."""
    return table_answer(contestation(by=by, start=start, end=end), format, f"contestation-{by}")


@api.get("/agreement", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_agreement(format: Format = "json") -> Any:
    """Per year 2000–2026: how often each pair of permanent members voted alike, and the mean
    of the ten pairs (``index``), on mandates and on all resolutions."""
    return table_answer(p5_agreement(), format, "p5-agreement")


@api.get("/content", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_content(format: Format = "json") -> Any:
    """What contested and unanimous mandates 2000–2026 contain (a description, no causal
    claim): shares of Chapter VII, force, PoC, human-rights tasks; mean mandate length."""
    return table_answer(contestation_content(), format, "contestation-content")


@api.get("/vetoes", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_vetoes(by: VetoesBy = "member", format: Format = "json") -> Any:
    """Vetoed drafts 1946–2022 by member, topic, year or decade."""
    return table_answer(vetoes_by(by=by), format, f"vetoes-{by}")


@api.get("/drafts", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_drafts(
    operation: Annotated[str | None, Query(max_length=40)] = None,
    year: Annotated[int | None, Query(ge=1945, le=2100)] = None,
    format: Format = "json",
) -> Any:
    """Vetoed and failed drafts 1946–2025, with the operation a draft names."""
    return table_answer(failed_drafts(operation=operation, year=year), format, "failed-drafts")


@api.get("/consent", response_model=list[dict[str, Any]], responses={**ERRORS, **CSV})
def api_consent(
    operation: Annotated[str | None, Query(max_length=40)] = None, format: Format = "json"
) -> Any:
    """Host governments' requests to end, reduce or restrict UN operations and the Council's
    answers, each with its document and the quote checked against the resolution."""
    return table_answer(consent_events(operation), format, "consent-events")


COUNCIL = Section(
    key="council",
    title="Council votes",
    path="/council",
    summary="who voted how on peace operations 2000–2026: each member's votes, abstentions "
    "and sponsorships, per resolution and per member",
    available=lambda: True,
    routers=(pages, api),
)
VOTES_PANEL = ResolutionPanel("votes", "Votes and sponsors", votes_panel)
