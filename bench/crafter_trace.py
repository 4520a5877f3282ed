"""Where MP5 episodes lose health, by what the agent was doing: runs knowledge-brain episodes of "unlock all
achievements" and labels every world step with the skill or survival reflex on the call stack, the stage (before the
iron pickaxe, searching for the diamond, after it) and the time of day (crafter's 300-step cycle).

    python bench/crafter_trace.py [--seeds 7000-7039] [--length 10000]
Prints a line per episode, then a JSON line {"episodes": n, "diamonds": d, "steps": {"<stage>|<label>": n},
"lost": {"<stage>|<label>": points}, "lost_by_phase": {"<stage>@<phase>": points}}. Labels are the first of LABELS
found on the call stack (a hunt is "_hunt" even while it walks or fights); health lost includes hunger and thirst.
Episodes run alone, each with a fresh memory (in an eval they share one; on seeds 7000-7039 that changed nothing)."""
from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from environments.crafter import CrafterEnv  # noqa: E402

LABELS = ("_fight", "_dodge", "flee", "seal", "_wait_for_day", "sleep", "rest", "night", "_hunt", "_errands",
          "eat_plant", "_approach", "explore", "collect", "make", "place", "attack")
"""Innermost-first would name every step "step_into"; this order names the reason: a seal inside the night
reflex is "seal", an explore for water inside the errands is "_errands"."""


def phase(step: int) -> str:
    """Crafter's daylight by step % 300: darkest at 210, zombies spawn below 0.83 (from about 110 to 304)."""
    t = step % 300
    return "night" if 164 <= t < 256 else "dawn" if t >= 256 or t < 40 else "dusk" if t >= 110 else "day"


@contextlib.contextmanager
def labelling(rows: list[tuple[str, str, str, int]]):
    """Patch CrafterEnv.step to append (stage, label, phase, health change) per world step; restored on exit."""
    original = CrafterEnv.step

    def step(self, action):
        player = self._env._player
        health = player.health
        obs = original(self, action)
        names, frame = set(), sys._getframe(1)
        while frame is not None:
            names.add(frame.f_code.co_name)
            frame = frame.f_back
        label = next((n for n in LABELS if n in names), "other")
        done = player.achievements
        stage = "after" if done["collect_diamond"] else "search" if done["make_iron_pickaxe"] else "before"
        rows.append((stage, label, phase(self._env._step), player.health - health))
        return obs

    CrafterEnv.step = step
    try:
        yield
    finally:
        CrafterEnv.step = original


def episode(seed: int, length: int) -> tuple[list[tuple[str, str, str, int]], str]:
    """(rows, actions) of one episode run in a throwaway runs directory."""
    from agents.mp5.graph import build_mp5_team

    rows: list[tuple[str, str, str, int]] = []
    saved = os.environ.get("ROLEGRAPH_RUNS_DIR")
    try:
        with tempfile.TemporaryDirectory() as tmp, labelling(rows):
            os.environ["ROLEGRAPH_RUNS_DIR"] = tmp
            team = build_mp5_team("unlock all achievements", seed=seed, length=length, record=False)
            result = team.run({"task": "unlock all achievements"}, runs_dir=Path(tmp))
    finally:
        if saved is None:
            os.environ.pop("ROLEGRAPH_RUNS_DIR", None)
        else:
            os.environ["ROLEGRAPH_RUNS_DIR"] = saved
    return rows, result.state["actions"]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="7000-7039")
    parser.add_argument("--length", type=int, default=10000)
    args = parser.parse_args()
    first, _, last = args.seeds.partition("-")
    steps, lost, by_phase, diamonds, n = (collections.Counter(), collections.Counter(), collections.Counter(), 0, 0)
    for seed in range(int(first), int(last or first) + 1):
        rows, _ = episode(seed, args.length)
        n += 1
        diamonds += rows[-1][0] == "after" if rows else 0
        for stage, label, when, change in rows:
            steps[f"{stage}|{label}"] += 1
            if change < 0:
                lost[f"{stage}|{label}"] -= change
                by_phase[f"{stage}@{when}"] -= change
        print(f"seed {seed}: {len(rows)} steps, ended {rows[-1][0] if rows else '-'}", flush=True)
    print(json.dumps({"episodes": n, "diamonds": diamonds, "steps": dict(steps.most_common()),
                      "lost": dict(lost.most_common()), "lost_by_phase": dict(sorted(by_phase.items()))}))
