"""``python -m generator.config [CONFIG]``: read the settings as every ``accountplan`` command does, for a plain
MkDocs run that would read them itself first (``make serve``): exit 2 with every problem, in the site's language.

MkDocs runs what a settings file names as it reads it (a ``!!python/object/apply`` tag, ``hooks:``); the
settings reader refuses code outside Material, PyMdown Extensions and Python-Markdown before that (a second
defence: a settings file is still code, reviewed by the maintainers).
"""

from __future__ import annotations

import sys

from ..translate import exception_text, t
from . import load_settings, site_language


def main(argv: list[str] | None = None) -> int:
    """Read the settings of ``CONFIG`` (default ``mkdocs.yml``); 0 when they can be used, else 2."""
    args = sys.argv[1:] if argv is None else argv
    config = args[0] if args else "mkdocs.yml"
    try:
        load_settings(config)
    except ValueError as exc:
        lang = site_language(config)
        print(t("accountplan: {message}", lang, message=exception_text(exc, lang)), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
