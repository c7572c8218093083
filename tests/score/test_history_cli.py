"""Scores over time (as of a date, at a real git revision, deltas) and the CLI's three formats."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import subprocess

import pytest

from generator.cli import main
from generator.history.quarter import deltas, quarter_start, score_as_of, score_at_revision, since_quarter_start
from generator.model.portfolio import Portfolio
from generator.score import score_portfolio

from .builders import TODAY, account, dossier, issue, kpi, plan, portfolio, settings, tiny_dossier, write_files


@pytest.mark.parametrize(("day", "start"), [
    ("2026-11-27", "2026-10-01"),
    ("2026-01-01", "2026-01-01"),
    ("2026-03-31", "2026-01-01"),
    ("2026-04-01", "2026-04-01"),
    ("2026-09-30", "2026-07-01"),
])
def test_quarter_start(day: str, start: str) -> None:
    assert quarter_start(dt.date.fromisoformat(day)) == dt.date.fromisoformat(start)


def overdue_portfolio() -> Portfolio:
    acct = account(plans=[plan("k2", "key", "2026-10-31", progress=40)],
                   issues=[issue("i1", "2026-10-01", "2026-11-20")],   # closed in 50 days
                   kpi=[kpi(2026, 900, 108, 3, target=1200)])
    return portfolio(dossier("x", acct))


def test_as_of_and_deltas_since_quarter_start() -> None:
    folder = overdue_portfolio()
    then = score_as_of(folder, settings(), dt.date(2026, 10, 1))
    now, changes = since_quarter_start(folder, settings())
    assert then.as_of == "2026-10-01" and now.as_of == "2026-11-27"
    found = {(d.scope, d.id, d.key): d for d in changes}
    key_plan = found["account", "x", "actions.plans.key"]
    # 2026-10-01: k2 not due yet, 40; 2026-11-27: overdue, 40 × 0.5 = 20
    assert (key_plan.before, key_plan.after, key_plan.change) == (40.0, 20.0, -20.0)
    loop = found["account", "x", "actions.satisfaction.closed_loop"]
    # 2026-10-01: i1 opened that day, not due: opinions 0 alone -> 0. 2026-11-27: closed after 50 days, late:
    # issues 100 × 0 / 1 = 0, opinions 0 -> 0
    assert (loop.before, loop.after) == (0.0, 0.0)
    klass = found["account", "x", "classification"]
    assert (klass.before, klass.after, klass.change) == ("maintain", "maintain", None)
    assert found["rollup", "tier:B", "rollup.total"].after == now.accounts["x"].total.value


def test_deltas_with_an_account_on_one_side_only() -> None:
    before = score_portfolio(portfolio(), settings())
    after = score_portfolio(portfolio(dossier("new", account())), settings())
    total = next(d for d in deltas(before, after) if d.key == "total")
    assert (total.id, total.before, total.change) == ("new", None, None)


def git(cwd: str, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.test", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.test", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if date:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{date}T12:00:00+00:00"
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def repo(tmp_path: object) -> str:
    """A git repository with two commits: plan progress 40 on 2026-09-15, then 80 on 2026-11-20."""
    root = str(tmp_path)
    git(root, "init", "-q", "-b", "main")
    write_files(root, tiny_dossier(progress=40))
    git(root, "add", "accounts")
    git(root, "commit", "-q", "-m", "first", date="2026-09-15")
    write_files(root, tiny_dossier(progress=80))
    git(root, "commit", "-q", "-am", "second", date="2026-11-20")
    return root


def test_score_at_revision(repo: str) -> None:
    accounts = os.path.join(repo, "accounts")
    first = score_at_revision(accounts, "HEAD~1", settings())
    second = score_at_revision(accounts, "HEAD", settings())
    assert first.as_of == "2026-09-15" and second.as_of == "2026-11-20"      # the commits' dates
    assert first.accounts["tiny-co"].actions[3].value == 40.0                 # actions.plans.key
    assert second.accounts["tiny-co"].actions[3].value == 80.0
    pinned = score_at_revision(accounts, "HEAD~1", settings(), as_of=TODAY)
    assert pinned.as_of == "2026-11-27"
    with pytest.raises(ValueError, match="unknown git revision 'nope'"):
        score_at_revision(accounts, "nope", settings())
    with pytest.raises(ValueError, match="not a git revision"):
        score_at_revision(accounts, "--output=/tmp/x", settings())
    with pytest.raises(ValueError, match="'elsewhere' does not exist at revision HEAD"):
        score_at_revision(os.path.join(repo, "elsewhere"), "HEAD", settings())


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["--config", "", "score", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_table_json_csv(repo: str, capsys: pytest.CaptureFixture[str]) -> None:
    accounts = os.path.join(repo, "accounts")
    code, out, _ = run_cli(capsys, accounts, "--as-of", "2026-11-27")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Scores as of 2026-11-27 · scoring 3.0"
    assert lines[2].split() == ["account", "tier", "market", "class", "KPI", "info", "plans", "satisf.", "actions",
                                "total", "meet/wk"]
    # tiny-co: KPI 65 (0.5 × 50 + 0.5 × 80); info (0 + 33.3 + 0) / 3 = 11.1; plans key 80; satisfaction: no
    # customer voice, n/a (counted 0 in the dimension); actions (11.1 + 80 + 0) / 3 = 30.4; total 47.7
    assert lines[4].split() == ["tiny-co", "B", "mature", "maintain", "65.0", "11.1", "80.0", "n/a", "30.4", "47.7",
                                "0.0"]
    # p-a serves tiny-co only: the method's two dimensions of that account, 47.7 (not the 0 meetings a week)
    assert lines[8].split() == ["p-a", "0.0", "0.0", "47.7", "1", "0"]

    code, out, _ = run_cli(capsys, accounts, "--as-of", "2026-11-27", "--format", "json")
    data = json.loads(out)
    total = data["accounts"]["tiny-co"]["total"]
    assert total["value"] == 47.7 and total["worked"] == "0.5 × 65 + 0.5 × 30.4"
    assert total["inputs"] == {"kpi": 65.0, "kpi weight": 0.5, "actions": 30.4, "actions weight": 0.5}

    code, out, _ = run_cli(capsys, accounts, "--as-of", "2026-11-27", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 1 and rows[0]["slug"] == "tiny-co" and rows[0]["total"] == "47.7"
    assert rows[0]["actions.plans.general"] == ""                # n/a is an empty cell
    assert {"kpi.sales_per_head", "actions.satisfaction.closed_loop", "cadence.account"} <= set(rows[0])

    code, out, _ = run_cli(capsys, accounts, "--as-of", "2026-11-27", "--format", "csv", "--by", "owner")
    assert out.splitlines() == ["by,group,accounts,rollup.kpi,rollup.actions,rollup.total",
                                "owner,p-a,1,65.0,30.4,47.7"]


def test_cli_rev_and_errors(repo: str, capsys: pytest.CaptureFixture[str]) -> None:
    accounts = os.path.join(repo, "accounts")
    code, out, _ = run_cli(capsys, accounts, "--rev", "HEAD~1", "--by", "tier")
    assert code == 0
    # first commit, as of its date 2026-09-15: plans key 40 -> actions (11.1 + 40 + 0) / 3 = 17;
    # total 0.5 × 65 + 0.5 × 17 = 41
    assert out.splitlines()[0] == "Scores as of 2026-09-15 at HEAD~1 · scoring 3.0 · by tier"
    assert out.splitlines()[-1].split() == ["B", "1", "65.0", "17.0", "41.0"]
    code, _, err = run_cli(capsys, accounts, "--rev", "nope")
    assert code == 2 and "unknown git revision 'nope'" in err
    with pytest.raises(SystemExit):
        run_cli(capsys, accounts, "--as-of", "2026-02-30")
    assert "expected a date YYYY-MM-DD, found '2026-02-30'" in capsys.readouterr().err


def test_cli_csv_cells_are_not_formulas(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    files = tiny_dossier()
    files["accounts/tiny-co/account.md"] = files["accounts/tiny-co/account.md"].replace(
        "name: Tiny Co", "name: '=HYPERLINK(\"http://example.test\")'")
    write_files(str(tmp_path), files)
    _, out, _ = run_cli(capsys, os.path.join(str(tmp_path), "accounts"), "--format", "csv")
    assert next(iter(csv.DictReader(io.StringIO(out))))["name"] == "'=HYPERLINK(\"http://example.test\")"


def test_cli_table_aligns_chinese_text(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    files = tiny_dossier()
    files["accounts/tiny-co/account.md"] = files["accounts/tiny-co/account.md"].replace("region: North",
                                                                                      "region: 华东")
    write_files(str(tmp_path), files)
    _, out, _ = run_cli(capsys, os.path.join(str(tmp_path), "accounts"), "--by", "region")
    header, rule, row = out.splitlines()[2:5]
    # 华东 takes 4 terminal columns: padded to "region"'s 6, then the 2-space gutter
    assert row.startswith("华东" + " " * 4 + " " * 7 + "1")   # then "accounts" (8 wide) right-aligned "1"
    assert len(rule) == len(header) == sum(2 if ch in "华东" else 1 for ch in row)
