"""Build the self-contained HTML report from the register."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import NamedTuple

import jinja2
import pandas as pd

from bluehelmet import __version__
from bluehelmet.coding.batch import code_folders
from bluehelmet.coding.code import CodedResolution
from bluehelmet.coding.summary import (
    force_by_addressee,
    force_years,
    text_coverage,
)
from bluehelmet.documents.corpus import CorpusResult
from bluehelmet.documents.coverage import ranges_text
from bluehelmet.errors import NotFoundError
from bluehelmet.figures.force import force_figure
from bluehelmet.figures.mandates import mandates_figure
from bluehelmet.figures.partnership import deaths_figure, partner_deaths_spec, predicted_deaths_spec
from bluehelmet.figures.reuse import (
    diffusion_figure,
    formulas_figure,
    novelty_figure,
    shared_language_figure,
)
from bluehelmet.figures.timeline import timeline_figure
from bluehelmet.figures.write import mandates_data
from bluehelmet.files import atomic_path
from bluehelmet.layout import html_table as _table
from bluehelmet.models.battle_deaths import estimate_partnership
from bluehelmet.models.conflict_month import translation_summary
from bluehelmet.models.results import CountFit
from bluehelmet.panels.build import panel
from bluehelmet.panels.describe import (
    PARTNER_DEFINITION,
    configurations,
    deaths_by_status,
    partner_share,
)
from bluehelmet.paths import configured_corpus
from bluehelmet.register.cite import versions
from bluehelmet.register.mandates import (
    FIRST_YEAR,
    LAST_YEAR,
    mandate_basis,
    mandate_basis_counts,
    years_without_texts,
)
from bluehelmet.register.query import mandate_events
from bluehelmet.register.summary import operations_by_org, table_summary, verification_counts
from bluehelmet.register.theatres import theatre_operations
from bluehelmet.register.validate import load_register, register_problems
from bluehelmet.report.council import council_section
from bluehelmet.report.figures import ReportFigures
from bluehelmet.report.reuse import (
    carryover_sentence,
    carryover_table,
    first_appearances,
    repetition_sentence,
    repetition_table,
    reuse_tables,
    template_table,
    untexted_years,
)
from bluehelmet.reuse.coverage import adopted_per_year
from bluehelmet.reuse.inputs import paragraphs_from_resolutions
from bluehelmet.reuse.repetition import (
    REPEAT_THRESHOLD,
    force_repetition,
    force_repetition_summary,
)
from bluehelmet.reuse.templates import (
    ADAPT_THRESHOLD,
    MIN_CARRIED_WORDS,
    force_sources,
    force_templates,
    formula_paragraphs,
    formula_tables,
    template_cells,
)
from bluehelmet.store import data_hash, query
from bluehelmet.tracing.bundled import bundled_cases

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("bluehelmet.report", "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    keep_trailing_newline=True,
)


def _events_table() -> pd.DataFrame:
    ev = mandate_events()
    ev["date"] = ev["date"].dt.strftime("%Y-%m-%d")
    ev["mandate_until"] = ev["mandate_until"].dt.strftime("%Y-%m-%d")
    return ev.drop(columns=["source"])


#: The folder, beside ``index.html``, of the report's figures and their data.
FIGURES = "figures"


class _Corpus(NamedTuple):
    folders: tuple[Path, ...]
    read: CorpusResult
    coded: CodedResolution
    coverage: pd.DataFrame


def _coded_corpus() -> _Corpus | None:
    """The configured corpus, read and coded once for the sections that use it."""
    folders = configured_corpus()
    if not folders:
        return None
    read, coded = code_folders(list(folders), progress=False)
    coverage = text_coverage((r.number, r.year) for r in read.resolutions)
    return _Corpus(folders, read, coded, coverage)


def _force_section(loaded: _Corpus | None, figs: ReportFigures) -> dict[str, object] | None:
    if loaded is None:
        return None
    counts = force_by_addressee(loaded.coded, loaded.coverage)
    years = loaded.coverage["year"]
    return {
        "folders": [f.name for f in loaded.folders],
        "n": len(loaded.read.resolutions),
        "first": int(years.min()),
        "last": int(years.max()),
        "uncovered": ranges_text(years[~loaded.coverage["covered"]].astype(int)),
        "skipped": loaded.read.summary() if loaded.read.skipped else "",
        "svg": figs.show("force_by_addressee", force_figure(counts), counts),
        "table": _table(force_years(counts, loaded.coverage)),
    }


def _force_answer(table: pd.DataFrame, gap: str) -> dict[str, object]:
    """The force repetition ``table``'s summary, and the sentence stating it."""
    summary = force_repetition_summary(table)
    return {
        "answer": _table(repetition_table(summary)),
        "answer_text": repetition_sentence(summary, untexted_years(table, summary), gap),
    }


def _formulas(loaded: _Corpus, paragraphs: pd.DataFrame, figs: ReportFigures) -> dict[str, object]:
    """The force formulas' use per year (a chart) and first appearances (a table)."""
    found = formula_paragraphs(loaded.read.resolutions, loaded.coded, paragraphs)
    first, per_year = formula_tables(found)
    return {
        "formulas_svg": figs.show("force_formulas", formulas_figure(per_year), per_year),
        "formulas_gap": ranges_text(per_year.loc[per_year["gap"], "year"].unique()),
        "formulas": _table(first_appearances(first)),
    }


def _templates(table: pd.DataFrame) -> dict[str, object]:
    """The largest cells of the force templates between operations, and their total."""
    matrix = force_templates(force_sources(table))
    return {
        "templates": _table(template_table(template_cells(matrix))) if matrix.size else "",
        "template_clauses": int(matrix.to_numpy().sum()),
        "template_cells": int((matrix.to_numpy() > 0).sum()),
    }


def _carryover(summary: pd.DataFrame | None, gap: str) -> dict[str, object]:
    """The whole mandate carried over per multidimensional operation, and its reading."""
    if summary is None or summary.empty:
        return {"carryover": "", "carryover_text": ""}
    return {
        "carryover": _table(carryover_table(summary)),
        "carryover_text": carryover_sentence(summary, gap),
    }


def _reuse_section(loaded: _Corpus | None, figs: ReportFigures) -> dict[str, object] | None:
    if loaded is None:
        return None
    paragraphs = paragraphs_from_resolutions(loaded.read.resolutions, loaded.coded)
    if paragraphs.empty:
        return None
    tables = reuse_tables(paragraphs, adopted_per_year())
    diffusion, shared, years = tables.diffusion, tables.shared, tables.years
    gap = years.loc[years["gap"], "year"].astype(int)
    force = force_repetition(corpus=loaded.read.resolutions, coded=loaded.coded)
    return {
        "tables": tables,
        **_force_answer(force, ranges_text(gap)),
        **_formulas(loaded, paragraphs, figs),
        **_templates(force),
        **_carryover(tables.carryover, ranges_text(gap)),
        "adapted_share": f"{ADAPT_THRESHOLD:.0%}",
        "min_words": MIN_CARRIED_WORDS,
        "copied_share": f"{REPEAT_THRESHOLD:.0%}",
        "gap": ranges_text(gap),
        "partial": ranges_text(years.loc[~years["gap"] & ~years["past_complete"], "year"]),
        "years_svg": figs.show("reuse_novelty", novelty_figure(years), years),
        "years": _table(years.round(3)),
        "diffusion_svg": figs.show("reuse_diffusion", diffusion_figure(diffusion, gap), diffusion)
        if len(diffusion)
        else "",
        "shared_svg": figs.show("shared_language", shared_language_figure(shared), shared)
        if len(shared)
        else "",
        "largest": _table(tables.largest.drop(columns=["family", "label"])),
        "boilerplate": _table(tables.boilerplate),
    }


def _model_note(fit: CountFit, rows: str) -> str:
    return (
        f"N = {fit.n:,} {rows}; {fit.n_groups} conflict fixed effects; alpha = "
        f"{fit.alpha:.2f}; converged in {fit.iterations} iterations, gradient "
        f"norm {fit.gradient_norm:.1e}; conflict-clustered standard errors."
    )


def _partnership_section(figs: ReportFigures) -> dict[str, object] | None:
    try:
        built = panel()
        with warnings.catch_warnings():  # the report shows what is left out (translated)
            warnings.filterwarnings("ignore", message="add_battle_deaths")
            conflict = estimate_partnership(unit="conflict-month")
        estimate = estimate_partnership(unit="dyad-month")
        translated = translation_summary()
    except NotFoundError:
        return None
    fit = estimate.fit
    columns = ["term", "estimate", "std_error", "p"]
    return {
        "definition": PARTNER_DEFINITION,
        "share": _table(partner_share(built).round(3)),
        "share_region": _table(partner_share(built, by="region").round(3)),
        "configurations": _table(configurations(built)),
        "deaths": _table(deaths_by_status(conflict.data).round(3)),
        "translated": translated,
        "conflict_model": _table(conflict.fit.tidy()[columns].round(4)),
        "conflict_note": _model_note(conflict.fit, "conflict-months"),
        "conflict_svg": figs.show(
            "deaths_conflict_month",
            deaths_figure(partner_deaths_spec(conflict.predictions)),
            conflict.predictions,
        ),
        "model": _table(fit.tidy()[columns].round(4)),
        "model_note": _model_note(fit, "dyad-months"),
        "svg": figs.show(
            "deaths_dyad_month",
            deaths_figure(predicted_deaths_spec(estimate.predictions)),
            estimate.predictions,
        ),
    }


def _tracing_section() -> dict[str, object] | None:
    cases = bundled_cases()
    if cases.empty:
        return None
    shown = cases[["id", "title", "outcome", "label", "posterior", "leader_holds", "problem"]]
    return {"n": len(cases), "table": _table(shown.round({"posterior": 3}))}


def report_context(
    start: int = FIRST_YEAR, end: int = LAST_YEAR, figures: ReportFigures | None = None
) -> dict[str, object]:
    """Everything the report template shows, computed from the register; its figures go
    through ``figures`` (default: shown inline only).

    >>> report_context()["counts_total"] > 0
    True
    """
    counts = mandate_basis_counts(start, end)
    basis = mandate_basis(start, end)
    diffs = query("SELECT * FROM operation_date_checks ORDER BY acronym, field, other_source")
    corpus = _coded_corpus()
    figs = figures or ReportFigures()
    without = years_without_texts(start, end)
    theatres = theatre_operations()
    return {
        "version": __version__,
        "data_hash": data_hash(),
        "start": start,
        "end": end,
        "summary": _table(table_summary()),
        "by_org": _table(operations_by_org()),
        "verification": _table(verification_counts()),
        "problems": register_problems(load_register())["problem"].tolist(),
        "mandates_svg": figs.show(
            "mandates", mandates_figure(counts, without), mandates_data(counts, without)
        ),
        "counts": _table(counts.reset_index()),
        "counts_total": int(counts.to_numpy().sum()),
        "basis": _table(basis),
        "timeline_svg": figs.show("timeline", timeline_figure(theatres), theatres),
        "events": _table(_events_table()),
        "date_checks": _table(diffs),
        "sources": _table(versions()),
        "force": _force_section(corpus, figs),
        "reuse": _reuse_section(corpus, figs),
        "council": council_section(figs),
        "partnership": _partnership_section(figs),
        "tracing": _tracing_section(),
    }


def build_report(
    out_dir: Path, start: int = FIRST_YEAR, end: int = LAST_YEAR, figures: bool = True
) -> Path:
    """Write ``index.html`` (self-contained, works offline) into ``out_dir``, and with
    ``figures`` each of its figures into ``out_dir/figures`` (:data:`FIGURES`) as PNG, SVG and
    PDF with its data as CSV; return the report's path.

    >>> import tempfile, pathlib
    >>> build_report(pathlib.Path(tempfile.mkdtemp()), figures=False).name
    'index.html'
    """
    out_dir.mkdir(parents=True, exist_ok=True)  # a file in the way fails here, before work
    figs = ReportFigures(out_dir / FIGURES if figures else None)
    context = report_context(start, end, figs)
    html = _ENV.get_template("report.html").render(**context, figures=FIGURES if figures else "")
    out = out_dir / "index.html"
    with atomic_path(out) as tmp:
        tmp.write_text(html, encoding="utf-8")
    return out
