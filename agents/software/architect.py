"""Architect (design phase): files and steps; also answers the programmer's questions (bounded)."""
from __future__ import annotations

import json

from agents.core.role import Role
from agents.software.crew import Crew
from agents.software.state import Design


def _role(crew: Crew, output=None) -> Role:
    return Role("architect", "software/architect.j2", crew.models["architect"], output=output)


def design(crew: Crew):
    role = _role(crew, Design)

    def node(state: dict) -> dict:
        reply = role.ask(task=state["task"], requirements=json.dumps(state.get("requirements", {})),
                         experiences=state.get("experiences", []), listing=crew.listing(), question="")
        return {"design": reply.parsed.model_dump()}

    return node


def answerer(crew: Crew, state: dict):
    """A tool for the programmer: ask the architect for specifics, at most `crew.max_questions` times."""
    role = _role(crew)
    asked = {"n": 0}

    def ask_architect(question: str) -> str:
        """Ask the architect a specific question about the design before or while coding."""
        if asked["n"] >= crew.max_questions:
            return f"error: the architect already answered {crew.max_questions} questions; decide yourself"
        asked["n"] += 1
        return role.ask(task=state["task"], requirements=json.dumps(state.get("requirements", {})),
                        experiences=[], listing=crew.listing(), question=question).text

    return ask_architect
