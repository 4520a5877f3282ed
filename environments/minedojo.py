"""MineDojo (optional extra) behind the Environment protocol: its observation dict becomes an `Observation` and
the Minecraft skill vocabulary is compiled into its compound MultiDiscrete actions.

Spaces follow MineDojo's documentation (docs.minedojo.org, "Observation Space" and "Action Space",
sections/core_api/obs_space.html and action_space.html): `rgb` (3, H, W) uint8; `equipment`/`inventory`
with `name` (natural-language names, "air" when empty) and `quantity`, equipment flattened as main hand,
foot, leg, body, head, off hand; `voxels.block_name` (3, 3, 3); `life_stats` (life, food, oxygen...);
`location_stats` (pos, yaw, pitch, biome_id, can_see_sky, is_raining...); `nearby_tools` (table, furnace).
Actions: MultiDiscrete([3, 3, 4, 25, 25, 8, 244, 36]) = forward/back, left/right, jump/sneak/sprint,
camera pitch and yaw (index 12 = no turn, 15 degrees a step), functional (0 noop, 1 use, 2 drop,
3 attack, 4 craft, 5 equip, 6 place, 7 destroy), craft argument (also smelting), inventory-slot argument.
MineDojo itself cannot run on machines without JDK 8 and gradle downloads; tests use a stand-in.
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from PIL import Image

from environments.base import Observation
from environments.minecraft.skills import SkillResult

NVEC = (3, 3, 4, 25, 25, 8, 244, 36)
FUNCTIONAL = {"noop": 0, "use": 1, "drop": 2, "attack": 3, "craft": 4, "equip": 5, "place": 6, "destroy": 7}
EQUIPMENT_SLOTS = ("hand", "feet", "legs", "torso", "head", "off-hand")
CAMERA_STEP = 15.0
SKILLS = ("craft", "smelt", "equip", "place", "mine", "fight", "dig_down", "eat")


def item_id(name: str) -> str:
    """MineDojo's natural-language names ("crafting table") to Minecraft ids ("crafting_table")."""
    return str(name).strip().lower().replace(" ", "_")


def _scalar(value: Any) -> Any:
    array = np.asarray(value)
    return array.reshape(-1)[0].item() if array.size else None


def to_observation(obs: dict[str, Any], *, step: int = 0, reward: float = 0.0, done: bool = False) -> Observation:
    """One MineDojo observation dict as the shared `Observation` (ids with underscores, no "air")."""
    inventory: dict[str, int] = {}
    for name, quantity in zip(obs["inventory"]["name"], obs["inventory"]["quantity"]):
        if item_id(name) != "air" and quantity > 0:
            inventory[item_id(name)] = inventory.get(item_id(name), 0) + int(quantity)
    life, loc = obs["life_stats"], obs["location_stats"]
    equipment = {slot: (None if item_id(n) == "air" else item_id(n))
                 for slot, n in zip(EQUIPMENT_SLOTS, obs["equipment"]["name"])}
    status = {
        "health": float(_scalar(life["life"])), "food": float(_scalar(life["food"])),
        "oxygen": float(_scalar(life.get("oxygen", 300))), "position": [float(v) for v in np.asarray(loc["pos"]).reshape(-1)],
        "yaw": float(_scalar(loc["yaw"])), "pitch": float(_scalar(loc["pitch"])),
        "biome": int(_scalar(loc["biome_id"])), "sky_visible": bool(_scalar(loc["can_see_sky"])),
        "weather": "rain" if bool(_scalar(loc.get("is_raining", False))) else "clear", "equipment": equipment,
    }
    names = np.vectorize(item_id)(np.asarray(obs["voxels"]["block_name"]))
    kinds, counts = np.unique(names[names != "air"], return_counts=True)
    voxels = {"radius": names.shape[0] // 2, "counts": dict(zip(kinds.tolist(), counts.tolist())),
              "below": str(names[names.shape[0] // 2, 0, names.shape[2] // 2])}
    info = {"voxels": voxels, "nearby_tools": {k: bool(_scalar(v)) for k, v in obs.get("nearby_tools", {}).items()},
            "masks": obs.get("masks", {})}
    rgb = np.asarray(obs["rgb"])
    image = Image.fromarray(np.ascontiguousarray(rgb.transpose(1, 2, 0)).astype(np.uint8)) if rgb.ndim == 3 else None
    return Observation(image=image, inventory=inventory, status=status, done=done, reward=reward, step=step, info=info)


def action(*, forward: int = 0, strafe: int = 0, jump: int = 0, pitch: float = 0.0, yaw: float = 0.0,
           functional: str = "noop", craft: int = 0, slot: int = 0) -> np.ndarray:
    """One MultiDiscrete action; camera deltas in degrees are rounded to MineDojo's 15-degree steps."""
    turn = lambda deg: int(np.clip(round(deg / CAMERA_STEP) + 12, 0, 24))  # noqa: E731
    return np.array([forward, strafe, jump, turn(pitch), turn(yaw), FUNCTIONAL[functional], craft, slot], dtype=np.int64)


class MineDojoEnv:
    """A MineDojo env (from `minedojo.make(...)`, or anything with its reset/step and spaces) speaking skills.

    `craft_items` is the argument list of the craft action (MineDojo's `ALL_CRAFT_SMELT_ITEMS`, 244
    natural-language names); it is read from minedojo when omitted.
    """

    def __init__(self, env: Any, *, craft_items: Sequence[str] | None = None, max_ticks: int = 200) -> None:
        if craft_items is None:
            from minedojo.sim.mc_meta.mc import ALL_CRAFT_SMELT_ITEMS  # optional extra
            craft_items = ALL_CRAFT_SMELT_ITEMS
        self.env, self.max_ticks = env, max_ticks
        self.craft_items = [item_id(n) for n in craft_items]
        self.actions: list[str] = list(SKILLS)
        self._raw: dict[str, Any] | None = None
        self._step = 0

    def reset(self, seed: int | None = None) -> Observation:
        self._raw, self._step = self.env.reset(), 0
        return to_observation(self._raw)

    def step(self, action_: str | int | dict[str, Any]) -> Observation:
        """Run one skill ({"skill", "args"}, a name or an index) as a bounded series of MineDojo actions."""
        if isinstance(action_, int):
            action_ = self.actions[action_]
        if isinstance(action_, str):
            action_ = {"skill": action_, "args": {}}
        skill, args = action_["skill"], dict(action_.get("args") or {})
        if skill not in SKILLS:
            raise ValueError(f"unknown skill {skill!r} for MineDojo; known: {', '.join(SKILLS)}")
        result, reward, done = getattr(self, f"_{skill}")(**args)
        obs = to_observation(self._raw, step=self._step, reward=reward, done=done)
        obs.info["result"] = result.model_dump()
        return obs

    def close(self) -> None:
        self.env.close()

    def _act(self, a: np.ndarray) -> tuple[float, bool]:
        self._raw, reward, done, _ = self.env.step(a)
        self._step += 1
        return float(reward), bool(done)

    def _count(self, name: str) -> int:
        return to_observation(self._raw).inventory.get(name, 0)

    def _slot(self, name: str) -> int | None:
        names = [item_id(n) for n in self._raw["inventory"]["name"]]
        return names.index(name) if name in names else None

    def _craft(self, item: str, count: int = 1) -> tuple[SkillResult, float, bool]:
        if item not in self.craft_items:
            return SkillResult(ok=False, message=f"MineDojo cannot craft {item}"), 0.0, False
        before, total, done = self._count(item), 0.0, False
        for _ in range(max(1, count)):
            reward, done = self._act(action(functional="craft", craft=self.craft_items.index(item)))
            total += reward
            if done or self._count(item) - before >= count:
                break
        made = self._count(item) - before
        return SkillResult(ok=made >= count, message=f"crafted {made} {item}"), total, done

    _smelt = _craft  # MineDojo merges smelting into "craft"

    def _use_slot(self, verb: str, item: str) -> tuple[SkillResult, float, bool]:
        slot = self._slot(item)
        if slot is None:
            return SkillResult(ok=False, message=f"no {item} in inventory"), 0.0, False
        reward, done = self._act(action(functional=verb, slot=slot))
        return SkillResult(ok=True, message=f"{verb} {item} (slot {slot})"), reward, done

    def _equip(self, item: str, destination: str = "hand") -> tuple[SkillResult, float, bool]:
        return self._use_slot("equip", item)

    def _place(self, block: str) -> tuple[SkillResult, float, bool]:
        return self._use_slot("place", block)

    def _repeat(self, a: np.ndarray, until, what: str) -> tuple[SkillResult, float, bool]:
        total, done = 0.0, False
        for _ in range(self.max_ticks):
            if until():
                return SkillResult(ok=True, message=what), total, done
            reward, done = self._act(a)
            total += reward
            if done:
                break
        return SkillResult(ok=bool(until()), message=what if until() else f"gave up: {what}"), total, done

    def _mine(self, block: str, count: int = 1, max_distance: int = 32) -> tuple[SkillResult, float, bool]:
        """Attack what is in front until `count` more items arrive (the Performer faces the block first)."""
        from environments.knowledge.minecraft import data
        drops = [d["item"] for d in data().loot.get(block, []) if not d.get("silkTouch")]
        drop = drops[0] if drops else block
        target = self._count(drop) + count
        return self._repeat(action(functional="attack"), lambda: self._count(drop) >= target, f"mined {count} {drop}")

    def _fight(self, entity: str, max_distance: int = 16) -> tuple[SkillResult, float, bool]:
        ticks = iter(range(self.max_ticks // 4))
        return self._repeat(action(functional="attack"), lambda: next(ticks, None) is None, f"attacked {entity}")

    def _dig_down(self, depth: int = 10, y: int | None = None) -> tuple[SkillResult, float, bool]:
        start = to_observation(self._raw).status["position"][1]
        goal = y if y is not None else start - depth
        self._act(action(pitch=90.0))
        return self._repeat(action(functional="attack"),
                            lambda: to_observation(self._raw).status["position"][1] <= goal, f"dug down to y={goal}")

    def _eat(self, item: str | None = None) -> tuple[SkillResult, float, bool]:
        if item is None:
            return SkillResult(ok=False, message="name the food to eat"), 0.0, False
        result, reward, done = self._use_slot("equip", item)
        if not result.ok:
            return result, reward, done
        before = self._count(item)
        return self._repeat(action(functional="use"), lambda: self._count(item) < before, f"ate {item}")
