"""Fixtures for the software-layer tests (helpers live in sw_helpers.py)."""
from __future__ import annotations

import pytest
from sw_helpers import Scene, make_scene


@pytest.fixture
def scene(tmp_path) -> Scene:
    """A user repo with a dirty tree and stash, plus the run's worktree, fingerprinted."""
    return make_scene(tmp_path)
