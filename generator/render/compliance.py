"""The compliance page: the gifts and hospitality register of every account, with its breaches.

Only a build whose profile may show ``restricted`` data gets this page: the register is
restricted by the model, so in any wider build :func:`generator.redact.redact` has already
emptied it, and the site has no such page at all (not even an empty page whose
existence would show in the sitemap). Breaches are the gift rules' own diagnostics
(AP401–AP404), attached to the gift they point at and written in the page's language as every page
writes its findings; nothing is re-computed here.
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

# The page's labels are the [compliance] section of labels.toml, the kinds of gift its [enums.gift_kind].
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
    labels = site.t.section("compliance")
    limits = site.settings.limits
    rows: list[dict[str, Any]] = []
    breaches: list[dict[str, Any]] = []
    totals: dict[tuple[str, str, int, str], dict[str, Any]] = defaultdict(lambda: {"count": 0, "total": 0.0})
    for dossier in site.portfolio.dossiers:
        account = dossier.account
        href = links.to(account_page(dossier.slug))
        found = _by_gift(account.path, site.diagnostics)  # in the page's language, as on every other page
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
                "kind": site.t.enum("gift_kind", gift.kind), "cash": gift.kind in CASH_LIKE,
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
