"""Allowed values of the register's coded columns, declared once."""

from __future__ import annotations

#: Regional and other intergovernmental organisations leading peace operations.
REGIONAL_ORGS = (
    "AU", "OAU", "ECOWAS", "ECCAS", "CEMAC", "SADC", "IGAD", "EU", "NATO", "OSCE", "CIS",
    "LAS", "OAS",
)  # fmt: skip
ORGS = ("UN", *REGIONAL_ORGS, "France", "UK", "US", "Russia", "Australia", "coalition", "other")
#: What the operations' organisation filter takes: one organisation, or non-UN for all but UN.
ORG_FILTERS = ("non-UN", *ORGS)
REGIONS = ("Africa", "Americas", "Asia", "Europe", "Middle East")
OPERATION_TYPES = ("observer", "traditional", "multidimensional", "enforcement", "other")
CONTEXTS = ("intrastate", "interstate", "other")
ESTABLISHED_BY = ("SC", "GA", "org")
OPERATION_VERIFICATION = ("verified", "unverified")
#: How precisely an operation's start or end date is known: the day, only the month or the
#: year (the date then stands for that whole month or year), or not at all (no date).
DATE_PRECISIONS = ("day", "month", "year", "unknown")

EVENTS = ("establish", "extend", "expand", "shift", "authorise", "terminate")
CHAPTER_VII_SCOPES = ("preamble", "paragraph", "section", "none")
FORCE_ADDRESSEES = ("un_operation", "member_states", "regional_organisation")
FORCE_PURPOSES = (
    "self_defence",
    "protection_of_civilians",
    "freedom_of_movement",
    "protection_of_un_personnel",
    "humanitarian_access",
    "mandate_implementation",
    "enforcement",
)
EVENT_VERIFICATION = ("text", "index", "unverified")

ADOPTIONS = ("vote", "unanimous", "without_vote", "unknown")
#: A Council member's vote on a resolution (``absent``: absent or not participating).
MEMBER_VOTES = ("yes", "no", "abstain", "absent")
SEATS = ("permanent", "elected")
VETO_MEMBERS = ("China", "France", "Russia", "USSR", "UK", "USA")

#: Fields of gw_states.csv checked against the shared data (UCDP for gwno and name, IPI and
#: the peacekeeping operations corpus for iso3).
CODE_CHECKS = ("gwno", "name", "iso3")

#: Host consent events: the host government's requests and restrictions, the Council's answers.
CONSENT_EVENTS = (
    "request_withdrawal",  # the host asks the operation to leave or its mandate to end
    "request_drawdown",  # the host asks for a reduction or a gradual disengagement
    "request_reconsidered",  # the host revises an earlier request
    "host_commitment",  # the host undertakes to take over the operation's tasks
    "restriction",  # the host restricts the operation's movement or work, or expels staff
    "council_demand",  # the Council demands that restrictions be lifted
    "council_extension",  # the Council extends the mandate while talks go on
    "council_drawdown",  # the Council decides a drawdown, withdrawal or disengagement
    "council_termination",  # the Council terminates or withdraws the operation
)
CONSENT_ACTORS = ("host government", "Council")
#: ``text``: the quote was found verbatim in the resolution; ``unverified``: no text has it.
CONSENT_VERIFICATION = ("text", "unverified")

#: Why a draft resolution failed: a permanent member's negative vote, or too few votes.
DRAFT_OUTCOMES = ("vetoed", "insufficient_votes")
#: Where a failed draft names the operation it is linked to.
DRAFT_LINKS = ("agenda_item", "title", "text")
