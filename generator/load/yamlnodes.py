"""Parse YAML into a small node tree that remembers where every key and item came from.

Events come from libyaml (PyYAML's C parser) when available: the tree is built here,
iteratively, so that the loader can refuse what a dossier never needs — anchors and
aliases (alias bombs), explicit tags (``!!python/object``), absurd nesting — before any
value is constructed. Scalars stay text; the schema decides their types later.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..model import codes

try:
    from yaml import CSafeLoader as _Loader
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - libyaml missing only on exotic installs
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_DEPTH = 64
"""Deeper nesting than any dossier needs; refused before it costs memory or stack."""


@dataclass(slots=True)
class Scalar:
    """A scalar as written: its text and whether it was plain (unquoted)."""

    value: str
    line: int
    column: int
    plain: bool


@dataclass(slots=True)
class Mapping:
    """A mapping; keys are scalars, kept in file order."""

    line: int
    column: int
    items: list[tuple[Scalar, Node]] = field(default_factory=list)


@dataclass(slots=True)
class Sequence:
    """A sequence of nodes."""

    line: int
    column: int
    items: list[Node] = field(default_factory=list)


Node = Scalar | Mapping | Sequence


class YamlProblem(Exception):
    """A problem that stops reading one YAML document, at a 1-based position."""

    def __init__(self, code: str, message: str, line: int, column: int, hint: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


def _before(text: str, position: int) -> str:
    """The text before a reader error's position: libyaml counts UTF-8 bytes, PyYAML's own reader characters."""
    if _Loader.__name__ == "SafeLoader":  # pragma: no cover - libyaml missing only on exotic installs
        return text[: max(position, 0)]
    return text.encode("utf-8")[: max(position, 0)].decode("utf-8", "ignore")


UNCLOSED_QUOTE = "while scanning a quoted scalar"
"""libyaml's context for a quote never closed: it reports the end of the file, the quote is where to look."""


def _syntax_problem(exc: yaml.MarkedYAMLError, line_offset: int) -> YamlProblem:
    """The problem libyaml found, at the place to fix: an unclosed quote at its opening, else where it was found."""
    unclosed = exc.context == UNCLOSED_QUOTE and exc.context_mark is not None
    mark = exc.context_mark if unclosed else exc.problem_mark or exc.context_mark
    line = (mark.line + 1 + line_offset) if mark else 0
    column = (mark.column + 1) if mark else 0
    if unclosed:
        return YamlProblem(codes.YAML_SYNTAX, "YAML syntax error: this quote is never closed", line, column,
                           "close the quote with the same mark, on this line")
    problem = exc.problem or exc.context or "invalid YAML"
    if "nesting depth" in problem:
        # libyaml's own depth guard can fire before our MAX_DEPTH check sees the events.
        return YamlProblem(codes.REFUSED_CONSTRUCT, f"nesting too deep: {problem}", line, column,
                           "flatten the structure")
    return YamlProblem(codes.YAML_SYNTAX, f"YAML syntax error: {problem}", line, column,
                       "check indentation and quoting")


def parse(text: str, line_offset: int = 0) -> Node | None:
    """Parse one YAML document into nodes; ``None`` for an empty document.

    ``line_offset`` is added to every line, for frontmatter that starts below line 1.
    Raises :class:`YamlProblem` for syntax errors and refused constructs.

    Every file the loader reads and every older version history reads passes here, so the loop
    takes the parser's events one by one (no generator) and tells them apart by their exact class,
    the most frequent first; what it builds and refuses is what :func:`_refused` and :func:`_attach`
    say.
    """
    stack: list[Mapping | Sequence] = []
    keys: list[Scalar | None] = []
    root: list[Node] = []
    documents = 0
    try:
        parser = _Parser(text)
        try:
            get: Any = parser.get_event  # its events' own attributes (value, anchor …) by their class
            while (event := get()) is not None:
                kind = type(event)
                if kind is _SCALAR:
                    _refused(event, line_offset)
                    mark = event.start_mark
                    node: Node = Scalar(event.value, mark.line + 1 + line_offset, mark.column + 1,
                                        bool(event.implicit[0]))
                    _attach(node, stack, keys, root)
                elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                    stack.pop()
                    keys.pop()
                elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                    _refused(event, line_offset)
                    line, column = _pos(event, line_offset)
                    if len(stack) >= MAX_DEPTH:
                        raise YamlProblem(codes.REFUSED_CONSTRUCT, f"nesting deeper than {MAX_DEPTH} levels", line,
                                          column, "flatten the structure")
                    node = Mapping(line, column) if kind is _MAPPING_START else Sequence(line, column)
                    _attach(node, stack, keys, root)
                    stack.append(node)
                    keys.append(None)
                elif kind is yaml.DocumentStartEvent:
                    documents += 1
                    if documents > 1:
                        line, column = _pos(event, line_offset)
                        raise YamlProblem(codes.SEVERAL_DOCUMENTS, "frontmatter holds several YAML documents", line,
                                          column, "keep one document between the two '---' lines")
                elif kind is yaml.AliasEvent:
                    line, column = _pos(event, line_offset)
                    raise YamlProblem(codes.REFUSED_CONSTRUCT, f"alias '*{event.anchor}' is not allowed", line,
                                      column, "write the value out in full")
        finally:
            parser.dispose()
    except yaml.MarkedYAMLError as exc:
        raise _syntax_problem(exc, line_offset) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, at a character offset
        before = _before(text, exc.position)
        line, column = before.count("\n") + 1 + line_offset, len(before) - (before.rfind("\n") + 1) + 1
        problem = exc.reason
        raise YamlProblem(codes.YAML_SYNTAX, f"YAML syntax error: {problem}", line, column,
                          "remove the character or write it as an escape inside double quotes") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(codes.YAML_SYNTAX, f"YAML error: {exc}", 1 + line_offset, 1) from None
    return root[0] if root else None


_SCALAR = yaml.ScalarEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


def _pos(event: yaml.Event, line_offset: int) -> tuple[int, int]:
    """An event's 1-based line (moved down by ``line_offset``) and column."""
    mark = event.start_mark
    if mark is None:  # libyaml always sets marks; the stubs allow None
        return 1 + line_offset, 1
    return mark.line + 1 + line_offset, mark.column + 1


def _refused(event: Any, line_offset: int) -> None:
    """Refuse an anchor (``&a``: aliases are how YAML bombs grow) or an explicit tag (``!!python/object``)."""
    if event.anchor is not None:
        line, column = _pos(event, line_offset)
        raise YamlProblem(codes.REFUSED_CONSTRUCT, f"anchor '&{event.anchor}' is not allowed", line, column,
                          "write the value out in full")
    if event.tag is not None and event.tag != "!":
        line, column = _pos(event, line_offset)
        raise YamlProblem(codes.REFUSED_CONSTRUCT, f"tag '{event.tag}' is not allowed", line, column,
                          "remove the tag; the schema decides each field's type")


def _attach(node: Node, stack: list[Mapping | Sequence], keys: list[Scalar | None], root: list[Node]) -> None:
    """Put ``node`` where it belongs: the root, a list's next item, a mapping's next key or that key's value."""
    if not stack:
        root.append(node)
        return
    parent = stack[-1]
    if isinstance(parent, Sequence):
        parent.items.append(node)
        return
    key = keys[-1]
    if key is None:
        if type(node) is not Scalar:
            raise YamlProblem(codes.REFUSED_CONSTRUCT, "mapping keys must be plain text", node.line, node.column)
        keys[-1] = node
        return
    parent.items.append((key, node))
    keys[-1] = None
