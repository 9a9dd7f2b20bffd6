"""Write a table as CSV, JSON, Parquet or Stata (``.dta``), chosen by the file's suffix.

Parquet files carry the codebook in their metadata when one is given: each field's meaning
and unit (``description``, ``unit``) and the table's codebook, name, sources and the
bluehelmet version (keys ``bluehelmet.*``).

Stata files are version 118 (Stata 14 and later: UTF-8, long strings as strL), with
booleans as 0/1 bytes, whole-number columns as integers (missing stays missing), dates as
Stata dates (``%td``), value labels for categorical columns and variable labels (at most
80 characters). Column names are made Stata-valid by :func:`stata_names`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import pandas as pd

from bluehelmet.errors import UsageError
from bluehelmet.files import atomic_path
from bluehelmet.options import FileFormat, allowed, check

#: File suffixes a table can be written to, and the format of each.
SUFFIXES = {f".{fmt}": fmt for fmt in allowed(FileFormat)}
#: Longest string Stata stores as ``str#``; longer ones become ``strL``.
STATA_STR_MAX = 2045
#: Longest Stata variable name and variable label.
STATA_NAME_MAX = 32
STATA_LABEL_MAX = 80
#: Words Stata keeps for itself: a column so named gets a leading underscore.
# fmt: off
STATA_RESERVED = frozenset((
    "aggregate", "array", "boolean", "break", "byte", "case", "catch", "class", "colvector",
    "complex", "const", "continue", "default", "delegate", "delete", "do", "double", "else",
    "eltypedef", "end", "enum", "explicit", "export", "external", "float", "for", "friend",
    "function", "global", "goto", "if", "in", "inline", "int", "local", "long", "NULL",
    "pragma", "protected", "quad", "rowvector", "short", "str", "strL", "typedef", "typename",
    "virtual", "_all", "_N", "_skip", "_b", "_pi", "_pred", "_coef", "_cons", "_se", "_n",
    "_rc", "using", "with",
))
# fmt: on
_NOT_NAME = re.compile(r"[^A-Za-z0-9_]")
_STR_TYPE = re.compile(r"str\d+")


def file_format(path: Path) -> str:
    """The format ``path``'s suffix asks for (csv, json, parquet, dta), or a UsageError.

    >>> file_format(Path("panel.DTA"))
    'dta'
    """
    suffix = path.suffix.lower()
    check("file suffix", suffix, tuple(SUFFIXES))
    return SUFFIXES[suffix]


def stata_name(column: object) -> str:
    """``column`` as a Stata variable name: characters other than letters, digits and ``_``
    become ``_``; a leading digit or a reserved word gets a leading ``_``; at most 32
    characters.

    >>> stata_name("share (%)"), stata_name("2019"), stata_name("in")
    ('share____', '_2019', '_in')
    """
    name = _NOT_NAME.sub("_", str(column)) or "_"
    if name[0].isdigit() or name in STATA_RESERVED or _STR_TYPE.fullmatch(name):
        name = "_" + name
    return name[:STATA_NAME_MAX]


def stata_names(columns: Sequence[object]) -> dict[str, str]:
    """Each column's Stata name (:func:`stata_name`); a UsageError when two columns would
    share one.

    >>> stata_names(["a b", "c"])
    {'a b': 'a_b', 'c': 'c'}
    """
    names = {str(c): stata_name(c) for c in columns}
    seen: dict[str, str] = {}
    for column, name in names.items():
        if name in seen:
            raise UsageError(
                f"columns {seen[name]!r} and {column!r} both become Stata variable {name!r}; "
                "rename one before writing a .dta file"
            )
        seen[name] = column
    return names


def _whole(values: pd.Series) -> bool:
    """Whether a float column holds only whole numbers Stata keeps exactly (NaN aside)."""
    present = values.dropna()
    return bool(len(present)) and bool(
        ((present % 1 == 0) & (present.abs() <= 2_147_483_620)).all()
    )


def _too_long(values: pd.Series) -> bool:
    """Whether a text column has a value over Stata's ``str#`` limit (in UTF-8 bytes)."""
    if not pd.api.types.is_string_dtype(values.dtype):
        return False
    return bool(values.dropna().map(lambda v: len(v.encode("utf-8"))).gt(STATA_STR_MAX).any())


def _labelled(values: pd.Series, allowed: Sequence[str]) -> pd.Series:
    """``values`` as a categorical of ``allowed`` (in order), or a UsageError naming strays."""
    present = values.dropna().astype(str)
    strays = sorted(set(present) - set(allowed))
    if strays:
        raise UsageError(
            f"column {values.name!r} has values outside its value labels: {', '.join(strays[:5])}"
        )
    codes = pd.Categorical(values.astype("string"), categories=list(allowed))
    return pd.Series(codes, index=values.index, name=values.name)


def stata_frame(
    df: pd.DataFrame, value_labels: Mapping[str, Sequence[str]] | None = None
) -> tuple[pd.DataFrame, dict[str, str]]:
    """``df`` ready for :meth:`pandas.DataFrame.to_stata` and the Stata date format of each
    date column: booleans as 0/1 bytes, whole-number floats as integers, ``value_labels``
    columns (column -> allowed values in order) as labelled categories, other text as
    strings with ``""`` for missing (as Stata has it).

    >>> frame, dates = stata_frame(pd.DataFrame({"ok": [True, None], "n": [2.0, None],
    ...     "d": pd.to_datetime(["2000-01-31", None])}))
    >>> [str(t) for t in frame.dtypes], dates
    (['Int8', 'Int32', 'datetime64[s]'], {'d': 'td'})
    """
    out = df.reset_index(drop=True).copy()
    dates: dict[str, str] = {}
    for column in out.columns:
        values = out[column]
        if column in (value_labels or {}):
            out[column] = _labelled(values, (value_labels or {})[column])
        elif isinstance(values.dtype, pd.CategoricalDtype):
            out[column] = values.cat.rename_categories(str)
        elif pd.api.types.infer_dtype(values, skipna=True) == "boolean":
            out[column] = values.astype("boolean").astype("Int8")
        elif pd.api.types.is_float_dtype(values.dtype) and _whole(values):
            out[column] = values.astype("Int32")
        elif pd.api.types.is_datetime64_any_dtype(values.dtype):
            clock = values.dropna()
            dates[column] = "td" if (clock == clock.dt.normalize()).all() else "tc"
            out[column] = values.astype("datetime64[s]")
        elif not pd.api.types.is_numeric_dtype(values.dtype):
            out[column] = values.astype("string").fillna("")  # Stata's missing text is ""
    return out, dates


def write_stata(
    df: pd.DataFrame,
    path: Path,
    variable_labels: Mapping[str, str] | None = None,
    value_labels: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Write ``df`` to ``path`` as a version-118 Stata file (see the module's docstring).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "t.dta"
    >>> write_stata(pd.DataFrame({"n": [1]}), path, {"n": "a count"})
    >>> pd.io.stata.StataReader(path).variable_labels()
    {'n': 'a count'}
    """
    names = stata_names(list(df.columns))
    frame, dates = stata_frame(df, value_labels)
    labels = {
        names[str(c)]: str(text)[:STATA_LABEL_MAX]
        for c, text in (variable_labels or {}).items()
        if str(c) in names
    }
    frame.columns = [names[str(c)] for c in frame.columns]
    long_text = [c for c in frame.columns if _too_long(frame[c])]
    frame.to_stata(
        path,
        version=118,
        write_index=False,
        convert_dates={names[c]: kind for c, kind in dates.items()},
        variable_labels=labels,
        convert_strl=long_text,
    )


def whole_counts(df: pd.DataFrame, counts: Iterable[str]) -> pd.DataFrame:
    """``df`` with each decimal column named in ``counts`` that holds only whole numbers as a
    nullable integer (``Int64``, missing stays missing): files show ``1234``, not ``1234.0``.

    >>> df = pd.DataFrame({"n": [2.0, None], "share": [0.5, 1.0], "x": [1.0, 2.0]})
    >>> whole_counts(df, ["n", "share"]).dtypes.astype(str).tolist()
    ['Int64', 'float64', 'float64']
    """
    whole = [
        column
        for column in counts
        if column in df.columns
        and pd.api.types.is_float_dtype(df[column].dtype)
        and bool((df[column].dropna() % 1 == 0).all())
    ]
    return df.astype(dict.fromkeys(whole, "Int64"))


def write_parquet(
    df: pd.DataFrame,
    path: Path,
    fields: Mapping[str, Mapping[str, str]] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> None:
    """Write ``df`` to ``path`` as Parquet, with ``fields`` (column -> key -> text) as each
    field's Arrow metadata and ``metadata`` (key -> text) beside pandas' own in the table's.

    >>> import tempfile, pyarrow.parquet as pq
    >>> path = Path(tempfile.mkdtemp()) / "t.parquet"
    >>> write_parquet(pd.DataFrame({"n": [1]}), path, {"n": {"unit": "votes"}}, {"k": "v"})
    >>> schema = pq.read_schema(path)
    >>> schema.field("n").metadata, schema.metadata[b"k"]
    ({b'unit': b'votes'}, b'v')
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    given = fields or {}
    described = [
        f.with_metadata(dict(given[f.name])) if f.name in given else f for f in table.schema
    ]
    schema = pa.schema(described, metadata={**(table.schema.metadata or {}), **(metadata or {})})
    pq.write_table(table.cast(schema), path)


def write_any(
    df: pd.DataFrame,
    path: Path,
    *,
    variable_labels: Mapping[str, str] | None = None,
    value_labels: Mapping[str, Sequence[str]] | None = None,
    codebook: str | None = None,
    fields: Mapping[str, Mapping[str, str]] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> list[Path]:
    """Write ``df`` atomically as CSV, JSON, Parquet or Stata, by ``path``'s suffix; with a
    ``codebook`` (Markdown), also ``<stem>.codebook.md`` beside it. Returns the files written.

    Labels go into Stata files only (:func:`write_stata`); ``fields`` (column -> key -> text),
    ``metadata`` (key -> text) and the codebook (key ``bluehelmet.codebook``) into Parquet
    files only (:func:`write_parquet`); CSV follows ``--excel-safe``.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> written = write_any(pd.DataFrame({"a": [1]}), folder / "t.parquet", codebook="# t")
    >>> [p.name for p in written], pd.read_parquet(written[0]).a.tolist()
    (['t.parquet', 't.codebook.md'], [1])
    """
    from bluehelmet.output import for_csv, render

    fmt = file_format(path)
    with atomic_path(path) as tmp:
        if fmt == "csv":
            for_csv(df).to_csv(tmp, index=False, lineterminator="\n", date_format="%Y-%m-%d")
        elif fmt == "json":
            tmp.write_text(render(df, "json") or "", encoding="utf-8")
        elif fmt == "parquet":
            with_book = {} if codebook is None else {"bluehelmet.codebook": codebook}
            write_parquet(df, tmp, fields, {**(metadata or {}), **with_book})
        else:
            write_stata(df, tmp, variable_labels, value_labels)
    if codebook is None:
        return [path]
    book = path.with_suffix(".codebook.md")
    with atomic_path(book) as tmp:
        tmp.write_text(codebook, encoding="utf-8")
    return [path, book]


def _described(book: pd.DataFrame, table: str) -> tuple[dict[str, dict[str, str]], dict[str, str]]:
    """A codebook's Parquet metadata: each column's meaning and unit, and the table's name,
    sources, bluehelmet version and the columns' descriptions as JSON (for readers that
    show no field metadata)."""
    from bluehelmet import __version__

    fields = {
        row.column: {"description": row.meaning, **({"unit": row.unit} if row.unit else {})}
        for row in book.itertuples()
    }
    sources = {key for text in book["source"] for key in text.split("; ") if key}
    metadata = {
        "bluehelmet.table": table,
        "bluehelmet.sources": "; ".join(sorted(sources)),
        "bluehelmet.version": __version__,
        "bluehelmet.columns": json.dumps(fields, ensure_ascii=False),
    }
    return fields, metadata


def write_documented(df: pd.DataFrame, path: Path, table: str) -> list[Path]:
    """:func:`write_any` with ``table``'s codebook (:mod:`bluehelmet.codebook`) written beside
    the file; counts as integers (:func:`whole_counts`); in Stata files its variable and value
    labels, in Parquet files its meanings, units and codebook (:func:`write_parquet`).

    >>> import tempfile
    >>> import bluehelmet as bh
    >>> out = Path(tempfile.mkdtemp()) / "ops.dta"
    >>> written = write_documented(bh.operations(), out, "operations")
    >>> reader = pd.io.stata.StataReader(written[0])
    >>> reader.variable_labels()["org"], "org" in reader.value_labels()
    ('leading organisation', True)
    """
    from bluehelmet.codebook import (
        codebook,
        codebook_markdown,
        count_columns,
        value_labels,
        variable_labels,
    )

    file_format(path)  # a bad suffix fails before the codebook is built
    df = whole_counts(df, count_columns(table))
    present = set(df.columns)
    values = {
        column: [labels[code] for code in sorted(labels)]
        for column, labels in value_labels(table).items()
        if column in present
    }
    names = {c: label for c, label in variable_labels(table).items() if c in present}
    fields, metadata = _described(codebook(table, data=df), table)
    return write_any(
        df,
        path,
        variable_labels=names,
        value_labels=values,
        codebook=codebook_markdown(table, data=df),
        fields=fields,
        metadata=metadata,
    )
