"""The evaluator: Crafter's score formula and context conditions judged from ground truth."""
import math

import pytest

from agents.mp5.evaluate import context_success, crafter_score, success_rates
from environments.crafter import CrafterEnv


def test_score_matches_crafters_formula():
    assert crafter_score([0.0] * 22) == pytest.approx(0.0)
    assert crafter_score([100.0] * 22) == pytest.approx(100.0)
    rates = [100.0] * 11 + [0.0] * 11
    assert crafter_score(rates) == pytest.approx(math.sqrt(101) - 1)
    table = success_rates([["collect_wood"], ["collect_wood", "place_table"]])
    assert (table["collect_wood"], table["place_table"], table["collect_diamond"]) == (100.0, 50.0, 0.0)
    assert len(table) == 22


def test_context_conditions_from_ground_truth():
    env = CrafterEnv(seed=3)
    obs = env.reset()
    truth = env.ground_truth()
    verdict = context_success({"time": "day", "holding": "wood_pickaxe", "near": "grass"}, obs, truth)
    assert verdict == {"time": True, "holding": False, "near": True}
    assert context_success({"time": "night"}, obs, truth) == {"time": False}
