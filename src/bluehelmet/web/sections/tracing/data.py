"""The bundled process-tracing cases for the web, traced once per process.

Only bundled cases are served: a case id from a request is looked up among the rows of
``bundled_cases()`` and its file taken from the package's own case folder, so no request
ever names a file.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.tracing.bundled import bundled_cases
from bluehelmet.tracing.load import bundled_files, load_case
from bluehelmet.tracing.trace import Trace, trace


def cases_available() -> bool:
    """Whether any bundled case file is there (cheap: lists the package's case folder).

    >>> cases_available()
    True
    """
    return bool(bundled_files())


@lru_cache(maxsize=1)
def _bundled() -> pd.DataFrame:
    return bundled_cases()


def _file_of(case_id: str) -> Path:
    cases = _bundled()
    found = cases[(cases["id"] == case_id) & (cases["problem"] == "")]
    if found.empty:
        known = ", ".join(cases.loc[cases["problem"] == "", "id"])
        shown = case_id if len(case_id) <= 40 else case_id[:40] + "…"
        raise NotFoundError(f"no bundled case {shown!r}; the cases are {known}")
    return bundled_files()[Path(str(found["file"].iloc[0])).stem]


@lru_cache(maxsize=64)
def case_trace(case_id: str) -> Trace:
    """The trace of one bundled case by its id; NotFoundError for any other id.

    >>> case_trace("sierra-leone-1999").case.info.links.resolutions[-2]
    1270
    """
    return trace(load_case(_file_of(case_id)))


def _ranking_holds(case_id: str, problem: str) -> object:
    if problem:
        return pd.NA
    return bool(case_trace(case_id).sensitivity.holds["ranking_holds"].all())


@lru_cache(maxsize=1)
def case_list() -> pd.DataFrame:
    """The bundled cases (``bundled_cases()``) with ``ranking_holds``: whether every ordering
    of the hypotheses survives every sensitivity check.

    >>> case_list().set_index("id").loc["sierra-leone-1999", "leader"]
    'constructivist'
    """
    cases = _bundled().copy()
    holds = [_ranking_holds(i, p) for i, p in zip(cases["id"], cases["problem"], strict=True)]
    cases.insert(7, "ranking_holds", pd.array(holds, dtype="boolean"))
    return cases
