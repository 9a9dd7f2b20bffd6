"""One settings object for both reuse engines: every option checked once, one line each."""

from __future__ import annotations

import pandas as pd
import pytest

from bluehelmet.errors import UsageError
from bluehelmet.reuse.engine import find_reuse
from bluehelmet.reuse.settings import ReuseSettings, reuse_settings

TEXT = "the council decides to extend the mandate of the force for six months"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"candidates": "spark"}, "unknown candidates 'spark'; use numpy, duckdb"),
        ({"n": 0}, "n must be a whole number of at least 1, got 0"),
        ({"n": 2.5}, "n must be a whole number of at least 1, got 2.5"),
        ({"n": True}, "n must be a whole number of at least 1, got True"),
        ({"num_perm": -4}, "num_perm must be a whole number of at least 1, got -4"),
        ({"bands": 0}, "bands must be a whole number of at least 1, got 0"),
        ({"bands": 30}, "bands (30) must divide num_perm (128)"),
        ({"max_bucket": 0}, "max_bucket must be a whole number of at least 1, got 0"),
        ({"max_tokens": "5"}, "max_tokens must be a whole number of at least 1, got '5'"),
        ({"max_chars": 0}, "max_chars must be a whole number of at least 1, got 0"),
        ({"seed": -1}, "seed must be a whole number of at least 0, got -1"),
        ({"min_docs": -2}, "min_docs must be a whole number of at least 0, got -2"),
        ({"min_jaccard": 0}, "min_jaccard must be a number in (0, 1], got 0"),
        ({"min_jaccard": 1.5}, "min_jaccard must be a number in (0, 1], got 1.5"),
        ({"min_containment": "high"}, "min_containment must be a number in (0, 1], got 'high'"),
        (
            {"ngram": 3},
            "unknown reuse option(s) ngram; known: n, num_perm, bands, min_jaccard, "
            "min_containment, seed, min_docs, max_bucket, max_tokens, max_chars, candidates, "
            "eras",
        ),
        ({"eras": 2000}, "eras must be a tuple of years (later eras' first years), got 2000"),
        ({"eras": (2000, 1990)}, "eras must be increasing years without repeats, got (2000, 1990)"),
        ({"eras": (2000, "x")}, "each of eras must be a whole number of at least 0, got 'x'"),
    ],  # fmt: skip
)
def test_each_bad_option_is_one_usage_error_naming_it(options: dict, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        reuse_settings(**options)
    assert str(caught.value) == message
    frame = pd.DataFrame({"doc": ["A"], "id": ["1"], "text": [TEXT]})
    with pytest.raises(UsageError, match="^" + message.replace("(", r"\(").replace(")", r"\)")):
        find_reuse(frame, **options)  # the in-memory engine checks the same way


def test_good_options_are_kept_and_recorded() -> None:
    s = reuse_settings(ReuseSettings(n=3), bands=16, num_perm=64, min_docs=0)
    assert (s.n, s.bands, s.num_perm, s.rows, s.min_docs) == (3, 16, 64, 4, 0)
    record = s.record()
    assert record["candidate_join"] == "numpy" and "candidates" not in record
    assert record["rows_per_band"] == 4 and record["max_chars"] == 20_000


def test_settings_are_frozen_and_options_change_a_copy() -> None:
    s = ReuseSettings()
    with pytest.raises(AttributeError):
        s.n = 3  # type: ignore[misc]
    assert reuse_settings(s, n=3).n == 3 and s.n == 5


def test_a_settings_object_and_the_same_options_give_the_same_run() -> None:
    frame = pd.DataFrame({"doc": ["A", "B"], "id": ["1", "1"], "text": [TEXT, TEXT + " now"]})
    by_object = find_reuse(frame, ReuseSettings(n=3, min_docs=0))
    by_options = find_reuse(frame, n=3, min_docs=0)
    pd.testing.assert_frame_equal(by_object.pairs, by_options.pairs)
    assert by_object.params == by_options.params
    assert by_object.params["n"] == 3 and by_object.params["min_docs"] == 0
    # min_docs=0: a formula in more than 0 documents is boilerplate, so the pair moves there
    assert by_object.pairs.empty and len(by_object.boilerplate_pairs) == 1
