"""attack(creature): hunt the nearest known creature (exploring where it lives when none is known), face it and
hit until it is gone. A kill is recognised from pixels: the faced creature vanished with none of its kind beside."""
from __future__ import annotations

from agents.mp5.crafter import nav
from agents.mp5.crafter.body import Body
from agents.mp5.crafter.skills.explore import explore

HUNTABLE = ("zombie", "skeleton", "cow")


def adjacent(body: Body, creature: str) -> list[tuple[int, int]]:
    return [(dx, dy) for dx, dy in body.percept.find(creature) if abs(dx) + abs(dy) == 1]


def hit(body: Body, creature: str) -> bool:
    """Face an adjacent `creature` and hit it once; True when that hit killed it."""
    near = adjacent(body, creature)
    if not near:
        return False
    d = body.facing() if body.facing() in near else near[0]  # the one faced first: no turn
    if body.facing() != d:
        body.act(nav.MOVE[d])
        if body.percept.facing_tile() != creature:
            return False
    body.act("do")
    return body.percept.facing_tile() != creature and not any(
        abs(dx - d[0]) + abs(dy - d[1]) <= 1 for dx, dy in body.percept.find(creature))


def chase(body: Body, creature: str, *, max_plans: int = 40) -> bool:
    """Get next to the nearest known `creature` (re-planning as it moves)."""
    return nav.go(body, lambda: nav.adjacent_mask(body.cells(creature)), replan_every=2, max_plans=max_plans,
                  stop=lambda: bool(adjacent(body, creature)), max_cost=60) or bool(adjacent(body, creature))


def attack(body: Body, creature: str, *, rounds: int = 120):
    """Find and defeat one `creature` (zombie, skeleton, cow)."""
    if creature not in HUNTABLE:
        raise ValueError(f"cannot attack {creature!r}; choose one of {', '.join(HUNTABLE)}")
    for _ in range(rounds):
        if adjacent(body, creature):
            if hit(body, creature):
                return True, f"defeated a {creature}", {}
            continue
        if body.percept.find(creature) or body.cells(creature).any():
            if chase(body, creature):
                continue
        explore(body, target=creature, steps=60)
    return False, f"no {creature} defeated", {}
