"""Read YAML keeping where every value stands, so errors can say file:line:col and field."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from bluehelmet.errors import BluehelmetError, DataFormatError, ValidationError

#: A field path: mapping keys and list indices, e.g. ``("evidence", 2, "likelihoods")``.
FieldPath = tuple[str | int, ...]


def field_name(path: FieldPath) -> str:
    """The path written as a field: keys joined by dots, list indices in brackets.

    >>> field_name(("evidence", 2, "likelihoods", "rationalist", "p"))
    'evidence[2].likelihoods.rationalist.p'
    """
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "(top level)"


@dataclass(frozen=True)
class Marks:
    """Line and column (1-based) of every value in one YAML file, by field path.

    >>> data, marks = read_yaml("case:\\n  id: x\\n", "c.yaml")
    >>> marks.where(("case", "id"))
    'c.yaml:2:7'
    """

    name: str
    values: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: FieldPath, key: bool = False) -> str:
        """``name:line:col`` of the value at ``path`` (or its key), else of its nearest parent."""
        table = self.keys if key and path in self.keys else self.values
        for end in range(len(path), -1, -1):
            if path[:end] in table:
                line, col = table[path[:end]]
                return f"{self.name}:{line}:{col}"
        return self.name

    def error(
        self,
        path: FieldPath,
        message: str,
        key: bool = False,
        kind: type[BluehelmetError] = ValidationError,
    ) -> BluehelmetError:
        """An error whose one line reads ``file:line:col: field: message``."""
        return kind(f"{self.where(path, key)}: {field_name(path)}: {message}")


#: Deepest nesting of mappings and lists a case file may have (case files need about 5).
MAX_DEPTH = 50


class _CaseLoader(yaml.SafeLoader):
    """Safe YAML without anchors or aliases (no "billion laughs") and with bounded nesting."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(
                event.start_mark,
                "YAML anchors and aliases (&name, *name) are not allowed in case files; "
                "write each value out in full",
            )
        if self.depth >= MAX_DEPTH:
            raise _Refused(
                event.start_mark,
                f"nested more than {MAX_DEPTH} levels deep; case files need only a few levels",
            )
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _Refused(Exception):
    """YAML the case loader will not read, with where it stands."""

    def __init__(self, mark: yaml.Mark, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


def _walk(node: yaml.Node, path: FieldPath, marks: Marks) -> None:
    marks.values[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            child = (*path, key)
            marks.keys[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in seen:
                raise marks.error(
                    child, "this key appears twice; keep one", key=True, kind=DataFormatError
                )
            seen.add(key)
            _walk(value_node, child, marks)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _walk(item, (*path, index), marks)


def read_yaml(text: str, name: str) -> tuple[object, Marks]:
    """Parse ``text`` (safe YAML) into Python data and the marks of every value.

    Malformed YAML, an empty document, a repeated key, an anchor or alias, or nesting deeper
    than :data:`MAX_DEPTH` raises DataFormatError naming ``name:line:col``.

    >>> read_yaml("a: [1, 2]\\n", "f.yaml")[1].where(("a", 1))
    'f.yaml:1:8'
    """
    loader = _CaseLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise DataFormatError(f"{name}: the file is empty; write a case (see docs/tracing.md)")
        marks = Marks(name)
        _walk(node, (), marks)
        data = loader.construct_document(node)
    except _Refused as exc:
        place = f"{name}:{exc.mark.line + 1}:{exc.mark.column + 1}"
        raise DataFormatError(f"{place}: {exc.message}") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        place = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        problem = exc.problem or exc.context or "cannot parse"
        raise DataFormatError(
            f"{place}: malformed YAML: {problem}; check indentation, colons and quotes there"
        ) from None
    except yaml.YAMLError as exc:
        raise DataFormatError(f"{name}: malformed YAML: {exc}") from None
    finally:
        loader.dispose()
    return data, marks
