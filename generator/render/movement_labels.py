"""Labels of the history views (account history, portfolio movement, home dashboard), English and Chinese.

Kept beside :mod:`.i18n`, which merges them into its ``UI`` table.
"""

from __future__ import annotations

UI: dict[str, tuple[str, str]] = {
    "home": ("Home", "首页"),
    "dashboard": ("Today's dashboard", "今日看板"),
    "dashboard_intro": ("As of {day}: what needs attention, what changed, what is overdue. Each line links to the "
                        "place to act. What each page shows: \u201cHow to read this site\u201d in the navigation.",
                        "截至 {day}：需要关注的事项、最近的变化和逾期事项，"
                        "每一行都链接到需要处理的页面。各页面的说明见导航中的\u201c阅读指南\u201d。"),
    "how_to_read": ("How to read this site", "阅读指南"),
    "attention_list": ("Needs attention", "需要关注"),
    "changed_week": ("What changed this week", "本周变化"),
    "overdue_work": ("Overdue plans and actions", "逾期的计划与行动"),
    "below_cadence": ("People below the visit cadence", "拜访频次不足的人员"),
    "stale_facts": ("Accounts whose facts are going stale", "信息即将过时的客户"),
    "nothing": ("Nothing here.", "暂无。"),
    "findings_n": ("{errors} error(s), {warnings} warning(s)", "{errors} 个错误，{warnings} 个警告"),
    "due_on": ("due {day}, {progress}%", "截止 {day}，完成 {progress}%"),
    "open_since": ("open since {day}", "自 {day} 起未关闭"),
    "per_week_of": ("{value} a week (expected {expected})", "每周 {value} 次（期望 {expected} 次）"),
    "newest_days": ("newest source {days} days old", "最新来源距今 {days} 天"),
    "history": ("History", "历史"),
    "history_dates": ("Dates are the committer dates (UTC) of the first-parent commits of the main branch; "
                      "scores at each quarter's end are computed from the dossier as committed then. "
                      "History read: {commits} commit(s) since {first}.",
                      "日期取主分支第一父提交的提交者日期（UTC）；各季度末的评分依据当时提交的客户档案计算。"
                      "已读取历史：自 {first} 起 {commits} 次提交。"),
    "history_account_dates": ("Dates are the committer dates (UTC) of the first-parent commits of the main branch; "
                              "scores at each quarter's end are computed from the dossier as committed then. "
                              "History of this account: {commits} commit(s) since {first}.",
                              "日期取主分支第一父提交的提交者日期（UTC）；各季度末的评分依据当时提交的客户档案计算。"
                              "本客户的历史：自 {first} 起 {commits} 次提交。"),
    "history_account_none": ("No commit of the main branch holds this account yet: only the present is shown.",
                             "主分支中尚无包含此客户的提交：仅显示当前状态。"),
    "history_shallow": ("This build saw a shallow clone: older commits are missing, so the history below starts "
                        "late. Fetch the full history (fetch-depth: 0) to see it all.",
                        "本次构建使用的是浅克隆：较早的提交缺失，以下历史起点偏晚。请获取完整历史（fetch-depth: 0）。"),
    "history_none": ("No git history was found for the dossiers: only the present is shown.",
                     "未找到客户档案的 git 历史：仅显示当前状态。"),
    "score_history": ("Scorecard at quarter ends", "各季度末的评分"),
    "score_history_desc": ("Total score and its two dimensions at the end of each quarter; the last point is today.",
                           "各季度末的总分及两个维度得分；最后一点为今天。"),
    "quarter_end": ("Quarter end", "季度末"),
    "kpi_dimension": ("KPI results", "KPI 结果"),
    "actions_dimension": ("Key actions", "关键行动"),
    "contact_moves": ("Key contacts over time", "关键联系人的变化"),
    "contact": ("Contact", "联系人"),
    "change": ("Change", "变化"),
    "commit": ("Commit", "提交"),
    "reason": ("Activity given as the reason", "作为依据的活动"),
    "move_added": ("added: support {after}", "新增：支持度 {after}"),
    "plans_history": ("Plans' progress over time", "计划进展"),
    "change_log": ("Change log by month", "按月变更记录"),
    "no_moves": ("No support or intimacy changes in the last eight quarters.", "最近八个季度支持度和亲密度没有变化。"),
    "trend_since": ("Since last quarter", "较上季度"),
    "movement": ("Movement", "变化趋势"),
    "what_changed": ("What changed", "近期变化"),
    "last_days": ("Last {days} days", "最近 {days} 天"),
    "event_tier": ("Tier", "客户级别"),
    "event_support": ("Decision maker's support", "决策者支持度"),
    "event_contact-added": ("New key contact", "新增关键联系人"),
    "event_contact-departed": ("Key contact departed", "关键联系人离开"),
    "event_plan-done": ("Plan completed", "计划完成"),
    "event_plan-overdue": ("Plan overdue", "计划逾期"),
    "person_history": ("History", "历史"),
    "visits_month": ("Visits a week, by month", "按月统计的每周见客户次数"),
    "month": ("Month", "月份"),
    "visits_a_week": ("A week", "每周"),
    "gained": ("Relationships gained or strengthened", "新建或加强的关系"),
}
