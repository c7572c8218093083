"""Labels of the method's working unit — opportunities (机会点), stances, stages — in English and Chinese.

Kept in their own table and merged into :data:`generator.render.i18n.UI` and ``ENUMS``; none may
change a label defined there.
"""

from __future__ import annotations

UI: dict[str, tuple[str, str]] = {
    "opportunities": ("Opportunities", "机会点"),
    "opportunity": ("Opportunity", "机会点"),
    "unit": ("Business unit", "业务单元"),
    "offerings": ("Our offerings", "我方产品与方案"),
    "opp_value": ("Value", "金额"),
    "stage": ("Stage", "阶段"),
    "decision_date": ("Decision", "预计决策日期"),
    "competitors": ("Competitors", "友商"),
    "criteria": ("Decision criteria", "决策标准"),
    "sponsor": ("Our sponsor", "我方发起人"),
    "stances": ("Stances on this project", "对本项目的支持度"),
    "favours": ("favours {name}", "倾向 {name}"),
    "overdue": ("overdue", "已逾期"),
    "no_opportunities": ("No opportunities recorded yet.", "尚未记录机会点。"),
    "stance_missing": ("not recorded", "未记录"),
    "actions": ("Action items", "行动项"),
    "action": ("Action", "行动项"),
    "serves": ("Serves", "服务于"),
    "no_actions": ("No action items recorded yet.", "尚未记录行动项。"),
    "my_actions": ("Open action items", "待办行动项"),
    "due_soon": ("Due in the next {n} days or overdue", "未来 {n} 天内到期或已逾期的行动项"),
    "who_they_know": ("Who they know", "认识的客户"),
    "who_knows_whom": ("Who knows whom", "谁认识谁"),
    "who_knows_whom_note": ("Our people beside the contacts they know; line weight is how well, dashed: not assessed.",
                            "我方人员与其认识的客户联系人；线条粗细表示关系强度，虚线表示尚未评估。"),
    "strength": ("Strength", "关系强度"),
    "known_since": ("Since", "相识时间"),
    "last_met": ("Last met", "最近见面"),
    "whitespace": ("Whitespace: business units × our offerings", "空白点：业务单元 × 我方产品"),
    "whitespace_note": ("Derived from the opportunities and the installed base (footprint).",
                        "由机会点和已安装基础（footprint）推导得出。"),
    "guide_formulas": ("Scoring formulas and versions", "评分公式与版本"),
    "guide_formula_1": ("Formula 1 scores customer information (管理客户信息) as the mean of fields filled, contacts "
                        "reviewed in time and fresh sources: the scores before opportunities and who knows whom were "
                        "recorded (version 1.0), reproducible with formula: 1.",
                        "公式 1：客户信息管理 = 字段填写率、按时复核率、新鲜来源率的平均值；即记录机会点与“谁认识谁”"
                        "之前的评分（版本 1.0），设置 formula: 1 即可复现旧分数。"),
    "guide_formula_2": ("Formula 2 adds two terms from who knows whom: the share of our relationships whose strength "
                        "is assessed, and the share of key contacts (deciders, influence 4+) known to at least two of "
                        "our people (一多, which the article names a company failure, not a salesperson's action).",
                        "公式 2 增加两项“谁认识谁”指标：已评估关系强度的比例，以及被我方两人及以上认识的"
                        "关键联系人（决策者或影响力 4 及以上）比例（“一多”，文章将其列为公司管理层面的问题，"
                        "而非业务员的动作）。"),
    "guide_formula_3": ("Formula 3 (the default, version 3.0) adds what the article counts as customer information: "
                        "the share of key contacts with at least one assessed knows strength (信息完整度), and "
                        "the share of the deciders of each open opportunity past the early stages whose stance on "
                        "it is known (支持度只能表现在项目的支持度上). Writing down an unknown strength or an early "
                        "lead never scores below leaving it out; a term with nothing to count is left out, so an "
                        "account without key contacts or such opportunities scores as under formula 1. "
                        "To keep older scores:",
                        "公式 3（默认，版本 3.0）增加文章所说的客户信息：至少有一条已评估关系强度的关键联系人比例"
                        "（信息完整度），以及每个已过早期阶段的进行中机会点的决策者中对该项目立场已知的比例"
                        "（支持度只能表现在项目的支持度上）。如实记下未知的强度或早期线索，得分绝不会低于不记录；"
                        "没有可计数对象的一项不计入，因此没有关键联系人或此类机会点的客户得分与公式 1 相同。"
                        "保留旧分数："),
    "add_opportunity": ("Add an opportunity", "新增机会点"),
    "add_action": ("Add an action item", "新增行动项"),
    "nothing_due": ("Nothing due in the next {n} days.", "未来 {n} 天内没有到期的行动项。"),
}

STAGES: dict[str, tuple[str, str]] = {
    "lead": ("lead", "发现机会"),
    "qualified": ("qualified", "已验证"),
    "proposal": ("proposal", "方案阶段"),
    "negotiation": ("negotiation", "商务谈判"),
    "won": ("won", "赢单"),
    "lost": ("lost", "丢单"),
    "dropped": ("dropped", "已放弃"),
}
"""The method's default stages; a team's own stage names are shown as written."""

WHITESPACE: dict[str, tuple[str, str]] = {
    "installed": ("installed", "已安装"),
    "pursuit": ("in pursuit", "跟进中"),
    "competitor": ("competitor-held", "友商占据"),
    "not-relevant": ("not relevant", "不相关"),
    "open": ("open", "空白"),
}
"""The states of a whitespace cell (:mod:`generator.model.whitespace`)."""
