"""`MinecraftEnv`: Minecraft behind the Environment protocol, one Mineflayer bot acting through skills."""
from __future__ import annotations

import json
from typing import Any

from environments.base import Observation
from environments.minecraft.bridge import Bridge
from environments.minecraft.errors import MinecraftSetupError
from environments.minecraft.server import DEFAULT_VERSION, BundledServer
from environments.minecraft.skills import SKILLS, SkillResult

DEFAULT_TIMEOUT = 60.0


class MinecraftEnv:
    """A bot in a Minecraft world. Actions are skill calls: `step({"skill": "mine", "args": {"block": "oak_log"}})`.

    With `server=None`, `reset(seed)` (re)starts the bundled flying-squid server for that seed, so every
    episode starts in a fresh, reproducible world. With `server="HOST:PORT"` the bot joins your own
    offline-mode server (version `version`) and `reset` only reconnects (and sends /clear if `clear_on_reset`).
    No frames: `Observation.image` is None; perception uses `status` and `info` (voxels, entities).
    """

    def __init__(self, *, server: str | None = None, seed: int = 0, version: str = DEFAULT_VERSION,
                 username: str = "rolegraph", furnace_speed: float = 1.0, clear_on_reset: bool = False,
                 observe_radius: int = 4) -> None:
        self.server, self.seed, self.version, self.username = server, seed, version, username
        self.furnace_speed = furnace_speed if server is None else 1.0
        self.clear_on_reset, self.observe_radius = clear_on_reset, observe_radius
        self.actions: list[str] = list(SKILLS)
        self._bundled: BundledServer | None = None
        self._bridge: Bridge | None = None
        self._step = 0
        self._seen: set[str] = set()

    def reset(self, seed: int | None = None) -> Observation:
        """Connect a fresh bot (to a fresh bundled world for `seed`, unless `server` was given)."""
        if seed is not None:
            self.seed = seed
        self._disconnect()
        if self.server is None:
            if self._bundled is not None:
                self._bundled.stop()
            self._bundled = BundledServer(seed=self.seed, version=self.version, furnace_speed=self.furnace_speed).start()
            host, port = "127.0.0.1", self._bundled.port
        else:
            host, port = _parse_address(self.server)
        self._bridge = Bridge()
        self._bridge.connect(host, port, username=self.username)
        if self.server is not None and self.clear_on_reset:
            self.command("/clear")
        self._step, self._seen = 0, set()
        return self.observe()

    def step(self, action: str | int | dict[str, Any]) -> Observation:
        """Run one skill: a dict {"skill", "args"}, a skill name, a JSON string of the dict, or an index."""
        skill, args = self._parse(action)
        result = SKILLS[skill](self, **args)
        self._step += 1
        return self.observe(result)

    def call(self, command: str, *, timeout: float | None = None, **args: Any) -> SkillResult:
        """Send one bridge command (skills use this); never blocks past its timeout."""
        if self._bridge is None:
            raise RuntimeError("call reset() before using skills")
        reply = self._bridge.call(command, args, timeout=timeout or DEFAULT_TIMEOUT)
        return SkillResult(**reply)

    def command(self, text: str) -> SkillResult:
        """Send a chat line or server command (e.g. '/give rolegraph coal 3'); details['replies'] holds answers."""
        return self.call("chat", text=text, timeout=10)

    def observe(self, result: SkillResult | None = None) -> Observation:
        raw = self.call("observe", radius=self.observe_radius, timeout=15)
        if not raw.ok:
            return Observation(done=True, step=self._step, info={"error": raw.message, "result": _dump(result)})
        d = raw.details
        inventory = {k: int(v) for k, v in d["inventory"].items()}
        new = {f"obtain_{name}" for name in inventory} - self._seen
        self._seen |= new
        status = {k: d[k] for k in ("health", "food", "oxygen", "position", "yaw", "pitch", "time_of_day", "is_day",
                                    "weather", "biome", "sky_visible", "equipment")}
        info = {"voxels": d["voxels"], "entities": d["entities"], "result": _dump(result),
                "server": self.address, "seed": self.seed if self.server is None else None}
        return Observation(image=None, inventory=inventory, status=status, achievements=sorted(self._seen),
                           done=bool(d["health"] <= 0), reward=float(len(new)), step=self._step, info=info)

    @property
    def address(self) -> str | None:
        return self.server or (self._bundled.address if self._bundled and self._bundled.running else None)

    def close(self) -> None:
        """Disconnect the bot and stop the bundled server (if this env started one)."""
        self._disconnect()
        if self._bundled is not None:
            self._bundled.stop()
            self._bundled = None

    def __enter__(self) -> "MinecraftEnv":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _disconnect(self) -> None:
        if self._bridge is not None:
            self._bridge.close()
            self._bridge = None

    def _parse(self, action: str | int | dict[str, Any]) -> tuple[str, dict[str, Any]]:
        if isinstance(action, int):
            action = self.actions[action]
        if isinstance(action, str):
            action = json.loads(action) if action.strip().startswith("{") else {"skill": action, "args": {}}
        skill, args = action.get("skill"), dict(action.get("args") or {})
        if skill not in SKILLS:
            raise ValueError(f"unknown skill {skill!r}; known: {', '.join(SKILLS)}")
        return skill, args


def _dump(result: SkillResult | None) -> dict[str, Any] | None:
    return result.model_dump() if result is not None else None


def _parse_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise MinecraftSetupError(f"server must be HOST:PORT (got {address!r}), e.g. 127.0.0.1:25565.")
    return host, int(port)
