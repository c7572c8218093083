"""Every generated page of the sample, in both languages and both build profiles, byte for byte.

The pipeline's stages may be reorganised, cached or sped up; what they produce may not drift unnoticed.
Each (language, profile) pair has a manifest of the SHA-256 of every page :func:`generator.pipeline.generate`
gives for ``accounts/`` as of the pinned date. After an intended change to the pages, regenerate with
``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_pipeline_golden.py`` and review the changed lines.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import load_settings
from generator.pipeline import gather, generate, run

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "golden"
TODAY = dt.date(2026, 11, 27)
PROFILES = {"internal": "internal", "restricted": "restricted"}


def manifest(lang: str, profile: str) -> str:
    """``digest  path`` of every page of the sample in ``lang`` for ``profile``, one line each, sorted by path."""
    settings = replace(load_settings(str(ROOT / "mkdocs.yml")), today=TODAY)
    # Last-change dates come from git (a shallow clone or a new commit moves them): left out here, tested
    # in tests/site/test_changed.py.
    pages = generate(replace(gather(settings, profile), changed={}), settings, lang)
    return "".join(f"{hashlib.sha256(text.encode()).hexdigest()}  {path}\n" for path, text in sorted(pages.items()))


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_every_page_matches_its_golden_digest(lang: str, profile: str) -> None:
    golden = GOLDEN / f"pages-{lang}-{profile}.sha256"
    found = manifest(lang, profile)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(found, encoding="utf-8")
    assert found.count("\n") > 20, "the sample should give dozens of pages"
    assert found == golden.read_text(encoding="utf-8")


def test_profiles_and_languages_give_different_pages() -> None:
    """The manifests are not all the same (the test above would then prove little)."""
    texts = {(golden.read_text(encoding="utf-8")) for golden in GOLDEN.glob("pages-*.sha256")}
    assert len(texts) == 4


def test_plain_files_are_the_pages_the_site_is_built_from(tmp_path: Path) -> None:
    """``accountplan render`` (:func:`generator.pipeline.run`) writes exactly what :func:`generate` gives."""
    settings = replace(load_settings(str(ROOT / "mkdocs.yml")), today=TODAY)
    _, written = run(settings, "restricted", "zh", str(tmp_path))
    pages = generate(gather(settings, "restricted", timeline=True), settings, "zh")
    assert written == len(pages)
    for path, text in pages.items():
        assert (tmp_path / path).read_text(encoding="utf-8") == text
