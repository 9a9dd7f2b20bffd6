"""Validate the whole register: every table's schema, then the cross-checks."""

from __future__ import annotations

import pandas as pd

from bluehelmet.errors import ValidationError
from bluehelmet.register.checks import CHECKS, Tables
from bluehelmet.register.load import read_table
from bluehelmet.register.schema import TABLES, check_schema


def load_register() -> Tables:
    """Read every packaged table.

    >>> {"countries", "gw_states", "votes"} <= set(load_register())
    True
    """
    return {name: read_table(name) for name in TABLES}


def register_problems(tables: Tables) -> pd.DataFrame:
    """Run the schemas and cross-checks; one row per problem (check, problem).

    >>> register_problems(load_register()).empty
    True
    """
    rows: list[tuple[str, str]] = []
    for name, df in tables.items():
        try:
            check_schema(df, name)
        except ValidationError as exc:
            rows.append(("schema", str(exc)))
    for check in CHECKS:
        rows += [(check.__name__, p) for p in check(tables)]
    return pd.DataFrame(rows, columns=["check", "problem"])


def validate_register(tables: Tables | None = None) -> None:
    """Raise ValidationError with the first problem (and the count) if the register is not sound.

    >>> validate_register()
    """
    problems = register_problems(tables if tables is not None else load_register())
    if len(problems):
        first = problems.iloc[0]
        raise ValidationError(
            f"{first['problem']} ({len(problems)} problem(s); run "
            "`bluehelmet validate` for the list)"
        )
