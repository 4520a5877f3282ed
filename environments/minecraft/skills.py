"""MP5's skill vocabulary for Minecraft, as plain functions over a `MinecraftEnv`.

Each skill returns a `SkillResult` (ok, message, details) and is bounded by a timeout, so the Performer can
call them blindly. Block and item names are Minecraft ids (`oak_log`, `iron_ore`, `crafting_table`); `find`
and `mine` also accept generic names (`log` = any *_log, `planks`). `craft` and `smelt` place a
crafting_table/furnace from the inventory when none is within reach.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from pydantic import BaseModel, Field

if TYPE_CHECKING:
    from environments.minecraft.env import MinecraftEnv


class SkillResult(BaseModel):
    ok: bool
    message: str
    """One line for the agent: what happened or why not (e.g. 'iron_ore needs one of stone_pickaxe, ...')."""
    details: dict[str, Any] = Field(default_factory=dict)


def find(env: "MinecraftEnv", name: str, max_distance: int = 32) -> SkillResult:
    """Nearest blocks or entities called `name` within `max_distance` (capped at 64) blocks."""
    return env.call("find", name=name, max_distance=max_distance)


def move_to(env: "MinecraftEnv", x: float, y: float, z: float, range: int = 1) -> SkillResult:
    """Walk (digging and bridging if needed) to within `range` blocks of x, y, z."""
    return env.call("move_to", x=x, y=y, z=z, range=range)


def mine(env: "MinecraftEnv", block: str, count: int = 1, max_distance: int = 32) -> SkillResult:
    """Dig `count` blocks of `block` with the best tool and pick up their drops (stone gives cobblestone)."""
    return env.call("mine", name=block, count=count, max_distance=max_distance, timeout=45 + 20 * count)


def craft(env: "MinecraftEnv", item: str, count: int = 1) -> SkillResult:
    """Craft at least `count` of `item` with Mineflayer's bot.craft (3x3 recipes use a crafting table)."""
    return env.call("craft", name=item, count=count)


def smelt(env: "MinecraftEnv", item: str, count: int = 1, fuel: str | None = None) -> SkillResult:
    """Smelt into `item` (e.g. iron_ingot; an input name like iron_ore works too) in a furnace."""
    args: dict[str, Any] = {"name": item, "count": count} | ({"fuel": fuel} if fuel else {})
    return env.call("smelt", **args, timeout=25 + 12 * count / max(env.furnace_speed, 0.1))


def place(env: "MinecraftEnv", block: str) -> SkillResult:
    """Place `block` from the inventory on the ground next to the bot; details['position'] is where."""
    return env.call("place", name=block)


def equip(env: "MinecraftEnv", item: str, destination: str = "hand") -> SkillResult:
    """Hold `item` (or wear it: destination head/torso/legs/feet/off-hand)."""
    return env.call("equip", name=item, destination=destination)


def fight(env: "MinecraftEnv", entity: str, max_distance: int = 16) -> SkillResult:
    """Chase and hit the nearest `entity` (e.g. 'cow', 'zombie') until it is gone, with a sword if held."""
    return env.call("fight", name=entity, max_distance=max_distance)


def dig_down(env: "MinecraftEnv", depth: int = 10, y: int | None = None) -> SkillResult:
    """Dig straight down `depth` blocks (or down to layer `y`); stops above bedrock."""
    args: dict[str, Any] = {"depth": depth} if y is None else {"y": y}
    return env.call("dig_down", **args, timeout=20 + 3 * (depth if y is None else 80))


def dig_up(env: "MinecraftEnv") -> SkillResult:
    """Climb back to the surface by digging a staircase."""
    return env.call("dig_up", timeout=150)


def eat(env: "MinecraftEnv", item: str | None = None) -> SkillResult:
    """Eat `item` (default: any food held); fails when food is already full."""
    return env.call("eat", **({"name": item} if item else {}))


SKILLS: dict[str, Callable[..., SkillResult]] = {
    fn.__name__: fn for fn in (find, move_to, mine, craft, smelt, place, equip, fight, dig_down, dig_up, eat)
}
"""Skill name -> function; `MinecraftEnv.step({"skill": name, "args": {...}})` dispatches through it."""
