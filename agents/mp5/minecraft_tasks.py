"""Minecraft tasks for the MP5 team: "obtain a diamond", "craft a furnace", "smelt an iron ingot" -> an item id,
decomposed with the tech tree built from minecraft-data recipes (environments.knowledge.minecraft)."""
from __future__ import annotations

import difflib
import re

from agents.core.errors import UserInputError
from agents.mp5.state import ParsedTask, Subgoal
from environments.knowledge import minecraft as mc

VERBS = r"(?:obtain|get|craft|make|mine|collect|smelt|gather|build)"
KIND = {"mine": "collect", "craft": "make", "smelt": "make", "place": "place"}


def resolve(task: str) -> tuple[str, int]:
    """(item id, count) a task names, e.g. "obtain 3 oak logs" -> ("oak_log", 3)."""
    match = re.fullmatch(rf"\s*{VERBS}?\s*(?:an?|the|some)?\s*(\d+)\s.*", task.lower())
    return resolve_item(task), int(match.group(1)) if match else 1


def resolve_item(task: str) -> str:
    """The item id a task names, or a one-line error naming close items."""
    match = re.fullmatch(rf"\s*{VERBS}?\s*(?:an?|the|some)?\s*(\d+\s+)?([a-z_ ]+?)s?\s*", task.lower())
    name = (match.group(2) if match else task).strip().replace(" ", "_")  # "3 oak logs" -> oak_log
    items = set(mc.data().items.values())
    for candidate in (name, name + "s", name.rstrip("s")):
        if candidate in items:
            return candidate
    close = difflib.get_close_matches(name, sorted(items), n=3, cutoff=0.6)
    hint = f"; did you mean: {', '.join(close)}" if close else ""
    raise UserInputError(f"unknown Minecraft task {task!r}: no item {name!r}{hint}")


def subgoals_for(item: str, count: int = 1, inventory: dict[str, int] | None = None) -> list[Subgoal]:
    """MP5's task-file lines (task, quantity, material, tool, platform) as sub-objectives."""
    out = []
    for step in mc.expand(item, count=count, inventory=inventory):
        out.append(Subgoal(name=f"{step.task} {step.name} x{step.quantity}", kind=KIND[step.task], target=step.name,
                           count=step.quantity, requires={step.tool: 1} if step.tool else {},
                           nearby=[step.platform] if step.platform else [],
                           conditions={"block": step.block} if step.block else {}))
    return out


class MinecraftParser:
    """Knowledge brain of the Parser in Minecraft."""

    def parse(self, task: str) -> ParsedTask:
        item, count = resolve(task)
        return ParsedTask(task=task, targets=[f"obtain_{item}"], subgoals=subgoals_for(item, count))


def known_items() -> tuple[str, ...]:
    return tuple(sorted(set(mc.data().items.values())))
