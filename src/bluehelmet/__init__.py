"""bluehelmet: data, methods and tools for research on UN peace operations.

>>> import bluehelmet as bh
>>> bh.operation("UNAMSIL").info["start_date"].year
1999
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from bluehelmet.errors import (
    BluehelmetError,
    DataFormatError,
    NotFoundError,
    UsageError,
    ValidationError,
)

__version__ = "0.1.0"

if TYPE_CHECKING:
    from bluehelmet.coding.code import CodedResolution, code_resolution
    from bluehelmet.coding.run import (
        audit_register,
        code_corpus,
        code_path,
        coded_table,
        evaluate_coder,
    )
    from bluehelmet.council.agreement import p5_agreement
    from bluehelmet.council.consent import consent_events, consent_timeline
    from bluehelmet.council.content import contestation_content
    from bluehelmet.council.contestation import contestation
    from bluehelmet.council.contributors import contributors
    from bluehelmet.council.drafts import failed_drafts
    from bluehelmet.council.vetoes import vetoes_by
    from bluehelmet.council.votes import vote_counts, votes
    from bluehelmet.documents import load_corpus, read_resolution
    from bluehelmet.documents.convert import ALL_KINDS as DOCUMENT_KINDS
    from bluehelmet.documents.convert import convert_corpus, corpus_info
    from bluehelmet.documents.fetch import fetch
    from bluehelmet.export import write_any as write_table
    from bluehelmet.figures.write import (
        write_mandates_figure,
        write_personnel_figure,
        write_predicted_deaths_figure,
        write_timeline_figure,
    )
    from bluehelmet.models.battle_deaths import estimate_partnership
    from bluehelmet.panels.add import add_battle_deaths, add_ged_deaths
    from bluehelmet.panels.add_mission import (
        add_authorised_strength,
        add_deployment_sites,
        add_fatalities,
    )
    from bluehelmet.panels.build import panel, write_panel
    from bluehelmet.panels.conflict_ids import translate_conflict_ids
    from bluehelmet.panels.describe import PARTNER_DEFINITION, configurations, partner_share
    from bluehelmet.panels.sources import panel_sources
    from bluehelmet.register.checks import mandate_exceptions
    from bluehelmet.register.cite import cite, versions
    from bluehelmet.register.countries import convert_country, country_codes
    from bluehelmet.register.mandate_panel import mandate_panel, write_mandate_panel
    from bluehelmet.register.mandates import mandate_basis, mandate_basis_counts
    from bluehelmet.register.query import (
        OperationRecord,
        mandate_events,
        operation,
        operations,
        partners,
        resolutions,
    )
    from bluehelmet.register.sql import sql
    from bluehelmet.register.theatres import theatre_operations
    from bluehelmet.register.validate import load_register, register_problems, validate_register
    from bluehelmet.report.build import build_report
    from bluehelmet.report.trace import render_trace, write_trace_report
    from bluehelmet.reuse.carryover import mandate_carryover
    from bluehelmet.reuse.engine import find_reuse
    from bluehelmet.reuse.explore import ReuseTables
    from bluehelmet.reuse.explore import explore as explore_reuse
    from bluehelmet.reuse.repetition import force_repetition, force_repetition_summary
    from bluehelmet.reuse.run import run_reuse
    from bluehelmet.reuse.settings import ReuseSettings
    from bluehelmet.reuse.templates import force_formulas, force_sources, force_templates
    from bluehelmet.tracing.bundled import bundled_cases
    from bluehelmet.tracing.load import load_case
    from bluehelmet.tracing.trace import Trace, trace

# Public names and where they live: imported on first use, so that ``import bluehelmet``
# (and the command line's help) does not load pandas, scipy and matplotlib up front.
_LAZY: dict[str, tuple[str, str]] = {
    "CodedResolution": ("bluehelmet.coding.code", "CodedResolution"),
    "audit_register": ("bluehelmet.coding.run", "audit_register"),
    "code_corpus": ("bluehelmet.coding.run", "code_corpus"),
    "code_path": ("bluehelmet.coding.run", "code_path"),
    "code_resolution": ("bluehelmet.coding.code", "code_resolution"),
    "coded_table": ("bluehelmet.coding.run", "coded_table"),
    "evaluate_coder": ("bluehelmet.coding.run", "evaluate_coder"),
    "fetch": ("bluehelmet.documents.fetch", "fetch"),
    "write_table": ("bluehelmet.export", "write_any"),
    "load_corpus": ("bluehelmet.documents", "load_corpus"),
    "read_resolution": ("bluehelmet.documents", "read_resolution"),
    "DOCUMENT_KINDS": ("bluehelmet.documents.convert", "ALL_KINDS"),
    "convert_corpus": ("bluehelmet.documents.convert", "convert_corpus"),
    "corpus_info": ("bluehelmet.documents.convert", "corpus_info"),
    "write_mandates_figure": ("bluehelmet.figures.write", "write_mandates_figure"),
    "write_personnel_figure": ("bluehelmet.figures.write", "write_personnel_figure"),
    "write_predicted_deaths_figure": ("bluehelmet.figures.write", "write_predicted_deaths_figure"),
    "write_timeline_figure": ("bluehelmet.figures.write", "write_timeline_figure"),
    "estimate_partnership": ("bluehelmet.models.battle_deaths", "estimate_partnership"),
    "add_battle_deaths": ("bluehelmet.panels.add", "add_battle_deaths"),
    "add_ged_deaths": ("bluehelmet.panels.add", "add_ged_deaths"),
    "add_authorised_strength": ("bluehelmet.panels.add_mission", "add_authorised_strength"),
    "add_deployment_sites": ("bluehelmet.panels.add_mission", "add_deployment_sites"),
    "add_fatalities": ("bluehelmet.panels.add_mission", "add_fatalities"),
    "panel": ("bluehelmet.panels.build", "panel"),
    "write_panel": ("bluehelmet.panels.build", "write_panel"),
    "translate_conflict_ids": ("bluehelmet.panels.conflict_ids", "translate_conflict_ids"),
    "PARTNER_DEFINITION": ("bluehelmet.panels.describe", "PARTNER_DEFINITION"),
    "configurations": ("bluehelmet.panels.describe", "configurations"),
    "partner_share": ("bluehelmet.panels.describe", "partner_share"),
    "panel_sources": ("bluehelmet.panels.sources", "panel_sources"),
    "mandate_exceptions": ("bluehelmet.register.checks", "mandate_exceptions"),
    "cite": ("bluehelmet.register.cite", "cite"),
    "versions": ("bluehelmet.register.cite", "versions"),
    "convert_country": ("bluehelmet.register.countries", "convert_country"),
    "country_codes": ("bluehelmet.register.countries", "country_codes"),
    "mandate_panel": ("bluehelmet.register.mandate_panel", "mandate_panel"),
    "write_mandate_panel": ("bluehelmet.register.mandate_panel", "write_mandate_panel"),
    "mandate_basis": ("bluehelmet.register.mandates", "mandate_basis"),
    "mandate_basis_counts": ("bluehelmet.register.mandates", "mandate_basis_counts"),
    "OperationRecord": ("bluehelmet.register.query", "OperationRecord"),
    "mandate_events": ("bluehelmet.register.query", "mandate_events"),
    "operation": ("bluehelmet.register.query", "operation"),
    "operations": ("bluehelmet.register.query", "operations"),
    "partners": ("bluehelmet.register.query", "partners"),
    "resolutions": ("bluehelmet.register.query", "resolutions"),
    "votes": ("bluehelmet.council.votes", "votes"),
    "contributors": ("bluehelmet.council.contributors", "contributors"),
    "vote_counts": ("bluehelmet.council.votes", "vote_counts"),
    "consent_events": ("bluehelmet.council.consent", "consent_events"),
    "consent_timeline": ("bluehelmet.council.consent", "consent_timeline"),
    "failed_drafts": ("bluehelmet.council.drafts", "failed_drafts"),
    "contestation": ("bluehelmet.council.contestation", "contestation"),
    "contestation_content": ("bluehelmet.council.content", "contestation_content"),
    "p5_agreement": ("bluehelmet.council.agreement", "p5_agreement"),
    "vetoes_by": ("bluehelmet.council.vetoes", "vetoes_by"),
    "sql": ("bluehelmet.register.sql", "sql"),
    "theatre_operations": ("bluehelmet.register.theatres", "theatre_operations"),
    "load_register": ("bluehelmet.register.validate", "load_register"),
    "register_problems": ("bluehelmet.register.validate", "register_problems"),
    "validate_register": ("bluehelmet.register.validate", "validate_register"),
    "build_report": ("bluehelmet.report.build", "build_report"),
    "render_trace": ("bluehelmet.report.trace", "render_trace"),
    "write_trace_report": ("bluehelmet.report.trace", "write_trace_report"),
    "find_reuse": ("bluehelmet.reuse.engine", "find_reuse"),
    "mandate_carryover": ("bluehelmet.reuse.carryover", "mandate_carryover"),
    "explore_reuse": ("bluehelmet.reuse.explore", "explore"),
    "ReuseTables": ("bluehelmet.reuse.explore", "ReuseTables"),
    "force_repetition": ("bluehelmet.reuse.repetition", "force_repetition"),
    "force_repetition_summary": ("bluehelmet.reuse.repetition", "force_repetition_summary"),
    "run_reuse": ("bluehelmet.reuse.run", "run_reuse"),
    "ReuseSettings": ("bluehelmet.reuse.settings", "ReuseSettings"),
    "force_sources": ("bluehelmet.reuse.templates", "force_sources"),
    "force_templates": ("bluehelmet.reuse.templates", "force_templates"),
    "force_formulas": ("bluehelmet.reuse.templates", "force_formulas"),
    "Trace": ("bluehelmet.tracing.trace", "Trace"),
    "load_case": ("bluehelmet.tracing.load", "load_case"),
    "trace": ("bluehelmet.tracing.trace", "trace"),
    "bundled_cases": ("bluehelmet.tracing.bundled", "bundled_cases"),
}


def __getattr__(name: str) -> Any:
    """Import a public name on first use (PEP 562)."""
    if name not in _LAZY:
        raise AttributeError(f"module 'bluehelmet' has no attribute {name!r}")
    module, attribute = _LAZY[name]
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_LAZY])


__all__ = [
    # register
    "OperationRecord",
    "cite",
    "convert_country",
    "country_codes",
    "load_register",
    "mandate_basis",
    "mandate_basis_counts",
    "mandate_events",
    "mandate_exceptions",
    "mandate_panel",
    "operation",
    "operations",
    "partners",
    "register_problems",
    "resolutions",
    "votes",
    "vote_counts",
    "consent_events",
    "consent_timeline",
    "failed_drafts",
    "contributors",
    "sql",
    # council
    "contestation",
    "contestation_content",
    "p5_agreement",
    "vetoes_by",
    "theatre_operations",
    "validate_register",
    "versions",
    "write_mandate_panel",
    # documents and coder
    "CodedResolution",
    "audit_register",
    "code_corpus",
    "code_path",
    "code_resolution",
    "coded_table",
    "evaluate_coder",
    "fetch",
    "load_corpus",
    "DOCUMENT_KINDS",
    "convert_corpus",
    "corpus_info",
    "read_resolution",
    # panels
    "PARTNER_DEFINITION",
    "estimate_partnership",
    "write_predicted_deaths_figure",
    "write_personnel_figure",
    "add_battle_deaths",
    "add_ged_deaths",
    "add_authorised_strength",
    "add_deployment_sites",
    "add_fatalities",
    "configurations",
    "panel",
    "panel_sources",
    "partner_share",
    "translate_conflict_ids",
    "write_panel",
    # reuse
    "find_reuse",
    "explore_reuse",
    "force_repetition",
    "force_repetition_summary",
    "force_sources",
    "force_templates",
    "force_formulas",
    "mandate_carryover",
    "ReuseTables",
    "run_reuse",
    "ReuseSettings",
    # process tracing
    "Trace",
    "bundled_cases",
    "load_case",
    "render_trace",
    "trace",
    "write_trace_report",
    # outputs
    "build_report",
    "write_mandates_figure",
    "write_table",
    "write_timeline_figure",
    # errors
    "BluehelmetError",
    "DataFormatError",
    "NotFoundError",
    "UsageError",
    "ValidationError",
]
