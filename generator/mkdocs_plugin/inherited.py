"""A settings file never builds wider than a file it ``INHERIT``s (docs/privacy.md, "Build profiles").

The plugin's options follow ``INHERIT`` in both forms of ``plugins`` (:mod:`generator.config.inherit`),
so a child that leaves ``profile`` and ``profiles`` alone builds at its parent's level. A child
that sets them itself may narrow the audience of a parent that names a ``profile``, never widen
it: ``mkdocs.yml`` with ``profile: public`` and a ``mkdocs.zh.yml`` asking for ``internal`` fail
the Chinese build, naming both files, instead of publishing the internal level under a
configuration made for the public. A parent that names no profile chose no audience, so its
children may (``mkdocs.restricted.yml`` for the account teams); the command line's
``--profile`` is the builder's own choice and is not judged here.
"""

from __future__ import annotations

from typing import Any

from ..config import Settings
from ..config.inherit import built_sections, merged
from ..redact import level_of, profile_level


def with_inherited(options: dict[str, Any], config_file: str | None) -> dict[str, Any]:
    """``options`` (as MkDocs read them for ``config_file``) over the plugin options the file inherits.

    MkDocs' own ``enabled`` switch is never inherited: it is not an option of the plugin. A broken chain
    leaves ``options`` as they are (reading the settings reports it).
    """
    try:
        sections = built_sections(config_file) if config_file else []
    except (ValueError, OSError):
        return options
    inherited = {k: v for k, v in sections[0][1].items() if k != "enabled"} if sections else {}
    return dict(merged(inherited, options))


def refuse_wider(config_file: str | None) -> None:
    """``ValueError`` naming both files when ``config_file``'s options build a wider level than a file it inherits,
    and naming the file when its ``INHERIT`` chain cannot be read (the level it inherits is then unknown)."""
    sections = built_sections(config_file) if config_file else []  # a broken chain: ConfigError, a failed build
    if len(sections) < 2:
        return
    child, options = sections[0]
    wide = _level(options)
    for parent, theirs in sections[1:]:
        narrow = _level(theirs) if theirs.get("profile") is not None else None  # no profile named: no audience
        if wide is not None and narrow is not None and level_of(wide) > level_of(narrow):
            raise ValueError(f"{child} builds at level '{wide}', wider than level '{narrow}' of {parent}, which it "
                             f"inherits (INHERIT); a site is never built wider than the file it inherits: set no "
                             f"'profile' or 'profiles' of its own there, or a profile no wider than '{narrow}'")


def _level(options: dict[str, Any]) -> str | None:
    """The sensitivity level a build with these plugin options shows; ``None`` when they are not valid settings
    (reading them reports why)."""
    try:
        return profile_level(Settings.from_mapping(options), options.get("profile"))
    except (ValueError, TypeError):
        return None
