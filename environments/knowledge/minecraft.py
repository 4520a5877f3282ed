"""Minecraft's tech tree from `minecraft-data` (recipes, block drops, harvest tools; never retyped) plus the
furnace rules minecraft-data lacks (node/data/smelting.json), with an MP5-style `expand` into sub-objectives.

Data comes from the PyPI package `minecraft_data` when installed, else from the npm `minecraft-data` that
`ensure_node_packages()` installs next to the bridge.
"""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

NODE_DIR = Path(__file__).resolve().parent.parent / "minecraft" / "node"
VERSION = "1.16.5"
WOODS = ("birch", "spruce", "jungle", "acacia", "dark_oak", "crimson", "warped")
"""Wood kinds the bundled world never grows: recipes using them are not chosen."""


class Step(BaseModel):
    """One sub-objective, like a line of MP5's task files."""

    task: Literal["mine", "craft", "smelt", "place"]
    name: str
    """The item obtained (or the block placed)."""
    quantity: int
    material: dict[str, int] = Field(default_factory=dict)
    """Items consumed (craft ingredients; smelt input and fuel)."""
    block: str | None = None
    """For mine: the block to dig (stone gives cobblestone)."""
    tool: str | None = None
    """The least tool that makes the block drop (must be held); None = bare hands."""
    platform: str | None = None
    """Station that must be within reach: crafting_table or furnace."""
    y_range: tuple[int, int] | None = None
    """For ores: the layers the bundled world (and vanilla 1.16) generates them in."""


class Data(BaseModel):
    recipes: dict[str, list[dict]]
    items: dict[int, str]
    blocks: dict[str, dict]
    loot: dict[str, list[dict]]


@functools.cache
def data(version: str = VERSION) -> Data:
    """Recipes, item names, blocks and block loot for `version`."""
    try:
        import minecraft_data  # PyPI
        d = minecraft_data(version)
        return Data(recipes=d.recipes, items={int(i["id"]): i["name"] for i in d.items_list},
                    blocks=d.blocks_name, loot=d.blockLoot)
    except ImportError:
        pass
    root = NODE_DIR / "node_modules" / "minecraft-data" / "minecraft-data" / "data"
    if not root.is_dir():
        raise RuntimeError("minecraft-data not found: `pip install minecraft-data` or call "
                           "environments.minecraft.ensure_node_packages()")
    paths = json.loads((root / "dataPaths.json").read_text())["pc"][version]
    load = lambda key: json.loads((root / paths[key] / f"{key}.json").read_text())  # noqa: E731
    loot = {entry["block"]: entry["drops"] for entry in load("blockLoot")}
    return Data(recipes=load("recipes"), items={i["id"]: i["name"] for i in load("items")},
                blocks={b["name"]: b for b in load("blocks")}, loot=loot)


@functools.cache
def smelting() -> dict:
    return json.loads((NODE_DIR / "data" / "smelting.json").read_text())


@functools.cache
def world() -> dict:
    return json.loads((NODE_DIR / "data" / "world.json").read_text())


def natural_blocks() -> set[str]:
    w = world()
    return {"grass_block", "dirt", "stone", w["trees"]["log"], w["trees"]["leaves"]} | {o["block"] for o in w["ores"]}


def recipes_for(item: str) -> list[tuple[dict[str, int], int, bool]]:
    """Crafting recipes of `item` as (ingredients by name, result count, needs a 3x3 table)."""
    d, out = data(), []
    item_id = next((i for i, n in d.items.items() if n == item), None)
    for r in d.recipes.get(str(item_id), []) if item_id is not None else []:
        cells = [c for row in r.get("inShape", []) for c in row] + list(r.get("ingredients", []))
        ids = [c["id"] if isinstance(c, dict) else c for c in cells if c is not None]
        counts: dict[str, int] = {}
        for i in ids:
            counts[d.items[i]] = counts.get(d.items[i], 0) + 1
        shape = r.get("inShape", [])
        big = len(shape) > 2 or any(len(row) > 2 for row in shape) or len(r.get("ingredients", [])) > 4
        out.append((counts, int(r["result"]["count"]), big))
    return out


def blocks_dropping(item: str) -> list[str]:
    """Blocks whose loot (without silk touch) includes `item`, natural ones of the bundled world first."""
    found = [b for b, drops in data().loot.items()
             if any(dr["item"] == item and not dr.get("silkTouch") for dr in drops)]
    nat = natural_blocks()
    return sorted(found, key=lambda b: (b not in nat, b != item, b))


def harvest_tools(block: str) -> list[str]:
    tools = data().blocks.get(block, {}).get("harvestTools") or {}
    return [data().items[int(i)] for i in tools]


@functools.cache
def cost(item: str, _stack: frozenset = frozenset()) -> float:
    """A rough effort to obtain one `item` from nothing (inf if impossible here): picks recipes and tools."""
    if item in _stack:
        return math.inf
    stack = _stack | {item}
    best = math.inf
    for block in blocks_dropping(item):
        if block in natural_blocks():
            tools = harvest_tools(block)
            best = min(best, 1 + (min(cost(t, stack) for t in tools) if tools else 0))
    for source in [k for k, v in smelting()["recipes"].items() if v == item]:
        best = min(best, 1 + cost(source, stack))
    for ingredients, gives, _ in recipes_for(item):
        if any(wood in name for name in ingredients for wood in WOODS):
            continue
        best = min(best, 0.5 + sum(n * cost(i, stack) for i, n in ingredients.items()) / gives)
    return best


def how_to(item: str) -> Step:
    """The cheapest single way to get `item`: a mine, smelt or craft step for one batch."""
    options: list[tuple[float, Step]] = []
    for block in blocks_dropping(item):
        if block in natural_blocks():
            tools = sorted(harvest_tools(block), key=cost)
            ore = next((o for o in world()["ores"] if o["block"] == block), None)
            options.append((1.0, Step(task="mine", name=item, quantity=1, block=block, tool=tools[0] if tools else None,
                                      y_range=(ore["minY"], ore["maxY"]) if ore else None)))
    inputs = [k for k, v in smelting()["recipes"].items() if v == item]
    if inputs:
        source = min(inputs, key=cost)
        options.append((1 + cost(source), Step(task="smelt", name=item, quantity=1, material={source: 1},
                                               platform="furnace")))
    for ingredients, gives, big in recipes_for(item):
        value = 0.5 + sum(n * cost(i) for i, n in ingredients.items()) / gives
        options.append((value, Step(task="craft", name=item, quantity=gives, material=ingredients,
                                    platform="crafting_table" if big else None)))
    options = [o for o in options if o[0] < math.inf]
    if not options:
        raise ValueError(f"no way to obtain {item!r} in the bundled world")
    return min(options, key=lambda o: o[0])[1]


def expand(target: str, *, count: int = 1, inventory: dict[str, int] | None = None,
           placed: set[str] | frozenset[str] = frozenset(), fuel: str = "oak_planks") -> list[Step]:
    """Ordered sub-objectives to obtain `count` of `target` from `inventory` (default: empty), with the
    stations in `placed` (e.g. {"crafting_table"}) already standing within reach.

    Tools come before the mining that needs them and are kept; stations (crafting_table, furnace) are
    crafted, then placed once and assumed reachable; smelting burns `fuel`. Mine steps are merged per
    block and hoisted to just after their tool, so e.g. all logs are cut first.
    """
    have = dict(inventory or {})
    placed = set(placed)
    steps: list[Step] = []

    def need(item: str, amount: int, *, keep: bool) -> None:
        missing = amount - have.get(item, 0)
        if missing > 0:
            obtain(item, missing)
        if not keep:
            have[item] = have.get(item, 0) - amount

    def station(name: str) -> None:
        if name not in placed:
            need(name, 1, keep=False)
            steps.append(Step(task="place", name=name, quantity=1))
            placed.add(name)

    making: list[str] = []

    def obtain(item: str, amount: int) -> None:
        if item in making:
            raise ValueError(f"{item!r} needs itself: {' -> '.join(making + [item])}")
        making.append(item)
        how = how_to(item)
        if how.task == "mine":
            if how.tool:
                need(how.tool, 1, keep=True)
            steps.append(how.model_copy(update={"quantity": amount}))
            made = amount
        elif how.task == "smelt":
            station("furnace")
            source = next(iter(how.material))
            burns = math.ceil(amount * smelting()["cookTicks"] / smelting()["fuels"][fuel])
            need(source, amount, keep=False)
            need(fuel, burns, keep=False)
            steps.append(how.model_copy(update={"quantity": amount, "material": {source: amount, fuel: burns}}))
            made = amount
        else:
            times = math.ceil(amount / how.quantity)
            if how.platform:
                station(how.platform)
            for ingredient, n in how.material.items():
                need(ingredient, n * times, keep=False)
            made = times * how.quantity
            steps.append(how.model_copy(update={"quantity": made,
                                                "material": {k: v * times for k, v in how.material.items()}}))
        have[item] = have.get(item, 0) + made
        making.pop()

    need(target, count, keep=True)
    return _hoist_mining(steps)


def _hoist_mining(steps: list[Step]) -> list[Step]:
    """Merge mine steps per block and move each right after the step that provides its tool; merge
    back-to-back crafts of the same item."""
    out: list[Step] = []
    for step in steps:
        if step.task != "mine":
            last = out[-1] if out else None
            if last and step.task == last.task == "craft" and step.name == last.name:
                last.quantity += step.quantity
                last.material = {k: v + step.material.get(k, 0) for k, v in last.material.items()}
            else:
                out.append(step)
            continue
        same = next((s for s in out if s.task == "mine" and s.block == step.block), None)
        if same is not None:
            same.quantity += step.quantity
            continue
        provided = [i for i, s in enumerate(out) if s.task != "mine" and s.name == step.tool]
        at = (max(provided) + 1) if provided else 0
        while at < len(out) and out[at].task == "mine":
            at += 1
        out.insert(at, step.model_copy())
    return out
