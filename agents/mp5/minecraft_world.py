"""MinecraftWorld: the MP5 `World` over `MinecraftEnv` (Mineflayer bot, bundled server or the user's own).

Skills are the environment's (find, move_to, mine, craft, smelt, place, equip, fight, dig_down, dig_up, eat) plus
`obtain(item, count)`, which re-plans with the tech tree from the inventory after every step, the way the scripted
knowledge run does (dig to the ore's layers, place stations from the inventory). The replay log is one JSON line per skill call: Minecraft is not step-exact, so
a resumed run replays the calls into a fresh world of the same seed (best effort), then continues."""
from __future__ import annotations

import inspect
import json
from typing import Any

from agents.core.errors import EnvironmentSetupError
from agents.mp5.state import SkillCall
from agents.mp5.world import Asker, EpisodeOver, SkillResult
from environments.base import Observation
from environments.minecraft import skills as mc_skills
from environments.minecraft.errors import MinecraftSetupError

REACH = 5
OBTAIN_BUDGET_S = 300


class MinecraftLook:
    """What the knowledge Percipient needs from a Minecraft observation (no frames: voxels and entities)."""

    def __init__(self, world: "MinecraftWorld"):
        self.world = world
        obs = world.obs
        self.daylight = 1.0 if obs.status.get("is_day", True) else 0.0
        self.inventory = dict(obs.inventory)
        names = [e.get("name", "?") for e in obs.info.get("entities", [])][:9]
        self.grid = [names or ["nothing"]]
        self.facing = (0, 0)

    def find(self, name: str) -> list[tuple[int, int]]:
        """Horizontal offsets (dx, dz) of the nearest `name` within reach, as the env's `find` skill reports."""
        found = mc_skills.find(self.world.env, name, max_distance=REACH)
        if not found.ok:
            return []
        pos, me = found.details.get("position"), self.world.obs.status.get("position")
        return [(int(pos[0] - me[0]), int(pos[2] - me[2]))] if pos and me else [(0, 1)]

    def facing_tile(self) -> str:
        return "unknown"


class MinecraftWorld:
    name = "minecraft"

    def __init__(self, *, seed: int = 0, server: str | None = None):
        from environments.minecraft.env import MinecraftEnv
        from environments.minecraft.node import ensure_node_packages

        try:
            ensure_node_packages()
        except MinecraftSetupError as exc:
            raise EnvironmentSetupError(str(exc)) from None
        self.seed, self.env = seed, MinecraftEnv(server=server, seed=seed)
        self._obs: Observation | None = None
        self.log = ""

    @property
    def obs(self) -> Observation:
        if self._obs is None:
            self.reset(self.seed)
        return self._obs

    def reset(self, seed: int) -> Observation:
        self.seed = seed
        try:
            self._obs = self.env.reset(seed)
        except MinecraftSetupError as exc:
            raise EnvironmentSetupError(str(exc)) from None
        self.log = ""
        return self._obs

    def sync(self, log: str) -> None:
        if self._obs is not None and log == self.log:
            return
        self.reset(self.seed)
        for line in filter(None, log.split("\n")):
            self.run_skill(SkillCall(**json.loads(line)))

    def skills(self) -> dict[str, str]:
        docs = {name: (inspect.getdoc(fn) or name).split("\n")[0] for name, fn in mc_skills.SKILLS.items()}
        return {**docs, "obtain": "obtain(item, count): hold count of item, mining/crafting/smelting what is missing"}

    def run_skill(self, call: SkillCall, *, ask: Asker | None = None, max_steps: int = 1000) -> SkillResult:
        if call.skill == "obtain":
            result = self._obtain(**call.args)
        elif call.skill in mc_skills.SKILLS:
            try:
                result = mc_skills.SKILLS[call.skill](self.env, **call.args)
            except TypeError as bad:
                return SkillResult(ok=False, message=f"{call.skill}: bad arguments ({bad})")
        else:
            return SkillResult(ok=False, message=f"unknown skill {call.skill!r}; known: {', '.join(self.skills())}")
        self.log += json.dumps(call.model_dump(), sort_keys=True) + "\n"
        self._obs = self.env.observe(result).model_copy(update={"step": self.log.count("\n")})
        if self._obs.done:
            raise EpisodeOver(self._obs.info.get("error") or "the bot died")
        return SkillResult(ok=result.ok, message=result.message, steps=1, details=result.details)

    def _obtain(self, item: str, count: int = 1) -> Any:
        """Hold `count` of `item`: re-plan with the tech tree from the current inventory after every step, so
        what earlier steps consumed (sticks, planks) is made again."""
        from environments.minecraft.scripted import obtain

        run = obtain(item, self.env, count=int(count), budget_s=OBTAIN_BUDGET_S)
        return mc_skills.SkillResult(ok=run.success, message=run.message, details={"log": run.log[-8:]})

    def look(self) -> MinecraftLook:
        return MinecraftLook(self)

    def close(self) -> None:
        self.env.close()
