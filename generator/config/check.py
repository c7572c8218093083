"""The settings checked before anything runs: every mistake at once, each with the path of its key.

A mistake in ``mkdocs.yml``'s ``accountplan`` section is a :class:`ConfigError` (a ``ValueError``),
which the command line prints as a usage error and the MkDocs plugin as a configuration error —
never a traceback. YAML reads an unquoted ``off`` as false: a rule's severity ``off``/``false``
means the rule is off.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import partial
from typing import Any

from ..model.codes import all_codes
from ..suggest import did_you_mean

SECTION = "plugins.accountplan"
"""Where the settings are in ``mkdocs.yml``; every key path starts with it."""

SEVERITIES = ("error", "warning", "info", "off")
"""A rule's allowed severities."""


class ConfigError(ValueError):
    """Mistakes in the settings, one per line."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("invalid settings:\n  " + "\n  ".join(self.problems))


def checked(data: Mapping[str, Any], known: Iterable[str], limits: Mapping[str, str]) -> dict[str, Any]:
    """``data`` with rule severities normalized (``False`` → ``"off"``); :class:`ConfigError` listing every mistake.

    ``known``: the setting names; ``limits``: each limit's name and type (``int`` or ``float``).
    """
    problems = list(_problems(data, sorted(known), limits))
    if problems:
        raise ConfigError(problems)
    result = dict(data)
    if isinstance(result.get("rules"), Mapping):
        result["rules"] = {code: _severity(value) for code, value in result["rules"].items()}
    return result


def _severity(value: Any) -> str:
    return "off" if value is False else str(value).lower()


def _problems(data: Mapping[str, Any], known: list[str], limits: Mapping[str, str]) -> Iterator[str]:
    for key in data:
        if key not in known:
            yield _unknown(f"{SECTION}.{key}", "setting", key, known, f"allowed: {', '.join(known)}")
    accounts = data.get("accounts")
    if accounts is not None and (not isinstance(accounts, str) or not accounts.strip()):
        yield f"{SECTION}.accounts: expected a folder path, found {accounts!r}"
    yield from _section(data, "rules", "rule code to severity", _rule)
    yield from _section(data, "limits", "limit name to number", partial(_limit, limits))
    yield from _section(data, "profiles", "profile name to sensitivity", _profile)
    yield from _section(data, "scoring", "scoring settings", _no_check)  # checked by generator.score.config
    yield from _section(data, "source_channels", "domain to channel", _no_check)
    yield from _today(data.get("today"))


def _kind(value: Any) -> str:
    return "a list" if isinstance(value, list) else repr(value)


def _unknown(where: str, what: str, name: Any, known: Iterable[str], allowed: str) -> str:
    """``where: unknown WHAT; did you mean 'x'? ALLOWED``."""
    hint = did_you_mean(str(name), known)
    return f"{where}: unknown {what}; {hint + ' ' if hint else ''}{allowed}"


def _section(data: Mapping[str, Any], key: str, of: str, entry: Callable[[str, Any, Any], Iterator[str]]
             ) -> Iterator[str]:
    """The problems of the mapping ``data[key]`` (of ``of``), ``entry`` checking each of its items."""
    value = data.get(key)
    if value is None:
        return
    if not isinstance(value, Mapping):
        yield f"{SECTION}.{key}: expected a mapping of {of}, found {_kind(value)}"
        return
    for name, item in value.items():
        yield from entry(f"{SECTION}.{key}.{name}", name, item)


def _rule(where: str, code: Any, value: Any) -> Iterator[str]:
    codes = sorted(all_codes())
    if code not in codes:
        yield _unknown(where, "rule code", code, codes, f"codes run from {codes[0]} to {codes[-1]}")
    if value is not False and (not isinstance(value, str) or value.lower() not in SEVERITIES):
        yield f"{where}: {value!r} is not a severity; allowed: {', '.join(SEVERITIES)}"


def _limit(types: Mapping[str, str], where: str, name: Any, value: Any) -> Iterator[str]:
    if name not in types:
        yield _unknown(where, "limit", name, types, f"allowed: {', '.join(sorted(types))}")
    elif types[name] == "int" and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
        yield f"{where}: expected a whole number of 0 or more, found {value!r}"
    elif not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
        yield f"{where}: expected a number of 0 or more, found {value!r}"


def _profile(where: str, name: Any, level: Any) -> Iterator[str]:
    from ..model.spec import SENSITIVITY_ORDER

    if level not in SENSITIVITY_ORDER:
        yield f"{where}: {level!r} is not a sensitivity; allowed: {', '.join(SENSITIVITY_ORDER)}"


def _no_check(where: str, name: Any, value: Any) -> Iterator[str]:
    return iter(())


def _today(today: Any) -> Iterator[str]:
    if today is None or isinstance(today, dt.date):
        return
    try:
        dt.date.fromisoformat(str(today))
    except ValueError:
        yield f"{SECTION}.today: expected a date YYYY-MM-DD, found {today!r}"
