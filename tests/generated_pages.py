"""The generated pages of the sample and the hostile fixture as MkDocs hands them on, for the issue 18 tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.config import Settings
from generator.incremental.compose import compose
from generator.incremental.lift import lift
from generator.pipeline import gather
from generator.render.direct import Converted, Permalink, convert

REPO = Path(__file__).resolve().parents[1]
ACCOUNTS = [REPO / "accounts", REPO / "tests" / "site" / "fixture" / "accounts"]
IDS = ["sample", "hostile-fixture"]


def bodies(accounts: Path, lang: str) -> Iterator[tuple[str, str]]:
    """Every generated page's source path and body (lifted, no frontmatter), as the plugin hands it to MkDocs."""
    settings = Settings.from_mapping({"accounts": str(accounts), "today": "2026-11-27"}, base_dir=str(REPO))
    blocks: dict[str, str] = {}
    pages = compose(gather(settings), settings, lang, blocks)
    for src in pages:
        yield src, lift(pages[src], blocks).split("\n---\n", 1)[1]


def converted(accounts: Path, lang: str) -> Iterator[tuple[str, str, Converted | None]]:
    """Each page's source path, body and direct conversion (with the site's permalinks)."""
    for src, body in bodies(accounts, lang):
        yield src, body, convert(body, Permalink())
