"""place(item) and make(item). Stations (table, furnace) are placed where the other known stations stay within
crafting reach; `make` walks to a spot with every needed station in reach, or places what it can afford."""
from __future__ import annotations

import numpy as np

from agents.mp5.crafter import nav
from agents.mp5.crafter.body import ID, Body
from agents.mp5.crafter.nav import hints
from agents.mp5.crafter.skills.gather import collect
from environments.knowledge import crafter as tech

STATION_WALK = 40
"""Walk back to known stations up to this path cost; farther ones are replaced when materials allow."""


def _stations() -> list[str]:
    """Stations in a fixed order (a set of strings would iterate differently in every process)."""
    return sorted({s for r in tech.recipes() for s in r.nearby})


def in_reach(body: Body, station: str) -> bool:
    """Whether `station` is within crafting reach (the 3x3 around the player), from the current frame."""
    return any(max(abs(dx), abs(dy)) <= 1 for dx, dy in body.percept.find(station))


def _spot(body: Body, stations: list[str]) -> np.ndarray:
    """Standable cells with every known station of `stations` in reach."""
    mask = np.isin(body.map.ground, [ID[w] for w in nav.WALKABLE])
    for s in stations:
        mask &= nav.adjacent_mask(body.cells(s), station=True)
    return mask


def place(body: Body, item: str):
    """Place `item` on a valid cell the player faces (moving a little to find one)."""
    recipe = tech.how_to(f"place_{item}")
    lacking = {k: v for k, v in recipe.uses.items() if not body.has(k, v)}
    if lacking:
        return False, f"placing {item} needs " + ", ".join(f"{v} {k}" for k, v in lacking.items()), {"missing": lacking}
    others = [s for s in _stations() if s != item and body.cells(s).any()] if item in _stations() else []
    if others and not all(in_reach(body, s) for s in others):
        nav.go(body, lambda: _spot(body, others), max_cost=STATION_WALK, max_plans=6)
    # Stations in reach now stay in reach when the item is placed beside the player, so that one cell reaches them
    # all (a furnace placed two cells beyond the table left none, and `make` walked between the two).
    keep = [s for s in others if in_reach(body, s)]
    for _ in range(30):
        if not all(in_reach(body, s) for s in keep):
            if not nav.go(body, lambda: _spot(body, keep), max_cost=STATION_WALK, max_plans=3):
                keep = []
            continue
        if _place_here(body, item, recipe.where):
            return True, f"placed {item}", {}
        # Other valid neighbours, but never lava: turning toward it is a step into it.
        dirs = [d for d in nav.neighbour_dirs(body, lambda label: label in recipe.where and label != "lava")
                if d != body.facing()]
        if any(_face(body, d) for d in dirs):
            continue
        if dirs:  # no neighbour can be faced from here: step onto one and look again
            body.act(nav.MOVE[dirs[0]])
            continue
        valid = np.isin(body.map.top, [ID[w] for w in recipe.where])
        if not nav.go(body, lambda: nav.adjacent_mask(valid) & nav._grow(nav.adjacent_mask(valid)), max_plans=5):
            free = nav.neighbour_dirs(body, lambda label: label in nav.WALKABLE)
            body.act(nav.MOVE[free[0]] if free else "noop")
    return False, f"found no valid cell to place {item}", {}


def _face(body: Body, d: tuple[int, int]) -> bool:
    """Face the neighbour in direction d without leaving the cell."""
    label = body.view_label((body.pos[0] + d[0], body.pos[1] + d[1]))
    return nav.face_free(body, d) if label in nav.WALKABLE else nav.turn(body, d)


def _place_here(body: Body, item: str, where: list[str]) -> bool:
    if body.percept.facing_tile() not in where:
        return False
    before = body.obs.inventory.copy()
    body.act(f"place_{item}")
    return body.obs.inventory != before


def make(body: Body, item: str):
    """Make `item` at its stations: reach them (or place them), then craft."""
    recipe = tech.how_to(f"make_{item}")
    lacking = {k: v for k, v in recipe.uses.items() if not body.has(k, v)}
    if lacking:
        return False, f"making {item} needs " + ", ".join(f"{v} {k}" for k, v in lacking.items()), {"missing": lacking}
    ok, why = ensure_stations(body, recipe.nearby, reserve=recipe.uses)
    if not ok:
        return False, why, {}
    before = body.obs.inventory.get(item, 0)
    body.act(f"make_{item}")
    if body.obs.inventory.get(item, 0) > before:
        for extra in hints()["make_extras"].get(item, []):
            rule = tech.how_to(f"make_{extra}")
            if not body.has(extra) and all(body.has(k, v) for k, v in rule.uses.items()) and \
                    all(in_reach(body, s) for s in rule.nearby):
                body.act(f"make_{extra}")
        return True, f"made {item}", {}
    return False, f"make_{item} had no effect", {}


def ensure_stations(body: Body, stations: list[str], *, reserve: dict[str, int]) -> tuple[bool, str]:
    """Get every station in reach: walk to a known spot, else place affordable ones, else fetch materials."""
    for _ in range(8):
        missing = [s for s in stations if not in_reach(body, s)]
        if not missing:
            return True, "stations in reach"
        known = [s for s in stations if body.cells(s).any()]
        if len(known) == len(stations) and nav.go(body, lambda: _spot(body, stations), max_cost=STATION_WALK,
                                                   max_plans=8) and not any(not in_reach(body, s) for s in stations):
            continue
        station = missing[0]
        uses = tech.how_to(f"place_{station}").uses
        if all(body.has(k, v + reserve.get(k, 0)) for k, v in uses.items()):
            place(body, station)
            continue
        if body.cells(station).any() and nav.go(body, lambda: _spot(body, [station] + [
                s for s in stations if s != station and in_reach(body, s)]), max_plans=20):
            continue
        for material, need in uses.items():
            have = body.obs.inventory.get(material, 0)
            collect(body, material, need + reserve.get(material, 0))
            if body.obs.inventory.get(material, 0) <= have:
                return False, f"could not gather {material} for a {station}"
    missing = [s for s in stations if not in_reach(body, s)]
    return not missing, "stations in reach" if not missing else f"no {', '.join(missing)} in reach"
