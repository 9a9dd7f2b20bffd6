"""The command line: argument parsing only; every command calls one library function."""

from __future__ import annotations

import contextlib
import functools
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
    typer.Option("--format", "-f", help=", ".join(options.allowed(options.OutputFormat))),
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


def emit(df: pd.DataFrame, fmt: str, columns: str | None = None, title: str | None = None) -> None:
    """:func:`bluehelmet.output.emit`, Excel-safe after ``bluehelmet --excel-safe``."""
    from bluehelmet import output

    output.emit(df, fmt, columns, title, excel_safe=output.excel_safe())


def _cli_errors(func: F) -> F:
    """Turn any failure into one line on stderr and an exit code (see ``bluehelmet.boundary``;
    a bug's traceback goes to a file the line names)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, TyperException):  # typer's own (its bundled click)
            raise
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
) -> None:
    """List peace operations (UN and non-UN)."""
    df = api.operations(
        org=org, country=country, active=active, start=start, end=end, type=type,
        uncertain=uncertain,
    )  # fmt: skip
    if format == "table" and columns is None:
        columns = "acronym,org,name,host_iso3,start_date,end_date,type,context"
    emit(_dated(df, format), format, columns, title="Peace operations")
    _notes(df)


@app.command("operation")
@_cli_errors
def operation_cmd(
    acronym: str,
    format: Format = "table",
    out: Annotated[
        Path | None,
        typer.Option(help="with --format csv: an existing folder for one file per table"),
    ] = None,
) -> None:
    """Show one operation with its mandate history and partner operations."""
    import pandas as pd

    if out is not None and format != "csv":
        from bluehelmet.errors import UsageError

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
) -> None:
    """List mandate events (establishment, shifts, force authorisations, terminations)."""
    df = api.mandate_events(operation)
    if format == "table" and columns is None:
        columns = "operation,resolution,date,event,chapter_vii,force_authorised,poc,verification"
    emit(df, format, columns, title="Mandate events")


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
    out: Annotated[Path | None, typer.Option(help="write it to a .csv or .json file")] = None,
) -> None:
    """Every mandate: operation × resolution with changes, or operation × month in force."""
    from bluehelmet.output import select_columns

    df = api.mandate_panel(unit=unit, operation=operation, start=start, end=end)
    if out is not None:
        path = api.write_mandate_panel(select_columns(df, columns), out)
        typer.echo(f"wrote {path}: {len(df)} rows")
        return
    if format == "table" and columns is None:
        columns = (
            "operation,resolution,date,event,chapter_vii,force_authorised,poc,troop_ceiling,"
            "police_ceiling,mandate_until,verification,changed,not_coded"
            if unit == "resolution"
            else "operation,month,resolution,event,chapter_vii,force_authorised,poc,"
            "troop_ceiling,police_ceiling,mandate_until,coded,lapsed,end_known"
        )
    emit(df, format, columns, title=f"Mandate panel ({unit})")


@app.command("resolutions")
@_cli_errors
def resolutions_cmd(
    year: Annotated[int | None, typer.Option(help="adoption year")] = None,
    topic: Annotated[str | None, typer.Option(help="words in the agenda topic")] = None,
    operation: Annotated[str | None, typer.Option(help="resolutions in its mandate")] = None,
    format: Format = "table",
    columns: Columns = None,
) -> None:
    """List Security Council resolutions (1946-2026 index)."""
    df = api.resolutions(year=year, topic=topic, operation=operation)
    emit(
        df,
        format,
        columns or ("number,date,meeting,topic,vote" if format == "table" else None),
        title="Security Council resolutions",
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
) -> None:
    """How each Council member voted, 2000-2026 (one row per resolution x member)."""
    df = api.votes(resolution=resolution, member=member, year=year, operation=operation)
    emit(
        df,
        format,
        columns or (VOTE_COLUMNS if format == "table" else None),
        title="Council votes by member",
    )


CONSENT_COLUMNS = "operation,event_date,event,actor,response_resolution,document,verification"
TIMELINE_COLUMNS = "operation,date,kind,event,actor,resolution,document,verification"


@app.command("consent")
@_cli_errors
def consent_cmd(
    operation: Annotated[str | None, typer.Option(help="acronym: its timeline")] = None,
    format: Format = "table",
    columns: Columns = None,
) -> None:
    """Host requests to end, reduce or restrict UN operations, and the Council's answers."""
    if operation is None:
        df, shown, title = api.consent_events(), CONSENT_COLUMNS, "Host consent events"
    else:
        df, shown = api.consent_timeline(operation), TIMELINE_COLUMNS
        title = f"{operation}: consent events and mandate history"
    emit(df, format, columns or (shown if format == "table" else None), title=title)


DRAFT_COLUMNS = "draft,date,agenda_item,outcome,vetoed_by,yes,no,abstain,operation"


@app.command("drafts")
@_cli_errors
def drafts_cmd(
    operation: Annotated[str | None, typer.Option(help="drafts naming it (acronym)")] = None,
    year: Annotated[int | None, typer.Option(help="year of the vote")] = None,
    format: Format = "table",
    columns: Columns = None,
) -> None:
    """Vetoed and failed draft resolutions, 1946-2025, with the operations they name."""
    df = api.failed_drafts(operation=operation, year=year)
    emit(
        df,
        format,
        columns or (DRAFT_COLUMNS if format == "table" else None),
        title="Failed draft resolutions",
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
) -> None:
    """Who supplies each operation's uniformed personnel, 2010-2021 (shared data)."""
    df = api.contributors(operation=operation, year=year, by=by)
    if format == "table":
        df = df.assign(share=df["share"].round(4))
    emit(
        df,
        format,
        columns or (CONTRIBUTOR_COLUMNS.get(by) if format == "table" else None),
        title="Uniformed personnel by contributor",
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
) -> None:
    """Run one read-only SELECT on the register's DuckDB store."""
    emit(api.sql(query, timeout=timeout, max_rows=max_rows), format, columns)


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
def report_cmd(out: Annotated[Path, typer.Option(help="output folder")] = Path("report")) -> None:
    """Write the self-contained HTML report (index.html) into OUT."""
    typer.echo(f"wrote {api.build_report(out)}")


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
def versions_cmd(format: Format = "table") -> None:
    """List sources, their versions and the tables that use them."""
    df = api.versions()
    emit(df, format, title=f"bluehelmet {api.__version__} · data {df.attrs['data_hash']}")


@app.command("codebook")
@_cli_errors
def codebook_cmd(
    table: Annotated[
        str | None, typer.Argument(help="packaged table, panel unit or coded table")
    ] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="md, csv or json")] = "md",
) -> None:
    """A table's codebook (column, type, unit, allowed values, coverage, source, meaning);
    without TABLE, the tables that have one."""
    from bluehelmet import codebook

    options.check("--format", format, ("md", "csv", "json"))
    if table is None:
        for name in codebook.codebook_tables():
            typer.echo(name)
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
) -> None:
    """List the GW state list with ISO3 and COW codes, or convert codes between them."""
    if not codes:
        emit(api.country_codes(), format, columns, title="Gleditsch–Ward states, ISO3 and COW")
        return
    if source == "iso3":  # names and GW numbers too, each to its ISO3 (or did-you-mean)
        from bluehelmet.register.lookup import resolve_country

        codes = [resolve_country(code, date=date) for code in codes]
    with _warnings_as_lines():
        out = api.convert_country(codes, source, target, date=date, strict=strict)  # type: ignore[arg-type]
    import pandas as pd

    emit(pd.DataFrame({source: codes, target: out}), format, columns)


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


def _emit_noted(df: pd.DataFrame, format: str, columns: str | None, title: str) -> None:
    """Emit a frame and say its ``attrs['note']`` on stderr."""
    if "note" in df.attrs:
        typer.echo(f"note: {df.attrs['note']}", err=True)
    emit(df, format, columns, title=title)


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
) -> None:
    """Unanimous, abstained, voted against: mandate resolutions vs the others (`contestation`)."""
    df = api.contestation(by=by, start=start, end=end)
    emit(df, format, columns, title=f"Contestation of peace-operation mandates by {by}")


@contestation_app.command("agreement")
@_cli_errors
def contestation_agreement_cmd(
    start: FromYear = None, end: ToYear = None, format: Format = "table", columns: Columns = None
) -> None:
    """How often each pair of permanent members voted alike, per year 2000-2026."""
    df = api.p5_agreement(start=start, end=end)
    emit(df, format, columns, title="P5 pairwise agreement")


@contestation_app.command("vetoes")
@_cli_errors
def contestation_vetoes_cmd(
    by: Annotated[str, typer.Option(help=", ".join(options.allowed(options.VetoesBy)))] = "member",
    format: Format = "table",
    columns: Columns = None,
) -> None:
    """Vetoed drafts 1946-2022 by permanent member, topic, year or decade."""
    _emit_noted(api.vetoes_by(by), format, columns, title=f"Vetoes by {by}")


@contestation_app.command("content")
@_cli_errors
def contestation_content_cmd(format: Format = "table", columns: Columns = None) -> None:
    """Contested vs unanimous mandates 2000-2026: Chapter VII, force, PoC, human rights, length."""
    title = "Contested and unanimous mandates"
    _emit_noted(api.contestation_content(), format, columns, title=title)


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
) -> None:
    """Precision, recall and F1 per code against hand labels, 1946–1994 and 2000–2026 apart."""
    scores = api.evaluate_coder(gold, corpus or []).round(3)
    emit(scores, format, title="Coder against the gold labels")


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
) -> None:
    """List where the machine coding disagrees with the register and the UN's Chapter VII marker."""
    emit(
        api.audit_register(corpus or []),
        format,
        title="Machine coding vs the register and the UN's marker",
    )


@mandates_app.command("check")
@_cli_errors
def mandates_check_cmd(
    operation: Annotated[str | None, typer.Option(help="acronym")] = None,
    unexplained: Annotated[bool, typer.Option(help="only exceptions without a reason")] = False,
    format: Format = "table",
    columns: Columns = None,
) -> None:
    """List exceptions to mandate continuity: order, gaps, late renewals (reason: explained)."""
    df = api.mandate_exceptions(operation=operation)
    open_ = df[df["reason"].fillna("") == ""]
    emit(open_ if unexplained else df, format, columns, title="Mandate continuity exceptions")
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
    out: Annotated[Path, typer.Option(help="CSV file to write")],
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
    """Build a panel from the shared sources (Bara–Hultman, UCDP, IPI) and write it as CSV."""
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
def panel_sources_cmd(format: Format = "table", columns: Columns = None) -> None:
    """List the sources `panel build --source` joins: units, shared-data files, verb, columns."""
    emit(api.panel_sources(), format, columns, title="Panel sources")


@panel_app.command("share")
@_cli_errors
def panel_share_cmd(
    by: Annotated[
        str | None, typer.Option(help=" or ".join(options.allowed(options.ShareBy)))
    ] = None,
    format: Format = "table",
) -> None:
    """Share of UN deployment-months in intrastate conflicts with a non-UN partner present."""
    if by is not None:
        options.check("by", by, options.ShareBy)
    emit(api.partner_share(api.panel(), by=by), format, title=api.PARTNER_DEFINITION)


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
        list[Path] | None,
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
) -> None:
    """Find reused language: pairs, families, shares, genealogy (`bluehelmet reuse SOURCE...`)."""
    files, problems = api.run_reuse(
        sources or None, out, min_jaccard=min_jaccard, n=ngram, fmt=fmt, candidates=candidates,
        stream=stream, batch_size=batch_size, progress=False if quiet else None,
        engine=engine, master=master,
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
    out: Annotated[Path | None, typer.Option(help="write it to a .csv or .json file")] = None,
) -> None:
    """Force clause of each mandate aligned with the previous mandate's: repeated or changed."""
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
    _emit_or_write(df, format, columns, out, title)


def _emit_or_write(
    df: pd.DataFrame, format: str, columns: str | None, out: Path | None, title: str
) -> None:
    """Show ``df`` (``emit``) or write it to ``out`` (.csv or .json)."""
    if out is not None:
        from bluehelmet import output

        shown = output.select_columns(df, columns)
        typer.echo(f"wrote {output.write_table(shown, out, output.excel_safe())}: {len(df)} rows")
        return
    emit(df, format, columns, title=title)


@reuse_app.command("force-sources")
@_cli_errors
def reuse_force_sources_cmd(
    format: Format = "table",
    columns: Columns = None,
    out: Annotated[Path | None, typer.Option(help="write it to a .csv or .json file")] = None,
) -> None:
    """Each force clause's best earlier clause from another operation (copied/adapted/none)."""
    df = api.force_sources()
    if format == "table" and columns is None:
        columns = (
            "operation,resolution,date,source_operation,source_resolution,carried,relation,"
            "overall_operation,overall_resolution"
        )
    _emit_or_write(df, format, columns, out, "Best earlier force clause of another operation")


@reuse_app.command("force-templates")
@_cli_errors
def reuse_force_templates_cmd(
    top: Annotated[
        int | None, typer.Option(help="only the N largest cells, as rows (source, target)")
    ] = None,
    format: Format = "table",
    columns: Columns = None,
    out: Annotated[Path | None, typer.Option(help="write it to a .csv or .json file")] = None,
) -> None:
    """Source operations x target operations: clauses whose best other-operation source is
    the source's (copied or adapted)."""
    from bluehelmet.reuse.templates import template_cells

    matrix = api.force_templates()
    if top is not None:
        if top < 1:
            raise api.UsageError("--top: give a positive number of cells")
        df = template_cells(matrix, top)
    else:
        df = matrix.reset_index()
    _emit_or_write(df, format, columns, out, "Force clause templates between operations")


@reuse_app.command("force-formulas")
@_cli_errors
def reuse_force_formulas_cmd(
    per_year: Annotated[
        bool, typer.Option(help="one row per formula x year (1995-1999: NA, gap)")
    ] = False,
    format: Format = "table",
    columns: Columns = None,
    out: Annotated[Path | None, typer.Option(help="write it to a .csv or .json file")] = None,
) -> None:
    """Named force formulas in every operative paragraph: first appearance, use per year."""
    df = api.force_formulas(per_year=per_year)
    if format == "table" and columns is None and not per_year:
        columns = "formula,first_resolution,first_date,first_operations,resolutions,operations,note"
    _emit_or_write(df, format, columns, out, "Force formulas in the texts available")


CARRYOVER_SHARES = ("share_previous", "share_other_mandates", "share_other_earlier", "share_new")


@reuse_app.command("carryover")
@_cli_errors
def reuse_carryover_cmd(
    operation: Annotated[str | None, typer.Option(help="acronym")] = None,
    format: Format = "table",
    columns: Columns = None,
    out: Annotated[Path | None, typer.Option(help="write it to a .csv or .json file")] = None,
) -> None:
    """Share of each mandate's operative text from the previous mandate, other operations'
    mandates, other earlier texts, or new (1995-1999: no texts, empty)."""
    from bluehelmet.reuse.carryover import corpus_carryover

    df = corpus_carryover(operation)
    if format == "table":
        df = df.round({c: 3 for c in CARRYOVER_SHARES})
        if columns is None:
            columns = ",".join(["operation", "resolution", "date", "previous_resolution", "text",
                                *CARRYOVER_SHARES])  # fmt: skip
    _emit_or_write(df, format, columns, out, "Operative text carried over at each mandate")


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
