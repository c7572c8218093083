"""Each dossier's redacted copy kept from one build to the next (in a server's memory, or carried in the user's cache).

Redaction works on one dossier at a time (:func:`generator.redact.redact_dossier`), so a
dossier whose files did not change redacts to the same copy: it is kept under the level and
the dossier's :func:`~generator.model.keys.dossier_key`.
"""

from __future__ import annotations

from functools import partial

from ..config import Settings
from ..model.keys import dossier_key
from ..model.portfolio import Dossier, Portfolio
from ..redact import Redaction, apply_profile, redact_dossier
from .memo import Memo


def redact(portfolio: Portfolio, settings: Settings, profile: str | None, memo: Memo[Redaction]) -> Redaction:
    """:func:`generator.redact.apply_profile`, re-using the copies of dossiers redacted to the same level before."""
    def each(dossier: Dossier, max_level: str) -> Redaction:
        return memo.get(("redact", max_level, dossier_key(dossier)), partial(redact_dossier, dossier, max_level))

    return apply_profile(portfolio, settings, profile, each)
