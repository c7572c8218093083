"""The one diagnostic type every stage reports problems with, and its output formats."""

from __future__ import annotations

import enum
import json
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from .neutralise import shown_name

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
    """File path, relative to the working directory when possible; as shown (:func:`generator.neutralise.shown_name`:
    whoever names a file chooses the bytes a terminal, a CI log or a page would otherwise print)."""
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

    def __post_init__(self) -> None:
        shown = shown_name(self.path)  # every tool's problems, whichever stage named the file (fmt, config, load)
        if shown is not self.path:
            object.__setattr__(self, "path", shown)

    def one_line(self, rules_page: str | None = None) -> str:
        """``file:line:col: CODE severity message (hint)`` as compilers print it, and the rule's page if known."""
        text = f"{self.path}:{self.line}:{self.column}: {self.code} {self.severity.label}: {self.message}"
        text = f"{text} (hint: {self.hint})" if self.hint else text
        url = rule_url(self.code, rules_page)
        return f"{text} — {url}" if url else text


def rule_url(code: str, rules_page: str | None) -> str | None:
    """The address of a rule's section on the site's rule reference page (``…/rules/#ap301``), if the site has one."""
    return f"{rules_page}#{code.lower()}" if rules_page else None


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sort by file and position, dropping exact repeats.

    The order of :class:`Diagnostic`'s comparison, by a key: tens of thousands of dataclass comparisons (each a
    tuple built in Python) cost a quarter of a re-check at 1,000 accounts."""
    return sorted(set(diagnostics), key=lambda d: (d.path, d.line, d.column, d.code, d.message))


def format_text(diagnostics: Sequence[Diagnostic], rules_page: str | None = None) -> str:
    """Human-readable lines plus a summary count; with ``rules_page``, each line links to its rule."""
    lines = [d.one_line(rules_page) for d in diagnostics]
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    lines.append(f"{errors} error(s), {warnings} warning(s)")
    return "\n".join(lines)


def _github_escape(text: str, *, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def _shown_file(path: str) -> str:
    """A file GitHub can attach an annotation to: for a folder, its account.md or else its first file."""
    if not os.path.isdir(path):
        return path
    preferred = os.path.join(path, "account.md")
    if os.path.isfile(preferred):
        return preferred
    pending = [path]  # depth first, by name, as os.walk would; without its recursion (a folder 1,100 deep)
    while pending:
        try:
            with os.scandir(pending.pop()) as found:
                entries = sorted(found, key=lambda e: e.name)
        except OSError:
            continue
        files = [e.path for e in entries if not e.is_dir(follow_symlinks=False)]
        if files:
            return shown_name(files[0])  # a name found here, not yet shown
        pending.extend(reversed([e.path for e in entries if e.is_dir(follow_symlinks=False)]))
    return path


def within(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or lies under it, both named alike (absolute, and both shown or both real)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def place(path: str) -> str:
    """``path`` made absolute, as diagnostics show paths: the form to compare a diagnostic's file with a folder's
    path (a shown name is escaped, :func:`generator.neutralise.shown_name`, and escaping twice changes nothing)."""
    return shown_name(os.path.abspath(path))


def format_github(diagnostics: Sequence[Diagnostic], rules_page: str | None = None) -> str:
    """GitHub Actions workflow commands, so problems annotate the changed lines (and link to their rule)."""
    kinds = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
    out = []
    for d in diagnostics:
        shown = _shown_file(d.path)
        props = f"file={_github_escape(shown, prop=True)},line={max(d.line, 1)},col={max(d.column, 1)}"
        props += f",title={_github_escape(d.code, prop=True)}"
        message = ("" if shown == d.path else f"{d.path}/: ") + d.message + (f" (hint: {d.hint})" if d.hint else "")
        url = rule_url(d.code, rules_page)
        message += f"\n\nSee {url}" if url else ""
        out.append(f"::{kinds[d.severity]} {props}::{_github_escape(message)}")
    return "\n".join(out)


def format_json(diagnostics: Sequence[Diagnostic], rules_page: str | None = None) -> str:
    """A JSON list of diagnostic objects; ``url`` is the rule's page, or null when the site has no address."""
    rows = []
    for d in diagnostics:
        row = asdict(d)
        row["severity"] = d.severity.label
        row["loc"] = list(d.loc)
        row["url"] = rule_url(d.code, rules_page)
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, indent=2)


FORMATS = {"text": format_text, "github": format_github, "json": format_json}
