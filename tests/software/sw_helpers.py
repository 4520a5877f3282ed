"""Helpers for the software-layer tests: the attack scene (a realistic user repo with a dirty tree, stash,
tags and a bare remote, the run's worktree beside it, damage and orphan probes) lives in
agents.software.attack_scene, shared with bench/sandbox_attacks.py; only pytest-specific helpers live here."""
from __future__ import annotations

import pytest

from agents.software.attack_scene import (  # noqa: F401  (re-exported for the tests)
    GIT_RUN_OWNED, ID, Scene, live_sandbox_processes, make_scene, make_user_repo, sh, tree_digest)
from agents.software.sandbox import LEVELS, available_levels


def level_params() -> list:
    """Every isolation level, skipped with the reason where this machine lacks it."""
    here = available_levels()
    return [pytest.param(key, id=key, marks=[] if key in here else
                         pytest.mark.skip(reason=f"{LEVELS[key]} unavailable here (install bubblewrap / kernel Landlock)"))
            for key in LEVELS]
