"""Which years the explorer's corpus covers, and the boilerplate formulas it leaves out.

The yearly table is :func:`bluehelmet.reuse.coverage.yearly` of the explorer's engine run
(texts per year against the resolutions adopted, gap years, repetition index and novelty);
the formulas are :func:`bluehelmet.reuse.boilerplate.formula_families` of its boilerplate
pairs. Both are computed once per corpus state.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from bluehelmet.web.sections.reuse.data import reuse_data
from bluehelmet.web.tables import records

#: Shown in every measure of a year without texts, never a zero.
NO_TEXTS = "no texts"
#: The measures of a yearly row on the page.
MEASURES = ("coverage", "repetition_index", "ci_low", "ci_high", "novelty_median",
            "novelty_q25", "novelty_q75")  # fmt: skip


def yearly_table() -> pd.DataFrame:
    """Per year and kind of document: texts, adopted, coverage, gap and the year's measures
    (gap years: NA measures); NotFoundError without a corpus.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     yearly_table().empty
    True
    """
    return reuse_data().tables.yearly


def formula_table() -> pd.DataFrame:
    """The boilerplate formulas, one row per formula and era, biggest first within each era;
    NotFoundError without a corpus.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_CORPUS": tempfile.mkdtemp()}):
    ...     list(formula_table().columns)[:3]
    ['era', 'formula', 'size']
    """
    return reuse_data().tables.boilerplate_families


def yearly_rows(table: pd.DataFrame) -> list[dict[str, Any]]:
    """The yearly ``table``'s rows for the page, measures to three decimals: a gap year's
    texts and measures read :data:`NO_TEXTS`, never 0.

    >>> t = pd.DataFrame({"year": [1995], "n_docs": [0], "gap": [True]}
    ...     | {m: [None] for m in MEASURES})
    >>> row = yearly_rows(t)[0]
    >>> row["n_docs"], row["novelty_median"]
    ('no texts', 'no texts')
    """
    rows = records(table.round(3))
    for row in rows:
        if row["gap"]:
            row.update(dict.fromkeys(("n_docs", *MEASURES), NO_TEXTS))
    return rows
