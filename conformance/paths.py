"""Where the shared, never-copied data lives: the RFC extracts and the external corpora.

Strategy: the data sits in a ``shared`` directory beside the checkout (``../shared``); a git
worktree may sit one level deeper, so every ancestor of the repository root is tried in turn.
Nothing here is required at run time -- callers treat ``None`` as "not available" -- and a
user can always name the directories explicitly on the command line.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def shared_dir(*parts: str) -> Path | None:
    """``<ancestor>/shared/<parts>`` for the nearest ancestor of the repository that has it."""
    for ancestor in REPO_ROOT.parents:
        candidate = ancestor.joinpath("shared", *parts)
        if candidate.is_dir():
            return candidate
    return None
