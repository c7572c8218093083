"""``accountplan source add SLUG URL`` and ``accountplan source check [PATHS]``: cited pages on the web.

``add`` fetches the page, reads its title and publication date, proposes the channel from
``source_channels`` in mkdocs.yml, and appends the entry to the account's ``sources``
(comments kept; the file is written whole or not at all). ``check`` fetches every cited
page again and reports those gone or changed since they were collected.

Exit status: 0 done (or, for ``check``, nothing found or offline); 1 the request was
refused (unknown account, duplicate, no channel…) or ``check`` found sources gone or
changed; 2 bad arguments; 3 the page could not be fetched (the message says why).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from typing import Any

from ..diagnostics import FORMATS
from ..translate import t as _t
from ..translate import text
from ..translate.output import formatter
from . import add_lang_option

NETWORK_FAILED = 3
"""Exit status of ``source add`` when the page cannot be fetched."""


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("source", help="add a cited web page, or check the cited pages",
                                                description=__doc__,
                                                formatter_class=argparse.RawDescriptionHelpFormatter)
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--accounts", help="accounts folder (default from mkdocs.yml)")
    common.add_argument("--timeout", type=float, default=15.0, help="seconds per page (default 15)")
    common.add_argument("--max-bytes", type=int, default=5_000_000, help="largest page read (default 5 MB)")
    common.add_argument("--allow-private", action="store_true",
                        help="also fetch loopback and private addresses (intranet sources, tests)")
    add_lang_option(common)
    what = p.add_subparsers(dest="action", required=True, metavar="{add,check}")

    new = what.add_parser("add", parents=[common], help="fetch a page and add it to an account's sources")
    new.add_argument("slug", help="the account's slug")
    new.add_argument("url", help="http or https address of the page")
    new.add_argument("--channel", help="the method's channel (default: from source_channels in mkdocs.yml)")
    new.add_argument("--title", help="title to record (default: the page's own)")
    new.add_argument("--id", dest="sid", help="source id (default: s- and the title's first words)")
    new.add_argument("--today", help="date to record as collected, YYYY-MM-DD (default: today)")

    check = what.add_parser("check", parents=[common], help="re-fetch cited pages; report gone or changed ones")
    check.add_argument("paths", nargs="*", help="account folders or files to check (default: all)")
    check.add_argument("--format", choices=sorted(FORMATS), default="text")
    check.add_argument("--jobs", type=int, default=8, help="pages fetched at once (at most 2 per host)")
    return p


def run(args: argparse.Namespace) -> int:
    """Run ``add`` or ``check``; see the module's exit statuses."""
    from ..config import accounts_folder, load_settings
    from ..sources.fetch import Client

    settings = load_settings(args.config)
    if args.timeout <= 0 or args.max_bytes <= 0:
        return _fail(_t("--timeout and --max-bytes must be positive", args.language), 2, args.language)
    client = Client(timeout=args.timeout, max_bytes=args.max_bytes, allow_private=args.allow_private)
    root = accounts_folder(args.accounts, settings, args.config)
    if args.action == "add":
        try:
            today = dt.date.fromisoformat(args.today) if args.today else settings.today
        except ValueError:
            return _fail(_t("--today '{date}' is not a date; write YYYY-MM-DD", args.language, date=args.today), 2,
                         args.language)
        return _add(args, root, client, today, settings.source_channels)
    return _check(args, root, client)


def _add(args: argparse.Namespace, root: str, client: Any, today: dt.date, channels: dict[str, str]) -> int:
    from ..sources.add import SourceError, add_source
    from ..sources.fetch import FetchError

    try:
        done = add_source(root, args.slug, args.url, client=client, today=today, channels=channels,
                          channel=args.channel, title=args.title, sid=args.sid)
    except SourceError as exc:
        return _fail(text(str(exc), args.language), 1, args.language)
    except FetchError as exc:
        return _fail(_t("cannot fetch {url}: {problem}; nothing was written", args.language, url=args.url,
                       problem=text(str(exc), args.language)), NETWORK_FAILED, args.language)
    entry = done.entry
    lang = args.language
    unknown = _t("unknown", lang)
    print(_t("added '{id}' to {path}: {title}", lang, id=entry["id"], path=os.path.relpath(done.path),
            title=entry["title"]))
    print(_t("  site {site} · channel {channel} · published {published} · collected {collected}", lang,
            site=done.site_name or unknown, channel=entry["channel"], published=entry.get("published", unknown),
            collected=entry["collected"]))
    print(_t("next: cite it from a fact (sources: [{id}]), then run 'accountplan check'", lang, id=entry["id"]))
    return 0


def _check(args: argparse.Namespace, root: str, client: Any) -> int:
    from ..load.portfolio import load_portfolio
    from ..sources import check

    portfolio = load_portfolio(root)
    cited = check.cited_sources(portfolio, [os.path.abspath(p) for p in args.paths])
    results = check.fetch_all((c.url for c in cited), client, workers=max(1, args.jobs))
    if check.offline(results):
        print(_t("accountplan source check: offline - none of the {count} cited page(s) could be reached; nothing "
                "to report", args.language, count=len(results)), file=sys.stderr)
        return 0
    found = check.findings(cited, results)
    output = formatter(args.format, args.language)(found)
    if output:
        print(output)
    print(_t("checked {pages} page(s) cited by {sources} source(s)", args.language, pages=len(results),
            sources=len(cited)), file=sys.stderr)
    return 1 if any(d.code in (check.GONE_CODE, check.CHANGED_CODE) for d in found) else 0


def _fail(message: str, status: int, lang: str) -> int:
    print(_t("accountplan source: {message}", lang, message=message), file=sys.stderr)
    return status
