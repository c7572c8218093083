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
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from ..diagnostics import Diagnostic
from ..language import normalize

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
    """A template as a pattern: literal text exact, each ``{name}`` any text (the same text when repeated)."""
    out, seen, last = [], set(), 0
    for m in _FIELD.finditer(template):
        out.append(re.escape(template[last:m.start()].replace("{{", "{").replace("}}", "}")))
        name = m.group(1)
        out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
        last = m.end()
    out.append(re.escape(template[last:].replace("{{", "{").replace("}}", "}")))
    return re.compile("".join(out) + r"\Z", re.S)


@cache
def _patterns(lang: str) -> tuple[tuple[re.Pattern[str], str, frozenset[str]], ...]:
    """Templates with placeholders, the most literal text first (the most specific match wins), and the names of
    their quoted placeholders."""
    templated = [(k, v) for k, v in catalogue(lang).items() if _FIELD.search(k)]
    templated.sort(key=lambda kv: -len(_FIELD.sub("", kv[0])))
    return tuple((_regex(k), v, _literal(k)) for k, v in templated)


def _literal(template: str) -> frozenset[str]:
    """The names of the placeholders a template quotes (``'{id}'``) or holds in a code span (```new {kind}```)."""
    return frozenset(name for span in _QUOTED.findall(template) for name in _FIELD.findall(span))


def _fill(translation: str, values: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), translation.replace("{{", "\0").replace(
        "}}", "\1")).replace("\0", "{").replace("\1", "}")


def text(message: str, lang: str) -> str:
    """``message`` in ``lang``: an exact entry, else the first template it matches (values kept, and translated
    themselves when they are catalogue entries), else the message unchanged."""
    table = catalogue(lang)
    if not table or not message:
        return message
    exact = table.get(message)
    if exact is not None:
        return exact
    for pattern, translation, literal in _patterns(lang):
        found = pattern.match(message)
        if found:
            return _fill(translation, {k: v if k in literal else _value(v, lang) for k, v in found.groupdict().items()})
    return message


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
    if isinstance(problems, list) and problems:  # settings_check.ConfigError: a heading and one problem a line
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
