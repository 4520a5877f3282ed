"""Judging MP5 episodes from ground truth (evaluator only: the agent never sees this) and Crafter's score."""
from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np

from environments.base import Observation
from environments.crafter import SEMANTIC_NAMES
from environments.knowledge import crafter as tech

NIGHT_BELOW = 0.35


def crafter_score(success_rates: Iterable[float]) -> float:
    """Hafner (2021): exp(mean(ln(1 + s_i))) - 1 with s_i the success rate of achievement i in percent."""
    rates = list(success_rates)
    return math.exp(sum(math.log(1 + s) for s in rates) / len(rates)) - 1


def success_rates(unlocked_per_episode: list[list[str]]) -> dict[str, float]:
    """Percent of episodes that unlocked each of Crafter's achievements."""
    n = max(1, len(unlocked_per_episode))
    return {a: 100.0 * sum(a in ep for ep in unlocked_per_episode) / n for a in tech.achievements()}


def _around(truth: dict, radius: int) -> list[tuple[int, str]]:
    semantic, (x, y) = truth["semantic"], truth["player_pos"]
    out = []
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            if (dx or dy) and 0 <= x + dx < semantic.shape[0] and 0 <= y + dy < semantic.shape[1]:
                out.append((abs(dx) + abs(dy), SEMANTIC_NAMES[int(semantic[x + dx, y + dy])]))
    return out


def context_success(conditions: dict[str, Any], obs: Observation, truth: dict | None = None, *,
                    near_radius: int = 3) -> dict[str, bool]:
    """Each condition of a context task judged from ground truth: semantic map (`truth`, default `obs.info`),
    daylight, inventory."""
    around = _around(truth or obs.info, near_radius)
    verdict: dict[str, bool] = {}
    if "adjacent" in conditions:
        verdict["adjacent"] = any(d == 1 and name == conditions["adjacent"] for d, name in around)
    if "near" in conditions:
        verdict["near"] = any(name == conditions["near"] for d, name in around)
    if "time" in conditions:
        night = float(obs.status.get("daylight", 1.0)) < NIGHT_BELOW
        verdict["time"] = night == (conditions["time"] == "night")
    if "holding" in conditions:
        verdict["holding"] = obs.inventory.get(conditions["holding"], 0) > 0
    return verdict


def summarise(values: list[float]) -> dict[str, float]:
    arr = np.asarray(values, dtype=float)
    return {"mean": float(arr.mean()) if arr.size else 0.0, "median": float(np.median(arr)) if arr.size else 0.0}
