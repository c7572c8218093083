"""Action items on the account page, the owner's page and the portfolio's due list (hidden when restricted);
who knows whom on the person pages."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import replace
from pathlib import Path

from generator.config import load_settings
from generator.pipeline import gather, generate

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date(2026, 11, 27)
PAGES = ("accounts/index.md", "accounts/helios-telecom/index.md", "team/p-tom-hale.md", "team/p-li-na.md",
         "team/p-omar-haddad.md")


def pages(lang: str = "en", accounts: Path | None = None, today: dt.date = TODAY) -> dict[str, str]:
    settings = replace(load_settings(str(ROOT / "mkdocs.yml")), today=today)
    if accounts is not None:
        settings = replace(settings, accounts=str(accounts))
    built = generate(gather(settings, history=False), settings, lang)
    try:
        return {src: built[src] for src in PAGES}
    finally:
        built.close()


def _section(page: str, anchor: str) -> str:
    return page.split(f"{{ #{anchor} }}")[1].split("\n## ")[0]


def test_actions_show_on_the_account_page_the_owners_page_and_the_portfolio() -> None:
    en = pages()
    account = _section(en["accounts/helios-telecom/index.md"], "actions")
    assert account.index("a-joint-tco-model") < account.index("a-edge-business-case") < account.index(
        "a-noc-shift-report")  # open ones by due date, then the done one
    row = account.split('id="action-a-joint-tco-model"')[1].split("</tr>")[0]
    assert "Tom Hale" in row and "2026-12-04" in row and "Marcus Lind" in row and 'href="#opp-o-5g-core-2027"' in row
    mine = _section(en["team/p-tom-hale.md"], "actions")
    assert "Build the seven-year TCO model" in mine and "Edge-cloud" not in mine
    assert 'href="../../accounts/helios-telecom/#opp-o-5g-core-2027"' in mine
    assert "分期付款方案" in _section(en["team/p-li-na.md"], "actions")
    due = _section(en["accounts/index.md"], "due-actions")
    assert due.index("2026-12-04") < due.index("2026-12-08") < due.index("2026-12-10")
    assert "NOC shift-visit report" not in due  # done
    assert "overdue" not in due


def test_the_due_list_marks_overdue_actions_and_leaves_far_ones_off() -> None:
    later = pages(today=dt.date(2026, 12, 9))
    due = _section(later["accounts/index.md"], "due-actions")
    row = due.split("Build the seven-year TCO model")[0].rsplit("<tr>", 1)[1]
    assert "overdue" in row
    early = pages(today=dt.date(2026, 11, 1))
    assert "Nothing due in the next 14 days." in _section(early["accounts/index.md"], "due-actions")


def test_labels_in_chinese_and_restricted_actions_hidden(tmp_path: Path) -> None:
    accounts = tmp_path / "accounts"
    shutil.copytree(ROOT / "accounts", accounts)
    path = accounts / "helios-telecom" / "actions" / "a-joint-tco-model.md"
    path.write_text(path.read_text(encoding="utf-8").replace("plan: pl-key-cfo\n", "plan: pl-key-cfo\n"
                                                             "sensitivity: restricted\n"), encoding="utf-8")
    zh = pages("zh", accounts)
    assert "行动项" in zh["accounts/helios-telecom/index.md"]
    assert "未来 14 天内到期或已逾期的行动项" in zh["accounts/index.md"]
    assert all("Build the seven-year TCO model" not in page for page in zh.values())


def test_person_page_lists_who_they_know_with_strength_and_last_meeting() -> None:
    en = pages()
    knows = _section(en["team/p-tom-hale.md"], "knows")
    row = knows.split("Clara Vos")[1].split("</tr>")[0]
    assert "4 · trusted" in row and "2021-05-01" in row
    assert knows.index("Clara Vos") < knows.index("Marcus Lind")  # strongest first
    marcus = knows.split("Marcus Lind")[1].split("</tr>")[0]
    assert "2 · acquainted" in marcus and "2026-10-29" in marcus  # last met: the CFO cost-model call
    omar = _section(en["team/p-omar-haddad.md"], "knows")
    assert "Marcus Lind" in omar and "3 · working relationship" in omar  # a record beyond the owners
