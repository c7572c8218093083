"""English and Chinese labels of every figure key, in the method's own vocabulary (METHOD.md §3)."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    # the whole
    "total": ("Total score", "综合得分"),
    "classification": ("Classification", "客户分类"),
    "cadence.account": ("Customer meetings per week", "每周客户接触次数"),
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
    # dimension 2
    "actions.score": ("Field behaviour: nine key business actions", "现场行为管理（9大关键业务动作）"),
    "groups.info": ("Information completeness", "信息完整度"),
    "groups.plans": ("Improvement-plan completion rate", "提升计划完成率"),
    "groups.satisfaction": ("Customer expectation and satisfaction", "客户满意度"),
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
    "people.score": ("Person score", "个人得分"),
    # roll-ups
    "rollup.total": ("Mean total score", "平均综合得分"),
    "rollup.kpi": ("Mean KPI results", "平均经营结果"),
    "rollup.actions": ("Mean key-action score", "平均关键动作得分"),
}
"""Figure key → (English, Chinese)."""

LANGUAGES = ("en", "zh")


def label(key: str, lang: str = "en") -> str:
    """The label of ``key`` in ``lang`` (``en`` or ``zh``, e.g. ``zh-CN``); the key itself when unknown."""
    entry = LABELS.get(key)
    if entry is None:
        return key
    return entry[1] if lang.lower().startswith("zh") else entry[0]
