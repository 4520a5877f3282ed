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


@pytest.mark.parametrize("zombie", [True, False])
def test_a_dig_the_guard_interrupts_to_fight_still_digs_the_cell(staged, zombie):
    """Stone to the right, a zombie beside the player on the left: the guard turns the player to fight as it turns to
    dig, and after the fight the dig faces the stone again (before, its hits went left, into the air, and a sealing
    pocket failed for want of one dug cell)."""
    from agents.mp5.crafter.skills.survive import guard

    w, env = staged(60, "sand", {(1, 0): "stone"}, inventory={"wood_pickaxe": 1})
    player = env._player
    x, y = (int(v) for v in player.pos)
    if zombie:
        env._world.add(objects.Zombie(env._world, np.array((x - 1, y)), player))
        w.body.act("noop")
        assert (-1, 0) in w.body.percept.find("zombie")
    w.body.guard = guard
    start = w.body.pos
    assert nav.step_into(w.body, (start[0] + 1, start[1]))
    assert w.body.pos == (start[0] + 1, start[1]) and player.inventory["stone"] == 1
    assert not [z for z in env._world.objects if isinstance(z, objects.Zombie)]
