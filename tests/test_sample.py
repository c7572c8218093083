"""The sample portfolio in accounts/ keeps the promises the README and the site rely on."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import typing
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.cli import main
from generator.config import Settings
from generator.diagnostics import Severity
from generator.load.portfolio import load_portfolio
from generator.model import Contact
from generator.model.account import Channel
from generator.model.portfolio import Dossier, Portfolio
from generator.rules import validate
from generator.rules.walk import strings

ROOT = Path(__file__).resolve().parent.parent
ACCOUNTS = ROOT / "accounts"
TODAY = dt.date(2026, 11, 27)
WINDOW_START = TODAY - dt.timedelta(weeks=12)
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    return load_portfolio(str(ACCOUNTS))


def _depth(dossier: Dossier) -> int:
    """Levels in the longest reports-to chain among the account's contacts."""
    manager = {d.data.id: d.data.reports_to for d in dossier.contacts}

    def level(cid: str, seen: frozenset[str] = frozenset()) -> int:
        boss = manager.get(cid)
        return 1 if boss is None or boss in seen or boss not in manager else 1 + level(boss, seen | {cid})

    return max((level(c) for c in manager), default=0)


def _contacts(dossier: Dossier) -> list[Contact]:
    return [d.data for d in dossier.contacts]


def test_loads_without_any_diagnostic(portfolio: Portfolio) -> None:
    assert [d.one_line() for d in portfolio.diagnostics] == []
    assert portfolio.roster is not None and len(portfolio.people) >= 10
    assert len(portfolio.dossiers) >= 8


def test_check_passes_as_of_the_sample_date_with_the_methods_honest_warnings(
        capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["--config", str(ROOT / "mkdocs.yml"), "check", "--today", TODAY.isoformat(), str(ACCOUNTS)])
    out = capsys.readouterr().out
    assert status == 0, out
    # "warm" is supporter and trusted (support >= 4, intimacy >= 4): three sample accounts hang on one thread
    # or none — they were hidden while AP305 counted a merely familiar contact (intimacy 3) as warm.
    warned = sorted(line.split(":")[0] for line in out.splitlines() if " AP305 warning: " in line)
    assert warned == ["accounts/borealis-bank/account.md", "accounts/quarry-hill-health/account.md",
                      "accounts/saltmarsh-water/account.md"], out
    assert main(["--config", str(ROOT / "mkdocs.yml"), "check", "--strict", "--today", TODAY.isoformat(),
                 str(ACCOUNTS)]) == 1, "--strict keeps its meaning: warnings fail it"


def test_tiers_and_market_types_are_all_covered(portfolio: Portfolio) -> None:
    accounts = [d.account.data for d in portfolio.dossiers]
    assert {a.tier for a in accounts} == {"S", "A", "B", "C"}
    assert {a.market for a in accounts} == {"saline-alkali", "breakthrough", "mature"}


def test_one_cash_cow_candidate(portfolio: Portfolio) -> None:
    cows = [d.slug for d in portfolio.dossiers
            if (s := d.account.data.strategy) and s.trend == "diverging"
            and max(d.account.data.kpi, key=lambda k: k.year).sales > 1_000_000]
    assert len(cows) == 1


def test_one_account_is_written_wholly_in_chinese(portfolio: Portfolio) -> None:
    chinese = [d for d in portfolio.dossiers if CJK.search(d.account.data.name)]
    assert len(chinese) == 1
    dossier = chinese[0]
    assert dossier.slug.isascii()
    for doc in [dossier.account, *dossier.contacts, *dossier.activities]:
        assert len(CJK.findall(doc.body)) > len(re.findall(r"[A-Za-z]", doc.body)), doc.path
        for loc, f, text in strings(doc.data):
            if _is_code(f, doc.data, loc):
                continue
            assert CJK.search(text), f"{doc.path}: {'.'.join(map(str, loc))} = {text!r} is not Chinese"


def _is_code(f: dataclasses.Field[typing.Any], data: object, loc: tuple[str | int, ...]) -> bool:
    """Ids, references, links, currency codes and allowed values stay ASCII by design."""
    if f.metadata.get("ref") or f.name in ("id", "url", "currency", "horizon"):
        return True
    owner: typing.Any = data
    for part in loc[:-1]:
        owner = owner[part] if isinstance(part, int) else getattr(owner, part)
    hint = typing.get_type_hints(type(owner)).get(f.name) if dataclasses.is_dataclass(owner) else None
    return any(typing.get_origin(a) is typing.Literal for a in (hint, *typing.get_args(hint)))


def test_strategic_accounts_have_deep_relationship_maps(portfolio: Portfolio) -> None:
    strategic = [d for d in portfolio.dossiers if d.account.data.tier == "S"]
    assert len(strategic) >= 2
    for dossier in strategic:
        assert len(dossier.contacts) >= 12, dossier.slug
        assert _depth(dossier) >= 3, dossier.slug
    biggest = max(strategic, key=lambda d: len(d.contacts))
    contacts = _contacts(biggest)
    assert len(contacts) >= 25 and _depth(biggest) >= 4
    assert sum(bool(c.dotted_to) for c in contacts) >= 2
    assert sum(c.left is not None for c in contacts) == 1
    assert sum(c.coach for c in contacts if c.active) == 2


def test_key_accounts_have_the_iron_triangle_and_a_plan_per_layer(portfolio: Portfolio) -> None:
    for dossier in portfolio.dossiers:
        account = dossier.account.data
        if account.tier in ("S", "A"):
            assert {"AR", "SR", "FR"} <= {m.role for m in account.team}, dossier.slug
            assert "organizational" in {p.layer for p in account.plans}, dossier.slug
    plans = [p for d in portfolio.dossiers for p in d.account.data.plans]
    assert {p.layer for p in plans} == {"key", "general", "organizational"}
    assert {"planned", "in-progress", "done"} <= {p.status for p in plans}
    kinds = {i.kind for d in portfolio.dossiers for i in d.account.data.initiatives}
    assert kinds == {"benchmarking", "executive-visit", "cooperation-agreement", "innovation-centre"}


def test_activities_are_spread_over_the_last_twelve_weeks(portfolio: Portfolio) -> None:
    weeks: set[int] = set()
    for dossier in portfolio.dossiers:
        dates = [a.data.date for a in dossier.activities]
        assert all(WINDOW_START <= d <= TODAY for d in dates), dossier.slug
        if dossier.account.data.tier in ("S", "A"):
            assert len(dates) >= 5, dossier.slug
        for doc in dossier.activities:
            name = os.path.basename(doc.path)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.md", name), name
            assert name.startswith(doc.data.date.isoformat()), name
            assert doc.body.strip(), f"{doc.path} has no meeting notes"
        weeks |= {(d - WINDOW_START).days // 7 for d in dates}
    assert weeks == set(range(12))
    qualities = Counter(a.data.quality for d in portfolio.dossiers for a in d.activities)
    assert len(qualities) >= 4 and None not in qualities
    assert sum(bool(a.data.opinions) for d in portfolio.dossiers for a in d.activities) >= 20


def test_every_account_has_three_years_of_kpi(portfolio: Portfolio) -> None:
    for dossier in portfolio.dossiers:
        assert [k.year for k in dossier.account.data.kpi] == [2023, 2024, 2025], dossier.slug


def test_sources_cover_every_channel_with_safe_sample_links(portfolio: Portfolio) -> None:
    sources = [s for d in portfolio.dossiers for s in d.account.data.sources]
    assert {s.channel for s in sources} == set(typing.get_args(Channel))
    assert all(s.collected.year == 2026 and s.collected <= TODAY for s in sources)
    for source in sources:
        if source.url:
            host = urlsplit(source.url).hostname or ""
            assert urlsplit(source.url).scheme == "https"
            assert host in ("example.com", "example.org") or host.endswith(
                (".example.com", ".example.org", ".test")), source.url


def test_issues_satisfaction_and_gifts_are_recorded(portfolio: Portfolio) -> None:
    issues = [i for d in portfolio.dossiers for i in d.account.data.issues]
    assert {i.status for i in issues} == {"open", "closed"}
    assert {i.kind for i in issues} == {"issue", "complaint"}
    assert sum(len(d.account.data.satisfaction) for d in portfolio.dossiers) >= 6
    gifts = [g for d in portfolio.dossiers for g in d.account.data.gifts]
    assert len(gifts) >= 4 and any(g.public_official for g in gifts) and any(g.approved_by for g in gifts)


def test_contact_reviews_are_not_due_soon(portfolio: Portfolio) -> None:
    for dossier in portfolio.dossiers:
        for contact in _contacts(dossier):
            assert contact.review_by.year == 2027, contact.id
            assert contact.owners, contact.id


def test_only_the_cash_cow_and_the_methods_honest_warnings_are_reported(portfolio: Portfolio) -> None:
    found = validate(portfolio, Settings(today=TODAY))
    assert [d.one_line() for d in found if d.severity >= Severity.ERROR] == []
    # AP305 (single-threaded, see above) and AP317: the sample's decision makers are each known to one person
    # of ours — the article's 一多, which nothing flagged before.
    # AP325: at Meridian Rail and Jade River Power one person of ours knows most of the key contacts; Northgate
    # Ports is built to show 一多: Tom Hale alone knows the CEO, the CFO and procurement, and all five key contacts.
    # AP327: Northgate's CFO is a supporter overall but neutral on the one open project (support shows in projects).
    assert {d.code for d in found if d.severity == Severity.WARNING} == {"AP305", "AP317", "AP325", "AP327"}
    assert {d.path.split(os.sep)[-2] for d in found if d.code == "AP325"} == {
        "jade-river-power", "meridian-rail", "northgate-ports"}
    northgate = {(d.code, d.path.split(os.sep)[-1]) for d in found if "northgate-ports" in d.path}
    assert {("AP317", f"{c}.md") for c in ("c-henrik-dahl", "c-ingrid-aalto", "c-mikael-ek")} <= northgate
    assert {d.path.split(os.sep)[-1] for d in found if d.code == "AP327"} == {"c-ingrid-aalto.md"}
    cows = {d.path.split(os.sep)[-2] for d in found if d.code == "AP309"}
    assert cows == {"atlas-freight"}


def test_sample_is_formatted(capsys: pytest.CaptureFixture[str]) -> None:
    """A fresh clone passes ``accountplan fmt --check`` (the CI step a new repository starts with)."""
    status = main(["--config", "", "fmt", "--check", str(ACCOUNTS)])
    out, err = capsys.readouterr()
    assert status == 0, out + err
