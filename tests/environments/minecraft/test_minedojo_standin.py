"""The MineDojo adapter against a stand-in that follows MineDojo's documented spaces exactly
(docs.minedojo.org core_api obs_space / action_space): shapes, dtypes, names, MultiDiscrete layout."""
from __future__ import annotations

import numpy as np
import pytest

from environments.base import Environment
from environments.minedojo import NVEC, MineDojoEnv, action, to_observation

CRAFT_ITEMS = ["crafting table", "stick", "wooden pickaxe", "iron ingot"] + [f"item {i}" for i in range(240)]


class StandIn:
    """Minimal MineDojo: 36 inventory slots, 6 equipment slots, 3x3x3 voxels, craft by argument index."""

    def __init__(self):
        self.actions: list[np.ndarray] = []
        self.inv = [["air", 0] for _ in range(36)]
        self.inv[0] = ["planks", 8]
        self.inv[1] = ["iron ore", 1]
        self.y, self.pitch = 64.0, 0.0

    def _obs(self):
        names = np.array([n for n, _ in self.inv], dtype=object)
        voxels = np.full((3, 3, 3), "air", dtype=object)
        voxels[:, 0, :] = "stone"
        return {
            "rgb": np.full((3, 16, 24), 7, dtype=np.uint8),
            "inventory": {"name": names, "quantity": np.array([q for _, q in self.inv], dtype=np.float32)},
            "equipment": {"name": np.array(["wooden pickaxe", "air", "air", "iron chestplate", "air", "shield"], dtype=object),
                          "quantity": np.array([1, 0, 0, 1, 0, 1], dtype=np.int64)},
            "voxels": {"block_name": voxels},
            "life_stats": {"life": np.array([18.0]), "food": np.array([20.0]), "oxygen": np.array([300.0])},
            "location_stats": {"pos": np.array([1.5, self.y, -2.5]), "yaw": np.array([90.0]), "pitch": np.array([self.pitch]),
                               "biome_id": np.array([1]), "can_see_sky": np.array([True]), "is_raining": np.array([False])},
            "nearby_tools": {"table": np.array([True]), "furnace": np.array([False])},
        }

    def reset(self):
        return self._obs()

    def step(self, a):
        a = np.asarray(a)
        assert a.shape == (8,) and all(0 <= v < n for v, n in zip(a, NVEC))
        self.actions.append(a)
        if a[5] == 4 and CRAFT_ITEMS[a[6]] == "stick":
            self.inv[2] = ["stick", self.inv[2][1] + 4]
        if a[5] == 4 and CRAFT_ITEMS[a[6]] == "iron ingot":
            self.inv[1], self.inv[3] = ["air", 0], ["iron ingot", 1]
        self.pitch = float(np.clip(self.pitch + (a[3] - 12) * 15, -90, 90))  # camera deltas, 15 degrees a step
        if a[5] == 3 and self.pitch >= 60:  # attacking the block underfoot
            self.y -= 1
        return self._obs(), 0.0, False, {}

    def close(self):
        pass


@pytest.fixture
def env():
    return MineDojoEnv(StandIn(), craft_items=CRAFT_ITEMS, max_ticks=20)


def test_observation_maps_to_the_shared_shape(env):
    assert isinstance(env, Environment)
    obs = env.reset()
    assert obs.inventory == {"planks": 8, "iron_ore": 1}
    assert obs.status["equipment"] == {"hand": "wooden_pickaxe", "feet": None, "legs": None, "torso": "iron_chestplate",
                                       "head": None, "off-hand": "shield"}
    assert obs.status["position"] == [1.5, 64.0, -2.5] and obs.status["health"] == 18.0 and obs.status["sky_visible"]
    assert obs.info["voxels"]["counts"] == {"stone": 9} and obs.info["voxels"]["below"] == "stone"
    assert obs.info["nearby_tools"] == {"table": True, "furnace": False}
    assert obs.image.size == (24, 16)


def test_craft_and_smelt_use_the_craft_argument(env):
    env.reset()
    obs = env.step({"skill": "craft", "args": {"item": "stick", "count": 4}})
    assert obs.info["result"]["ok"] and obs.inventory["stick"] == 4
    assert env.env.actions[-1].tolist() == [0, 0, 0, 12, 12, 4, CRAFT_ITEMS.index("stick"), 0]
    obs = env.step({"skill": "smelt", "args": {"item": "iron_ingot"}})
    assert obs.inventory.get("iron_ingot") == 1 and "iron_ore" not in obs.inventory
    assert not env.step({"skill": "craft", "args": {"item": "beacon"}}).info["result"]["ok"]


def test_place_and_equip_use_inventory_slots(env):
    env.reset()
    env.step({"skill": "place", "args": {"block": "iron_ore"}})
    assert env.env.actions[-1].tolist() == [0, 0, 0, 12, 12, 6, 0, 1]
    env.step({"skill": "equip", "args": {"item": "planks"}})
    assert env.env.actions[-1][5] == 5 and env.env.actions[-1][7] == 0
    assert not env.step({"skill": "place", "args": {"block": "furnace"}}).info["result"]["ok"]


def test_dig_down_turns_the_camera_and_attacks(env):
    env.reset()
    obs = env.step({"skill": "dig_down", "args": {"depth": 3}})
    assert obs.info["result"]["ok"] and obs.status["position"][1] == 61.0
    assert env.env.actions[0].tolist() == [0, 0, 0, 18, 12, 0, 0, 0]


def test_camera_rounds_to_fifteen_degree_steps():
    assert action(pitch=-180, yaw=180).tolist()[3:5] == [0, 24]
    assert action(yaw=20).tolist()[4] == 13
    with pytest.raises(ValueError, match="unknown skill"):
        MineDojoEnv(StandIn(), craft_items=CRAFT_ITEMS).step("fly")


def test_to_observation_skips_air_and_sums_stacks():
    raw = StandIn()._obs()
    raw["inventory"]["name"][5], raw["inventory"]["quantity"][5] = "planks", 3
    assert to_observation(raw).inventory["planks"] == 11
