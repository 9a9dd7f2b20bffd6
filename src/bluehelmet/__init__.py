"""bluehelmet: data, methods and tools for research on UN peace operations.

>>> import bluehelmet as bh
>>> bh.operation("UNAMSIL").info["start_date"].year
1999
"""

from __future__ import annotations

__version__ = "0.1.0"

from bluehelmet.coding.code import CodedResolution
from bluehelmet.coding.run import (
    audit_register,
    code_corpus,
    code_path,
    coded_table,
    evaluate_coder,
    fetch,
)
from bluehelmet.coding.run import code_document as code_resolution
from bluehelmet.documents import load_corpus, read_resolution
from bluehelmet.documents.convert import ALL_KINDS as DOCUMENT_KINDS
from bluehelmet.documents.convert import convert_corpus, corpus_info
from bluehelmet.errors import (
    BluehelmetError,
    DataFormatError,
    NotFoundError,
    UsageError,
    ValidationError,
)
from bluehelmet.figures.write import (
    write_mandates_figure,
    write_personnel_figure,
    write_predicted_deaths_figure,
    write_timeline_figure,
)
from bluehelmet.models.battle_deaths import estimate_partnership
from bluehelmet.panels.add import add_battle_deaths, add_ged_deaths
from bluehelmet.panels.build import panel, write_panel
from bluehelmet.panels.conflict_ids import translate_conflict_ids
from bluehelmet.panels.describe import PARTNER_DEFINITION, configurations, partner_share
from bluehelmet.register.cite import cite, versions
from bluehelmet.register.countries import convert_country, country_codes
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
from bluehelmet.reuse.engine import find_reuse
from bluehelmet.reuse.run import run_reuse
from bluehelmet.tracing import Trace, load_case, trace
from bluehelmet.tracing.bundled import bundled_cases

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
    "operation",
    "operations",
    "partners",
    "register_problems",
    "resolutions",
    "sql",
    "theatre_operations",
    "validate_register",
    "versions",
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
    "configurations",
    "panel",
    "partner_share",
    "translate_conflict_ids",
    "write_panel",
    # reuse
    "find_reuse",
    "run_reuse",
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
    "write_timeline_figure",
    # errors
    "BluehelmetError",
    "DataFormatError",
    "NotFoundError",
    "UsageError",
    "ValidationError",
]
