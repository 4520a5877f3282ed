"""Two debaters and a judge composed from the library. Uses ROLEGRAPH_MODEL / OPENAI_BASE_URL when set."""
import operator
import sys
from pathlib import Path
from typing import Annotated, Literal, TypedDict

from pydantic import BaseModel

from agents.core import END, START, ModelRegistry, Role, Team, load_settings

PROMPTS = Path(__file__).parent / "prompts"


class Verdict(BaseModel):
    winner: Literal["pro", "con"]
    reason: str


class Debate(TypedDict, total=False):
    topic: str
    transcript: Annotated[list[str], operator.add]
    verdict: dict


def build_team(rounds: int = 2) -> Team:
    models = ModelRegistry(load_settings())
    team = Team("debate", Debate, factory=f"{Path(__file__).resolve()}:build_team", factory_args={"rounds": rounds})
    for side in ("pro", "con"):
        role = Role(side, "debater.j2", models.for_role(side), prompt_root=PROMPTS, inputs=lambda s, side=side: {**s, "side": side})
        team.add_node(side, lambda s, role=role, side=side: {"transcript": [f"{side}: {role.ask(**role.inputs(s)).text}"]})
    team.add_node("judge", Role("judge", "judge.j2", models.for_role("judge"), output=Verdict, prompt_root=PROMPTS, output_key="verdict"))
    team.add_edge(START, "pro").add_edge("pro", "con")
    team.add_conditional_edges("con", lambda s: "judge" if len(s["transcript"]) >= 2 * rounds else "pro", ["pro", "judge"])
    return team.add_edge("judge", END)


if __name__ == "__main__":
    result = build_team().run({"topic": " ".join(sys.argv[1:]) or "Robots should do the dishes", "transcript": []})
    print("\n".join(result.state["transcript"]))
    print(f"verdict: {result.state['verdict']['winner']} ({result.state['verdict']['reason']})  [run {result.run_id}]")
