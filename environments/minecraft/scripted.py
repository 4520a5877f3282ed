"""A scripted knowledge run: re-plan with `expand` from the current inventory, run the first step with a
skill, repeat. It is the deterministic baseline the MP5 graph's knowledge brains can be compared against."""
from __future__ import annotations

import time
from typing import Callable

from pydantic import BaseModel, Field

from environments.knowledge.minecraft import Step, expand
from environments.minecraft import skills
from environments.minecraft.env import MinecraftEnv
from environments.minecraft.skills import SkillResult

STATIONS = ("crafting_table", "furnace")
REACH = 5
SURFACE_BLOCKS = {"oak_log", "oak_leaves", "grass_block"}


class RunResult(BaseModel):
    success: bool
    seconds: float
    message: str
    inventory: dict[str, int] = Field(default_factory=dict)
    log: list[str] = Field(default_factory=list)
    """One line per skill call: 'mine oak_log x4 -> ok: mined ...'."""


def obtain(target: str, env: MinecraftEnv, *, count: int = 1, budget_s: float = 600,
           max_failures: int = 12, echo: Callable[[str], None] | None = None) -> RunResult:
    """Obtain `count` of `target` (e.g. "diamond", "iron_pickaxe") from whatever the bot holds now."""
    start, log, failures = time.monotonic(), [], 0

    def run(name: str, result: SkillResult) -> SkillResult:
        line = f"{time.monotonic() - start:6.1f}s {name} -> {'ok' if result.ok else 'FAIL'}: {result.message}"
        log.append(line)
        if echo:
            echo(line)
        return result

    while True:
        inventory = env.observe().inventory
        if inventory.get(target, 0) >= count:
            return RunResult(success=True, seconds=time.monotonic() - start, message=f"got {count} {target}",
                             inventory=inventory, log=log)
        if time.monotonic() - start > budget_s or failures > max_failures:
            why = "out of time" if failures <= max_failures else f"{failures} failed steps"
            return RunResult(success=False, seconds=time.monotonic() - start, message=why, inventory=inventory, log=log)
        nearby = {s for s in STATIONS if _near(env, s)}
        plan = expand(target, count=count, inventory=inventory, placed=nearby)
        step = plan[0]
        later = {s.platform for s in plan[1:] if s.platform}
        for station in nearby if step.task == "mine" else ():
            if station in later:  # about to walk away: carry it along instead of walking back to it
                run(f"pick up {station}", skills.mine(env, station, 1, max_distance=REACH + 1))
        result = run(_describe(step), _perform(env, step, inventory))
        failures += 0 if result.ok else 1
        if not result.ok and step.task == "place":  # a cramped or refused spot: stand somewhere else
            run("make room", skills.dig_down(env, depth=1))


def _near(env: MinecraftEnv, block: str) -> bool:
    found = skills.find(env, block, max_distance=REACH)
    return found.ok and found.details.get("kind") == "block"


def _describe(step: Step) -> str:
    return f"{step.task} {step.name} x{step.quantity}" + (f" from {step.block}" if step.block and step.block != step.name else "")


def _perform(env: MinecraftEnv, step: Step, inventory: dict[str, int]) -> SkillResult:
    if step.task == "place":
        return skills.place(env, step.name)
    if step.task == "craft":
        return skills.craft(env, step.name, step.quantity)
    if step.task == "smelt":
        return skills.smelt(env, step.name, step.quantity)
    return _mine(env, step)


def _mine(env: MinecraftEnv, step: Step) -> SkillResult:
    """Mine where the block lives: climb out for surface blocks; for ores out of range, dig down to their layers."""
    status = env.observe().status
    if step.block in SURFACE_BLOCKS and not status["sky_visible"]:
        skills.dig_up(env)
    block = step.block or step.name
    result = skills.mine(env, block, step.quantity)
    if not result.ok and "no reachable" in result.message and step.y_range:
        low, high = step.y_range
        y = int(env.observe().status["position"][1])
        target = max(low + 3, min(high - 4, (low + high) // 2 + 2))
        skills.dig_down(env, **({"y": target} if y > target else {"depth": 6}))
        result = skills.mine(env, block, step.quantity, max_distance=48)
    return result
