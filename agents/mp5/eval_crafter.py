"""`rolegraph eval crafter` and `crafter-context`: MP5 episodes in parallel (process pool, or Ray when asked)."""
from __future__ import annotations

import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Any, Callable

from agents.mp5.evaluate import context_success, crafter_score, success_rates

ALL = "unlock all achievements"


def run_episode(task: str, seed: int, runs_dir: str, length: int = 10000, brains: str | None = None) -> dict[str, Any]:
    """One episode in this process; returns what the evaluator needs (ground truth judged here, not by the agent)."""
    os.environ["ROLEGRAPH_RUNS_DIR"] = runs_dir
    from agents.mp5.graph import build_mp5_team

    started = time.monotonic()
    team = build_mp5_team(task, seed=seed, length=length, record=False, brains=brains)
    run_id = f"{re.sub(r'[^a-z0-9]+', '-', task.lower()).strip('-')[:40]}-seed-{seed}"
    result = team.run({"task": task}, run_id=run_id, task=task, runs_dir=runs_dir)
    world = team.world
    obs = world.obs
    row = {"task": task, "seed": seed, "achievements": list(obs.achievements), "steps": obs.step,
           "reward": float(getattr(world, "total_reward", len(obs.achievements))), "status": result.status,
           "outcome": result.state.get("outcome"), "seconds": time.monotonic() - started}
    from agents.mp5.tasks import resolve

    spec = resolve(task)
    if spec.mode == "context":
        truth = world.ground_truth() if hasattr(world, "ground_truth") else None
        verdict = context_success(spec.conditions, obs, truth)
        row.update(conditions=verdict, success=all(verdict.values()), level=spec.level)
    world.close()
    return row


def run_many(jobs: list[tuple[str, int]], *, runs_dir: Path, workers: int, length: int, brains: str | None,
             ray_address: str | None, progress: Callable[[dict], None]) -> list[dict[str, Any]]:
    """Run (task, seed) jobs on `workers` processes or a Ray cluster; `progress` is called as each finishes."""
    runs_dir.mkdir(parents=True, exist_ok=True)
    rows = []
    if ray_address is not None:
        import ray

        ray.init(address=None if ray_address == "local" else ray_address, ignore_reinit_error=True,
                 num_cpus=workers if ray_address == "local" else None, log_to_driver=False)
        remote = ray.remote(run_episode)
        pending = [remote.remote(t, s, str(runs_dir), length, brains) for t, s in jobs]
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            row = ray.get(done[0])
            rows.append(row)
            progress(row)
        return rows
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run_episode, t, s, str(runs_dir), length, brains) for t, s in jobs]
        for future in as_completed(futures):
            row = future.result()
            rows.append(row)
            progress(row)
    return rows


def crafter_report(rows: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    rates = success_rates([r["achievements"] for r in rows])
    return {"score": crafter_score(rates.values()), "success_rates": rates, "episodes": len(rows),
            "mean_reward": sum(r["reward"] for r in rows) / max(1, len(rows)), "seconds": seconds,
            "seeds": sorted(r["seed"] for r in rows),
            "per_episode": [{k: r[k] for k in ("seed", "steps", "reward", "outcome", "achievements")}
                            for r in sorted(rows, key=lambda r: r["seed"])]}


def context_report(rows: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    levels: dict[int, list[bool]] = {}
    for r in rows:
        levels.setdefault(r["level"], []).append(bool(r["success"]))
    return {"success_per_level": {f"L{k}": 100.0 * sum(v) / len(v) for k, v in sorted(levels.items())},
            "episodes": len(rows), "seconds": seconds,
            "per_task": {r["task"]: r["success"] for r in rows}}
