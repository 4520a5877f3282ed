"""Agent-loop overhead: an MP5 episode (knowledge brains, checkpoints and all) against raw `crafter.Env` stepping
of exactly the same actions on the same seed.

    python bench/overhead.py [--seeds 0-2] [--length 2000] [--task "unlock all achievements"] [--repeat 3]
Last line: {"ratio": r, "step_ratio": s, "agent_seconds": a, "raw_seconds": b, "worldgen_seconds": g, "steps": n}.
Both loops generate each world (about 0.85 s a seed), so `ratio` falls toward 1 for short episodes and rises with
their length; `step_ratio` leaves world generation (timed in the raw loop) out of both: the per-step cost.
Each seed is timed `--repeat` times, the two loops taking turns, and the fastest time of each loop counts (as
`timeit` advises): on a shared host single timings of the same loop varied by 10-40 %, single ratios by 1.18-1.39."""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import crafter  # noqa: E402

from environments.crafter import CrafterEnv  # noqa: E402  (its import makes crafter replayable)


def seeds(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def agent(task: str, seed: int, length: int, runs: Path) -> tuple[float, str]:
    """Time of the agent loop itself: `team.run` (world generation, perception, skills, graph, checkpoints);
    imports and object construction happen before the clock starts, as for the raw loop."""
    from agents.mp5.graph import build_mp5_team

    team = build_mp5_team(task, seed=seed, length=length, record=False)
    started = time.perf_counter()
    result = team.run({"task": task}, runs_dir=runs)
    return time.perf_counter() - started, result.state["actions"]


def raw(seed: int, length: int, actions: str) -> tuple[float, float]:
    """(seconds in all, seconds of them generating the world): the same world and actions with crafter alone."""
    started = time.perf_counter()
    env = crafter.Env(size=(64, 64), length=length, seed=seed)
    env.reset()
    generated = time.perf_counter()
    for char in actions:
        env.step(ord(char) - ord("a"))
    return time.perf_counter() - started, generated - started


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="0-2")
    parser.add_argument("--length", type=int, default=2000)
    parser.add_argument("--task", default="unlock all achievements")
    parser.add_argument("--repeat", type=int, default=3, help="timings per seed and loop; the fastest counts")
    args = parser.parse_args()
    assert CrafterEnv  # the adapter module patches crafter for deterministic replays
    total_agent = total_raw = total_gen = steps = 0
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ROLEGRAPH_RUNS_DIR"] = tmp
        for seed in seeds(args.seeds):
            timings = []
            for _ in range(max(1, args.repeat)):
                a, actions = agent(args.task, seed, args.length, Path(tmp))
                timings.append((a, *raw(seed, args.length, actions), actions))
            if len({t[3] for t in timings}) > 1:
                sys.exit(f"seed {seed}: the agent's actions differed between repeats; timings would not compare")
            a = min(t[0] for t in timings)
            r, g = min((t[1], t[2]) for t in timings)
            total_agent, total_raw, total_gen = total_agent + a, total_raw + r, total_gen + g
            steps += len(actions)
            print(f"seed {seed}: {len(actions)} steps, agent {a:.2f}s, raw {r:.2f}s (world generation {g:.2f}s), "
                  f"ratio {a / r:.2f}", flush=True)
    print(json.dumps({"ratio": round(total_agent / total_raw, 3),
                      "step_ratio": round((total_agent - total_gen) / (total_raw - total_gen), 3),
                      "agent_seconds": round(total_agent, 2), "raw_seconds": round(total_raw, 2),
                      "worldgen_seconds": round(total_gen, 2), "steps": steps}))
