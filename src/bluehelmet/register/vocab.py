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
