"""The compliance page: the gifts and hospitality register of every account, with its breaches.

Only a build whose profile may show ``restricted`` data gets this page: the register is
restricted by the model, so in any wider build :func:`generator.redact.redact` has already
emptied it, and the site has no such page at all (not even an empty page whose
existence would show in the sitemap). Breaches are the gift rules' own diagnostics
(AP401–AP404), attached to the gift they point at; nothing is re-computed here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from ..diagnostics import Diagnostic
from ..model.account import CASH_LIKE
from ..redact import level_of
from ..rules import ap401_gift_over_limit as ap401
from ..rules import ap402_gifts_per_person_year as ap402
from ..rules import ap403_gift_unapproved as ap403
from ..rules import ap404_cash_gift as ap404
from .context import Site
from .page import page
from .paths import COMPLIANCE, RULES, Links, account_page, contact_anchor

PAGE = COMPLIANCE
"""Source path of the page."""
LEVEL = "restricted"
"""The lowest profile level that shows the page."""
GIFT_CODES: tuple[str, ...] = tuple(rule.CODE for rule in (ap401, ap402, ap403, ap404))
"""The register rules whose findings the page lists."""

# Labels of this page only, (English, 简体中文).
LABELS: dict[str, tuple[str, str]] = {
    "title": ("Gifts and hospitality register", "礼品与招待登记"),
    "intro": ("Restricted: for the account teams and compliance only. Breaches come from the register rules "
              "AP401–AP404, which also fail 'accountplan check'.",
              "受限内容：仅供客户团队与合规人员查阅。违规项来自登记规则 AP401–AP404，它们同样会使 "
              "“accountplan check” 失败。"),
    "breaches": ("Breaches", "违规项"),
    "no_breaches": ("No breaches.", "无违规。"),
    "register": ("Register", "登记册"),
    "empty": ("No gifts or hospitality recorded.", "尚未登记任何礼品或招待。"),
    "limits": ("Limits in force", "现行限额"),
    "totals": ("Per recipient and year", "按受礼人和年度汇总"),
    "account": ("Account", "客户"),
    "date": ("Date", "日期"),
    "recipient": ("Recipient", "受礼人"),
    "official": ("Public official / SOE", "公职人员/国企"),
    "kind": ("Kind", "类别"),
    "description": ("Description", "内容"),
    "value": ("Value", "价值"),
    "purpose": ("Purpose", "业务目的"),
    "given_by": ("Given by", "赠送人"),
    "approved_by": ("Approved by", "审批人"),
    "status": ("Status", "状态"),
    "ok": ("ok", "合规"),
    "rule": ("Rule", "规则"),
    "where": ("Where", "位置"),
    "problem": ("Problem", "问题"),
    "year": ("Year", "年度"),
    "gifts": ("Gifts", "次数"),
    "total": ("Total", "合计"),
    "limit": ("Yearly limit", "年度限额"),
    "yes": ("yes", "是"),
    "no": ("no", "否"),
    "gift_max_value": ("Per gift", "单次礼品"),
    "gift_max_value_official": ("Per gift to a public official", "单次礼品（公职人员）"),
    "gift_max_per_person_year": ("Per person and year", "每人每年"),
    "gift_max_per_person_year_official": ("Per public official and year", "每名公职人员每年"),
    "gift_approval_above": ("Approval needed above", "超过此值需审批"),
    "cash_rule": ("Cash and cash equivalents (cash, vouchers, gift cards)", "现金及现金等价物（现金、购物券、礼品卡）"),
    "never": ("never allowed", "一律禁止"),
}
KINDS: dict[str, tuple[str, str]] = {
    "gift": ("gift", "礼品"), "hospitality": ("hospitality", "招待"), "travel": ("travel", "差旅"),
    "cash": ("cash", "现金"), "voucher": ("voucher", "购物券"), "gift-card": ("gift card", "礼品卡"),
}
_LIMITS = ("gift_max_value", "gift_max_value_official", "gift_max_per_person_year",
           "gift_max_per_person_year_official", "gift_approval_above")


def shows(level: str) -> bool:
    """Whether a build at sensitivity ``level`` gets the compliance page."""
    return level_of(level) >= level_of(LEVEL)


def compliance_page(site: Site) -> str:
    """The register's page (for a site that shows it: :func:`shows`)."""
    view = compliance_view(site, Links(PAGE, site.directory_urls))
    return page("compliance.html", view["labels"]["title"], as_of=site.today, c=view, t=site.t)


def compliance_view(site: Site, links: Links) -> dict[str, Any]:
    """Register rows (with their breaches), the list of breaches, yearly totals and the limits."""
    index = site.t.index
    labels = {key: pair[index] for key, pair in LABELS.items()}
    limits = site.settings.limits
    rows: list[dict[str, Any]] = []
    breaches: list[dict[str, Any]] = []
    totals: dict[tuple[str, str, int, str], dict[str, Any]] = defaultdict(lambda: {"count": 0, "total": 0.0})
    for dossier in site.portfolio.dossiers:
        account = dossier.account
        href = links.to(account_page(dossier.slug))
        found = _by_gift(account.path, site.reported)
        for i, gift in enumerate(account.data.gifts):
            contact = dossier.contact(gift.recipient)
            recipient = {"name": contact.name if contact else gift.recipient,
                         "href": links.to(account_page(dossier.slug), contact_anchor(gift.recipient))
                         if contact else None}
            mine = [_breach(d, links, account.data.name, href, gift.id) for d in found.get(i, [])]
            breaches.extend(mine)
            rows.append({
                "account": account.data.name, "account_href": href, "id": gift.id, "date": gift.date.isoformat(),
                "recipient": recipient, "official": labels["yes"] if gift.public_official else labels["no"],
                "is_official": gift.public_official,
                "kind": KINDS.get(gift.kind, (gift.kind, gift.kind))[index], "cash": gift.kind in CASH_LIKE,
                "description": gift.description, "value": f"{gift.value:g}", "currency": gift.currency,
                "purpose": gift.purpose, "given_by": site.person_name(gift.given_by),
                "approved_by": site.person_name(gift.approved_by) if gift.approved_by else "",
                "breaches": mine,
            })
            key = (dossier.slug, gift.recipient, gift.date.year, gift.currency)
            group = totals[key]
            group.update(account=account.data.name, recipient=recipient, year=gift.date.year, currency=gift.currency)
            group["count"] += 1
            group["total"] += gift.value
            group["official"] = group.get("official", False) or gift.public_official
    summary = []
    for key in sorted(totals):
        group = totals[key]
        limit = limits.gift_max_per_person_year_official if group["official"] else limits.gift_max_per_person_year
        summary.append({**group, "total": f"{group['total']:g}", "limit": f"{limit:g}"})
    return {
        "labels": labels,
        "rows": sorted(rows, key=lambda r: (r["date"], r["account"], r["id"])),
        "breaches": breaches,
        "totals": summary,
        "limits": [(labels[name], f"{getattr(limits, name):g}") for name in _LIMITS]
        + [(labels["cash_rule"], labels["never"])],
    }


def _by_gift(path: str, diagnostics: Sequence[Diagnostic]) -> dict[int, list[Diagnostic]]:
    """The register rules' diagnostics about one account file, by gift index."""
    found: dict[int, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        if d.code in GIFT_CODES and d.path == path and len(d.loc) >= 2 and d.loc[0] == "gifts":
            index = d.loc[1]
            if isinstance(index, int):
                found[index].append(d)
    return found


def _breach(d: Diagnostic, links: Links, account: str, href: str, gift_id: str) -> dict[str, Any]:
    return {
        "code": d.code, "severity": d.severity.label, "message": d.message, "hint": d.hint,
        "rule_href": links.to(RULES, d.code.lower()), "account": account, "account_href": href,
        "gift": gift_id, "where": f"{d.path}:{d.line}",
    }
