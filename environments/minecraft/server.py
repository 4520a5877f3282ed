"""The bundled Minecraft server: flying-squid + rolegraph's plugin on 127.0.0.1, a free port, offline mode."""
from __future__ import annotations

import json
import time

from environments.minecraft.errors import MinecraftSetupError
from environments.minecraft.node import NODE_DIR, ensure_node_packages, node_executable
from environments.minecraft.proc import NodeProcess

DEFAULT_VERSION = "1.16.5"


class BundledServer:
    """One world per seed: the same seed always generates the same terrain, trees and ores.

    `furnace_speed` > 1 cooks faster than vanilla (tests may use it; benchmarks keep 1).
    """

    def __init__(self, *, seed: int = 0, version: str = DEFAULT_VERSION, furnace_speed: float = 1.0,
                 view_distance: int = 4) -> None:
        self.seed, self.version = int(seed), version
        self.furnace_speed, self.view_distance = furnace_speed, view_distance
        self.port: int | None = None
        self._process: NodeProcess | None = None

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.alive

    def start(self, timeout: float = 60) -> "BundledServer":
        """Start the server and wait until it listens; raises MinecraftSetupError if it cannot."""
        if self.running:
            return self
        ensure_node_packages()
        options = {"seed": self.seed, "port": 0, "version": self.version,
                   "furnaceSpeed": self.furnace_speed, "viewDistance": self.view_distance}
        self._process = NodeProcess(node_executable(), NODE_DIR / "server.js", json.dumps(options))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            line = self._process.next_line(timeout=max(0.1, deadline - time.monotonic()))
            if line is None or line.get("event") == "exit":
                break
            if line.get("event") == "ready":
                self.port = int(line["port"])
                return self
        tail = self._process.tail()
        self.stop()
        raise MinecraftSetupError(f"the bundled Minecraft server did not start ({tail or 'no output'}); "
                                  f"reinstall its packages with `npm ci` in {NODE_DIR}.")

    def stop(self) -> None:
        if self._process is not None:
            self._process.kill()
        self._process, self.port = None, None

    def __enter__(self) -> "BundledServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
