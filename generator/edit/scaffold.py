"""``accountplan new``: write a new account, contact or activity file that already passes ``check``.

Each file is prefilled with today's date and the editor's roster id, found by matching
the git e-mail the CLI passes in (``git config user.email``) against the roster's ``email``
(or given with ``--as``), and
carries comments that explain every field and scale. An existing file is never
overwritten, and the file appears whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from dataclasses import dataclass

from ..load import codeowners
from ..load.files import load_document, slug_problem
from ..load.tasks import read_regular
from ..model import Roster, scales
from ..model.placeholders import placeholder
from ..model.portfolio import ACCOUNT, KINDS, ROSTER
from ..neutralise import BIDI, CONTROL, shown_name
from ..publish.atomic import OutsideFolder, target_in, write_text_atomic
from . import templates

REVIEW_AFTER_DAYS = 180
"""A new contact record is due for review after this many days."""

PLAN_DUE_DAYS = 90
"""The organizational plan of a new key account is due after this many days."""

_PLAIN = re.compile(r"[\w(][\w .,()/&+'’-]*")


class ScaffoldError(Exception):
    """A request that cannot be fulfilled; the message says why and what to do."""


@dataclass(frozen=True)
class Scaffolded:
    """A file written by ``new``."""

    path: str
    text: str


def yaml_text(value: str) -> str:
    """``value`` as a YAML scalar: plain when that reads back as the same text, else double-quoted.

    A control character (AP108) or a bidirectional one (AP106) is refused here, so that what ``new`` writes always
    passes ``check``.
    """
    if CONTROL.search(value):
        raise ScaffoldError(f"{json.dumps(value, ensure_ascii=False)} holds a control character; type it without one")
    if BIDI.search(value):
        raise ScaffoldError(f"'{shown_name(value)}' holds an invisible bidirectional control character; type it "
                            "without one")
    if _PLAIN.fullmatch(value) and not value.endswith(" ") and value not in ("null", "Null", "NULL"):
        return value
    return json.dumps(value, ensure_ascii=False)


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by ``-``; accents dropped, other scripts removed."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def _checked_slug(name: str, what: str) -> str:
    why = slug_problem(name)
    if why:
        raise ScaffoldError(f"{what} '{shown_name(name)}' {why}")
    return name


def editor(root: str, as_person: str | None = None, email: str | None = None) -> str:
    """The roster id of whoever runs the command: ``as_person``, else the roster entry whose e-mail is ``email``
    (the caller's ``git config user.email``, :func:`generator.history.git.user_email`)."""
    path = os.path.join(root, ROSTER)
    try:
        doc, problems = load_document(path, read_regular(path), Roster, markdown=False)
    except OSError as exc:
        raise ScaffoldError(f"cannot read the roster {path}: {exc.strerror}") from None
    if doc is None:
        where = problems[0].one_line() if problems else path
        raise ScaffoldError(f"the roster cannot be loaded ({where}); run 'accountplan check'")
    roster: Roster = doc.data
    if as_person:
        if as_person not in {p.id for p in roster.people}:
            raise ScaffoldError(f"'{as_person}' is not an id in {path}")
        return as_person
    if not email:
        raise ScaffoldError("git has no user.email here; set it with 'git config user.email you@example.com' "
                            "or pass --as PERSON with your id from the roster")
    for person in roster.people:
        if person.email and person.email.casefold() == email.casefold():
            return person.id
    raise ScaffoldError(f"your git e-mail {email} is not in {path}; add yourself to the roster "
                        "(id, name, title, email) or pass --as PERSON")


def account_folder(root: str, slug: str) -> str:
    """The folder of the account ``slug`` under ``root``; :class:`ScaffoldError` when it has no ``account.md``."""
    folder = os.path.join(root, _checked_slug(slug, "account"))
    if not os.path.isfile(os.path.join(folder, ACCOUNT)):
        raise ScaffoldError(f"no account '{slug}' in {root} (expected {os.path.join(folder, ACCOUNT)})")
    return folder


def _write(root: str, path: str, text: str) -> Scaffolded:
    if os.path.lexists(path):
        raise ScaffoldError(f"{path} already exists; it was left unchanged (pick another name or edit that file)")
    try:
        target = target_in(root, os.path.relpath(path, root))
    except OutsideFolder as exc:  # a symbolic link on the way leads out of the accounts folder
        raise ScaffoldError(str(exc)) from None
    write_text_atomic(target, text)  # whole or not at all; creates the contacts/ or activities/ folder
    return Scaffolded(path, text)


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ScaffoldError(f"{what} '{value}' is not allowed; expected one of {', '.join(allowed)}")
    return value


def _level(value: int | str | None, what: str) -> str:
    """A 1–5 level as written, or ``unknown`` (``None`` or the word): a new contact is not a neutral 3."""
    if value is None or value == scales.UNKNOWN:
        return scales.UNKNOWN
    number = int(value) if isinstance(value, str) and value.isdigit() else value
    if not isinstance(number, int) or not 1 <= number <= 5:
        raise ScaffoldError(f"{what} {value} is out of range; expected 1 to 5 or '{scales.UNKNOWN}'")
    return str(number)


def new_account(root: str, slug: str, *, person: str, today: dt.date, name: str | None = None, tier: str = "C",
                market: str = "breakthrough", industry: str = "Unknown", region: str = "Unknown",
                currency: str = "EUR") -> Scaffolded:
    """Write ``<root>/<slug>/account.md``; S and A accounts get a strategy block to fill in."""
    folder = os.path.join(root, _checked_slug(slug, "account slug"))
    strategy = ""
    if _choice(tier, templates.TIERS, "tier") in ("S", "A"):
        strategy = templates.STRATEGY.format(horizon=f"{today.year}-{today.year + 4}", trends=templates.TRENDS,
                                             fit_scale=templates.scale(scales.FIT), person=person,
                                             due=(today + dt.timedelta(days=PLAN_DUE_DAYS)).isoformat(),
                                             statuses=templates.STATUSES)
    text = templates.ACCOUNT.format(
        name=yaml_text(name or slug.replace("-", " ").title()), tier=tier,
        market=_choice(market, templates.MARKETS, "market"), industry=yaml_text(industry),
        region=yaml_text(region), currency=yaml_text(currency), person=person, strategy=strategy,
    )
    return _write(root, os.path.join(folder, ACCOUNT), text)


def add_codeowners_line(root: str, slug: str, owners: tuple[str, ...] = ()) -> tuple[str, tuple[str, ...]] | None:
    """Give the account folder ``<root>/<slug>`` its own CODEOWNERS line, when the repository has the file.

    The owners default to those GitHub applies to the folder now (usually the catch-all's), for
    the account team to replace. Returns the file and owners written, or ``None`` when there is no
    CODEOWNERS file, the folder has its line already, or no owners are known.
    """
    repository = codeowners.repository_of(root)
    try:
        found = codeowners.load(repository, strict=True)
    except codeowners.Refused as exc:  # the working tree is not trusted: never a line in a file it links to
        raise ScaffoldError(f"{exc.where} is refused ({exc.why}), so no CODEOWNERS line was added for the new "
                            f"folder; make {exc.name} a regular file in the repository and add the line "
                            "yourself") from None
    if found is None:
        return None
    folder = codeowners.folder_of(repository, os.path.join(root, slug))
    lines = list(found.lines)
    if codeowners.covers(lines, folder):
        return None
    current = codeowners.owner_line(lines, f"{folder}/{ACCOUNT}")
    owners = owners or (current.owners if current else ())
    if not owners:
        return None
    try:
        text = found.data.decode("utf-8")
    except UnicodeDecodeError:
        raise ScaffoldError(f"{found.name} is not UTF-8 text, so no CODEOWNERS line was added for the new "
                            "folder; add the line yourself") from None
    try:
        target = target_in(repository, found.name)  # a link swapped in since it was read still cannot lead out
    except OutsideFolder as exc:
        raise ScaffoldError(str(exc)) from None
    write_text_atomic(target, codeowners.with_folder(text, folder, owners))
    return found.path, owners


def new_contact(root: str, account: str, *, person: str, today: dt.date, name: str, contact_id: str | None = None,
                title: str = "Unknown", department: str = "Unknown", level: str = "middle", role: str = "other",
                influence: int = 3, intimacy: int | str | None = None, support: int | str | None = None
                ) -> Scaffolded:
    """Write ``<root>/<account>/contacts/<id>.md``; the id defaults to ``c-`` and the name's ASCII words."""
    folder = account_folder(root, account)
    contact_id = contact_id if contact_id is not None else default_contact_id(name)
    text = contact_text(contact_id, person=person, today=today, name=name, title=title, department=department,
                        level=level, role=role, influence=influence, intimacy=intimacy, support=support)
    return _write(root, os.path.join(folder, "contacts", f"{contact_id}.md"), text)


def default_contact_id(name: str) -> str:
    """``c-`` and the ASCII words of ``name``."""
    words = slugify(name)
    if not words:
        raise ScaffoldError(f"cannot make an id from the name '{name}'; pass --id c-family-given")
    return f"c-{words}"


def contact_text(contact_id: str, *, person: str, today: dt.date, name: str, title: str = "Unknown",
                 department: str = "Unknown", level: str = "middle", role: str = "other", influence: int = 3,
                 intimacy: int | str | None = None, support: int | str | None = None) -> str:
    """The text of a new contact file, without writing it (also prefilled in the site's "add a contact" link).

    Intimacy and support default to ``unknown``: someone just met is not yet known, and a guessed 3
    would count as a neutral opinion (and, for a decision maker, ask for a key plan).
    """
    _checked_slug(contact_id, "contact id")
    return templates.CONTACT.format(
        id=contact_id, name=yaml_text(name), title=yaml_text(title), department=yaml_text(department),
        level=_choice(level, templates.LEVELS, "level"), role=_choice(role, templates.ROLES, "role"),
        influence=_level(influence, "influence"), intimacy=_level(intimacy, "intimacy"),
        support=_level(support, "support"), person=person,
        review_by=(today + dt.timedelta(days=REVIEW_AFTER_DAYS)).isoformat(),
    )


def new_activity(root: str, account: str, *, person: str, today: dt.date, kind: str = "visit",
                 summary: str | None = None, contacts: list[str] | None = None,
                 words: str | None = None) -> Scaffolded:
    """Write ``<root>/<account>/activities/<date>-<words>.md``; contacts must exist in the account."""
    folder = account_folder(root, account)
    _choice(kind, templates.KINDS, "kind")
    contacts = contacts or []
    require_records(folder, account, "contact", contacts)
    name = activity_name(today, kind, summary, words)
    text = activity_text(today=today, kind=kind, summary=summary, contacts=contacts, person=person)
    path = os.path.join(folder, "activities", f"{name}.md")
    if os.path.lexists(path):
        raise ScaffoldError(f"{path} already exists; it was left unchanged (pass --words to name the new file)")
    return _write(root, path, text)


def activity_name(today: dt.date, kind: str, summary: str | None = None, words: str | None = None) -> str:
    """The file name of a new activity, without ``.md``: the date, then ``words`` or the summary's first words."""
    stem = words or "-".join(slugify(summary or "").split("-")[:6]) or kind
    return _checked_slug(f"{today.isoformat()}-{stem}", "activity file name")


def activity_text(*, today: dt.date, kind: str, person: str, summary: str | None = None,
                  contacts: list[str] | None = None) -> str:
    """The text of a new activity file, without writing it (also prefilled in the site's "log an activity" link)."""
    _choice(kind, templates.KINDS, "kind")
    text_summary = summary or placeholder(f"what happened at this {kind} and what was agreed.")
    listed = "[" + ", ".join(contacts or []) + "]"
    return templates.ACTIVITY.format(date=today.isoformat(), kind=kind, summary=yaml_text(text_summary),
                                     contacts=listed, person=person)


def require_records(folder: str, account: str, kind: str, ids: list[str]) -> None:
    """:class:`ScaffoldError` unless each id names a record file of that kind in the account, listing the known ones."""
    subfolder = next(name for name, one in KINDS.items() if one == kind)  # contacts/, opportunities/...
    known = {os.path.splitext(n)[0] for n in _listdir(os.path.join(folder, subfolder)) if n.endswith(".md")}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ScaffoldError(f"unknown {kind} id(s) in {account}: {', '.join(unknown)}; known: "
                            f"{', '.join(sorted(known)) or f'none yet (run `accountplan new {kind}`)'}")


def _listdir(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except FileNotFoundError:
        return []
