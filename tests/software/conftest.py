"""Fixtures for the software-layer tests (helpers live in sw_helpers.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sw_helpers import Scene, make_scene  # noqa: E402


@pytest.fixture
def scene(tmp_path) -> Scene:
    """A user repo with a dirty tree and stash, plus the run's worktree, fingerprinted."""
    return make_scene(tmp_path)
