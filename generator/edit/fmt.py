"""One canonical form for frontmatter: ``accountplan fmt``.

The YAML is rewritten by ruamel.yaml's round-trip dumper with every scalar kept as text
(the schema, not YAML, decides types), so ``010``, ``NO`` and ``1.10`` stay as written,
quotes stay where they were, and comments stay. Then two line-based passes run over the
dumped text: full-line comments take the indentation of the line they sit directly above,
and keys are put in the model's field order (unknown keys after the known ones, in their
own order), each key moving with the comment lines directly above it.

A result is written only after a safety check: the file is parsed before and after with
the project's own YAML reader and the two trees must hold the same keys, values and
quoting, and the Markdown body must be the same text. Otherwise the file is left alone
and reported. The body is never touched; a BOM and CRLF line ends are normalized away.
"""

from __future__ import annotations

import dataclasses
import io
import itertools
import os
import re
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError as RuamelError
from ruamel.yaml.resolver import VersionedResolver

from ..diagnostics import Diagnostic
from ..load.discover import bad_name, discover
from ..load.files import decode, duplicate_keys, error, split_frontmatter
from ..load.tasks import read_regular
from ..load.yamlnodes import Mapping, Node, Scalar, Sequence, YamlProblem, parse
from ..model import Account, Action, Activity, Contact, Opportunity, Roster, codes
from ..model.portfolio import ACCOUNT, ROSTER
from ..model.spec import fields, hints
from ..publish.atomic import target_in, write_text_atomic

_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_NULL_TEXT = frozenset({"", "~", "null", "Null", "NULL"})


class _TextResolver(VersionedResolver):
    """Resolves every plain scalar to text except an empty value or null, so nothing changes type."""

    @property
    def versioned_resolver(self) -> Any:
        """Only the null resolver, for every YAML version (a fresh dict: ruamel mutates the lists)."""
        return {first: [("tag:yaml.org,2002:null", _NULL)] for first in ("", "~", "n", "N")}


def round_trip_yaml() -> YAML:
    """A round-trip YAML instance with the canonical layout."""
    rt = YAML(typ="rt")
    rt.Resolver = _TextResolver
    rt.preserve_quotes = True
    rt.indent(mapping=2, sequence=4, offset=2)
    rt.width = 1_000_000  # never wrap long text: a one-word edit must stay a one-line diff
    rt.allow_unicode = True
    return rt


@dataclass
class FmtResult:
    """What formatting one file found."""

    path: str
    changed: bool = False
    """The canonical text differs from the file."""
    text: str | None = None
    """The canonical text, when the file could be formatted."""
    problems: list[Diagnostic] = field(default_factory=list)
    """Why the file was left alone."""


def model_for(path: str) -> tuple[type | None, bool]:
    """The model class that orders a file's keys (``None`` if unknown) and whether it has frontmatter."""
    name = os.path.basename(path)
    if name == ROSTER:
        return Roster, False
    if name == ACCOUNT:
        return Account, True
    folder = os.path.basename(os.path.dirname(os.path.abspath(path)))
    return {"contacts": Contact, "activities": Activity, "opportunities": Opportunity,
            "actions": Action}.get(folder), True


def format_source(path: str, raw: bytes) -> FmtResult:
    """The canonical text of one file's bytes; ``problems`` says why not when it cannot be formatted."""
    result = FmtResult(path)
    text, problems = decode(path, raw)
    if text is None:
        result.problems = problems
        return result
    model, markdown = model_for(path)
    body: str | None = None
    source, offset = text, 0
    if markdown:
        split = split_frontmatter(path, text)
        if isinstance(split, Diagnostic):
            result.problems = [split]
            return result
        source, body, _ = split
        offset = 1
    try:
        root = parse(source, line_offset=offset)
        duplicates = duplicate_keys(path, root) if isinstance(root, Mapping) else []
        if duplicates:  # the loader's own message, naming both lines
            result.problems = duplicates
            return result
        formatted = format_yaml(source, model, line_offset=offset)
    except YamlProblem as exc:
        result.problems = [error(path, exc.line, exc.column, exc.code, exc.message, exc.hint)]
        return result
    except RuamelError as exc:
        result.problems = [error(path, 1 + offset, 1, codes.YAML_SYNTAX,
                                 f"YAML cannot be formatted: {_first_line(exc)}",
                                 "run 'accountplan check' for the exact problem")]
        return result
    if formatted is None:
        result.problems = [error(path, 1 + offset, 1, codes.FRONTMATTER_MISSING,
                                 "frontmatter is not a mapping of keys; left unchanged",
                                 "write 'key: value' lines")]
        return result
    result.text = f"---\n{formatted}---\n{body}" if body is not None else formatted
    result.changed = result.text.encode("utf-8") != raw
    return result


def format_yaml(source: str, model: type | None, *, line_offset: int = 0) -> str | None:
    """Canonical YAML text for ``source``; ``None`` unless it is a mapping.

    Raises :class:`YamlProblem` for YAML the project refuses (and for a formatting that
    would change the data, which is a bug guard: it should never happen).
    """
    before = parse(source, line_offset)  # refuses anchors, tags and syntax errors with a position, like the loader
    if not isinstance(before, Mapping):
        return None
    data = round_trip_yaml().load(source)
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    text = reindent_comments(out.getvalue())
    if model is not None:
        text = _order_keys(text, model)
    after = parse(text)
    if canonical(before) != canonical(after):
        raise YamlProblem(codes.YAML_SYNTAX,
                          "formatting would change the data; the file was left unchanged", 1 + line_offset, 1,
                          "please report this file to the maintainers")
    return text


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def canonical(node: Node | None) -> Any:
    """The data a node tree holds, independent of layout and key order (null spellings are one)."""
    if node is None:
        return None
    if isinstance(node, Scalar):
        return None if node.plain and node.value in _NULL_TEXT else (node.value, node.plain)
    if isinstance(node, Sequence):
        return [canonical(item) for item in node.items]
    return sorted((key.value, canonical(value)) for key, value in node.items)


def _protected(text: str) -> set[int]:
    """0-based lines inside multi-line scalars (block text may hold lines that look like comments)."""
    lines: set[int] = set()
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        start, stop = event.start_mark, event.end_mark
        if isinstance(event, yaml.ScalarEvent) and start and stop and stop.line > start.line:
            lines.update(range(start.line + 1, stop.line + (1 if stop.column else 0)))
    return lines


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_comment(lines: list[str], i: int, protected: set[int]) -> bool:
    return i not in protected and lines[i].lstrip().startswith("#")


def reindent_comments(text: str) -> str:
    """Give each run of comment lines directly above a content line that line's indentation."""
    lines = text.split("\n")
    protected = _protected(text)
    target: int | None = None  # indentation of the content line below, while walking up through comments
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if _is_comment(lines, i, protected):
            if target is not None:
                lines[i] = " " * target + line.lstrip()
        elif line.strip() and i not in protected:
            target = _indent(line)
        else:
            target = None  # a blank line: comments above it stand on their own
    return "\n".join(lines)


def _walk(node: Mapping, model: type) -> Iterator[tuple[Mapping, type]]:
    """Every block mapping with the model class that orders it, outermost first."""
    yield node, model
    known = fields(model)
    for key, value in node.items:
        if key.value not in known:
            continue
        hint = _unwrap(hints(model)[key.value])
        if typing.get_origin(hint) is list:
            item_hint = _unwrap(typing.get_args(hint)[0])
            if dataclasses.is_dataclass(item_hint) and isinstance(value, Sequence):
                for item in value.items:
                    if isinstance(item, Mapping):
                        yield from _walk(item, typing.cast(type, item_hint))
        elif dataclasses.is_dataclass(hint) and isinstance(value, Mapping):
            yield from _walk(value, typing.cast(type, hint))


def _unwrap(hint: Any) -> Any:
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        return next(a for a in typing.get_args(hint) if a is not type(None))
    return hint


def _wanted(keys: list[str], model: type) -> list[str]:
    """Known keys in the model's field order, then unknown keys in their own order."""
    rank = {name: i for i, name in enumerate(fields(model))}
    return sorted(keys, key=lambda k: (0, rank[k]) if k in rank else (1, keys.index(k)))


def _order_keys(text: str, model: type) -> str:
    """Reorder one mapping at a time until every mapping follows the model."""
    for _ in range(10_000):  # each pass fixes one mapping; the bound only guards against a bug looping
        root = parse(text)
        if not isinstance(root, Mapping):
            return text
        lines = text.split("\n")
        for mapping, cls in _walk(root, model):
            keys = [key.value for key, _ in mapping.items]
            want = _wanted(keys, cls)
            rows = [key.line for key, _ in mapping.items]
            if want == keys or rows != sorted(set(rows)) or lines[mapping.line - 1][mapping.column - 1] == "{":
                continue
            text = "\n".join(_move_blocks(lines, mapping, want, _protected(text)))
            break
        else:
            return text
    return text


def _move_blocks(lines: list[str], mapping: Mapping, want: list[str], protected: set[int]) -> list[str]:
    """``lines`` with the mapping's key blocks in the order ``want``."""
    rows = [key.line - 1 for key, _ in mapping.items]
    col = mapping.items[0][0].column - 1
    prefix = lines[rows[0]][:col]
    in_item = prefix.strip() != ""  # the first key shares its line with a sequence dash
    starts = [rows[0]]
    for before, row in itertools.pairwise(rows):
        start = row
        while not in_item and start - 1 > before and _is_comment(lines, start - 1, protected):
            start -= 1
        starts.append(start)
    end = rows[-1] + 1
    while end < len(lines) and (end in protected or not lines[end].strip() or _indent(lines[end]) >= col):
        end += 1
    while end - 1 > rows[-1] and not lines[end - 1].strip() and end - 1 not in protected:
        end -= 1
    bounds = [*starts, end]
    blocks = {key.value: lines[bounds[i] : bounds[i + 1]] for i, (key, _) in enumerate(mapping.items)}
    if in_item:
        first = blocks[mapping.items[0][0].value]
        first[0] = " " * col + first[0][col:]
        moved = blocks[want[0]]
        moved[0] = prefix + moved[0][col:]
    # Blank lines between blocks stay where they were by position, so the last block never gains a trailing one.
    gaps = [_trailing_blanks(blocks[key.value]) for key, _ in mapping.items]
    ordered = []
    for key, gap in zip(want, gaps, strict=True):
        block = blocks[key]
        ordered += block[: len(block) - _trailing_blanks(block)] + [""] * gap
    return lines[: starts[0]] + ordered + lines[end:]


def _trailing_blanks(block: list[str]) -> int:
    count = 0
    while count < len(block) - 1 and not block[len(block) - 1 - count].strip():
        count += 1
    return count


def dossier_files(paths: list[str]) -> tuple[list[str], list[Diagnostic]]:
    """Files to format: each named file, and every dossier file under each named folder."""
    found: list[str] = []
    problems: list[Diagnostic] = []
    for path in paths:
        if os.path.isdir(path):
            if os.path.isfile(os.path.join(path, ACCOUNT)):  # one account folder: scan its parent, keep its files
                tasks, issues = discover(os.path.dirname(os.path.abspath(path)))
                inside = os.path.abspath(path) + os.sep
                found.extend(t.path for t in tasks if os.path.abspath(t.path).startswith(inside))
            else:
                tasks, issues = discover(path)
                found.extend(t.path for t in tasks)
                problems.extend(issues)
        elif os.path.islink(path):
            problems.append(error(path, 0, 0, codes.SYMLINK,
                                  "symbolic links are not formatted", "format the file itself"))
        elif os.path.isfile(path):
            name = os.path.basename(path)
            # A name the loader refuses (AP004): the file is never read, so it is not formatted either.
            refused = None if name in (ACCOUNT, ROSTER) else bad_name(path, os.path.splitext(name)[0])
            if refused is not None:
                problems.append(refused)
            else:
                found.append(path)
        elif os.path.lexists(path):
            problems.append(error(path, 0, 0, codes.NOT_UTF8, "not a regular file", "format the dossier file itself"))
        else:
            problems.append(error(path, 0, 0, codes.FRONTMATTER_MISSING, "no such file or folder"))
    return sorted(dict.fromkeys(found)), problems


def format_files(paths: list[str], *, write: bool = True) -> list[FmtResult]:
    """Format every file; write the changed ones atomically unless ``write`` is false."""
    results = []
    for path in paths:
        try:
            raw = read_regular(path)
        except OSError as exc:
            results.append(FmtResult(path, problems=[error(path, 0, 0, codes.NOT_UTF8,
                                                           f"cannot read file: {exc.strerror}")]))
            continue
        result = format_source(path, raw)
        if write and result.changed and result.text is not None:
            # In place only: a name that resolves elsewhere (a symbolic link) is refused, not followed.
            folder, name = os.path.split(os.path.abspath(path))
            write_text_atomic(target_in(folder, name), result.text)
        results.append(result)
    return results
