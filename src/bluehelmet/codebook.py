"""Codebooks of the packaged tables, the panels and the coder's tables, from their declarations.

The meanings, kinds, units and allowed values are declared once: packaged tables in
``register.schema.TABLES``, panels in ``panels.build.UNIT_COLUMNS`` and
``panels.sources.SOURCES``, coded tables in ``coding.code``. Coverage (non-missing share,
minimum and maximum) and the source keys are computed from the data: coded tables' from the
texts ``bluehelmet code`` codes by default (``BLUEHELMET_CORPUS``, else the shared texts).
data/README.md's column tables and docs/codebook.md are generated from here (``make codebook``;
tests check both).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, get_args

from bluehelmet.errors import NotFoundError, UsageError
from bluehelmet.options import CodedTable, PanelUnit
from bluehelmet.paths import folder_state

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from bluehelmet.register.schema import Col

#: Markers around the generated column table of each section of data/README.md.
_README_TABLE = re.compile(r"^## (\w+)\.csv.*?\n\n(\|.*?)(?=\n\n|\n*\Z)", re.M | re.S)
_CODED_NOTE = "One row per {what} of the texts coded (`bluehelmet code`, `bh.code_corpus`)."
_CODED_WHAT = {"resolution": "resolution", "paragraphs": "operative paragraph", "evidence": "span"}
#: Units of measurement that count things (whole numbers): a column in one is written as
#: integers (``bluehelmet.export.write_documented``).
COUNT_UNITS = frozenset(
    ("personnel", "person-months", "months", "days", "deaths", "votes", "missions", "countries",
     "sites")
)  # fmt: skip


def codebook_tables() -> list[str]:
    """Every table with a codebook: packaged tables, panel units, then coded tables.

    >>> [t in codebook_tables() for t in ("votes", "mission-month", "evidence")]
    [True, True, True]
    """
    from bluehelmet.register.schema import TABLES

    return [*TABLES, *get_args(PanelUnit), *get_args(CodedTable)]


def _check_table(table: str) -> None:
    import difflib

    tables = codebook_tables()
    if table not in tables:
        close = difflib.get_close_matches(table, tables, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise UsageError(
            f"no codebook for table {table!r}; {hint}`bluehelmet codebook` lists the tables"
        )


def declared(table: str) -> tuple[Col, ...]:
    """The declared columns of ``table`` (panels: the unit's columns, then every source's).

    >>> [c.name for c in declared("country-month")][:2]
    ['iso3', 'date']
    """
    from bluehelmet.register.schema import TABLES, Col

    _check_table(table)
    if table in TABLES:
        return TABLES[table]
    if table in get_args(PanelUnit):
        from bluehelmet.panels.build import COLUMN_UNITS, UNIT_COLUMNS
        from bluehelmet.panels.sources import SOURCES

        meanings = dict(UNIT_COLUMNS[table])  # type: ignore[index]
        units = dict(COLUMN_UNITS)
        for source in SOURCES.values():
            if table in source.units:
                meanings.update(source.columns)
                units.update(source.column_units)
        return tuple(
            Col(name, kind="", meaning=meaning, unit=units.get(name, ""))
            for name, meaning in meanings.items()
        )
    else:
        from bluehelmet.coding import code

        meanings = {
            "resolution": code.RESOLUTION_MEANINGS,
            "paragraphs": code.PARAGRAPH_MEANINGS,
            "evidence": code.EVIDENCE_MEANINGS,
        }[table]
    return tuple(Col(name, kind="", meaning=meaning) for name, meaning in meanings.items())


def count_columns(table: str) -> tuple[str, ...]:
    """The columns of ``table`` that count things: declared ``int`` or in a count unit
    (:data:`COUNT_UNITS`). Exports write them as integers when they hold whole numbers.

    >>> "un_troops" in count_columns("conflict-month"), "troops_mean" in count_columns(
    ...     "operation-year")
    (True, False)
    """
    return tuple(c.name for c in declared(table) if c.kind == "int" or c.unit in COUNT_UNITS)


def _keys(table: str) -> tuple[str, ...]:
    from bluehelmet.panels.panel import KEYS as PANEL_KEYS
    from bluehelmet.register.schema import KEYS

    if table in PANEL_KEYS:
        return PANEL_KEYS[table]
    return KEYS.get(table, ())


def table_data(table: str) -> pd.DataFrame | None:
    """The data the coverage is computed from: the packaged table; the panel built with every
    source of its unit from the shared data (None without it), its counts as integers as
    exports write them; a coded table: the coder's rows for :func:`coded_corpus` (None
    without one).

    >>> len(table_data("sources")) > 10
    True
    """
    _check_table(table)
    if table in get_args(CodedTable):
        folders = coded_corpus()
        return _coded(folder_state(folders))[table] if folders else None
    return _stored_data(table)


def coded_corpus() -> tuple[Path, ...]:
    """The texts coded tables' coverage comes from: those ``bluehelmet code`` codes by default
    (``BLUEHELMET_CORPUS``, else the shared texts; empty when neither exists).

    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": "/tmp"}):
    ...     coded_corpus()
    (PosixPath('/tmp'),)
    """
    from bluehelmet.paths import default_corpus

    return default_corpus()


@lru_cache(maxsize=2)
def _coded(state: tuple[tuple[str, int], ...]) -> dict[str, pd.DataFrame]:
    """The coder's tables for the folders of ``state`` (read once per state)."""
    from bluehelmet.coding.batch import code_folders

    _, coded = code_folders([folder for folder, _ in state])
    return {table: getattr(coded, table) for table in get_args(CodedTable)}


@lru_cache(maxsize=8)
def _stored_data(table: str) -> pd.DataFrame | None:
    from bluehelmet.register.schema import TABLES

    if table in TABLES:
        from bluehelmet.register.load import read_table

        return read_table(table)
    if table in get_args(PanelUnit):
        import warnings

        from bluehelmet.panels.build import panel
        from bluehelmet.panels.sources import SOURCES

        sources = [s.key for s in SOURCES.values() if table in s.units]
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                built = panel(table, start="1946-01", end="2026-12", sources=sources)  # type: ignore[arg-type]
        except NotFoundError:
            return None
        from bluehelmet.export import whole_counts

        return whole_counts(built.data, count_columns(table))  # as exports write them
    return None


def _place(folder: Path) -> str:
    """A corpus folder as the notes name it: relative to the shared data when inside it."""
    from bluehelmet.paths import shared_data_dir

    try:
        return folder.resolve().relative_to(shared_data_dir().resolve()).as_posix()
    except ValueError:
        return str(folder)


def _coded_coverage(resolutions: pd.DataFrame) -> str:
    """Which texts the coded tables' coverage comes from: how many, where, which years."""
    from bluehelmet.coding.summary import text_coverage
    from bluehelmet.documents.coverage import ranges_text
    from bluehelmet.paths import configured_corpus

    folders = coded_corpus()
    where = ", ".join(f"`{_place(f)}`" for f in folders)
    where = (
        f"`BLUEHELMET_CORPUS` ({where})" if configured_corpus() else f"the shared texts ({where})"
    )
    pairs = zip(resolutions["resolution"], resolutions["year"], strict=True)
    years = text_coverage((int(n), int(y)) for n, y in pairs)
    if resolutions.empty:
        return f"Coverage: no resolution was read from {where}."
    first, last = int(resolutions["year"].min()), int(resolutions["year"].max())
    years = years[years["year"].between(first, last)]
    none = ranges_text(years.loc[years["with_text"] == 0, "year"].astype(int))
    texts = ranges_text(years.loc[years["with_text"] > 0, "year"])
    return (
        f"Coverage: the texts `bluehelmet code` codes by default, {where}: "
        f"{len(resolutions):,} of the {years['adopted'].sum():,} resolutions adopted "
        f"{first}–{last}, with texts for {texts}" + (f", none for {none}." if none else ".")
    )


def coverage_note(table: str) -> str:
    """Where the coverage of a panel or coded table comes from, in a sentence (empty for a
    packaged table: its own rows).

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     coverage_note("paragraphs")  # doctest: +ELLIPSIS
    'Coverage: no resolution was read from `BLUEHELMET_CORPUS` (...).'
    """
    data = table_data(table)
    if table in get_args(PanelUnit):
        if data is None:
            return (
                "Coverage: none here, the panel needs the shared data (set "
                "`BLUEHELMET_SHARED_DATA`)."
            )
        return (
            "Coverage: the panel built over 1946–2026 with every source of the unit "
            "(`bh.panel`); NA is missing, never 0."
        )
    if table in get_args(CodedTable):
        if data is None:
            return (
                "Coverage: depends on the texts coded, and none were found here (set "
                "`BLUEHELMET_CORPUS` to folders of texts, or `BLUEHELMET_SHARED_DATA`); the "
                "codebook written beside an export gives its rows' coverage."
            )
        return _coded_coverage(table_data("resolution"))
    return ""


def _kind(series: pd.Series) -> str:
    import pandas as pd

    if pd.api.types.is_bool_dtype(series):
        return "bool"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    if pd.api.types.is_datetime64_any_dtype(series):
        return "date"
    return "str"


def _shown(value: object) -> str:
    import pandas as pd

    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _filled(series: pd.Series) -> pd.Series:
    """``series`` with empty strings as missing (a CSV writes both as an empty cell)."""
    if series.dtype == bool or not series.eq("").any():
        return series
    return series.mask(series.eq(""))


def _range(series: pd.Series, kind: str) -> tuple[str, str]:
    values = series.dropna()
    if kind not in ("int", "float", "date") or values.empty:
        return "", ""
    return _shown(values.min()), _shown(values.max())


def _sources(data: pd.DataFrame, name: str) -> str:
    """The ``source`` keys of the rows where ``name`` is not missing."""
    keys = data.loc[data[name].notna(), "source"].dropna().str.split(";").explode()
    return "; ".join(sorted(set(keys)))


def _panel_source(table: str, name: str) -> str:
    from bluehelmet.panels.sources import SOURCES, UNIT_FILES

    for source in SOURCES.values():
        if name in source.columns:
            return source.key
    return "; ".join(f.stem for f in UNIT_FILES[table])  # type: ignore[index]


def _type(col: Col, table: str, data: pd.DataFrame | None) -> str:
    present = data is not None and col.name in data
    kind = col.kind or (_kind(data[col.name]) if present else "")  # type: ignore[index]
    if kind == "list":
        kind = "`;`-list"
    notes = [kind] if kind else []
    if col.name in _keys(table):
        notes.append("key")
    if col.unique:
        notes.append("unique")
    return ", ".join(notes)


def codebook(table: str, data: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per column of ``table``: type, unit, allowed values, coverage (non-missing share,
    minimum and maximum, from ``data`` or :func:`table_data`), source keys and meaning. Given
    ``data`` (an export's rows), only the declared columns it holds.

    >>> book = codebook("votes").set_index("column")
    >>> book.loc["vote", "allowed"], book.loc["date", "min"][:4]
    ('yes; no; abstain; absent', '2000')
    """
    import pandas as pd

    given = data is not None
    data = table_data(table) if data is None else data
    rows = []
    for col in declared(table):
        if given and col.name not in data:  # type: ignore[operator]
            continue
        series = _filled(data[col.name]) if data is not None and col.name in data else None
        share = float(series.notna().mean()) if series is not None and len(series) else None
        low, high = ("", "") if series is None else _range(series, col.kind or _kind(series))
        coverage = "" if share is None else f"{share:.1%} non-missing"
        if low:
            coverage += f"; {low} – {high}"
        if table in get_args(PanelUnit):
            source = _panel_source(table, col.name)
        elif table in get_args(CodedTable):
            source = "bluehelmet coder"
        elif data is not None and "source" in data and col.name in data:
            source = _sources(data, col.name)
        else:
            source = ""
        rows.append(
            {
                "column": col.name,
                "type": _type(col, table, data),
                "unit": col.unit,
                "allowed": "; ".join(col.allowed or ()),
                "coverage": coverage,
                "non_missing": share,
                "min": low,
                "max": high,
                "source": source,
                "meaning": col.meaning,
            }
        )
    columns = ["column", "type", "unit", "allowed", "coverage", "non_missing", "min", "max",
               "source", "meaning"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _allowed_type(col: Col) -> str:
    """A column's type as data/README.md shows it, e.g. "`a` / `b` or empty"."""
    kind = "`;`-list" if col.kind == "list" else col.kind
    if col.allowed:
        values = " / ".join(f"`{v}`" for v in col.allowed)
        kind = f"`;`-list of {values}" if col.kind == "list" else values
    if col.unique:
        kind += ", unique"
    return kind + (" or empty" if col.nullable else "")


def schema_table(table: str) -> str:
    """The column table of a packaged table in data/README.md: column, type, unit, meaning.

    >>> print(schema_table("votes").splitlines()[2])
    | resolution | int | | resolution number |
    """
    from bluehelmet.register.schema import TABLES

    rows = [[c.name, _allowed_type(c), c.unit, c.meaning] for c in TABLES[table]]
    return _markdown_table(["column", "type", "unit", "meaning"], rows).replace(" |  |", " | |")


def readme_with_tables(text: str) -> str:
    """data/README.md with each packaged table's column table regenerated from the schema.

    >>> readme_with_tables("## votes.csv — x\\n\\n| old |\\n").splitlines()[2]
    '| column | type | unit | meaning |'
    """
    return _README_TABLE.sub(
        lambda m: m.group(0).replace(m.group(2), schema_table(m.group(1))), text
    )


def _notes(table: str, given: bool) -> str:
    """A table's description and cleaning decisions (its data/README.md section's prose), and
    where its coverage comes from (``given``: an export's rows)."""
    from bluehelmet.paths import PACKAGE_DATA
    from bluehelmet.register.schema import TABLES

    if table in TABLES:
        section = (PACKAGE_DATA / "README.md").read_text().split(f"\n## {table}.csv", 1)[1]
        section = section.split("\n## ", 1)[0]
        title, _, body = section.partition("\n")
        prose = body.split("\n|", 1)[0].strip()
        return f"{title.strip(' —')}.\n\n{prose}".strip()
    if table in get_args(PanelUnit):
        from bluehelmet.panels.build import panel

        doc = " ".join((panel.__doc__ or "").split())
        found = re.search(rf"- ``{table}`` (.*?)(?= - ``|$)", doc)
        # the last unit's entry runs on into the docstring's closing notes and example
        described = re.split(r" ``sources``| >>>", found.group(1))[0] if found else ""
        return f"{table} panel {described} {coverage_note(table)}"
    note = _CODED_NOTE.format(what=_CODED_WHAT[table])
    return f"{note} {'Coverage: the rows exported.' if given else coverage_note(table)}"


_SHOWN = ["column", "type", "unit", "allowed", "coverage", "source", "meaning"]


def _summary(table: str, data: pd.DataFrame | None) -> str:
    """The line under a codebook's notes: its rows and key."""
    found = table_data(table) if data is None else data
    keys = ", ".join(_keys(table)) or "none"
    return f"Rows: {'computed on export' if found is None else len(found)}. Key: {keys}."


def codebook_markdown(table: str, data: pd.DataFrame | None = None) -> str:
    """The codebook of ``table`` as a Markdown document (written beside every export).

    >>> codebook_markdown("votes").splitlines()[0]
    '# Codebook: votes'
    """
    rows = codebook(table, data)[_SHOWN]
    lines = [
        f"# Codebook: {table}",
        "",
        _notes(table, given=data is not None),
        "",
        _summary(table, data),
        "",
        _markdown_table(list(rows.columns), rows.astype(str).values.tolist()),
        "",
    ]
    return "\n".join(lines)


def print_codebook(table: str, console: Console | None = None) -> None:
    """Print the codebook of ``table`` for a terminal: the notes wrapped to its width, then the
    columns as a table where they fit, else one block per column (fields empty in every
    column left out).

    >>> import io
    >>> from rich.console import Console
    >>> out = io.StringIO()
    >>> print_codebook("sources", Console(file=out, width=80))
    >>> lines = out.getvalue().splitlines()
    >>> lines[0], max(len(line) for line in lines)
    ('Codebook: sources', 80)
    """
    from rich.console import Console
    from rich.markdown import Markdown

    from bluehelmet.terminal import print_table

    console = console or Console()
    book = codebook(table)[_SHOWN]
    console.print(f"Codebook: {table}", style="bold", highlight=False)
    console.print(Markdown(f"{_notes(table, given=False)}\n\n{_summary(table, None)}"))
    print_table(book.loc[:, (book != "").any()], console=console)


def variable_labels(table: str) -> dict[str, str]:
    """Each column's label for Stata (its meaning, at most 80 characters, no Markdown).

    >>> variable_labels("votes")["permanent"]
    'one of the five permanent members'
    """
    labels = {}
    for col in declared(table):
        text = col.meaning.replace("`", "") or col.name
        labels[col.name] = text if len(text) <= 80 else text[:79].rsplit(" ", 1)[0] + "…"
    return labels


def value_labels(table: str) -> dict[str, dict[int, str]]:
    """Value labels of the categorical columns (allowed values, numbered from 1 in the schema's
    order); ``;``-list columns have none.

    >>> value_labels("council_members")["seat"]
    {1: 'permanent', 2: 'elected'}
    """
    return {
        col.name: dict(enumerate(col.allowed, start=1))
        for col in declared(table)
        if col.allowed and col.kind != "list"
    }


def codebook_document() -> str:
    """docs/codebook.md: every table's codebook, generated (``make codebook``).

    >>> codebook_document().startswith("# Codebooks")
    True
    """
    intro = (
        "# Codebooks\n\nGenerated from the declarations (`bluehelmet.codebook`; regenerate "
        "with `make codebook`): one section per packaged table, panel unit and coded table. "
        "`bluehelmet codebook TABLE` prints one; every export writes its codebook beside it.\n"
    )
    sections = [codebook_markdown(t).replace("# Codebook: ", "## ", 1) for t in codebook_tables()]
    return intro + "\n" + "\n".join(sections)
