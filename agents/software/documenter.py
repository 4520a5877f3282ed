"""Document phase: the product owner updates user-facing docs for the change, then it is committed."""
from __future__ import annotations

import json

from agents.core.role import Role
from agents.software.crew import READ_TOOLS, WRITE_TOOLS, Crew
from agents.software.state import DocReport


def document(crew: Crew):
    def node(state: dict) -> dict:
        role = Role("documenter", "software/documenter.j2", crew.models["documenter"], output=DocReport,
                    tools=crew.tool_set(*READ_TOOLS, *WRITE_TOOLS), max_tool_rounds=8)
        reply = role.ask(task=state["task"], code=json.dumps(state.get("code", {})))
        commits = state.get("commits", []) + crew.commit("document", state["task"])
        return {"docs": reply.parsed.model_dump(), "commits": commits}

    return node
