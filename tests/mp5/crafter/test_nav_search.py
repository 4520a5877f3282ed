"""nav.search must settle cells exactly as the original heap Dijkstra did: paths, ties, `dist` values and even
the order of `dist` (frontier choice takes the first minimum) feed the agent's actions."""
import heapq
from types import SimpleNamespace

import numpy as np
import pytest

from agents.mp5.crafter import nav

INF = float("inf")


def reference(body, cost, *, goal=None, max_cost=INF):
    """The search as it was (commit 55c41f5)."""
    m = body.map
    o, w = m.origin, m.size
    start = (body.pos[1] + o) * w + body.pos[0] + o
    c = cost.ravel().tolist()
    g = set(np.flatnonzero(goal.ravel()).tolist()) if goal is not None else set()
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


def world(rng, size, values):
    cost = rng.choice(values, size=(size, size))
    pos = tuple(int(v) for v in rng.integers(-(size // 2), size - size // 2 + 1, 2))  # may start off the map
    return SimpleNamespace(map=SimpleNamespace(origin=size // 2, size=size), pos=pos), cost


@pytest.mark.parametrize("values", [[1.0, 1.0, 2.0, 3.0, INF], [1.0, 7.0, 4.0, INF, INF], [0.5, 1.25, 0.0, INF],
                                    [1.0, np.nan, 2.0, INF], "one negative cell"])
def test_search_settles_cells_like_the_heap_dijkstra(values):
    rng = np.random.default_rng(len(values))
    for trial in range(40):
        size = int(rng.integers(5, 40))
        if values == "one negative cell":  # the heap fallback (a lone negative cell makes no negative cycle)
            body, cost = world(rng, size, [1.0, 2.0, INF])
            cost[tuple(rng.integers(0, size, 2))] = -0.5
        else:
            body, cost = world(rng, size, values)
        goal = rng.random(cost.shape) < 0.01 if trial % 2 else None
        max_cost = [INF, 6.0, 30.0][trial % 3]
        got, want = nav.search(body, cost, goal=goal, max_cost=max_cost), reference(body, cost, goal=goal,
                                                                                    max_cost=max_cost)
        assert got[2] == want[2]
        assert list(got[0].items()) == list(want[0].items())
        assert list(got[1].items()) == list(want[1].items())
