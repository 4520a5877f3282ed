"""A new two-role team (writer + critic) with one tool, composed from the library in a few lines."""
import sys
from pathlib import Path
from typing import TypedDict

from pydantic import BaseModel

from agents.core import END, START, ModelRegistry, Role, Team, Tool, load_settings

PROMPTS = Path(__file__).parent / "prompts"


def count_words(text: str) -> int:
    """Count the words in a text."""
    return len(text.split())


class Verdict(BaseModel):
    approve: bool
    critique: str = ""


class Blurb(TypedDict, total=False):
    product: str; limit: int; draft: str; critic: dict; critique: str  # noqa: E702


def build_team(models: ModelRegistry | None = None) -> Team:
    models = models or ModelRegistry(load_settings())
    writer = Role("writer", "writer.j2", models.for_role("writer"), tools=[Tool(count_words)], prompt_root=PROMPTS)
    critic = Role("critic", "critic.j2", models.for_role("critic"), output=Verdict, prompt_root=PROMPTS)
    team = Team("blurb", Blurb).add_node("writer", lambda s: {"draft": writer.ask(**{"critique": "", **s}).text})
    team.add_node("critic", lambda s: {"critic": (v := critic.ask(**s).parsed).model_dump(), "critique": v.critique})
    team.add_edge(START, "writer").add_edge("writer", "critic")
    return team.add_conditional_edges("critic", lambda s: END if s["critic"]["approve"] else "writer", ["writer", END])


if __name__ == "__main__":
    result = build_team().run({"product": " ".join(sys.argv[1:]) or "a solar kettle", "limit": 40})
    print(result.state["draft"])
