"""The one diagnostic type every stage reports problems with, and its output formats."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

Loc = tuple[str | int, ...]


class Severity(enum.IntEnum):
    """How bad a problem is; configuration can move a rule between levels."""

    INFO = 0
    WARNING = 1
    ERROR = 2

    @property
    def label(self) -> str:
        """Lower-case name used in output formats and configuration."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read a severity name such as ``"warning"``."""
        return cls[text.upper()]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem found in user data, pointing at a 1-based line and column."""

    path: str
    """File path, relative to the working directory when possible."""
    line: int
    """1-based line; 0 when the problem concerns the whole file."""
    column: int
    """1-based column; 0 when unknown."""
    code: str
    """Stable rule code, e.g. ``AP301``."""
    severity: Severity = field(compare=False)
    message: str
    """What was expected and what was found; two problems at one place differ by message."""
    hint: str = field(default="", compare=False)
    """How to fix it."""
    loc: Loc = field(default=(), compare=False)
    """Path into the data, e.g. ``("contacts", 3, "support")``."""

    def one_line(self) -> str:
        """``file:line:col: CODE severity message (hint)`` as compilers print it."""
        text = f"{self.path}:{self.line}:{self.column}: {self.code} {self.severity.label}: {self.message}"
        return f"{text} (hint: {self.hint})" if self.hint else text


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by file and position, dropping exact repeats."""
    return sorted(set(diagnostics))


def format_text(diagnostics: Sequence[Diagnostic]) -> str:
    """Human-readable lines plus a summary count."""
    lines = [d.one_line() for d in diagnostics]
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def format_github(diagnostics: Sequence[Diagnostic]) -> str:
    """GitHub Actions workflow commands, so problems annotate the changed lines."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    out = []
    for d in diagnostics:
        props = f"file={_github_escape(d.path, prop=True)},line={max(d.line, 1)},col={max(d.column, 1)}"
        props += f",title={_github_escape(d.code, prop=True)}"
        message = d.message + (f" (hint: {d.hint})" if d.hint else "")
        out.append(f"::{kinds[d.severity]} {props}::{_github_escape(message)}")
    return "\n".join(out)


def format_json(diagnostics: Sequence[Diagnostic]) -> str:
    """A JSON list of diagnostic objects."""
    rows = []
    for d in diagnostics:
        row = asdict(d)
        row["severity"] = d.severity.label
        row["loc"] = list(d.loc)
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2)


FORMATS = {"text": format_text, "github": format_github, "json": format_json}
