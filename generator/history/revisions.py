"""Read the ``accounts/`` folder as it was at a git revision (kept for its importers).

The git code lives in one module, :mod:`generator.history.git`, shared with ``score --rev``
and the site's history.
"""

from __future__ import annotations

from .git import WORKTREE, RevisionError, commit_of, extract, git, locate

__all__ = ["WORKTREE", "RevisionError", "commit_of", "extract", "git", "locate"]
