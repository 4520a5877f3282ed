"""A small multi-step team used by the kill-and-resume tests (run as a script in a subprocess)."""
from __future__ import annotations

import operator
import sys
import time
from pathlib import Path
from typing import Annotated, TypedDict

from pydantic import BaseModel

from agents.core import END, START, Budget, Prompt, Role, Team
from agents.testing import FunctionModel

HERE = Path(__file__).resolve().parent


class Count(TypedDict, total=False):
    n: int
    log: Annotated[list[str], operator.add]
    proposal: dict


class Next(BaseModel):
    value: int


def _oracle(call) -> dict:
    return {"value": int(call.last_user_text.rsplit(" ", 1)[1]) + 1}


def build(total: int = 12, delay: float = 0.0, max_steps: int | None = None) -> Team:
    team = Team("counting", Count, budget=Budget(max_steps=max_steps),
                factory=f"{HERE / 'counting_team.py'}:build",
                factory_args={"total": total, "delay": delay, "max_steps": max_steps})
    prompt = Prompt("count.j2", root=HERE)
    team.add_node("propose", Role("proposer", prompt, FunctionModel(_oracle), output=Next, output_key="proposal",
                                  inputs=lambda s: {"n": s["n"]}))

    def apply(state):
        time.sleep(delay)
        value = state["proposal"]["value"]
        return {"n": value, "log": [f"step {value}"]}

    team.add_node("apply", apply)
    team.add_edge(START, "propose").add_edge("propose", "apply")
    team.add_conditional_edges("apply", lambda s: END if s["n"] >= total else "propose", ["propose", END])
    return team


if __name__ == "__main__":
    run_id, total, delay = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    result = build(total, delay).run({"n": 0, "log": []}, run_id=run_id)
    print(result.status, result.state["n"])
