"""Fewer zombie encounters and shorter fights, in the real game (cells and creatures put in place through crafter's
own world API)."""
import numpy as np
import pytest
from crafter import objects

from agents.mp5.crafter import nav


@pytest.mark.parametrize("step,detour", [(60, False), (120, True)])
def test_while_zombies_spawn_ways_keep_off_grass_where_not_much_longer(staged, step, detour):
    """Four cells ahead, three of grass between: at full daylight (step 60) the way is straight; at daylight 0.8
    (step 120, zombies spawn on grass) it goes round over sand, two steps longer."""
    w, env = staged(step, "sand", {(1, 0): "grass", (2, 0): "grass", (3, 0): "grass"})
    assert (w.body.percept.daylight < nav.hints()["wary"]["below"]) == detour
    px, py = w.body.pos
    o, start = w.body.map.origin, w.body.pos
    goal = np.zeros(w.body.map.ground.shape, bool)
    goal[o, o + 4] = True  # map cells sit at origin + (world - start): the cell four to the right
    path = nav.plan(w.body, goal)
    assert path[-1] == (start[0] + 4, start[1])
    on_grass = [c for c in path if c in {(px + 1, py), (px + 2, py), (px + 3, py)}]
    assert (len(path), bool(on_grass)) == ((6, False) if detour else (4, True))


def test_the_fight_goes_on_while_a_zombie_is_still_beside_the_player(staged):
    """Two zombies at the player's sides and an iron sword (one hit each): the fight ends with neither left, rather
    than after the first kill with the second still beside the player, free to strike after its cooldown."""
    from agents.mp5.crafter.skills.survive import _fight

    w, env = staged(60)
    player = env._player
    player.inventory["iron_sword"] = 1
    x, y = (int(v) for v in player.pos)
    for dx in (-1, 1):
        env._world.add(objects.Zombie(env._world, np.array((x + dx, y)), player))
    w.body.act("noop")
    assert sorted(w.body.percept.find("zombie")) == [(-1, 0), (1, 0)]
    _fight(w.body)
    assert not [z for z in env._world.objects if isinstance(z, objects.Zombie)]
