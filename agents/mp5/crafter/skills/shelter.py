"""Building with stone around the player or a plant. Crafter only lets the player face a free cell by moving into its
direction, so a sleeping pocket is two cells in a line: walk in, step back (now facing the entrance), seal it.
A plant grows only while the player is near and dies when a creature stands next to it, so it is walled in."""
from __future__ import annotations

import numpy as np

from agents.mp5.crafter import nav
from agents.mp5.crafter.body import DIRS, ID, MOVE, Body
from agents.mp5.crafter.skills.gather import collect

POCKET_COST = 30
SEAL_COST = 8.0
RIPE_WAIT = 1200
CREATURE_WAIT = 6


def _at(a: np.ndarray, d: tuple[int, int]) -> np.ndarray:
    """a shifted so that result[y, x] = a[y + dy, x + dx]."""
    return np.roll(a, (-d[1], -d[0]), axis=(0, 1))


def _masks(body: Body):
    g, top = body.map.ground, body.map.top
    walkable = nav._member(g, nav.WALKABLE)
    walk = walkable & nav._member(top, nav.WALKABLE | {"player"})
    dig = nav._member(g, nav.diggable(body) - {"tree"})
    solid = (g >= 0) & ~walkable & (g != ID["lava"])
    return walk, dig, solid | nav._member(top, ("plant", "table", "furnace"))


def place_at(body: Body, cell: tuple[int, int], item: str, *, avoid: set | None = None, keep=()) -> bool:
    """Place `item` on `cell` from a neighbour, entering that neighbour so the player faces `cell`; the way there
    never enters `keep`."""
    free = body.view_label(cell) in nav.WALKABLE
    for d in sorted(DIRS.values(), key=lambda d: abs(cell[0] - d[0] - body.pos[0]) + abs(cell[1] - d[1] - body.pos[1])):
        n = (cell[0] - d[0], cell[1] - d[1])
        stand = (n[0] - d[0], n[1] - d[1]) if free else n
        if avoid and (n in avoid or stand in avoid) or body.view_label(n) not in nav.WALKABLE | {"player"}:
            continue
        if not _go_to(body, stand, keep):
            continue
        if free and not (nav.step_into(body, n) and body.facing() == d) or not free and not nav.turn(body, d):
            continue
        before = body.obs.inventory.get(item, 0) if item != "plant" else body.obs.inventory.get("sapling", 0)
        body.act(f"place_{item}")
        after = body.obs.inventory.get(item, 0) if item != "plant" else body.obs.inventory.get("sapling", 0)
        if after < before:
            return True
    return False


def _go_to(body: Body, cell: tuple[int, int], keep=()) -> bool:
    o = body.map.origin
    mask = np.zeros(body.map.ground.shape, bool)
    mask[cell[1] + o, cell[0] + o] = True
    return nav.go(body, lambda: mask, max_plans=6, max_cost=60, keep=keep) and body.pos == cell


def seal(body: Body, *, reach: int = POCKET_COST) -> bool:
    """Walk into the cheapest nearby two-cell pocket (walls placed with stone where missing) and close it."""
    if _sealed(body):
        return True
    walk, dig, solid = _masks(body)
    stones = body.obs.inventory.get("stone", 0)
    best, o, (px, py) = None, body.map.origin, body.pos
    # A pocket cell x with entrance x - d farther than `reach` (Manhattan) from the player never qualifies, so
    # only map rows and columns within reach + 1 of it are scored (in map order, as over the whole map). Offsets
    # reach 2 cells: the window is cut with a margin of 2, wrapping at the map edges as np.roll does.
    (y0, y1), (x0, x1) = ((max(0, c + o - reach - 1), min(n, c + o + reach + 2)) for c, n in zip((py, px), walk.shape))
    cut = np.ix_(np.arange(y0 - 2, y1 + 2) % walk.shape[0], np.arange(x0 - 2, x1 + 2) % walk.shape[1])
    walk, dig, solid = walk[cut], dig[cut], solid[cut]

    def at(a, e):
        return a[2 + e[1]: 2 + e[1] + y1 - y0, 2 + e[0]: 2 + e[0] + x1 - x0]

    for d in DIRS.values():
        p = (-d[1], d[0])
        inner = (at(walk, (0, 0)) | at(dig, (0, 0))) & (at(walk, d) | at(dig, d)) & at(walk, (-d[0], -d[1]))
        offsets = [p, (-p[0], -p[1]), (d[0] + p[0], d[1] + p[1]), (d[0] - p[0], d[1] - p[1]), (2 * d[0], 2 * d[1])]
        openings = sum((~at(solid, e) & at(walk, e)).astype(int) for e in offsets)
        blocked = np.logical_or.reduce([~at(solid, e) & ~at(walk, e) for e in offsets])
        digs = at(dig, (0, 0)).astype(int) + at(dig, d).astype(int)
        ok = inner & ~blocked & (openings <= stones) & (openings + 1 <= stones + digs)
        ys, xs = np.nonzero(ok)
        x, y, n = xs + x0 - o, ys + y0 - o, openings[ys, xs]
        cost = abs(x - d[0] - px) + abs(y - d[1] - py) + SEAL_COST * n
        near = np.flatnonzero(cost <= reach + SEAL_COST * n)
        if not len(near):
            continue
        i = near[cost[near].argmin()]  # the first cheapest in map order, as a scan keeping strict improvements
        if best is None or cost[i] < best[0]:
            c = (int(x[i]), int(y[i]))
            best = (cost[i], c, d, [(c[0] + e[0], c[1] + e[1]) for e in offsets])
    if best is None:
        return False
    _, x, d, walls = best
    x2 = (x[0] + d[0], x[1] + d[1])
    keep = {*walls, x, x2}  # the ways there must not tunnel through the walls (or in from the far side)
    for c in walls:
        for _ in range(CREATURE_WAIT):  # a creature standing on a wall cell would leave it open: wait it out
            if body.view_label(c) not in nav.CREATURES:
                break
            body.act("noop")  # the guard fights it when it is a zombie beside the player
        label = body.view_label(c)
        if label in nav.CREATURES or label in nav.WALKABLE and not place_at(body, c, "stone", avoid={x, x2}, keep=keep):
            return False
    entrance = (x[0] - d[0], x[1] - d[1])
    if not _go_to(body, entrance, keep) or not nav.step_into(body, x) or not nav.step_into(body, x2):
        return False
    body.act(MOVE[(-d[0], -d[1])])
    if body.pos != x or body.percept.facing_tile() not in nav.WALKABLE:
        return False
    body.act("place_stone")
    return _sealed(body)


def _sealed(body: Body) -> bool:
    """No creature can reach the player: the walkable region around it is closed and tiny."""
    seen, todo = {body.pos}, [body.pos]
    while todo:
        c = todo.pop()
        for d in DIRS.values():
            n = (c[0] + d[0], c[1] + d[1])
            if n not in seen and body.view_label(n) in nav.WALKABLE | nav.CREATURES:
                seen.add(n)
                todo.append(n)
                if len(seen) > 3:
                    return False
    return True


def ripe(body: Body) -> list[tuple[int, int]]:
    """Offsets of ripe plants in view (the ripe texture, read from pixels)."""
    names = body.vision.tiles(body.raw.frame)[2]  # the pixels of obs.image, without building the image
    return [(c - 4, r - 3) for r, row in enumerate(names) for c, name in enumerate(row) if name == "plant-ripe"]


def eat_plant(body: Body):
    """Eat a ripe plant: plant a sapling walled in with stone, stay near while it grows, then open and eat it."""
    food = body.vital("food")
    plant = _planted(body)
    if plant is None:
        if not body.has("sapling"):
            collect(body, "grass", 1)
        if body.has("wood_pickaxe") and not body.has("stone", 4):
            collect(body, "stone", 4)
        plant = _plant_protected(body)
        if plant is None:
            return False, "could not plant a sapling", {}
    q = plant
    for _ in range(RIPE_WAIT // 10):
        if any((body.pos[0] + dx, body.pos[1] + dy) == q for dx, dy in ripe(body)):
            break
        if body.view_label(q) != "plant":
            return False, "the plant was eaten", {}
        if abs(q[0] - body.pos[0]) > 4 or abs(q[1] - body.pos[1]) > 3:
            nav.go(body, lambda: _near(body, q), max_plans=6)
        for _ in range(10):
            body.act("noop")
    else:
        return False, "the plant did not ripen in time", {}
    for e in DIRS.values():
        p = (q[0] + e[0], q[1] + e[1])
        if body.view_label(p) == "stone" and body.has("wood_pickaxe"):
            if not nav.go(body, lambda: nav.adjacent_mask(_cell_mask(body, p)) & ~_cell_mask(body, q), max_plans=6):
                continue
            nav.turn(body, (p[0] - body.pos[0], p[1] - body.pos[1]))
            body.act("do")
        if body.view_label(p) in nav.WALKABLE and _go_to(body, p):
            nav.turn(body, (-e[0], -e[1]))
            body.act("do")
            if body.vital("food") > food or body.view_label(q) != "plant":
                return True, "ate the plant", {}
    return False, "could not reach the ripe plant", {}


def _cell_mask(body: Body, cell) -> np.ndarray:
    o = body.map.origin
    mask = np.zeros(body.map.ground.shape, bool)
    mask[cell[1] + o, cell[0] + o] = True
    return mask


def _near(body: Body, cell) -> np.ndarray:
    mask = _cell_mask(body, cell)
    for _ in range(3):
        mask = nav._grow(mask)
    return mask & np.isin(body.map.ground, [ID[w] for w in nav.WALKABLE])


def _planted(body: Body) -> tuple[int, int] | None:
    """The nearest remembered plant (from the map, so a replayed session finds the same one)."""
    found = body.map.nearest("plant")
    return None if found is None else (body.pos[0] + found[0], body.pos[1] + found[1])


def _plant_protected(body: Body):
    """Choose a grass cell Q with a standable neighbour P, wall Q's other sides, plant Q from P, seal P."""
    walk, _, solid = _masks(body)
    grass = (body.map.ground == ID["grass"]) & (body.map.top == ID["grass"])
    best = None
    o = body.map.origin
    for d in DIRS.values():
        behind = _at(walk, (-d[0], -d[1]))
        stand = _at(walk, (-2 * d[0], -2 * d[1]))
        ok = grass & behind & stand
        ys, xs = np.nonzero(ok)
        for x, y in zip(xs - o, ys - o):
            opened = sum(not solid[y + o + e[1], x + o + e[0]] for e in DIRS.values() if e != (-d[0], -d[1]))
            cost = abs(x - body.pos[0]) + abs(y - body.pos[1]) + 4 * opened
            if best is None or cost < best[0]:
                best = (cost, (int(x), int(y)), d)
    if best is None:
        return None
    _, q, d = best
    p = (q[0] - d[0], q[1] - d[1])
    for e in DIRS.values():
        c = (q[0] + e[0], q[1] + e[1])
        if c != p and body.view_label(c) in nav.WALKABLE and body.has("stone"):
            place_at(body, c, "stone", avoid={q})
    if not place_at(body, q, "plant", avoid={q}):
        return None
    if body.has("stone"):
        body.act(MOVE[(-d[0], -d[1])])
        place_at(body, p, "stone", avoid={q})
    return q
