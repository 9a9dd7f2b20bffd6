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


#: Resolution of PNG files, in dots per inch (print quality).
PNG_DPI = 300


def figure_format(out: Path) -> str:
    """The format ``out`` asks for (``png``, ``svg`` or ``pdf``); its folder must exist.

    >>> figure_format(Path("/nowhere/f.png"))
    Traceback (most recent call last):
    bluehelmet.errors.UsageError: /nowhere/f.png: folder /nowhere does not exist; create it first
    """
    fmt = FORMATS.get(out.suffix.lower())
    if fmt is None:
        raise UsageError(f"{out}: unknown figure format {out.suffix!r}; use .png, .svg or .pdf")
    if not out.parent.is_dir():
        raise UsageError(f"{out}: folder {out.parent} does not exist; create it first")
    return fmt


def save_figure(fig: Figure, out: Path) -> Path:
    """Write ``fig`` to ``out`` (PNG at 300 dpi, SVG or PDF by suffix, into an existing folder),
    atomically and without timestamps.

    >>> import tempfile, pathlib
    >>> from matplotlib.figure import Figure
    >>> save_figure(Figure(), pathlib.Path(tempfile.mkdtemp()) / "f.svg").suffix
    '.svg'
    """
    fmt = figure_format(out)
    with atomic_path(out) as tmp, matplotlib.rc_context(_STABLE):  # type: ignore[arg-type]
        fig.savefig(tmp, format=fmt, metadata=_NO_DATES[fmt], dpi=PNG_DPI, bbox_inches="tight")
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
