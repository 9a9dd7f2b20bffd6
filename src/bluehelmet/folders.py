"""Replace a whole folder of outputs at once: write a new sibling folder, then swap it in.

A run writes into a hidden sibling ``.<name>.new-<id>``; only when it succeeds is the old
folder moved aside (``.<name>.old-<id>``), the new one renamed in and the old one removed.
A crash leaves the complete old or the complete new folder, plus hidden leftovers that the
next :func:`replaced_folder` on the same target cleans up (restoring the old folder if the
crash fell between the two renames). One run per target folder at a time.
"""

from __future__ import annotations

import glob
import os
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _leftovers(target: Path, kind: str) -> list[Path]:
    """Hidden ``new`` or ``old`` siblings of ``target`` left by earlier runs."""
    return sorted(target.parent.glob(f".{glob.escape(target.name)}.{kind}-*"))


def recover(target: Path) -> None:
    """Clean up after a crashed swap: restore a moved-aside old folder when ``target`` is
    missing, and remove every other hidden leftover.

    >>> import tempfile
    >>> base = Path(tempfile.mkdtemp())
    >>> (base / ".out.old-1").mkdir(); (base / ".out.new-2").mkdir()
    >>> recover(base / "out"); sorted(p.name for p in base.iterdir())
    ['out']
    """
    for old in _leftovers(target, "old"):
        if not target.exists():
            os.rename(old, target)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for new in _leftovers(target, "new"):
        shutil.rmtree(new, ignore_errors=True)


def _swap_in(new: Path, target: Path) -> None:
    """Move ``target`` aside, rename ``new`` to ``target``, then remove the old folder."""
    if not target.exists():
        os.rename(new, target)
        return
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex}")
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def replaced_folder(target: Path) -> Iterator[Path]:
    """Yield a new empty folder beside ``target``; on success it replaces ``target`` whole,
    on an exception it is removed and ``target`` is left as it was.

    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp()) / "out"
    >>> with replaced_folder(out) as new:
    ...     _ = (new / "a.csv").write_text("x\\n")
    >>> sorted(p.name for p in out.iterdir())
    ['a.csv']
    """
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    recover(target)
    new = target.with_name(f".{target.name}.new-{uuid.uuid4().hex}")
    new.mkdir()
    try:
        yield new
        _swap_in(new, target)
    finally:
        shutil.rmtree(new, ignore_errors=True)
