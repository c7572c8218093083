"""Read one file safely: size, encoding, frontmatter, YAML, then the schema.

Everything that can be wrong with a file becomes a :class:`Diagnostic` with file, line
and column; nothing raises for bad input. Pure functions of (path, bytes), so files can
be loaded in a process pool and cached by content.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Diagnostic, Severity
from ..model import codes
from ..model.document import Document
from ..model.ids import RESERVED, SLUG, slug_problem
from ..model.keys import content_digest
from ..neutralise import BIDI, CONTROL, REPLACEMENT
from .convert import INVALID, Converter
from .yamlnodes import Mapping, YamlProblem, parse

MAX_BYTES = 1_000_000
"""Files above this size are refused before parsing."""

__all__ = ["MAX_BYTES", "RESERVED", "SLUG", "decode", "error", "load_document", "slug_problem", "split_frontmatter"]


def error(path: str, line: int, column: int, code: str, message: str, hint: str = "") -> Diagnostic:
    """An error diagnostic about a file."""
    return Diagnostic(path, line, column, code, Severity.ERROR, message, hint)


def decode(path: str, raw: bytes) -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text without BOM and with ``\\n`` line ends, or an error at the bad byte."""
    if len(raw) > MAX_BYTES:
        return None, [error(path, 0, 0, codes.FILE_TOO_LARGE, f"file is larger than the limit of {MAX_BYTES:,} bytes",
                            "split the file or move attachments out of the repository")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [
            error(
                path,
                line,
                column,
                codes.NOT_UTF8,
                f"bytes are not UTF-8 at byte offset {exc.start} (0x{raw[exc.start]:02x})",
                "re-save the file as UTF-8; text pasted from Word often brings cp1252 dashes and quotes",
            )
        ]
    if text.startswith("\ufeff"):
        text = text[1:]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def split_frontmatter(path: str, text: str) -> tuple[str, str, int] | Diagnostic:
    """``(yaml, body, body_line)`` from a Markdown file that opens with ``---``."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return error(path, 1, 1, codes.FRONTMATTER_MISSING, "file does not start with '---' frontmatter",
                     "put the YAML between two '---' lines at the top")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 2
    return error(path, 1, 1, codes.FRONTMATTER_MISSING, "frontmatter is not closed", "add a '---' line after the YAML")


def load_document(path: str, raw: bytes, model: type, *, markdown: bool = True,
                  partial: bool = False) -> tuple[Document[Any] | None, list[Diagnostic]]:
    """Load one file into a :class:`Document` of ``model``; ``None`` when unusable.

    With ``partial``, a file whose frontmatter parsed but broke the schema gives a
    :attr:`Document.partial` document instead of ``None``, for the reference rules.
    """
    text, problems = decode(path, raw)
    if text is None:
        return None, problems
    text, controls = _control_characters(path, text)
    if markdown:
        split = split_frontmatter(path, text)
        if isinstance(split, Diagnostic):
            return None, [*controls, split]
        source, body, body_line = split
        offset = 1
    else:
        source, body, body_line, offset = text, "", 0, 0
    try:
        root = parse(source, line_offset=offset)
    except YamlProblem as exc:
        return None, [*controls, error(path, exc.line, exc.column, exc.code, exc.message, exc.hint)]
    if not isinstance(root, Mapping):
        found = "empty" if root is None else ("a list" if not hasattr(root, "value") else "a single value")
        message = f"frontmatter must be a mapping of keys, found {found}"
        return None, [*controls, error(path, 1 + offset, 1, codes.FRONTMATTER_MISSING,
                                       message, "write 'key: value' lines")]
    duplicates = duplicate_keys(path, root)
    converter = Converter(path)
    data = converter.record(root, model)
    diagnostics = controls + duplicates + converter.diagnostics + _bidi_in_body(path, body, body_line)
    digest = content_digest(raw)
    if data is INVALID:
        if not partial or converter.partial is None:
            return None, diagnostics
        incomplete = Document(path, converter.partial, converter.positions, body, body_line, digest, partial=True)
        return incomplete, diagnostics
    return Document(path, data, converter.positions, body, body_line, digest), diagnostics


def _control_characters(path: str, text: str) -> tuple[str, list[Diagnostic]]:
    """``text`` with each control character (:data:`generator.neutralise.CONTROL`) replaced by U+FFFD, and
    one AP108 error per line holding any, at the first one.

    Replacing keeps every other position exact and lets the rest of the file load (YAML refuses
    a raw control character, so the file would otherwise give a second, vaguer error).
    """
    if not CONTROL.search(text):  # the common case, without splitting the file into lines
        return text, []
    found: list[Diagnostic] = []
    for number, line in enumerate(text.split("\n"), start=1):
        match = CONTROL.search(line)
        if match:
            found.append(error(path, number, match.start() + 1, codes.CONTROL_CHARACTER,
                               f"text contains the control character U+{ord(match.group()):04X}",
                               "delete it; control characters (NUL, escape codes …) have no place in text"))
    return CONTROL.sub(REPLACEMENT, text), found


def _bidi_in_body(path: str, body: str, body_line: int) -> list[Diagnostic]:
    """Bidi control characters in the Markdown body, one error per line holding any."""
    found: list[Diagnostic] = []
    if not BIDI.search(body):  # the common case, without splitting the body into lines
        return found
    for number, line in enumerate(body.split("\n"), start=body_line):
        match = BIDI.search(line)
        if match:
            found.append(error(path, number, match.start() + 1, codes.BIDI_CONTROL,
                               f"body text contains the bidirectional control character U+{ord(match.group()):04X}",
                               "delete the invisible character; it can make text read differently from what it is"))
    return found


def duplicate_keys(path: str, root: Mapping) -> list[Diagnostic]:
    """Duplicate keys in any mapping, naming both lines."""
    found: list[Diagnostic] = []
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            seen: dict[str, int] = {}
            for key, value in node.items:
                if key.value in seen:
                    found.append(error(path, key.line, key.column, codes.DUPLICATE_KEY,
                                       f"duplicate key '{key.value}' (first on line {seen[key.value]})",
                                       "keep one of the two; YAML would silently use the last"))
                else:
                    seen[key.value] = key.line
                stack.append(value)
        elif hasattr(node, "items"):
            stack.extend(node.items)
    return found
