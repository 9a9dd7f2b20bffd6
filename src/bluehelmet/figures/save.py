"""Save a figure deterministically in the format its file name asks for."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from bluehelmet.errors import UsageError
from bluehelmet.files import atomic_path

FORMATS = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
_STABLE: dict[str, Any] = {"svg.hashsalt": "bluehelmet", "svg.fonttype": "path"}
_NO_DATES = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}


def save_figure(fig: Figure, out: Path) -> Path:
    """Write ``fig`` to ``out`` (PNG, SVG or PDF by suffix), atomically and without timestamps.

    >>> import tempfile, pathlib
    >>> from matplotlib.figure import Figure
    >>> save_figure(Figure(), pathlib.Path(tempfile.mkdtemp()) / "f.svg").suffix
    '.svg'
    """
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(f"{out}: unknown figure format {out.suffix!r}; use .png, .svg or .pdf")
    with atomic_path(out) as tmp, matplotlib.rc_context(_STABLE):  # type: ignore[arg-type]
        fig.savefig(tmp, format=fmt, metadata=_NO_DATES[fmt], dpi=150, bbox_inches="tight")
    return out


def figure_svg(fig: Figure) -> str:
    """The figure as an inline ``<svg>`` element, with stable ids.

    >>> from matplotlib.figure import Figure
    >>> figure_svg(Figure()).startswith("<svg")
    True
    """
    buf = io.StringIO()
    with matplotlib.rc_context(_STABLE):  # type: ignore[arg-type]
        fig.savefig(buf, format="svg", metadata=_NO_DATES["svg"], bbox_inches="tight")
    text = buf.getvalue()
    return text[text.index("<svg") :]
