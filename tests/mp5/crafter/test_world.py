"""CrafterWorld against the MP5 World protocol: lazy reset, replay log, skill dispatch, perception, GIF."""
import numpy as np
import pytest

from agents.mp5.crafter import CrafterWorld
from agents.mp5.state import SkillCall
from agents.mp5.world import EpisodeOver, World


@pytest.fixture(scope="module")
def world():
    w = CrafterWorld(seed=1, record=True)
    yield w
    w.close()


def test_matches_the_world_protocol_and_resets_lazily():
    w = CrafterWorld(seed=3, record=False)
    assert isinstance(w, World) and w.name == "crafter"
    assert w.log == ""
    assert w.obs.step == 0 and w.obs.inventory.get("wood", 0) == 0
    assert set(w.skills()) >= {"collect", "place", "make", "attack", "eat", "drink", "sleep", "explore", "reach"}
    assert all("(" in text for text in w.skills().values())


def test_unknown_skills_and_arguments_fail_softly(world):
    assert not world.run_skill(SkillCall(skill="teleport")).ok
    result = world.run_skill(SkillCall(skill="collect", args={"material": "tree", "colour": "red"}))
    assert not result.ok and "colour" in result.message
    result = world.run_skill(SkillCall(skill="collect", args={"material": "unobtainium"}))
    assert not result.ok and result.steps == 0


def test_skill_steps_are_logged_one_char_per_action_and_capped(world):
    before = world.log
    result = world.run_skill(SkillCall(skill="explore", args={"steps": 50}), max_steps=20)
    assert result.steps == len(world.log) - len(before) and 0 < result.steps <= 20 + 10  # guard steps may extend
    assert set(world.log) <= {chr(ord("a") + i) for i in range(17)}
    assert world.obs.step == len(world.log)


def test_sync_replays_a_log_to_the_same_observation(world):
    world.run_skill(SkillCall(skill="collect", args={"material": "tree", "count": 2}), max_steps=200)
    log = world.log
    other = CrafterWorld(seed=1, record=False)
    other.sync(log)
    assert other.log == log
    assert np.array_equal(np.asarray(other.obs.image), np.asarray(world.obs.image))
    assert other.obs.inventory == world.obs.inventory and other.map.position == world.map.position
    other.sync(log[:5])  # shorter log: reset and replay
    assert other.obs.step == 5 and other.log == log[:5]


def test_look_is_pixel_perception_and_map_remembers(world):
    percept = world.look()
    assert len(percept.grid) == 7 and len(percept.grid[0]) == 9 and percept.grid[3][4] == "player"
    assert world.map.nearest("player") == (0, 0)


def test_episode_end_raises_episode_over():
    w = CrafterWorld(seed=0, length=5, record=False)
    with pytest.raises(EpisodeOver):
        w.run_skill(SkillCall(skill="explore", args={"steps": 50}))


def test_gif_is_written(world, tmp_path):
    path = world.save_gif(tmp_path / "episode.gif")
    assert path is not None and path.stat().st_size > 0


def test_ground_truth_is_for_evaluators_only(world):
    truth = world.ground_truth()
    assert truth["semantic"].shape == (64, 64) and len(truth["player_pos"]) == 2
    assert "semantic" not in world.obs.info  # skills run on pixels; the per-step semantic map is skipped


@pytest.mark.parametrize("area", [(64, 64), (40, 48)])
def test_the_map_knows_the_world_edges_from_the_first_step(area):
    """Exactly the cells beyond crafter's world are fenced off (the player spawns at the centre of the area), in
    any direction, without having seen an edge; paths never plan across it."""
    from agents.mp5.crafter import nav
    from agents.mp5.crafter.body import Body

    body = Body(size=64, length=100, area=area, record=False)
    body.reset(3)
    start, o = body.raw.ground_truth()["player_pos"], body.map.origin
    ys, xs = np.indices(body.outside.shape)
    wx, wy = xs - o + start[0], ys - o + start[1]
    assert (body.outside == ~((0 <= wx) & (wx < area[0]) & (0 <= wy) & (wy < area[1]))).all()
    assert np.isinf(nav.cost_map(body)[body.outside]).all()
    beyond = np.zeros_like(body.outside)
    beyond[o, o - start[0] - 1] = True  # the cell just past the left edge, on the player's row
    assert nav.plan(body, beyond, unknown=1.0) is None


def test_an_action_asked_for_in_sleep_waits_for_the_waking():
    """Crafter ignores a sleeping player's actions until its energy is full, so the body waits (noop) and then acts:
    the action asked for is the one that happens, awake."""
    from agents.mp5.crafter.body import Body

    body = Body(size=64, length=300, record=False)
    body.reset(1)
    while body.vital("energy") == 9:
        body.act("noop")
    body.act("sleep")
    assert body.percept.sleeping
    start = len(body.log)
    body.act("move_left")
    waited = body.log[start:-1]
    assert not body.percept.sleeping and body.raw.ground_truth()["player_facing"] == (-1, 0)
    assert waited and set(waited) == {chr(ord("a") + body.actions.index("noop"))}
    assert body.log[-1] == chr(ord("a") + body.actions.index("move_left"))


def test_water_is_bridged_with_a_stone_mined_back_to_path():
    """With a stone and a pickaxe the planner crosses water (place the stone, mine it back, step); without them it
    never plans into water. The scene is a real crafter world with a column of water set beside the player."""
    import numpy as np

    from agents.mp5.crafter import nav
    from agents.mp5.crafter.body import Body

    body = Body(size=64, length=300, record=False)
    body.reset(1)
    world, player = body.raw._env._world, body.raw._env._player
    px, py = (int(v) for v in player.pos)
    for dy in range(-4, 5):
        world[(px + 1, py + dy)] = "water"
    body.act("noop")
    o = body.map.origin
    goal = np.zeros(body.map.ground.shape, bool)
    goal[o + body.pos[1], o + body.pos[0] + 2] = True
    assert nav.plan(body, goal) is None
    player.inventory.update(stone=1, wood_pickaxe=1)
    body.act("noop")
    start = body.pos
    assert nav.go(body, lambda: goal)
    assert body.pos == (start[0] + 2, start[1])
    assert world[(px + 1, py)][0] == "path" and body.obs.inventory["stone"] == 1
