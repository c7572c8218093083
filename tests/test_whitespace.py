"""The whitespace grid is derived from the footprint and the opportunities, with the documented precedence, and
shown on the account page in both languages."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from generator.config import load_settings
from generator.load.portfolio import load_portfolio
from generator.model.stages import Stages
from generator.model.whitespace import whitespace
from generator.pipeline import gather, generate

ACCOUNT = """\
---
name: Acme
tier: C
industry: Retail
region: North
market: mature
currency: EUR
footprint:
  - {unit: IT, offering: erp, state: competitor, competitor: Rival}
  - {unit: IT, offering: crm, state: installed}
  - {unit: HR, offering: erp, state: not-relevant}
  - {unit: HR, offering: payroll, state: competitor, competitor: Rival}
---
"""


def _opportunity(oid: str, unit: str, stage: str, offerings: str) -> str:
    return f"---\nid: {oid}\nname: {oid}\nunit: {unit}\nstage: {stage}\nofferings: [{offerings}]\n---\n"


def test_cells_follow_the_documented_precedence(tmp_path: Path) -> None:
    root = tmp_path / "accounts"
    (root / "acme" / "opportunities").mkdir(parents=True)
    (root / "acme" / "account.md").write_text(ACCOUNT, encoding="utf-8")
    for oid, unit, stage, offerings in (("o-erp", "it", "proposal", "ERP"), ("o-lost", "HR", "lost", "crm"),
                                        ("o-won", "Finance", "won", "erp"), ("o-hr", "HR", "lead", "payroll")):
        (root / "acme" / "opportunities" / f"{oid}.md").write_text(_opportunity(oid, unit, stage, offerings),
                                                                  encoding="utf-8")
    [dossier] = load_portfolio(str(root)).dossiers
    grid = whitespace(dossier, Stages())
    assert grid.units == ("IT", "HR", "Finance") and grid.offerings == ("erp", "crm", "payroll")
    states = {(u, o): cell for u, row in zip(grid.units, grid.cells, strict=True)
              for o, cell in zip(grid.offerings, row, strict=True)}
    assert states["IT", "erp"].state == "pursuit" and states["IT", "erp"].detail == ("o-erp",)  # pursuit > competitor
    assert states["IT", "crm"].state == "installed"
    assert states["HR", "erp"].state == "not-relevant"
    assert states["HR", "crm"].state == "open"  # a lost opportunity leaves the whitespace open
    assert states["HR", "payroll"].state == "pursuit"
    assert states["Finance", "erp"].state == "installed" and states["Finance", "erp"].detail == ("o-won",)
    assert states["Finance", "payroll"].state == "open"
    assert grid.count("open") == 4
    custom = whitespace(dossier, Stages(open=("lead", "proposal"), closed=("signed", "won", "lost"), early=1))
    assert dict(zip(custom.offerings, custom.cells[2], strict=True))["erp"].state == "open"  # "won" is not won here


def test_the_sample_account_page_shows_the_grid_in_both_languages() -> None:
    root = Path(__file__).resolve().parents[1]
    settings = replace(load_settings(str(root / "mkdocs.yml")), today=dt.date(2026, 11, 27))
    gathered = gather(settings, history=False)
    for lang, pursuit, competitor, blank in (("en", "in pursuit", "competitor-held", "open"),
                                             ("zh", "跟进中", "友商占据", "空白")):
        built = generate(gathered, settings, lang)
        try:
            page, chinese = built["accounts/helios-telecom/index.md"], built["accounts/jade-river-power/index.md"]
        finally:
            built.close()
        grid = page.split("{ #whitespace }")[1].split("\n## ")[0]
        technology = grid.split('<th scope="row">Technology</th>')[1].split("</tr>")[0]
        assert f'ap-ws-pursuit">{pursuit}<br> <small>o-5g-core-2027</small>' in technology  # pursuit > competitor
        assert f'ap-ws-{"open"}">{blank}</td>' in technology
        operations = grid.split('<th scope="row">Operations</th>')[1].split("</tr>")[0]
        assert "ap-ws-installed" in operations and "o-noc-automation-2026" in operations  # won
        chinese_grid = chinese.split("{ #whitespace }")[1].split("\n## ")[0]
        assert f'ap-ws-competitor">{competitor}<br> <small>华信科技</small>' in chinese_grid
