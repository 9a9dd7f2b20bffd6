"""The web's one cache helper: one value per data state, computed once even when asked at once."""

from __future__ import annotations

import threading
import time

from bluehelmet.web.cache import locked_cache


def test_callers_asking_at_once_share_one_computation() -> None:
    calls: list[str] = []

    @locked_cache()
    def slow(state: str) -> list[str]:
        calls.append(state)
        time.sleep(0.05)
        return [state]

    start = threading.Barrier(8)
    results: list[list[str]] = []

    def ask() -> None:
        start.wait()
        results.append(slow("corpus-a"))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["corpus-a"]
    assert len(results) == 8 and all(r is results[0] for r in results)
    assert slow.cache_info().hits == 7


def test_a_new_state_computes_afresh_and_only_the_last_states_are_kept() -> None:
    calls: list[str] = []

    @locked_cache(keep=2)
    def value(state: str) -> str:
        calls.append(state)
        return state.upper()

    assert [value("a"), value("b"), value("a"), value("c"), value("b"), value("a")] == [
        "A", "B", "A", "C", "B", "A",
    ]  # fmt: skip
    # "c" pushes out "b" (the least recently used), and "b" coming back pushes out "a".
    assert calls == ["a", "b", "c", "b", "a"]
