"""Ids that become paths, and writers that stay inside their output folder (SECURITY.md, issue 11).

An id names a file or a link (``team/<id>.md``, ``accounts/<slug>/``, ``<slug>.before.svg``):
``id: ../../README`` in the roster used to pass ``check`` and make ``render --out`` overwrite
the project's README. Now every id is held to the id syntax while loading (AP107), and every
writer resolves its target and refuses one outside its folder (``atomic.target_in``), so
even an id that got through could not write elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.edit import scaffold
from generator.edit.fmt import format_files
from generator.incremental import store as page_store
from generator.publish.atomic import OutsideFolder, check_targets_in, target_in
from tests.hostile_fixtures import accountplan, write_site
from tests.test_security_files import ACCOUNT as SECURITY_ACCOUNT

ACCOUNT = SECURITY_ACCOUNT.replace("p-ann", "p-owner")  # the fixture roster has p-owner


def project(root: Path, person_id: str) -> Path:
    """A fixture project whose roster holds one more person, with the id ``person_id``."""
    write_site(root)
    roster = root / "accounts" / "roster.yml"
    roster.write_text(roster.read_text(encoding="utf-8")
                      + f"  - id: '{person_id}'\n    name: Climber\n    title: Sales\n", encoding="utf-8")
    (root / "accounts" / "acme").mkdir()
    (root / "accounts" / "acme" / "account.md").write_text(ACCOUNT, encoding="utf-8")
    (root / "README.md").write_text("precious readme\n", encoding="utf-8")
    return root


# --- ids are held to the id syntax while loading ------------------------------------------


@pytest.mark.parametrize("bad", ["../../README", "..\\..\\README", "/etc/passwd", "p-x/../../y", "%2e%2e", "P-Upper"])
def test_a_roster_id_that_is_no_id_fails_check_at_its_position(tmp_path: Path, bad: str) -> None:
    root = project(tmp_path, bad)
    done = accountplan("check", "--no-cache", cwd=root)
    assert done.returncode == 1
    assert f"roster.yml:8:9: AP107 error: id '{bad}'" in done.stdout, done.stdout
    assert "(hint: ids become file names and links" in done.stdout


def test_render_out_never_overwrites_a_file_outside_its_folder(tmp_path: Path) -> None:
    root = project(tmp_path, "../../README")
    done = accountplan("render", "--out", "generated", cwd=root)
    assert done.returncode == 1  # the id is an error; the pages of everything else are written
    assert "AP107" in done.stderr
    assert (root / "README.md").read_text(encoding="utf-8") == "precious readme\n"
    assert (root / "generated" / "team" / "p-owner.md").is_file()
    written = {str(p.relative_to(root)) for p in root.rglob("*.md")}
    assert all(p.startswith(("generated/", "docs/", "accounts/")) or p == "README.md" for p in written), written


def test_render_out_never_writes_among_the_dossiers(tmp_path: Path) -> None:
    root = project(tmp_path, "p-owner")
    before = sorted(str(p.relative_to(root)) for p in (root / "accounts").rglob("*"))
    for out in (".", "accounts", "accounts/pages"):  # it would write accounts/index.md beside (or in) the dossiers
        done = accountplan("render", "--out", out, cwd=root)
        assert done.returncode == 2 and "among the dossiers" in done.stderr, (out, done.stderr)
    assert sorted(str(p.relative_to(root)) for p in (root / "accounts").rglob("*")) == before


# --- one helper resolves every writer's target ----------------------------------------------


def test_target_in_accepts_paths_inside_and_resolves_them(tmp_path: Path) -> None:
    assert target_in(tmp_path, "team/p-ann.md") == tmp_path.resolve() / "team" / "p-ann.md"
    assert target_in(tmp_path / "not-yet", "a/b.md") == tmp_path.resolve() / "not-yet" / "a" / "b.md"
    assert target_in(tmp_path, "team/../accounts/x.md") == tmp_path.resolve() / "accounts" / "x.md"


@pytest.mark.parametrize("relative", ["../x.md", "team/../../x.md", "/etc/passwd", ".", "", "a/../.."])
def test_target_in_refuses_paths_that_leave_the_folder(tmp_path: Path, relative: str) -> None:
    with pytest.raises(OutsideFolder):
        target_in(tmp_path / "out", relative)


def test_target_in_follows_symbolic_links(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "team").symlink_to(elsewhere)
    (out / "page.md").symlink_to(elsewhere / "victim.md")
    with pytest.raises(OutsideFolder):
        target_in(out, "team/p-ann.md")
    with pytest.raises(OutsideFolder):
        target_in(out, "page.md")
    (elsewhere / "inner").mkdir()
    link_in = tmp_path / "link-to-out"
    link_in.symlink_to(out)
    assert target_in(link_in, "x.md") == out.resolve() / "x.md"  # the folder itself may be reached by a link


CASES = ["team/p-ann.md", "a/b.md", "team/../accounts/x.md", "../x.md", "team/../../x.md", "/etc/passwd", ".", "",
         "a/../..", "a/", "a/.", "a/..", "a/../b.md", "link-dir/x.md", "link-file.md", "link-in/x.md", "link-up/x.md",
         "accounts/acme/index.md", "accounts/acme/../../../x.md", "link-dir/../x.md", "accounts/../link-file.md"]


def _refused(check: Callable[..., object], *args: object) -> bool:
    try:
        check(*args)
    except OutsideFolder:
        return True
    return False


def test_checking_many_targets_refuses_exactly_what_target_in_refuses(tmp_path: Path) -> None:
    # Build.add checks every page of a site at once, each folder resolved once: the same verdicts, links followed.
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    (out / "accounts" / "acme").mkdir(parents=True)
    (out / "inner").mkdir()
    elsewhere.mkdir()
    (out / "link-dir").symlink_to(elsewhere)
    (out / "link-file.md").symlink_to(elsewhere / "victim.md")
    (out / "link-in").symlink_to(out / "inner")
    (out / "link-up").symlink_to(out / "..")
    for folder in (out, tmp_path / "link-to-out", tmp_path / "not-yet"):
        if folder.name == "link-to-out":
            folder.symlink_to(out)
        for relative in CASES:
            assert _refused(check_targets_in, folder, [relative]) == _refused(target_in, folder, relative), relative
        refused = [r for r in CASES if _refused(target_in, folder, r)]
        allowed = [r for r in CASES if r not in refused]
        check_targets_in(folder, allowed + allowed)  # the folders resolved once serve every file in them
        for relative in refused:
            with pytest.raises(OutsideFolder):
                check_targets_in(folder, [*allowed, relative, *allowed])


def test_the_serve_page_store_never_writes_or_deletes_outside_itself(tmp_path: Path) -> None:
    store, outside = tmp_path / "store", tmp_path / "victim.md"
    outside.write_text("keep\n", encoding="utf-8")
    with pytest.raises(OutsideFolder):
        page_store.sync_pages({"team/../../victim.md": "overwritten"}, str(store))
    assert outside.read_text(encoding="utf-8") == "keep\n"
    # A page that was in the store and is gone is deleted only inside the store.
    page_store.sync_pages({"team/p-ann.md": "# Ann\n"}, str(store))
    page_store._written[str(store)]["../victim.md"] = page_store.Written(None, "keep\n", (5, 0, 0))
    page_store.sync_pages({}, str(store))
    assert outside.read_text(encoding="utf-8") == "keep\n"
    assert not (store / "team" / "p-ann.md").exists()


def test_new_refuses_to_write_through_a_link_out_of_the_accounts_folder(tmp_path: Path) -> None:
    root = project(tmp_path, "p-climber") / "accounts"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "acme" / "contacts").symlink_to(elsewhere)
    with pytest.raises(scaffold.ScaffoldError, match="outside the output folder"):
        scaffold.new_contact(str(root), "acme", person="p-owner", today=__import__("datetime").date(2026, 11, 27),
                             name="Zhang Wei")
    assert list(elsewhere.iterdir()) == []


def test_fmt_rewrites_a_file_in_place_and_never_through_a_link(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "acme").mkdir()
    elsewhere = tmp_path / "other" / "elsewhere.md"
    elsewhere.write_text("---\nname:    Acme\n---\n", encoding="utf-8")
    link = tmp_path / "acme" / "account.md"
    link.symlink_to(elsewhere)
    # Not even read through the link (load.tasks.read_regular): reported, and the file it leads to left alone.
    [result] = format_files([str(link)])
    assert not result.changed and [(d.code, "symbolic link" in d.message) for d in result.problems] == [("AP001", True)]
    assert elsewhere.read_text(encoding="utf-8") == "---\nname:    Acme\n---\n"


def test_diff_maps_and_schema_write_only_inside_their_folder(tmp_path: Path) -> None:
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "contact.schema.json").symlink_to(tmp_path / "victim.json")
    done = accountplan("schema", "--out", str(out), cwd=tmp_path)
    assert done.returncode == 2 and "outside the output folder" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "victim.json").exists()
    assert os.path.islink(out / "contact.schema.json")


def test_diff_maps_refuse_a_slug_that_leaves_the_maps_folder(tmp_path: Path) -> None:
    from generator.edit.diff import AccountDiff, DiffReport
    from generator.load.portfolio import load_portfolio
    from generator.render.diff_report import write_maps

    root = project(tmp_path / "p", "p-climber")
    portfolio = load_portfolio(str(root / "accounts"))
    [dossier] = portfolio.dossiers
    object.__setattr__(dossier, "slug", "../../escape")  # as if a slug had got past the loader
    report = DiffReport("base", "head", [AccountDiff("../../escape", "Acme", "changed")])
    with pytest.raises(OutsideFolder):
        write_maps(report, portfolio, portfolio, str(tmp_path / "maps"))
    assert not list(tmp_path.glob("*.svg"))


def test_the_plugin_refuses_a_generated_page_that_would_land_outside_the_site(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mkdocs.config import load_config
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import Files

    from generator.incremental import build
    from generator.render.parallel import Pages

    root = project(tmp_path, "p-climber")
    config = load_config(str(root / "mkdocs.yml"))
    plugin = config.plugins["accountplan"]
    plugin.on_config(config)
    escape = Pages(packed=False)  # a real page store: a dict left behind in the build broke the next build
    escape["team/../../../escape.md"] = "# x\n"
    monkeypatch.setattr(build, "compose", lambda *a, **k: escape)
    with pytest.raises(PluginError, match="outside the output folder"):
        plugin.on_files(Files([]), config=config)


def test_every_field_documented_as_an_id_is_held_to_the_id_syntax() -> None:
    # The loader finds id fields from the schema (names_id); a field whose doc says it holds an id or a
    # slug but is not declared as one would slip through, so this test reads every field's doc.
    import dataclasses
    import re

    from generator.load.convert import hints
    from generator.model import Account, Activity, Contact, Roster
    from generator.model.spec import names_id

    seen: set[type] = set()
    found: list[str] = []
    todo: list[type] = [Account, Activity, Contact, Roster]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        for f in dataclasses.fields(cls):
            hint = hints(cls)[f.name]
            inner = [a for a in (*getattr(hint, "__args__", ()), hint) if dataclasses.is_dataclass(a)]
            todo.extend(a for a in inner if isinstance(a, type))
            for arg in getattr(hint, "__args__", ()):
                todo.extend(a for a in getattr(arg, "__args__", ()) if dataclasses.is_dataclass(a))
            if re.search(r"\b(ids?|slug)\b", f.metadata["doc"], re.IGNORECASE):
                assert names_id(f), f"{cls.__name__}.{f.name} is documented as an id but not declared as one"
                found.append(f"{cls.__name__}.{f.name}")
    assert {"Person.id", "Person.manager", "Contact.id", "Contact.owners", "Account.parent", "Gift.recipient",
            "Activity.plan", "TeamMember.person", "Source.id"} <= set(found), found
