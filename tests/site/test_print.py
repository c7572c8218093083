"""An account page printed by Chromium (``--print-to-pdf``) is a complete briefing: read back with ``pdftotext``."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from headless import find_chromium, serve
from sitebuild import Built

from generator.load.portfolio import load_portfolio

CHROMIUM = find_chromium()
PDFTOTEXT = shutil.which("pdftotext")
pytestmark = [
    pytest.mark.skipif(CHROMIUM is None, reason="no chromium binary (Debian: apt-get install chromium)"),
    pytest.mark.skipif(PDFTOTEXT is None, reason="no pdftotext (Debian: apt-get install poppler-utils)"),
]
SLUG = "helios-telecom"


def print_to_pdf(site: Path, path: str, out: Path) -> list[str]:
    """Print one page of a built site to ``out``; the text of each page of the PDF."""
    assert CHROMIUM is not None and PDFTOTEXT is not None
    with serve(str(site)) as base, tempfile.TemporaryDirectory(prefix="ap-print-") as profile:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                        "--no-pdf-header-footer", "--virtual-time-budget=5000", f"--print-to-pdf={out}",
                        base + path], check=True, capture_output=True, timeout=120)
    text = subprocess.run([PDFTOTEXT, "-layout", str(out), "-"], check=True, capture_output=True,
                          text=True).stdout
    return text.split("\f")


@pytest.fixture(scope="module")
def printed(sample_en: Built, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    return print_to_pdf(sample_en.site, f"accounts/{SLUG}/", tmp_path_factory.mktemp("print") / "account.pdf")


def _contacts() -> list[tuple[str, list[str]]]:
    portfolio = load_portfolio(str(Path(__file__).resolve().parents[2] / "accounts"))
    dossier = next(d for d in portfolio.dossiers if d.slug == SLUG)
    people = portfolio.people
    return [(c.data.name, [people[o].name for o in c.data.owners]) for c in dossier.contacts]


def test_every_contact_and_owner_is_on_paper(printed: list[str]) -> None:
    text = re.sub(r"\s+", " ", " ".join(printed))
    contacts = _contacts()
    assert len(contacts) > 10
    for name, owners in contacts:
        assert name in text
        for owner in owners:
            assert owner in text
    for header in ("Our owners", "Notes", "Reports to", "Coach"):
        assert header in text


def test_contacts_table_repeats_its_header_on_each_page(printed: list[str]) -> None:
    first = next(i for i, p in enumerate(printed) if "Department" in p and "Notes" in p)
    after = next(i for i, p in enumerate(printed) if "Key relationships: intimacy × support" in p)  # next section
    assert after - first >= 2  # the table is long enough to need more than one page
    for page in printed[first:after]:
        assert "Department" in page and "Notes" in page  # words of the header row (others wrap onto 2 lines)


def test_no_page_is_left_nearly_blank(printed: list[str]) -> None:
    pages = [p for p in printed if p.strip()]
    lines = [len([line for line in p.splitlines() if line.strip()]) for p in pages[:-1]]
    assert min(lines) >= 8, lines


def test_scorecard_summary_fits_one_page(printed: list[str]) -> None:
    start = next(i for i, p in enumerate(printed) if "Total score" in p and "KPI results" in p)
    summary = printed[start]
    for label in ("Total score", "KPI results", "Sales per head", "Customer meetings per week"):
        assert label in summary
    assert any("Formula" in p for p in printed[start:])  # the detail follows the summary
