"""Exploration and context skills: frontier exploration over the perceived map (biased toward where a target
tends to be), `find`, and `reach` for context tasks (adjacent to X, near Y, at day or night)."""
from __future__ import annotations

import numpy as np

from agents.mp5.crafter import nav
from agents.mp5.crafter.body import ID, Body
from agents.mp5.crafter.nav import hints

NIGHT_BELOW = 0.35
NEAR_RADIUS = 3


def _density(mask: np.ndarray, radius: int = 5) -> np.ndarray:
    """How many mask cells lie in the (2r+1)^2 window around each cell."""
    s = np.pad(mask.astype(np.int32), radius + 1).cumsum(0).cumsum(1)
    k = 2 * radius + 1
    return s[k:, k:] - s[:-k, k:] - s[k:, :-k] + s[:-k, :-k]


def frontier_path(body: Body, target: str | None = None) -> list[tuple[int, int]] | None:
    """Path to the best frontier (an unseen cell next to seen ground): near, and near materials where `target`
    tends to be. None when nothing reachable is left to see."""
    m = body.map
    unknown = m.ground < 0
    frontier = unknown & nav._grow(~unknown & (m.ground != ID["none"]))
    cost = nav.cost_map(body)
    cost[frontier & ~body.outside] = 2.0
    dist, prev, _ = nav.search(body, cost, max_cost=120)
    idx = np.fromiter(dist.keys(), np.int64)
    d = np.fromiter(dist.values(), float)
    keep = frontier.ravel()[idx]
    if not keep.any():
        return None
    idx, d = idx[keep], d[keep]
    for hint, sign in (("explore_near", -1.5), ("explore_away", 1.5)):
        materials = hints()[hint].get(target or "", [])
        if materials:
            d = d + sign * np.minimum(_density(nav._member(m.ground, materials)).ravel()[idx], 20)
    return nav.path_to(body, prev, int(idx[d.argmin()]))


def seen(body: Body, target: str) -> bool:
    return bool(body.percept.find(target))


def explore(body: Body, target: str | None = None, steps: int = 300):
    """Walk to frontiers for up to `steps` world steps, or until `target` is in view."""
    end = len(body.log) + int(steps)
    while len(body.log) < end:
        if target and seen(body, target):
            return True, f"{target} in view", {"at": body.percept.find(target)[0]}
        path = frontier_path(body, target)
        if path is None:
            if any(body.percept.find(c) for c in ("zombie", "skeleton", "cow")):
                body.act("noop")  # creatures in view are obstacles: the way out may just be blocked for now
                continue
            return (not target), "nothing left to explore", {}
        for cell in path[:10]:
            if not nav.step_into(body, cell) or (target and seen(body, target)) or len(body.log) >= end:
                break
    if target and seen(body, target):
        return True, f"{target} in view", {}
    return (not target), f"explored {steps} steps" + (f" without seeing {target}" if target else ""), {}


def find(body: Body, target: str):
    """Explore until `target` is in view (bounded by the skill's step cap)."""
    return explore(body, target=target, steps=10_000)


def _near_mask(body: Body, material: str) -> np.ndarray:
    """Cells within Manhattan distance NEAR_RADIUS of a known `material` cell."""
    mask = body.cells(material)
    for _ in range(NEAR_RADIUS):
        mask = nav._grow(mask)
    return mask


def context_holds(body: Body, adjacent: str | None, near: str | None, time: str | None) -> bool:
    p = body.percept
    if adjacent and not any(abs(dx) + abs(dy) == 1 for dx, dy in p.find(adjacent)):
        return False
    if near and not any(abs(dx) + abs(dy) <= NEAR_RADIUS for dx, dy in p.find(near)):
        return False
    return not time or (p.daylight < NIGHT_BELOW) == (time == "night")


def reach(body: Body, adjacent: str | None = None, near: str | None = None, time: str | None = None):
    """Satisfy context conditions together: stand next to `adjacent`, near `near`, at `time` (day/night)."""
    for _ in range(400):
        if context_holds(body, adjacent, near, time):
            return True, "context reached", {}
        if adjacent or near:
            goal = lambda: _goal(body, adjacent, near)
            if not goal().any() or not nav.go(body, goal, replan_every=2 if adjacent in nav.CREATURES | {"cow"} else 12,
                                              max_plans=30):
                want = adjacent if adjacent and not body.cells(adjacent).any() else \
                    near if near and not body.cells(near).any() else None
                explore(body, target=want, steps=60 if want else 20)
                continue
            if adjacent:
                dirs = nav.neighbour_dirs(body, lambda label: label == adjacent)
                if dirs and body.facing() != dirs[0] and adjacent not in nav.WALKABLE:
                    nav.turn(body, dirs[0])
        if time and (body.percept.daylight < NIGHT_BELOW) != (time == "night"):
            body.act("noop")
    return context_holds(body, adjacent, near, time), "context not reached", {}


def _goal(body: Body, adjacent: str | None, near: str | None) -> np.ndarray:
    mask = nav.adjacent_mask(body.cells(adjacent)) if adjacent else np.ones(body.map.ground.shape, bool)
    if near:
        mask &= _near_mask(body, near)
    return mask & nav._member(body.map.ground, nav.WALKABLE)
