"""What dossier text may become in each language the tool writes: one policy per language, in one place.

Dossier text is pasted from web pages and edited by many people, and every output gives some
characters a meaning. Each function here makes text inert in one output language; every part of
the tool that writes that language goes through it, and nothing else decides:

- **Control characters** (:data:`CONTROL`): C0 controls other than tab and line feed, DEL and
  the C1 controls. YAML and XML 1.0 cannot carry them, HTML parsers drop or replace them, NUL
  cuts strings short in C tools, and STX/ETX are Python-Markdown's own placeholder markers.
  No honest text holds them (C1 controls are a sign of mojibake), so loading reports each one
  as error AP107 and replaces it with U+FFFD: the model never holds one, so no output can.
- **Links** (:func:`safe_url`): only ``http``, ``https``, ``mailto`` and links relative to the
  site. The scheme is read as a browser reads it: after decoding character references
  (``javascript&#58;``) and dropping whitespace, control and invisible characters
  (``java\\tscript:``), case-insensitively. Protocol-relative links (``//host``) are refused:
  they leave the site without saying how. Rule AP405, the body sanitizer, source links and
  SVG links all call it.
- **Markdown** (:func:`markdown_text`): generated pages are Markdown that MkDocs converts, and
  HTML escaping alone leaves link, image, emphasis and attribute-list syntax live
  (``[x](javascript:…)``, ``{: onerror=… }``). Templates put data inside HTML elements, which
  Markdown passes through untouched; the few values that stand on a Markdown line (section
  headings) go through the ``md`` filter, which writes every Markdown-active character as a
  numeric character reference. The diff report (a pull-request comment) uses it too.
- **File names** (:func:`shown_name`): a name in ``accounts/`` is chosen by whoever opens the
  pull request, and the file system allows any bytes but ``/`` and NUL. Diagnostics show it in a
  terminal, a CI log and on the site's pages, so bytes that are not UTF-8 (lone surrogates in
  Python, which no page can be encoded with), control characters (an escape sequence recolours
  the terminal, a line break forges a diagnostic) and invisible or direction-changing characters
  (by Unicode category, and the default-ignorable ones) are written as ``\\x``, ``\\u`` and ``\\U``
  escapes (Python's notation); a backslash is left as it is, so that escaping twice changes nothing (a name
  typed with ``\\xff`` in it looks like an escaped one, and is refused as well). Such a name is
  never a valid slug, so its file is reported (AP004, or AP010 for a file that is no dossier's) and not loaded.
- **Spreadsheet cells** (:func:`csv_text`): a text cell starting with ``= + - @``, a tab or a
  line break is a formula in Excel and LibreOffice; such cells get a leading ``'``. Every CSV
  the tool writes is written by :func:`csv_text`.
"""

from __future__ import annotations

import csv
import html
import io
import re
import unicodedata
from collections.abc import Iterable, Sequence

from markupsafe import Markup

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Characters no dossier text may hold: C0 controls except tab and line feed (CR is normalised
away on reading), DEL, and the C1 controls."""

BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embedding, override and isolate controls: invisible, they make text read differently from what it
is (AP106 refuses them in dossier text)."""

REPLACEMENT = "\ufffd"
"""What a refused control character becomes, as HTML parsers do with NUL."""

SCHEMES = frozenset({"http", "https", "mailto"})
"""The only link schemes allowed anywhere."""

_INVISIBLE = re.compile("[\x00-\x20\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
"""Whitespace, control and invisible characters: a browser drops some inside a scheme, so all go before it is read."""
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
_WHATWG_TRIM = "".join(chr(c) for c in range(0x21))
"""What the URL standard trims from both ends of a link before parsing it (C0 controls and space)."""
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")


_UNSHOWN_KINDS = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"})
"""Unicode categories a shown file name escapes: controls, format characters (direction marks, joiners, tags),
lone surrogates (bytes that were not UTF-8), private-use and unassigned code points, and separators but the space."""

_IGNORABLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0"
                        "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
"""Unicode's Default_Ignorable_Code_Point characters outside those categories (combining grapheme joiner, Hangul
fillers, Khmer and Mongolian invisible vowels and selectors, variation selectors): they draw nothing either."""

_ASCII_UNSHOWN = re.compile(r"[\x00-\x1f\x7f]")
"""What a shown ASCII name escapes: the controls."""


def _escape(char: str) -> str:
    code = ord(char)
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as os.fsdecode keeps it (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _unshown(char: str) -> bool:
    if char == " ":
        return False
    return unicodedata.category(char) in _UNSHOWN_KINDS or _IGNORABLE.match(char) is not None


def shown_name(path: str) -> str:
    """``path`` as diagnostics show it: every character Unicode says draws nothing or moves text around, and every
    byte that is no character, written as an escape in Python's notation (``c-bad\\xff.md``).

    Escaping a shown name again changes nothing, so a path may be shown by any stage, and compared with another
    shown so (:func:`generator.diagnostics.place`)."""
    if path.isascii():
        return _ASCII_UNSHOWN.sub(lambda m: _escape(m.group()), path) if _ASCII_UNSHOWN.search(path) else path
    shown = "".join(_escape(c) if _unshown(c) else c for c in path)
    return path if shown == path else shown


def without_controls(text: str) -> str:
    """``text`` with every :data:`CONTROL` character replaced by U+FFFD."""
    return CONTROL.sub(REPLACEMENT, text) if CONTROL.search(text) else text


# --- links -----------------------------------------------------------------------------------


def url_refusal(url: str) -> str | None:
    """Why ``url`` is refused (``"scheme 'javascript:'"``, ``"protocol-relative '//'"``), ``None`` if it is safe."""
    seen = url
    for _ in range(4):  # '&amp;#58;' decodes to '&#58;', then to ':'; a browser decodes once, this is stricter
        decoded = html.unescape(seen)
        if decoded == seen:
            break
        seen = decoded
    seen = _INVISIBLE.sub("", seen).lower()
    match = _SCHEME.match(seen)
    if match is not None:
        return None if match.group(1) in SCHEMES else f"scheme '{match.group(1)}:'"
    if seen.replace("\\", "/").startswith("//"):
        # Browsers read '\\' as '/' here: '/\host' and '\\host' leave the site too.
        return "protocol-relative '//'"
    return None


def safe_url(url: str | None) -> str | None:
    """The link as a browser reads it when it may be used (http, https, mailto or relative), else ``None``."""
    if not url or url_refusal(url) is not None:
        return None
    return _TAB_OR_NEWLINE.sub("", url.strip(_WHATWG_TRIM)) or None


# --- Markdown --------------------------------------------------------------------------------

_MARKDOWN_ACTIVE = re.compile(r"[\\`*_{}\[\]()#+\-.!|<>&\"'~^=$:]")
"""ASCII characters with a meaning in Markdown or its extensions: emphasis, code, links and
images, attribute lists (``{: }``), headings, lists, tables, footnotes (``[^1]``), HTML and
entities, strike-through and math; ``:`` for autolinks and ``=``/``-`` for setext headings."""
_SPACE = re.compile(r"\s+")


def markdown_text(value: object) -> Markup:
    """``value`` as text that Markdown shows literally and cannot turn into markup, on one line.

    Whitespace runs (line breaks included) become one space, so a value cannot start a line
    of its own; control characters are dropped; every Markdown-active character is written
    as a numeric character reference (``[`` as ``&#91;``), which Markdown passes through and
    a browser shows as the character. The result is also valid, escaped HTML.
    """
    text = value.unescape() if isinstance(value, Markup) else str(value)
    text = _SPACE.sub(" ", CONTROL.sub("", text)).strip()
    return Markup(_MARKDOWN_ACTIVE.sub(lambda m: f"&#{ord(m.group())};", text))


LINE_BREAK = re.compile(r"\s*[\n\r\x0b\x0c\x85\u2028\u2029]\s*")
"""A line break (any Unicode one) with the spaces around it."""
_BREAK = re.compile("[\n\r\x0b\x0c\x85\u2028\u2029]")
"""A line break alone: found by a scan for the character, where :data:`LINE_BREAK` tries ``\\s*`` at every position."""


def one_line(value: object) -> object:
    """A template value as it is printed: text (not :class:`Markup`, which is already HTML) on one line.

    The Jinja environment's ``finalize``: pages are Markdown, where a blank line ends an HTML block
    and a line of its own can start a heading or a list, so no value may carry a line break into a
    page; in HTML a break and a space look the same. Other values are returned unchanged.
    """
    if isinstance(value, str) and not isinstance(value, Markup) and _BREAK.search(value):
        return LINE_BREAK.sub(" ", value)
    return value


# --- spreadsheet cells -----------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
"""Cell starts that spreadsheets read as a formula (the full-width forms too, after input-method conversion)."""

Cell = str | int | float | None


def spreadsheet_cell(value: Cell) -> Cell:
    """A cell that a spreadsheet shows as written: text that would start a formula gets a leading ``'``.

    Numbers stay numbers (``-3.5`` is a value, not a formula); ``None`` is an empty cell.
    Leading spaces do not hide a formula: `` =1+1`` is neutralised too.
    """
    if value is None or isinstance(value, (int, float)):
        return value
    text = str(value)
    if text.lstrip(" ").startswith(_FORMULA_START):
        return "'" + text
    return text


def csv_text(rows: Iterable[Sequence[Cell]]) -> str:
    """Rows as CSV text (``\\n`` line ends), every cell through :func:`spreadsheet_cell`."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows:
        writer.writerow(["" if (cell := spreadsheet_cell(value)) is None else cell for value in row])
    return out.getvalue()
