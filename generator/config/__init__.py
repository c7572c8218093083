"""Settings: rule severities, method limits, scoring weights — defaults here, overrides in mkdocs.yml.

The plugin's section of ``mkdocs.yml`` is the one place a team changes them::

    plugins:
      accountplan:
        accounts: accounts
        rules: {AP305: error}        # severity per code, or "off"
        limits: {gift_max_value: 100}

The CLI reads the same section, so ``accountplan check`` and the site agree.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..model.money import Money
from ..model.stages import stages_of
from ..neutralise import shown_name
from ..publish.site import linked_step
from .check import SECTION, ConfigError, checked
from .forge import Forge
from .inherit import INHERIT_DEPTH as INHERIT_DEPTH
from .inherit import inherit_chain as inherit_chain
from .inherit import plugin_section as plugin_section


@dataclass(frozen=True)
class Limits:
    """Thresholds the method rules use."""

    visits_per_week: float = 5.0
    """Customer contacts each person is expected to make per week (the method's 5)."""
    review_grace_days: int = 0
    """Days past a review date before it is flagged."""
    source_max_age_days: int = 365
    """A source older than this counts as stale."""
    cash_cow_min_sales: float = 0.0
    """Latest-year sales (reporting currency) from which a diverging account is a cash cow. The article's
    reading, the default 0: every diverging account is one, "even if its revenue is large"."""
    gift_max_value: float = 150.0
    """Per gift, in the reporting currency (``money.currency``; without one, in the gift's own)."""
    gift_max_value_official: float = 50.0
    """Per gift to a public official or state-owned-enterprise employee."""
    gift_max_per_person_year: float = 300.0
    """All gifts to one contact in a calendar year."""
    gift_max_per_person_year_official: float = 100.0
    """All gifts to one public official in a calendar year."""
    gift_approval_above: float = 50.0
    """Gifts above this value need an approver."""
    issue_close_days: int = 30
    """Issues and complaints should close within this many days."""
    weeks_window: int = 12
    """Weeks of activity history shown and scored."""
    key_share_max: float = 0.7
    """The most of an account's key relationships (deciders, influence 4+) one of our people may hold (AP325)."""
    key_share_min_contacts: int = 4
    """AP325 judges accounts with at least this many key contacts."""


@dataclass(frozen=True)
class Settings:
    """Everything configurable, with the date the checks run as of."""

    accounts: str = "accounts"
    """The folder of account dossiers, relative to ``mkdocs.yml``."""
    rules: dict[str, str] = field(default_factory=dict)
    """Severity overrides by rule code: ``error``, ``warning``, ``info`` or ``off``."""
    limits: Limits = field(default_factory=Limits)
    scoring: dict[str, Any] = field(default_factory=dict)
    """Scoring weights and targets overrides (see ``generator.score.config``)."""
    profiles: dict[str, str] = field(default_factory=lambda: {"internal": "internal", "restricted": "restricted"})
    """Build profiles: name to the highest sensitivity they may show."""
    money: Money = field(default_factory=Money)
    """Reporting currency and exchange rates (:mod:`generator.model.money`)."""
    today: dt.date = field(default_factory=lambda: default_today())
    """The date every check, score and page is as of: ``--today``, else ``SOURCE_DATE_EPOCH``, else the clock."""
    forge: str | None = None
    """``github`` or ``gitlab``: the shape of edit links (default: from ``repo_url``'s host)."""
    source_channels: dict[str, str] = field(default_factory=dict)
    """Domain to channel, proposed by ``accountplan source add`` (``reuters.com: news``; subdomains match)."""
    edit_links: Forge | None = None
    """Where dossier files are edited on the web (from ``repo_url``, set by the plugin); ``None``: no edit links."""
    stages: dict[str, Any] = field(default_factory=dict)
    """Opportunity stages (:mod:`generator.model.stages`): ``open``, ``closed``, ``early``; the method's defaults."""

    def __post_init__(self) -> None:
        stages_of(self.stages)  # a bad stages setting is reported when the settings are read

    @classmethod
    def from_mapping(cls, data: dict[str, Any], *, base_dir: str = ".") -> Settings:
        """Settings from the plugin's configuration mapping; any mistake in it raises :class:`ConfigError`."""
        data = {k: v for k, v in (data or {}).items() if k not in PLUGIN_ONLY}
        data = checked(data, _SIMPLE | {"limits", "today", "money"}, {f.name: str(f.type) for f in fields(Limits)})
        try:
            stages_of(data.get("stages"))
        except ValueError as exc:
            raise ConfigError([f"{SECTION}.{exc}"]) from None
        limits = data.pop("limits", {}) or {}
        today = data.pop("today", None)
        try:
            money = Money.from_mapping(data.pop("money", None))
        except ValueError as exc:
            raise ConfigError([f"{SECTION}.{exc}"]) from None
        settings = cls(limits=replace(Limits(), **limits), **{k: v for k, v in data.items() if k in _SIMPLE})
        settings = replace(settings, accounts=os.path.join(base_dir, settings.accounts), money=money)
        _refuse_linked_accounts(settings.accounts, base_dir, f"{SECTION}.accounts")
        if today:
            day = today if isinstance(today, dt.date) else dt.date.fromisoformat(str(today))
            settings = replace(settings, today=day)
        return settings


@dataclass(frozen=True)
class Build:
    """The plugin's options that are the build's own, not settings: the command line has flags for them."""

    profile: str | None = None
    """Build profile: pages show only what its sensitivity level allows (default: internal)."""
    history: bool = True
    """Show each figure's change since the start of the quarter."""
    timeline: bool = True
    """Read the git history: account, portfolio and person history, and the home page's changes."""
    fast_render: bool = True
    """Under ``mkdocs serve``: a save first rebuilds the pages of the accounts it changed and shows them, then a
    second later the portfolio-wide and people's pages (as Hugo's fast render mode); ``false``: one whole rebuild a
    save."""


PLUGIN_ONLY = frozenset(f.name for f in fields(Build))
"""Plugin options that are the build's own, not settings: the command line reads mkdocs.yml past them."""

NOT_OPTIONS = frozenset({"edit_links"})
"""Settings fields that are not options in ``mkdocs.yml`` (the plugin sets them from MkDocs' own config)."""


def plugin_options() -> list[tuple[str, str, Any]]:
    """The plugin's options, each ``(name, type, default)``: every field of :class:`Settings` but
    :data:`NOT_OPTIONS`, then every field of :class:`Build`. Their docs are the fields' docstrings here.
    """
    settings = [(f.name, str(f.type), None) for f in fields(Settings) if f.name not in NOT_OPTIONS]
    return settings + [(f.name, str(f.type), f.default) for f in fields(Build)]

_SIMPLE = {"accounts", "rules", "scoring", "profiles", "forge", "source_channels", "stages"}


def default_today() -> dt.date:
    """Today when none is given: the UTC date of ``SOURCE_DATE_EPOCH`` when set, else the clock's date.

    ``SOURCE_DATE_EPOCH`` (reproducible-builds.org) pins the date for every command and for
    ``mkdocs build``, so that the same commit with the same date builds byte-identically.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.date.today()
    try:
        seconds = int(epoch)
        if not 0 <= seconds <= MAX_EPOCH:
            raise ValueError(epoch)
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    except (ValueError, OverflowError, OSError):
        raise ValueError(f"SOURCE_DATE_EPOCH={epoch!r} is not a whole number of seconds from 1970 to 2106 "
                         f"(0 to {MAX_EPOCH})") from None


MAX_EPOCH = 2**32 - 1
"""The last second a gzip header (MkDocs' sitemap.xml.gz) can hold: later dates cannot build reproducibly."""


def _refuse_linked_accounts(folder: str, project: str, named_by: str) -> None:
    """:class:`ConfigError` when the accounts folder is reached through a symbolic link inside ``project``: a pull
    request's link, and the loader would read, the site publish and ``new`` write where it leads."""
    _, link = linked_step(folder, project, itself=False)
    if link is not None:
        shown = shown_name(os.path.relpath(link, project))
        raise ConfigError([f"{named_by}: {shown} is a symbolic link inside the project, refused (what it leads to "
                           "would be read and published); name a real folder"])


def accounts_folder(given: str | None, settings: Settings, config_file: str | None) -> str:
    """The accounts folder a command works on: ``--accounts`` when given (refused as the settings' is, when reached
    through a link inside the project, :class:`ConfigError`), else the settings'."""
    if not given:
        return settings.accounts
    project = os.path.dirname(os.path.abspath(config_file)) if config_file else os.getcwd()
    _refuse_linked_accounts(given, project, "--accounts")
    return given


def load_settings(config_file: str | None = "mkdocs.yml", **overrides: Any) -> Settings:
    """Settings from ``config_file`` when it exists, else the defaults."""
    data: dict[str, Any] = {}
    base = "."
    if config_file and os.path.exists(config_file):
        data = plugin_section(config_file)
        base = os.path.dirname(config_file) or "."
    data.update({k: v for k, v in overrides.items() if v is not None})
    return Settings.from_mapping(data, base_dir=base)


def site_language(config_file: str | None) -> str:
    """The site's ``theme.language`` (``zh`` for any Chinese tag, following ``INHERIT``), else ``en``: the CLI's default
    language, so that ``--config mkdocs.zh.yml`` speaks Chinese as that site does."""
    chain = _chain_or_none(config_file)
    themes = [c.get("theme") for c in chain or []]
    chosen = next((t["language"] for t in themes if isinstance(t, dict) and t.get("language") is not None), None)
    return "zh" if str(chosen or "en").lower().startswith("zh") else "en"


def rules_page(config_file: str | None) -> str | None:
    """The address of the site's rule reference (``site_url`` + ``rules/``) for links in diagnostics, if any."""
    config = next((c for c in _chain_or_none(config_file) or [] if c.get("site_url")), None)
    if config is None:
        return None
    site = str(config.get("site_url") or "")
    return site.rstrip("/") + ("/rules/" if config.get("use_directory_urls", True) is not False else "/rules.html")


def _chain_or_none(config_file: str | None) -> list[dict[str, Any]] | None:
    """:func:`inherit_chain`, or ``None`` without the file or when it is broken (:func:`plugin_section` reports it);
    read leniently, so that a refusal of the settings is said in their own language."""
    if not config_file or not os.path.isfile(config_file):
        return None
    try:
        return inherit_chain(config_file, lenient=True)
    except (OSError, ConfigError):
        return None
