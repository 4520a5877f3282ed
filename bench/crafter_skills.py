"""Bench the Crafter skills through the MP5 team: success per seed and the agent's time over raw env stepping.

    python bench/crafter_skills.py --task "collect a diamond" --seeds 101 202 303
The speed ratio replays each episode's exact actions on a bare `crafter.Env` (same seed, same render size)."""
from __future__ import annotations

import argparse
import os
import tempfile
import time

import crafter

from agents.mp5.graph import build_mp5_team


def raw_seconds(seed: int, log: str, *, size: int = 64, length: int = 10000) -> float:
    """Wall time of reset + the same actions on crafter.Env alone."""
    start = time.perf_counter()
    env = crafter.Env(size=(size, size), seed=seed, length=length)
    env.reset()
    for char in log:
        _, _, done, _ = env.step(ord(char) - ord("a"))
        if done:
            break
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--task", default="collect a diamond")
    parser.add_argument("--seeds", type=int, nargs="+", default=[101, 202, 303, 404, 505])
    args = parser.parse_args()
    os.environ.setdefault("ROLEGRAPH_RUNS_DIR", tempfile.mkdtemp())
    agent_total = raw_total = 0.0
    for seed in args.seeds:
        start = time.perf_counter()
        team = build_mp5_team(args.task, seed=seed, record=False)
        result = team.run({"task": args.task})
        agent = time.perf_counter() - start
        obs, log = team.world.obs, team.world.log
        raw = raw_seconds(seed, log)
        agent_total, raw_total = agent_total + agent, raw_total + raw
        print(f"seed {seed}: outcome={result.state.get('outcome')} steps={len(log)} diamond={obs.inventory.get('diamond', 0)} "
              f"achievements={len(obs.achievements)} agent={agent:.1f}s raw={raw:.1f}s ratio={agent / raw:.2f}", flush=True)
    print(f"total agent {agent_total:.1f}s raw {raw_total:.1f}s ratio {agent_total / raw_total:.2f}")


if __name__ == "__main__":
    main()
