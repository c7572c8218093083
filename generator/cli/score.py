"""``accountplan score``: the scorecards as a table, JSON or CSV, now or at an earlier point.

Like the site, the output shows only what the build profile may (``--profile``, default
the internal level): restricted contacts and activities neither appear nor count.
``--as-of DATE`` judges the dossiers with only what was known then; ``--rev REV`` scores
``accounts/`` as committed at a git revision (as of the commit's date unless ``--as-of``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, replace
from typing import Any

from ..config import accounts_folder, load_settings
from ..history.git import locate
from ..history.quarter import accounts_at
from ..load.portfolio import load_portfolio
from ..model import Account
from ..model.portfolio import Portfolio
from ..neutralise import Cell, csv_text
from ..redact import apply_profile
from ..score import score_portfolio
from ..score.labels import LABELS
from ..score.rollup import BY
from ..score.types import PortfolioScores, Rollup, Value
from ..translate import t as _t
from . import add_profile_option, chosen_profile
from .load_errors import print_load_errors

FORMATS = ("table", "json", "csv")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, found '{text}'") from None


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("score", help="compute the scorecards", description=__doc__)
    p.add_argument("accounts", nargs="?", help="accounts folder (default from mkdocs.yml)")
    p.add_argument("--as-of", "--today", type=_date, metavar="DATE", dest="as_of",
                   help="score as of this date (default: SOURCE_DATE_EPOCH, else today)")
    p.add_argument("--rev", metavar="REV", help="score accounts/ as committed at this git revision")
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--by", choices=BY, help="show the roll-up by tier, region or owner (the team's AR)")
    add_profile_option(p)
    return p


def run(args: argparse.Namespace) -> int:
    """Load, score, print."""
    settings = load_settings(args.config)
    args.profile = chosen_profile(args.profile, args.config)
    root = accounts_folder(args.accounts, settings, args.config)
    if args.rev:
        with accounts_at(root, args.rev) as (folder, day):
            portfolio = load_portfolio(folder)
            print_load_errors(portfolio, folder, locate(root)[1], args.rev, args.language)
        as_of = args.as_of or day
    else:
        portfolio = load_portfolio(root)
        as_of = args.as_of or settings.today
    _warn_broken(portfolio, args.language)
    portfolio = apply_profile(portfolio, settings, args.profile).portfolio
    scores = score_portfolio(portfolio, replace(settings, today=as_of))
    accounts = {d.slug: d.account.data for d in portfolio.dossiers}
    if args.format == "json":
        print(render_json(scores, args.by))
    elif args.format == "csv":
        sys.stdout.write(render_csv(scores, accounts, args.by))
    else:
        print(render_table(scores, accounts, args.by, rev=args.rev, lang=args.language))
    return 0


def _warn_broken(portfolio: Portfolio, lang: str) -> None:
    errors = [d for d in portfolio.diagnostics if d.severity.label == "error"]
    if errors:
        print(_t("accountplan score: {count} loading error(s); entries with errors are left out of the scores (run "
                "'accountplan check')", lang, count=len(errors)), file=sys.stderr)


def _rollups(scores: PortfolioScores, by: str | None) -> list[Rollup]:
    return [r for r in scores.rollups if r.by == by]


def render_json(scores: PortfolioScores, by: str | None = None) -> str:
    """Every figure with its formula, worked numbers and inputs; ``by`` keeps only that roll-up."""
    data = asdict(scores)
    if by:
        data["rollups"] = [asdict(r) for r in _rollups(scores, by)]
    return json.dumps(data, ensure_ascii=False, indent=2)


def _cell(value: Value) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _width(text: str) -> int:
    """Columns ``text`` takes on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill


def _fixed(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    rows = [list(r) for r in rows]
    widths = [max(_width(c) for c in col) for col in zip(header, *rows, strict=True)]
    numeric = [all(_is_number(r[i]) for r in rows) and bool(rows) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        return "  ".join(_pad(c, w, n) for c, w, n in zip(cells, widths, numeric, strict=True))

    return "\n".join([line(header), line(["-" * w for w in widths]), *(line(r).rstrip() for r in rows)])


def _is_number(text: str) -> bool:
    return text == "n/a" or text.replace(".", "", 1).lstrip("-").isdigit()


def _columns(names: str, lang: str) -> list[str]:
    """A table's column names, one catalogue entry for the whole row (``|`` between them), in ``lang``."""
    return _t(names, lang).split("|")


def _grouping(by: str, lang: str, key: str = "{by}") -> str:
    """The roll-up's grouping (tier, region, owner) as the site names it in Chinese (``key`` picks the label,
    ``by_{by}`` for "by tier"); the key itself in English."""
    from ..render.i18n import UI
    from ..translate.language import normalize

    label = UI.get(key.format(by=by)) or UI.get(by)
    return label[1] if normalize(lang) == "zh" and label else by


def _enum(kind: str, value: str | None, lang: str) -> str:
    """A market or classification as the Chinese site names it; the value as written in English."""
    from ..render.i18n import Translator
    from ..translate.language import normalize

    return Translator(normalize(lang)).enum(kind, value) if normalize(lang) == "zh" else value or ""


def render_table(scores: PortfolioScores, accounts: dict[str, Account], by: str | None = None,
                 rev: str | None = None, lang: str = "en") -> str:
    """Fixed-width tables: accounts and people, or the roll-up when ``by`` is given; headings in ``lang``."""
    title = _t("Scores as of {as_of} at {rev} · scoring {version}" if rev
              else "Scores as of {as_of} · scoring {version}", lang, as_of=scores.as_of, rev=rev,
              version=scores.config_version)
    if by:
        header = [_grouping(by, lang), *_columns("accounts|KPI|actions|total", lang)]
        rows = [[r.group, str(r.accounts), _cell(r.kpi_score.value if r.kpi_score else None),
                 _cell(r.actions_score.value if r.actions_score else None), _cell(r.total.value)]
                for r in _rollups(scores, by)]
        by_label = _grouping(by, lang, "by_{by}")
        return _t("{title} · by {by}", lang, title=title, by=by_label) + f"\n\n{_fixed(header, rows)}"
    header = _columns("account|tier|market|class|KPI|info|plans|satisf.|actions|total|meet/wk", lang)
    rows = []
    for slug, s in scores.accounts.items():
        account = accounts.get(slug)
        market = _enum("market_short", account.market if account else "", lang)
        kind = _enum("classification", _cell(s.classification.value), lang)
        rows.append([slug, account.tier if account else "", market, kind, _cell(s.kpi_score.value),
                     *(_cell(g.value) for g in s.groups), _cell(s.actions_score.value), _cell(s.total.value),
                     _cell(s.cadence.value)])
    people = [[pid, _cell(p.cadence.value), _cell(p.details[0].value if p.details else None),
               _cell(p.score.value), str(len(p.accounts)), str(len(p.relationships))]
              for pid, p in scores.people.items()]
    text = f"{title}\n\n{_fixed(header, rows)}"
    if people:
        text += "\n\n" + _fixed(_columns("person|meet/wk|% of expected|score|accounts|relationships", lang), people)
    return text


ACCOUNT_COLUMNS = ("slug", "name", "tier", "region", "market")


def render_csv(scores: PortfolioScores, accounts: dict[str, Account], by: str | None = None) -> str:
    """One row per account, a column for every figure (empty when n/a); with ``by``, one row per group.

    Written by :func:`generator.neutralise.csv_text`: no cell can start a spreadsheet formula.
    """
    if by:
        header = ["by", "group", "accounts", "rollup.kpi", "rollup.actions", "rollup.total"]
        groups = [[r.by, r.group, r.accounts,
                   *(f.value if f else None for f in (r.kpi_score, r.actions_score, r.total))]
                  for r in _rollups(scores, by)]
        return csv_text([header, *groups])
    found = {f.key for score in scores.accounts.values() for f in score.figures()}
    order = list(LABELS)
    keys = sorted(found, key=lambda k: (order.index(k) if k in order else len(order), k))
    rows: list[list[Cell]] = [[*ACCOUNT_COLUMNS, *keys]]
    for slug, score in scores.accounts.items():
        account = accounts.get(slug)
        values = {f.key: f.value for f in score.figures()}
        meta = [slug, *(getattr(account, c) if account else "" for c in ACCOUNT_COLUMNS[1:])]
        rows.append([*meta, *(values.get(k) for k in keys)])
    return csv_text(rows)
