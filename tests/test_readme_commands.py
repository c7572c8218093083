"""The README's command list names every command, every subcommand and every option a user can give."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from generator.cli import parser

README = Path(__file__).resolve().parents[1] / "README.md"
OMITTED = {"--help", "--today", "--no-cache", "--cache-dir", "--progress", "--no-directory-urls", "--quiet",
           "--accounts", "--version", "--config"}
"""Options for tests, CI and tuning, documented by each command's ``--help`` and the docs, not the README list."""
EVERY_COMMAND = {"--lang": "Every command takes `--lang en|zh`"}
"""Options every command takes, said once under the list (the sentence the README must hold)."""


def _block() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## The command line", 1)[1]
    return section.split("```sh", 1)[1].split("```", 1)[0]


def _commands(p: argparse.ArgumentParser, prefix: str) -> dict[str, argparse.ArgumentParser]:
    """``accountplan new opportunity`` → its parser, for every leaf command."""
    subs = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
    if not subs:
        return {prefix: p}
    found: dict[str, argparse.ArgumentParser] = {}
    for name, child in subs[0].choices.items():
        found.update(_commands(child, f"{prefix} {name}"))
    return found


def test_every_command_and_long_option_is_in_the_readme() -> None:
    block = _block()
    lines = block.splitlines()
    for command, sub in _commands(parser(), "accountplan").items():
        words = command.split()
        # a leaf is listed as "accountplan new ...|opportunity|..." or "accountplan migrate knows"
        listed = [line for line in lines if line.startswith(" ".join(words[:2]))
                  and (len(words) < 3 or re.search(rf"[ |]{words[2]}([ |]|$)", line))]
        assert listed, f"README command list lacks '{command}'"
        if words[1] in ("new", "source"):
            continue  # their options differ per kind; `--help` lists them
        options = {o for a in sub._actions for o in a.option_strings if o.startswith("--")}
        for option in sorted(options - OMITTED - EVERY_COMMAND.keys()):
            assert any(option in line for line in listed), f"README: '{command}' lacks {option}"


def test_options_every_command_takes_are_said_once() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for option, sentence in EVERY_COMMAND.items():
        assert sentence in readme, f"README does not say every command takes {option}"
        assert all(option in {o for a in sub._actions for o in a.option_strings}
                   for sub in _commands(parser(), "accountplan").values()), f"not every command takes {option}"
