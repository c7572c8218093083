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


def test_pages_outside_the_navigation_reuse_the_rendered_partials(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """MkDocs marks every page active while rendering it: only a page in the navigation (or with a parent there,
    which its active mark reaches) is rendered in full; an account page reuses what another at its depth made."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.mkdocs_plugin import partials

    keys: list[bool] = []
    key = partials._Remembered.key
    monkeypatch.setattr(partials._Remembered, "key",
                        lambda self, context, name: keys.append(key(self, context, name) is not None) or key(
                            self, context, name))
    monkeypatch.setenv("ACCOUNTPLAN_CACHE", "off")
    config = load_config(str(pinned_config(tmp_path, "mkdocs.yml")), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    assert keys.count(True) > keys.count(False) > 0  # account and person pages outnumber the navigation's


def test_a_relative_homepage_link_is_right_on_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Material links the logo to ``extra.homepage`` made relative to the page (``| url``): two account pages at the
    same depth see the same navigation links but not the same homepage link."""
    import yaml

    config = pinned_config(tmp_path, "mkdocs.yml")
    parsed = yaml.safe_load(config.read_text(encoding="utf-8"))
    parsed["extra"] = {"homepage": "accounts/helios-telecom/"}
    config.write_text(yaml.safe_dump(parsed, allow_unicode=True), encoding="utf-8")
    remembered = mkdocs_build(config, tmp_path / "remembered")
    monkeypatch.setenv("ACCOUNTPLAN_PARTIALS", "0")
    full = mkdocs_build(config, tmp_path / "full")
    assert remembered.returncode == 0 and full.returncode == 0, remembered.log + full.log
    ours, theirs = _files(remembered.site), _files(full.site)
    assert [name for name in ours if ours[name] != theirs[name]] == []


def test_a_theme_override_of_a_partial_that_reads_the_page_is_rendered_for_every_page(tmp_path: Path) -> None:
    """A ``custom_dir`` may override a navigation partial with one that reads the page: its output differs per page,
    so no page may reuse another's."""
    import shutil

    import yaml

    config = pinned_config(tmp_path, "mkdocs.yml")
    parsed = yaml.safe_load(config.read_text(encoding="utf-8"))
    theme = tmp_path / "theme"
    shutil.copytree(parsed["theme"]["custom_dir"], theme)
    (theme / "partials").mkdir(exist_ok=True)
    (theme / "partials" / "nav.html").write_text("<!-- page: {{ page.title }} -->\n", encoding="utf-8")
    parsed["theme"]["custom_dir"] = str(theme)
    config.write_text(yaml.safe_dump(parsed, allow_unicode=True), encoding="utf-8")
    built = mkdocs_build(config, tmp_path / "site")
    assert built.returncode == 0, built.log
    assert "<!-- page: Helios Telecom Group -->" in built.page("accounts/helios-telecom")
    assert "<!-- page: Atlas Freight Lines -->" in built.page("accounts/atlas-freight")


@pytest.mark.parametrize("target", ["partials/footer.html", "partials/nav-item.html"])
def test_a_partial_linked_to_another_of_material_s_files_counts_as_overridden(tmp_path: Path, target: str) -> None:
    """A ``custom_dir`` partial that is a link into Material's templates is Material's own only when it is Material's
    file of the same name (the footer reads the page's previous and next links)."""
    import importlib.util

    from jinja2 import Environment, FileSystemLoader

    from generator.mkdocs_plugin.partials import _material_partials_only

    spec = importlib.util.find_spec("material")
    assert spec is not None and spec.origin is not None
    own = Path(spec.origin).resolve().parent / "templates"
    (tmp_path / "partials").mkdir()
    (tmp_path / "partials" / "nav-item.html").symlink_to(own / target)
    env = Environment(loader=FileSystemLoader([str(tmp_path), str(own)]))
    assert _material_partials_only(env) is (target == "partials/nav-item.html")
