import numpy as np

from environments.crafter import SEMANTIC_NAMES, CrafterEnv, local_view_truth
from perception.spatial import SpatialMap
from perception.vision import CrafterVision, Percept


def test_finds_a_tree_seen_before_moving_away():
    env, vision, world = CrafterEnv(seed=2), CrafterVision(), SpatialMap()
    obs = env.reset()
    start = np.array(obs.info["player_pos"])
    assert (local_view_truth(obs) == SEMANTIC_NAMES.index("tree")).any()
    world.update(vision(obs.image))
    for _ in range(10):
        obs = env.step("move_right")
        world.update(vision(obs.image), "move_right")
    assert not (local_view_truth(obs) == SEMANTIC_NAMES.index("tree")).any()
    assert world.position == tuple(np.array(obs.info["player_pos"]) - start)
    dx, dy = world.nearest("tree")
    x, y = obs.info["player_pos"]
    assert abs(dx) > 4 or abs(dy) > 3
    assert SEMANTIC_NAMES[obs.info["semantic"][x + dx, y + dy]] == "tree"
    where, step = world.last_seen("tree")
    assert world.known(where) == "tree" and 0 < step < world.step
    assert world.frontier_direction() in {"left", "right", "up", "down"}


def test_blocked_move_does_not_shift_position():
    env, vision, world = CrafterEnv(seed=1), CrafterVision(), SpatialMap()
    obs = env.reset()
    start = np.array(obs.info["player_pos"])
    world.update(vision(obs.image))
    rng = np.random.default_rng(1)
    for _ in range(60):
        action = ["move_left", "move_right", "move_up", "move_down", "do"][rng.integers(5)]
        obs = env.step(action)
        world.update(vision(obs.image), action)
    assert world.position == tuple(np.array(obs.info["player_pos"]) - start)
    assert world.known(world.position) == "player"
    assert world.nearest("player") == (0, 0)


def test_percepts_from_fields_map_like_the_ones_vision_made():
    """A Percept rebuilt from its fields (say, loaded from JSON) has no matched ids: the map derives them from labels."""
    env, vision = CrafterEnv(seed=2, ground_truth=False), CrafterVision()
    seen, rebuilt = SpatialMap(), SpatialMap()
    for action in [None, "move_right", "move_right", "do", "move_down"]:
        percept = vision((env.reset() if action is None else env.step(action)).image)
        copy = Percept(**percept.model_dump())
        seen.update(percept, action)
        rebuilt.update(copy, action)
        assert copy == percept and copy.find("grass") == percept.find("grass")
    assert np.array_equal(seen.top, rebuilt.top) and np.array_equal(seen.ground, rebuilt.ground)
    assert seen.position == rebuilt.position and (seen.top >= 0).sum() > 63
