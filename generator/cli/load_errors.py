"""Loading errors of a revision read from git (``diff``, ``score --rev``), printed as ``check`` prints them.

The revision is unpacked into a temporary folder; its paths are shown as the repository names
them (``accounts/acme/contacts/c-bob.md``), with the revision, not as the temporary folder.
"""

from __future__ import annotations

import dataclasses
import os
import sys

from ..diagnostics import Severity, format_text, sort_diagnostics, within
from ..model.portfolio import Portfolio
from ..translate import diagnostics as translated
from ..translate import t as _t


def print_load_errors(portfolio: Portfolio, folder: str, shown: str, rev: str, lang: str) -> int:
    """Print the loading errors of ``portfolio`` (read from ``folder``, shown as ``shown``) to stderr; their count."""
    errors = [d for d in portfolio.diagnostics if d.severity is Severity.ERROR]
    if not errors:
        return 0
    prefix = os.path.abspath(folder)
    renamed = [dataclasses.replace(d, path=_shown(d.path, prefix, shown)) for d in errors]
    print(_t("loading errors at {rev}:", lang, rev=rev), file=sys.stderr)
    print(format_text(translated(sort_diagnostics(renamed), lang)), file=sys.stderr)
    return len(errors)


def _shown(file: str, prefix: str, shown: str) -> str:
    """``file`` under the temporary ``prefix`` as the repository's path ``shown``/…; any other path unchanged."""
    full = os.path.abspath(file)
    if within(full, prefix):
        rest = os.path.relpath(full, prefix).replace(os.sep, "/")
        return shown if rest == "." else f"{shown}/{rest}"
    return file
