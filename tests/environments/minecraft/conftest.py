"""Minecraft fixtures: node packages installed once (npm ci from the lock file), servers started and stopped
by the tests, and a check that no node process outlives its test module."""
from __future__ import annotations

import shutil

import pytest

from environments.minecraft import proc


@pytest.fixture(scope="session")
def node_ready():
    """Skip (with the reason) only when Node is absent; otherwise make sure the bridge's packages exist."""
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed: the Minecraft bridge needs Node >= 18")
    from environments.minecraft import ensure_node_packages
    return ensure_node_packages()


@pytest.fixture(scope="module", autouse=True)
def no_orphan_node_processes():
    before = set(proc.SPAWNED)
    yield
    started = [pid for pid in proc.SPAWNED if pid not in before]
    assert not [pid for pid in started if proc.pid_alive(pid)], "node processes outlived their test module"
