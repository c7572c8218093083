"""Every label the site generates, in English and Simplified Chinese (the method's own terms).

The labels themselves are data (``labels.toml`` beside this module, read with
:func:`generator.translate.language.labels`). Pages pick the language from MkDocs'
``theme.language``; dossier text stays as written. Enum values (tiers, roles, channels,
statuses …) and 1–5 scale levels are translated too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import scales
from ..translate.language import Pair, index, label, labels, pairs
from .svg import labels as chart_labels

_LABELS = labels("generator.render")
UI: dict[str, Pair] = pairs(_LABELS["ui"])
"""Key → label: navigation, titles, headings and sentences (``[ui]`` of ``labels.toml``)."""

SECTIONS: dict[str, dict[str, Pair]] = {"compliance": pairs(_LABELS["compliance"])}
"""The labels of one page only, by page (``[compliance]`` of ``labels.toml``)."""

ENUMS: dict[str, dict[str, Pair]] = {kind: pairs(table) for kind, table in _LABELS["enums"].items()}
"""Enum values by field kind; the values are the dossier's own vocabulary (``[enums.*]`` of ``labels.toml``)."""
# Contact levels and decision roles: the charts' names, so a map legend and the table beside it agree.
ENUMS["level"] = {v: Pair(chart_labels.EN[f"level.{v}"], chart_labels.ZH[f"level.{v}"]) for v in chart_labels.LEVELS}
ENUMS["decision_role"] = {v: Pair(chart_labels.EN[f"role.{v}"], chart_labels.ZH[f"role.{v}"])
                          for v in chart_labels.ROLES}

SCALES: dict[str, scales.Labels] = {
    "support": scales.SUPPORT, "intimacy": scales.INTIMACY, "influence": scales.INFLUENCE,
    "fit": scales.FIT, "quality": scales.QUALITY, "satisfaction": scales.SATISFACTION, "strength": scales.STRENGTH,
}


@dataclass(frozen=True)
class Translator:
    """Labels in one language; templates call it as ``t("key")``."""

    lang: str = "en"

    @property
    def index(self) -> int:
        """0 for English, 1 for Chinese."""
        return index(self.lang)

    def __call__(self, key: str, **values: Any) -> str:
        """The UI label ``key``, with ``{placeholders}`` filled; the key itself if unknown."""
        text = label(UI, key, self.lang)
        return text.format(**values) if values else text

    def section(self, name: str) -> dict[str, str]:
        """Every label of one page's own section (:data:`SECTIONS`), key → text."""
        return {key: label(SECTIONS[name], key, self.lang) for key in SECTIONS[name]}

    def age(self, days: int) -> str:
        """A source's age: ``today``/``今天``, else ``32 days old``/``距今32天``."""
        return self("today") if days == 0 else self("days_old", days=days)

    def enum(self, kind: str, value: str | None) -> str:
        """The translated name of an enum value; the value itself when not listed."""
        if value is None:
            return ""
        return label(ENUMS.get(kind, {}), value, self.lang)

    def scale(self, kind: str, value: int | None) -> str:
        """``"4 · supporter"`` for a 1–5 scale value; ``"? · unknown"`` for a support or intimacy not known yet."""
        if value is None:
            return f"? · {scales.UNKNOWN_LABEL[self.index]}" if kind in UNKNOWABLE else ""
        pair = SCALES[kind].get(value)
        return f"{value} · {pair[self.index]}" if pair else str(value)


UNKNOWABLE = frozenset({"support", "intimacy", "strength"})
"""Scales a dossier may write as ``unknown``."""
