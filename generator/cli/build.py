"""``accountplan build [--profile NAME]``: build the site for one audience, reproducibly and atomically.

The MkDocs build writes into a fresh folder beside the target (``.site.build-<pid>``);
only a complete, successful build is swapped in (old renamed away, new renamed in, old
deleted), so a build that fails or is killed half-way leaves the published site as it
was. Leftovers of killed builds are cleaned up by the next run. Only a folder this command
built itself (it holds the :data:`~generator.publish.site.MARKER` file every build writes) is ever replaced: any
other non-empty folder — even one holding an ``index.html`` — is refused (exit status 2).

Which problems fail the build is a choice (``--fail-on``): ``never`` (the default, for previews),
``error`` (what ``make site`` and the PR and publish workflows use: errors in the dossiers and
defects of the site such as broken links fail, the method's warnings are logged and the build
goes on — honest data is never blocked), or ``warning`` (``--strict``: MkDocs' strict mode,
every warning fails).

Two builds of the same input are byte-identical: ``SOURCE_DATE_EPOCH`` (the date in the
sitemap and in ``sitemap.xml.gz``'s header) is set, unless already given, from the last
git commit of the project, or else from the configured ``today``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..config import Settings, load_settings
from ..history.git import RevisionError, git
from ..incremental import site_wiring as carried_site
from ..incremental.load_blobs import keep_between_loads
from ..mkdocs_plugin import loglang
from ..publish.site import fresh_folder, publish, refuse_unsafe_target
from ..redact import profile_level
from ..translate import t as _t
from ..translate import text
from ..translate.language import LANGUAGES, normalize
from . import add_profile_option

FAIL_ON = ("never", "error", "warning")


class _Gate(logging.Handler):
    """Counts what fails a ``--fail-on error`` build: errors, and warnings that are neither dossier diagnostics nor
    about a cache folder not used."""

    def __init__(self, *informing: str) -> None:
        super().__init__(logging.WARNING)
        self.informing = informing
        """The loggers whose warnings inform, never fail: dossier diagnostics (the method's reminders) and a cache
        folder not used (the site is the same without it)."""
        self.failures = 0

    def emit(self, record: logging.LogRecord) -> None:
        """Count ``record`` if it fails the build."""
        if record.levelno >= logging.ERROR or record.name not in self.informing:
            self.failures += 1


def add(sub: Any) -> argparse.ArgumentParser:
    """Register the subcommand."""
    p: argparse.ArgumentParser = sub.add_parser("build", help="build the site (atomically)", description=__doc__)
    add_profile_option(p)
    p.add_argument("--site-dir", help="output folder (default: site_dir of mkdocs.yml)")
    p.add_argument("--lang", choices=LANGUAGES, help="site language (default: theme.language of mkdocs.yml)")
    p.add_argument("--today", help="build as of this date, YYYY-MM-DD (default: SOURCE_DATE_EPOCH, else today)")
    p.add_argument("--strict", action="store_true", help="fail on warnings too (same as --fail-on warning)")
    p.add_argument("--fail-on", choices=FAIL_ON, default="never",
                   help="error: fail on dossier errors and site defects, not on the method's warnings; "
                        "warning: fail on any warning (--strict); never (default)")
    p.add_argument("-q", "--quiet", action="store_true", help="only show warnings and errors")
    return p


def run(args: argparse.Namespace) -> int:
    """Build into a temporary folder and swap it in; 1 when the build fails."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from ..mkdocs_plugin.plugin import CACHE_LOG
    from ..mkdocs_plugin.report import DOSSIER_LOG

    config_file = os.path.abspath(args.config)
    # Before _source_date_epoch derives one from git for the sitemap: that date is not the build's today.
    settings = load_settings(config_file, today=args.today)
    level = profile_level(settings, args.profile)
    strict = args.strict or args.fail_on == "warning"
    gate = _Gate(DOSSIER_LOG, CACHE_LOG)
    with _mkdocs_logging(args.quiet), _source_date_epoch(config_file, settings), _gated(gate, args.fail_on):
        try:
            config = load_config(config_file, strict=strict or None)
        except MkDocsException as exc:
            print(_t("accountplan build: {message}", args.language, message=text(str(exc), args.language)),
                  file=sys.stderr)
            return 1
        target = refuse_unsafe_target(Path(args.site_dir or config.site_dir),
                                      [Path(config.docs_dir), Path(settings.accounts)], Path(config_file).parent)
        profile = _set_profile(config, args.profile)
        level = profile_level(settings, profile)
        _set_today(config, settings.today)
        if args.lang:
            _set_language(config, args.lang)
        keep_between_loads(False)  # one build: MkDocs' on_startup, which says so for `mkdocs build`, is not called
        temp = fresh_folder(target)
        config.site_dir = str(temp)
        loglang.use(normalize(config.theme.get("language")))  # begin's own lines in the site's language too
        carried = carried_site.begin(config)  # the previous build's site, when it can be carried over
        try:
            build(config, dirty=carried.enabled)  # dirty: only pages whose content changed (generator.incremental.site)
            if gate.failures:
                raise MkDocsException(_t("{count} error(s) or site defect(s) with --fail-on error; the method's "
                                        "warnings alone never fail it", args.language, count=gate.failures))
            carried.save()
        except (MkDocsException, OSError) as exc:
            carried.wait()  # nothing is still being restored into the folder deleted now
            shutil.rmtree(temp, ignore_errors=True)
            print(_t("accountplan build: {message}", args.language, message=text(str(exc), args.language)),
                  file=sys.stderr)
            return 1
        except BaseException:
            carried.wait()
            shutil.rmtree(temp, ignore_errors=True)
            raise
        finally:
            carried_site.end(carried)
        publish(temp, target)
    if not args.quiet:
        done = "built {target} (profile {profile}, level {level})" if profile else \
            "built {target} (default profile, level {level})"
        print(_t(done, args.language, target=target, profile=profile, level=level), file=sys.stderr)
    return 0


def _set_profile(config: Any, profile: str | None) -> str | None:
    """Hand ``--profile`` to the accountplan plugin, refusing to build unredacted by mistake; the build's profile.

    Without ``--profile`` the plugin's own ``profile`` option holds, as it does for ``mkdocs build``: a site
    configured for a narrower audience is never built wider by leaving the flag out.
    """
    plugin = config.plugins.get("accountplan")
    if plugin is None:
        if profile is not None:
            raise ValueError("--profile needs the accountplan plugin in mkdocs.yml")
        return None
    if "profile" not in plugin.config:
        if profile is not None:
            raise ValueError("this accountplan plugin has no 'profile' option; refusing an unredacted build")
        return None
    if profile is not None:
        plugin.config["profile"] = profile
    configured: str | None = plugin.config["profile"]
    return configured


def _set_today(config: Any, today: dt.date) -> None:
    """Hand the build's date (``--today``, mkdocs.yml, ``SOURCE_DATE_EPOCH`` or the clock) to the plugin."""
    plugin = config.plugins.get("accountplan")
    if plugin is not None and "today" in plugin.config:
        plugin.config["today"] = today


def _set_language(config: Any, language: str) -> None:
    # Material reads theme.language; MkDocs' own 'locale' stays as configured (it has no zh catalogue).
    config.theme["language"] = language


@contextlib.contextmanager
def _source_date_epoch(config_file: str, settings: Settings) -> Iterator[None]:
    """Fix the build date for the duration of the build, unless the caller already did."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        yield
        return
    os.environ["SOURCE_DATE_EPOCH"] = str(build_epoch(os.path.dirname(config_file), settings))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def build_epoch(folder: str, settings: Settings) -> int:
    """Seconds since the epoch of the last git commit in ``folder``, else of ``settings.today``."""
    try:
        done = git("log", "-1", "--format=%ct", cwd=folder or ".")
    except (OSError, RevisionError):
        done = None
    stamp = done.stdout.decode("utf-8", "replace").strip() if done is not None and done.returncode == 0 else ""
    if stamp.isdigit():
        return int(stamp)
    midnight = dt.datetime.combine(settings.today, dt.time(), tzinfo=dt.UTC)
    return int(midnight.timestamp())


@contextlib.contextmanager
def _gated(gate: _Gate, fail_on: str) -> Iterator[None]:
    """Count failures in MkDocs' log while building with ``--fail-on error``."""
    if fail_on != "error":
        yield
        return
    logger = logging.getLogger("mkdocs")
    logger.addHandler(gate)
    try:
        yield
    finally:
        logger.removeHandler(gate)


@contextlib.contextmanager
def _mkdocs_logging(quiet: bool) -> Iterator[None]:
    """Show MkDocs' log (where the plugin reports diagnostics) on stderr while building.

    ``quiet`` hides the INFO lines at the handler, not the logger: a carried page's record keeps its INFO notes
    (:class:`generator.incremental.site_wiring._Logged`) for a later build that shows them, quiet or not.
    """
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING if quiet else logging.INFO)
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)
