"""No dossier value ever reaches Markdown syntax (issue 11): every string field of every file type, built for real.

Generated pages are Markdown that MkDocs converts, and HTML escaping leaves link, image,
emphasis and attribute-list syntax live. Each string field of the model (enumerated from the
dataclasses, so a new field is covered without editing this test) gets its own payload of
Markdown-active syntax; the site is built with the widest profile, and the HTML must show
every payload as text: no event-handler attribute, no ``javascript:``/``data:`` link, no
element the payload introduced. A real browser then opens the portfolio and grouping pages.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html.parser
import json
import re
import time
import types
import typing
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]
import pytest
import yaml

from generator.load.convert import fields, hints
from generator.model import Account, Activity, Contact, Roster
from generator.model.account import TeamMember
from generator.neutralise import CONTROL, markdown_text
from tests.hostile_fixtures import accountplan, write_canary_portfolio
from tests.test_security_output import Scan

TEMPLATES = Path(__file__).resolve().parents[2] / "theme" / "accountplan"

# Each token sits right after its opening syntax; if Markdown used the syntax, the token would
# start an element's text and the delimiter before it would be gone.
DELIMITED = {
    "apem": "*", "apstrong": "**", "apund": "_", "apcode": "`", "aplink": "[", "apimg": "![", "apdel": "~~",
    "apfn": "[^", "apattr": "{: ", "apbrace": "{ ", "apcomment": "<!-- ", "aptag": "<img src=x ", "aptd": "| ",
    "apjs": "[", "apdata": "[", "apauto": "<", "apsuffix": "{ ",
    "apbodylink": "[", "apbodycode": "*", "apbodyem": "*", "apbodyattr": "{: ",
}
PAYLOAD = (
    "*apem* **apstrong** _apund_ `apcode` [aplink](javascript:document.title='PWNED') "
    "![apimg](x){: onerror=document.body.classList.add(this.alt) } ~~apdel~~ [^apfn] {: apattr onclick=alert(1) } "
    "{ apbrace #apid .apcls onmouseover=\"document.title='PWNED'\" } <!-- apcomment --> "
    "<img src=x aptag onerror=\"document.title='PWNED'\"> | aptd | x | [apjs](JaVaScRiPt:alert(1)) "
    "[apdata](data:text,x) <apauto:x> \u2028 \ufffe [x]: javascript:alert(1)"
)
"""Markdown-active syntax without '/', so that the same text can stand in an id that names a file. Handlers
that would run are written without quotes (escaped as HTML, quotes would spoil them) and mark the page's body."""
SUFFIX = " { apsuffix onmouseover=document.body.classList.add(this.tagName) }"
"""Last, as in the issue's report: before the fix it merged with a heading's own ``{ #id }``."""
BODY = ("Escaped and quoted syntax is text after the body's own conversion, and must stay text in the page:\n\n"
        "\\[apbodylink\\](javascript:alert(1)) `*apbodycode*` \\*apbodyem\\* `{: apbodyattr onclick=alert(1) }`\n")
"""Markdown bodies: converted once, to HTML that the page's own Markdown pass must leave alone."""
PATH_IDS = {"Person.id"}
"""Ids that name a file of the site: they must match the id syntax (issue 11, ids that become paths)."""
TAIL = " </title></textarea><script>document.title='PWNED'</script>"
"""Added where the value is not an id: it would close the elements a value can land in."""


def _strings(cls: type, prefix: str = "") -> list[str]:
    """Dotted names of every string field of a model class, nested entries included."""
    found = []
    for name, hint in hints(cls).items():
        target = _bare(hint)
        if dataclasses.is_dataclass(target):
            found += _strings(typing.cast(type, target), f"{prefix}{name}.")
        elif target is str:
            found.append(prefix + name)
    return found


def _bare(hint: Any) -> Any:
    """``X`` from ``X``, ``X | None`` and ``list[X]``."""
    if typing.get_origin(hint) in (types.UnionType, typing.Union):
        hint = next(a for a in typing.get_args(hint) if a is not type(None))
    if typing.get_origin(hint) is list:
        hint = typing.get_args(hint)[0]
    return hint


class Filler:
    """Fills every field of a model: strings with numbered payloads, everything else with a valid value."""

    def __init__(self) -> None:
        self.markers: dict[str, str] = {}
        """Marker (``apmd12``) to the field it was written into (``Contact.name``)."""

    def text(self, where: str, *, is_id: bool) -> str:
        marker = f"apmd{len(self.markers)}"
        self.markers[marker] = where
        return f"{marker} {PAYLOAD}" + ("" if is_id else TAIL) + SUFFIX

    def record(self, cls: type, where: str, keep: dict[str, Any] | None = None) -> dict[str, Any]:
        keep = keep or {}
        out: dict[str, Any] = {}
        for name, f in fields(cls).items():
            out[name] = keep[name] if name in keep else self.value(hints(cls)[name], f, f"{where}.{name}", name)
        return out

    def value(self, hint: Any, f: dataclasses.Field[Any], where: str, name: str) -> Any:
        origin = typing.get_origin(hint)
        if origin in (types.UnionType, typing.Union):
            return self.value(next(a for a in typing.get_args(hint) if a is not type(None)), f, where, name)
        if origin is list:
            return [self.value(typing.get_args(hint)[0], f, where, name)]
        if origin is typing.Literal:
            args = typing.get_args(hint)
            return "public" if "public" in args else args[0]
        if dataclasses.is_dataclass(hint):
            return self.record(typing.cast(type, hint), where)
        if hint is str:
            return self.text(where, is_id=name == "id")
        if hint is bool:
            return True
        if hint is dt.date:
            return "2026-11-01"
        low, high = f.metadata.get("low"), f.metadata.get("high")
        number = (low + high) // 2 if low is not None and high is not None else (low or 0) + 10
        return number if hint is int else float(number)


def _frontmatter(data: dict[str, Any], body: str = "") -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n" + body


def write_payload_portfolio(root: Path) -> Filler:
    """The canary portfolio plus an account, contacts, an activity and people with payloads in every string field."""
    write_canary_portfolio(root)
    fill = Filler()
    accounts = root / "accounts"
    roster = yaml.safe_load((accounts / "roster.yml").read_text(encoding="utf-8"))
    # A roster id names a page file (team/<id>/): ids that become paths are issue 11's id syntax, not tested here.
    roster["people"].append(fill.record(_person(), "Person", {"id": "p-inject"}))
    (accounts / "roster.yml").write_text(yaml.safe_dump(roster, allow_unicode=True, width=10_000), encoding="utf-8")
    folder = accounts / "inject-co"
    (folder / "contacts").mkdir(parents=True)
    (folder / "activities").mkdir()
    team = [{"person": "p-inject", "role": "AR"}, {"person": "p-owner", "role": "SR"},
            fill.record(TeamMember, "Account.team")]
    account = fill.record(Account, "Account", {"tier": "S", "team": team})
    (folder / "account.md").write_text(_frontmatter(account, BODY), encoding="utf-8")
    contact = fill.record(Contact, "Contact", {"id": "c-inject", "owners": ["p-inject"]})
    (folder / "contacts" / "c-inject.md").write_text(_frontmatter(contact, BODY), encoding="utf-8")
    other = fill.record(Contact, "Contact(id)", {"reports_to": "c-inject"})
    (folder / "contacts" / "c-inject-id.md").write_text(_frontmatter(other, BODY), encoding="utf-8")
    activity = fill.record(Activity, "Activity", {
        "date": "2026-11-20", "contacts": ["c-inject", fill.text("Activity.contacts", is_id=False)],
        "people": ["p-inject", fill.text("Activity.people", is_id=False)]})
    (folder / "activities" / "2026-11-20-inject.md").write_text(_frontmatter(activity, BODY), encoding="utf-8")
    return fill


def _person() -> type:
    hint = hints(Roster)["people"]
    return typing.cast(type, typing.get_args(hint)[0])


class Page(html.parser.HTMLParser):
    """Every text node and element of one page, for the checks below."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.texts.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def introduced(page: Page) -> list[str]:
    """Places where a payload became markup instead of text."""
    found = []
    for text in page.texts:
        for token, delimiter in DELIMITED.items():
            for match in re.finditer(token, text):
                if not text[: match.start()].endswith(delimiter):
                    found.append(f"{token} without its {delimiter!r}: {text[max(0, match.start() - 20):][:60]!r}")
    for tag, attrs in page.elements:
        values = " ".join(attrs.values())
        listed = {"apattr", "apbrace", "apsuffix", "apbodyattr"} & set(attrs)
        if attrs.get("id") == "apid" or "apcls" in attrs.get("class", "").split() or listed:
            found.append(f"<{tag} {attrs}> from an attribute list")
        if tag in ("img", "script", "iframe", "sup", "del", "s") and re.search(r"ap(img|tag|fn|del)", values):
            found.append(f"<{tag} {attrs}>")
        found += [f"<{tag} {k}=…>" for k in attrs if k.startswith("on")]
    found += [f"<!--{c[:40]}-->" for c in page.comments if "apcomment" in c]
    return found


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Filler]:
    root = tmp_path_factory.mktemp("md-injection")
    fill = write_payload_portfolio(root)
    done = accountplan("build", "--quiet", "--profile", "restricted", cwd=root)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return root / "site", fill


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.suffix in (".html", ".svg"))


def test_every_string_field_of_every_file_type_gets_a_payload(payload_site: tuple[Path, Filler]) -> None:
    _, fill = payload_site
    written = {where.split("(")[0].split(".", 1)[0] + "." + where.split(".", 1)[1] for where in fill.markers.values()}
    for name, cls in (("Account", Account), ("Contact", Contact), ("Activity", Activity), ("Person", _person())):
        assert {f"{name}.{f}" for f in _strings(cls)} - PATH_IDS <= written, name


def test_payloads_stay_text_in_every_page(payload_site: tuple[Path, Filler]) -> None:
    site, fill = payload_site
    problems: dict[str, list[str]] = {}
    shown: set[str] = set()
    for path in _pages(site):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        found = introduced(page)
        scan = Scan()
        scan.feed(path.read_text(encoding="utf-8"))
        found += scan.problems
        if found:
            problems[str(path.relative_to(site))] = found
        shown.update(re.findall(r"apmd\d+", " ".join(page.texts)))
    assert problems == {}
    # The check looked at the fields that matter: the grouping headings and the main names are shown.
    fields_shown = {fill.markers[m] for m in shown}
    assert {"Account.industry", "Account.region", "Account.name", "Contact.name", "Activity.summary",
            "Person.name"} <= fields_shown, sorted(fields_shown)


def test_grouping_headings_show_the_payload_as_text(payload_site: tuple[Path, Filler]) -> None:
    site, fill = payload_site
    for by, name in (("industry", "Account.industry"), ("region", "Account.region")):
        marker = next(m for m, where in fill.markers.items() if where == name)
        text = (site / "portfolio" / f"by-{by}" / "index.html").read_text(encoding="utf-8")
        headings = [h for h in re.findall(r'<h2 id="group-\d+">(.*?)<a class="headerlink"', text) if marker in h]
        assert len(headings) == 1, by
        assert "<" not in headings[0]  # text only: no element inside the heading
        shown = html.unescape(headings[0])
        assert "[aplink](javascript:" in shown and "{: apattr onclick=alert(1) }" in shown, shown


def test_markdown_lines_in_templates_filter_every_value() -> None:
    # Data inside HTML elements is left alone by Markdown; on a Markdown line every value needs '| md'.
    unfiltered = []
    for template in sorted(TEMPLATES.glob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").split("\n"), start=1):
            if line.lstrip().startswith(("<", "{%", "{#", "{{")) or not line.strip():
                continue
            text = line.rpartition(" { #")[0] if line.startswith("#") else line
            unfiltered += [f"{template.name}:{number}: {{{{{e}}}}}" for e in re.findall(r"\{\{(.*?)\}\}", text)
                           if not e.strip().endswith("| md")]
    assert unfiltered == []


@pytest.mark.parametrize("value", [PAYLOAD + TAIL, "line one\n\n# two\n- three\n\n    code", "1. x", "= x",
                                   "a \x02wzxhzdk:0\x03 b", "x { #id }", "[x]: https://e.example"])
def test_md_filter_output_converts_to_the_same_text(value: str) -> None:
    converter = markdown.Markdown(extensions=["attr_list", "md_in_html", "tables", "toc"])
    out = converter.convert(f"## {markdown_text(value)} {{ #h }}")
    inner = re.fullmatch(r'<h2 id="h">(.*)</h2>', out, re.DOTALL)
    assert inner, out
    assert "<" not in inner.group(1)
    expected = " ".join(CONTROL.sub("", value).split())
    assert html.unescape(inner.group(1)) == expected


def test_no_payload_runs_in_a_browser(payload_site: tuple[Path, Filler]) -> None:
    from tests.site.headless import Browser, find_chromium, serve

    binary = find_chromium()
    if binary is None:
        pytest.skip("no Chromium found (/usr/bin/chromium); install Debian's 'chromium' to run the browser test")
    site, fill = payload_site
    marker = next(m for m, where in fill.markers.items() if where == "Account.region")
    # The last one opens the search with the region payload's marker: results show the grouping heading.
    pages = ("accounts/", "portfolio/by-tier/", "portfolio/by-region/", "portfolio/by-industry/",
             "accounts/inject-co/", "team/p-inject/", f"portfolio/by-region/?q={marker}")
    seen: dict[str, tuple[str, str, bool, bool]] = {}
    results = 0
    with serve(str(site)) as base:
        browser = Browser(binary)
        try:
            browser.open_tab()
            for path in pages:
                browser.goto(base + path)
                if "?q=" in path:
                    results = browser.wait_for("document.querySelectorAll('.md-search-result__item').length")
                # Hover and load everything a handler could hang on, then look.
                browser.evaluate("document.querySelectorAll('*').forEach(e => e.dispatchEvent(new MouseEvent("
                                 "'mouseover', {bubbles: true})))")
                time.sleep(0.3)
                state = json.loads(browser.evaluate(
                    "JSON.stringify([document.title, document.body.className,"
                    " !!document.querySelector('#apid, .apcls, img[aptag], [apattr], [apsuffix]'),"
                    f" document.body.textContent.includes({json.dumps(marker)})])"))
                seen[path] = (state[0], state[1], state[2], state[3])
        finally:
            browser.close()
    # A handler that ran added a class to <body>; an attribute list that worked left its element.
    assert {p: s for p, s in seen.items() if s[0] == "PWNED" or re.search(r"apimg|H\d|IMG", s[1]) or s[2]} == {}
    assert seen["portfolio/by-region/"][3], "the region payload is on the page, as text"
    assert results, "the search found the region's grouping heading and showed it"
