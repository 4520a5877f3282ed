"""How economical are the llm brains? All five modules run `llm`, each driven by a FunctionModel oracle that
computes its reply from the true state, on "unlock all achievements" episodes.

    python bench/llm_economy.py --episodes 5 [--seed-start 0] [--length 10000]
Last line: {"calls_per_subobjective": c, "prompt_tokens_per_call": t, "score": s}"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from agents.mp5.evaluate import crafter_score, success_rates  # noqa: E402
from agents.mp5.graph import build_mp5_team  # noqa: E402
from agents.mp5.parser import KnowledgeParser  # noqa: E402
from agents.mp5.patroller import satisfied  # noqa: E402
from agents.mp5.percipient import KnowledgePercipient  # noqa: E402
from agents.mp5.planner import KnowledgePlanner  # noqa: E402
from agents.mp5.state import Question, Subgoal  # noqa: E402
from agents.testing import FunctionModel  # noqa: E402

TASK = "unlock all achievements"


def _json_after(label: str, text: str) -> dict:
    return json.loads(re.search(rf"{label}: (\{{.*\}})", text).group(1))


def oracles(world) -> dict:
    """Per-role FunctionModels that answer from the live world (its true state), never from the prompt's guesses."""
    def parser(call):
        return KnowledgeParser().parse(TASK).model_dump()

    def planner(call):
        goal = Subgoal(**_json_after("Sub-objective", call.last_user_text))
        return KnowledgePlanner().plan(goal, situation={}, asked=True).model_dump()

    def percipient(call):
        question = Question(**_json_after("Question", call.last_user_text))
        return {**KnowledgePercipient().answer(question, world).model_dump(), "zoom": []}

    def patroller(call):
        goal = Subgoal(**{**_json_after("Sub-objective", call.last_user_text), "status": "active"})
        ok = satisfied(goal, world.obs.summary(), world.look())
        return {"ok": ok, "feedback": "reached" if ok else "not reached", "suggestion": ""}

    return {"parser": FunctionModel(parser), "planner": FunctionModel(planner),
            "percipient": FunctionModel(percipient), "patroller": FunctionModel(patroller)}


def episode(seed: int, length: int, runs: Path) -> dict:
    from agents.mp5.graph import make_world

    world = make_world("crafter", seed=seed, size=64, length=length, record=False)
    team = build_mp5_team(TASK, seed=seed, length=length, world=world, models=oracles(world),
                          brains="parser=llm,percipient=llm,planner=llm,performer=llm,patroller=llm")
    result = team.run({"task": TASK}, runs_dir=runs)
    calls = sum(int(u["calls"]) for u in result.usage.values())
    prompt = sum(int(u["prompt_tokens"]) for u in result.usage.values())
    attempted = sum(1 for s in result.state["subgoals"] if s["status"] != "pending")
    return {"seed": seed, "calls": calls, "prompt_tokens": prompt, "subgoals": attempted,
            "achievements": list(world.obs.achievements)}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--episodes", type=int, default=5)
    parser.add_argument("--seed-start", type=int, default=0)
    parser.add_argument("--length", type=int, default=10000)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ROLEGRAPH_RUNS_DIR"] = tmp
        for seed in range(args.seed_start, args.seed_start + args.episodes):
            row = episode(seed, args.length, Path(tmp))
            print(json.dumps({k: v for k, v in row.items() if k != "achievements"}), flush=True)
            rows.append(row)
    calls = sum(r["calls"] for r in rows)
    print(json.dumps({"calls_per_subobjective": round(calls / max(1, sum(r["subgoals"] for r in rows)), 3),
                      "prompt_tokens_per_call": round(sum(r["prompt_tokens"] for r in rows) / max(1, calls), 1),
                      "score": round(crafter_score(success_rates([r["achievements"] for r in rows]).values()), 2)}))
