"""CrafterVision accuracy against Crafter's ground truth over varied day and night play.

    python bench/perception_accuracy.py --seeds 0-9 --frames 2000 [--size 64]

Per seed an episode of max(frames/seeds, 300) steps is played (Crafter's day cycle is 300 steps, so
every seed reaches night) by a policy mixing persistent random walks, `do`, sleeping, placing and
crafting; frames are sampled evenly from it. So that night is reached, the driver (not perception)
uses ground truth to keep the player alive: it never walks into lava and restores health when it
drops to 3 (the restored value is rendered like any other). A frame counts as night when crafter's daylight < 0.5,
the threshold below which crafter adds vignette noise. Tiles are scored by their top label (object
if any, else material) against info["semantic"] around info["player_pos"]; inventory by the
fraction of the 16 counts (vitals included) read exactly. The last line printed is JSON.
"""
from __future__ import annotations

import argparse
import collections
import json
import time

import numpy as np

from environments.crafter import SEMANTIC_NAMES, CrafterEnv, local_view_truth
from perception.crafter_textures import ITEMS
from perception.vision import CrafterVision

NIGHT = 0.5
MOVES = ["move_left", "move_right", "move_up", "move_down"]
OTHERS = ["do", "do", "do", "noop", "sleep", "place_stone", "place_table", "place_furnace", "place_plant",
          "make_wood_pickaxe", "make_stone_pickaxe", "make_wood_sword", "make_stone_sword"]


def seed_range(text: str) -> list[int]:
    """'0-9' -> [0..9]; '3' -> [3]; '1,5,7-8' -> [1, 5, 7, 8]."""
    out = []
    for part in text.split(","):
        lo, _, hi = part.partition("-")
        out += list(range(int(lo), int(hi or lo) + 1))
    return out


def policy(rng: np.random.Generator):
    """Persistent random walks interleaved with do/sleep/place/make."""
    move = MOVES[0]
    while True:
        if rng.random() < 0.55:
            if rng.random() < 0.3:
                move = MOVES[rng.integers(4)]
            yield move
        else:
            yield OTHERS[rng.integers(len(OTHERS))]


def avoid_lava(obs, action: str) -> str:
    """Replace a move into lava by noop (ground truth is fine here: this is the driver, not perception)."""
    if not action.startswith("move_"):
        return action
    dx, dy = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}[action[5:]]
    x, y = obs.info["player_pos"]
    semantic = obs.info["semantic"]
    inside = 0 <= x + dx < semantic.shape[0] and 0 <= y + dy < semantic.shape[1]
    return "noop" if inside and SEMANTIC_NAMES[semantic[x + dx, y + dy]] == "lava" else action


def play(seed: int, frames: int, size: int):
    """Yield (observation) for `frames` frames spread evenly over a >= 300-step episode."""
    steps = max(frames, 300)
    keep = set(np.linspace(0, steps - 1, frames).astype(int).tolist())
    env, rng = CrafterEnv(size=size, seed=seed), np.random.default_rng(seed)
    obs, actions, episode = env.reset(), policy(rng), 0
    for t in range(steps):
        if t in keep:
            yield obs
        obs = env.step(avoid_lava(obs, next(actions)))
        if obs.status["health"] <= 3 and not obs.done:
            env._env._player.health = 9
        if obs.done:
            episode += 1
            obs = env.reset(seed=seed * 1000 + episode)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seeds", default="0-9")
    parser.add_argument("--frames", type=int, default=2000)
    parser.add_argument("--size", type=int, default=64)
    args = parser.parse_args()
    seeds = seed_range(args.seeds)
    per_seed = [args.frames // len(seeds) + (i < args.frames % len(seeds)) for i in range(len(seeds))]
    vision = CrafterVision(size=args.size)
    hits = {"day": [0, 0], "night": [0, 0]}
    inv_hits = inv_total = 0
    confusion: collections.Counter = collections.Counter()
    seconds = 0.0
    for seed, n in zip(seeds, per_seed):
        for obs in play(seed, n, args.size):
            frame = np.asarray(obs.image)
            start = time.perf_counter()
            ids = vision.tiles(frame)[0]
            counts = vision.inventory(frame)
            seconds += time.perf_counter() - start
            truth = local_view_truth(obs)
            part = hits["night" if obs.status["daylight"] < NIGHT else "day"]
            part[0] += int((ids == truth).sum())
            part[1] += ids.size
            confusion.update(zip(truth.ravel().tolist(), ids.ravel().tolist()))
            inv_hits += sum(counts[k] == obs.info["inventory"][k] for k in ITEMS)
            inv_total += len(ITEMS)
    frames = sum(per_seed)
    print_confusion(confusion)
    night_share = hits["night"][1] / max(1, hits["day"][1] + hits["night"][1])
    print(f"size {args.size}: vision {frames / max(seconds, 1e-9):.0f} frames/s (tiles + inventory); night share {night_share:.2f}")
    result = {"frames": frames, "day_accuracy": round(hits["day"][0] / max(1, hits["day"][1]), 5),
              "night_accuracy": round(hits["night"][0] / max(1, hits["night"][1]), 5),
              "inventory_accuracy": round(inv_hits / max(1, inv_total), 5)}
    print(json.dumps(result))


def print_confusion(confusion: collections.Counter) -> None:
    """Per true class: support, recall, and the classes it was most often mistaken for."""
    print(f"{'class':<10} {'support':>8} {'recall':>8}  top confusions")
    for cid, name in enumerate(SEMANTIC_NAMES):
        row = {p: c for (t, p), c in confusion.items() if t == cid}
        support = sum(row.values())
        if not support:
            continue
        wrong = sorted(((c, p) for p, c in row.items() if p != cid), reverse=True)[:3]
        text = ", ".join(f"{SEMANTIC_NAMES[p]}:{c}" for c, p in wrong)
        print(f"{name:<10} {support:>8} {row.get(cid, 0) / support:>8.4f}  {text}")


if __name__ == "__main__":
    main()
