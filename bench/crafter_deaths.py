"""Why MP5 episodes ended: replays each episode of an eval directory in Crafter with every loss of health
attributed to its source (zombie, arrow, hunger/thirst/fatigue, lava), and names the skill running at the end.

    python bench/crafter_deaths.py runs/eval-YYYYMMDD-HHMMSS-xxxxxx [--last 6]
Prints one line per episode, then a JSON line {"episodes": n, "dead": d, "causes": {...}, "skills": {...},
"health_lost": {"<source> in <skill> at light <bucket>": points, ...}, "lost_per_1000_steps": {"<source>": points},
"lost_by_time_of_day": {"<first step of a 20-step slice of crafter's 300-step day>": points}}
(skills as the Performer ran them; survival reflexes run inside the skill they interrupted). Losses per 1000 steps
compare variants whose episodes last differently long. By time of day: crafter's zombies come at step % 300 of about
116 (daylight 0.83) and are not removed before about 304 of the same day, so losses at dusk and at dawn show apart."""
from __future__ import annotations

import argparse
import collections
import contextlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import crafter  # noqa: E402
from crafter import objects  # noqa: E402

from environments.crafter import CrafterEnv  # noqa: E402  (its import makes crafter replayable)

LOG: list[tuple[str, int]] = []
"""(source, health lost) during the current step."""


def _attribute(cls, player, source) -> None:
    original = cls.update

    def update(self, *args, **kwargs):
        before = player.health
        result = original(self, *args, **kwargs)
        lost = before - player.health
        if lost > 0:
            LOG.append((source(self) if callable(source) else source, lost))
        return result

    cls.update = update


def _needs(player) -> str:
    inv = player.inventory
    zero = [n for n in ("food", "drink", "energy") if inv[n] <= 0]
    return "lava" if player.world[player.pos][0] == "lava" else "+".join(zero) or "needs"


@contextlib.contextmanager
def attributing(player):
    """Patch the creatures' and the player's `update` to log `player`'s health losses; restored on exit."""
    originals = {cls: cls.update for cls in (objects.Zombie, objects.Arrow, objects.Player)}
    _attribute(objects.Zombie, player, lambda _: "zombie(asleep)" if player.sleeping else "zombie")
    _attribute(objects.Arrow, player, "arrow")
    _attribute(objects.Player, player, lambda _: _needs(player))
    try:
        yield
    finally:
        for cls, update in originals.items():
            cls.update = update


def actions_of(run: Path) -> str:
    """The episode's action log, from its last checkpoint (through the team its run.json records)."""
    from agents.core.factory import load_factory

    recorded = json.loads((run / "run.json").read_text())
    team = load_factory(recorded["factory"])(**recorded["args"])
    return team.state(run.name, runs_dir=run.parent).get("actions", "")


def skill_spans(run: Path) -> list[tuple[int, str]]:
    """(first world step, skill) for each skill the Performer ran, from the trajectory's skill results."""
    spans, start, skill = [], 0, "-"
    for line in (run / "trajectory.jsonl").read_text().splitlines():
        event = json.loads(line)
        if event.get("kind") == "skill":
            skill = event["skill"] + ("(" + ",".join(str(v) for v in event.get("args", {}).values()) + ")")
            spans.append((start, skill))
        elif event.get("kind") == "skill_result":
            start += event.get("steps", 0)
    return spans or [(0, "-")]


def skill_at(spans: list[tuple[int, str]], step: int) -> str:
    return next((s for first, s in reversed(spans) if first <= step), "-")


def replay(seed: int, actions: str, last: int) -> dict:
    env = crafter.Env(size=(64, 64), length=10000, seed=seed)
    env.reset()
    losses: list[tuple[int, str, int]] = []
    info: dict = {}
    with attributing(env._player):
        for step, char in enumerate(actions):
            LOG.clear()
            _, _, done, info = env.step(ord(char) - ord("a"))
            losses += [(step, source, lost, round(float(env._world.daylight), 1)) for source, lost in LOG]
            if done:
                break
    dead = info.get("inventory", {}).get("health", 1) <= 0
    tail = losses[-last:]
    cause = collections.Counter(s for _, s, _, _ in tail).most_common(1)[0][0] if dead and tail else "-"
    return {"steps": len(actions), "dead": dead, "cause": cause, "tail": [f"{s}@{t}" for t, s, _, _ in tail],
            "losses": losses,
            "daylight": round(float(env._world.daylight), 2)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("eval_dir", type=Path)
    parser.add_argument("--last", type=int, default=6, help="health losses before death that name the cause")
    args = parser.parse_args()
    assert CrafterEnv
    causes, skills, rows, steps = collections.Counter(), collections.Counter(), 0, 0
    damage, sources, daytime = collections.Counter(), collections.Counter(), collections.Counter()
    for run in sorted(p for p in args.eval_dir.iterdir() if (p / "run.json").exists()):
        seed = json.loads((run / "run.json").read_text())["args"]["seed"]
        row = replay(seed, actions_of(run), args.last)
        spans = skill_spans(run)
        skill = spans[-1][1]
        for step, source, lost, light in row["losses"]:
            damage[f"{source} in {skill_at(spans, step).split('(')[0]} at light {'<0.5' if light < 0.5 else '>=0.5'}"] += lost
            sources[source.split("(")[0]] += lost
            daytime[step % 300 // 20 * 20] += lost
        rows, steps = rows + 1, steps + row["steps"]
        if row["dead"]:
            causes[row["cause"]] += 1
            skills[skill.split("(")[0]] += 1
        print(f"seed {seed}: {row['steps']} steps, {'dead: ' + row['cause'] if row['dead'] else 'alive'}, "
              f"skill {skill}, daylight {row['daylight']}, last losses {' '.join(row['tail'])}", flush=True)
    print(json.dumps({"episodes": rows, "dead": sum(causes.values()), "causes": dict(causes.most_common()),
                      "skills": dict(skills.most_common()), "health_lost": dict(damage.most_common(12)),
                      "lost_per_1000_steps": {k: round(1000 * v / max(steps, 1), 2) for k, v in sources.most_common()},
                      "lost_by_time_of_day": {str(k): daytime[k] for k in range(0, 300, 20)}}))
