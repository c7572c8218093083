"""Portfolio views: all accounts in one table, grouped views, the fit × revenue chart, attention."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, cast

import jinja2
from markupsafe import Markup

from .. import translate
from ..diagnostics import Severity
from ..model.money import Money, figure
from ..model.portfolio import Dossier, current_contacts, latest_kpi
from ..rules import registry
from . import graphics
from .actions import DUE_WINDOW_DAYS, due_actions
from .context import Site, weekly_counts, weeks
from .i18n import Translator
from .paths import COMPLIANCE, GROUPINGS, RULES, Links, account_page, grouping_page
from .templating import environment

TIERS = ("S", "A", "B", "C")


def account_row(site: Site, dossier: Dossier, links: Links) -> dict[str, Any]:
    """One account's line in the portfolio tables."""
    t = site.t
    account = dossier.account.data
    score = site.account_score(dossier.slug)
    contacts = [doc.data for doc in current_contacts(dossier)]
    latest = latest_kpi(account)
    mondays = weeks(site.today, site.settings.limits.weeks_window)
    visits = sum(weekly_counts((doc.data.date for doc in dossier.activities), mondays))
    findings = site.findings.get(dossier.slug, [])
    strategy = account.strategy
    total = score.total.value if score else None
    classification = str(score.classification.value) if score and score.classification.value else ""
    return {
        "slug": dossier.slug, "name": account.name, "href": links.to(account_page(dossier.slug)),
        "tier": account.tier, "industry": account.industry, "region": account.region,
        "market": t.enum("market_short", account.market),
        "classification": t.enum("classification", classification) if classification else "",
        "classification_value": classification,
        "total": round(total, 1) if isinstance(total, int | float) else None,
        "fit": strategy.fit if strategy else None,
        "trend": t.enum("trend", strategy.trend) if strategy else "",
        "trend_value": strategy.trend if strategy else "",
        "sales": latest.sales if latest else None, "currency": account.currency,
        "contacts": len(contacts), "warm": sum(c.warm for c in contacts),
        "coach": any(c.coach for c in contacts), "visits": visits,
        "open_issues": sum(i.status == "open" for i in account.issues),
        "errors": sum(d.severity is Severity.ERROR for d in findings),
        "warnings": sum(d.severity is Severity.WARNING for d in findings),
    }


ROW = "rows"
"""The part name of one account's row (:class:`.context.Parts`): ``row_line(site, dossier, links, template)``."""
CHART = "chart"
"""The part name of the fit × revenue chart: ``graphics.fit_revenue_chart(points, lang)``."""


def account_rows(site: Site, links: Links) -> list[dict[str, Any]]:
    """Every account's row with its rendered line (``html``), once per build for all pages at the same depth."""
    key = f"rows:{links.to('index.md')}"  # the link to the site root: rows differ only by their hrefs' depth
    rows = site.cache.get(key)
    if rows is None:
        template = environment().get_template("account_row.html")
        rows = site.cache[key] = [site.parts(ROW, row_line, site, dossier, links, template)
                                  for dossier in site.portfolio.dossiers]
    return cast(list[dict[str, Any]], rows)


def row_line(site: Site, dossier: Dossier, links: Links, template: jinja2.Template) -> dict[str, Any]:
    """One account's row with its line rendered by ``template`` (``html``)."""
    row = account_row(site, dossier, links)
    row["html"] = Markup(template.render(r=row, t=site.t))
    return row


def portfolio_view(site: Site, links: Links) -> dict[str, Any]:
    """The portfolio index: table, filters, chart and attention list."""
    rows = account_rows(site, links)
    chart, notes = _fit_revenue(site, rows)
    return {
        "rows": rows,
        "tiers": [tier for tier in TIERS if any(r["tier"] == tier for r in rows)],
        "regions": sorted({r["region"] for r in rows}),
        "industries": sorted({r["industry"] for r in rows}),
        "weeks": site.settings.limits.weeks_window,
        "chart": chart,
        "chart_notes": notes,
        "attention": attention(site, links),
        "due": due_actions(site, links), "due_days": DUE_WINDOW_DAYS,
        "views": [{"label": site.t("by_" + by), "href": links.to(grouping_page(by))} for by in GROUPINGS]
        + ([{"label": site.t("gifts_register"), "href": links.to(COMPLIANCE)}] if site.compliance else []),
    }


def _fit_revenue(site: Site, rows: list[dict[str, Any]]) -> tuple[Markup | None, list[str]]:
    """The fit × revenue chart in one currency, and notes: its currency and rates' date, and every account it
    leaves off and why (no fit recorded, no exchange rate). Not drawn at all when currencies would mix."""
    t, money = site.t, site.settings.money
    used = sorted({r["currency"] for r in rows if r["sales"] is not None})
    reporting = money.currency or (used[0] if len(used) == 1 else None)
    if reporting is None:
        return None, [t("chart_mixed", currencies=", ".join(used))]
    points, no_rate = [], []
    for r in rows:
        if r["fit"] is None:
            continue
        revenue = money.convert(r["sales"], r["currency"]) if r["sales"] is not None else 0.0
        if revenue is None:
            no_rate.append(r["name"])
            continue
        points.append({"slug": r["slug"], "name": r["name"], "tier": r["tier"], "fit": r["fit"], "revenue": revenue,
                       "cash_cow": r["classification_value"] == "cash-cow", "trend": r["trend_value"] or None,
                       "currency": reporting, "href": r["href"]})
    converted = money.currency is not None and money.rates_date is not None and any(
        r["currency"] != reporting for r in rows if r["sales"] is not None)
    rates = t("chart_rates", date=money.rates_date.isoformat()) if converted and money.rates_date else ""
    notes = [t("chart_currency", currency=reporting, rates=rates)]
    no_fit = [r["name"] for r in rows if r["fit"] is None]
    if no_fit:
        notes.append(t("chart_no_fit", names=t("list_sep").join(no_fit)))
    if no_rate:
        notes.append(t("chart_no_rate", names=t("list_sep").join(no_rate)))
    return _chart(site, points), notes


def _chart(site: Site, points: list[dict[str, Any]]) -> Markup:
    """The fit × revenue chart (a pure function of the points and the language)."""
    return site.parts(CHART, graphics.fit_revenue_chart, points, site.t.lang)


ATTENTION = "attention"
"""The part name of an account's lines in the attention list: ``attention_lines(site, dossier, links, template)``."""


def attention(site: Site, links: Links) -> list[dict[str, Any]]:
    """Rule findings grouped by code, each with the accounts where it fires (``lines``: their list items, by name)."""
    rules = registry()
    template = environment().get_template("attention_lines.html")
    dossiers = {d.slug: d for d in site.portfolio.dossiers}
    by_code: dict[str, list[tuple[str, Markup]]] = defaultdict(list)
    severity: dict[str, Severity] = {}
    for slug, findings in site.findings.items():
        for d in findings:
            severity[d.code] = max(severity.get(d.code, d.severity), d.severity)
        dossier = dossiers[slug]
        for code, line in site.parts(ATTENTION, attention_lines, site, dossier, links, template).items():
            by_code[code].append((dossier.account.data.name, line))
    out = []
    for code in sorted(by_code, key=lambda c: (-severity[c], c)):
        rule = rules.get(code)
        out.append({
            "code": code, "name": rule.name if rule else "",
            "summary": translate.text(rule.summary, site.t.lang) if rule else "",
            "severity": site.t.enum("severity", severity[code].label), "severity_value": severity[code].label,
            "href": links.to(RULES, code.lower()) if rule else None,
            "lines": Markup("").join(line for _, line in sorted(by_code[code], key=lambda pair: pair[0])),
        })
    return out


def attention_lines(site: Site, dossier: Dossier, links: Links, template: jinja2.Template) -> dict[str, Markup]:
    """One account's list items in the attention list, by rule code (its messages under each, in their order).

    Rendered once for the account (one item a line), not once per rule and account: a server keeps
    each account's items while its dossier and findings are the same (:mod:`generator.incremental.parts`).
    """
    by_code: dict[str, list[str]] = {}
    for d in site.findings.get(dossier.slug, []):
        by_code.setdefault(d.code, []).append(d.message)
    text = template.render(lines=list(by_code.items()), name=dossier.account.data.name,
                           href=links.to(account_page(dossier.slug)), t=site.t)
    items = text.split("\n")[:-1]  # every printed value is on one line (the environment's finalize)
    assert len(items) == len(by_code), "attention_lines.html writes one item a line"
    return {code: Markup(item) for code, item in zip(by_code, items, strict=True)}


def grouping_view(site: Site, by: str, links: Links) -> dict[str, Any]:
    """Accounts grouped by tier, region or industry, with the average score of each group."""
    t = site.t
    rows = account_rows(site, links)
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[row[by]].append(row)
    order = [g for g in TIERS if g in groups] if by == "tier" else sorted(groups)
    rollups = {r.group: r for r in (site.scores.rollups if site.scores else ()) if r.by == by}
    out = []
    for name in order:
        members = groups[name]
        totals = [r["total"] for r in members if r["total"] is not None]
        rollup = rollups.get(name)
        average = rollup.total.value if rollup else (sum(totals) / len(totals) if totals else None)
        out.append({
            "name": t.enum("tier", name) if by == "tier" else name, "rows": members,
            "average": round(average, 1) if isinstance(average, int | float) else None,
            "sales": _by_currency(members, site.settings.money, t),
        })
    return {"title": t("by_" + by), "by": by, "groups": out,
            "weeks": site.settings.limits.weeks_window}


def _by_currency(rows: list[dict[str, Any]], money: Money, t: Translator) -> str:
    """Latest sales summed per currency ("10,400,000 EUR + 15,500,000 CNY"): currencies never mix unconverted.

    With a reporting currency and a rate for every currency, the converted sum follows
    ("≈ 12,384,000 EUR (rates of 2026-06-30)"); without a rate there is no sum in one currency.
    """
    totals: dict[str, float] = defaultdict(float)
    for row in rows:
        if row["sales"] is not None:
            totals[row["currency"]] += row["sales"]
    text = " + ".join(f"{figure(value, 0)} {currency}" for currency, value in sorted(totals.items())) or "—"
    converted = [money.convert(value, currency) for currency, value in totals.items()]
    if money.currency and len(totals) > 1 and all(v is not None for v in converted):
        rates = t("rates_of", date=money.rates_date.isoformat()) if money.rates_date and money.rates else ""
        text += f" ≈ {figure(sum(v or 0.0 for v in converted), 0)} {money.currency}{rates}"
    return text
