"""Crafter's tech tree, loaded from crafter's own data.yaml (never retyped), with planner queries."""
from __future__ import annotations

import functools
import pathlib
from typing import Literal

import crafter
import yaml
from pydantic import BaseModel, Field

DATA_PATH = pathlib.Path(crafter.__file__).parent / "data.yaml"


class Recipe(BaseModel):
    """How one thing is obtained: collected from a material, placed into the world, or made at stations."""

    kind: Literal["collect", "place", "make"]
    name: str
    """What is obtained: an item (wood, wood_pickaxe) or a placed thing (table, plant)."""
    action: str
    """The Crafter action performing it: `do`, `place_<name>` or `make_<name>`."""
    material: str | None = None
    """For collect: the material to face (tree gives wood, water gives drink)."""
    requires: dict[str, int] = Field(default_factory=dict)
    """Tools that must be held and are not consumed."""
    uses: dict[str, int] = Field(default_factory=dict)
    """Items consumed per action."""
    nearby: list[str] = Field(default_factory=list)
    """Materials that must be within reach (table, furnace)."""
    where: list[str] = Field(default_factory=list)
    """For place: materials the target cell may hold."""
    gives: int = 1
    probability: float = 1.0


class Step(BaseModel):
    """One line of a plan: perform `action` `count` times (collect steps: until `count` items are gained)."""

    kind: Literal["collect", "place", "make"]
    name: str
    count: int
    action: str
    material: str | None = None
    requires: dict[str, int] = Field(default_factory=dict)
    nearby: list[str] = Field(default_factory=list)


@functools.cache
def rules() -> dict:
    """The raw data.yaml of the installed crafter (actions, materials, items, collect, place, make...)."""
    return yaml.safe_load(DATA_PATH.read_text())


def actions() -> list[str]:
    return list(rules()["actions"])


def achievements() -> list[str]:
    return list(rules()["achievements"])


def recipes() -> list[Recipe]:
    """Every collect/place/make rule as a `Recipe`."""
    data, out = rules(), []
    for material, rule in data["collect"].items():
        for item, amount in rule["receive"].items():
            out.append(Recipe(kind="collect", name=item, action="do", material=material,
                              requires=rule.get("require", {}), gives=amount,
                              probability=rule.get("probability", 1.0)))
    for name, rule in data["place"].items():
        out.append(Recipe(kind="place", name=name, action=f"place_{name}", uses=rule.get("uses", {}),
                          where=rule.get("where", []), nearby=rule.get("nearby", [])))
    for name, rule in data["make"].items():
        out.append(Recipe(kind="make", name=name, action=f"make_{name}", uses=rule.get("uses", {}),
                          nearby=rule.get("nearby", []), gives=rule.get("gives", 1)))
    return out


def how_to(target: str) -> Recipe:
    """The recipe for a target given as an item (`wood_pickaxe`), a placeable (`table`) or an
    achievement (`collect_diamond`, `place_stone`, `make_iron_sword`). Items win over placeables."""
    kind, _, name = target.partition("_")
    if kind in ("collect", "place", "make") and name:
        found = [r for r in recipes() if r.kind == kind and r.name == name]
    else:
        found = [r for r in recipes() if r.name == target and r.kind != "place"]
        found = found or [r for r in recipes() if r.name == target]
    if not found:
        raise ValueError(f"no collect/place/make rule for {target!r}")
    return found[0]


def expand(target: str, *, count: int = 1, inventory: dict[str, int] | None = None) -> list[Step]:
    """Ordered prerequisite steps to obtain `count` of `target` from `inventory` (default: empty).

    Tools and stations come before what needs them; collect steps are merged and hoisted to just
    after the tools they need, so e.g. all wood is gathered first. Placed stations are assumed to
    stay reachable (one table, one furnace).
    """
    have = dict(inventory or {})
    placed: set[str] = set()
    steps: list[Step] = []

    def obtain(recipe: Recipe, times: int) -> None:
        for tool, amount in recipe.requires.items():
            need(tool, amount, keep=True)
        for station in recipe.nearby:
            if station not in placed:
                obtain(how_to(f"place_{station}"), 1)
        for item, amount in recipe.uses.items():
            need(item, amount * times, keep=False)
        steps.append(Step(kind=recipe.kind, name=recipe.name, count=times * recipe.gives,
                          action=recipe.action, material=recipe.material,
                          requires=recipe.requires, nearby=recipe.nearby))
        if recipe.kind == "place":
            placed.add(recipe.name)
        else:
            have[recipe.name] = have.get(recipe.name, 0) + times * recipe.gives

    def need(item: str, amount: int, *, keep: bool) -> None:
        missing = amount - have.get(item, 0)
        if missing > 0:
            recipe = how_to(item)
            obtain(recipe, -(-missing // recipe.gives))
        if not keep:
            have[item] = have.get(item, 0) - amount

    recipe = how_to(target)
    if recipe.kind == "place":
        obtain(recipe, count)
    else:
        need(recipe.name, count, keep=True)
    return _hoist_collects(steps)


def _hoist_collects(steps: list[Step]) -> list[Step]:
    """Merge collect steps per item and move each right after the last step providing its tools."""
    out: list[Step] = []
    for step in steps:
        if step.kind != "collect":
            out.append(step)
            continue
        same = next((s for s in out if s.kind == "collect" and s.name == step.name), None)
        if same is not None:
            same.count += step.count
            continue
        provided = [i for i, s in enumerate(out) if s.kind != "collect" and s.name in step.requires]
        at = (max(provided) + 1) if provided else 0
        while at < len(out) and out[at].kind == "collect":
            at += 1
        out.insert(at, step.model_copy())
    return out
