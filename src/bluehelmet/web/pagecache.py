"""Rendered pages kept in memory: the packaged data cannot change while the server runs."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable


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
