"""A process-tracing case report in Markdown, self-contained HTML or JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import jinja2
import pandas as pd

from bluehelmet.figures.save import figure_svg
from bluehelmet.figures.trace import posterior_path_figure, posterior_path_spec
from bluehelmet.files import atomic_path
from bluehelmet.layout import html_table
from bluehelmet.options import TraceFormat, allowed, check
from bluehelmet.tracing.defaults import VAN_EVERA
from bluehelmet.tracing.trace import Trace

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("bluehelmet.report", "templates"),
    autoescape=jinja2.select_autoescape(["html"]),
    keep_trailing_newline=True,
)
_MD = jinja2.Environment(autoescape=False, keep_trailing_newline=True, trim_blocks=True)
_MD_TEMPLATE = """\
# {{ info.title }}

Case `{{ case.id }}` · file `{{ file }}`

**Outcome.** {{ info.outcome | trim }}
{% if info.question %}

**Question.** {{ info.question | trim }}
{% endif %}
{% if links.resolutions or links.operations or links.meetings %}

**Linked.**{% if links.resolutions %} resolutions {{ links.resolutions | join(", ") }};{% endif %}
{% if links.operations %} operations {{ links.operations | join(", ") }};{% endif %}
{% if links.meetings %} meetings {{ links.meetings | join(", ") }}{% endif %}

{% endif %}
{% if info.note %}

*{{ info.note | trim }}*
{% endif %}

## Result

{% if leader %}
Leading hypothesis: **{{ leader_label }}** (`{{ leader }}`), posterior {{ leader_posterior }}.
{% else %}
No single leading hypothesis: the top posteriors are tied.
{% endif %}

{{ table(result) }}

`woe_db`: the whole ledger's weight of evidence for the hypothesis, in decibans
(10 log10 of posterior odds over prior odds).

## Evidence ledger

One row per item; `counted` is false for a group member whose likelihoods were not used
(a dependence group counts once). `p_<hypothesis>` is P(E|H).

{{ table(ledger) }}

{% for item in items %}
- **{{ item.id }}** ({{ item.citation }}{% if item.date %}, {{ item.date }}{% endif %}\
{% if item.actor %}, {{ item.actor }}{% endif %}): {{ item.description | trim }}\
{% if item.judgement %} *Judgement:* {{ item.judgement | trim }}{% endif %}

{% endfor %}

## Posterior path

{{ table(path) }}

### Weight of evidence per step (decibans)

10 log10 of P(E|H) over P(E|not H), where P(E|not H) mixes the rivals' likelihoods
weighted by their probabilities before the step.

{{ table(woe) }}

## Predictions and evidence

{{ table(matrix) }}

## Sensitivity

{% for line in sentences %}
- {{ line }}
{% endfor %}
{% if hinges | length %}

The result hinges on these evidence units (moving their likelihoods alone within the
ranges changes the leader or the ranking):

{{ table(hinges) }}
{% else %}

No single evidence unit changes the leader or the ranking when moved within its ranges.
{% endif %}

## Method

Bayes' rule over the whole rival set: after each evidence unit every hypothesis's
probability is multiplied by P(E|H) and all are renormalised. Van Evera tests give
P(E|H) when passed / failed: {% for test, pair in van_evera.items() %}{{ test }} \
{{ pair[0] }} / {{ pair[1] }}{{ "; " if not loop.last else "." }}{% endfor %}

See docs/tracing.md for the defaults and the sensitivity checks.
"""


def _num(value: object, digits: int = 3) -> object:
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if math.isinf(value):
            return "+inf" if value > 0 else "-inf"
        return f"{value:.{digits}f}"
    return value


def _shown(df: pd.DataFrame, digits: int = 3) -> pd.DataFrame:
    return df.astype(object).map(lambda v: _num(v, digits))


def _woe_table(t: Trace) -> pd.DataFrame:
    wide = t.path[t.path["step"] > 0].pivot(index=["step", "unit"], columns="hypothesis")
    woe = wide["woe_db"][t.case.hypothesis_ids].reset_index().rename_axis(columns=None)
    return woe.astype({h: float for h in t.case.hypothesis_ids})


def _sentences(t: Trace) -> list[str]:
    s = t.sensitivity
    holds = s.holds.set_index("kind")
    leader = t.leader

    def verdict(kind: str) -> str:
        row = holds.loc[kind]
        n = row["settings"]
        if n == 0:
            return "nothing to check (no hypothesis is ahead of another)"
        lead = (
            "the leader holds in all of them"
            if row["leader_holds"]
            else f"the leader changes in {row['leader_changes']}"
        )
        rank = (
            "the full ranking holds in all"
            if row["ranking_holds"]
            else f"the ranking changes in {row['ranking_changes']}"
        )
        return f"{n} worst-case settings; {lead}; {rank}"

    lines = [
        f"Likelihoods moved one evidence unit at a time within ±{s.likelihood_delta:g} "
        f"(clipped to [0, 1]; ranges given in the file win): {verdict('likelihood')}.",
        f"Each prior scaled within [1/{s.prior_factor:g}, {s.prior_factor:g}] and "
        f"renormalised (the odds between two hypotheses move up to {s.prior_factor**2:g} times): "
        f"{verdict('prior')}.",
        f"All likelihoods moved at once against each ordering: {verdict('joint')}.",
    ]
    if leader is not None:
        lines.append(
            f"The prior odds against {leader} would have to grow {_num(s.breakeven_factor, 2)}"
            " times for the runner-up to catch up."
        )
        lines.append(
            "No shift of every likelihood against the leader (up to 1) changes it."
            if s.flip_delta is None
            else f"Shifting every likelihood by {s.flip_delta:g} against the leader changes it."
        )
    return lines


def _context(t: Trace) -> dict[str, Any]:
    case, info = t.case, t.case.info
    leader = t.leader
    result = t.result.set_index("hypothesis")
    hinges = t.sensitivity.hinges
    return {
        "case": case,
        "file": Path(case.marks.name).name,
        "info": info,
        "links": info.links,
        "leader": leader,
        "leader_label": case.label(leader) if leader else "",
        "leader_posterior": _num(result.loc[leader, "posterior"]) if leader else "",
        "result": _shown(t.result),
        "ledger": _shown(t.ledger.drop(columns=["description", "judgement"])),
        "items": t.case.evidence,
        "path": _shown(t.posteriors()),
        "woe": _shown(_woe_table(t), 1),
        "matrix": t.matrix,
        "sentences": _sentences(t),
        "hinges": _shown(hinges[hinges["flips_leader"] | hinges["changes_ranking"]]),
        "van_evera": VAN_EVERA,
    }


def _md_table(df: pd.DataFrame) -> str:
    def cell(value: object) -> str:
        return " ".join(str(value).split()).replace("|", r"\|")

    lines = ["| " + " | ".join(map(cell, df.columns)) + " |", "|" + "---|" * len(df.columns)]
    lines += ["| " + " | ".join(map(cell, row)) + " |" for row in df.itertuples(index=False)]
    return "\n".join(lines)


def _markdown(t: Trace) -> str:
    return _MD.from_string(_MD_TEMPLATE).render(**_context(t), table=_md_table)


def _html(t: Trace) -> str:
    labels = {h.id: str(h.label) for h in t.case.hypotheses}
    svg = figure_svg(posterior_path_figure(posterior_path_spec(t.posteriors(), labels)))
    return _ENV.get_template("trace.html").render(**_context(t), table=html_table, path_svg=svg)


def _json(t: Trace) -> str:
    return json.dumps(t.to_dict(), indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def render_trace(t: Trace, fmt: str = "md") -> str:
    """The case report as Markdown (``md``), self-contained HTML (``html``) or ``json``.

    >>> from bluehelmet.tracing import trace
    >>> from bluehelmet.tracing.demo import demo_case
    >>> render_trace(trace(demo_case())).splitlines()[0]
    '# A made-up case'
    """
    renderers = {"md": _markdown, "html": _html, "json": _json}
    check("format", fmt, TraceFormat)
    return renderers[fmt](t)


def write_trace_report(t: Trace, out: Path, fmt: str | None = None) -> Path:
    """Write the report to ``out`` (format from ``fmt`` or the suffix .md/.html/.json).

    >>> import tempfile, pathlib
    >>> from bluehelmet.tracing import trace
    >>> from bluehelmet.tracing.demo import demo_case
    >>> write_trace_report(trace(demo_case()), pathlib.Path(tempfile.mkdtemp()) / "t.html").name
    't.html'
    """
    if fmt is None:
        check("file suffix", out.suffix.lower(), [f".{f}" for f in allowed(TraceFormat)])
        fmt = out.suffix.lstrip(".").lower()
    text = render_trace(t, fmt)
    with atomic_path(out) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return out
