"""Output-time translation from gettext catalogues (``locale/<lang>/LC_MESSAGES/accountplan.po``).

Translators edit the ``.po`` files with any gettext tool (Poedit, Weblate, a text editor);
no Python is involved. Each entry's ``msgid`` is a *stable English template*: the text a
rule, the loader or the CLI writes, with ``{placeholders}`` where values go. A message is
translated when it is written out (``check --lang zh``, the site's findings, ``diff --lang
zh``): it is matched against the templates and the translation is filled with the values
found, so the rule modules keep writing English and never change for a language.

``python -m generator.translate.extract`` lists every template in the code (``messages.pot``).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

from ..diagnostics import Diagnostic
from .language import normalize

LOCALE = Path(__file__).resolve().parent / "locale"
DOMAIN = "accountplan"
_FIELD = re.compile(r"\{(\w+)\}")
_QUOTED = re.compile(r"'\{\w+\}'|`[^`]*`")
"""A placeholder in quotes or a code span: what the user typed or must type (an id, a command), never translated."""


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Template → translation for ``lang`` (empty for English or a missing catalogue); untranslated entries left out."""
    path = LOCALE / normalize(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"
    if normalize(lang) == "en" or not path.is_file():
        return {}
    with path.open("rb") as handle:
        entries = read_po(handle)
    return {str(m.id): str(m.string) for m in entries if m.id and m.string and not m.fuzzy}


def _regex(template: str) -> re.Pattern[str]:
    """A template as a pattern: literal text exact, each ``{name}`` any text (the same text when repeated); a
    placeholder ending the template after a space may be left off with its space (an empty ``{arrow}``)."""
    placed = list(_FIELD.finditer(template))
    out, seen, last = [], set(), 0
    for m in placed:
        literal = template[last:m.start()].replace("{{", "{").replace("}}", "}")
        name = m.group(1)
        group = f"(?P={name})" if name in seen else f"(?P<{name}>.+?)"
        if m is placed[-1] and m.end() == len(template) and literal.endswith(" ") and name not in seen:
            out.append(f"{re.escape(literal[:-1])}(?: {group})?")  # " {arrow}" at the end may be left off (empty)
        else:
            out.append(re.escape(literal) + group)
        seen.add(name)
        last = m.end()
    out.append(re.escape(template[last:].replace("{{", "{").replace("}}", "}")))
    return re.compile("".join(out) + r"\Z", re.S)


_SPACED = re.compile(r"\{\w+\}\s+\{\w+\}")
"""A placeholder and the next one with only spaces between: a value holding a space ("name only") can split there."""


_TRAIL = re.compile(r" \{(\w+)\}\Z")


def _splits(template: str, message: str, limit: int = 64) -> list[dict[str, str]]:
    """Every way (at most ``limit``) ``message`` fills ``template``'s placeholders, each value non-empty."""
    parts = re.split(r"\{(\w+)\}", template)
    literals = [p.replace("{{", "{").replace("}}", "}") for p in parts[0::2]]
    names = parts[1::2]
    found: list[dict[str, str]] = []

    def walk(i: int, at: int, values: dict[str, str]) -> None:
        if len(found) >= limit:
            return
        if i == len(names):
            if message[at:] == literals[i]:
                found.append(dict(values))
            return
        after = literals[i + 1]
        end = message.find(after, at + 1) if after else len(message)
        while end != -1:
            value = message[at:end]
            if values.get(names[i], value) == value:
                walk(i + 1, end + len(after), {**values, names[i]: value})
            end = message.find(after, end + 1) if after else -1

    if message.startswith(literals[0]):
        walk(0, len(literals[0]), {})
    return found


@cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern[str], str, frozenset[str], str], ...]:
    """Templates with placeholders, the most literal text first (the most specific match wins), as patterns, with
    the names of their quoted placeholders and the template itself when a value may hold a space (:data:`_SPACED`)."""
    templated = [(k, v) for k, v in catalogue(lang).items() if _FIELD.search(k)]
    templated.sort(key=lambda kv: -len(_FIELD.sub("", kv[0])))
    return tuple((_regex(k), v, _literal(k), k if _SPACED.search(k) else "") for k, v in templated)


def _literal(template: str) -> frozenset[str]:
    """The names of the placeholders a template quotes (``'{id}'``) or holds in a code span (```new {kind}```)."""
    return frozenset(name for span in _QUOTED.findall(template) for name in _FIELD.findall(span))


def _fill(translation: str, values: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), translation.replace("{{", "\0").replace(
        "}}", "\1")).replace("\0", "{").replace("\1", "}")


class Said(str):
    """English text that keeps the template and values it was made from (lazy gettext): where the message is
    written out, :func:`text` translates the template and fills in the values, with no need to read the finished
    English back. Everywhere else it is the plain English string."""

    template: str
    """The catalogue's ``msgid``: the English with ``{placeholders}``."""
    values: dict[str, str]
    """Each placeholder's value (a value may be a :class:`Said` itself)."""


def said(template: str, **values: object) -> Said:
    """``template`` with ``values`` filled in, in English, remembering both: call it where the message is made
    (``said("Name {a} → {b}", a=old, b=new)``), as gettext's ``_()`` would be; the extractor lists the template."""
    kept = {k: v if isinstance(v, str) else str(v) for k, v in values.items()}
    made = Said(template.format(**kept))
    made.template, made.values = template, kept
    return made


def text(message: str, lang: str) -> str:
    """``message`` in ``lang``. A :class:`Said` is translated by its template; a plain message is matched against
    the catalogue (:func:`_parsed`)."""
    if isinstance(message, Said):
        return _said(message, lang)
    return _parsed(message, lang)


def _said(message: Said, lang: str) -> str:
    """A :class:`Said` in ``lang``: its template's translation with the values filled in, each value translated
    as a value read from the message would be (quoted ones kept); a template the catalogue lacks is read back."""
    translation = catalogue(lang).get(message.template)
    if translation is None:
        return _parsed(str(message), lang)
    literal = _literal(message.template)
    values = {k: v if k in literal or not v else _value(v, lang) for k, v in message.values.items()}
    filled = _fill(translation, values)
    return filled.rstrip() if "" in values.values() else filled


@lru_cache(maxsize=65_536)
def _parsed(message: str, lang: str) -> str:
    """``message`` in ``lang``: an exact entry, else the first template it matches (values kept, and translated
    themselves when they are catalogue entries), else the message unchanged.

    Cached: a value is itself translated with :func:`text`, and a message with many spaces is split many ways,
    so without the cache the same parts are translated again and again (exponentially in long messages)."""
    table = catalogue(lang)
    if not table or not message:
        return message
    exact = table.get(message)
    if exact is not None:
        return exact
    for pattern, translation, literal, spaced in _patterns(lang):
        found = pattern.match(message)
        if found is None:
            continue
        raw = {k: v or "" for k, v in found.groupdict().items()}
        if message in raw.values():  # "{a} {arrow}" with the arrow left off says nothing of its own
            continue
        candidates = [raw, *(_splits(spaced, message) if spaced else [])]
        left_off = _TRAIL.search(spaced)
        if left_off:  # the same template with its last value empty ("unknown → name only" has no arrow)
            candidates += [{**c, left_off.group(1): ""} for c in _splits(spaced[:left_off.start()], message)]
        useful = [c for c in candidates if message not in c.values()]  # a value must say less than the message
        best = max((_translated(c, literal, lang) for c in useful), key=lambda pair: pair[0])[1]
        filled = _fill(translation, best)
        return filled.rstrip() if "" in best.values() else filled
    return message


def _translated(raw: dict[str, str], literal: frozenset[str], lang: str) -> tuple[int, dict[str, str]]:
    """How much of a split's text translates (the length of the values that do), and the values translated
    (quoted ones and empty ones kept)."""
    values = {k: v if k in literal or not v else _value(v, lang) for k, v in raw.items()}
    return sum(len(v) for k, v in raw.items() if values[k] != v), values


_LISTS = (("; ", "；"), (", ", "，"))
"""How lists of values are joined in a message, and their Chinese punctuation."""


def _value(value: str, lang: str) -> str:
    """A value found in a message: a catalogue entry, a list of them (each part translated), a template, or as found."""
    exact = catalogue(lang).get(value)
    if exact is not None:
        return exact
    for joiner, chinese in _LISTS:
        if joiner in value:
            parts = value.split(joiner)
            done = [text(part, lang) for part in parts]
            if done != parts or joiner == ", ":  # a list in a translated sentence takes its punctuation, names too
                return chinese.join(done)
    return text(value, lang)


def t(template: str, lang: str, **values: object) -> str:
    """A CLI or report text: the template's translation (or the template) with ``values`` filled in."""
    chosen = catalogue(lang).get(template, template)
    return _fill(chosen, {k: str(v) for k, v in values.items()})


def exception_text(exc: BaseException, lang: str) -> str:
    """An error's text in ``lang``: each of a settings error's problems translated, else the whole text."""
    problems = getattr(exc, "problems", None)
    if isinstance(problems, list) and problems:  # config.check.ConfigError: a heading and one problem a line
        return "\n  ".join([t("invalid settings:", lang), *(text(str(p), lang) for p in problems)])
    return text(str(exc), lang)


def diagnostic(found: Diagnostic, lang: str) -> Diagnostic:
    """The diagnostic with its message and hint in ``lang`` (position, code and severity unchanged)."""
    if normalize(lang) == "en":
        return found
    return dataclasses.replace(found, message=text(found.message, lang), hint=text(found.hint, lang))


def diagnostics(found: Iterable[Diagnostic], lang: str) -> list[Diagnostic]:
    """Every diagnostic translated (see :func:`diagnostic`)."""
    return [diagnostic(d, lang) for d in found]


def rule_doc(code: str, lang: str) -> str | None:
    """A rule's documentation translated as Markdown (``locale/<lang>/rules/<CODE>.md``), if there is one."""
    if normalize(lang) == "en":
        return None
    path = LOCALE / normalize(lang) / "rules" / f"{code}.md"
    return path.read_text(encoding="utf-8") if path.is_file() else None
