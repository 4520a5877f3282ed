"""Product owner (analyse phase): requirements and acceptance checks, informed by past experiences."""
from __future__ import annotations

from agents.core.role import Role
from agents.software.crew import Crew
from agents.software.experience import recall
from agents.software.state import Requirements


def analyse(crew: Crew):
    role = Role("product", "software/product.j2", crew.models["product"], output=Requirements)

    def node(state: dict) -> dict:
        experiences = recall(crew.memory, state["task"])
        reply = role.ask(task=state["task"], experiences=experiences, listing=crew.listing())
        return {"requirements": reply.parsed.model_dump(), "experiences": experiences}

    return node
