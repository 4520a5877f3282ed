import numpy as np
import pytest

from environments.crafter import CrafterEnv, local_view_truth
from perception.crafter_textures import ITEMS
from perception.vision import CrafterVision

ACTIONS = ["move_left", "move_right", "move_up", "move_down", "do", "do", "place_stone", "place_table", "make_wood_pickaxe", "noop"]


def rollout(seed, steps, size=64, every=4):
    env, rng = CrafterEnv(seed=seed, size=size), np.random.default_rng(seed)
    obs = env.reset()
    for t in range(steps):
        if t % every == 0:
            yield obs
        action = ACTIONS[rng.integers(len(ACTIONS))]
        obs = env.step(action)
        if obs.done:
            return


def accuracy(vision, observations):
    hits = total = 0
    for obs in observations:
        ids = vision.tiles(np.asarray(obs.image))[0]
        hits += int((ids == local_view_truth(obs)).sum())
        total += ids.size
    return hits / total


@pytest.fixture(scope="module")
def vision():
    return CrafterVision()


@pytest.mark.parametrize("seed", [1, 2])
def test_day_accuracy_on_varied_rollout(vision, seed):
    frames = [o for o in rollout(seed, 120) if o.status["daylight"] >= 0.5]
    assert len(frames) >= 20
    assert accuracy(vision, frames) >= 0.99


def test_night_accuracy_and_daylight_estimate(vision):
    env = CrafterEnv(seed=4)
    env.reset()
    frames = []
    for t in range(230):
        obs = env.step("noop" if t % 3 else "do")
        if t >= 170 and t % 5 == 0:
            frames.append(obs)
    assert all(o.status["daylight"] < 0.5 for o in frames)
    assert accuracy(vision, frames) >= 0.9
    estimate = vision(frames[-1].image).daylight
    assert abs(estimate - frames[-1].status["daylight"]) < 0.05


def test_inventory_and_vitals_read_from_pixels(vision):
    env = CrafterEnv(seed=5)
    env.reset()
    player = env._env._player
    player.inventory.update(wood=3, stone=7, sapling=1, iron_pickaxe=1, coal=9, drink=2)
    obs = env.step("noop")
    percept = vision(obs.image)
    assert vision.inventory(np.asarray(obs.image)) == {k: obs.info["inventory"][k] for k in ITEMS}
    assert percept.inventory == {k: v for k, v in obs.inventory.items() if v}
    assert percept.vitals["drink"] == obs.status["drink"]


def test_player_facing_and_sleep(vision):
    env = CrafterEnv(seed=6)
    env.reset()
    assert vision(env.step("move_up").image).facing == (0, -1)
    env._env._player.inventory["energy"] = 3
    obs = env.step("sleep")
    obs = env.step("noop")
    assert obs.status["sleeping"]
    percept = vision(obs.image)
    assert percept.sleeping and percept.grid[3][4] == "player"
    assert accuracy(vision, [obs]) >= 0.95


def test_a_sleepers_view_is_kept_and_its_vitals_read(vision):
    env = CrafterEnv(seed=6)
    env.reset()
    env._env._player.inventory["energy"] = 3
    awake = vision(env.step("noop").image)
    percept, asleep = awake, []
    for _ in range(200):
        obs = env.step("sleep")
        percept = vision(obs.image, eyes_closed=percept)
        if not obs.status["sleeping"]:
            break
        asleep.append((obs, percept))
    assert len(asleep) > 20, "the player should sleep until its energy is full"
    for seen, p in asleep:
        assert p.sleeping and (p.grid, p.ground, p.facing, p.daylight) == (
            awake.grid, awake.ground, awake.facing, awake.daylight)
        assert p.vitals == {k: seen.status[k] for k in p.vitals}
    assert asleep[-1][1].vitals["energy"] > awake.vitals["energy"]
    assert percept == vision(obs.image), "awake again, the frame is read in full"


def test_larger_render(vision):
    frames = list(rollout(3, 40, size=288, every=8))
    assert accuracy(vision, frames) >= 0.99
    assert vision(frames[-1].image).vitals["health"] == frames[-1].status["health"]
