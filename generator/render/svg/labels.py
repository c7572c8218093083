"""Legend and axis text for the charts, in English and Simplified Chinese.

The caller passes whichever table matches ``theme.language`` (or its own overrides);
missing keys fall back to English, so a partial table never leaves a hole in a chart.
Scale names come from :mod:`generator.model.scales`, the one place they are defined.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping

from generator.model import scales
from generator.model.contact import DecisionRole, Level

Labels = Mapping[str, str]

ROLES: tuple[str, ...] = typing.get_args(DecisionRole)
"""Decision roles in the model's order: legend order follows the schema."""
LEVELS: tuple[str, ...] = typing.get_args(Level)


def _scale(prefix: str, table: scales.Labels, index: int) -> dict[str, str]:
    return {f"{prefix}.{level}": names[index] for level, names in table.items()}


def _scales_and_roles(index: int, roles: Mapping[str, tuple[str, str]]) -> dict[str, str]:
    """Scale level names (0 English, 1 Chinese, from the model) and role names with abbreviations."""
    out: dict[str, str] = {}
    for prefix, table in (("support", scales.SUPPORT), ("intimacy", scales.INTIMACY),
                          ("influence", scales.INFLUENCE), ("fit", scales.FIT),
                          ("strength", scales.STRENGTH)):
        out.update(_scale(prefix, table, index))
        if prefix in ("support", "intimacy", "strength"):
            out[f"{prefix}.None"] = scales.UNKNOWN_LABEL[index]  # how an unknown level is looked up
    out.update({f"role.{r}.abbr": abbr for r, (abbr, _) in roles.items()})
    out.update({f"role.{r}": name for r, (_, name) in roles.items()})
    return out


_ROLE_EN = {
    "decision-maker": ("DM", "decision-maker"),
    "economic-buyer": ("EB", "economic buyer"),
    "executive-sponsor": ("ES", "executive sponsor"),
    "technical-evaluator": ("TE", "technical evaluator"),
    "approver": ("AP", "approver"),
    "influencer": ("IN", "influencer"),
    "user": ("US", "user"),
    "blocker": ("BL", "blocker"),
    "other": ("OT", "other"),
}
_ROLE_ZH = {
    "decision-maker": ("决策", "决策者"),
    "economic-buyer": ("预算", "预算决策者"),
    "executive-sponsor": ("高支", "高层支持者"),
    "technical-evaluator": ("技术", "技术评估者"),
    "approver": ("审批", "审批者"),
    "influencer": ("影响", "影响者"),
    "user": ("用户", "使用者"),
    "blocker": ("阻碍", "阻碍者"),
    "other": ("其他", "其他"),
}

EN: dict[str, str] = {
    "map.title": "Relationship map",
    "map.desc": "{n} contacts laid out by reporting line ({left} left, kept for history). "
    "Colour and symbol show support, border weight influence, filled dots intimacy.",
    "legend.support": "Support",
    "legend.intimacy": "intimacy 1–5 (filled dots)",
    "legend.influence": "influence (border weight)",
    "legend.coach": "coach",
    "legend.left": "left (kept for history)",
    "legend.left_short": "left",
    "legend.reports": "reports to",
    "legend.dotted": "dotted line",
    "legend.owner": "our relationship owner",
    "legend.decider": "decision maker",
    "field.title": "Title",
    "field.department": "Department",
    "field.level": "Level",
    "field.role": "Role",
    "field.support": "Support",
    "field.intimacy": "Intimacy",
    "field.influence": "Influence",
    "field.owners": "Owners",
    "field.reports_to": "Reports to",
    "field.dotted_to": "Dotted line to",
    "field.left": "Left",
    "field.coach": "Coach (guides us)",
    "field.none": "none",
    "field.knows": "Who knows them",
    "field.favours": "Favours competitor",
    "matrix.title": "Key relationships: intimacy × support",
    "matrix.desc": "{n} current contacts placed by intimacy (across) and support (up).",
    "matrix.unknown": "support or intimacy not known yet, not placed",
    "axis.intimacy": "Intimacy",
    "axis.support": "Support",
    "quadrant.allies": "allies",
    "quadrant.risk": "risk",
    "quadrant.develop": "supportive, not close",
    "quadrant.watch": "close, not supportive",
    "fit.title": "Strategic fit × sales",
    "fit.desc": "{n} accounts by strategic fit (across) and latest sales (up, {scale} scale).",
    "fit.log": "log",
    "fit.linear": "linear",
    "axis.fit": "Strategic fit",
    "axis.sales": "Latest sales",
    "colon": ": ",
    "list": ", ",
    "paren": " ({text})",
    "fit.no_sales": "no sales",
    "legend.tier": "Tier",
    "legend.cash_cow": "cash cow (diverging)",
    "legend.trend": "fit trend",
    "trend.converging": "converging",
    "trend.stable": "stable",
    "trend.diverging": "diverging",
    "weekly.title": "Customer contacts per week",
    "weekly.desc": "Contacts in each of the last {n} weeks against the expectation of {expected} a week.",
    "weekly.expected": "expected {value}/week",
    "weekly.met": "met",
    "weekly.below": "below",
    "coverage.title": "Coverage by department and level",
    "coverage.desc": "Number of contacts per department and level; empty cells are gaps in coverage.",
    "coverage.total": "Total",
    "coverage.gap": "gap",
    "coverage.department": "Department",
    "coverage.secondary": "{n} activities",
    "knows.title": "Who knows whom",
    "knows.desc": "{people} of our people and {contacts} current contacts, {ties} relationships; line weight shows "
    "how well they know each other, dashed lines are not assessed yet; {alone} contacts known to none of us.",
    "knows.ours": "Our people",
    "knows.theirs": "Their contacts",
}
EN.update(_scales_and_roles(0, _ROLE_EN))
EN.update({f"level.{lv}": lv for lv in LEVELS})
EN.update({f"tier.{t}": t for t in "SABC"})

ZH: dict[str, str] = {
    "map.title": "客户关系图",
    "map.desc": "按汇报关系排列的 {n} 位联系人（其中 {left} 位已离职，保留作历史记录）。"
    "颜色和符号表示支持度，边框粗细表示影响力，实心圆点表示亲密度。",
    "legend.support": "支持度",
    "legend.intimacy": "亲密度 1–5（实心圆点）",
    "legend.influence": "影响力（边框粗细）",
    "legend.coach": "教练",
    "legend.left": "已离职（保留历史）",
    "legend.left_short": "已离职",
    "legend.reports": "汇报给",
    "legend.dotted": "虚线汇报",
    "legend.owner": "我方关系负责人",
    "legend.decider": "决策者",
    "field.title": "职务",
    "field.department": "部门",
    "field.level": "层级",
    "field.role": "决策角色",
    "field.support": "支持度",
    "field.intimacy": "亲密度",
    "field.influence": "影响力",
    "field.owners": "负责人",
    "field.reports_to": "汇报给",
    "field.dotted_to": "虚线汇报给",
    "field.left": "离职日期",
    "field.coach": "教练（客户内部指导者）",
    "field.none": "无",
    "field.knows": "认识的我方人员",
    "field.favours": "倾向的友商",
    "matrix.title": "关键客户关系：亲密度 × 支持度",
    "matrix.desc": "{n} 位在职联系人，横轴为亲密度，纵轴为支持度。",
    "matrix.unknown": "支持度或亲密度尚未知，未放入矩阵",
    "axis.intimacy": "亲密度",
    "axis.support": "支持度",
    "quadrant.allies": "盟友",
    "quadrant.risk": "风险",
    "quadrant.develop": "支持但不亲近",
    "quadrant.watch": "亲近但不支持",
    "fit.title": "战略匹配度 × 销售额",
    "fit.desc": "{n} 个客户，横轴为战略匹配度，纵轴为最近一年销售额（{scale}刻度）。",
    "fit.log": "对数",
    "fit.linear": "线性",
    "axis.fit": "战略匹配度",
    "axis.sales": "最近销售额",
    "colon": "：",
    "list": "、",
    "paren": "（{text}）",
    "fit.no_sales": "无销售",
    "legend.tier": "客户级别",
    "legend.cash_cow": "现金牛客户（战略背离）",
    "legend.trend": "匹配度趋势",
    "trend.converging": "趋同",
    "trend.stable": "稳定",
    "trend.diverging": "背离",
    "weekly.title": "每周见客户次数",
    "weekly.desc": "最近 {n} 周每周见客户次数，对照每周 {expected} 次的要求。",
    "weekly.expected": "要求每周{value}次",
    "weekly.met": "达标",
    "weekly.below": "未达标",
    "coverage.title": "按部门和层级的覆盖",
    "coverage.desc": "各部门、各层级的联系人数；空格表示覆盖缺口。",
    "coverage.total": "合计",
    "coverage.gap": "缺口",
    "coverage.department": "部门",
    "coverage.secondary": "{n} 次活动",
    "knows.title": "谁认识谁",
    "knows.desc": "我方 {people} 人与 {contacts} 位在职联系人，共 {ties} 条关系；"
    "线条粗细表示关系强度，虚线表示尚未评估；{alone} 位联系人我方无人认识。",
    "knows.ours": "我方人员",
    "knows.theirs": "客户联系人",
    "level.executive": "高层",
    "level.senior": "中高层",
    "level.middle": "中层",
    "level.staff": "基层",
    "tier.S": "S 战略",
    "tier.A": "A 伙伴",
    "tier.B": "B",
    "tier.C": "C",
}
ZH.update(_scales_and_roles(1, _ROLE_ZH))

TABLES: dict[str, dict[str, str]] = {"en": EN, "zh": ZH}


def for_language(language: str) -> dict[str, str]:
    """The label table for ``en`` or ``zh`` (``zh-CN`` and the like count as ``zh``); English otherwise."""
    return dict(TABLES.get(language.split("-")[0].split("_")[0].lower(), EN))


def merged(labels: Labels | None) -> dict[str, str]:
    """The caller's labels over the English defaults, so every key a chart reads exists."""
    out = dict(EN)
    if labels:
        out.update(labels)
    return out
