"""Every label the site generates, in English and Simplified Chinese (the method's own terms).

Pages pick the language from MkDocs' ``theme.language``; dossier text stays as written.
Enum values (tiers, roles, channels, statuses …) and 1–5 scale levels are translated too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..language import index
from ..model import scales
from . import movement_labels, wording, work_labels
from .svg import labels as chart_labels

# key: (English, 简体中文)
UI: dict[str, tuple[str, str]] = {
    # navigation and page titles
    "portfolio": ("Portfolio", "客户组合"),
    "by_tier": ("By tier", "按客户级别"),
    "by_region": ("By region", "按区域"),
    "by_industry": ("By industry", "按行业"),
    "team": ("Team", "团队"),
    "rules": ("Rule reference", "规则参考"),
    "as_of": ("Data as of", "数据截至"),
    # account header
    "tier": ("Tier", "客户级别"),
    "industry": ("Industry", "行业"),
    "region": ("Region", "区域"),
    "market": ("Market", "市场类型"),
    "segment": ("Customer group", "客户群"),
    "account_team": ("Account team (iron triangle)", "客户团队（铁三角）"),
    "classification": ("Classification", "客户分类"),
    "last_changed": ("Last changed", "最近更新"),
    "facts_freshness": ("Freshness of facts", "信息时效"),
    "newest_source": ("newest source {days}", "最新来源{days}"),
    "oldest_source": ("oldest {days}", "最旧来源{days}"),
    "no_sources": ("no sources cited", "未引用任何来源"),
    "not_scored": ("not scored", "未评分"),
    "unknown": ("unknown", "未知"),
    # insight
    "insight": ("Insight summary", "客户洞察摘要"),
    "strategy": ("Customer strategy", "客户战略"),
    "horizon": ("Horizon", "规划期"),
    "investment_areas": ("Investment areas", "投资领域"),
    "business_scope": ("Business scope", "业务范围"),
    "organization": ("Organization", "组织结构"),
    "position": ("Our position", "我方定位"),
    "edge_detail": ("One level down", "下沉分析"),
    "fit": ("Strategic fit", "战略匹配度"),
    "trend": ("Trend", "趋势"),
    "facts": ("Cited facts", "事实依据"),
    "no_strategy": ("No strategy insight recorded yet.", "尚未记录客户战略洞察。"),
    "channels": ("Information-channel coverage", "信息渠道覆盖"),
    "channel": ("Channel", "渠道"),
    "external": ("External", "外部"),
    "internal": ("Internal", "内部"),
    "cited": ("Cited", "已引用"),
    "missing": ("Missing", "缺失"),
    "newest": ("Newest", "最新"),
    "missing_channels": ("Channels not yet used", "尚未使用的渠道"),
    "open_issues": ("Open issues", "未关闭问题"),
    "none": ("None.", "无。"),
    # links to the forge's web editor
    "edit_file": ("Edit the file behind this", "编辑对应的文件"),
    "log_activity": ("Log an activity", "记录一次客户接触"),
    "add_contact": ("Add a contact", "添加联系人"),
    "narrative": ("Narrative", "客户概况"),
    # relationship map
    "relationship_map": ("Relationship map", "客户关系图"),
    "contacts": ("Contacts", "联系人"),
    "name": ("Name", "姓名"),
    "title": ("Title", "职务"),
    "issue_title": ("Issue", "问题"),
    "gifts_register": ("Gifts register", "礼品与招待登记"),
    "department": ("Department", "部门"),
    "level": ("Level", "层级"),
    "role": ("Decision role", "决策角色"),
    "influence": ("Influence", "影响力"),
    "intimacy": ("Intimacy", "亲密度"),
    "support": ("Support", "支持度"),
    "coach": ("Coach", "教练"),
    "reports_to": ("Reports to", "汇报对象"),
    "owners": ("Our owners", "我方负责人"),
    "notes": ("Notes", "备注"),
    "goals": ("Goals", "个人目标"),
    "left": ("left {date}", "已于 {date} 离职"),
    "yes": ("yes", "是"),
    "matrix": ("Key relationships: intimacy × support", "关键客户关系：亲密度 × 支持度"),
    # three layers
    "layers": ("Three-layer relationships", "立体式客户关系"),
    "layer_key": ("Key relationships — the point", "关键客户关系 —— 点"),
    "layer_general": ("General relationships — the surface", "普遍客户关系 —— 面"),
    "layer_org": ("Organizational relationships — the momentum", "组织客户关系 —— 势"),
    "key_people": ("Decision makers and high-influence contacts", "决策者与高影响力联系人"),
    "warm": ("warm (supporter and trusted or closer)", "关系良好（支持度≥4且亲密度≥4）"),
    "coverage": ("Coverage by department and level", "按部门和层级的覆盖"),
    "visits_12w": ("Contact activities over the last {n} weeks", "最近 {n} 周的客户接触活动"),
    "visits": ("Activities", "活动数"),
    "week_of": ("Week of", "周起始"),
    "initiatives": ("Initiatives", "拓展举措"),
    "no_initiative": ("No initiative of this kind.", "暂无此类举措。"),
    # plans, activities, issues, sources
    "plans": ("Improvement plans", "关系提升计划"),
    "goal": ("Goal", "目标"),
    "owner": ("Owner", "负责人"),
    "due": ("Due", "截止日期"),
    "status": ("Status", "状态"),
    "progress": ("Progress", "进度"),
    "target": ("Target", "对象"),
    "activities": ("Activities", "客户接触活动"),
    "date": ("Date", "日期"),
    "kind": ("Kind", "类型"),
    "summary": ("Summary", "摘要"),
    "people": ("Our people", "我方人员"),
    "quality": ("Quality", "活动质量"),
    "opinions": ("Customer opinions", "客户意见"),
    "plan": ("Plan", "计划"),
    "issues": ("Issues and complaints", "问题与投诉"),
    "opened": ("Opened", "提出日期"),
    "closed": ("Closed", "关闭日期"),
    "raised_by": ("Raised by", "提出人"),
    "satisfaction": ("Satisfaction", "客户满意度"),
    "survey": ("Survey", "调查"),
    "score": ("Score", "得分"),
    "per_week": ("per week", "次/周"),
    "respondents": ("Respondents", "受访人数"),
    "sources": ("Sources", "信息来源"),
    "collected": ("Collected", "收集日期"),
    "published": ("Published", "发布日期"),
    "scoring_guide": ("Scoring guide", "评分指南"),
    "guide_intro": ("How the scorecards apply the method (客户关系评价): for each dimension and market type, a small "
                    "dossier, the article's words and the rule it sets, and the figures computed from it with the "
                    "default settings — by the same code that scores the accounts, and checked by the tests.",
                    "评分卡如何落实客户关系评价方法：每个维度和市场类型各举一例，给出一个小档案、原文及其规则，以及按默认设置"
                    "算出的各项指标——与客户评分使用同一套代码，并由测试核对。"),
    "guide_dossier": ("The dossier (account.md frontmatter):", "档案（account.md 的 frontmatter）："),
    "guide_figures": ("Computed as of {date}", "按 {date} 计算"),
    "public_expected": ("the article: about {n}% is public", "原文：约 {n}% 的信息可通过公开渠道获得"),
    "ranked_by_method": ("Ranked by score: the KPI results and key actions of the accounts each person serves "
                         "(客户关系评价), not by meetings logged.",
                         "按得分排序：每人所服务客户的经营结果与关键动作（客户关系评价），而不是按记录的拜访次数。"),
    "sales_per_head": ("Sales per head (share)", "人均销售（个人份额）"),
    "age_days": ("Age (days)", "距今（天）"),
    "stale": ("stale", "需更新"),
    "review_by": ("Review by", "复核日期"),
    "cited_by": ("Cited by", "引用处"),
    "kpi": ("KPI results", "经营结果"),
    "year": ("Year", "年份"),
    "sales": ("Sales", "销售额"),
    "profit": ("Profit", "利润"),
    "headcount": ("Headcount", "人数"),
    # scorecard
    "scorecard": ("Scorecard", "评分卡"),
    "figure": ("Figure", "指标"),
    "value": ("Value", "数值"),
    "formula": ("Formula", "计算方法"),
    "inputs": ("Inputs", "输入"),
    "note": ("Note", "说明"),
    "since_quarter": ("Change since quarter start", "季度初以来变化"),
    "dim_kpi": ("Dimension 1 — KPI results", "维度一 —— 经营结果"),
    "dim_actions": ("Dimension 2 — nine key business actions", "维度二 —— 9大关键业务动作"),
    "total": ("Total", "总分"),
    "cadence": ("Visits per week", "每周见客户次数"),
    "scores_pending": ("Scores are not available in this build.", "本次构建未提供评分。"),
    # portfolio
    "accounts": ("Accounts", "客户"),
    "account": ("Account", "客户"),
    "filter": ("Filter accounts", "筛选客户"),
    "all": ("all", "全部"),
    "fit_revenue": ("Strategic fit × revenue", "战略匹配度 × 销售额"),
    "chart_currency": ("Sales in {currency}{rates}.", "销售额单位：{currency}{rates}。"),
    "chart_rates": (", converted at the rates of {date}", "，按 {date} 的汇率换算"),
    "chart_mixed": ("Not drawn: the accounts' sales are in {currencies}. Set money.currency and money.rates in "
                    "mkdocs.yml to compare them.",
                    "未绘制：各客户销售额的币种为 {currencies}。"
                    "请在 mkdocs.yml 中设置 money.currency 和 money.rates 后再比较。"),
    "chart_no_fit": ("Not on the chart, no strategic fit recorded: {names}.", "未上图（未记录战略匹配度）：{names}。"),
    "chart_no_rate": ("Not on the chart, no exchange rate for their currency: {names}.",
                      "未上图（其币种没有汇率）：{names}。"),
    "cash_cow_note": ("Accounts whose strategy diverges from ours are marked as cash cows.",
                      "战略与我方背离的客户标记为现金牛客户。"),
    "attention": ("Needs attention", "需要关注"),
    "attention_intro": ("Accounts where method rules fire, by rule.", "触发方法规则的客户，按规则列出。"),
    "findings": ("Findings", "规则提示"),
    "no_findings": ("No rule fires on any account.", "没有客户触发规则。"),
    "revenue": ("Revenue", "销售额"),
    "group": ("Group", "分组"),
    "average_total": ("Average total", "平均总分"),
    "diagnostics": ("Rule findings", "规则提示"),
    # a page the live preview can no longer build
    "unavailable_title": ("Page not available", "页面不可用"),
    "unavailable_broken": ("This page cannot be built: {source} has errors.", "无法生成此页面：{source} 有错误。"),
    "unavailable_gone": ("This page cannot be built: {source} no longer exists (deleted or renamed).",
                         "无法生成此页面：{source} 已不存在（已删除或已改名）。"),
    "unavailable_explain": ("The preview shows this instead of the last good version; the page comes back when "
                            "the source loads again.",
                            "预览显示此说明，而不是上一个正确版本；源文件能够加载后，页面会恢复。"),
    "warm_short": ("Warm", "良好关系"),
    "table": ("table", "表格"),
    "views": ("Views", "视图"),
    "visits_short": ("Visits ({n} wk)", "客户接触（近{n}周）"),
    # team
    "person": ("Person", "人员"),
    "owned_relationships": ("Relationships owned", "负责的客户关系"),
    "visits_per_week": ("Visits per week against the expectation of {n}", "每周见客户次数（要求{n}次）"),
    "expectation": ("expectation", "要求"),
    "manager": ("Manager", "主管"),
    "their_accounts": ("Accounts", "负责客户"),
    # rules
    "rules_intro": ("Every rule the validator applies. Severities can be changed in mkdocs.yml.",
                    "校验器应用的全部规则。严重级别可在 mkdocs.yml 中调整。"),
    "default_severity": ("Default severity", "默认级别"),
    "configured_severity": ("Configured", "当前配置"),
    "off": ("off", "关闭"),
    "rule": ("Rule", "规则"),
}
# The history views' labels live in their own table; none may change a label defined above.
assert not set(movement_labels.UI) & set(UI), sorted(set(movement_labels.UI) & set(UI))
UI.update(movement_labels.UI)
UI.update({k: v for k, v in wording.UI.items() if k not in UI})

# Enum values by field kind; the values are the dossier's own vocabulary.
ENUMS: dict[str, dict[str, tuple[str, str]]] = {
    "tier": {"S": ("S — strategic", "S类（战略客户）"), "A": ("A — partner", "A类（伙伴客户）"),
             "B": ("B", "B类"), "C": ("C", "C类")},
    "market": {"saline-alkali": ("saline-alkali market", "盐碱地市场"),
               "breakthrough": ("newly broken-through market", "新突破市场"),
               "mature": ("mature market", "成熟市场")},
    "market_short": {"saline-alkali": ("saline-alkali", "盐碱地"), "breakthrough": ("breakthrough", "新突破"),
                     "mature": ("mature", "成熟")},
    "team_role": {"AR": ("AR — account", "AR 客户经理"), "SR": ("SR — solution", "SR 解决方案经理"),
                  "FR": ("FR — fulfilment", "FR 交付经理"), "sponsor": ("sponsor", "我方高层责任人"),
                  "member": ("member", "成员")},
    "channel": {"industry-report": ("industry consulting report", "行业咨询报告"),
                "shareholder-meeting": ("shareholder meeting", "股东大会"),
                "analyst-day": ("analyst day", "分析师大会"), "investor": ("investors", "投资人"),
                "news": ("news", "新闻"), "customer-website": ("customer website", "客户网站"),
                "internal-publication": ("internal publication", "内部刊物"),
                "annual-report": ("annual report", "年报"), "coach": ("our coach", "教练"),
                "competitor": ("competitors", "友商")},
    "layer": {"key": ("Key relationships", "关键客户关系"), "general": ("General relationships", "普遍客户关系"),
              "organizational": ("Organizational relationships", "组织客户关系")},
    "status": {"planned": ("planned", "计划中"), "in-progress": ("in progress", "进行中"), "done": ("done", "已完成"),
               "dropped": ("dropped", "已放弃"), "open": ("open", "未关闭"), "closed": ("closed", "已关闭")},
    "initiative": {"benchmarking": ("strategic benchmarking meeting", "战略对标会议"),
                   "executive-visit": ("executive exchange visit", "高层带队互访"),
                   "cooperation-agreement": ("strategic cooperation agreement", "战略合作协议"),
                   "innovation-centre": ("joint innovation centre", "联合创新中心")},
    "issue_kind": {"issue": ("issue", "问题"), "complaint": ("complaint", "投诉")},
    "trend": {"converging": ("converging", "趋同"), "stable": ("stable", "稳定"), "diverging": ("diverging", "背离")},
    "position": {"main-channel": ("main channel", "主航道"), "edge": ("edge business", "边缘业务")},
    "activity": {"visit": ("visit", "拜访"), "meeting": ("meeting", "会议"), "call": ("call", "电话"),
                 "event": ("event", "展会/论坛"), "workshop": ("workshop", "研讨会"), "meal": ("meal", "餐叙"),
                 "exec-visit": ("executive visit", "高层互访"), "email": ("e-mail", "邮件")},
    "classification": {"strategic": ("strategic", "战略客户"), "partner": ("partner", "伙伴客户"),
                       "cash-cow": ("cash cow", "现金牛客户"), "maintain": ("maintain", "维持客户"),
                       "develop": ("develop", "发展"), "watch": ("watch", "关注")},
    "severity": {"error": ("error", "错误"), "warning": ("warning", "警告"), "info": ("info", "提示"),
                 "off": ("off", "关闭")},
}

# Contact levels and decision roles: the charts' names, so a map legend and the table beside it agree.
ENUMS["level"] = {v: (chart_labels.EN[f"level.{v}"], chart_labels.ZH[f"level.{v}"]) for v in chart_labels.LEVELS}
ENUMS["decision_role"] = {v: (chart_labels.EN[f"role.{v}"], chart_labels.ZH[f"role.{v}"]) for v in chart_labels.ROLES}

# Opportunities and stages: their own table (generator.render.work_labels); none may change a label above.
assert not set(work_labels.UI) & set(UI), sorted(set(work_labels.UI) & set(UI))
UI.update(work_labels.UI)
ENUMS["stage"] = work_labels.STAGES
ENUMS["whitespace"] = work_labels.WHITESPACE

SCALES: dict[str, scales.Labels] = {
    "support": scales.SUPPORT, "intimacy": scales.INTIMACY, "influence": scales.INFLUENCE,
    "fit": scales.FIT, "quality": scales.QUALITY, "satisfaction": scales.SATISFACTION, "strength": scales.STRENGTH,
}


@dataclass(frozen=True)
class Translator:
    """Labels in one language; templates call it as ``t("key")``."""

    lang: str = "en"

    @property
    def index(self) -> int:
        """0 for English, 1 for Chinese."""
        return index(self.lang)

    def __call__(self, key: str, **values: Any) -> str:
        """The UI label ``key``, with ``{placeholders}`` filled; the key itself if unknown."""
        pair = UI.get(key)
        text = pair[self.index] if pair else key
        return text.format(**values) if values else text

    def age(self, days: int) -> str:
        """A source's age: ``today``/``今天``, else ``32 days old``/``距今32天``."""
        return wording.age(days, self.index)

    def enum(self, kind: str, value: str | None) -> str:
        """The translated name of an enum value; the value itself when not listed."""
        if value is None:
            return ""
        pair = ENUMS.get(kind, {}).get(value)
        return pair[self.index] if pair else value

    def scale(self, kind: str, value: int | None) -> str:
        """``"4 · supporter"`` for a 1–5 scale value; ``"? · unknown"`` for a support or intimacy not known yet."""
        if value is None:
            return f"? · {scales.UNKNOWN_LABEL[self.index]}" if kind in UNKNOWABLE else ""
        pair = SCALES[kind].get(value)
        return f"{value} · {pair[self.index]}" if pair else str(value)


UNKNOWABLE = frozenset({"support", "intimacy", "strength"})
"""Scales a dossier may write as ``unknown``."""
