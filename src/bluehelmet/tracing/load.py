"""Load and check a case file: YAML with line marks, field checks, cross-checks, defaults."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

import pydantic

from bluehelmet.errors import BluehelmetError, DataFormatError, NotFoundError
from bluehelmet.files import read_limited
from bluehelmet.tracing import checks
from bluehelmet.tracing.case import Case
from bluehelmet.tracing.marks import FieldPath, Marks, read_yaml
from bluehelmet.tracing.schema import CaseFile

CASES_DIR = Path(__file__).parent / "cases"


def _message(error: Any) -> str:
    kind, msg, value = error["type"], error["msg"], error.get("input")
    if kind == "missing":
        return "required field is missing; add it"
    if kind == "extra_forbidden":
        return "unknown field; check its spelling against docs/tracing.md or remove it"
    if kind == "literal_error":
        return f"{value!r} is not allowed; use {error['ctx']['expected']}"
    if kind == "string_pattern_mismatch":
        return f"{value!r} does not match the pattern {error['ctx']['pattern']}"
    if kind == "too_short":
        return f"needs at least {error['ctx']['min_length']} item(s); add them"
    if kind == "value_error":
        return msg.removeprefix("Value error, ")
    return f"{value!r}: {msg[0].lower()}{msg[1:]}"


def _validate(data: object, marks: Marks) -> CaseFile:
    if not isinstance(data, dict):
        raise DataFormatError(
            f"{marks.where(())}: the top level must be a mapping with case, evidence and "
            "optionally hypotheses, priors, dependence; see docs/tracing.md"
        )
    try:
        return CaseFile.model_validate(data)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        path: FieldPath = tuple(first["loc"])
        raise marks.error(path, _message(first), key=first["type"] == "extra_forbidden") from None


def parse_case(text: str, name: str = "<case>") -> Case:
    """Check the YAML ``text`` of one case file and return the case (``name`` is for errors).

    >>> case = parse_case('''
    ... case: {id: demo, title: Demo, outcome: An outcome.}
    ... evidence:
    ...   - id: e1
    ...     description: A debate record.
    ...     source_type: meeting_record
    ...     citation: S/PV.4054
    ...     likelihoods:
    ...       rationalist: {p: 0.2}
    ...       constructivist: {test: smoking_gun}
    ...       organizational: {p: 0.2}
    ...       group_psychological: {test: hoop, passed: false}
    ... ''')
    >>> case.hypothesis_ids[0], case.priors["rationalist"]
    ('rationalist', 0.25)
    """
    data, marks = read_yaml(text, name)
    file = _validate(data, marks)
    hypotheses = checks.resolve_hypotheses(file, marks)
    checks.check_ids(file, hypotheses, marks)
    hypothesis_ids = [h.id for h in hypotheses]
    priors = checks.resolve_priors(file, hypothesis_ids, marks)
    checks.check_evidence(file, hypotheses, marks)
    checks.check_dependence(file, marks)
    checks.check_links(file, marks)
    return Case(
        info=file.case,
        hypotheses=hypotheses,
        priors=priors,
        evidence=tuple(file.evidence),
        groups=tuple(file.dependence),
        sensitivity=file.sensitivity,
        marks=marks,
    )


def bundled_files() -> dict[str, Path]:
    """Bundled case files by file stem (``sierra-leone-1999`` -> its path), sorted.

    >>> all(path.suffix == ".yaml" for path in bundled_files().values())
    True
    """
    return {path.stem: path for path in sorted(CASES_DIR.glob("*.yaml"))}


def _bundled_by_id(name: str) -> Path:
    files = bundled_files()
    if name in files:
        return files[name]
    for path in files.values():
        try:
            if read_case_id(path) == name:
                return path
        except BluehelmetError:
            continue
    close = difflib.get_close_matches(name, list(files), n=1)
    hint = f"did you mean {close[0]!r}?" if close else "see `bluehelmet trace --list`"
    raise NotFoundError(f"{name}: no such case file or bundled case; {hint}")


def read_case_id(path: Path) -> str:
    """The ``case.id`` of a case file, read without the full checks."""
    data, _ = read_yaml(_case_text(path, str(path)), str(path))
    case = data.get("case") if isinstance(data, dict) else None
    return str(case.get("id")) if isinstance(case, dict) else ""


def load_case(source: str | Path) -> Case:
    """Load a case file, or a bundled case by its id (see ``bundled_cases``), and check it.

    Errors name ``file:line:col: field`` and the fix (ValidationError, DataFormatError).

    >>> import tempfile, pathlib
    >>> from bluehelmet.errors import ValidationError
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "c.yaml"
    >>> _ = path.write_text("case: {id: c, title: C, outcome: O.}\\nevidence: []\\n")
    >>> try:
    ...     load_case(path)
    ... except ValidationError as exc:
    ...     print(str(exc).split(": ", 1)[1])
    evidence: needs at least 1 item(s); add them
    """
    path = Path(source)
    if not path.exists() or path.is_dir():  # a FIFO or device is read_limited's to refuse
        if isinstance(source, Path) or path.suffix in {".yaml", ".yml"}:
            raise NotFoundError(f"{source}: no such case file; check the path")
        path = _bundled_by_id(str(source))
    name = str(source) if path == Path(source) else str(path)
    return parse_case(_case_text(path, name), name)


def _case_text(path: Path, name: str) -> str:
    """The text of a case file (size-capped, regular files only); errors name ``name``."""
    data = read_limited(path, what="case file")
    try:
        return data.decode("utf-8-sig")  # a BOM is no part of the YAML
    except UnicodeDecodeError as exc:
        raise DataFormatError(f"{name}: not UTF-8 ({exc.reason}); save it as UTF-8") from None
