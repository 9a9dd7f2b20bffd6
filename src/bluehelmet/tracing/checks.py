"""Cross-field checks of a case file: ids, priors, likelihood entries, dependence, links.

Each check raises one ValidationError that names file:line:col, the field and the fix.
"""

from __future__ import annotations

from collections.abc import Sequence

from bluehelmet.options import closest, message
from bluehelmet.register.query import operations, resolutions
from bluehelmet.tracing.defaults import DEFAULT_HYPOTHESES
from bluehelmet.tracing.marks import FieldPath, Marks
from bluehelmet.tracing.schema import CaseFile, Hypothesis, Likelihood

PRIOR_TOLERANCE = 1e-9
_DEFAULTS = {h["id"]: Hypothesis.model_validate(h) for h in DEFAULT_HYPOTHESES}


def resolve_hypotheses(file: CaseFile, marks: Marks) -> tuple[Hypothesis, ...]:
    """The file's hypotheses (a default id takes the default's text and predictions, overridden
    field by field by what the file gives), or the defaults."""
    if file.hypotheses is None:
        return tuple(_DEFAULTS.values())
    resolved = []
    for i, hyp in enumerate(file.hypotheses):
        default = _DEFAULTS.get(hyp.id)
        if default is not None:
            given = hyp.model_dump(exclude_none=True)
            hyp = Hypothesis.model_validate({**default.model_dump(), **given})
        elif hyp.label is None or hyp.predicts is None:
            raise marks.error(
                ("hypotheses", i),
                f"{hyp.id!r} is not a default logic ({', '.join(_DEFAULTS)}); "
                "give it a label and its predicts list",
            )
        resolved.append(hyp)
    return tuple(resolved)


def _unique(ids: Sequence[tuple[FieldPath, str]], what: str, marks: Marks) -> None:
    seen: dict[str, FieldPath] = {}
    for path, value in ids:
        if value in seen:
            raise marks.error(
                path,
                f"duplicate {what} id {value!r} (first at {marks.where(seen[value])}); "
                "give each a unique id",
            )
        seen[value] = path


def check_ids(file: CaseFile, hypotheses: Sequence[Hypothesis], marks: Marks) -> None:
    """Hypothesis, observation, evidence and group ids are unique (evidence and groups share)."""
    _unique(
        [(("hypotheses", i, "id"), h.id) for i, h in enumerate(hypotheses)], "hypothesis", marks
    )
    _unique(
        [
            (("hypotheses", i, "predicts", j, "id"), o.id)
            for i, h in enumerate(hypotheses)
            for j, o in enumerate(h.predicts or [])
        ],
        "observation",
        marks,
    )
    _unique(
        [(("evidence", i, "id"), e.id) for i, e in enumerate(file.evidence)]
        + [(("dependence", i, "id"), g.id) for i, g in enumerate(file.dependence)],
        "evidence or group",
        marks,
    )


def resolve_priors(file: CaseFile, hypothesis_ids: list[str], marks: Marks) -> dict[str, float]:
    """The priors in hypothesis order: uniform by default; given ones must cover all, sum to 1."""
    if file.priors is None:
        return {h: 1 / len(hypothesis_ids) for h in hypothesis_ids}
    for name in file.priors:
        if name not in hypothesis_ids:
            raise marks.error(
                ("priors", name),
                message("hypothesis", name, hypothesis_ids),
                key=True,
            )
    missing = [h for h in hypothesis_ids if h not in file.priors]
    if missing:
        raise marks.error(
            ("priors",), f"no prior for {', '.join(missing)}; give one per hypothesis"
        )
    total = sum(file.priors.values())
    if abs(total - 1) > PRIOR_TOLERANCE:
        raise marks.error(
            ("priors",), f"priors sum to {total:.10g}, not 1; make them sum to 1 (±1e-9)"
        )
    return {h: file.priors[h] for h in hypothesis_ids}


def check_likelihoods(
    table: dict[str, Likelihood], path: FieldPath, hypothesis_ids: list[str], marks: Marks
) -> None:
    """One likelihood entry per hypothesis, no entries for unknown hypotheses."""
    for name in table:
        if name not in hypothesis_ids:
            raise marks.error(
                (*path, name),
                message("hypothesis", name, hypothesis_ids),
                key=True,
            )
    missing = [h for h in hypothesis_ids if h not in table]
    if missing:
        raise marks.error(
            path,
            f"no P(E|H) for {', '.join(missing)}; give every hypothesis a test or a p "
            "(equal p for all when the item does not discriminate)",
        )


def check_evidence(file: CaseFile, hypotheses: Sequence[Hypothesis], marks: Marks) -> None:
    """Likelihood entries are complete and ``bears_on`` names predicted observations."""
    hypothesis_ids = [h.id for h in hypotheses]
    observations = [o.id for h in hypotheses for o in h.predicts or []]
    for i, item in enumerate(file.evidence):
        for j, obs in enumerate(item.bears_on):
            if obs not in observations:
                raise marks.error(
                    ("evidence", i, "bears_on", j),
                    message("predicted observation", obs, observations),
                )
        check_likelihoods(item.likelihoods, ("evidence", i, "likelihoods"), hypothesis_ids, marks)
    for i, group in enumerate(file.dependence):
        if group.likelihoods is not None:
            check_likelihoods(
                group.likelihoods, ("dependence", i, "likelihoods"), hypothesis_ids, marks
            )


def check_dependence(file: CaseFile, marks: Marks) -> None:
    """Members exist, belong to one group only, and groups contain no cycle."""
    evidence_ids = {e.id for e in file.evidence}
    groups = {g.id: g for g in file.dependence}
    parent: dict[str, str] = {}
    for i, group in enumerate(file.dependence):
        for j, member in enumerate(group.members):
            path = ("dependence", i, "members", j)
            if member not in evidence_ids and member not in groups:
                known = sorted(evidence_ids | set(groups))
                raise marks.error(path, message("evidence or group id", member, known))
            if member in parent:
                raise marks.error(
                    path,
                    f"{member!r} is already in group {parent[member]!r}; an item counts in one "
                    "group only (nest the groups instead)",
                )
            parent[member] = group.id
    for i, group in enumerate(file.dependence):
        chain = [group.id]
        while chain[-1] in parent and len(chain) <= len(groups):
            chain.append(parent[chain[-1]])
            if chain[-1] == group.id:
                raise marks.error(
                    ("dependence", i, "members"),
                    f"groups form a cycle {' -> '.join(chain)}; a group cannot contain itself, "
                    "directly or through another group",
                )


def check_links(file: CaseFile, marks: Marks) -> None:
    """Linked resolutions and operations exist in the packaged register."""
    links = file.case.links
    if links.resolutions:
        known = set(resolutions()["number"].astype(int))
        for i, number in enumerate(links.resolutions):
            if number not in known:
                raise marks.error(
                    ("case", "links", "resolutions", i),
                    f"resolution {number} is not in the register ({min(known)}-{max(known)}); "
                    "check the number",
                )
    if links.operations:
        acronyms = operations()["acronym"].astype(str).tolist()
        for i, acronym in enumerate(links.operations):
            if acronym not in acronyms:
                near = closest(acronym.upper(), acronyms)
                hint = f"did you mean {near!r}? " if near is not None else ""
                raise marks.error(
                    ("case", "links", "operations", i),
                    f"operation {acronym!r} is not in the register; {hint}"
                    "see `bluehelmet operations`",
                )
