"""Host consent: the host government's requests to end, reduce or restrict a UN operation and
the Council's answers, each quoted from the resolution that records it.

A quote is one passage, or several joined by `` […] ``; it is verified when every passage is
found verbatim (whitespace normalised) in the resolution's text. A host letter's symbol and
date, where the table gives them, must be in the quote too.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bluehelmet.errors import ValidationError
from bluehelmet.register.query import _typed, resolve_acronym
from bluehelmet.store import query

if TYPE_CHECKING:
    import pandas as pd

GAP = " […] "
_LETTER = re.compile(r"^S/\d{4}/\d+$")


def normalise(text: str) -> str:
    """Text with every run of whitespace as one space.

    >>> normalise(" Decides\\n to  terminate ")
    'Decides to terminate'
    """
    return " ".join(text.split())


def missing_passages(quote: str, text: str) -> list[str]:
    """The passages of ``quote`` (split at `` […] ``) not found verbatim in ``text``.

    >>> missing_passages("Decides to extend […] until 2010", "1. Decides to extend it until 2010;")
    []
    >>> missing_passages("Decides to end", "1. Decides to extend")
    ['Decides to end']
    """
    body = normalise(text)
    return [p for p in (normalise(p) for p in quote.split(GAP.strip())) if p not in body]


def date_in_quote(day: date, quote: str, year: int | None) -> bool:
    """Whether ``quote`` gives ``day`` ("4 October 2005", "1st September, 2023"); the year may
    be left out when it is the resolution's ``year``.

    >>> date_in_quote(date(2010, 3, 3), "the letter dated 3 March (S/2010/115)", 2010)
    True
    """
    month = day.strftime("%B")
    found = re.search(rf"\b{day.day}(?:st|nd|rd|th)? {month}\b,? ?(\d{{4}})?", quote, re.I)
    if found is None:
        return False
    return int(found.group(1)) == day.year if found.group(1) else year == day.year


def resolution_texts(shared: Path) -> dict[int, tuple[date | None, str]]:
    """Number → (adoption date, text) of every resolution text in the shared folder: the UN's
    XML 2000–2026 (number and date read from inside the XML) and the 1946–1994 text files."""
    from bluehelmet.documents.read import read_resolution

    texts: dict[int, tuple[date | None, str]] = {}
    unsc = shared / "unsc"
    files = sorted((unsc / "akn_2000_2026" / "resolutions").glob("*/*.xml"))
    files += sorted((unsc / "resolutions_en_1946_1994").glob("*.txt"))
    for path in files:
        res = read_resolution(path)
        if res.kind == "resolution" and res.number is not None:
            texts[res.number] = (res.date, res.text)
    return texts


def problems(row: pd.Series, texts: dict[int, tuple[date | None, str]]) -> list[str]:
    """What is wrong with one consent event (empty when its quote checks out)."""
    import pandas as pd

    where = f"{row['operation']} {row['event']}"
    if row["verification"] != "text":
        return [] if pd.isna(row["quote"]) else [f"{where}: unverified row with a quote"]
    number = row["response_resolution"]
    if pd.isna(number) or pd.isna(row["quote"]):
        return [f"{where}: verification 'text' needs response_resolution and quote"]
    if int(number) not in texts:
        return [f"{where}: no text of resolution {int(number)} in the shared data"]
    adopted, text = texts[int(number)]
    found = [
        f"{where}: not in resolution {int(number)}: {p!r}"
        for p in missing_passages(row["quote"], text)
    ]
    document = row["document"]
    if isinstance(document, str) and _LETTER.match(document) and document not in row["quote"]:
        found.append(f"{where}: document {document} is not in the quote")
    when = row["event_date"]
    year = adopted.year if adopted else None
    if not pd.isna(when) and not date_in_quote(when.date(), row["quote"], year):
        found.append(f"{where}: event_date {when.date()} is not in the quote")
    return found


def build_consent_events(
    curated: pd.DataFrame, texts: dict[int, tuple[date | None, str]]
) -> pd.DataFrame:
    """The packaged table: the curated rows with ``response_date`` read from each resolution's
    text; ValidationError listing every quote, symbol or date the texts do not bear out."""
    import pandas as pd

    found = [p for _, row in curated.iterrows() for p in problems(row, texts)]
    if found:
        raise ValidationError("consent_events: " + "; ".join(found))
    out = curated.copy()
    dates = [
        texts.get(int(n), (None, ""))[0] if not pd.isna(n) else None
        for n in out["response_resolution"]
    ]
    out.insert(
        out.columns.get_loc("document"),
        "response_date",
        pd.to_datetime(pd.Series(dates, dtype="object")),
    )
    return out


def read_curated(path: Path) -> pd.DataFrame:
    """The curated rows (data-raw/curated/consent_events.csv): every column but
    ``response_date``, typed."""
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    df["event_date"] = pd.to_datetime(df["event_date"], format="%Y-%m-%d")
    df["response_resolution"] = pd.to_numeric(df["response_resolution"]).astype("Int64")
    return df


def consent_events(operation: str | None = None) -> pd.DataFrame:
    """Host requests and restrictions and the Council's answers, optionally of one operation.

    >>> e = consent_events("MINUSMA")
    >>> e["event"].tolist(), int(e["response_resolution"].iloc[0])
    (['request_withdrawal', 'council_termination'], 2690)
    """
    where, params = "TRUE", []
    if operation is not None:
        where, params = "operation = ?", [resolve_acronym(operation)]
    sql = f"""SELECT * FROM consent_events WHERE {where}
              ORDER BY operation, coalesce(event_date, response_date) NULLS LAST,
                       response_resolution, actor DESC"""
    return _typed(query(sql, params), "consent_events")


def consent_timeline(operation: str) -> pd.DataFrame:
    """An operation's consent events beside its mandate history, in date order (``kind``:
    mandate or consent; undated events last).

    >>> t = consent_timeline("UNMIS")
    >>> t.iloc[-2:][["kind", "event"]].values.tolist()
    [['consent', 'council_termination'], ['mandate', 'terminate']]
    """
    acronym = resolve_acronym(operation)
    sql = """
        SELECT * FROM (
            SELECT 'consent' AS kind, coalesce(event_date, response_date) AS date, event, actor,
                   response_resolution AS resolution, description, document, verification,
                   0 AS rank
            FROM consent_events WHERE operation = ?
            UNION ALL
            SELECT 'mandate', date, event, 'Council', resolution, NULL,
                   'S/RES/' || resolution || ' (' || year(date) || ')', verification, 1
            FROM mandate_events WHERE operation = ?)
        ORDER BY date NULLS LAST, rank, resolution"""
    df = query(sql, [acronym, acronym]).drop(columns="rank")
    df.insert(0, "operation", acronym)
    df["resolution"] = df["resolution"].astype("Int64")
    return df
