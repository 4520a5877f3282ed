"""Obtain a diamond from an empty inventory with the scripted knowledge run on the bundled Minecraft server.

Prints one line per seed and, last, {"success": k, "runs": n, "median_seconds": s} (median over successes).
Usage: python bench/minecraft_probe.py --seeds 3 [--first-seed 100] [--target diamond] [--budget 600]
"""
from __future__ import annotations

import argparse
import json
import statistics

from environments.minecraft import MinecraftEnv, MinecraftSetupError
from environments.minecraft.scripted import obtain


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    parser.add_argument("--first-seed", type=int, default=100)
    parser.add_argument("--target", default="diamond")
    parser.add_argument("--budget", type=float, default=600.0)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    times, wins = [], 0
    for seed in range(args.first_seed, args.first_seed + args.seeds):
        try:
            with MinecraftEnv(seed=seed) as env:
                env.reset()
                run = obtain(args.target, env, budget_s=args.budget, echo=print if args.verbose else None)
        except MinecraftSetupError as err:
            raise SystemExit(str(err))
        wins += run.success
        if run.success:
            times.append(run.seconds)
        print(f"seed {seed}: {'success' if run.success else 'FAIL'} {run.seconds:.1f}s {run.message}", flush=True)
    median = round(statistics.median(times), 1) if times else None
    print(json.dumps({"success": wins, "runs": args.seeds, "median_seconds": median}))


if __name__ == "__main__":
    main()
