"""Our own people: ``accounts/roster.yml``, referenced everywhere by id."""

from __future__ import annotations

from dataclasses import dataclass

from .spec import fld


@dataclass(kw_only=True, slots=True)
class Person:
    """Someone in our sales organization."""

    id: str = fld("Stable id used in dossiers.", example="p-li-na")
    name: str = fld("Display name.")
    title: str = fld("Job title.")
    email: str | None = fld("Work e-mail; matched against `git config user.email` by `new`.", default=None)
    region: str | None = fld("Home region.", default=None)
    manager: str | None = fld("Roster id of their manager.", default=None, ref="person")


@dataclass(kw_only=True, slots=True)
class Roster:
    """The roster file."""

    people: list[Person] = fld("Everyone who owns relationships or takes part in activities.")
