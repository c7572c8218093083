"""The settings checked before anything runs: every mistake at once, each with the path of its key.

A mistake in ``mkdocs.yml``'s ``accountplan`` section is a :class:`ConfigError` (a ``ValueError``),
which the command line prints as a usage error and the MkDocs plugin as a configuration error —
never a traceback. YAML reads an unquoted ``off`` as false: a rule's severity ``off``/``false``
means the rule is off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import fields
from typing import Any

from .suggest import did_you_mean

SECTION = "plugins.accountplan"
"""Where the settings are in ``mkdocs.yml``; every key path starts with it."""

SEVERITIES = ("error", "warning", "info", "off")
"""A rule's allowed severities."""


class ConfigError(ValueError):
    """Mistakes in the settings, one per line."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("invalid settings:\n  " + "\n  ".join(self.problems))


def checked(data: Mapping[str, Any], known: Iterable[str]) -> dict[str, Any]:
    """``data`` with rule severities normalized (``False`` → ``"off"``); :class:`ConfigError` listing every mistake."""
    problems = list(_problems(data, sorted(known)))
    if problems:
        raise ConfigError(problems)
    result = dict(data)
    if isinstance(result.get("rules"), Mapping):
        result["rules"] = {code: _severity(value) for code, value in result["rules"].items()}
    return result


def _severity(value: Any) -> str:
    return "off" if value is False else str(value).lower()


def _problems(data: Mapping[str, Any], known: list[str]) -> Iterator[str]:
    for key in data:
        if key not in known:
            hint = did_you_mean(str(key), known)
            yield f"{SECTION}.{key}: unknown setting; {hint + ' ' if hint else ''}allowed: {', '.join(known)}"
    accounts = data.get("accounts")
    if accounts is not None and (not isinstance(accounts, str) or not accounts.strip()):
        yield f"{SECTION}.accounts: expected a folder path, found {accounts!r}"
    yield from _rules(data.get("rules"))
    yield from _limits(data.get("limits"))
    yield from _profiles(data.get("profiles"))
    yield from _today(data.get("today"))
    if data.get("scoring") is not None and not isinstance(data.get("scoring"), Mapping):
        yield f"{SECTION}.scoring: expected a mapping, found {_kind(data.get('scoring'))}"


def _kind(value: Any) -> str:
    return "a list" if isinstance(value, list) else repr(value)


def _rules(rules: Any) -> Iterator[str]:
    if rules is None:
        return
    if not isinstance(rules, Mapping):
        yield f"{SECTION}.rules: expected a mapping of rule code to severity, found {_kind(rules)}"
        return
    from .rules import registry

    codes = sorted(registry())
    for code, value in rules.items():
        where = f"{SECTION}.rules.{code}"
        if code not in codes:
            hint = did_you_mean(str(code), codes)
            yield f"{where}: unknown rule code; {hint + ' ' if hint else ''}codes run from {codes[0]} to {codes[-1]}"
        if value is not False and (not isinstance(value, str) or value.lower() not in SEVERITIES):
            yield f"{where}: {value!r} is not a severity; allowed: {', '.join(SEVERITIES)}"


def _limits(limits: Any) -> Iterator[str]:
    if limits is None:
        return
    if not isinstance(limits, Mapping):
        yield f"{SECTION}.limits: expected a mapping of limit name to number, found {_kind(limits)}"
        return
    from .config import Limits

    types = {f.name: f.type for f in fields(Limits)}
    for name, value in limits.items():
        where = f"{SECTION}.limits.{name}"
        if name not in types:
            hint = did_you_mean(str(name), types)
            yield f"{where}: unknown limit; {hint + ' ' if hint else ''}allowed: {', '.join(sorted(types))}"
        elif types[name] == "int" and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            yield f"{where}: expected a whole number of 0 or more, found {value!r}"
        elif not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            yield f"{where}: expected a number of 0 or more, found {value!r}"


def _profiles(profiles: Any) -> Iterator[str]:
    if profiles is None:
        return
    if not isinstance(profiles, Mapping):
        yield f"{SECTION}.profiles: expected a mapping of profile name to sensitivity, found {_kind(profiles)}"
        return
    from .model.spec import SENSITIVITY_ORDER

    for name, level in profiles.items():
        if level not in SENSITIVITY_ORDER:
            yield (f"{SECTION}.profiles.{name}: {level!r} is not a sensitivity; "
                   f"allowed: {', '.join(SENSITIVITY_ORDER)}")


def _today(today: Any) -> Iterator[str]:
    if today is None or isinstance(today, dt.date):
        return
    try:
        dt.date.fromisoformat(str(today))
    except ValueError:
        yield f"{SECTION}.today: expected a date YYYY-MM-DD, found {today!r}"
