"""The command line: argument parsing only; every command calls one library function."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

import bluehelmet as api
from bluehelmet import boundary, options

if TYPE_CHECKING:
    import pandas as pd

app = typer.Typer(
    help="Data and tools for research on UN peace operations.",
    no_args_is_help=True,
    add_completion=False,
)
figure_app = typer.Typer(
    help="Write a figure (PNG, SVG or PDF) and its data (CSV).", no_args_is_help=True
)
app.add_typer(figure_app, name="figure")

F = TypeVar("F", bound=Callable[..., Any])

Format = Annotated[
    str,
    typer.Option(
        "--format",
        "-f",
        help=", ".join(options.allowed(options.OutputFormat))
        + "; with --out also parquet, dta (default: --out's suffix)",
    ),
]
Out = Annotated[
    Path | None,
    typer.Option(help="write the table to this file: .csv, .json, .parquet or .dta (Stata)"),
]
Columns = Annotated[
    str | None, typer.Option("--columns", "-c", help="comma-separated columns to show")
]
FromYear = Annotated[int | None, typer.Option("--from", help="first year")]
ToYear = Annotated[int | None, typer.Option("--to", help="last year")]
Uncertain = Annotated[
    str,
    typer.Option(
        help="operations whose unknown or imprecise dates leave it open: "
        + ", ".join(options.allowed(options.Uncertain))
    ),
]


def _dated(df: Any, format: str) -> Any:
    """Dates at their precision in the table view (``1999``, ``2018-03``, ``unknown``)."""
    from bluehelmet.register.dates import shown

    return shown(df) if format == "table" else df


def _notes(df: Any) -> None:
    """What a date filter did with unknown and imprecise dates, on stderr."""
    for note in df.attrs.get("notes", []):
        typer.echo(f"note: {note}", err=True)


@app.callback()
def _options(
    excel_safe: Annotated[
        bool,
        typer.Option(
            "--excel-safe",
            envvar="BLUEHELMET_EXCEL_SAFE",
            help="in every CSV written (stdout or files), prefix ' to text cells starting "
            "with = + - @ tab or CR",
        ),
    ] = False,
) -> None:
    """Options for every command (``--excel-safe``: every CSV written, stdout or file)."""
    if excel_safe or "bluehelmet.output" in sys.modules:  # no pandas import just to say "off"
        from bluehelmet import output

        output.set_excel_safe(excel_safe)


def emit(
    df: pd.DataFrame,
    fmt: str,
    columns: str | None = None,
    title: str | None = None,
    out: Path | None = None,
    table: str | None = None,
) -> None:
    """:func:`bluehelmet.output.emit`, Excel-safe after ``bluehelmet --excel-safe``; with
    ``out``, the selected columns written to that file (:func:`bluehelmet.export.write_any`),
    with ``table``'s codebook beside it and its labels in Stata files when ``table`` is given
    (:func:`bluehelmet.export.write_documented`)."""
    from bluehelmet import output

    if out is None:
        _for_out(fmt, None)
        output.emit(df, fmt, columns, title, excel_safe=output.excel_safe())
        return
    from bluehelmet.export import write_any, write_documented

    selected = output.select_columns(df, columns)
    written = write_any(selected, out) if table is None else write_documented(selected, out, table)
    beside = f" (codebook: {written[1]})" if len(written) > 1 else ""
    typer.echo(f"wrote {written[0]}: {len(df)} rows{beside}")


def _for_out(format: str, out: Path | None) -> str:
    """The format a table command works in: ``--out``'s suffix when given (``--format``, if
    not the default ``table``, must agree), else ``--format`` (parquet and dta need ``--out``)."""
    if out is None:
        if format in ("parquet", "dta"):
            raise api.UsageError(f"--format {format} writes a file: add --out FILE.{format}")
        return format
    from bluehelmet.export import file_format

    fmt = file_format(out)
    if format not in ("table", fmt):
        raise api.UsageError(
            f"--format {format} does not match --out {out}; give a .{format} file or drop --format"
        )
    return fmt


def _cli_errors(func: F) -> F:
    """Turn any failure into one line on stderr and an exit code (see ``bluehelmet.boundary``;
    a bug's traceback goes to a file the line names)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, TyperException):  # typer's own (its bundled click)
            raise
        except BrokenPipeError:  # the reader stopped early (`| head`): nothing to report
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as exc:
            explained = boundary.explain(exc)
            line, code = explained or (boundary.unexpected_line(exc), boundary.EXIT_INTERNAL)
            typer.echo(f"error: {line}", err=True)
            raise typer.Exit(code) from None

    wrapper.cli_boundary = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


@app.command("operations")
@_cli_errors
def operations_cmd(
    org: Annotated[str | None, typer.Option(help="UN, non-UN, AU, ECOWAS, EU, NATO, ...")] = None,
    country: Annotated[
        str | None, typer.Option(help="host country: ISO3, GW number or name")
    ] = None,
    active: Annotated[
        bool | None, typer.Option("--active/--ended", help="only active / only ended")
    ] = None,
    start: FromYear = None,
    end: ToYear = None,
    type: Annotated[str | None, typer.Option(help="observer, traditional, ...")] = None,
    uncertain: Uncertain = "include",
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """List peace operations (UN and non-UN)."""
    format = _for_out(format, out)
    df = api.operations(
        org=org, country=country, active=active, start=start, end=end, type=type,
        uncertain=uncertain,
    )  # fmt: skip
    if format == "table" and columns is None:
        columns = "acronym,org,name,host_iso3,start_date,end_date,type,context"
    emit(_dated(df, format), format, columns, title="Peace operations", out=out, table="operations")
    _notes(df)


@app.command("operation")
@_cli_errors
def operation_cmd(
    acronym: str,
    format: Annotated[
        str, typer.Option("--format", "-f", help="table, csv or json (csv: with --out DIR)")
    ] = "table",
    out: Annotated[
        Path | None,
        typer.Option(help="with --format csv: an existing folder for one file per table"),
    ] = None,
) -> None:
    """Show one operation with its mandate history and partner operations."""
    import pandas as pd

    from bluehelmet.errors import UsageError

    if format not in options.allowed(options.OutputFormat):
        raise UsageError(
            f"operation has no --format {format}; use table, json or csv "
            "(csv with --out DIR writes one CSV file per table)"
        )
    if out is not None and format != "csv":
        raise UsageError("--out: only with --format csv (one file per table)")
    rec = api.operation(acronym)
    if format == "json":
        sys.stdout.write(rec.to_json())
        return
    if out is not None:
        for path in rec.to_csv(out):
            typer.echo(f"wrote {path}", err=True)
        return
    info = rec.info.map(lambda v: v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else v)
    emit(
        info.astype("string").to_frame("value").reset_index(names="field"),
        format,
        title=f"{rec.info['acronym']}: {rec.info['name']}",
    )
    if format == "table":  # every linked resolution; "not coded" where a value is empty
        shown = (
            "resolution,date,event,chapter_vii,force,poc,troop_ceiling,police_ceiling,"
            "mandate_until,verification"
        )
        emit(rec.history, format, shown, title="Mandate history (notes: --format csv or json)")
    else:
        typer.echo("note: three CSV tables back to back; --out DIR writes one file each", err=True)
        emit(rec.tables()["events"], format)
    emit(
        _dated(rec.partners, format),
        format,
        None if format != "table" else "acronym,org,name,start_date,end_date",
        title="Partner operations (other organisations, same country, overlapping dates)",
    )
    _notes(rec.partners)


@app.command("events")
@_cli_errors
def events_cmd(
    operation: Annotated[str | None, typer.Option(help="acronym")] = None,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """List mandate events (establishment, shifts, force authorisations, terminations)."""
    format = _for_out(format, out)
    df = api.mandate_events(operation)
    if format == "table" and columns is None:
        columns = "operation,resolution,date,event,chapter_vii,force_authorised,poc,verification"
    emit(df, format, columns, title="Mandate events", out=out, table="mandate_events")


@app.command("mandate-panel")
@_cli_errors
def mandate_panel_cmd(
    unit: Annotated[
        str, typer.Option(help=", ".join(options.allowed(options.MandateUnit)))
    ] = "resolution",
    operation: Annotated[str | None, typer.Option(help="acronym")] = None,
    start: FromYear = None,
    end: ToYear = None,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Every mandate: operation × resolution with changes, or operation × month in force."""
    format = _for_out(format, out)
    df = api.mandate_panel(unit=unit, operation=operation, start=start, end=end)
    if format == "table" and columns is None:
        columns = (
            "operation,resolution,date,event,chapter_vii,force_authorised,poc,troop_ceiling,"
            "police_ceiling,mandate_until,verification,changed,not_coded"
            if unit == "resolution"
            else "operation,month,resolution,event,chapter_vii,force_authorised,poc,"
            "troop_ceiling,police_ceiling,mandate_until,coded,lapsed,end_known"
        )
    emit(df, format, columns, title=f"Mandate panel ({unit})", out=out)


@app.command("resolutions")
@_cli_errors
def resolutions_cmd(
    year: Annotated[int | None, typer.Option(help="adoption year")] = None,
    topic: Annotated[str | None, typer.Option(help="words in the agenda topic")] = None,
    operation: Annotated[str | None, typer.Option(help="resolutions in its mandate")] = None,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """List Security Council resolutions (1946-2026 index)."""
    format = _for_out(format, out)
    df = api.resolutions(year=year, topic=topic, operation=operation)
    emit(
        df,
        format,
        columns or ("number,date,meeting,topic,vote" if format == "table" else None),
        title="Security Council resolutions",
        out=out,
        table="resolutions",
    )


VOTE_COLUMNS = "resolution,date,member,member_name,permanent,vote"


@app.command("votes")
@_cli_errors
def votes_cmd(
    resolution: Annotated[int | None, typer.Option(help="resolution number")] = None,
    member: Annotated[
        str | None, typer.Option(help="Council member: ISO3, GW number or name")
    ] = None,
    year: Annotated[int | None, typer.Option(help="adoption year (2000-2026)")] = None,
    operation: Annotated[str | None, typer.Option(help="resolutions in its mandate")] = None,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """How each Council member voted, 2000-2026 (one row per resolution x member)."""
    format = _for_out(format, out)
    df = api.votes(resolution=resolution, member=member, year=year, operation=operation)
    emit(
        df,
        format,
        columns or (VOTE_COLUMNS if format == "table" else None),
        title="Council votes by member",
        out=out,
        table="votes",
    )


CONSENT_COLUMNS = "operation,event_date,event,actor,response_resolution,document,verification"
TIMELINE_COLUMNS = "operation,date,kind,event,actor,resolution,document,verification"


@app.command("consent")
@_cli_errors
def consent_cmd(
    operation: Annotated[str | None, typer.Option(help="acronym: its timeline")] = None,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Host requests to end, reduce or restrict UN operations, and the Council's answers."""
    format = _for_out(format, out)
    if operation is None:
        df, shown, title = api.consent_events(), CONSENT_COLUMNS, "Host consent events"
        table: str | None = "consent_events"
    else:
        df, shown = api.consent_timeline(operation), TIMELINE_COLUMNS
        title, table = f"{operation}: consent events and mandate history", None
    shown_columns = columns or (shown if format == "table" else None)
    emit(df, format, shown_columns, title=title, out=out, table=table)


DRAFT_COLUMNS = "draft,date,agenda_item,outcome,vetoed_by,yes,no,abstain,operation"


@app.command("drafts")
@_cli_errors
def drafts_cmd(
    operation: Annotated[str | None, typer.Option(help="drafts naming it (acronym)")] = None,
    year: Annotated[int | None, typer.Option(help="year of the vote")] = None,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Vetoed and failed draft resolutions, 1946-2025, with the operations they name."""
    format = _for_out(format, out)
    df = api.failed_drafts(operation=operation, year=year)
    emit(
        df,
        format,
        columns or (DRAFT_COLUMNS if format == "table" else None),
        title="Failed draft resolutions",
        out=out,
        table="failed_drafts",
    )


CONTRIBUTOR_COLUMNS = {
    "country": "operation,year,contributor,contributor_name,group,personnel,share",
    "group": "operation,year,group,personnel,contributors,share",
}


@app.command("contributors")
@_cli_errors
def contributors_cmd(
    operation: Annotated[str | None, typer.Option(help="operation acronym, e.g. MINUSMA")] = None,
    year: Annotated[int | None, typer.Option(help="year (2010-2021)")] = None,
    by: Annotated[
        str, typer.Option(help=", ".join(options.allowed(options.ContributorsBy)))
    ] = "country",
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Who supplies each operation's uniformed personnel, 2010-2021 (shared data)."""
    format = _for_out(format, out)
    df = api.contributors(operation=operation, year=year, by=by)
    if format == "table":
        df = df.assign(share=df["share"].round(4))
    emit(
        df,
        format,
        columns or (CONTRIBUTOR_COLUMNS.get(by) if format == "table" else None),
        title="Uniformed personnel by contributor",
        out=out,
    )


@app.command("sql")
@_cli_errors
def sql_cmd(
    query: str,
    format: Format = "table",
    columns: Columns = None,
    timeout: Annotated[
        float, typer.Option(help="seconds before the query is stopped; 0 for no limit")
    ] = 30.0,
    max_rows: Annotated[
        int, typer.Option(help="most rows returned, else an error; 0 for no cap")
    ] = 100_000,
    out: Out = None,
) -> None:
    """Run one read-only SELECT on the register's DuckDB store."""
    format = _for_out(format, out)
    emit(api.sql(query, timeout=timeout, max_rows=max_rows), format, columns, out=out)


@figure_app.command("mandates")
@_cli_errors
def figure_mandates_cmd(
    out: Annotated[Path, typer.Option(help="file: .png, .svg or .pdf")],
    start: Annotated[int | None, typer.Option("--from", help="first year [default: 1948]")] = None,
    end: Annotated[int | None, typer.Option("--to", help="last year [default: 2026]")] = None,
) -> None:
    """Mandates of newly authorised UN missions in civil wars, by year (+ counts CSV)."""
    years = {k: v for k, v in (("start", start), ("end", end)) if v is not None}
    fig_path, csv_path = api.write_mandates_figure(out, **years)
    typer.echo(f"wrote {fig_path} and {csv_path}")


@figure_app.command("timeline")
@_cli_errors
def figure_timeline_cmd(
    out: Annotated[Path, typer.Option(help="file: .png, .svg or .pdf")],
    start: Annotated[int, typer.Option("--from", help="first year")] = 1988,
) -> None:
    """Gantt chart of UN and non-UN operations by host country (+ rows CSV)."""
    fig_path, csv_path = api.write_timeline_figure(out, start)
    typer.echo(f"wrote {fig_path} and {csv_path}")


@app.command("report")
@_cli_errors
def report_cmd(
    out: Annotated[Path, typer.Option(help="output folder")] = Path("report"),
    figures: Annotated[
        bool, typer.Option(help="also write each figure (PNG, SVG, PDF) and its data (CSV)")
    ] = True,
) -> None:
    """Write the self-contained HTML report (index.html) into OUT, and its figures into
    OUT/figures."""
    path = api.build_report(out, figures=figures)
    typer.echo(f"wrote {path}" + (f" and its figures in {out / 'figures'}" if figures else ""))


@app.command("serve")
@_cli_errors
def serve_cmd(
    host: Annotated[str, typer.Option(help="address to bind (loopback by default)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port")] = 8000,
) -> None:
    """Run the local web application (pages, JSON API, CSV downloads) until Ctrl-C."""
    from bluehelmet.web.server import is_loopback, serve

    if not is_loopback(host):
        typer.echo(f"warning: {host} is reachable from other machines; there is no login", err=True)
    typer.echo(f"serving http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    serve(host, port)


@app.command("cite")
@_cli_errors
def cite_cmd(table: Annotated[str | None, typer.Option(help="one packaged table")] = None) -> None:
    """Print BibTeX for the packaged tables' sources."""
    sys.stdout.write(api.cite(table))


@app.command("versions")
@_cli_errors
def versions_cmd(format: Format = "table", out: Out = None) -> None:
    """List sources, their versions and the tables that use them."""
    format = _for_out(format, out)
    df = api.versions()
    title = f"bluehelmet {api.__version__} · data {df.attrs['data_hash']}"
    emit(df, format, title=title, out=out)


@app.command("codebook")
@_cli_errors
def codebook_cmd(
    table: Annotated[
        str | None, typer.Argument(help="packaged table, panel unit or coded table")
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format", "-f", help="table, md, csv or json (default: table in a terminal, else md)"
        ),
    ] = None,
) -> None:
    """A table's codebook (column, type, unit, allowed values, coverage, source, meaning);
    without TABLE, the tables that have one."""
    from bluehelmet import codebook

    format = format or ("table" if sys.stdout.isatty() else "md")
    options.check("--format", format, ("table", "md", "csv", "json"))
    if table is None:
        for name in codebook.codebook_tables():
            typer.echo(name)
    elif format == "table":
        codebook.print_codebook(table)
    elif format == "md":
        typer.echo(codebook.codebook_markdown(table), nl=False)
    else:
        emit(codebook.codebook(table), format)


@app.command("countries")
@_cli_errors
def countries_cmd(
    codes: Annotated[
        list[str] | None,
        typer.Argument(
            help="codes to convert (with --from iso3 also names and GW numbers); none lists "
            "the crosswalk"
        ),
    ] = None,
    source: Annotated[
        str, typer.Option("--from", help=", ".join(options.allowed(options.CodeScheme)))
    ] = "iso3",
    target: Annotated[
        str, typer.Option("--to", help=", ".join(options.allowed(options.CodeTarget)))
    ] = "gwno",
    date: Annotated[str | None, typer.Option(help="YYYY-MM-DD: the code in force then")] = None,
    strict: Annotated[bool, typer.Option(help="fail (exit 2) on codes without a result")] = False,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """List the GW state list with ISO3 and COW codes, or convert codes between them."""
    format = _for_out(format, out)
    if not codes:
        title = "Gleditsch–Ward states, ISO3 and COW"
        emit(api.country_codes(), format, columns, title=title, out=out, table="gw_states")
        return
    if source == "iso3":  # names and GW numbers too, each to its ISO3 (or did-you-mean)
        from bluehelmet.register.lookup import resolve_country

        codes = [resolve_country(code, date=date) for code in codes]
    with _warnings_as_lines():
        converted = api.convert_country(codes, source, target, date=date, strict=strict)  # type: ignore[arg-type]
    import pandas as pd

    emit(pd.DataFrame({source: codes, target: converted}), format, columns, out=out)


@app.command("validate")
@_cli_errors
def validate_cmd(format: Format = "table") -> None:
    """Check every packaged table's schema and the cross-checks; exit 1 on problems."""
    problems = api.register_problems(api.load_register())
    if problems.empty:
        typer.echo("register OK: every schema and cross-check passes")
        return
    emit(problems, format, title="Register problems")
    raise typer.Exit(1)


class _DefaultRunGroup(TyperGroup):
    """A group whose first argument, when it is no subcommand and no help option, goes to
    ``run`` (``bluehelmet reuse --out DIR`` is ``bluehelmet reuse run --out DIR``); without
    arguments, ``run`` too unless the group shows its help then."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and not self.no_args_is_help:
            args = ["run"]
        elif args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = ["run", *args]
        return super().parse_args(ctx, args)


contestation_app = typer.Typer(
    cls=_DefaultRunGroup,
    help="Contestation in the Council: unanimity of peace-operation mandates against other "
    "resolutions (`bluehelmet contestation [--by ...]`), P5 agreement, vetoes, mandate content.",
    no_args_is_help=False,
)
app.add_typer(contestation_app, name="contestation")


def _emit_noted(
    df: pd.DataFrame, format: str, columns: str | None, title: str, out: Path | None
) -> None:
    """Emit (or write to ``out``) a frame and say its ``attrs['note']`` on stderr."""
    if "note" in df.attrs:
        typer.echo(f"note: {df.attrs['note']}", err=True)
    emit(df, format, columns, title=title, out=out)


@contestation_app.command("run")
@_cli_errors
def contestation_cmd(
    by: Annotated[
        str, typer.Option(help=", ".join(options.allowed(options.ContestationBy)))
    ] = "year",
    start: FromYear = None,
    end: ToYear = None,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Unanimous, abstained, voted against: mandate resolutions vs the others (`contestation`)."""
    format = _for_out(format, out)
    df = api.contestation(by=by, start=start, end=end)
    emit(df, format, columns, title=f"Contestation of peace-operation mandates by {by}", out=out)


@contestation_app.command("agreement")
@_cli_errors
def contestation_agreement_cmd(
    start: FromYear = None,
    end: ToYear = None,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """How often each pair of permanent members voted alike, per year 2000-2026."""
    format = _for_out(format, out)
    df = api.p5_agreement(start=start, end=end)
    emit(df, format, columns, title="P5 pairwise agreement", out=out)


@contestation_app.command("vetoes")
@_cli_errors
def contestation_vetoes_cmd(
    by: Annotated[str, typer.Option(help=", ".join(options.allowed(options.VetoesBy)))] = "member",
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Vetoed drafts 1946-2022 by permanent member, topic, year or decade."""
    format = _for_out(format, out)
    _emit_noted(api.vetoes_by(by), format, columns, f"Vetoes by {by}", out)


@contestation_app.command("content")
@_cli_errors
def contestation_content_cmd(
    format: Format = "table", columns: Columns = None, out: Out = None
) -> None:
    """Contested vs unanimous mandates 2000-2026: Chapter VII, force, PoC, human rights, length."""
    format = _for_out(format, out)
    title = "Contested and unanimous mandates"
    _emit_noted(api.contestation_content(), format, columns, title, out)


code_app = typer.Typer(
    cls=_DefaultRunGroup,
    help="Code resolutions: Chapter VII, force, mandate events, tasks, with evidence.",
    no_args_is_help=True,
)
corpus_app = typer.Typer(
    help="Resolution documents: coverage, conversion, fetching from the UN.", no_args_is_help=True
)
mandates_app = typer.Typer(help="Curate the mandate register.", no_args_is_help=True)
app.add_typer(code_app, name="code")
app.add_typer(corpus_app, name="corpus")
app.add_typer(mandates_app, name="mandates")

Table = Annotated[str, typer.Option(help=", ".join(options.allowed(options.CodedTable)))]
CorpusDir = Annotated[
    list[Path] | None,
    typer.Option(
        help="folder(s) of resolution texts (default: $BLUEHELMET_CORPUS or the shared texts)"
    ),
]


@code_app.command("run")
@_cli_errors
def code_run_cmd(
    target: Annotated[Path, typer.Argument(help="a resolution file or a folder of them")],
    format: Annotated[
        str, typer.Option("--format", "-f", help=", ".join(options.allowed(options.CodedFormat)))
    ] = "json",
    table: Table = "resolution",
    columns: Columns = None,
) -> None:
    """Code one file or a folder (`bluehelmet code FILE|DIR` is short for this)."""
    options.check("format", format, options.CodedFormat)
    coded, skipped = api.code_path(target)
    if coded.resolution.empty:  # nothing usable: fail, print no empty table
        said = skipped or "no resolution files found"
        raise api.DataFormatError(f"{target}: no resolution could be read ({said})")
    emit(api.coded_table(coded, table), format, columns)
    if skipped:
        typer.echo(skipped, err=True)


@code_app.command("evaluate")
@_cli_errors
def code_evaluate_cmd(
    gold: Annotated[list[Path], typer.Option(help="gold label CSV file(s) or a folder of them")],
    corpus: CorpusDir = None,
    format: Format = "table",
    out: Out = None,
) -> None:
    """Precision, recall and F1 per code against hand labels, 1946–1994 and 2000–2026 apart."""
    format = _for_out(format, out)
    scores = api.evaluate_coder(gold, corpus or [])
    if format == "table":
        scores = scores.round(3)
    emit(scores, format, title="Coder against the gold labels", out=out)


@corpus_app.command("fetch")
@_cli_errors
def corpus_fetch_cmd(
    numbers: Annotated[list[str], typer.Argument(help="numbers or ranges: 1270 2100-2110")],
    out: Annotated[Path | None, typer.Option(help="folder (default: the cache)")] = None,
) -> None:
    """Download resolutions from the UN's document service (polite, resumable)."""
    report = api.fetch(numbers, out)
    typer.echo(report.summary())
    if not report.ok:
        raise typer.Exit(1)


CorpusFolders = Annotated[
    list[Path], typer.Argument(help="folder(s) of .txt, .xml (AKN), .pdf or .html documents")
]


@corpus_app.command("info")
@_cli_errors
def corpus_info_cmd(folders: CorpusFolders) -> None:
    """Coverage of a corpus: documents by kind, skipped files, duplicates, missing numbers."""
    result = api.load_corpus(folders, kinds=api.DOCUMENT_KINDS)
    for line in api.corpus_info(result):
        typer.echo(line)


@corpus_app.command("convert")
@_cli_errors
def corpus_convert_cmd(
    folders: CorpusFolders,
    to: Annotated[
        str, typer.Option("--to", help=", ".join(options.allowed(options.ConvertFormat)))
    ] = "jsonl",
    out: Annotated[Path, typer.Option(help="new output folder")] = Path("corpus-out"),
) -> None:
    """Write the canonical texts with paragraph ids (for other tools)."""
    result = api.convert_corpus(folders, out, to)
    typer.echo(f"{out}: {result.summary()}")


@mandates_app.command("audit")
@_cli_errors
def mandates_audit_cmd(
    corpus: Annotated[
        list[Path] | None,
        typer.Argument(help="folder(s) of resolution texts (default: as for code evaluate)"),
    ] = None,
    format: Format = "table",
    out: Out = None,
) -> None:
    """List where the machine coding disagrees with the register and the UN's Chapter VII marker."""
    format = _for_out(format, out)
    emit(
        api.audit_register(corpus or []),
        format,
        title="Machine coding vs the register and the UN's marker",
        out=out,
    )


@mandates_app.command("check")
@_cli_errors
def mandates_check_cmd(
    operation: Annotated[str | None, typer.Option(help="acronym")] = None,
    unexplained: Annotated[bool, typer.Option(help="only exceptions without a reason")] = False,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """List exceptions to mandate continuity: order, gaps, late renewals (reason: explained)."""
    format = _for_out(format, out)
    df = api.mandate_exceptions(operation=operation)
    open_ = df[df["reason"].fillna("") == ""]
    title = "Mandate continuity exceptions"
    emit(open_ if unexplained else df, format, columns, title=title, out=out)
    typer.echo(
        f"{len(df)} exception(s), {len(open_)} unexplained (empty reason; "
        "`bluehelmet validate` fails on these)",
        err=True,
    )


panel_app = typer.Typer(
    help="Conflict-month panels of UN and non-UN personnel.", no_args_is_help=True
)
app.add_typer(panel_app, name="panel")


@contextlib.contextmanager
def _warnings_as_lines() -> Iterator[None]:
    """Show each warning raised inside as one "warning: ..." line on stderr."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    for warning in caught:
        typer.echo(f"warning: {warning.message}", err=True)


@panel_app.command("build")
@_cli_errors
def panel_build_cmd(
    out: Annotated[Path, typer.Option(help="file to write: .csv, .json, .parquet or .dta")],
    unit: Annotated[
        str, typer.Option(help=", ".join(options.allowed(options.PanelUnit)))
    ] = "conflict-month",
    start: Annotated[str, typer.Option("--from", help="first month, YYYY-MM")] = "1993-01",
    end: Annotated[str, typer.Option("--to", help="last month, YYYY-MM")] = "2016-12",
    handover_months: Annotated[int, typer.Option(help="months for a sequential handover")] = 6,
    source: Annotated[
        list[str] | None,
        typer.Option(
            help="source to join (repeatable): hks_2014 on conflict-months; pko_fatalities, "
            "pko_shortfall, geopko_v2 on mission-months (`bluehelmet panel sources`)"
        ),
    ] = None,
) -> None:
    """Build a panel from the shared sources (Bara–Hultman, UCDP, IPI) and write it (CSV,
    Parquet or Stata, by --out's suffix)."""
    from bluehelmet.export import file_format

    file_format(out)  # a bad suffix fails before the build
    options.check("unit", unit, options.PanelUnit)
    with _warnings_as_lines():
        built = api.panel(
            unit=unit,  # type: ignore[arg-type]
            start=start,
            end=end,
            handover_months=handover_months,
            sources=source or (),
        )
    path = api.write_panel(built, out)
    typer.echo(f"wrote {path}: {len(built.data)} {built.unit}s")


@panel_app.command("sources")
@_cli_errors
def panel_sources_cmd(format: Format = "table", columns: Columns = None, out: Out = None) -> None:
    """List the sources `panel build --source` joins: units, shared-data files, verb, columns."""
    format = _for_out(format, out)
    emit(api.panel_sources(), format, columns, title="Panel sources", out=out)


@panel_app.command("share")
@_cli_errors
def panel_share_cmd(
    by: Annotated[
        str | None, typer.Option(help=" or ".join(options.allowed(options.ShareBy)))
    ] = None,
    format: Format = "table",
    out: Out = None,
) -> None:
    """Share of UN deployment-months in intrastate conflicts with a non-UN partner present."""
    format = _for_out(format, out)
    if by is not None:
        options.check("by", by, options.ShareBy)
    df = api.partner_share(api.panel(), by=by)
    emit(df, format, title=api.PARTNER_DEFINITION, out=out)


#: ``estimate`` table formats and the :class:`~bluehelmet.models.results.CountFit` method of each.
FIT_TABLES = {"md": "to_markdown", "latex": "to_latex", "csv": "to_csv"}
estimate_app = typer.Typer(help="Count models of conflict violence.", no_args_is_help=True)
app.add_typer(estimate_app, name="estimate")


@estimate_app.command("partnership")
@_cli_errors
def estimate_partnership_cmd(
    format: Annotated[str, typer.Option("--format", "-f", help=", ".join(FIT_TABLES))] = "md",
    out: Annotated[Path | None, typer.Option(help="write the table to this file")] = None,
    figure: Annotated[Path | None, typer.Option(help="predicted deaths figure file")] = None,
    fe: Annotated[bool, typer.Option("--fe/--no-fe", help="conflict fixed effects")] = True,
    unit: Annotated[
        str, typer.Option(help="conflict-month (UN x non-UN troops) or dyad-month (HKS 2014)")
    ] = "conflict-month",
) -> None:
    """NB2 of battle deaths on UN troops and non-UN partners (troops or a regional operation)."""
    options.check("format", format, FIT_TABLES)
    if figure is not None:
        from bluehelmet.figures.save import figure_format

        figure_format(figure)  # a bad suffix or a missing folder fails before the fit
    with _warnings_as_lines():
        estimate = api.estimate_partnership(fe=fe, unit=unit)
    fit = estimate.fit
    table: str = getattr(fit, FIT_TABLES[format])(out)
    sys.stdout.write(table)
    typer.echo(
        f"{fit.n:,} {estimate.unit}s, {fit.n_clusters} conflicts; converged: {fit.converged} "
        f"({fit.iterations} iterations, gradient norm {fit.gradient_norm:.1e})",
        err=True,
    )
    if figure is not None:
        typer.echo(
            f"wrote {figure} and {api.write_predicted_deaths_figure(estimate, figure)}", err=True
        )


@panel_app.command("chart")
@_cli_errors
def panel_chart_cmd(
    conflict: Annotated[int, typer.Option(help="UCDP conflict id, e.g. 382 (Sierra Leone)")],
    out: Annotated[Path, typer.Option(help="file: .png, .svg or .pdf")],
) -> None:
    """Stacked chart of UN, regional and international personnel in one conflict."""
    from bluehelmet.figures.save import figure_format

    figure_format(out)  # a bad suffix or a missing folder fails before the panel is built
    csv_path = api.write_personnel_figure(api.panel(), conflict, out)
    typer.echo(f"wrote {out} and {csv_path}")


reuse_app = typer.Typer(
    cls=_DefaultRunGroup,
    help="Reused language: pairs, families, repetition (`bluehelmet reuse [SOURCE ...] --out "
    "DIR`; no SOURCE: every text), and force clauses repeated at renewals.",
    no_args_is_help=True,
)
app.add_typer(reuse_app, name="reuse")


@reuse_app.command("run")
@_cli_errors
def reuse_cmd(
    out: Annotated[Path, typer.Option(help="folder for the tables (CSV or Parquet)")],
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            help="a JSON Lines or Parquet file, or folders of Council documents read together "
            "(default: $BLUEHELMET_CORPUS, else every shared text: resolutions 1946-2026, "
            "presidential statements, drafts)",
            metavar="SOURCE",
            show_default=False,
        ),
    ] = None,
    min_jaccard: Annotated[float, typer.Option(help="verified pairs from this Jaccard")] = 0.6,
    ngram: Annotated[int, typer.Option(help="word n-gram size of the shingles")] = 5,
    fmt: Annotated[str, typer.Option("--format", help="table format: csv or parquet")] = "csv",
    candidates: Annotated[
        str, typer.Option(help="where the LSH band-key join runs: numpy or duckdb")
    ] = "numpy",
    stream: Annotated[
        bool, typer.Option(help="read in batches, spill to disk (pairs and boilerplate only)")
    ] = False,
    batch_size: Annotated[int, typer.Option(help="records per batch with --stream")] = 10_000,
    quiet: Annotated[bool, typer.Option(help="no progress bar with --stream")] = False,
    engine: Annotated[
        str, typer.Option(help="embedded (this process) or spark (pip install bluehelmet[spark])")
    ] = "embedded",
    master: Annotated[
        str, typer.Option(help="Spark master with --engine spark: local[2], spark://host:7077")
    ] = "local[2]",
    input_format: Annotated[
        str | None,
        typer.Option(help="with --engine spark: jsonl or parquet, for a URI that does not say"),
    ] = None,
) -> None:
    """Find reused language: pairs, families, shares, genealogy (`bluehelmet reuse SOURCE...`)."""
    files, problems = api.run_reuse(
        sources or None, out, min_jaccard=min_jaccard, n=ngram, fmt=fmt, candidates=candidates,
        stream=stream, batch_size=batch_size, progress=False if quiet else None,
        engine=engine, master=master, input_format=input_format,
    )  # fmt: skip
    for problem in problems:
        typer.echo(problem, err=True)
    typer.echo(f"wrote {len(files)} files to {out}")


@reuse_app.command("force-repetition")
@_cli_errors
def reuse_force_repetition_cmd(
    operation: Annotated[str | None, typer.Option(help="acronym")] = None,
    summary: Annotated[
        bool, typer.Option(help="per multidimensional operation 1999-2026, with a total row")
    ] = False,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Force clause of each mandate aligned with the previous mandate's: repeated or changed."""
    format = _for_out(format, out)
    if summary:
        df = api.force_repetition_summary(api.force_repetition(operation))
        title = "Chapter VII force mandates repeated near-verbatim (1999-2026)"
    else:
        df = api.force_repetition(operation)
        title = "Force clauses at each mandate"
        if format == "table" and columns is None:
            columns = (
                "operation,resolution,date,events,chapter_vii,force_authorised,"
                "previous_resolution,text,force_paragraphs,previous_force_paragraphs,"
                "force_similarity,change"
            )
    emit(df, format, columns, title=title, out=out)


@reuse_app.command("force-sources")
@_cli_errors
def reuse_force_sources_cmd(
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Each force clause's best earlier clause from another operation (copied/adapted/none)."""
    format = _for_out(format, out)
    df = api.force_sources()
    if format == "table" and columns is None:
        columns = (
            "operation,resolution,date,source_operation,source_resolution,carried,relation,"
            "overall_operation,overall_resolution"
        )
    emit(df, format, columns, title="Best earlier force clause of another operation", out=out)


@reuse_app.command("force-templates")
@_cli_errors
def reuse_force_templates_cmd(
    top: Annotated[
        int | None, typer.Option(help="only the N largest cells, as rows (source, target)")
    ] = None,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Source operations x target operations: clauses whose best other-operation source is
    the source's (copied or adapted)."""
    format = _for_out(format, out)
    from bluehelmet.reuse.templates import template_cells

    matrix = api.force_templates()
    if top is not None:
        if top < 1:
            raise api.UsageError("--top: give a positive number of cells")
        df = template_cells(matrix, top)
    else:
        df = matrix.reset_index()
    emit(df, format, columns, title="Force clause templates between operations", out=out)


@reuse_app.command("force-formulas")
@_cli_errors
def reuse_force_formulas_cmd(
    per_year: Annotated[
        bool, typer.Option(help="one row per formula x year (1995-1999: NA, gap)")
    ] = False,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Named force formulas in every operative paragraph: first appearance, use per year."""
    format = _for_out(format, out)
    df = api.force_formulas(per_year=per_year)
    if format == "table" and columns is None and not per_year:
        columns = "formula,first_resolution,first_date,first_operations,resolutions,operations,note"
    emit(df, format, columns, title="Force formulas in the texts available", out=out)


CARRYOVER_SHARES = ("share_previous", "share_other_mandates", "share_other_earlier", "share_new")


@reuse_app.command("carryover")
@_cli_errors
def reuse_carryover_cmd(
    operation: Annotated[str | None, typer.Option(help="acronym")] = None,
    format: Format = "table",
    columns: Columns = None,
    out: Out = None,
) -> None:
    """Share of each mandate's operative text from the previous mandate, other operations'
    mandates, other earlier texts, or new (1995-1999: no texts, empty)."""
    from bluehelmet.reuse.carryover import corpus_carryover

    format = _for_out(format, out)
    df = corpus_carryover(operation)
    if format == "table":
        df = df.round({c: 3 for c in CARRYOVER_SHARES})
        if columns is None:
            columns = ",".join(["operation", "resolution", "date", "previous_resolution", "text",
                                *CARRYOVER_SHARES])  # fmt: skip
    emit(df, format, columns, title="Operative text carried over at each mandate", out=out)


@app.command("trace")
@_cli_errors
def trace_cmd(
    case: Annotated[
        str | None, typer.Argument(help="case file (YAML) or a bundled case's id")
    ] = None,
    list_cases: Annotated[bool, typer.Option("--list", help="list the bundled cases")] = False,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=f"{', '.join(options.allowed(options.TraceFormat))} "
            "(default: --out's suffix, else md)",
        ),
    ] = None,
    out: Annotated[Path | None, typer.Option(help="write the report to this file")] = None,
) -> None:
    """Process tracing: update rival explanations on a case's evidence, with sensitivity."""
    if list_cases:
        cases = api.bundled_cases()
        if format is None:
            shown = cases.round({"posterior": 3})
            emit(shown, "table", "id,leader,posterior,leader_holds,title,problem", "Bundled cases")
        else:
            emit(cases, format)
        bad = int((cases["problem"] != "").sum())
        if bad:
            typer.echo(f"{bad} of {len(cases)} bundled case file(s) failed their checks", err=True)
        return
    if case is None:
        raise api.UsageError("give a case file or a bundled case id, or --list")
    result = api.trace(case)
    if out is None:
        sys.stdout.write(api.render_trace(result, format or "md"))
    else:
        typer.echo(f"wrote {api.write_trace_report(result, out, format)}")
