"""Missing Node/npm and unreachable servers give one-line MinecraftSetupErrors that say how to fix them."""
from __future__ import annotations

import shutil
import socket

import pytest

from environments.minecraft import MinecraftEnv, MinecraftSetupError, ensure_node_packages
from environments.minecraft.node import NODE_DIR


def test_missing_node_says_how_to_install_it(monkeypatch):
    monkeypatch.delenv("ROLEGRAPH_NODE", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MinecraftSetupError) as err:
        ensure_node_packages()
    assert "Node.js is not installed" in str(err.value) and "\n" not in str(err.value)


def test_missing_npm_with_missing_packages_names_the_fix(monkeypatch, tmp_path, node_ready):
    shutil.copy(NODE_DIR / "package.json", tmp_path / "package.json")
    monkeypatch.setenv("ROLEGRAPH_NODE", shutil.which("node"))
    monkeypatch.delenv("ROLEGRAPH_NPM", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(MinecraftSetupError, match=r"npm is not installed.*npm ci"):
        ensure_node_packages(tmp_path)


def test_installed_packages_are_left_alone(node_ready):
    assert ensure_node_packages() == NODE_DIR
    assert (NODE_DIR / "node_modules" / "mineflayer" / "package.json").is_file()


def test_unreachable_server_is_one_line_with_the_fix(node_ready):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again below: nothing listens there
    env = MinecraftEnv(server=f"127.0.0.1:{port}")
    with pytest.raises(MinecraftSetupError) as err:
        env.reset()
    env.close()
    message = str(err.value)
    assert f"127.0.0.1:{port}" in message and "offline mode" in message and "\n" not in message


def test_bad_server_address():
    with pytest.raises(MinecraftSetupError, match="HOST:PORT"):
        MinecraftEnv(server="localhost").reset()
