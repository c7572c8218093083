"""The theme's navigation partials rendered once per place write the same site as rendered for every page (issue 18)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import mkdocs_build, pinned_config


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def test_remembered_navigation_gives_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = pinned_config(tmp_path, "mkdocs.yml")
    remembered = mkdocs_build(config, tmp_path / "remembered")
    monkeypatch.setenv("ACCOUNTPLAN_PARTIALS", "0")  # every page renders its navigation in full
    full = mkdocs_build(config, tmp_path / "full")
    assert remembered.returncode == 0 and full.returncode == 0, remembered.log + full.log
    ours, theirs = _files(remembered.site), _files(full.site)
    assert ours.keys() == theirs.keys()
    assert [name for name in ours if ours[name] != theirs[name]] == []
    # Pages in the navigation (the portfolio) and outside it (an account) both went through the partials.
    assert 'md-nav__item--active' in remembered.page("accounts")
    assert 'md-tabs__link' in remembered.page("accounts/helios-telecom")
