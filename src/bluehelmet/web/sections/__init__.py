"""Extension points: optional sections of the site and optional panels on an operation's page.

A :class:`Section` is a part of the site with its own pages (reuse explorer, partnership
panels, process-tracing cases): it is listed in the navigation and on the home page only while
``available()`` says its data exists, and its routers (pages, API) are mounted by
``create_app``. An
:class:`OperationPanel` adds a block (chart, table, source line) to every operation page where
``build(acronym)`` returns data; a :class:`ResolutionPanel` does the same on resolution pages.
The lists in ``bluehelmet.web.registry`` say which are on (``create_app`` takes other lists too).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd
from fastapi import APIRouter
from markupsafe import Markup


@dataclass(frozen=True)
class Section:
    """An optional part of the site: its link, a line for the home page and its routes."""

    key: str
    title: str
    path: str
    summary: str
    available: Callable[[], bool]
    routers: tuple[APIRouter, ...] = field(compare=False)  # routers are not hashable


@dataclass(frozen=True)
class PanelContent:
    """What an operation panel shows: a chart, its data table and where the data come from."""

    chart: Markup | None
    table: pd.DataFrame
    source: str
    note: str = ""


@dataclass(frozen=True)
class OperationPanel:
    """A block on the operation page; ``build`` returns None where it has no data."""

    key: str
    title: str
    build: Callable[[str], PanelContent | None]


@dataclass(frozen=True)
class ResolutionPanel:
    """A block on a resolution's page; ``build(number)`` returns None where it has no data."""

    key: str
    title: str
    build: Callable[[int], PanelContent | None]
