"""Survival reflexes in the real game, with creatures put in place through crafter's own world API."""
import numpy as np
import pytest
from crafter import objects

from agents.mp5.crafter import CrafterWorld
from agents.mp5.crafter.skills.survive import guard


OPEN = [(1, 0), (2, 0), (3, 0), (0, -1), (0, 1)]
TUNNEL = {(dx, 0): "path" for dx in (-2, -1, 1, 2, 3)} | {
    (dx, dy): "stone" for dx in (-1, 0, 1) for dy in (-1, 1)} | {(-2, -1): "path"}
"""A tunnel running left from the player, walled with stone above and below, open to the side two cells back."""


def _arrow_at_the_player(seed: int = 1, cells=None):
    """A fresh world with the cells around the player set (cleared to grass by default) and an arrow two cells to
    its right, flying at it; returns (world, crafter env, player)."""
    w = CrafterWorld(seed=seed, record=False)
    w.obs  # noqa: B018  (the world resets on first use)
    env = w.body.raw._env
    player = env._player
    x, y = (int(v) for v in player.pos)
    for (dx, dy), material in (cells or {c: "grass" for c in OPEN}).items():
        cell = (x + dx, y + dy)
        _, obj = env._world[cell]
        if obj is not None:
            env._world.remove(obj)
        env._world[cell] = material
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


def test_in_a_tunnel_the_guard_backs_off_to_a_side_opening():
    w, env, player = _arrow_at_the_player(cells=TUNNEL)
    health, start = int(player.health), tuple(int(v) for v in player.pos)
    guard(w.body)
    for _ in range(3):
        w.body.act("noop")
    x, y = (int(v) for v in player.pos)
    assert x == start[0] - 2 and y != start[1] and int(player.health) == health  # out of the tunnel, unhurt


@pytest.mark.parametrize("zombie", [True, False])
def test_at_dusk_zombies_about_send_the_player_to_shelter(zombie):
    """Past dusk the night reflex waits for darkness, unless zombies already roam: then it shelters at once."""
    from agents.mp5.crafter.skills.survive import _needed, hints

    w = CrafterWorld(seed=1, record=False)
    w.obs  # noqa: B018  (the world resets on first use)
    env = w.body.raw._env
    for obj in list(env._world.objects):  # no creatures but the player, and perhaps the one put in place below
        if obj is not env._player:
            env._world.remove(obj)
    env._step = 154  # crafter's clock: dusk, daylight about 0.4 after the step below
    env._player.inventory["wood_pickaxe"] = 1  # enough to dig a pocket
    x, y = (int(v) for v in env._player.pos)
    if zombie:
        env._world[(x + 3, y)] = "grass"
        env._world.add(objects.Zombie(env._world, np.array((x + 3, y)), env._player))
    w.body.act("noop")
    cfg = hints()["reflex"]
    assert cfg["night"] < w.body.percept.daylight < cfg["dusk_zombies"]
    assert bool(w.body.percept.find("zombie")) == zombie
    assert _needed(w.body, cfg) == zombie


@pytest.fixture
def alone_at(staged):
    """A fresh world at a crafter step, no creatures, the cells within a radius of the player set to one material
    (the player's own cell to path) and a wood pickaxe (enough to dig a pocket); (world, env)."""
    return lambda step, material, radius=6: staged(step, material, {(0, 0): "path"}, radius, {"wood_pickaxe": 1})


@pytest.mark.parametrize("material", ["stone", "grass"])
def test_at_night_only_grass_nearby_sends_the_player_to_shelter(alone_at, material):
    """Zombies spawn only on grass: at night in the middle of stone the player works on instead of sealing in."""
    from agents.mp5.crafter.skills.survive import _dark, hints

    w, env = alone_at(205, material)
    cfg = hints()["reflex"]
    assert w.body.percept.daylight < cfg["night"]
    assert _dark(w.body, cfg) == (material == "grass")


@pytest.mark.parametrize("step,expected", [(154, [("drink", "water")]), (205, []), (60, [])])
def test_provisions_are_fetched_at_dusk_not_in_the_night_or_day(alone_at, step, expected):
    from agents.mp5.crafter.skills.survive import _provision, hints

    w, env = alone_at(step, "grass", radius=3)
    x, y = (int(v) for v in env._player.pos)
    env._world[(x + 2, y)] = "water"
    env._player.inventory["drink"] = 3
    w.body.act("noop")
    assert _provision(w.body, hints()["reflex"]) == expected


@pytest.mark.parametrize("extra", [0, 40])
def test_reflexes_keep_working_once_their_extra_steps_are_spent(alone_at, extra):
    """A thirsty player beside water drinks from the reflex hook whether or not its extra steps are left; spent,
    the steps come out of the skill's own cap (it is not extended), unspent, they extend it by what they used."""
    from agents.mp5.crafter.skills.survive import reflexes

    w, env = alone_at(1, "grass", radius=3)
    player = env._player
    x, y = (int(v) for v in player.pos)
    env._world[(x + 1, y)] = "water"
    player.inventory["drink"] = 2
    w.body.act("noop")
    limit = w.body.limit = len(w.body.log) + 100
    start = len(w.body.log)
    reflexes(extra=extra)(w.body)
    used = len(w.body.log) - start
    assert used > 0 and w.body.vital("drink") == 9
    assert w.body.limit == limit + min(used, extra)


def test_a_long_cow_hunt_gives_way_to_water_when_thirst_runs_low(staged):
    """Food low, a cow remembered ten cells away (gone when the player gets there) on sand with no cows: the hunt
    is dropped once the drink meter falls to the reflex threshold, and the next reflex fetches water before hunting
    on (before, the hunt went on to the step cap, drink running out, with water a few cells behind)."""
    import contextlib

    from agents.mp5.crafter.body import ID, OutOfSteps
    from agents.mp5.crafter.skills.survive import _react, hints

    w, env = staged(60, "sand", {(-2, 0): "water"}, radius=14)
    player = env._player
    player.inventory.update(food=5, drink=6)
    player._thirst = 19  # the drink meter drops two steps on, then every 20: to 3 in about 42 steps
    w.body.act("noop")
    o = w.body.map.origin
    w.body.map.top[o, o + 10] = ID["cow"]  # as if seen there before
    cfg = hints()["reflex"]
    w.body.limit = len(w.body.log) + 200
    _react(w.body, cfg)  # returns: the hunt was dropped (it would otherwise run into the cap)
    assert w.body.vital("drink") <= cfg["drink"] and player.achievements["eat_cow"] == 0
    with contextlib.suppress(OutOfSteps):
        _react(w.body, cfg)  # fetches water, then hunts on (until the cap: there is no cow)
    assert player.achievements["collect_drink"] >= 5


def test_a_starving_player_hunts_on_when_thirst_runs_low(staged):
    """Food at 1, a cow three cells away, water remembered 14 cells behind: the drink meter falling to the reflex
    threshold mid-hunt no longer turns the player back to the water (before, it did, and starved on the way back
    to the cows: seed 7010)."""
    import numpy as np
    from crafter import objects

    from agents.mp5.crafter.body import ID
    from agents.mp5.crafter.skills.survive import _react, hints

    w, env = staged(60, "sand", radius=8)
    player = env._player
    player.inventory.update(food=1, drink=4)
    player._thirst, player._hunger = 19, 0  # the drink meter drops to 3 two steps on; food holds for 25
    x, y = (int(v) for v in player.pos)
    env._world.add(objects.Cow(env._world, np.array((x + 3, y))))
    w.body.act("noop")
    o = w.body.map.origin
    w.body.map.ground[o, o - 14] = ID["water"]  # as if seen there before: known, not near
    w.body.limit = len(w.body.log) + 200
    _react(w.body, hints()["reflex"])
    assert player.achievements["eat_cow"] == 1 and w.body.vital("drink") <= hints()["reflex"]["drink"]


def _sets_off_after_a_cow(w) -> bool:
    """Remember a cow eight cells to the right, run the errands (30 steps at most): did the player set off?"""
    import contextlib

    from agents.mp5.crafter.body import ID, OutOfSteps
    from agents.mp5.crafter.skills.survive import _errands, hints

    o, start = w.body.map.origin, w.body.pos
    w.body.map.top[o, o + 8] = ID["cow"]  # as if seen there before
    w.body.limit = len(w.body.log) + 30
    with contextlib.suppress(OutOfSteps):
        _errands(w.body, hints()["reflex"])
    return w.body.pos != start


@pytest.mark.parametrize("step,food,hunts", [(60, 3, True), (210, 3, False), (210, 1, True)])
def test_at_night_outside_a_pocket_only_a_vital_about_to_run_out_is_fetched(staged, step, food, hunts):
    """On a stone path with no grass near (so no night pocket is called for), food at 3 and a cow remembered eight
    cells away: by day the player hunts it, at night it stays put unless food is down to 1 (before, it hunted at night
    and walked out over the grass among the zombies)."""
    w, env = staged(step, "path", inventory={"food": food})
    assert _sets_off_after_a_cow(w) == hunts


@pytest.mark.parametrize("zombie,hunts", [(False, True), (True, False)])
def test_at_dawn_with_zombies_still_about_errands_wait_for_the_day(staged, zombie, hunts):
    """Daylight 0.75 (step 295, the pocket opened at 0.6), food at 3, a cow remembered eight cells away: the player
    hunts it only when no zombie is in view; zombies last until daylight passes 0.83, and errands on leaving the
    pocket at dawn lost more health than anything else in the diamond search (seeds 7000-7039)."""
    import numpy as np
    from crafter import objects

    from agents.mp5.crafter.skills.survive import hints

    w, env = staged(295, "path", inventory={"food": 3})
    assert 0.6 < w.body.percept.daylight < hints()["reflex"]["zombies_gone"]
    if zombie:
        x, y = (int(v) for v in env._player.pos)
        env._world.add(objects.Zombie(env._world, np.array((x - 4, y + 3)), env._player))
        w.body.act("noop")
        assert w.body.percept.find("zombie")
    assert _sets_off_after_a_cow(w) == hunts


@pytest.mark.parametrize("zombie", [False, True])
def test_at_dawn_a_pocket_with_a_zombie_in_view_stays_shut_until_zombies_go(staged, zombie):
    """In a pocket in the stone at daylight 0.65 (step 292): with no zombie in view the wait for day ends at once;
    with one in view it goes on until daylight passes 0.85, when crafter starts removing zombies (leaving at 0.6,
    the player met the ones gathered round the pocket: seeds 7000-7039 lost a third less health at dawn this way)."""
    import numpy as np
    from crafter import objects

    from agents.mp5.crafter.skills.survive import _wait_for_day, hints

    w, env = staged(292, "stone", {(0, 0): "path", (1, 0): "path", (4, 0): "grass"},
                    inventory={"food": 9, "drink": 9, "energy": 9})
    cfg = hints()["reflex"]
    if zombie:
        x, y = (int(v) for v in env._player.pos)
        env._world.add(objects.Zombie(env._world, np.array((x + 4, y)), env._player))  # walled in, in view
        w.body.act("noop")
    assert cfg["day"] < w.body.percept.daylight < cfg["zombies_gone"]
    start = len(w.body.log)
    _wait_for_day(w.body)
    assert (len(w.body.log) > start) == zombie
    assert (w.body.percept.daylight > cfg["zombies_gone"]) == zombie


def test_a_hunt_for_provisions_at_dusk_stops_when_night_falls(staged):
    """Daylight 0.37 (step 157), food at 5, a cow remembered 18 cells away on open sand: the provisioning hunt
    sets off and is dropped once daylight falls below the night threshold (before, it went on into the night)."""
    import contextlib

    from agents.mp5.crafter.body import ID, OutOfSteps
    from agents.mp5.crafter.skills.survive import _react, hints

    cfg = hints()["reflex"]
    w, env = staged(157, "sand", radius=20, inventory={"food": 5, "drink": 9})
    assert cfg["night"] < w.body.percept.daylight < cfg["dusk"]
    o, start = w.body.map.origin, len(w.body.log)
    w.body.map.top[o, o + 18] = ID["cow"]  # as if seen there before
    w.body.limit = start + 60
    with contextlib.suppress(OutOfSteps):
        _react(w.body, cfg)
    assert len(w.body.log) > start  # it did set off
    assert w.body.percept.daylight < cfg["night"] and len(w.body.log) < start + 60
