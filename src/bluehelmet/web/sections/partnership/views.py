"""What the partnership pages and API show: partner shares with their definition, deployment
configurations, personnel per conflict, and the conflict-month model (presentation only; the
numbers come from ``bluehelmet.panels`` and ``bluehelmet.models``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from bluehelmet.errors import NotFoundError
from bluehelmet.figures.partnership import partner_deaths_spec
from bluehelmet.models.results import CLUSTER_NOTE
from bluehelmet.options import ShareBy, check
from bluehelmet.panels.conflict_months import KINDS
from bluehelmet.panels.conflict_months import ORGS as ORG_TYPES
from bluehelmet.panels.describe import PARTNER_DEFINITION, configurations, partner_share
from bluehelmet.web.cache import locked_cache
from bluehelmet.web.sections.partnership.charts import personnel_chart, predicted_chart, share_bars
from bluehelmet.web.sections.partnership.data import partnership_data, partnership_model
from bluehelmet.web.tables import records

PANEL_SOURCE = (
    "Source: Bara & Hultman (2020) UN and non-UN personnel per conflict-month (key "
    "bara_hultman_2020), UCDP/PRIO Armed Conflict Dataset 20.1 (ucdp_acd_20_1) for conflicts, "
    "regions and intrastate status, via bluehelmet.panel(). Personnel are NA outside 1993–2016."
)
MODEL_SOURCE = (
    "Source: bluehelmet.estimate_partnership() (conflict-month): Bara & Hultman (2020) "
    "personnel, HKS (2014) layout battle deaths (hks_2014) on UCDP conflict ids, Africa "
    "1993–2011; NB2 with conflict fixed effects, conflict-clustered standard errors; "
    "predictions from 1,000 simulations of the clustered covariance."
)
MONTH_COLUMNS = [
    "date", *(f"{o}_{k}" for o in ORG_TYPES for k in KINDS), "status", "battle_deaths",
]  # fmt: skip


def share_table(by: str | None = None) -> pd.DataFrame:
    """UN deployment-months, those with a non-UN partner and the share: overall (``group`` =
    "all") or per ``year`` or ``region``.

    >>> share_table("nope")
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: unknown by 'nope'; use year, region
    """
    if by is not None:
        check("by", by, ShareBy)
    return partner_share(partnership_data().panel, by=by)


def configuration_table() -> pd.DataFrame:
    """Conflict-months by deployment status and the handovers each way.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     configuration_table()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    return configurations(partnership_data().panel)


def _share_chart(table: pd.DataFrame, by: str, label: str) -> Any:
    names = [str(v) for v in table[by]]
    anchors = [f"{by}-{n.replace(' ', '-')}" for n in names]
    return share_bars(
        names, table["with_partner"].tolist(), table["un_months"].tolist(), anchors, label
    )


@locked_cache()
def _overview(folder: str) -> dict[str, Any]:
    overall = share_table().iloc[0]
    by_region = share_table("region")
    by_year = share_table("year")
    return {
        "overall": {
            "with_partner": int(overall["with_partner"]),
            "un_months": int(overall["un_months"]),
            "share": float(overall["share"]),
        },
        "definition": PARTNER_DEFINITION,
        "by_region": records(by_region),
        "by_year": records(by_year),
        "region_chart": _share_chart(by_region, "region", "Partner share by UCDP region"),
        "year_chart": _share_chart(by_year, "year", "Partner share by year"),
        "configurations": records(configuration_table()),
        "conflicts": records(conflicts()),
        "source": PANEL_SOURCE,
    }


def overview() -> dict[str, Any]:
    """The partnership page: partner share overall, by region and year, configurations.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     overview()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    return _overview(partnership_data().folder)


def conflicts() -> pd.DataFrame:
    """Conflicts with peacekeepers in the panel, by UCDP id.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     conflicts()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    return partnership_data().conflicts


def conflict_number(raw: str) -> int:
    """The UCDP conflict id in a URL segment, or NotFoundError when no conflict with
    peacekeepers has it.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     conflict_number("382")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    known = set(conflicts()["conflict_id"])
    if raw.isascii() and raw.isdigit() and len(raw) <= 9 and int(raw) in known:
        return int(raw)
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    raise NotFoundError(
        f"no conflict {shown!r} with peacekeepers in the panel; the list is at "
        "/partnership/conflicts"
    )


def conflict_months(conflict_id: int) -> pd.DataFrame:
    """One conflict's panel months: personnel by organisation type and kind, status, deaths.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     conflict_months(382)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    data = partnership_data().panel.data
    rows = data[data["conflict_id"] == conflict_id].sort_values("date")
    return rows[MONTH_COLUMNS].reset_index(drop=True)


def conflict_view(conflict_id: int) -> dict[str, Any]:
    """One conflict's page: its row, the stacked personnel chart and the months.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     conflict_view(382)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    table = conflicts()
    row = records(table[table["conflict_id"] == conflict_id])[0]
    months = conflict_months(conflict_id)
    return {
        "conflict": row,
        "chart": personnel_chart(months, row["name"]),
        "months": records(months),
        "columns": MONTH_COLUMNS,
        "conflicts": records(table),
        "source": PANEL_SOURCE,
    }


def model_table() -> pd.DataFrame:
    """Coefficients with conflict-clustered standard errors, z, p and 95% intervals; the NB2
    dispersion alpha as the last row (its clustered SE, no test).

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     model_table()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    fit = partnership_model().fit
    table = fit.tidy()
    if fit.alpha is not None:
        se = fit.alpha_se_cluster if fit.vcov_cluster is not None else fit.alpha_se
        alpha = {"term": "alpha", "estimate": fit.alpha, "std_error": se}
        table = pd.concat([table, pd.DataFrame([alpha])], ignore_index=True)
    return table.astype({c: float for c in table.columns if c != "term"})


def model_diagnostics() -> dict[str, Any]:
    """What the model table's footer says: sample, fixed effects, clustering, convergence.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     model_diagnostics()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    result = partnership_model()
    fit = result.fit
    return {
        "model": fit.model,
        "formula": fit.formula,
        "n": fit.n,
        "fixed_effects": fit.fe,
        "n_groups": fit.n_groups,
        "cluster": fit.cluster,
        "n_clusters": fit.n_clusters,
        "cluster_note": CLUSTER_NOTE,
        "converged": bool(fit.converged),
        "iterations": int(fit.iterations),
        "gradient_norm": float(fit.gradient_norm),
        "log_likelihood": float(fit.loglik),
        "aic": float(fit.aic),
        "dropped_missing": fit.n_dropped_missing,
        "dropped_groups": fit.n_dropped_groups,
        "dropped_group_rows": fit.n_dropped_group_rows,
        "partner_level": float(result.partner_level),
    }


def predictions() -> pd.DataFrame:
    """Predicted battle deaths over UN troop levels without and with a non-UN partner.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     predictions()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    return partnership_model().predictions.reset_index(drop=True)


def model_view() -> dict[str, Any]:
    """The model page: coefficient table, diagnostics, predicted-deaths chart and table.

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.dict("os.environ", {"BLUEHELMET_SHARED_DATA": tempfile.mkdtemp()}):
    ...     model_view()  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    bluehelmet.errors.NotFoundError: the partnership section needs deployments/...
    """
    result = partnership_model()
    pred = predictions()
    return {
        "coefficients": records(model_table().replace({np.nan: None})),
        "diagnostics": model_diagnostics(),
        "chart": predicted_chart(partner_deaths_spec(pred, result.un_term, result.non_un_term)),
        "predictions": records(pred),
        "un_term": result.un_term,
        "non_un_term": result.non_un_term,
        "source": MODEL_SOURCE,
    }
