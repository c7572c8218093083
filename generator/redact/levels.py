"""Sensitivity levels and build profiles: the level a profile may show, and the rank of each level."""

from __future__ import annotations

from ..config import Settings
from ..model.spec import SENSITIVITY_ORDER

ROOT_LEVEL = "internal"
"""Level of a file's unlabelled content (account profile, roster, bodies of unlabelled files)."""
DEFAULT_PROFILE_LEVEL = "internal"
"""Level of a build that names no profile: never shows restricted data by accident."""


def level_of(name: str) -> int:
    """The rank of a sensitivity name; ``ValueError`` for anything else."""
    try:
        return SENSITIVITY_ORDER[name]
    except KeyError:
        known = ", ".join(SENSITIVITY_ORDER)
        raise ValueError(f"unknown sensitivity '{name}'; expected one of {known}") from None


def profile_level(settings: Settings, profile: str | None) -> str:
    """The highest sensitivity profile ``profile`` may show; ``None`` means the safe default."""
    if profile is None:
        return DEFAULT_PROFILE_LEVEL
    if profile not in settings.profiles:
        known = ", ".join(sorted(settings.profiles)) or "none configured"
        raise ValueError(f"unknown build profile '{profile}'; known: {known}")
    level = settings.profiles[profile]
    level_of(level)
    return level
