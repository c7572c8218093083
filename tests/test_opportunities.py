"""Opportunities (机会点): loaded from their own files, shown on the account page with each contact's stance,
hidden whole when labelled above a build's level, and checked against the configured stages."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.config import Settings, load_settings
from generator.config.forge import Forge
from generator.diagnostics import Diagnostic
from generator.incremental.memo import Memo
from generator.incremental.rules import validate
from generator.load.portfolio import load_portfolio
from generator.model.stages import Stages, stages_of
from generator.pipeline import gather, generate
from generator.redact import redact

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 27)
PAGE = "accounts/helios-telecom/index.md"


def account_page(lang: str, accounts: Path | None = None, forge: Forge | None = None) -> str:
    settings = replace(load_settings(str(ROOT / "mkdocs.yml")), today=TODAY, edit_links=forge)
    if accounts is not None:
        settings = replace(settings, accounts=str(accounts))
    built = generate(gather(settings, history=False), settings, lang)
    try:
        return built[PAGE]
    finally:
        built.close()


def test_sample_opportunities_load_in_their_dossier() -> None:
    portfolio = load_portfolio(str(ROOT / "accounts"))
    [helios] = [d for d in portfolio.dossiers if d.slug == "helios-telecom"]
    ids = sorted(doc.data.id for doc in helios.opportunities)
    assert ids == ["o-5g-core-2027", "o-edge-cloud-2027", "o-noc-automation-2026"]
    core = next(doc.data for doc in helios.opportunities if doc.data.id == "o-5g-core-2027")
    assert core.stance("c-marcus-lind") is not None and core.stance("c-marcus-lind").favours == "Norvik Networks"
    [agreement] = [i for i in helios.account.data.initiatives if i.kind == "cooperation-agreement"]
    assert agreement.opportunities == ["o-5g-core-2027", "o-edge-cloud-2027"]


def test_account_page_lists_opportunities_with_stances_in_both_languages() -> None:
    en = account_page("en")
    assert '{ #opportunities }' in en and 'id="opp-o-5g-core-2027"' in en
    row = en.split('id="opp-o-5g-core-2027"')[1].split("</tr>")[0]
    assert "Marcus Lind" in row and "2 · non-supporter" in row and "favours Norvik Networks" in row
    assert "14,500,000 EUR" in row and "negotiation" in row
    # open ones first, in stage order; the won one last
    assert en.index("opp-o-5g-core-2027") > en.index("opp-o-edge-cloud-2027") < en.index("opp-o-noc-automation-2026")
    zh = account_page("zh")
    row = zh.split('id="opp-o-5g-core-2027"')[1].split("</tr>")[0]
    assert "商务谈判" in row and "倾向 Norvik Networks" in row and "不支持" in row
    assert "机会点" in zh


def test_a_restricted_opportunity_is_removed_whole_and_references_to_it_go(tmp_path: Path) -> None:
    accounts = tmp_path / "accounts"
    shutil.copytree(ROOT / "accounts", accounts)
    path = accounts / "helios-telecom" / "opportunities" / "o-5g-core-2027.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n\n", "sensitivity: restricted\n---\n\n", 1),
                    encoding="utf-8")
    internal = redact(load_portfolio(str(accounts)), "internal")
    [helios] = [d for d in internal.dossiers if d.slug == "helios-telecom"]
    assert "o-5g-core-2027" not in {doc.data.id for doc in helios.opportunities}
    [agreement] = [i for i in helios.account.data.initiatives if i.kind == "cooperation-agreement"]
    assert agreement.opportunities == ["o-edge-cloud-2027"]
    page = account_page("en", accounts)
    assert "12% lower" not in page and "o-5g-core-2027" not in page  # a stance note, the id


def test_stages_settings_default_to_the_method_and_reject_malformed_values() -> None:
    assert stages_of(None) == Stages()
    assert Stages().past_early("proposal") and not Stages().past_early("qualified")
    assert not Stages().is_open("won") and Stages().is_open("lead")
    custom = Settings.from_mapping({"stages": {"open": ["idea", "bid"], "closed": ["won"], "early": 1}})
    assert stages_of(custom.stages).all == ("idea", "bid", "won")
    for bad, message in (({"open": []}, "non-empty list"), ({"early": 9}, "from 0 to 4"),
                         ({"open": ["won"], "closed": ["won"], "early": 0}, "both open and closed"),
                         ({"phases": []}, "unknown stages settings")):
        with pytest.raises(ValueError, match=message):
            Settings.from_mapping({"stages": bad})


def test_a_file_that_does_not_load_still_defines_its_id_between_memoized_checks(tmp_path: Path) -> None:
    root = tmp_path / "accounts"
    shutil.copytree(ROOT / "accounts", root)
    action = root / "helios-telecom" / "actions" / "a-joint-tco-model.md"
    action.write_text(action.read_text(encoding="utf-8").replace("opportunity: o-5g-core-2027",
                                                                 "opportunity: o-later"), encoding="utf-8")
    memo: Memo[list[Diagnostic]] = Memo()
    settings = Settings(today=TODAY)
    first = validate(load_portfolio(str(root)), settings, memo)
    assert [d.code for d in first if "o-later" in d.message] == ["AP202"]
    (root / "helios-telecom" / "opportunities" / "o-later.md").write_text("---\nid: o-later\n---\n", encoding="utf-8")
    second = validate(load_portfolio(str(root)), settings, memo)  # the broken file reports its own errors
    assert [d.code for d in second if "o-later" in d.message] == []
    assert any(d.code == "AP103" and d.path.endswith("o-later.md") for d in second)


def test_with_a_forge_the_page_links_prefilled_new_opportunity_and_action_files() -> None:
    page = account_page("en", forge=Forge("github", "https://github.com/o/r", "main", str(ROOT)))
    hrefs = [unquote(h) for h in re.findall(r'class="md-button ap-new" href="([^"]+)"', page)]
    [opportunity] = [h for h in hrefs if "/opportunities?" in h]
    assert "filename=o-new-opportunity.md" in opportunity and "\nid: o-new-opportunity\n" in opportunity
    [action] = [h for h in hrefs if "/actions?" in h]
    assert "filename=a-new-action.md" in action and "\ndue: 2026-12-04\n" in action
    assert "Add an opportunity" in page and "Add an action item" in page
