"""The scoring guide page: each worked example of :mod:`generator.score.guide`, scored by the real scorer."""

from __future__ import annotations

from typing import Any

from ..score.guide import AS_OF, EXAMPLES, example_figures
from . import scorecard
from .i18n import Translator


def guide_view(t: Translator) -> list[dict[str, Any]]:
    """Every example with its title, quote, rule, dossier and scorecard rows in ``t``'s language."""
    return [{
        "key": example.key,
        "title": example.title[t.index],
        "quote": example.quote,
        "rule": example.rule[t.index],
        "dossier": example.dossier,
        "sections": [{"title": t("guide_figures", date=AS_OF.isoformat()),
                      "rows": scorecard.rows(example_figures(example), t, {})}],
    } for example in EXAMPLES]
