"""Survival reflexes in the real game, with creatures put in place through crafter's own world API."""
import numpy as np
import pytest
from crafter import objects

from agents.mp5.crafter import CrafterWorld
from agents.mp5.crafter.skills.survive import guard


def _arrow_at_the_player(seed: int = 1):
    """A fresh world with the cells around the player cleared to grass and an arrow two cells to its right,
    flying at it; returns (world, crafter env, player)."""
    w = CrafterWorld(seed=seed, record=False)
    w.obs  # noqa: B018  (the world resets on first use)
    env = w.body.raw._env
    player = env._player
    x, y = (int(v) for v in player.pos)
    for dx, dy in [(1, 0), (2, 0), (3, 0), (0, -1), (0, 1)]:
        cell = (x + dx, y + dy)
        _, obj = env._world[cell]
        if obj is not None:
            env._world.remove(obj)
        env._world[cell] = "grass"
    env._world.add(objects.Arrow(env._world, np.array((x + 2, y)), np.array((-1, 0))))
    w.body.act("noop")  # the arrow flies one cell nearer and shows in the frame, beside the player
    assert (1, 0) in w.body.percept.find("arrow")
    return w, env, player


@pytest.mark.parametrize("guarded", [True, False])
def test_the_guard_steps_out_of_an_arrows_line(guarded):
    w, env, player = _arrow_at_the_player()
    health, start = int(player.health), tuple(int(v) for v in player.pos)
    if guarded:
        guard(w.body)
    w.body.act("noop")
    if guarded:  # one step up or down, and the arrow flew past
        moved = tuple(int(v) for v in player.pos)
        assert moved[0] == start[0] and abs(moved[1] - start[1]) == 1 and int(player.health) == health
    else:  # the control: standing still in its line costs 2 health
        assert int(player.health) == health - 2


def test_an_arrow_crossing_the_line_is_not_dodged():
    w, env, player = _arrow_at_the_player()
    px, py = w.body.pos
    w.body.arrows = {(px + 1, py - 1)}  # as if it came from above: flying down, across the player's row
    start = tuple(int(v) for v in player.pos)
    guard(w.body)
    assert tuple(int(v) for v in player.pos) == start
