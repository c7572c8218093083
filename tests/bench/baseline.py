"""The B1 baseline: read every dossier file and parse its frontmatter with libyaml, nothing else.

    python -m tests.bench.baseline ACCOUNTS

This is the floor any checker must pay (open, read, parse with PyYAML's ``CSafeLoader``);
``accountplan check`` is measured against it in the same run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

import yaml


def parse_all(root: str) -> int:
    """Parse the YAML of every ``.md`` frontmatter and ``.yml`` file under ``root``; the count of files."""
    count = 0
    for folder, _, names in os.walk(root):
        for name in names:
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
            if name.endswith(".md"):
                text = text.split("\n---\n", 1)[0].removeprefix("---\n")
            yaml.load(text, Loader=yaml.CSafeLoader)
            count += 1
    return count


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: the accounts folder."""
    args = list(sys.argv[1:] if argv is None else argv)
    print(parse_all(args[0]), "files parsed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
