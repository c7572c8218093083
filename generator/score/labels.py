"""English and Chinese labels of every figure key, in the method's own vocabulary (METHOD.md §3)."""

from __future__ import annotations

from collections.abc import Iterable

from ..language import index
from .types import Msg, MsgArg

LABELS: dict[str, tuple[str, str]] = {
    # the whole
    "total": ("Total score", "综合得分"),
    "classification": ("Classification", "客户分类"),
    "cadence.account": ("Customer meetings per week", "每周见客户次数"),
    # dimension 1
    "kpi.score": ("KPI results", "经营结果"),
    "kpi.sales_per_head": ("Sales per head", "人均销售"),
    "kpi.profit_per_head": ("Profit per head", "人均利润"),
    "kpi.growth": ("Growth against last year", "同比增长"),
    "kpi.target_completion": ("Target completion rate", "目标完成率"),
    "kpi.profit_margin": ("Profit margin", "利润率"),
    "kpi.growth_score": ("Growth score", "增长得分"),
    "kpi.completion_score": ("Target completion score", "目标完成得分"),
    "kpi.profit_score": ("Profit score", "利润得分"),
    "kpi.cash_collection": ("Cash collection", "现金回款率"),
    "kpi.cash_score": ("Cash-flow score", "现金流得分"),
    # dimension 2
    "actions.score": ("Field behaviour: nine key business actions", "现场行为管理（9大关键业务动作）"),
    "groups.info": ("Information completeness", "信息完整度"),
    "groups.plans": ("Improvement-plan completion rate", "提升计划完成率"),
    "groups.satisfaction": ("Customer expectation and satisfaction management", "客户期望和满意度管理"),
    "actions.info.customer_strategy": ("Customer group and strategy defined", "制定客户群及客户战略"),
    "actions.info.relationship_plan": ("Customer relationships planned", "客户关系规划"),
    "actions.info.customer_info": ("Customer information managed", "管理客户信息"),
    "actions.plans.key": ("Key-relationship improvement plans", "关键客户关系提升计划"),
    "actions.plans.organizational": ("Organizational-relationship improvement plans", "组织客户关系提升计划"),
    "actions.plans.general": ("General-relationship improvement plans", "普遍客户关系提升计划"),
    "actions.satisfaction.contact_standard": ("Contact activities to standard", "规范客户接触活动"),
    "actions.satisfaction.quality": ("Activity quality and satisfaction", "提升活动质量，对客户满意度负责"),
    "actions.satisfaction.closed_loop": ("Issues closed in a loop, opinions recorded",
                                         "问题和投诉闭环，客户意见收集传递"),
    # people
    "cadence.person": ("Customer meetings per week", "每周见客户次数"),
    "cadence.person_score": ("Meetings against the expectation", "见客户次数达标率"),
    "people.relationships": ("Health of owned relationships", "所负责客户关系健康度"),
    "people.score": ("Person score: KPI results and key actions", "个人得分：经营结果与关键动作"),
    "people.sales_per_head": ("Sales per head (their share)", "人均销售（个人份额）"),
    "people.profit_per_head": ("Profit per head (their share)", "人均利润（个人份额）"),
    "people.kpi": ("KPI results of the accounts served", "所服务客户的经营结果"),
    "people.actions": ("Key actions of the accounts served", "所服务客户的关键动作"),
    # roll-ups
    "insight.public_share": ("Facts from public channels", "来自公开渠道的信息"),
    "rollup.total": ("Mean total score", "平均综合得分"),
    "rollup.kpi": ("Mean KPI results", "平均经营结果"),
    "rollup.actions": ("Mean key-action score", "平均关键动作得分"),
}
"""Figure key → (English, Chinese)."""

def label(key: str, lang: str = "en") -> str:
    """The label of ``key`` in ``lang`` (``en`` or ``zh``, e.g. ``zh-CN``); the key itself when unknown."""
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry[index(lang)]


# Message templates: every formula and note the scorer writes, by stable key. ``{name}`` is an
# argument: literal text, a term (``Msg("term", (("name", "sales"),))``) or a list of terms.
TEXTS: dict[str, tuple[str, str]] = {
    # formulas
    "f.none": ("", ""),
    "f.ratio_percent": ("100 × {top} / {bottom}", "100 × {top} / {bottom}"),
    "f.ratio": ("{top} / {bottom}", "{top} / {bottom}"),
    "f.growth": ("100 × (sales − last year's sales) / last year's sales", "100 × (销售额 − 上年销售额) / 上年销售额"),
    "f.growth_score": ("100 × growth / growth target", "100 × 同比增长 / 增长目标"),
    "f.completion_score": ("100 × (completion − zero point) / (full point − zero point)",
                           "100 × (目标完成率 − 零分点) / (满分点 − 零分点)"),
    "f.profit_score": ("100 × margin / margin target", "100 × 利润率 / 利润率目标"),
    "f.cash_score": ("100 × cash collection / collection target", "100 × 现金回款率 / 回款目标"),
    "f.saline": ("score of the nine key actions", "9大关键业务动作得分"),
    "f.weighted": ("{terms}", "{terms}"),
    "f.weighted_renormalised": ("({terms}) / {total}", "({terms}) / {total}"),
    "f.weighted_term": ("{weight} × {name}", "{weight} × {name}"),
    "f.checklist": ("100 × {what} / checks", "100 × {what} / 检查项数"),
    "f.customer_info": ("(fields filled % + reviewed in time % + fresh sources %) / 3",
                        "(字段填写率 + 按时复核率 + 新鲜来源率) / 3"),
    "f.customer_info_2": ("mean of fields filled %, reviewed in time %, fresh sources %, strengths assessed % and "
                          "key contacts known by two % (the last two when there is something to count)",
                          "字段填写率、按时复核率、新鲜来源率、关系强度评估率、关键联系人双人覆盖率的平均值"
                          "（后两项仅在有可计数对象时计入）"),
    "f.customer_info_3": ("mean of fields filled %, reviewed in time %, fresh sources %, strengths assessed % and "
                          "decider stances known % (the last two when there is something to count)",
                          "字段填写率、按时复核率、新鲜来源率、关系强度评估率、决策者立场已知率的平均值"
                          "（后两项仅在有可计数对象时计入）"),
    "f.plans": ("mean progress %, overdue × (1 − {penalty}), dropped left out",
                "平均进度 %，逾期项 × (1 − {penalty})，已放弃的不计"),
    "f.contact_standard": ("100 × activities with summary, contacts, people and quality / activities",
                           "100 × 有摘要、客户联系人、我方人员和质量评分的活动数 / 活动数"),
    "f.quality": ("mean of (level − 1) × 25 for mean quality and latest satisfaction",
                  "平均活动质量与最近一次满意度各按 (等级 − 1) × 25 折算后取平均"),
    "f.closed_loop": ("mean of (100 × closed in time / due) and min(100, 100 × opinion share / target share)",
                      "(100 × 按时关闭数 / 应关闭数) 与 min(100, 100 × 记录意见的活动占比 / 目标占比) 的平均"),
    "f.cadence": ("customer meetings in the window / weeks", "统计期内见客户次数 / 周数"),
    "f.cadence_score": ("min(100, 100 × meetings per week / expected per week)",
                        "min(100, 100 × 每周见客户次数 / 每周应见次数)"),
    "f.classify": ("first match: diverging → cash-cow (whatever its revenue); tier S → strategic; "
                   "tier A → partner; else maintain",
                   "按顺序取第一条符合的规则：战略背离 → 现金牛客户（无论营收大小）；S 类 → 战略客户；"
                   "A 类 → 伙伴客户；其余 → 维持客户"),
    "f.relationships": ("mean over owned current contacts of ((intimacy + support) / 2 − 1) × 25",
                        "所负责在职联系人 ((亲密度 + 支持度) / 2 − 1) × 25 的平均"),
    "f.no_voice": ("needs a satisfaction result, a customer opinion or an issue", "需要满意度结果、客户意见或问题记录"),
    "f.person_share": ("sum over the accounts served of {what} / team members (each member one equal share)",
                       "所服务各客户的{what} / 团队人数（每位成员一份）之和"),
    "f.person_mean": ("mean of the accounts' {what} over the accounts served", "所服务客户{what}的平均"),
    "f.public_share": ("100 × cited facts with a public source / cited facts",
                       "100 × 有公开来源的事实数 / 有来源的事实数"),
    "f.rollup": ("mean of the accounts' {what}", "各客户{what}的平均"),
    # notes
    "n.too_large": ("the figures are too large to compute with", "数值过大，无法计算"),
    "n.nothing": ("nothing to average", "没有可平均的项"),
    "n.absent": ("n/a: {names}; weights renormalised over the rest", "不适用：{names}；权重按其余各项重新归一"),
    "n.no_part": ("no part has a value", "各组成部分均无数值"),
    "n.missing": ("missing: {names}", "缺少：{names}"),
    "n.no_kpi": ("no KPI recorded yet", "尚未记录经营结果（KPI）"),
    "n.headcount_zero": ("headcount is 0: per-head figures are undefined", "人数为 0：无法计算人均指标"),
    "n.no_sales_year": ("no sales recorded for {year}", "未记录 {year} 年销售额"),
    "n.last_zero": ("last year's sales were 0: growth is undefined", "上年销售额为 0：无法计算同比增长"),
    "n.no_target": ("no sales target set for {year}", "未设定 {year} 年销售目标"),
    "n.no_sales": ("no sales: margin is undefined", "没有销售额：无法计算利润率"),
    "n.first_sales": ("first sales after a year without: full growth score",
                      "上年无销售、今年首次实现销售：增长得满分"),
    "n.saline": ("saline-alkali market: assessed by whether the key actions were done, not by revenue",
                 "盐碱地市场：按关键动作是否完成考核，不看收入"),
    "n.breakthrough": ("breakthrough market: assessed by growth against last year", "新突破市场：按同比增长考核"),
    "n.mature": ("mature market: assessed by target completion, profit and cash flow",
                 "成熟市场：按目标完成率、利润和现金流考核"),
    "n.no_cash_flow": ("no cash flow recorded for {year}", "未记录 {year} 年现金流"),
    "n.no_contacts": ("no current contacts recorded", "未记录在职联系人"),
    "n.no_sources": ("no sources recorded", "未记录信息来源"),
    "n.no_plan": ("no {layer}-relationship plan", "没有{layer}提升计划"),
    "n.no_activities_window": ("no activities in the last {weeks} weeks", "最近 {weeks} 周没有活动记录"),
    "n.no_rated": ("no rated activity and no satisfaction result", "没有评分的活动，也没有满意度结果"),
    "n.no_issue_due": ("no issue due to be closed", "没有应关闭的问题"),
    "n.no_opinions": ("no activities: no opinions recorded", "没有活动：未记录客户意见"),
    "n.cash_cow": ("cash-cow rule (AP309): strategy diverging, a cash cow even if its revenue is large",
                   "现金牛规则（AP309）：战略背离，即使营收贡献很大也定义为现金牛客户"),
    "n.cash_cow_floor": ("cash-cow rule (AP309): strategy diverging and sales {sales} ≥ the team's floor {threshold}",
                         "现金牛规则（AP309）：战略背离，且销售额 {sales} ≥ 团队设定的下限 {threshold}"),
    "n.cash_cow_no_rate": ("cash-cow rule (AP309): strategy diverging; no exchange rate for {currency}, so the "
                           "team's sales floor is not applied",
                           "现金牛规则（AP309）：战略背离；没有 {currency} 的汇率，团队设定的销售额下限不适用"),
    "n.diverging": ("diverging, but sales below the team's cash-cow floor {threshold}: tier {tier} maintained",
                    "战略背离，但销售额低于团队设定的现金牛下限 {threshold}：{tier} 类为维持客户"),
    "n.tier_strategic": ("tier rule: tier S is a strategic account", "级别规则：S 类为战略客户"),
    "n.tier_partner": ("tier rule: tier A is a partner account", "级别规则：A 类为伙伴客户"),
    "n.tier_maintain": ("tier rule: tier {tier} is maintained", "级别规则：{tier} 类为维持客户"),
    "n.all_unknown": ("where each owned contact stands is not known yet", "所负责联系人的立场均尚未知"),
    "n.serves_none": ("serves no account", "未服务任何客户"),
    "n.no_rate": ("no exchange rate for {currencies} into the reporting currency (money.rates)",
                  "没有 {currencies} 到报告币种的汇率（money.rates）"),
    "n.mixed_currencies": ("accounts in {currencies}: set money.currency and rates to add them up",
                           "客户币种为 {currencies}：需设定 money.currency 和汇率才能相加"),
    "n.no_cited_facts": ("no cited fact yet", "尚无有来源的事实"),
    "n.owns_none": ("owns no current customer relationship", "未负责任何在职客户联系人"),
    "n.rollup_empty": ("no account has a {what}", "没有客户有{what}"),
    "n.na": ("n/a", "不适用"),
    "n.no_voice": ("no data: no satisfaction result, no customer opinion or expectation recorded and no issue raised",
                   "无数据：没有满意度结果，没有记录客户意见或期望，也没有提出的问题"),
    "n.no_voice_zero": ("customer expectation and satisfaction has no data: counted as 0, not left out",
                        "客户期望和满意度管理无数据：按 0 计入，不剔除"),
}
"""Message key → (English template, Chinese template)."""

TERMS: dict[str, str] = {
    # KPI records and dimension 1
    "sales": "销售额", "profit": "利润", "headcount": "人数", "target": "销售目标", "year": "年份",
    "last year's sales": "上年销售额", "from": "来源", "growth": "同比增长", "growth target": "增长目标",
    "completion": "目标完成率", "zero point": "零分点", "full point": "满分点", "margin": "利润率",
    "margin target": "利润率目标", "cash_flow": "现金流", "cash collection": "现金回款率",
    "collection target": "回款目标", "market": "市场类型", "key actions": "关键动作得分",
    # the parts of the KPI result: scores, named as their rows are (the article's 目标完成率 is the rate)
    "completion score": "目标完成得分", "profit score": "利润得分", "cash-flow score": "现金流得分",
    "growth score": "增长得分",
    # weighted parts: dimensions, groups, actions, person
    "kpi": "经营结果", "actions": "现场行为（关键动作）", "info": "信息完整度", "plans": "提升计划完成率",
    "satisfaction": "客户期望和满意度管理", "customer_strategy": "客户群及客户战略",
    "relationship_plan": "客户关系规划",
    "customer_info": "客户信息管理", "key": "关键客户关系", "organizational": "组织客户关系", "general": "普遍客户关系",
    "contact_standard": "规范接触活动", "quality": "活动质量与满意度", "closed_loop": "问题闭环与意见收集",
    "cadence": "见客户次数达标率", "relationships": "客户关系健康度",
    # checklists
    "segment": "客户群", "strategy": "客户战略", "investment areas": "投资领域", "business scope": "业务范围",
    "organization": "组织结构", "sourced": "有来源", "edge detail": "下沉分析", "passed": "通过项",
    "checks": "检查项数", "items defined": "已定义项数", "layers planned": "已规划层数",
    # customer information
    "current contacts": "在职联系人", "left": "已离职", "fields filled": "已填字段", "fields expected": "应填字段",
    "reviewed in time": "按时复核", "sources": "信息来源", "fresh sources": "新鲜来源",
    "fields filled %": "字段填写率 %", "reviewed in time %": "按时复核率 %", "fresh sources %": "新鲜来源率 %",
    "our relationships": "我方与客户的关系数", "strengths assessed": "已评估强度", "key contacts": "关键联系人",
    "known by two or more": "两人及以上认识", "strengths assessed %": "关系强度评估率 %",
    "key contacts known by two %": "关键联系人双人覆盖率 %",
    "relationships recorded": "已记录的关系数", "open opportunities": "进行中的机会点",
    "decider stances": "决策者立场（应知）", "stances known": "立场已知",
    "decider stances known %": "决策者立场已知率 %",
    # plans
    "overdue": "逾期", "dropped": "已放弃", "plan": "计划", "initiative": "组织举措",
    # activities, quality, closed loop
    "activities": "活动数", "to standard": "符合规范", "no summary": "无摘要", "no contacts": "无客户联系人",
    "no people": "无我方人员", "no quality": "无质量评分", "rated activities": "有评分的活动",
    "mean quality": "平均活动质量", "latest satisfaction": "最近满意度", "survey date": "调查日期",
    "quality score": "质量得分", "satisfaction score": "满意度得分", "closed in time": "按时关闭",
    "late or closed undated": "逾期或关闭日期不详", "open within limit": "期限内未关闭", "close days": "关闭期限（天）",
    "with opinions": "记录了客户意见", "opinion share target %": "意见记录目标占比 %", "opinions score": "意见得分",
    "issues score": "问题闭环得分",
    # cadence and people
    "meetings": "见客户次数", "weeks": "周数", "meetings per week": "每周见客户次数",
    "expected per week": "每周应见次数", "cited facts": "有来源的事实", "with a public source": "有公开来源",
    "expected %": "预期占比 %", "not yet known": "尚未知",
    # classification
    "tier": "客户级别", "trend": "趋势", "threshold": "现金牛销售下限", "headcount last year": "上年人数",
    # roll-ups
    "accounts in group": "组内客户数", "accounts scored": "已评分客户数", "total": "综合得分",
    "KPI score": "经营结果得分", "actions score": "关键动作得分",
    # input values
    "last_year_sales": "KPI 记录中的上年销售额（last_year_sales）",
}
"""English term (input name, part name) → Chinese, in the method's vocabulary."""

VALUE_TEXTS: dict[str, tuple[str, str]] = {
    "record": ("{year} record", "{year} 年记录"),
    "weight": ("{name} weight", "{name}权重"),
    "item": ("{kind} {id}", "{kind} {id}"),
    "item_overdue": ("{kind} {id} (overdue)", "{kind} {id}（逾期）"),
}
"""Templates of composed input names and values; ``split_name`` reads them back."""

TERM = "term"
SEPARATORS = {"f.weighted": (" + ", " + "), "f.weighted_renormalised": (" + ", " + ")}
"""How a list argument is joined, by message key; otherwise ``, `` and ``、``."""


def term(name: str) -> Msg:
    """A term (input or part name) as a message argument."""
    return Msg(TERM, (("name", name),))


def terms(names: Iterable[str]) -> tuple[Msg, ...]:
    """Several terms, for a list argument."""
    return tuple(term(n) for n in names)


def msg(key: str, **args: MsgArg) -> Msg:
    """A message; raises ``KeyError`` for an unknown key so that a typo fails the tests at once."""
    if key not in TEXTS:
        raise KeyError(key)
    return Msg(key, tuple(args.items()))


def term_text(name: str, lang: str = "en") -> str | None:
    """``name`` in ``lang``; ``None`` in Chinese when the term is not in the table."""
    if not index(lang):
        return name
    return TERMS.get(name)


def text(message: Msg, lang: str = "en") -> str:
    """The message in ``lang``; in Chinese an unknown term shows in English (the tests forbid that)."""
    if message.key == TERM:
        name = str(dict(message.args)["name"])
        return term_text(name, lang) or name
    i = index(lang)
    joiner = SEPARATORS.get(message.key, (", ", "、"))[i]
    values: dict[str, str] = {}
    for name, arg in message.args:
        if isinstance(arg, Msg):
            values[name] = text(arg, lang)
        elif isinstance(arg, tuple):
            values[name] = joiner.join(text(a, lang) for a in arg)
        else:
            values[name] = arg
    return TEXTS[message.key][i].format(**values)


def joined(messages: Iterable[Msg], lang: str = "en") -> str:
    """Several notes as one text, the way ``Figure.note`` joins them."""
    return ("; " if not index(lang) else "；").join(text(m, lang) for m in messages)


def composed(template: str, lang: str = "en", **parts: str) -> str:
    """A composed input name or value (``VALUE_TEXTS``), its word parts translated in Chinese."""
    shown = {k: (term_text(v, lang) or v) if k in ("name", "kind") else v for k, v in parts.items()}
    return VALUE_TEXTS[template][index(lang)].format(**shown)


def input_name(name: str, lang: str = "en") -> str | None:
    """An input's name in ``lang``: a term, a composed name (``x weight``, ``plan p1 (overdue)``) or an id.

    ``None`` when Chinese is asked and the name is none of those.
    """
    if not index(lang):
        return name
    if name in TERMS:
        return TERMS[name]
    if name.endswith(" weight") and name[:-7] in TERMS:
        return composed("weight", lang, name=name[:-7])
    kind, _, rest = name.partition(" ")
    if kind in ("plan", "initiative") and rest:
        overdue = rest.endswith(" (overdue)")
        ident = rest[:-10] if overdue else rest
        return composed("item_overdue" if overdue else "item", lang, kind=kind, id=ident)
    if " " not in name and name.isascii():
        return name  # an id: a slug/contact pair in a person's relationships, an account slug in a roll-up
    return None


def input_value(name: str, value: str, lang: str = "en") -> str | None:
    """A text input value in ``lang``: the KPI source (``2024 record``), else the value as recorded."""
    if not index(lang) or name != "from":
        return value
    year, _, word = value.partition(" ")
    if word == "record" and year.isdigit():
        return composed("record", lang, year=year)
    return TERMS.get(value)
