import numpy as np
import pytest
from PIL import Image

from environments.base import Environment, Observation
from environments.crafter import SEMANTIC_NAMES, CrafterEnv, local_view_truth


@pytest.fixture(scope="module")
def env():
    return CrafterEnv(seed=7)


def test_matches_protocol_and_names_all_actions(env):
    assert isinstance(env, Environment)
    assert len(env.actions) == 17
    assert env.actions[0] == "noop" and "make_iron_pickaxe" in env.actions


def test_observation_fields(env):
    obs = env.reset(seed=7)
    assert isinstance(obs, Observation) and isinstance(obs.image, Image.Image)
    assert obs.image.size == (64, 64) and obs.step == 0 and not obs.done
    assert set(obs.status) >= {"health", "food", "drink", "energy", "daylight", "sleeping"}
    assert "health" not in obs.inventory and obs.inventory["wood"] == 0
    assert obs.info["semantic"].shape == (64, 64)
    after = env.step("move_left")
    assert after.step == 1 and after.info["player_facing"] == (-1, 0)
    summary = after.summary()
    assert "image" not in summary and "semantic" not in str(summary)


def test_actions_by_name_and_index(env):
    env.reset(seed=7)
    by_index = env.step(env.actions.index("move_up"))
    assert by_index.info["player_facing"] == (0, -1)
    with pytest.raises(ValueError):
        env.step("fly")
    with pytest.raises(ValueError):
        env.step(17)


def test_seeds_are_deterministic():
    a, b, c = CrafterEnv(seed=3), CrafterEnv(seed=3), CrafterEnv(seed=4)
    frames = []
    for env in (a, b, c):
        obs = env.reset()
        for action in ["move_left", "do", "move_up", "noop", "move_right"]:
            obs = env.step(action)
        frames.append(np.asarray(obs.image))
    assert np.array_equal(frames[0], frames[1])
    assert not np.array_equal(frames[0], frames[2])


def test_image_shows_its_own_step_when_first_read_steps_later():
    env = CrafterEnv(seed=5, ground_truth=False)
    env.reset()
    first = env.step("move_left")
    pixels = env.frame.copy()
    for action in ["move_up", "do", "move_right", "noop"]:
        env.step(action)
    assert not np.array_equal(env.frame, pixels)
    assert np.array_equal(np.asarray(first.image), pixels) and first.image.getpixel((30, 30)) == tuple(pixels[30, 30])
    assert np.array_equal(np.asarray(first.image.resize((128, 128), Image.NEAREST))[::2, ::2], pixels)
    assert env.frame.flags.c_contiguous and np.array_equal(env.frame, env._env.render())  # by day: no noise drawn


def test_larger_render_and_local_truth():
    obs = CrafterEnv(size=288, seed=1).reset()
    assert obs.image.size == (288, 288)
    truth = local_view_truth(obs)
    assert truth.shape == (7, 9) and SEMANTIC_NAMES[truth[3, 4]] == "player"
