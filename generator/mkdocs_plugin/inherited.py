"""A settings file never builds wider than a file it ``INHERIT``s (docs/privacy.md, "Build profiles").

The plugin's options follow ``INHERIT`` in both forms of ``plugins`` (:mod:`generator.config.inherit`),
so a child that leaves ``profile`` and ``profiles`` alone builds at its parent's level. A child
that sets them itself may narrow its parent's audience, never widen it: ``mkdocs.yml`` with
``profile: public`` and a ``mkdocs.zh.yml`` asking for ``internal`` fail the Chinese build, naming
both files, instead of publishing the internal level under a configuration made for the public.
A parent that names no profile builds at the default level (``internal``), which is what
``make site`` and ``mkdocs build`` publish from it, so a child asking for ``restricted`` fails
too: a restricted site is built on purpose, with ``--profile restricted`` on the command line
(as the publish workflow does), which is the builder's own choice and is not judged here.
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
        narrow = _level(theirs)  # no profile named: the default level, which a build of the parent shows
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
