"""What the build says about the history it read, and where it keeps its parses."""

from __future__ import annotations

from collections.abc import Iterator

from .records import Movement


def history_log(movement: Movement | None) -> Iterator[str]:
    """Lines for the build log: where the dates come from, and a note for a shallow clone."""
    if movement is None:
        return
    if not movement.available:
        if movement.unread:
            yield (f"accountplan: no git history read for the accounts folder ({movement.unread}); history views "
                   "show the present only")
        else:
            yield "accountplan: no git history found for the accounts folder; history views show the present only"
        return
    first = movement.first.isoformat() if movement.first else "-"
    yield (f"accountplan: history from {movement.commits} first-parent commit(s) of HEAD since {first} "
           "(committer dates, UTC)")
    if movement.shallow:
        yield ("accountplan: the clone is shallow, so history starts late; fetch it all "
               "(actions/checkout with fetch-depth: 0, or 'git fetch --unshallow')")
