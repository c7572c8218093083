"""A server's log after a save: the new findings and one line counting the rest, not every finding again.

A real ``mkdocs serve --dirty`` of the sample portfolio; the save makes one contact's review overdue (AP308),
and putting the file back makes that warning go.
"""

from __future__ import annotations

import logging
import os
import re
import time
from pathlib import Path

import pytest
from test_incremental import _project

from generator.diagnostics import Diagnostic, Severity
from generator.mkdocs_plugin.report import DOSSIER_LOG, Reporter
from tests.bench.serve import free_port, serving, start

TIMEOUT = 600
SUMMARY = re.compile(r"(\d+) warning\(s\) and note\(s\) as in the last build, not repeated .*; (\d+) gone")


def _findings(text: str) -> list[str]:
    return [line for line in text.splitlines() if re.search(r": AP\d{3} (warning|info|error): ", line)]


def _rebuilt(log: Path, offset: int) -> tuple[str, tuple[str, ...]]:
    """The log a rebuild wrote after ``offset``, and its summary's counts (unchanged, gone)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        text = log.read_text(encoding="utf-8")[offset:]
        summary = SUMMARY.search(text)
        # Not "Documentation built": MkDocs drops that line when it repeats the last one ("in 0.09 seconds").
        if summary and "Reloading browsers" in text[summary.end():]:
            return text, summary.groups()
        time.sleep(0.2)
    raise AssertionError(log.read_text(encoding="utf-8")[-3000:])


def test_a_save_logs_what_changed_and_counts_the_rest(tmp_path: Path) -> None:
    config_file = _project(tmp_path)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ACCOUNTPLAN_CACHE": str(tmp_path / "cache")}
    log = tmp_path / "serve.log"
    contact = tmp_path / "accounts" / "saltmarsh-water" / "contacts" / "c-lars-jensen.md"
    original = contact.read_text(encoding="utf-8")
    with serving(config_file, env, log, port=free_port()) as server:
        assert start(server, str(tmp_path / "accounts"), TIMEOUT) is not None, log.read_text(encoding="utf-8")[-3000:]
        first = log.read_text(encoding="utf-8")
        before = _findings(first)
        assert len(before) > 10 and not any("AP308" in line for line in before)  # every finding, once

        contact.write_text(original.replace("review_by: 2027-03-15", "review_by: 2020-01-01"), encoding="utf-8")
        saved, counts = _rebuilt(log, len(first))
        (new,) = _findings(saved)
        assert "c-lars-jensen.md:15:12: AP308 warning:" in new
        assert counts == (str(len(before)), "0")

        contact.write_text(original, encoding="utf-8")
        undone, counts = _rebuilt(log, len(first) + len(saved))
        assert _findings(undone) == []
        assert counts == (str(len(before)), "1")


def _logged(reporter: Reporter, diagnostics: list[Diagnostic], caplog: pytest.LogCaptureFixture) -> list[str]:
    caplog.clear()
    with caplog.at_level(logging.INFO, logger=DOSSIER_LOG):
        reporter.report(diagnostics, "en", changes_only=True)
    return [record.getMessage() for record in caplog.records]


def test_a_finding_moved_by_a_save_is_the_same_one(caplog: pytest.LogCaptureFixture) -> None:
    """Lines added above a finding move it; it is not logged again, nor counted gone. A changed severity, a second
    finding with the same words elsewhere in the file, and every error are logged."""
    def at(line: int, severity: Severity = Severity.WARNING, code: str = "AP308") -> Diagnostic:
        return Diagnostic("a/c.md", line, 3, code, severity, "review overdue")

    reporter = Reporter()
    assert len(_logged(reporter, [at(4), at(9, Severity.INFO, "AP200"), at(5, Severity.ERROR, "AP101")], caplog)) == 3
    moved = _logged(reporter, [at(6), at(11, Severity.INFO, "AP200"), at(7, Severity.ERROR, "AP101")], caplog)
    assert moved[0].startswith("a/c.md:7:3: AP101 error") and len(moved) == 2
    assert SUMMARY.search(moved[1]).groups() == ("2", "0")  # type: ignore[union-attr]
    changed = _logged(reporter, [at(6), at(8), at(11, Severity.WARNING, "AP200")], caplog)
    assert [line.split(": ")[1] for line in changed[:-1]] == ["AP308 warning", "AP200 warning"]
    assert SUMMARY.search(changed[-1]).groups() == ("1", "1")  # type: ignore[union-attr]
