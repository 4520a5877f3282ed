"""Path planning over the perceived map: Dijkstra on walkable cells, tunnelling through what the held tools can mine,
bridging water with a stone mined back to path, never into lava, with creatures in view as obstacles. Paths are
followed until they stop being valid."""
from __future__ import annotations

import functools
import heapq
from pathlib import Path
from typing import Callable, Collection

import numpy as np
import yaml

from agents.mp5.crafter.body import DIRS, ID, MOVE, Body
from environments.knowledge import crafter as tech

WALKABLE = set(tech.rules()["walkable"])
CREATURES = {"cow", "zombie", "skeleton", "arrow", "player"}
INF = float("inf")
BRIDGED = set(tech.rules()["place"]["stone"]["where"]) - WALKABLE - {"lava"}
BRIDGE = 5.0
"""Path cost of crossing a water cell (place stone, mine it, step: 3-4 actions), above digging so that paths keep
to land unless the way round is long."""
Goal = Callable[[], np.ndarray]


@functools.cache
def hints() -> dict:
    """Crafter play hints (hints.yaml): data the tech tree does not state."""
    return yaml.safe_load((Path(__file__).parent / "hints.yaml").read_text())


def diggable(body: Body) -> set[str]:
    """Materials the held tools can mine into a walkable cell (the collect rules' require/leaves)."""
    out = set()
    for material, rule in tech.rules()["collect"].items():
        if material not in WALKABLE and rule["leaves"] in WALKABLE and all(body.has(k, v) for k, v in rule["require"].items()):
            out.add(material)
    return out


def bridgeable(body: Body) -> set[str]:
    """Cells crossed by placing a stone and mining it back to path (water; never lava): when a stone is held and
    the held tools mine it."""
    return BRIDGED if body.has("stone") and "stone" in diggable(body) else set()


def _grow(mask: np.ndarray) -> np.ndarray:
    out = mask.copy()
    out[1:] |= mask[:-1]
    out[:-1] |= mask[1:]
    out[:, 1:] |= mask[:, :-1]
    out[:, :-1] |= mask[:, 1:]
    return out


def _roll(mask: np.ndarray, shift: int, axis: int) -> np.ndarray:
    """`np.roll(mask, shift, axis)` for a shift of one cell on a 2-D array, by two slice copies (np.roll took 8x as
    long on the map's rows)."""
    out = np.empty_like(mask)
    a, b = (slice(1, None), slice(None, -1)) if shift == 1 else (slice(None, -1), slice(1, None))
    first, last = (0, -1) if shift == 1 else (-1, 0)
    if axis == 0:
        out[a], out[first] = mask[b], mask[last]
    else:
        out[:, a], out[:, first] = mask[:, b], mask[:, last]
    return out


def _member(ids: np.ndarray, names) -> np.ndarray:
    """`np.isin(ids, [ID[n] for n in names])` by one comparison per name: for the few names asked (walkable,
    diggable, stations) 5x faster on the 145x145 map than a lookup table indexed by the int16 ids."""
    out = np.zeros(ids.shape, bool)
    for name in names:
        out |= ids == ID[name]
    return out


def cost_map(body: Body, *, unknown: float = INF, dig: float = 3.0, bridge: float = BRIDGE,
             wary: bool = True) -> np.ndarray:
    """Cost of entering each map cell [y, x]; inf where the player must not or cannot go. `wary`: while zombies
    spawn (crafter keeps int(3.5 - 3 * daylight) of them in each grassy chunk: none only above 0.83 daylight),
    grass costs more, so that ways keep to sand, paths and tunnels where they are not much longer."""
    m = body.map
    ground = m.ground
    # The ground terms as one lookup by material id (walkable, diggable and unseen are disjoint); mode="wrap" sends
    # the unseen id -1 to the last entry. Three masks and their assignments took twice as long.
    terms = np.full(len(ID) + 1, INF)
    terms[[ID[name] for name in WALKABLE]] = 1.0
    terms[[ID[name] for name in diggable(body)]] = dig
    terms[[ID[name] for name in bridgeable(body)]] = bridge
    terms[-1] = unknown
    wary_of = hints()["wary"]
    if wary and body.percept.daylight < wary_of["below"]:
        terms[ID["grass"]] += wary_of["grass"]
    cost = terms.take(ground, mode="wrap")
    static = _member(m.top, ("plant", "table", "furnace"))
    cost[static] = INF
    lava = ground == ID["lava"]
    if lava.any():  # rarely mapped: the masks below are empty otherwise
        cost[lava] = INF
        cost[_grow(lava) & ~lava] += 6.0
    cost[body.outside] = INF
    px, py = body.pos
    for dy, row in enumerate(body.percept.grid):
        for dx, label in enumerate(row):
            if label in CREATURES and (dx, dy) != (4, 3):
                y, x = py + dy - 3 + m.origin, px + dx - 4 + m.origin
                cost[y, x] = INF
                if label in ("skeleton", "zombie"):
                    cost[y - 4: y + 5, x] += 3.0
                    cost[y, x - 4: x + 5] += 3.0
    return cost


def search(body: Body, cost: np.ndarray, *, goal: np.ndarray | None = None, max_cost: float = INF):
    """Dijkstra from the player over `cost` (flat indices). Stops at the first goal cell popped (if a goal is
    given) and returns (dist, prev, reached flat index or None).

    Cells are settled in (distance, index) order with neighbours relaxed left, right, up, down: ties, the
    order of `dist` and the paths depend on it. With costs >= 0 this is done with one bucket of indices per
    distinct distance (a heap of the few distances, a heap of indices within one), which is faster than one
    heap of (distance, index) pairs and settles cells in exactly the same order."""
    m = body.map
    o, w = m.origin, m.size
    start = (body.pos[1] + o) * w + body.pos[0] + o
    flat = cost.ravel()
    c = memoryview(np.ascontiguousarray(flat, dtype=float))  # floats read one by one: tolist() cost 40% of a search
    g = set(np.flatnonzero(goal.ravel()).tolist()) if goal is not None else set()
    n = len(c)
    if flat.min() < 0 or not 0 <= start < n:
        return _search_heap(start, c, w, g, max_cost)
    dist, prev = {start: 0.0}, {}
    pop, push, known, last = heapq.heappop, heapq.heappush, dist.get, w - 1
    keys, buckets = [0.0], {0.0: [start]}
    while keys:
        d = pop(keys)
        todo = buckets.pop(d)
        heapq.heapify(todo)
        while todo:
            i = pop(todo)
            if d > dist[i]:
                continue
            if i in g:
                return dist, prev, i
            if d > max_cost:
                return dist, prev, None
            x = i % w
            for j in (i - 1 if x > 0 else -1, i + 1 if x < last else -1, i - w, i + w):
                if 0 <= j < n:
                    nd = d + c[j]
                    if nd < known(j, INF):
                        dist[j] = nd
                        prev[j] = i
                        if nd == d:
                            push(todo, j)
                        elif nd in buckets:
                            buckets[nd].append(j)
                        else:
                            buckets[nd] = [j]
                            push(keys, nd)
    return dist, prev, None


def _search_heap(start: int, c: list[float], w: int, g: set[int], max_cost: float):
    """The same search with one heap of (distance, index) pairs (negative costs, or a start off the map)."""
    dist, prev = {start: 0.0}, {}
    heap = [(0.0, start)]
    while heap:
        d, i = heapq.heappop(heap)
        if d > dist[i]:
            continue
        if i in g:
            return dist, prev, i
        if d > max_cost:
            break
        x = i % w
        for j in (i - 1 if x > 0 else -1, i + 1 if x < w - 1 else -1, i - w, i + w):
            if 0 <= j < len(c):
                nd = d + c[j]
                if nd < dist.get(j, INF):
                    dist[j], prev[j] = nd, i
                    heapq.heappush(heap, (nd, j))
    return dist, prev, None


def path_to(body: Body, prev: dict[int, int], i: int) -> list[tuple[int, int]]:
    """World cells from the player (excluded) to flat index i."""
    o, w = body.map.origin, body.map.size
    start = (body.pos[1] + o) * w + body.pos[0] + o
    out = []
    while i != start:
        out.append((i % w - o, i // w - o))
        i = prev[i]
    return out[::-1]


def plan(body: Body, goal: np.ndarray, *, cost: np.ndarray | None = None, max_cost: float = INF,
         unknown: float = INF) -> list[tuple[int, int]] | None:
    """Cheapest path (world cells, start excluded) from the player to any goal cell; [] if already there."""
    if not goal.any():
        return None
    cost = cost_map(body, unknown=unknown) if cost is None else cost
    _, prev, hit = search(body, cost, goal=goal, max_cost=max_cost)
    return None if hit is None else path_to(body, prev, hit)


def adjacent_mask(targets: np.ndarray, *, station: bool = False) -> np.ndarray:
    """Cells next to a target: its 4-neighbours (to face it), or its 3x3 ring (`station`: crafting reach)."""
    if not station:
        return _grow(targets) & ~targets
    rows = targets | _roll(targets, 1, 0) | _roll(targets, -1, 0)  # the 3x3 union of rolls, one axis at a time
    return (rows | _roll(rows, 1, 1) | _roll(rows, -1, 1)) & ~targets


def turn(body: Body, d: tuple[int, int]) -> bool:
    """Face direction d; only safe when the cell ahead is not free to walk into."""
    if body.facing() != d:
        body.act(MOVE[d])
    return body.facing() == d


def face_free(body: Body, d: tuple[int, int]) -> bool:
    """Face a free walkable neighbour without ending elsewhere: step back and forward again."""
    if body.facing() == d:
        return True
    back = (body.pos[0] - d[0], body.pos[1] - d[1])
    if body.view_label(back) not in WALKABLE:
        return False
    here = body.pos
    body.act(MOVE[(-d[0], -d[1])])
    if body.pos != back:
        return body.facing() == d
    body.act(MOVE[d])
    return body.pos == here and body.facing() == d


def step_into(body: Body, cell: tuple[int, int], *, fight: bool = True) -> bool:
    """Move one cell (adjacent), mining it first when it is diggable. False when blocked (caller replans)."""
    d = (cell[0] - body.pos[0], cell[1] - body.pos[1])
    label = body.view_label(cell)
    if label in ("zombie", "skeleton") and fight:
        turn(body, d)
        body.act("do")
        return False
    if label in CREATURES:
        body.act("noop")
        return False
    if label in BRIDGED and bridgeable(body):
        turn(body, d)
        body.act("place_stone")
        label = body.view_label(cell)
    if label not in WALKABLE and label is not None:
        if label not in diggable(body):
            return False
        for _ in range(3):
            turn(body, d)  # again each time: the guard may have turned the player to fight
            body.act("do")
            if body.view_label(cell) in WALKABLE:
                break
        else:
            return False
    if body.view_label(cell) == "lava":
        return False
    body.act(MOVE[d])
    return body.pos == cell


def go(body: Body, goal: Goal, *, unknown: float = INF, replan_every: int = 12, max_plans: int = 200,
       stop: Callable[[], bool] | None = None, max_cost: float = INF, keep: Collection[tuple[int, int]] = ()) -> bool:
    """Walk (and tunnel) until standing on a goal cell; False when no path is known or `stop()` says so. Paths
    never enter the cells in `keep` (walls being built: a way to a pocket's entrance tunnelled through its wall)."""
    fails = 0
    for _ in range(max_plans):
        mask = goal()
        o = body.map.origin
        if mask[body.pos[1] + o, body.pos[0] + o]:
            return True
        cost = None
        if keep:
            cost = cost_map(body, unknown=unknown)
            for x, y in keep:
                cost[y + o, x + o] = INF
        path = plan(body, mask, cost=cost, unknown=unknown, max_cost=max_cost)
        if path is None:
            return False
        for cell in path[:replan_every]:
            if stop is not None and stop():
                return False
            if not step_into(body, cell):
                fails += 1
                break
        if fails > 25:
            return False
    return False


def neighbour_dirs(body: Body, pred: Callable[[str | None], bool]) -> list[tuple[int, int]]:
    """Directions whose neighbouring cell's label satisfies `pred`, the facing one first."""
    dirs = sorted(DIRS.values(), key=lambda d: d != body.facing())
    return [d for d in dirs if pred(body.view_label((body.pos[0] + d[0], body.pos[1] + d[1])))]
