"""Render helpers on their own: links between pages, safe Markdown, labels in both languages."""

from __future__ import annotations

import typing

import markdown
import pytest

from generator.model import Account, Activity, Contact, Initiative, Issue, Plan, Source, Strategy, TeamMember
from generator.render import markup
from generator.render.i18n import ENUMS, UI, Translator
from generator.render.paths import Links


@pytest.mark.parametrize(("current", "directory_urls", "target", "expected"), [
    ("accounts/index.md", True, "accounts/acme/index.md", "../accounts/acme/"),
    ("accounts/acme/index.md", True, "rules.md", "../../rules/"),
    ("team/p-li-na.md", True, "accounts/acme/index.md", "../../accounts/acme/"),
    ("team/p-li-na.md", False, "accounts/acme/index.md", "../accounts/acme/index.html"),
    ("rules.md", False, "team/index.md", "./team/index.html"),
])
def test_links_follow_mkdocs_urls(current: str, directory_urls: bool, target: str, expected: str) -> None:
    assert Links(current, directory_urls).to(target) == expected


@pytest.mark.parametrize("text", [
    "Plain text.\nSecond line.\n\nNew paragraph with 'quotes', \"double\" and 50%.",
    "a - b (c): d; e, f. 2026-11-02",
    "  indented two\n\n\n\nother",
    "中文第一行\n第二行",
    "**bold** and [link](https://example.com)",
    "- a list\n- of two",
    "line with break  \nnext",
    "1. first\n2. second",
    "# heading\n\ntext",
    "> quote",
])
def test_plain_fast_path_gives_what_markdown_gives(text: str) -> None:
    converted = markup.sanitize(markup.shift_headings(markdown.markdown(markup._CJK_BREAK.sub("", text),
                                extensions=["tables", "sane_lists", "fenced_code"])))
    assert markup.to_html(text) == converted


def test_body_html_is_sanitized() -> None:
    html = markup.to_html('<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3)) '
                          '<a href="https://ok.example">ok</a>\n\n# Title')
    assert "<script" not in html and "<img" not in html and "javascript:" not in html
    assert 'href="https://ok.example" rel="noopener"' in html
    assert "<h3>Title</h3>" in html  # body headings never compete with the page's h1/h2


def _literal_values(cls: type, name: str) -> tuple[str, ...]:
    hint = typing.get_type_hints(cls)[name]
    if typing.get_origin(hint) is not typing.Literal:
        hint = next(a for a in typing.get_args(hint) if typing.get_origin(a) is typing.Literal)
    return typing.get_args(hint)


@pytest.mark.parametrize(("kind", "cls", "name"), [
    ("tier", Account, "tier"), ("market", Account, "market"), ("market_short", Account, "market"),
    ("team_role", TeamMember, "role"), ("channel", Source, "channel"), ("layer", Plan, "layer"),
    ("status", Plan, "status"), ("status", Issue, "status"), ("initiative", Initiative, "kind"),
    ("issue_kind", Issue, "kind"), ("trend", Strategy, "trend"), ("position", Strategy, "position"),
    ("level", Contact, "level"), ("decision_role", Contact, "role"), ("activity", Activity, "kind"),
])
def test_every_enum_value_has_english_and_chinese_names(kind: str, cls: type, name: str) -> None:
    for value in _literal_values(cls, name):
        en, zh = ENUMS[kind][value]
        assert (en and zh and en != zh) or value in ("B", "C"), (kind, value)


def test_every_ui_label_has_both_languages_and_the_same_placeholders() -> None:
    import string

    for key, (en, zh) in UI.items():
        assert en and zh, key
        fields_en = {f for _, f, _, _ in string.Formatter().parse(en) if f}
        fields_zh = {f for _, f, _, _ in string.Formatter().parse(zh) if f}
        assert fields_en == fields_zh, key
    assert Translator("zh")("relationship_map") == "客户关系图"
    assert Translator("zh").scale("support", 5) == "5 · 坚定支持"


def test_account_pages_render_the_same_on_several_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    from sitebuild import FIXTURE

    from generator.config import load_settings
    from generator.pipeline import gather, generate
    from generator.render import parallel

    settings = load_settings(str(FIXTURE / "mkdocs.yml"))
    gathered = gather(settings)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 10**9)
    serial = dict(generate(gathered, settings, "en"))
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    pages = generate(gathered, settings, "en")
    assert list(pages) == list(serial)
    assert pages["accounts/northwind-telecom/index.md"] == serial["accounts/northwind-telecom/index.md"]
    assert dict(pages) == serial
    assert pages._pool is None  # the workers stop once the last page has arrived


def test_links_between_dossier_files_lead_to_the_pages_that_show_them() -> None:
    from generator.render.markup import to_html

    body = "[Atlas](../atlas/account.md) [Clara](contacts/c-clara.md) [web](https://example.com/a.md) [x](x.md)"
    assert to_html(body, "helios/account.md") == (
        '<p><a href="../atlas/" rel="noopener">Atlas</a> <a href="./#contact-c-clara" rel="noopener">Clara</a> '
        '<a href="https://example.com/a.md" rel="noopener">web</a> <a href="x.md" rel="noopener">x</a></p>'
    )
    note = "Back to [the account](../account.md), see [the visit](../activities/2026-11-02-visit.md)."
    assert to_html(note, "helios/contacts/c-x.md") == (
        '<p>Back to <a href="./" rel="noopener">the account</a>, '
        'see <a href="./#activities" rel="noopener">the visit</a>.</p>'
    )


def test_account_charts_lifted_out_of_the_converter_come_back_as_markdown_would_give_them() -> None:
    from mkdocs.utils import meta
    from sitebuild import FIXTURE

    from generator.config import load_settings
    from generator.incremental import lift
    from generator.incremental.compose import compose
    from generator.pipeline import gather, generate

    settings = load_settings(str(FIXTURE / "mkdocs.yml"))
    gathered = gather(settings)
    plain, marked = dict(generate(gathered, settings, "en")), dict(compose(gathered, settings, "en", {}))

    def convert(text: str) -> str:
        md = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "toc"],
                               extension_configs={"toc": {"permalink": True}})
        return md.convert(meta.get_data(text)[0])

    accounts = [src for src in plain if src.startswith("accounts/") and src != "accounts/index.md"]
    assert accounts
    for src in accounts:
        assert "ap:lift" not in plain[src] and plain[src].count("<svg") == 5
        blocks: dict[str, str] = {}
        lifted = lift.lift(marked[src], blocks)  # what the plugin hands MkDocs (on_page_read_source)
        charts = [block for block in blocks.values() if "<svg" in block]
        assert len(charts) == 5 and "<svg" not in lifted
        assert all(block.count("<svg") == 1 for block in charts)
        assert [b for b in blocks.values() if b not in charts] == [b for b in blocks.values() if "ap-scorecard" in b]
        assert lift.restore(convert(lifted), blocks) == convert(plain[src])
