"""Planner: a workflow of skills per sub-objective, situation-aware and re-planned on Patroller feedback."""
from __future__ import annotations

import json
from typing import Any

from agents.core.memory import Memory
from agents.core.models.base import ChatModel
from agents.core.models.errors import InvalidOutputError
from agents.core.role import Role
from agents.mp5.parser import _rules
from agents.mp5.state import Question, SkillCall, Subgoal, Workflow
from environments.knowledge import crafter as tech


class Plan(Workflow):
    """The Planner's answer: a workflow, or questions for the Percipient to answer first."""

    questions: list[Question] = []


def _fill(value: Any, values: dict[str, Any]) -> Any:
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        got = values.get(value[1:-1])
        return got
    if isinstance(value, dict):
        return {k: v for k, v in ((k, _fill(v, values)) for k, v in value.items()) if v is not None}
    return value


def template_values(goal: Subgoal, world: str = "crafter") -> dict[str, Any]:
    material = None
    if goal.kind == "collect" and world == "crafter":
        material = tech.how_to(f"collect_{goal.target}").material
    stations = goal.nearby or []
    return {"target": goal.target, "count": goal.count, "material": material,
            "station": stations[-1] if stations else None, **goal.conditions}


class KnowledgePlanner:
    """Workflows from rules.yaml templates; a remembered workflow for the same sub-objective is reused first."""

    def __init__(self, *, world: str = "crafter"):
        self.world = world

    def plan(self, goal: Subgoal, *, situation: dict, feedback: str = "", memories: list[Memory] = (),
             answers: list[dict] = (), asked: bool = False) -> Plan:
        rules = _rules()
        values = template_values(goal, self.world)
        if not asked and not feedback and self.world == "crafter":
            questions = [Question(**_fill(q, values)) for q in rules["questions"].get(goal.kind, [])]
            questions = [q for q in questions if q.kind not in ("nearest", "in_view") or q.target]
            if questions:
                return Plan(steps=[], questions=questions, rationale="look before planning")
        same = [m for m in memories if m.key == goal.name]
        if same and not feedback:
            return Plan(**{**same[0].data, "rationale": f"reused workflow #{same[0].id} from memory"})
        template = rules["workflows" if self.world == "crafter" else f"{self.world}_workflows"][goal.kind]
        if isinstance(template, dict):
            template = template[goal.target]
        steps = [SkillCall(skill=s["skill"], args=_fill(s.get("args", {}), values)) for s in template]
        return Plan(steps=steps, rationale=f"{goal.kind} template" + (f" after feedback: {feedback}" if feedback else ""))


class LlmPlanner:
    """MP5's planner: the model sees the sub-objective, the situation, Percipient answers, feedback and the top-2
    remembered workflows, and returns a workflow (or questions first). Unknown skills are sent back, bounded."""

    def __init__(self, model: ChatModel, skills: dict[str, str], *, max_fixes: int = 1, world: str = "crafter"):
        self.role = Role("planner", "mp5/planner.j2", model, output=Plan)
        self.world = world
        self.skills = skills
        self.max_fixes = max_fixes

    def plan(self, goal: Subgoal, *, situation: dict, feedback: str = "", memories: list[Memory] = (),
             answers: list[dict] = (), asked: bool = False) -> Plan:
        messages = self.role.messages(
            goal=goal.model_dump_json(exclude={"status", "attempts"}), situation=json.dumps(situation),
            feedback=feedback, skills=self.skills, answers=[json.dumps(a) for a in answers[-4:]],
            memories=[json.dumps(m.data) for m in memories[:2]], asked=asked, world=self.world.capitalize())
        for _ in range(self.max_fixes + 1):
            reply = self.role.ask(messages)
            plan: Plan = reply.parsed
            if asked:
                plan.questions = []
            unknown = sorted({s.skill for s in plan.steps} - set(self.skills))
            if not unknown and (plan.steps or plan.questions):
                return plan
            problem = f"unknown skills {unknown}" if unknown else "no steps and no questions"
            messages = messages + [reply.assistant_message(), {"role": "user", "content":
                                   f"That plan has {problem}. Use only these skills: {', '.join(self.skills)}."}]
        raise InvalidOutputError(f"the planner model kept producing unusable workflows ({problem})",
                                 endpoint=getattr(self.role.model, "name", "?"))
