"""The Chinese site speaks the article's vocabulary (zh-review.md), and the glossary is in both builds."""

from __future__ import annotations

import re

import pytest
from sitebuild import Built

from generator.render import i18n
from generator.render.glossary import ENTRIES, glossary_view
from generator.render.i18n import Translator
from generator.score import labels

ACCOUNT = "accounts/helios-telecom/"
RETIRED = ("下一层分析", "竞争对手", "高层拜访", "投资者", "每周拜访次数", "每周客户接触次数", "天前", "亲密伙伴",
           "反对者", "坚定支持者", "规则发现", "信息新鲜度", "引用的事实", "高层发起人")
"""Words the review replaced: none of them may appear in a generated label."""


def _zh_labels() -> list[str]:
    texts = [zh for _, zh in i18n.UI.values()] + [zh for kind in i18n.ENUMS.values() for _, zh in kind.values()]
    texts += [zh for scale in i18n.SCALES.values() for _, zh in scale.values()]
    return texts + [zh for _, zh in labels.LABELS.values()] + list(labels.TERMS.values())


@pytest.mark.parametrize("word", RETIRED)
def test_retired_words_are_gone_from_every_label(word: str) -> None:
    assert not [text for text in _zh_labels() if word in text]


def test_one_concept_one_word() -> None:
    t = Translator("zh")
    assert t("revenue") == t("sales") == "销售额"
    assert labels.label("cadence.account", "zh") == labels.label("cadence.person", "zh") == "每周见客户次数"
    assert t.enum("classification", "maintain") == "维持客户"
    assert labels.label("groups.satisfaction", "zh") == "客户期望和满意度管理"
    assert t.enum("channel", "competitor") == "友商" and t.enum("channel", "investor") == "投资人"
    assert t.enum("activity", "exec-visit") == "高层互访"
    # support levels are one part of speech (attitudes, not people)
    levels = [t.scale("support", n).split(" · ")[1] for n in range(1, 6)]
    assert levels == ["反对", "不支持", "中立", "支持", "坚定支持"]


def test_ages_read_naturally() -> None:
    assert Translator("zh").age(0) == "今天" and Translator("zh").age(32) == "距今32天"
    assert Translator("en").age(0) == "today" and Translator("en").age(32) == "32 days old"


def test_no_halfwidth_punctuation_after_chinese_on_the_account_page(sample_zh: Built) -> None:
    html = sample_zh.page(ACCOUNT)
    text = re.sub(r"<[^>]+>", "", re.sub(r"<(script|style|svg)\b.*?</\1>", "", html, flags=re.S))
    assert not re.findall(r"[\u4e00-\u9fff][:;,] ", text)
    assert "0 天" not in text and "最新来源距今" in text
    # the KPI table's target column is the sales target, not the plans' "target" (a contact)
    assert "<th>销售目标</th>" in html


def test_glossary_in_both_builds(sample_en: Built, sample_zh: Built) -> None:
    en, zh = sample_en.page("glossary/"), sample_zh.page("glossary/")
    for page in (en, zh):
        for term in ("下沉分析", "友商", "高层互访", "投资人", "每周见客户次数", "客户期望和满意度管理", "维持客户"):
            assert term in page
    assert "Competitors as a source of information" in en and "作为信息渠道的友商" in zh
    assert len(glossary_view(Translator("zh"))) == len(ENTRIES)


def test_glossary_names_come_from_the_label_tables() -> None:
    rows = {row["article"]: row for row in glossary_view(Translator("en"))}
    assert rows["下沉分析"]["zh"] == Translator("zh")("edge_detail")
    assert rows["友商"]["en"] == Translator("en").enum("channel", "competitor")


def test_typography_labels_exist_in_both_languages() -> None:
    for key in ("colon", "comma", "list_sep", "semicolon", "paren", "rates_of", "today", "days_old", "days_short",
                "sales_target", "glossary", "glossary_intro", "term_en", "term_zh", "article_term", "meaning",
                "chart_table", "skip_map"):
        assert Translator("zh")(key) != key
