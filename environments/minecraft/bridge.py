"""The Python end of node/bridge.js: one Mineflayer bot, commands as JSON lines, every call bounded in time."""
from __future__ import annotations

import itertools
from typing import Any

from environments.minecraft.errors import MinecraftSetupError
from environments.minecraft.node import NODE_DIR, ensure_node_packages, node_executable
from environments.minecraft.proc import NodeProcess

GRACE = 10.0
"""Seconds Python waits beyond a command's own timeout before it kills an unresponsive bridge."""


class Bridge:
    """A bot process. `call` returns {"ok", "message", "details"}; it never blocks longer than timeout + GRACE."""

    def __init__(self) -> None:
        ensure_node_packages()
        self._process = NodeProcess(node_executable(), NODE_DIR / "bridge.js")
        self._ids = itertools.count(1)
        self.events: list[dict[str, Any]] = []

    @property
    def alive(self) -> bool:
        return self._process.alive

    def connect(self, host: str, port: int, *, username: str = "rolegraph", timeout: float = 45) -> dict[str, Any]:
        """Join the server; raises MinecraftSetupError (one line, with the fix) when it cannot."""
        reply = self.call("connect", {"host": host, "port": port, "username": username}, timeout=timeout)
        if not reply["ok"]:
            raise MinecraftSetupError(f"cannot join the Minecraft server at {host}:{port}: {reply['message']}. "
                                      "Start it (offline mode, version 1.16.5) or omit server= to use the bundled one.")
        return reply

    def call(self, cmd: str, args: dict[str, Any] | None = None, *, timeout: float = 60) -> dict[str, Any]:
        if not self.alive:
            return {"ok": False, "message": f"bot bridge is not running ({self._process.tail()})", "details": {}}
        request_id = next(self._ids)
        self._process.send({"id": request_id, "cmd": cmd, "args": args or {}, "timeout": timeout})
        while True:
            line = self._process.next_line(timeout=timeout + GRACE)
            if line is None:
                self.close()
                return {"ok": False, "message": f"{cmd}: bot bridge unresponsive after {timeout + GRACE:.0f}s; restarted",
                        "details": {"timed_out": True}}
            if line.get("event") == "exit":
                return {"ok": False, "message": f"bot bridge exited ({self._process.tail()})", "details": {}}
            if "event" in line:
                self.events.append(line)
                continue
            if line.get("id") == request_id:
                return {"ok": bool(line.get("ok")), "message": line.get("message", ""), "details": line.get("details") or {}}

    def close(self) -> None:
        if self._process.alive:
            try:
                self._process.send({"id": 0, "cmd": "quit", "args": {}, "timeout": 2})
            except (OSError, ValueError):
                pass
        self._process.kill()
