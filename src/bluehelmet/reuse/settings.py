"""How a reuse run is made: one frozen settings object whose options are checked once.

Both engines (:func:`~bluehelmet.reuse.engine.find_reuse` in memory and
:func:`~bluehelmet.reuse.stream.stream_reuse` in batches) take a :class:`ReuseSettings`
(or its fields as keyword options) and record it in their ``params``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from numbers import Integral, Real
from typing import Any

from bluehelmet.errors import UsageError
from bluehelmet.options import Backend, check
from bluehelmet.reuse.inputs import MAX_CHARS
from bluehelmet.reuse.lsh import MAX_BUCKET
from bluehelmet.reuse.verify import MIN_CONTAINMENT, MIN_JACCARD

#: Paragraphs with more words than this are left out (and reported).
MAX_TOKENS = 5000
#: Table formats a run can write.
_COUNTS = ("n", "num_perm", "bands", "max_bucket", "max_tokens", "max_chars")


@dataclass(frozen=True)
class ReuseSettings:
    """Shingles (word ``n``-grams), MinHash (``num_perm`` permutations, ``seed``) in ``bands``,
    thresholds of the exact check, the boilerplate threshold (``min_docs``, default
    max(20, 5% of documents)), limits (``max_bucket`` paragraphs per LSH bucket,
    ``max_tokens`` words and ``max_chars`` characters per paragraph) and where the LSH join
    runs (``candidates``: numpy or duckdb). ``eras`` are the first years of the boilerplate
    eras after the first (boilerplate is learned within each era; ``()``: one era); the
    default (None) starts a new era after every run of at least
    :data:`~bluehelmet.reuse.boilerplate.GAP_YEARS` years without any dated text.

    >>> ReuseSettings(bands=30)
    Traceback (most recent call last):
    ...
    bluehelmet.errors.UsageError: bands (30) must divide num_perm (128)
    """

    n: int = 5
    num_perm: int = 128
    bands: int = 32
    min_jaccard: float = MIN_JACCARD
    min_containment: float = MIN_CONTAINMENT
    seed: int = 1
    min_docs: int | None = None
    max_bucket: int = MAX_BUCKET
    max_tokens: int = MAX_TOKENS
    max_chars: int = MAX_CHARS
    candidates: Backend = "numpy"
    eras: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        check("candidates", self.candidates, Backend)
        if isinstance(self.eras, list):
            object.__setattr__(self, "eras", tuple(self.eras))
        for name in _COUNTS:
            _at_least(name, getattr(self, name), 1)
        _at_least("seed", self.seed, 0)
        if self.min_docs is not None:
            _at_least("min_docs", self.min_docs, 0)
        for name in ("min_jaccard", "min_containment"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, Real) or not 0 < float(value) <= 1:
                raise UsageError(f"{name} must be a number in (0, 1], got {value!r}")
        if self.eras is not None:
            _check_eras(self.eras)
        if self.num_perm % self.bands:
            raise UsageError(f"bands ({self.bands}) must divide num_perm ({self.num_perm})")

    @property
    def rows(self) -> int:
        """MinHash rows per LSH band."""
        return self.num_perm // self.bands

    def record(self) -> dict[str, Any]:
        """The settings as ``params`` records them (the join under ``candidate_join``, since
        ``candidates`` there counts candidate pairs).

        >>> ReuseSettings().record()["candidate_join"], ReuseSettings().record()["rows_per_band"]
        ('numpy', 4)
        """
        out = asdict(self)
        out["candidate_join"] = out.pop("candidates")
        out["rows_per_band"] = self.rows
        return out


def reuse_settings(settings: ReuseSettings | None = None, **options: Any) -> ReuseSettings:
    """``settings`` (default: the defaults) with ``options`` changed; an unknown option is a
    :class:`UsageError`.

    >>> reuse_settings(n=3).n
    3
    >>> try:
    ...     reuse_settings(ngram=3)
    ... except UsageError as exc:
    ...     print(str(exc)[:49])
    unknown reuse option(s) ngram; known: n, num_perm
    """
    known = [f.name for f in fields(ReuseSettings)]
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise UsageError(f"unknown reuse option(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return replace(settings or ReuseSettings(), **options)


def _at_least(name: str, value: object, low: int) -> None:
    """A :class:`UsageError` unless ``value`` is a whole number of at least ``low``."""
    if isinstance(value, bool) or not isinstance(value, Integral) or value < low:
        raise UsageError(f"{name} must be a whole number of at least {low}, got {value!r}")


def _check_eras(eras: object) -> None:
    """A :class:`UsageError` unless ``eras`` is a tuple of increasing years."""
    if not isinstance(eras, tuple):
        raise UsageError(f"eras must be a tuple of years (later eras' first years), got {eras!r}")
    for year in eras:
        _at_least("each of eras", year, 0)
    if list(eras) != sorted(set(eras)):
        raise UsageError(f"eras must be increasing years without repeats, got {eras!r}")
