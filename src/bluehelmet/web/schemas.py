"""Response models of the JSON API, built from the register's table schemas (one definition)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, create_model

from bluehelmet.register.schema import columns

KINDS: dict[str, type] = {"str": str, "int": int, "bool": bool, "date": date, "list": str}


def table_model(table: str, name: str, only: tuple[str, ...] = ()) -> type[BaseModel]:
    """A model with one field per column of a packaged table (nullable columns optional),
    or per column in ``only``.

    >>> sorted(table_model("countries", "Country").model_fields)
    ['gwno', 'iso3', 'name', 'source']
    """
    fields: dict[str, Any] = {}
    for col in columns(table):
        if only and col.name not in only:
            continue
        kind = KINDS[col.kind]
        fields[col.name] = (kind | None, None) if col.nullable else (kind, ...)
    return create_model(name, **fields)


Operation = table_model("operations", "Operation")
MandateEvent = table_model("mandate_events", "MandateEvent")
Resolution = table_model("resolutions", "Resolution")
SourceVersion = table_model(
    "sources", "SourceVersion", ("key", "title", "version", "year", "url", "licence", "tables")
)

#: List types for response models (the models are built at run time, hence the ignores).
Operations = list[Operation]  # type: ignore[valid-type]
MandateEvents = list[MandateEvent]  # type: ignore[valid-type]
Resolutions = list[Resolution]  # type: ignore[valid-type]

OperationDetail = create_model(
    "OperationDetail",
    operation=(Operation, ...),
    events=(MandateEvents, ...),
    partners=(Operations, ...),
    panels=(list[str], ...),
)
ResolutionDetail = create_model(
    "ResolutionDetail",
    resolution=(Resolution, ...),
    events=(MandateEvents, ...),
    coded=(dict[str, list[dict[str, Any]]] | None, None),
)


class Message(BaseModel):
    """An error: ``message`` is one line; ``detail`` is that line or the list of bad fields."""

    detail: Any
    message: str


class Versions(BaseModel):
    """Which data the API serves."""

    package: str
    data_hash: str
    as_of: date
    sources: list[SourceVersion]  # type: ignore[valid-type]


class MandateCount(BaseModel):
    """Newly authorised UN missions in civil wars entering the count in one year, by basis."""

    year: int
    chapter_vi: int
    chapter_vii: int
    shift_vi_to_vii: int
    basis_not_coded: int


class MandateMission(BaseModel):
    """One mission behind a bar of the mandates figure."""

    year: int
    operation: str
    resolution: int
    category: str


class MandateFigure(BaseModel):
    """The numbers behind the mandates figure and the missions behind each bar."""

    start: int
    end: int
    counts: list[MandateCount]
    missions: list[MandateMission]
