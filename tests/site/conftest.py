"""Real MkDocs builds shared by the site tests: the sample portfolio in both languages, and the small fixture."""

from __future__ import annotations

import pytest
from sitebuild import FIXTURE, Built, mkdocs_build, pinned_config, site_build


@pytest.fixture(scope="session")
def sample_en(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample portfolio built in English as ``make site`` builds it."""
    tmp = tmp_path_factory.mktemp("sample-en")
    return site_build(pinned_config(tmp, "mkdocs.yml"), tmp / "site")


@pytest.fixture(scope="session")
def sample_zh(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The sample portfolio built in Chinese as ``make site`` builds it."""
    tmp = tmp_path_factory.mktemp("sample-zh")
    return site_build(pinned_config(tmp, "mkdocs.zh.yml"), tmp / "site")


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The small fixture portfolio (with planted problems and hostile text), built without --strict."""
    tmp = tmp_path_factory.mktemp("fixture")
    return mkdocs_build(FIXTURE / "mkdocs.yml", tmp / "site", cwd=FIXTURE)
