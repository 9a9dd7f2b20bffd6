"""Case files: defaults, and one clear error (file:line:col, field, fix) for each bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from bluehelmet.errors import DataFormatError, NotFoundError, ValidationError
from bluehelmet.tracing import load_case, trace
from bluehelmet.tracing.defaults import DEFAULT_HYPOTHESES
from bluehelmet.tracing.marks import field_name

from .cases import BASE, SECOND_ITEM, replaced, write


def error_of(tmp_path: Path, text: str, kind: type[Exception] = ValidationError) -> str:
    path = write(tmp_path, text)
    with pytest.raises(kind) as info:
        load_case(path)
    message = str(info.value)
    assert message.startswith(f"{path}:")
    assert "\n" not in message
    return message.removeprefix(f"{path}:")


def test_valid_case_loads_with_uniform_default_priors(tmp_path: Path) -> None:
    case = load_case(write(tmp_path, replaced("priors: {a: 0.5, b: 0.5}\n", "")))
    assert case.priors == {"a": 0.5, "b": 0.5}
    assert case.hypothesis_ids == ["a", "b"]


def test_default_hypotheses_when_none_are_given(tmp_path: Path) -> None:
    text = """\
case: {id: d, title: D, outcome: O.}
evidence:
  - id: e1
    description: D.
    source_type: meeting_record
    citation: S/PV.4054
    bears_on: [con_entrepreneur, grp_founding]
    likelihoods:
      rationalist: {p: 0.1}
      constructivist: {test: smoking_gun}
      organizational: {p: 0.1}
      group_psychological: {p: 0.2}
"""
    case = load_case(write(tmp_path, text))
    assert case.hypothesis_ids == [
        "rationalist",
        "constructivist",
        "organizational",
        "group_psychological",
    ]
    assert case.priors == {h: 0.25 for h in case.hypothesis_ids}
    assert len(case.hypotheses[0].predicts or []) == len(DEFAULT_HYPOTHESES[0]["predicts"])


def _rationalist_instead_of_a(hypothesis: str, observation: str) -> str:
    """The base case with hypothesis ``a`` replaced by the default ``rationalist`` (given as
    ``hypothesis``), the first item bearing on ``observation``."""
    text = replaced(
        "  - id: a\n    label: A\n    predicts: [{id: a_obs, text: A obs.}]\n",
        hypothesis,
        replaced("{a: 0.5, b: 0.5}", "{rationalist: 0.5, b: 0.5}"),
    )
    text = text.replace("bears_on: [a_obs]", f"bears_on: [{observation}]")
    return text.replace("      a: {p: 0.8}", "      rationalist: {p: 0.8}")


def test_a_bare_default_id_takes_the_default_text(tmp_path: Path) -> None:
    text = _rationalist_instead_of_a("  - id: rationalist\n", "rat_contested")
    case = load_case(write(tmp_path, text))
    assert case.label("rationalist") == "Rationalist"


def test_a_default_id_with_its_own_predictions_keeps_the_default_label(tmp_path: Path) -> None:
    own_predictions = "    predicts: [{id: my_obs, text: My own prediction.}]\n"
    text = _rationalist_instead_of_a("  - id: rationalist\n" + own_predictions, "my_obs")
    case = load_case(write(tmp_path, text))
    assert case.label("rationalist") == "Rationalist"
    own = case.hypotheses[case.hypothesis_ids.index("rationalist")]
    assert [(o.id, o.text) for o in own.predicts or []] == [("my_obs", "My own prediction.")]


def test_probability_outside_zero_one(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("a: {p: 0.8}", "a: {p: 1.3}"))
    assert message == (
        "20:14: evidence[0].likelihoods.a.p: 1.3 is outside [0, 1]; "
        "give a probability between 0 and 1"
    )


def test_negative_prior(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("{a: 0.5, b: 0.5}", "{a: 1.5, b: -0.5}"))
    assert message.startswith("12:13: priors.a: 1.5 is outside [0, 1]")


def test_unknown_hypothesis_in_likelihoods(tmp_path: Path) -> None:
    message = error_of(tmp_path, BASE + "      z: {p: 0.1}\n")
    assert message == "22:7: evidence[0].likelihoods.z: unknown hypothesis 'z'; use a, b"


def test_unknown_hypothesis_in_priors_suggests(tmp_path: Path) -> None:
    text = replaced("  - id: b\n    label: B", "  - id: bravo\n    label: B")
    text = text.replace("{a: 0.5, b: 0.5}", "{a: 0.5, brav: 0.5}").replace(
        "      b: {", "      bravo: {"
    )
    message = error_of(tmp_path, text)
    assert message == (
        "12:18: priors.brav: unknown hypothesis 'brav'; use a, bravo (did you mean 'bravo'?)"
    )


def test_likelihood_missing_for_a_hypothesis(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("      b: {p: 0.2}\n", ""))
    assert message.startswith("20:7: evidence[0].likelihoods: no P(E|H) for b; give every")


def test_duplicate_evidence_ids(tmp_path: Path) -> None:
    message = error_of(tmp_path, BASE + SECOND_ITEM.replace("id: e2", "id: e1"))
    assert message == (
        f"22:9: evidence[1].id: duplicate evidence or group id 'e1' (first at "
        f"{tmp_path / 't.yaml'}:14:9); give each a unique id"
    )


def test_duplicate_hypothesis_ids(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("  - id: b\n", "  - id: a\n"))
    assert message.startswith("9:9: hypotheses[1].id: duplicate hypothesis id 'a'")


def test_dependence_cycle(tmp_path: Path) -> None:
    text = (
        BASE
        + SECOND_ITEM
        + "dependence:\n  - id: g1\n    members: [g2, e1]\n  - id: g2\n    members: [g1, e2]\n"
    )
    message = error_of(tmp_path, text)
    assert message == (
        "32:14: dependence[0].members: groups form a cycle g1 -> g2 -> g1; a group cannot "
        "contain itself, directly or through another group"
    )


def test_member_in_two_groups(tmp_path: Path) -> None:
    text = (
        BASE
        + SECOND_ITEM
        + "dependence:\n  - {id: g1, members: [e1, e2]}\n  - {id: g2, members: [e2, e1]}\n"
    )
    message = error_of(tmp_path, text)
    assert message.startswith("32:24: dependence[1].members[0]: 'e2' is already in group 'g1'")


def test_unknown_group_member(tmp_path: Path) -> None:
    text = BASE + SECOND_ITEM + "dependence:\n  - {id: g1, members: [e1, e3]}\n"
    message = error_of(tmp_path, text)
    assert message.startswith("31:28: dependence[0].members[1]: unknown evidence or group id 'e3'")


def test_explicit_group_needs_likelihoods(tmp_path: Path) -> None:
    text = BASE + SECOND_ITEM + "dependence:\n  - {id: g1, members: [e1, e2], combine: explicit}\n"
    message = error_of(tmp_path, text)
    assert message == (
        "31:5: dependence[0]: combine: explicit needs likelihoods (joint P(E|H) per hypothesis)"
    )


def test_priors_not_summing_to_one(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("{a: 0.5, b: 0.5}", "{a: 0.5, b: 0.4}"))
    assert message == "12:9: priors: priors sum to 0.9, not 1; make them sum to 1 (±1e-9)"


def test_prior_missing_for_a_hypothesis(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("{a: 0.5, b: 0.5}", "{a: 1.0}"))
    assert message == "12:9: priors: no prior for b; give one per hypothesis"


def test_unknown_test_type(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("a: {p: 0.8}", "a: {test: hop}"))
    assert message == (
        "20:17: evidence[0].likelihoods.a.test: 'hop' is not allowed; use 'straw_in_the_wind', "
        "'hoop', 'smoking_gun' or 'doubly_decisive'"
    )


def test_test_and_p_together(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("a: {p: 0.8}", "a: {p: 0.8, test: hoop}"))
    assert message == (
        "20:10: evidence[0].likelihoods.a: give either test (a Van Evera test type) "
        "or p (a probability)"
    )


def test_range_must_contain_the_value(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("a: {p: 0.8}", "a: {p: 0.8, range: [0.1, 0.5]}"))
    assert message.endswith("range [0.1, 0.5] does not contain the value 0.8")


def test_unknown_source_type_and_finding(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("source_type: press", "source_type: blog"))
    assert message.startswith("16:18: evidence[0].source_type: 'blog' is not allowed; use ")
    message = error_of(tmp_path, replaced("bears_on: [a_obs]", "finding: seen"))
    assert message.startswith("18:14: evidence[0].finding: 'seen' is not allowed")


def test_missing_required_field_points_at_its_parent(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("    citation: X\n", ""))
    assert message == "14:5: evidence[0].citation: required field is missing; add it"


def test_unknown_field_points_at_its_key(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("    citation: X\n", "    citation: X\n    sauce: Y\n"))
    assert message.startswith("18:5: evidence[0].sauce: unknown field;")


def test_unknown_predicted_observation(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("bears_on: [a_obs]", "bears_on: [a_ob]"))
    assert message == "18:16: evidence[0].bears_on[0]: unknown predicted observation 'a_ob'; " + (
        "use a_obs, b_obs (did you mean 'a_obs'?)"
    )


def test_links_must_exist_in_the_register(tmp_path: Path) -> None:
    good = "  outcome: O.\n  links: {resolutions: [1181, 1270], operations: [UNAMSIL]}\n"
    assert load_case(write(tmp_path, replaced("  outcome: O.\n", good))).info.links.resolutions
    bad = "  outcome: O.\n  links: {resolutions: [1270, 99999]}\n"
    message = error_of(tmp_path, replaced("  outcome: O.\n", bad))
    assert message.startswith("5:31: case.links.resolutions[1]: resolution 99999 is not in")
    bad = "  outcome: O.\n  links: {operations: [UNAMSL]}\n"
    message = error_of(tmp_path, replaced("  outcome: O.\n", bad))
    assert message.startswith("5:24: case.links.operations[0]: operation 'UNAMSL' is not in the")
    assert message.endswith("; did you mean 'UNAMSIL'? see `bluehelmet operations`")
    bad = "  outcome: O.\n  links: {operations: [ZZZZ]}\n"
    message = error_of(tmp_path, replaced("  outcome: O.\n", bad))
    assert message.endswith("operation 'ZZZZ' is not in the register; see `bluehelmet operations`")


def test_malformed_yaml(tmp_path: Path) -> None:
    message = error_of(tmp_path, replaced("title: T", "title: [T"), DataFormatError)
    assert "malformed YAML" in message
    line = int(message.split(":")[0])
    assert 3 <= line <= 5


def test_repeated_key(tmp_path: Path) -> None:
    message = error_of(
        tmp_path, replaced("  title: T\n", "  title: T\n  title: U\n"), DataFormatError
    )
    assert message == "4:3: case.title: this key appears twice; keep one"


def test_empty_file_and_wrong_top_level(tmp_path: Path) -> None:
    assert "the file is empty" in error_of(tmp_path, "", DataFormatError)
    assert "the top level must be a mapping" in error_of(tmp_path, "- a\n- b\n", DataFormatError)


def test_evidence_impossible_under_every_hypothesis(tmp_path: Path) -> None:
    text = replaced("a: {p: 0.8}", "a: {p: 0}").replace("b: {p: 0.2}", "b: {p: 0}")
    with pytest.raises(
        ValidationError, match=r"t.yaml:20:7: evidence e1: P\(E\|H\) is 0 for every"
    ):
        trace(write(tmp_path, text))


def test_unknown_file_or_bundled_id() -> None:
    with pytest.raises(NotFoundError, match="no such case file; check the path"):
        load_case("missing.yaml")
    with pytest.raises(NotFoundError, match="no such case file or bundled case"):
        load_case("no-such-case")


def test_field_name() -> None:
    assert field_name(("dependence", 0, "members", 1)) == "dependence[0].members[1]"
    assert field_name(()) == "(top level)"
