"""Caches for the web: values computed once per data state, and rendered pages.

The packaged data cannot change while the server runs, and the data outside the package (a
corpus of texts, the shared data folder) are cached per *state* (their folders, with
modification times where they can change): a new state computes afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import lru_cache, update_wrapper
from typing import Any, Generic, ParamSpec, TypeVar

P = ParamSpec("P")
V = TypeVar("V")


class LockedCache(Generic[P, V]):
    """A function's results for its last ``keep`` arguments, computed one call at a time: a
    caller asking while another computes waits and then finds its value (made by
    `locked_cache`)."""

    def __init__(self, compute: Callable[P, V], keep: int) -> None:
        self._lru = lru_cache(maxsize=keep)(compute)
        self._cached: Callable[P, V] = self._lru  # the same, typed with the arguments of compute
        self._lock = threading.Lock()
        update_wrapper(self, compute)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> V:
        with self._lock:
            return self._cached(*args, **kwargs)

    def cache_info(self) -> Any:
        """Hits, misses and size, as ``functools.lru_cache`` counts them."""
        return self._lru.cache_info()


def locked_cache(keep: int = 2) -> Callable[[Callable[P, V]], LockedCache[P, V]]:
    """Decorate a function of a data state (hashable arguments: folders, modification times) to
    compute its value once per state, one call at a time, keeping the last ``keep`` states.

    >>> calls = []
    >>> @locked_cache()
    ... def size(folder: str) -> int:
    ...     calls.append(folder)
    ...     return len(folder)
    >>> size("/data"), size("/data"), calls
    (5, 5, ['/data'])
    """

    def wrap(compute: Callable[P, V]) -> LockedCache[P, V]:
        return LockedCache(compute, keep)

    return wrap


class PageCache:
    """Page bodies by key, the least recently used dropped beyond ``limit`` (thread-safe).

    >>> cache = PageCache(limit=1)
    >>> cache.put("a", b"A"), cache.get("a"), cache.put("b", b"B"), cache.get("a")
    (b'A', b'A', b'B', None)
    """

    def __init__(self, limit: int = 512) -> None:
        self.limit = limit
        self._pages: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable) -> bytes | None:
        """The body stored under ``key``, or None."""
        with self._lock:
            body = self._pages.get(key)
            if body is not None:
                self._pages.move_to_end(key)
            return body

    def put(self, key: Hashable, body: bytes) -> bytes:
        """Store ``body`` under ``key`` and return it."""
        with self._lock:
            self._pages[key] = body
            self._pages.move_to_end(key)
            while len(self._pages) > self.limit:
                self._pages.popitem(last=False)
        return body
