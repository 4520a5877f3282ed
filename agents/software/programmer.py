"""Programmer (code phase): a tool loop in the worktree; commits what changed on the run's branch."""
from __future__ import annotations

import json

from agents.core.role import Role
from agents.core.tool import Tool
from agents.software.architect import answerer
from agents.software.crew import READ_TOOLS, RUN_TOOLS, WRITE_TOOLS, Crew
from agents.software.state import CodeReport


def code(crew: Crew, *, max_tool_rounds: int = 24):
    def node(state: dict) -> dict:
        can_ask = "design" in state.get("phases", [])
        tools = crew.tool_set(*READ_TOOLS, *WRITE_TOOLS, *RUN_TOOLS)
        if can_ask:
            tools.append(Tool(answerer(crew, state)))
        role = Role("programmer", "software/programmer.j2", crew.models["programmer"], output=CodeReport,
                    tools=tools, max_tool_rounds=max_tool_rounds)
        review = state.get("review") or {}
        reply = role.ask(task=state["task"], can_ask=can_ask,
                         requirements=json.dumps(state["requirements"]) if state.get("requirements") else "",
                         design=json.dumps(state["design"]) if state.get("design") else "",
                         test=json.dumps(state["test"]) if state.get("test") and not state["test"]["passed"] else "",
                         review="; ".join(review.get("comments", [])) if review and not review.get("approve") else "")
        commits = state.get("commits", []) + crew.commit("code", state["task"])
        return {"code": reply.parsed.model_dump(), "code_rounds": state.get("code_rounds", 0) + 1, "commits": commits}

    return node
