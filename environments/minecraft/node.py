"""Finding Node and installing the bridge's pinned node packages (`npm ci` from package-lock.json)."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from environments.minecraft.errors import MinecraftSetupError

NODE_DIR = Path(__file__).resolve().parent / "node"
"""The Node half: bridge.js (the bot), server.js + plugin/ (the bundled server), package-lock.json."""
MIN_NODE_MAJOR = 18


def node_executable() -> str:
    """Path of `node` (>= 18), or a MinecraftSetupError saying how to install it."""
    node = os.environ.get("ROLEGRAPH_NODE") or shutil.which("node")
    if not node:
        raise MinecraftSetupError("Node.js is not installed: install Node 20 (e.g. `apt install nodejs npm`) "
                                  "or set ROLEGRAPH_NODE to its path.")
    try:
        version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError) as err:
        raise MinecraftSetupError(f"cannot run {node}: {err}; reinstall Node 20 or set ROLEGRAPH_NODE.") from err
    major = int(version.lstrip("v").split(".")[0] or 0) if version.startswith("v") else 0
    if major < MIN_NODE_MAJOR:
        raise MinecraftSetupError(f"Node {version or '?'} is too old: the Minecraft bridge needs Node >= "
                                  f"{MIN_NODE_MAJOR} (20 recommended).")
    return node


def packages_installed(node_dir: Path = NODE_DIR) -> bool:
    modules = node_dir / "node_modules"
    return all((modules / name / "package.json").is_file()
               for name in ("mineflayer", "flying-squid", "mineflayer-pathfinder", "mineflayer-tool"))


def ensure_node_packages(node_dir: Path = NODE_DIR, *, timeout: float = 900) -> Path:
    """Install the pinned node packages with `npm ci` when node_modules is missing; returns node_dir.

    Idempotent and quick when already installed. `npm ci` installs exactly package-lock.json (from npm's
    cache when offline). Raises MinecraftSetupError with the fix when node/npm is absent or npm fails.
    """
    node_executable()
    if packages_installed(node_dir):
        return node_dir
    npm = os.environ.get("ROLEGRAPH_NPM") or shutil.which("npm")
    if not npm:
        raise MinecraftSetupError(f"npm is not installed: install it (e.g. `apt install npm`) or run "
                                  f"`npm ci` in {node_dir} yourself.")
    cmd = [npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"]
    try:
        done = subprocess.run(cmd, cwd=node_dir, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired as err:
        raise MinecraftSetupError(f"`npm ci` in {node_dir} took over {timeout:.0f}s; run it by hand to see why.") from err
    if done.returncode != 0 or not packages_installed(node_dir):
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
        raise MinecraftSetupError(f"`npm ci` failed in {node_dir} ({tail[0][:200]}); check npm's registry access "
                                  f"or run `npm ci` there by hand.")
    return node_dir
