"""The task catalogue: Crafter's 22 achievements (from its data.yaml), "unlock all", and context tasks (data)."""
from __future__ import annotations

import difflib
import functools
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, Field

from agents.core.errors import UserInputError
from environments.knowledge import crafter as tech

_ARTICLES = re.compile(r"\b(a|an|the|some)\b")


class TaskSpec(BaseModel):
    """A resolved task: its mode, the achievements that define success, and context conditions if any."""

    text: str
    mode: str = Field(description="single | all | context")
    achievements: list[str] = Field(default_factory=list)
    conditions: dict[str, Any] = Field(default_factory=dict)
    level: int = 0


@functools.cache
def catalogue() -> dict[str, Any]:
    return yaml.safe_load((Path(__file__).parent / "tasks.yaml").read_text())


def normalise(text: str) -> str:
    text = _ARTICLES.sub(" ", text.lower().replace("_", " "))
    return " ".join(re.findall(r"[a-z0-9]+", text))


def phrase(achievement: str) -> str:
    """The canonical task text of an achievement: collect_diamond -> "collect diamond"."""
    return achievement.replace("_", " ")


def known_tasks() -> dict[str, TaskSpec]:
    """Every task text rolegraph understands on Crafter, normalised text -> spec."""
    cat = catalogue()
    tasks: dict[str, TaskSpec] = {}
    for ach in tech.achievements():
        tasks[normalise(phrase(ach))] = TaskSpec(text=phrase(ach), mode="single", achievements=[ach])
    for alias, ach in cat["aliases"].items():
        tasks[normalise(alias)] = TaskSpec(text=alias, mode="single", achievements=[ach])
    for text in cat["all_tasks"]:
        tasks[normalise(text)] = TaskSpec(text=text, mode="all", achievements=tech.achievements())
    for row in cat["context"]:
        conditions = {k: v for k, v in row.items() if k not in ("task", "level")}
        tasks[normalise(row["task"])] = TaskSpec(text=row["task"], mode="context", conditions=conditions,
                                                 level=row["level"])
    return tasks


def resolve(text: str) -> TaskSpec:
    """The spec for `text`, or a one-line `UserInputError` naming close known tasks."""
    tasks = known_tasks()
    key = normalise(text)
    if key in tasks:
        return tasks[key].model_copy(update={"text": text})
    close = difflib.get_close_matches(key, list(tasks), n=3, cutoff=0.5)
    hint = f"; did you mean: {', '.join(repr(tasks[c].text) for c in close)}" if close else ""
    raise UserInputError(f"unknown task {text!r}{hint} (list all with `rolegraph tasks`)")


def context_tasks(level: int | None = None) -> list[TaskSpec]:
    return [t for t in known_tasks().values() if t.mode == "context" and (level is None or t.level == level)]
