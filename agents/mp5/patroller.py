"""Patroller: rule preconditions before a workflow and a success check after it, with feedback for the Planner."""
from __future__ import annotations

import json
from typing import Any

from agents.core.models.base import ChatModel
from agents.core.role import Role
from agents.mp5.state import PatrolReport, Subgoal
from environments.knowledge import crafter as tech


def satisfied(goal: Subgoal, world: dict, look: Any = None, *, world_name: str = "crafter") -> bool:
    """Whether the sub-objective already holds in this observation summary (inventory, achievements)."""
    inventory, achievements = world.get("inventory", {}), set(world.get("achievements", []))
    if world_name == "minecraft":
        if goal.kind == "place":
            return look is not None and bool(look.find(goal.target))
        return inventory.get(goal.target, 0) >= goal.count
    if goal.kind in ("collect", "make"):
        if goal.target == "drink":
            return "collect_drink" in achievements and world.get("status", {}).get("drink", 0) >= 9
        if goal.target == "sapling" and "place_plant" in achievements:
            return True
        return inventory.get(goal.target, 0) >= goal.count
    if goal.kind == "place":
        return f"place_{goal.target}" in achievements and _visible(look, goal.target)
    if goal.kind == "achieve":
        return goal.target in achievements
    if goal.kind == "context":
        return context_holds(goal.conditions, world, look)
    return False


def context_holds(conditions: dict[str, Any], world: dict, look: Any) -> bool:
    """Context conditions as the agent perceives them (the evaluator judges from ground truth separately)."""
    if look is None:
        return False
    if "holding" in conditions and world.get("inventory", {}).get(conditions["holding"], 0) < 1:
        return False
    if "time" in conditions and (look.daylight < 0.35) != (conditions["time"] == "night"):
        return False
    if "adjacent" in conditions and not any(abs(dx) + abs(dy) == 1 for dx, dy in look.find(conditions["adjacent"])):
        return False
    if "near" in conditions and not any(abs(dx) + abs(dy) <= 3 for dx, dy in look.find(conditions["near"])):
        return False
    return True


def _visible(look: Any, name: str) -> bool:
    return look is None or bool(look.find(name))


def preconditions(goal: Subgoal, world: dict, *, world_name: str = "crafter") -> PatrolReport:
    """Tools that must be held and materials a recipe consumes (stations are found or placed by the skill).
    In Minecraft the `obtain` skill re-plans from the inventory itself, so only Crafter is checked here."""
    inventory = world.get("inventory", {})
    if goal.kind not in ("collect", "place", "make") or world_name != "crafter":
        return PatrolReport(ok=True)
    recipe = tech.how_to(f"{goal.kind}_{goal.target}")
    missing = {k: v - inventory.get(k, 0) for k, v in {**recipe.requires, **recipe.uses}.items()
               if inventory.get(k, 0) < v}
    if not missing:
        return PatrolReport(ok=True)
    need = ", ".join(f"{v} {k}" for k, v in missing.items())
    return PatrolReport(ok=False, feedback=f"cannot {goal.name} yet: missing {need}",
                        suggestion=f"obtain {need} first")


class KnowledgePatroller:
    """Rule checks only."""

    def __init__(self, *, world: str = "crafter"):
        self.world = world

    def check(self, goal: Subgoal, *, before: dict, after: dict, results: list[dict], look: Any = None) -> PatrolReport:
        if satisfied(goal, after, look, world_name=self.world):
            return PatrolReport(ok=True, feedback=f"{goal.name}: done")
        failed = next((r for r in results if not r.get("ok")), None)
        why = failed["message"] if failed else "the workflow finished without reaching the goal"
        return PatrolReport(ok=False, feedback=f"{goal.name} not reached: {why}",
                            suggestion="explore further before retrying" if "not found" in why else "retry")


class LlmPatroller:
    """MP5's patroller: rule preconditions stay deterministic; after a workflow the model reads the evidence
    (inventory and achievements before/after, skill results, the rule verdict) and returns feedback."""

    def __init__(self, model: ChatModel, *, world: str = "crafter"):
        self.role = Role("patroller", "mp5/patroller.j2", model, output=PatrolReport)
        self.world = world

    def check(self, goal: Subgoal, *, before: dict, after: dict, results: list[dict], look: Any = None) -> PatrolReport:
        rule = satisfied(goal, after, look, world_name=self.world)
        reply = self.role.ask(goal=goal.model_dump_json(exclude={"status"}), before=json.dumps(before),
                              after=json.dumps(after), results=json.dumps(results[-6:]), rule_ok=rule,
                              world=self.world.capitalize())
        report: PatrolReport = reply.parsed
        return report if report.ok == rule else report.model_copy(update={"ok": rule})
