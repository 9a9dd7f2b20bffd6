"""Read the vetoed draft resolutions of the World Politics Datalab veto list (1946–2022)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bluehelmet.errors import DataFormatError
from bluehelmet.register.vocab import VETO_MEMBERS

SOURCE = "vetoes_datalab"
COLUMNS = ("date", "draft", "meeting", "agenda_item", "topic", "region", "vetoed_by", "source")
MEMBER_COLUMNS = ("member_veto1", "member_veto2", "member_veto3")
_RENAME = {"meeting_record": "meeting", "crisis_topic": "topic"}
_NEEDED = ("date", "draft", "meeting_record", "agenda_item", "crisis_topic", "region")


def vetoed_by(members: list[str | None], where: str = "") -> str:
    """The ``;``-list of members that vetoed, sorted, from the member columns of one row.

    >>> vetoed_by(["USA", "UK", None])
    'UK;USA'
    """
    found = sorted({m.strip() for m in members if isinstance(m, str) and m.strip()})
    unknown = [m for m in found if m not in VETO_MEMBERS]
    if unknown or not found:
        raise DataFormatError(f"{where}: vetoing members {found} not in {VETO_MEMBERS}")
    return ";".join(found)


def _dates(raw: pd.Series, name: str) -> pd.Series:
    parsed = pd.to_datetime(raw, format="%m/%d/%Y", errors="coerce")
    if parsed.isna().any():
        i = int(parsed.isna().to_numpy().nonzero()[0][0])
        raise DataFormatError(f"{name} line {i + 2}: date {raw.iloc[i]!r} is not M/D/YYYY")
    return parsed.dt.strftime("%Y-%m-%d")


def read_vetoes(path: str | Path) -> pd.DataFrame:
    """One row per vetoed draft, columns of ``vetoes.csv``, in date order.

    ``vetoed_by`` comes from ``member_veto1..3`` (the 0/1 member columns of the source
    are incomplete, e.g. France is missing from the 1976–1981 triple vetoes).

    >>> import tempfile
    >>> f = Path(tempfile.mkdtemp()) / "v.csv"
    >>> _ = f.write_text("date,draft,meeting_record,agenda_item,crisis_topic,region,"
    ...     "member_veto1,member_veto2,member_veto3\\n"
    ...     "10/19/1976,S/12211,S/PV.1963,Namibia,Namibia,Southern Africa,France,UK,USA\\n")
    >>> read_vetoes(f).iloc[0][["date", "vetoed_by"]].tolist()
    ['1976-10-19', 'France;UK;USA']
    """
    path = Path(path)
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise DataFormatError(f"{path.name}: cannot read as CSV ({exc})") from None
    missing = [c for c in (*_NEEDED, *MEMBER_COLUMNS) if c not in raw.columns]
    if missing:
        raise DataFormatError(f"{path.name} line 1: missing columns {missing}")
    df = raw[list(_NEEDED)].rename(columns=_RENAME)
    for col in df.columns:
        df[col] = df[col].str.strip()
    df["date"] = _dates(df["date"], path.name)
    members = raw[list(MEMBER_COLUMNS)].to_numpy().tolist()
    df["vetoed_by"] = [vetoed_by(m, f"{path.name} line {i + 2}") for i, m in enumerate(members)]
    df["source"] = SOURCE
    df = df.sort_values("date", kind="stable").reset_index(drop=True)
    return df[list(COLUMNS)].astype("string")
