"""`rolegraph setup`: install what optional features need (sandbox, browser for report tests, Minecraft bridge)."""
from __future__ import annotations

import os
import shutil
import subprocess

import typer

from agents.cli import app
from agents.cli.common import console

SYSTEM = {"bwrap": "bubblewrap", "chromium": "chromium"}
"""Command -> Debian package: bubblewrap isolates the software team's commands; chromium renders reports in tests."""


def _apt_install(packages: list[str]) -> str:
    if not shutil.which("apt-get"):
        return f"skipped ({' '.join(packages)}): no apt-get here; install them with your package manager"
    prefix = [] if os.geteuid() == 0 else (["sudo", "-n"] if shutil.which("sudo") else None)
    if prefix is None:
        return f"skipped ({' '.join(packages)}): not root and no sudo"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages]):
        done = subprocess.run(prefix + cmd, capture_output=True, text=True, env=env)
        if done.returncode != 0:
            return f"failed ({' '.join(packages)}): {(done.stderr or done.stdout).strip().splitlines()[-1:]}"
    return f"installed {' '.join(packages)}"


@app.command("setup")
def setup(system: bool = typer.Option(True, "--system/--no-system", help="Debian packages: bubblewrap, chromium."),
          minecraft: bool = typer.Option(True, "--minecraft/--no-minecraft", help="The Minecraft bridge's node "
                                         "packages (npm ci from the lock file).")) -> None:
    """Install optional pieces; each missing one is reported, and features (and tests) that need it say so."""
    if system:
        missing = [pkg for cmd, pkg in SYSTEM.items() if not shutil.which(cmd)]
        console.print(f"system packages: {_apt_install(missing) if missing else 'present'}")
    if minecraft:
        from environments.minecraft.errors import MinecraftSetupError
        from environments.minecraft.node import ensure_node_packages

        try:
            console.print(f"minecraft bridge: node packages ready in {ensure_node_packages()}")
        except MinecraftSetupError as exc:
            console.print(f"minecraft bridge: skipped: {exc}")
