"""The 1–5 scales used everywhere, with English and Chinese names for each level.

Every scale runs from 1 (worst) to 5 (best) so that a figure reads the same in any
table or chart: a 3 is always the neutral middle. Support and intimacy may also be
``unknown``: a person met once is not "neutral" — we do not know where they stand yet,
and averaging them as a 3 would invent an opinion (see :data:`UNKNOWN`).
"""

from __future__ import annotations

Labels = dict[int, tuple[str, str]]

UNKNOWN = "unknown"
"""How a dossier writes a support or intimacy level we do not know yet (loaded as ``None``)."""
UNKNOWN_LABEL = ("unknown", "未知")
"""Its English and Chinese names; maps and tables show it as ``?``."""

SUPPORT: Labels = {
    1: ("opponent", "反对"),
    2: ("non-supporter", "不支持"),
    3: ("neutral", "中立"),
    4: ("supporter", "支持"),
    5: ("champion", "坚定支持"),
}
INTIMACY: Labels = {
    1: ("stranger", "陌生"),
    2: ("acquainted", "认识"),
    3: ("familiar", "熟悉"),
    4: ("trusted", "信任"),
    5: ("close ally", "亲密"),
}
INFLUENCE: Labels = {
    1: ("minimal", "很小"),
    2: ("some", "一般"),
    3: ("considerable", "较大"),
    4: ("strong", "很大"),
    5: ("decisive", "决定性"),
}
FIT: Labels = {
    1: ("opposed", "不匹配"),
    2: ("weak", "较弱"),
    3: ("partial", "部分匹配"),
    4: ("strong", "较强"),
    5: ("aligned", "高度匹配"),
}
QUALITY: Labels = {
    1: ("poor", "差"),
    2: ("fair", "一般"),
    3: ("good", "良好"),
    4: ("very good", "很好"),
    5: ("excellent", "优秀"),
}
STRENGTH: Labels = {
    1: ("name only", "仅知其名"),
    2: ("acquainted", "认识"),
    3: ("working relationship", "工作关系"),
    4: ("trusted", "信任"),
    5: ("close", "深交"),
}
"""How well one of our people knows one of theirs (who knows whom); ``unknown`` until assessed."""
SATISFACTION: Labels = {
    1: ("very dissatisfied", "很不满意"),
    2: ("dissatisfied", "不满意"),
    3: ("neutral", "一般"),
    4: ("satisfied", "满意"),
    5: ("very satisfied", "很满意"),
}
