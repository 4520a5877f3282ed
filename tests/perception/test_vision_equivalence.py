"""The fast matcher in perception/vision.py must read every frame exactly as the original did (frozen in
reference_vision.py): the agent's actions depend on each label, facing, count and rounded daylight."""
import importlib.util
from pathlib import Path

import numpy as np
import pytest

from environments.crafter import CrafterEnv
from perception.crafter_textures import CLASSES
from perception.vision import CrafterVision

_spec = importlib.util.spec_from_file_location("reference_vision", Path(__file__).with_name("reference_vision.py"))
reference_vision = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(reference_vision)


def frames(seed: int, steps: int):
    """Random play through dusk and night with naps, the player kept alive so the night is reached."""
    env, rng = CrafterEnv(seed=seed, ground_truth=False), np.random.default_rng(seed)
    yield np.asarray(env.reset().image)
    for t in range(steps):
        if rng.random() < 0.75:
            action = env.actions[rng.integers(len(env.actions))]
        else:
            action = "sleep" if (t // 40) % 3 == 0 else "noop"
        env._env._player.inventory["health"] = 9
        obs = env.step(action)
        yield np.asarray(obs.image)
        if obs.done:
            return


@pytest.mark.parametrize("seed", [11, 12])
def test_percepts_match_the_reference_frame_for_frame(seed):
    fast, ref = CrafterVision(size=64), reference_vision.CrafterVision(size=64)
    seen = {"night": 0, "sleeping": 0}
    for i, frame in enumerate(frames(seed, 420)):
        a, b = fast(frame), ref(frame)
        assert a.model_dump() == b.model_dump(), f"frame {i}"
        assert fast.tiles(frame)[2] == ref.tiles(frame)[2], f"frame {i}"
        seen["night"] += a.daylight < 0.5
        seen["sleeping"] += a.sleeping
    assert seen["night"] > 50 and seen["sleeping"] > 5, seen


def test_repeated_frames_and_inventory_are_not_stale():
    fast = CrafterVision(size=64)
    env = CrafterEnv(seed=3, ground_truth=False)
    first = np.asarray(env.reset().image).copy()
    fast(first)
    env._env._player.inventory["wood"] = 4
    second = np.asarray(env.step("noop").image)
    assert fast(second).inventory.get("wood") == 4
    assert fast(first).inventory.get("wood") is None
    percept = fast(first)
    percept.grid[0][0] = "changed"
    assert fast(first).grid[0][0] != "changed"
    ids, _, names, _, _ = fast.tiles(first)
    ids[:], names[3][4] = 0, "changed"
    percept._ids[0][:] = 0
    again = fast(first)
    assert fast.tiles(first)[2][3][4].startswith("player-") and again._ids[0][3, 4] == CLASSES.index("player")
    assert np.array_equal(again._ids[0], fast.tiles(first)[0]) and again.grid[3][4] == "player"
