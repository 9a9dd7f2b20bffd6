"""Schemas of the packaged tables: column types, allowed values and keys, checked with pandera."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from bluehelmet.errors import ValidationError
from bluehelmet.register import vocab

if TYPE_CHECKING:  # pandera is loaded only to validate (it takes a third of a second)
    from types import ModuleType

    import pandera.pandas as pa


@dataclass(frozen=True)
class Col:
    """One column: its kind (str, int, date, bool, list), nullability, allowed values, unit
    and meaning. The meanings are the one source of the codebooks and of data/README.md's
    column tables (``bluehelmet.codebook``)."""

    name: str
    kind: str = "str"
    nullable: bool = True
    allowed: tuple[str, ...] | None = None
    unique: bool = False
    meaning: str = ""
    unit: str = ""


TABLES: dict[str, tuple[Col, ...]] = {
    "sources": (
        Col(
            "key",
            nullable=False,
            unique=True,
            meaning="short id used in every table's `source` column",
        ),
        Col("title", nullable=False, meaning="full title"),
        Col("author", meaning="authors or publishing body"),
        Col("year", "int", meaning="year of the version used"),
        Col("version", meaning="version or access date"),
        Col("url", meaning="where it is published"),
        Col("licence", meaning="licence of the source"),
        Col("tables", meaning="packaged tables that use it (`;`-separated)"),
        Col("bibtex", nullable=False, meaning="a BibTeX entry"),
    ),
    "countries": (
        Col(
            "iso3",
            nullable=False,
            unique=True,
            meaning="ISO 3166-1 alpha-3 (`XKX` for Kosovo, user-assigned)",
        ),
        Col(
            "gwno",
            "int",
            meaning=(
                "Gleditsch–Ward state number (empty where the territory is not a GW state, e.g. "
                "Western Sahara)"
            ),
        ),
        Col("name", nullable=False, meaning="short English name"),
        Col("source", "list", nullable=False, meaning="key(s) in `sources.csv`"),
    ),
    "gw_states": (
        Col(
            "gwno",
            "int",
            nullable=False,
            meaning="GW state number (not unique: a state with changing codes has several rows)",
        ),
        Col("gwc", meaning="GW three-letter id (empty where not typed, e.g. microstates)"),
        Col("name", nullable=False, meaning="short English name (not GW's spelling)"),
        Col(
            "start_date",
            "date",
            meaning=(
                "start of the row's period: the state's GW start date, or the day the COW code "
                "changes; empty where not typed"
            ),
        ),
        Col(
            "end_date",
            "date",
            meaning=(
                "last day of the row's period; empty while `current`, or where not typed (Tibet, "
                "Hyderabad)"
            ),
        ),
        Col(
            "current",
            "bool",
            nullable=False,
            meaning="the row's period runs to today (an empty `end_date` alone does not say so)",
        ),
        Col(
            "iso3",
            meaning=(
                "ISO 3166-1 alpha-3; withdrawn codes for dissolved states (`DDR`, `CSK`, `YMD`); "
                "the continuing state's code for Yugoslavia (`SRB`) and the Soviet Union (`RUS`);"
                " `XKX` (user-assigned) for Kosovo; empty for states without one"
            ),
        ),
        Col(
            "cown",
            "int",
            meaning=(
                "Correlates of War state number of the same state in that period (empty for "
                "GW-only states: Tibet, Hyderabad, Abkhazia, South Ossetia)"
            ),
        ),
        Col(
            "verified",
            "list",
            allowed=vocab.CODE_CHECKS,
            meaning=(
                "fields checked against the shared data: `gwno` and `name` (the number names this"
                " state in UCDP/PRIO ACD 20.1 or the UCDP Conflict Termination data), `iso3` (IPI"
                " or the peacekeeping operations corpus gives this code with this name); the "
                "tests repeat both checks"
            ),
        ),
        Col(
            "source",
            "list",
            nullable=False,
            meaning="`gleditsch_ward_1999`, `iso_3166`, `cow_states_2016`",
        ),
        Col("note", meaning="code differences and choices"),
    ),
    "resolutions": (
        Col("number", "int", nullable=False, unique=True, meaning="resolution number"),
        Col(
            "year",
            "int",
            nullable=False,
            meaning=(
                "year in the symbol `S/RES/n (year)` (five misprinted symbols in the UN tables "
                "are corrected: 207, 666, 695, 770, 771)"
            ),
        ),
        Col(
            "date",
            "date",
            nullable=False,
            meaning=(
                "adoption date: the meeting's date in the UN table, except 8 meetings that ran "
                "past midnight (46, 143, 145, 146, 161, 313, 338, 521), where the resolution's "
                "text gives the next day"
            ),
        ),
        Col("meeting", meaning="meeting record symbol, e.g. `S/PV.4054`"),
        Col("topic", meaning="agenda topic as printed in the table"),
        Col(
            "vote",
            meaning=(
                "the outcome text as printed (`15-0-0`, `adopted unanimously`, `without vote`, "
                "`14-0-0 (1 absent)`)"
            ),
        ),
        Col("adoption", nullable=False, allowed=vocab.ADOPTIONS, meaning="how it was adopted"),
        Col("yes", "int", unit="votes", meaning="votes in favour, when printed"),
        Col("no", "int", unit="votes", meaning="votes against, when printed"),
        Col("abstain", "int", unit="votes", meaning="abstentions, when printed"),
        Col(
            "title",
            meaning=(
                "the UN's title (AKN metadata 2000–2026; for some earlier resolutions the UN "
                "Digital Library titles carried by the Unite Ideas citation graph)"
            ),
        ),
        Col(
            "source",
            "list",
            nullable=False,
            meaning="`un_sc_meetings`, `un_akn_2000_2026`, `un_unite_citations`",
        ),
    ),
    "resolution_index_checks": (
        Col("number", "int", nullable=False, meaning="resolution number"),
        Col("field", nullable=False, allowed=("date", "meeting", "vote"), meaning="what differs"),
        Col("meetings_value", meaning="the meetings table's value"),
        Col("metadata_value", meaning="the metadata's value (vote text and counts)"),
        Col("note", meaning="the reason, where the resolution's text settles it"),
    ),
    "vetoes": (
        Col("date", "date", nullable=False, meaning="date of the vote"),
        Col("draft", meaning="draft document symbol"),
        Col("meeting", meaning="meeting record symbol"),
        Col("agenda_item", meaning="agenda item"),
        Col("topic", meaning="crisis or topic"),
        Col("region", meaning="region"),
        Col(
            "vetoed_by",
            "list",
            nullable=False,
            allowed=vocab.VETO_MEMBERS,
            meaning="permanent members that vetoed",
        ),
        Col("source", "list", nullable=False, meaning="`vetoes_datalab`"),
    ),
    "votes": (
        Col("resolution", "int", nullable=False, meaning="resolution number"),
        Col("date", "date", nullable=False, meaning="adoption date (from the resolution index)"),
        Col(
            "member",
            nullable=False,
            meaning=(
                "ISO3 of the member (names mapped through `gw_states.csv` and the UN's official "
                "short names)"
            ),
        ),
        Col(
            "member_name",
            nullable=False,
            meaning=(
                "the member's name as the UN's list writes it (the membership file's spelling for"
                " a member not listed)"
            ),
        ),
        Col("permanent", "bool", nullable=False, meaning="one of the five permanent members"),
        Col(
            "vote",
            allowed=vocab.MEMBER_VOTES,
            meaning=(
                "the member's vote; `absent`: on the Council, not listed on a recorded vote "
                "(absent or not participating); empty where the lists disagree with the recorded "
                "counts (see `basis`)"
            ),
        ),
        Col(
            "basis",
            nullable=False,
            meaning=(
                "how the vote was read: `member lists`; `adopted unanimously` (no lists: every "
                "member yes); `inferred from the recorded counts` (members missing from the "
                "lists, with exactly one place left for them in the counts); `member lists "
                "disagree with the recorded …` (votes left empty)"
            ),
        ),
        Col("source", "list", nullable=False, meaning="`un_akn_2000_2026`"),
    ),
    "council_members": (
        Col("year", "int", nullable=False, meaning="calendar year"),
        Col("member", nullable=False, meaning="ISO3"),
        Col("member_name", nullable=False, meaning="name as the source writes it"),
        Col("seat", nullable=False, allowed=vocab.SEATS, meaning="seat"),
        Col(
            "term_start",
            "int",
            nullable=False,
            meaning=(
                "first and last year of the member's term (for permanent members: the run of "
                "years in the table)"
            ),
        ),
        Col(
            "term_end",
            "int",
            nullable=False,
            meaning=(
                "first and last year of the member's term (for permanent members: the run of "
                "years in the table)"
            ),
        ),
        Col(
            "source",
            "list",
            nullable=False,
            meaning=(
                "`council_membership_fmadore` (1992–2023, the membership file's terms); "
                "`un_akn_2000_2026` (2024–2026: every member named on a vote that year)"
            ),
        ),
    ),
    "sponsors": (
        Col("resolution", "int", nullable=False, meaning="resolution number"),
        Col("date", "date", nullable=False, meaning="adoption date (from the resolution index)"),
        Col("member", nullable=False, meaning="ISO3 of the sponsor"),
        Col("member_name", nullable=False, meaning="name as the metadata writes it"),
        Col("additional", "bool", nullable=False, meaning="listed among the additional sponsors"),
        Col("source", "list", nullable=False, meaning="`un_akn_2000_2026`"),
    ),
    "operations": (
        Col(
            "acronym",
            nullable=False,
            unique=True,
            meaning="the operation's id (`UNAMSIL`, `ECOMOG-SL`, …)",
        ),
        Col("name", nullable=False, meaning="full name"),
        Col(
            "org",
            nullable=False,
            allowed=vocab.ORGS,
            meaning="leading organisation",
        ),
        Col(
            "host_iso3",
            "list",
            nullable=False,
            meaning="host countries, ISO3 (all in `countries.csv`)",
        ),
        Col(
            "host_gwno",
            meaning="the same hosts, GW numbers, in the same order (empty entries allowed)",
        ),
        Col(
            "region",
            nullable=False,
            allowed=vocab.REGIONS,
            meaning="region of the hosts",
        ),
        Col(
            "start_date",
            "date",
            meaning=(
                "start of the operation (UN: follows the UN DPPA/DPO list where it has the "
                "operation, or the day a Council text gives; see `date_source` and the note); "
                "empty where not known"
            ),
        ),
        Col(
            "start_precision",
            nullable=False,
            allowed=vocab.DATE_PRECISIONS,
            meaning=(
                "how precisely `start_date` is known: with `month` or `year` the date stands for "
                "that whole month or year (its day, or day and month, are placeholders); "
                "`unknown` when `start_date` is empty"
            ),
        ),
        Col(
            "end_date",
            "date",
            meaning=(
                "end (UN: the last day of the mandate where a Council text gives it); empty while"
                " active or where the end date is not known"
            ),
        ),
        Col(
            "end_precision",
            allowed=vocab.DATE_PRECISIONS,
            meaning=(
                "as `start_precision`, for `end_date`; empty only while the operation is active "
                "with no end date (open-ended), `unknown` when it ended on a date not known"
            ),
        ),
        Col(
            "active",
            "bool",
            meaning=(
                "still deployed (as of the sources' dates); empty where not known — an empty "
                "`end_date` alone does not mean active"
            ),
        ),
        Col(
            "date_source",
            "list",
            meaning=(
                "sources of the two dates; `bluehelmet` marks a month or year known to the "
                "curators but not found in a source in the shared data (the note says so)"
            ),
        ),
        Col(
            "predecessor",
            "list",
            meaning=(
                "operations it took over from, in whole or in part (a non-UN force handing over "
                "to a UN one, e.g. UNITAF → UNOSOM II, counts)"
            ),
        ),
        Col("successor", "list", meaning="operations that took over from it"),
        Col(
            "type",
            allowed=vocab.OPERATION_TYPES,
            meaning="kind of operation",
        ),
        Col("context", allowed=vocab.CONTEXTS, meaning="kind of conflict it deploys to"),
        Col(
            "established_by",
            allowed=vocab.ESTABLISHED_BY,
            meaning=(
                "`SC` (Security Council), `GA` (General Assembly), `org` (the leading "
                "organisation's own decision)"
            ),
        ),
        Col("establishing_document", meaning="e.g. `S/RES/1270 (1999)`, `A/RES/1000 (ES-I)`"),
        Col(
            "establishing_resolution",
            "int",
            meaning=(
                "SC resolution number that established it (UN operations established by the "
                "Council)"
            ),
        ),
        Col(
            "authorising_resolution",
            "int",
            meaning="first SC resolution that authorised a non-UN operation (empty if none)",
        ),
        Col("bh_name", meaning="the mission's name in Bara & Hultman (2020), for joins"),
        Col(
            "verification",
            nullable=False,
            allowed=vocab.OPERATION_VERIFICATION,
            meaning="`verified` (facts checked against the sources named) or `unverified`",
        ),
        Col("source", "list", nullable=False, meaning="sources of the row"),
        Col("note", meaning="choices made, disagreements between sources"),
    ),
    "mandate_events": (
        Col("operation", nullable=False, meaning="in `operations.csv`"),
        Col(
            "resolution",
            "int",
            nullable=False,
            meaning="SC resolution number, in `resolutions.csv` with the same date",
        ),
        Col("date", "date", nullable=False, meaning="adoption date"),
        Col(
            "event",
            nullable=False,
            allowed=vocab.EVENTS,
            meaning=(
                "`establish`, `extend`, `expand`, `shift`, `authorise`, `terminate` (priority "
                "when several apply: establish > terminate > shift > authorise > expand > extend)"
            ),
        ),
        Col(
            "chapter_vii",
            "bool",
            meaning="the resolution acts under Chapter VII for this operation's mandate",
        ),
        Col(
            "chapter_vii_scope",
            allowed=vocab.CHAPTER_VII_SCOPES,
            meaning="`preamble` (covers the operative part), `paragraph`, `section`, `none`",
        ),
        Col(
            "force_authorised",
            "bool",
            meaning=(
                "the resolution authorises the use of force beyond self-defence (all necessary "
                "means/measures/action, …)"
            ),
        ),
        Col(
            "force_addressee",
            "list",
            allowed=vocab.FORCE_ADDRESSEES,
            meaning=(
                "who is authorised: `un_operation`, `member_states`, `regional_organisation` "
                "(several when one resolution authorises, e.g., the UN force and member states' "
                "air power)"
            ),
        ),
        Col(
            "force_purposes",
            "list",
            allowed=vocab.FORCE_PURPOSES,
            meaning=(
                "`self_defence`, `protection_of_civilians`, `freedom_of_movement`, "
                "`protection_of_un_personnel`, `humanitarian_access`, `mandate_implementation`, "
                "`enforcement`"
            ),
        ),
        Col("poc", "bool", meaning="the mandate includes protection of civilians"),
        Col(
            "troop_ceiling",
            "int",
            unit="personnel",
            meaning=(
                "authorised military strength after this resolution: all military personnel "
                "(troops, military observers, staff officers), as the text states it, or the "
                "previous ceiling plus the change this text states; a renewal that states none "
                "keeps the previous text row's (the note says so)"
            ),
        ),
        Col(
            "police_ceiling",
            "int",
            unit="personnel",
            meaning=(
                "authorised police strength after this resolution (individual police and formed "
                "police units), built the same way; read by hand in the 2000–2026 texts "
                "(`data-raw/curated/mandate_strengths.csv`), empty (not coded) before 2000"
            ),
        ),
        Col(
            "tasks",
            "list",
            meaning=(
                "the mandate's tasks in PEMA's categories (`DisarmDemob`, `CivProtect`, "
                "`HumanRights`, `ElectAssist`, … : `bluehelmet.coding.tasks.TASKS`), coded from "
                "the 2000–2026 texts for resolutions that concern one operation: a resolution "
                'that sets out the whole mandate ("shall have the following mandate") gives its '
                "own list, any other keeps the previous text row's list and adds what it names; "
                "empty (not coded) before 2000 and for resolutions on several operations. Keyword"
                " rules: see docs/coding.md for their measured precision"
            ),
        ),
        Col("mandate_until", "date", meaning="date the mandate runs to"),
        Col(
            "verification",
            nullable=False,
            allowed=vocab.EVENT_VERIFICATION,
            meaning=(
                "`text` (checked against the resolution text in shared data), `index` (number and"
                " date checked against `resolutions.csv`), `unverified`"
            ),
        ),
        Col(
            "source",
            "list",
            nullable=False,
            meaning="`un_sc_resolutions` (the resolution itself) or other key",
        ),
        Col("note", meaning="one line: what the resolution did"),
    ),
    "consent_events": (
        Col("operation", nullable=False, meaning="acronym in `operations.csv`"),
        Col(
            "host_iso3",
            "list",
            nullable=False,
            meaning="host state(s) concerned (`;`-separated ISO3)",
        ),
        Col(
            "event_date",
            "date",
            meaning=(
                "date of the host's letter, note or decision as the quote gives it; empty where "
                "the text gives none (Council rows: see `response_date`)"
            ),
        ),
        Col(
            "event",
            nullable=False,
            allowed=vocab.CONSENT_EVENTS,
            meaning=(
                "request_withdrawal, request_drawdown, request_reconsidered, host_commitment, "
                "restriction (host); council_demand, council_extension, council_drawdown, "
                "council_termination (Council)"
            ),
        ),
        Col(
            "actor",
            nullable=False,
            allowed=vocab.CONSENT_ACTORS,
            meaning="`host government` or `Council`",
        ),
        Col("description", nullable=False, meaning="the event in one line (the curators' words)"),
        Col(
            "response_resolution",
            "int",
            meaning=(
                "the resolution that records the event or is the Council's answer; the quote is "
                "from it"
            ),
        ),
        Col("response_date", "date", meaning="its adoption date, read from the resolution's text"),
        Col(
            "document",
            meaning=(
                "the host letter's UN symbol (S/2023/463) where the text gives one, or the "
                "resolution symbol for Council rows"
            ),
        ),
        Col(
            "quote",
            meaning="verbatim passage(s) of `response_resolution`, several joined by ` […] `",
        ),
        Col(
            "verification",
            nullable=False,
            allowed=vocab.CONSENT_VERIFICATION,
            meaning="`text` (quote found in the resolution) or `unverified` (no text has it)",
        ),
        Col("source", "list", nullable=False, meaning="key(s) in `sources.csv`"),
        Col("note", meaning="what the texts leave open or say differently"),
    ),
    "failed_drafts": (
        Col(
            "draft",
            meaning="draft symbol (S/2023/638); the meeting record for early vetoes without one",
        ),
        Col("date", "date", nullable=False, meaning="date of the vote"),
        Col("meeting", meaning="meeting record (S/PV.9408)"),
        Col("agenda_item", meaning="the Council's agenda item"),
        Col("title", meaning="the UN library's title of the draft (2023–2025 only)"),
        Col(
            "outcome",
            nullable=False,
            allowed=vocab.DRAFT_OUTCOMES,
            meaning=(
                "`vetoed` (a permanent member's negative vote, in the UN's words) or "
                "`insufficient_votes`"
            ),
        ),
        Col(
            "vetoed_by",
            "list",
            allowed=vocab.VETO_MEMBERS,
            meaning="permanent member(s) whose negative vote was a veto",
        ),
        Col(
            "yes",
            "int",
            unit="votes",
            meaning=(
                "votes in favour, from the UN's vote list (2023–2025; empty where the file has no"
                " list or lists a member twice)"
            ),
        ),
        Col("no", "int", unit="votes", meaning="votes against (as `yes`)"),
        Col("abstain", "int", unit="votes", meaning="abstentions (as `yes`)"),
        Col("operation", "list", meaning="operations the draft names (acronyms), empty if none"),
        Col(
            "linked_by",
            "list",
            allowed=vocab.DRAFT_LINKS,
            meaning="where it names them: agenda_item, title, text",
        ),
        Col(
            "source",
            "list",
            nullable=False,
            meaning="`vetoes_datalab` (1946–2022) or `un_akn_2000_2026`",
        ),
    ),
    "operation_date_checks": (
        Col("acronym", nullable=False, meaning="operation"),
        Col("field", nullable=False, meaning="the register field compared"),
        Col("register_value", meaning="the register's value"),
        Col(
            "other_source",
            nullable=False,
            meaning="the other list (`un_dppa_2024`, `pact`, `pkoc`)",
        ),
        Col("other_value", meaning="its value (month precision lists give `YYYY-MM`)"),
        Col(
            "difference_days",
            "int",
            unit="days",
            meaning=(
                "register minus other, in days; for month-precision lists the distance to the "
                "nearest day of that month"
            ),
        ),
        Col("reason", meaning="why they differ (month rounding, authorisation vs deployment, …)"),
    ),
}

KEYS: dict[str, tuple[str, ...]] = {
    "sources": ("key",),
    "countries": ("iso3",),
    # One row per period in which a GW state's ISO3 and COW codes stay the same.
    "gw_states": ("gwno", "start_date"),
    "resolutions": ("number",),
    "resolution_index_checks": ("number", "field"),
    # Early drafts are identified only by their meeting record, and the source has
    # two identical rows for 26 June 1946: vetoes have no natural key.
    "vetoes": (),
    "votes": ("resolution", "member"),
    "council_members": ("year", "member"),
    "sponsors": ("resolution", "member"),
    "operations": ("acronym",),
    "mandate_events": ("operation", "resolution"),
    "operation_date_checks": ("acronym", "field", "other_source"),
    "consent_events": ("operation", "event", "description"),
    # Vetoed drafts before 2023 can lack a symbol (see vetoes): no natural key.
    "failed_drafts": (),
}

_DTYPES = {
    "str": "string",
    "list": "string",
    "int": "Int64",
    "bool": "boolean",
    "date": "datetime64[ns]",
}


def columns(table: str) -> tuple[Col, ...]:
    """The declared columns of a packaged table.

    >>> [c.name for c in columns("sources")][:2]
    ['key', 'title']
    """
    return TABLES[table]


def _list_check(allowed: tuple[str, ...]) -> pa.Check:
    import pandera.pandas as pa

    def ok(series: pd.Series) -> pd.Series:
        return series.map(lambda v: pd.isna(v) or all(x in allowed for x in str(v).split(";")))

    return pa.Check(ok, element_wise=False, error=f"each ';'-item must be one of {allowed}")


def _column_schema(col: Col) -> pa.Column:
    import pandera.pandas as pa

    checks: list[pa.Check] = []
    if col.allowed is not None:
        if col.kind == "list":
            checks.append(_list_check(col.allowed))
        else:
            checks.append(pa.Check.isin(list(col.allowed)))
    return pa.Column(_DTYPES[col.kind], checks=checks, nullable=col.nullable, unique=col.unique)


@contextmanager
def _quiet_pyspark() -> Iterator[None]:
    """Without PySpark's notice about pandas 3: pandera imports ``pyspark.pandas`` (on import
    and on its first validation) where PySpark is installed."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "PySpark does not yet fully support", FutureWarning)
        yield


def _pandera() -> ModuleType:
    """``pandera.pandas``, imported quietly."""
    with _quiet_pyspark():
        import pandera.pandas as pa
    return pa


def table_schema(table: str) -> pa.DataFrameSchema:
    """The pandera schema of a packaged table (types, allowed values, unique keys).

    >>> table_schema("operations").unique
    ['acronym']
    """
    pa = _pandera()
    cols = {c.name: _column_schema(c) for c in TABLES[table]}
    return pa.DataFrameSchema(cols, strict=True, ordered=True, unique=list(KEYS[table]) or None)


def check_schema(df: pd.DataFrame, table: str) -> None:
    """Raise ValidationError naming the first bad line and column of ``table``.csv.

    >>> check_schema(pd.DataFrame(), "sources")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.ValidationError: sources.csv: ...
    """
    pa = _pandera()
    try:
        with _quiet_pyspark():
            table_schema(table).validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        first = cases.iloc[0]
        where = f"{table}.csv"
        if pd.notna(first.get("index")):
            where += f" line {int(first['index']) + 2}"
        if pd.notna(first.get("column")):
            where += f", column {first['column']}"
        raise ValidationError(
            f"{where}: {first['check']} failed for value {first['failure_case']!r} "
            f"({len(cases)} problem(s) in all); fix the table or its data-raw script"
        ) from None
