"""Reviewer (review phase): reads the diff; requested changes send the work back to the programmer (bounded)."""
from __future__ import annotations

import json

from agents.core.role import Role
from agents.software.crew import Crew
from agents.software.state import Review


def review(crew: Crew):
    role = Role("reviewer", "software/reviewer.j2", crew.models["reviewer"], output=Review)

    def node(state: dict) -> dict:
        reply = role.ask(task=state["task"], requirements=json.dumps(state.get("requirements", {})),
                         test=json.dumps(state.get("test", {})), diff=crew.tools.git_diff()[:12000])
        return {"review": reply.parsed.model_dump()}

    return node
