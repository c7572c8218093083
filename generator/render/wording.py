"""Labels added for Chinese typography and the glossary, merged into :data:`.i18n.UI`.

Kept apart from the main label table so that the table itself only changes when a term
is corrected. Punctuation is a label too: Chinese text takes full-width ``：，；、``.
"""

from __future__ import annotations

UI: dict[str, tuple[str, str]] = {
    # punctuation between a label and its value, and between items of a list
    "colon": (": ", "："),
    "comma": (", ", "，"),
    "list_sep": (", ", "、"),
    "semicolon": ("; ", "；"),
    "paren": (" ({text})", "（{text}）"),
    # after a sum converted into the reporting currency (Money.describe() in English)
    "rates_of": (", rates of {date}", "（按 {date} 的汇率）"),
    # ages of sources
    "today": ("today", "今天"),
    "days_old": ("{days} days old", "距今{days}天"),
    "days_short": ("{days} d", "{days}天"),
    # the KPI table's target column (the plans table's "target" is a contact)
    "sales_target": ("Target", "销售目标"),
    # glossary page
    "glossary": ("Glossary", "术语表"),
    "glossary_intro": ("The method's terms as this site uses them, in English and in the article's Chinese.",
                       "本站使用的方法术语，英文与原文中文对照。"),
    "term_en": ("English", "英文"),
    "term_zh": ("Chinese", "中文"),
    "article_term": ("The article's wording", "原文用语"),
    "meaning": ("Meaning", "含义"),
    # text alternatives of charts
    "chart_table": ("The same figures as a table", "同一数据的表格"),
    "skip_map": ("Contacts as a table", "联系人表格"),
}
"""Key → (English, 简体中文); merged into ``i18n.UI`` (keys there win)."""


def age(days: int, lang_index: int) -> str:
    """How old a source is: ``today`` / ``今天`` for 0 days, else ``32 days old`` / ``距今32天``."""
    if days == 0:
        return UI["today"][lang_index]
    return UI["days_old"][lang_index].format(days=days)
