"""SECURITY.md, "Personal data and compliance": labels, profiles, closed schema, review dates, provenance, gifts.

The canary fixture (tests/hostile_fixtures.py) plants a distinct string in every
restricted field and entry; an internal build must hold none of them, anywhere.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.config import Settings
from generator.diagnostics import Diagnostic, Severity
from generator.load.portfolio import load_portfolio
from generator.model.portfolio import Portfolio
from generator.redact import apply_profile, profile_level, redact, redaction
from tests.hostile_fixtures import INTERNAL_MARKERS, RESTRICTED_CANARIES, accountplan, build, write_canary_portfolio


@pytest.fixture
def canary(tmp_path: Path) -> Portfolio:
    write_canary_portfolio(tmp_path)
    portfolio = load_portfolio(str(tmp_path / "accounts"))
    assert portfolio.diagnostics == []
    return portfolio


def _leaks(text: str) -> list[str]:
    folded = text.casefold()
    return [name for name, canary in RESTRICTED_CANARIES.items() if canary.casefold() in folded]


def _dossier(portfolio: Portfolio):  # type: ignore[no-untyped-def]
    (dossier,) = portfolio.dossiers
    return dossier


# --- labels and redaction -------------------------------------------------------------------


def test_fixture_plants_every_canary(canary: Portfolio) -> None:
    # The test below could not fail if the canaries were never loaded.
    assert sorted(_leaks(repr(canary))) == sorted(RESTRICTED_CANARIES)


def test_internal_redaction_drops_every_restricted_value(canary: Portfolio) -> None:
    internal = redact(canary, "internal")
    assert _leaks(repr(internal)) == []
    text = repr(internal)
    for marker in INTERNAL_MARKERS.values():
        assert marker in text


def test_restricted_redaction_keeps_everything(canary: Portfolio) -> None:
    full = redact(canary, "restricted")
    assert [d.data for d in _dossier(full).contacts] == [d.data for d in _dossier(canary).contacts]
    assert _dossier(full).account.data == _dossier(canary).account.data
    assert len(_dossier(full).activities) == 2


def test_redaction_is_pure(canary: Portfolio) -> None:
    before = repr(canary)
    redact(canary, "internal")
    assert repr(canary) == before


def test_references_to_hidden_contacts_are_repaired(canary: Portfolio) -> None:
    dossier = _dossier(redact(canary, "internal"))
    contacts = {doc.data.id: doc.data for doc in dossier.contacts}
    assert sorted(contacts) == ["c-ceo", "c-open"]
    assert dossier.contact_ids == {"c-ceo", "c-open"}
    # The reporting line skips the hidden manager, so the map stays connected.
    assert contacts["c-open"].reports_to == "c-ceo"
    assert contacts["c-open"].personal is None
    assert contacts["c-open"].sources == ["s-open"]
    account = dossier.account.data
    assert account.gifts == []
    assert account.plans[0].target is None
    assert account.issues[0].contact is None
    assert account.initiatives[0].contacts == ["c-open"]
    assert [s.id for s in account.sources] == ["s-open"]
    (activity,) = dossier.activities
    assert activity.data.contacts == ["c-open"]


def test_positions_follow_the_pruned_lists(canary: Portfolio) -> None:
    original = next(d for d in _dossier(canary).contacts if d.data.id == "c-open")
    redacted = next(d for d in _dossier(redact(canary, "internal")).contacts if d.data.id == "c-open")
    # sources: [s-open, s-hidden] became [s-open]: item 0 keeps its place, item 1 is gone.
    assert redacted.at(("sources", 0)) == original.at(("sources", 0))
    assert ("sources", 1) not in redacted.positions
    assert ("personal", "notes") not in redacted.positions
    assert redacted.digest != original.digest


def test_a_lower_label_cannot_loosen_the_gifts_register(canary: Portfolio) -> None:
    # The fixture's gift says 'sensitivity: internal', but the register itself is restricted.
    assert _dossier(canary).account.data.gifts[0].sensitivity == "internal"
    assert _dossier(redact(canary, "internal")).account.data.gifts == []


def test_public_profile_shows_no_file(canary: Portfolio) -> None:
    public = redact(canary, "public")
    assert public.dossiers == [] and public.roster is None


def test_diagnostics_about_hidden_data_are_filtered(canary: Portfolio) -> None:
    red = redaction(canary, "internal")
    account = _dossier(canary).account.path
    secret = next(d.path for d in _dossier(canary).contacts if d.data.sensitivity == "restricted")
    make = lambda path, loc, message="m": Diagnostic(path, 1, 1, "AP999", Severity.WARNING, message, "", loc)  # noqa: E731
    assert not red.visible(make(account, ("gifts", 0, "value")))
    assert not red.visible(make(secret, ()))
    assert not red.visible(make(account, ("tier",), f"see {RESTRICTED_CANARIES['secret_contact_id']}"))
    assert red.visible(make(account, ("tier",)))


def test_profiles_come_from_settings() -> None:
    settings = Settings(profiles={"team": "restricted", "all": "internal", "bad": "secret"})
    assert profile_level(settings, "team") == "restricted"
    assert profile_level(settings, None) == "internal"
    with pytest.raises(ValueError, match="unknown build profile 'nope'"):
        profile_level(settings, "nope")
    with pytest.raises(ValueError, match="unknown sensitivity 'secret'"):
        profile_level(settings, "bad")


def test_apply_profile_uses_the_profile_level(canary: Portfolio) -> None:
    settings = Settings(profiles={"wide": "internal", "team": "restricted"})
    assert _leaks(repr(apply_profile(canary, settings, "wide").portfolio)) == []
    assert len(_leaks(repr(apply_profile(canary, settings, "team").portfolio))) == len(RESTRICTED_CANARIES)


def test_every_entry_label_is_declared_in_the_model() -> None:
    # Defaults per field live in the schema: the entry kinds that carry a label.
    from generator.model import Activity, Contact, Gift, Personal, Source

    defaults = {cls.__name__: {f.name: f for f in dataclasses.fields(cls)}["sensitivity"].default
                for cls in (Contact, Activity, Source, Gift, Personal)}
    assert defaults == {"Contact": "internal", "Activity": "internal", "Source": "internal",
                        "Gift": "restricted", "Personal": "restricted"}


# --- the built site: no restricted canary in any output file ---------------------------------


def _output_texts(site: Path) -> dict[str, str]:
    """Every output file as text; gzip files decompressed, binaries decoded leniently."""
    import gzip

    texts = {}
    for path in sorted(site.rglob("*")):
        if path.is_file():
            raw = path.read_bytes()
            if path.suffix == ".gz":
                raw = gzip.decompress(raw)
            texts[str(path.relative_to(site))] = raw.decode("utf-8", errors="replace")
    return texts


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("privacy")
    write_canary_portfolio(root)
    build(root, "--profile", "internal", "--site-dir", "site-internal")
    build(root, "--profile", "internal", "--site-dir", "site-internal-zh", "--lang", "zh")
    build(root, "--profile", "restricted", "--site-dir", "site-restricted")
    return root


@pytest.mark.parametrize("site", ["site-internal", "site-internal-zh"])
def test_internal_build_holds_no_restricted_canary_in_any_file(built: Path, site: str) -> None:
    texts = _output_texts(built / site)
    kinds = {Path(name).suffix for name in texts}
    # The search covered pages, the search index, both sitemaps and the SVGs.
    assert {".html", ".json", ".xml", ".gz"} <= kinds
    assert "search/search_index.json" in texts and "sitemap.xml.gz" in texts
    leaks = {name: _leaks(text) for name, text in texts.items() if _leaks(text)}
    assert leaks == {}
    everything = "\n".join(texts.values())
    for marker in INTERNAL_MARKERS.values():
        assert marker in everything


def test_restricted_build_shows_the_canaries(built: Path) -> None:
    # The same search finds them when the profile allows: the test above can fail.
    everything = "\n".join(_output_texts(built / "site-restricted").values())
    assert set(_leaks(everything)) >= {"secret_source_title", "secret_contact_name", "secret_activity_body",
                                       "gift_description", "gift_purpose"}  # the compliance page


def test_only_a_restricted_build_has_and_links_the_gifts_register(built: Path) -> None:
    restricted = (built / "site-restricted" / "accounts" / "index.html").read_text(encoding="utf-8")
    assert (built / "site-restricted" / "compliance" / "index.html").exists()
    assert 'href="../compliance/">Gifts register</a>' in restricted
    internal = (built / "site-internal" / "accounts" / "index.html").read_text(encoding="utf-8")
    assert not (built / "site-internal" / "compliance").exists()
    assert "compliance/" not in internal


def test_no_page_or_file_named_after_a_hidden_contact(built: Path) -> None:
    names = [str(p.relative_to(built / "site-internal")) for p in (built / "site-internal").rglob("*")]
    assert names and not [n for n in names if "canarysecret" in n]


def test_unknown_profile_is_refused(built: Path) -> None:
    done = accountplan("build", "--profile", "everyone", cwd=built)
    assert done.returncode == 2
    assert "unknown build profile 'everyone'; known: internal, restricted" in done.stderr


# --- gifts and hospitality register ---------------------------------------------------------

GIFTS = """\
gifts:
  - {id: g-ok, date: 2026-02-01, recipient: c-open, kind: gift, description: Book on retail, value: 30,
     currency: EUR, purpose: Thank-you after workshop, given_by: p-owner, public_official: false}
  - {id: g-big, date: 2026-03-01, recipient: c-open, kind: hospitality, description: "<script>x()</script> dinner",
     value: 400, currency: EUR, purpose: Season opening, given_by: p-owner, public_official: false}
  - {id: g-cash, date: 2026-04-01, recipient: c-ceo, kind: voucher, description: Shop voucher, value: 20,
     currency: EUR, purpose: Birthday, given_by: p-owner, public_official: true}
"""


@pytest.fixture
def register(tmp_path: Path) -> Path:
    write_canary_portfolio(tmp_path)
    account = tmp_path / "accounts" / "canary-co" / "account.md"
    text = account.read_text(encoding="utf-8")
    head, rest = text.split("gifts:\n", 1)
    body = rest.split("---\n", 1)[1]
    account.write_text(head + GIFTS + "---\n" + body, encoding="utf-8")
    return tmp_path


def test_register_breaches_fail_check(register: Path) -> None:
    done = accountplan("check", "--format", "json", cwd=register)
    assert done.returncode == 1
    import json

    found = {(d["code"], d["line"]) for d in json.loads(done.stdout) if d["code"].startswith("AP40")}
    text = (register / "accounts" / "canary-co" / "account.md").read_text(encoding="utf-8").splitlines()
    line_of = {gift: next(i for i, t in enumerate(text, 1) if f"id: {gift}" in t) for gift in ("g-big", "g-cash")}
    codes = {code for code, _ in found}
    assert {"AP401", "AP403", "AP404"} <= codes
    assert all(line in (line_of["g-big"], line_of["g-big"] + 1, line_of["g-cash"], line_of["g-cash"] + 1)
               for _, line in found)


def test_compliance_page_lists_register_and_breaches_in_restricted_builds_only(register: Path) -> None:
    from generator.config import load_settings
    from generator.render.compliance import PAGE, compliance_page, shows
    from generator.render.pages import render_site, site_for
    from generator.rules import validate

    settings = load_settings(str(register / "mkdocs.yml"))
    portfolio = load_portfolio(settings.accounts)
    diagnostics = validate(portfolio, settings)
    red = apply_profile(portfolio, settings, "restricted")
    assert shows(red.level)
    html = compliance_page(site_for(red.portfolio, red.filter(diagnostics), None, settings, "en"))
    assert "Gifts and hospitality register" in html
    assert html.count('<tr id="gift-') == 3
    assert 'id="gift-g-big"' in html and "AP401" in html and "AP404" in html
    assert "<script>x()" not in html and "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "Visiblemarkername" in html  # recipients by name
    zh = compliance_page(site_for(red.portfolio, red.filter(diagnostics), None, settings, "zh"))
    assert "礼品与招待登记" in zh and "违规项" in zh
    from markupsafe import escape

    from generator.render.compliance import GIFT_CODES
    from generator.translate import text

    breaches = [d for d in red.filter(diagnostics) if d.code in GIFT_CODES]
    assert len(breaches) >= 3
    for found in breaches:  # the Chinese page lists each breach in Chinese, as every page writes its findings
        english, chinese = str(escape(found.message)), str(escape(text(found.message, "zh")))
        assert english != chinese and chinese in zh and english not in zh and english in html
    internal = apply_profile(portfolio, settings, "internal")
    assert not shows(internal.level)
    assert PAGE not in render_site(internal.portfolio, internal.filter(diagnostics), None, settings, "en",
                                   compliance=shows(internal.level))
    # The rules' findings about the register are hidden from an internal build as well.
    assert not [d for d in internal.filter(diagnostics) if d.code in ("AP401", "AP402", "AP403", "AP404")]


# --- closed schema, review dates, provenance ------------------------------------------------


def _check(project: Path, *args: str) -> list[dict[str, object]]:
    import json

    done = accountplan("check", "--format", "json", *args, cwd=project)
    assert "Traceback" not in done.stderr
    found: list[dict[str, object]] = json.loads(done.stdout)
    return found


def _line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_closed_schema_refuses_unknown_personal_fields(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    contact = tmp_path / "accounts" / "canary-co" / "contacts" / "c-open.md"
    contact.write_text(contact.read_text(encoding="utf-8").replace(
        "personal:\n", "home_address: 1 Main Street\npersonal:\n  birthday: 1970-01-01\n"), encoding="utf-8")
    found = {(d["code"], d["line"], d["severity"]) for d in _check(tmp_path)}
    assert ("AP101", _line_of(contact, "home_address"), "error") in found
    assert ("AP101", _line_of(contact, "birthday"), "error") in found


def test_review_date_passed_is_a_warning(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    contact = tmp_path / "accounts" / "canary-co" / "contacts" / "c-open.md"
    assert not [d for d in _check(tmp_path) if d["code"] == "AP308"]
    found = [(d["line"], d["severity"]) for d in _check(tmp_path, "--today", "2027-07-01")
             if d["code"] == "AP308" and str(d["path"]).endswith("c-open.md")]
    assert found == [(_line_of(contact, "review_by"), "warning")]


def test_provenance_every_source_has_a_collection_date_and_facts_cite_one(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    account = tmp_path / "accounts" / "canary-co" / "account.md"
    text = account.read_text(encoding="utf-8")
    text = text.replace("    collected: 2026-10-01\n    url: https://example.com/news\n", "    url: https://example.com/news\n")
    text = text.replace("sources:\n  - id: s-open", "strategy:\n  horizon: 2026-2030\n  summary: Grow online.\n"
                        "  fit: 3\n  trend: stable\n  position: edge\n  facts:\n    - text: Opens 40 stores.\n"
                        "sources:\n  - id: s-open", 1)
    account.write_text(text, encoding="utf-8")
    found = {(d["code"], d["line"]) for d in _check(tmp_path)}
    assert ("AP103", _line_of(account, "- id: s-open")) in found  # 'collected' is required
    assert ("AP306", _line_of(account, "- text: Opens 40 stores.")) in found  # an unsourced fact


def test_gift_limits_come_from_configuration(register: Path) -> None:
    before = {d["code"] for d in _check(register)}
    assert "AP401" in before
    config = register / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("      today: 2026-11-27\n", "      today: 2026-11-27\n      limits: {gift_max_value: 500}\n")
    config.write_text(text, encoding="utf-8")
    after = {d["code"] for d in _check(register)}
    assert "AP401" not in after and "AP404" in after  # no limit makes cash acceptable


# --- special-category hints (AP406; the golden case is tests/rules/cases/AP406-*.yml) -------


def test_special_category_hints_name_every_category_in_a_field(tmp_path: Path) -> None:
    write_canary_portfolio(tmp_path)
    contact = tmp_path / "accounts" / "canary-co" / "contacts" / "c-open.md"
    text = contact.read_text(encoding="utf-8").replace(
        RESTRICTED_CANARIES["personal_notes"], "Diagnosed with diabetes; goes to church; 他是党员")
    contact.write_text(text, encoding="utf-8")
    found = sorted((d["line"], str(d["message"]).split(" may record ")[1].split(",")[0])
                   for d in _check(tmp_path) if d["code"] == "AP406")
    line = _line_of(contact, "notes: Diagnosed")
    assert found == [(line, "health"), (line, "political opinion"), (line, "religion or belief")]
    # The warning about a restricted field is not shown by an internal build.
    from generator.config import load_settings
    from generator.rules import validate

    settings = load_settings(str(tmp_path / "mkdocs.yml"))
    portfolio = load_portfolio(settings.accounts)
    hints = [d for d in validate(portfolio, settings) if d.code == "AP406"]
    assert len(hints) == 3
    assert apply_profile(portfolio, settings, "internal").filter(hints) == []
