"""The MP5 graph's state and the typed messages its modules exchange (all JSON-able for checkpoints)."""
from __future__ import annotations

from typing import Any, Literal, TypedDict

from pydantic import BaseModel, Field

SubgoalKind = Literal["collect", "place", "make", "achieve", "survive", "context"]


class Subgoal(BaseModel):
    """One sub-objective: obtain `count` of `target` (an item, a placeable or an achievement)."""

    name: str
    kind: SubgoalKind
    target: str
    count: int = Field(1, ge=1)
    requires: dict[str, int] = Field(default_factory=dict)
    """Tools that must be held."""
    nearby: list[str] = Field(default_factory=list)
    """Stations (table, furnace) that must be within reach."""
    conditions: dict[str, Any] = Field(default_factory=dict)
    """Context conditions for `context` subgoals (near, time, holding, adjacent)."""
    status: Literal["pending", "active", "done", "failed", "skipped"] = "pending"
    attempts: int = 0


class ParsedTask(BaseModel):
    """The Parser's output: what success means and the ordered sub-objectives that lead there."""

    task: str
    targets: list[str] = Field(description="Achievements or conditions that define success.")
    subgoals: list[Subgoal]
    mode: Literal["single", "all", "context"] = "single"


class SkillCall(BaseModel):
    """One line of a workflow: a Performer skill with arguments, repeated `repeat` times."""

    skill: str
    args: dict[str, Any] = Field(default_factory=dict)
    repeat: int = Field(1, ge=1, le=64)


class Workflow(BaseModel):
    """The Planner's output for one sub-objective."""

    steps: list[SkillCall]
    rationale: str = ""


class Question(BaseModel):
    """A typed question for the Percipient, in Crafter's terms."""

    kind: Literal["cell", "nearest", "in_view", "surroundings", "time", "inventory", "facing"]
    target: str | None = None
    """A material or creature for nearest/in_view."""
    cell: int | None = Field(None, ge=0, description="Set-of-Mark cell index (row * 9 + col) for kind=cell.")


class Answer(BaseModel):
    """The Percipient's answer with evidence cells and its confidence."""

    answer: str
    evidence: list[int] = Field(default_factory=list)
    confident: bool = True
    value: Any = None
    """Machine-readable value: a label, an offset (dx, dy), a bool, a dict."""


class PatrolReport(BaseModel):
    """The Patroller's verdict: did the sub-objective (or its preconditions) hold, and what to do next."""

    ok: bool
    feedback: str = ""
    suggestion: str = ""


class MP5State(TypedDict, total=False):
    """The graph state. The world itself is not state: it is rebuilt by replaying `actions` (idempotent nodes)."""

    task: str
    parsed: dict
    subgoals: list[dict]
    cursor: int
    workflow: dict | None
    check: dict | None
    feedback: str
    questions: list[dict]
    asked: bool
    """Whether the Percipient already answered the Planner's questions for the current sub-objective."""
    round: int
    """Pass over the sub-objectives (unlock-all retries failed ones on later passes)."""
    answers: list[dict]
    """The latest Percipient answers (bounded)."""
    actions: str
    """Every world action taken so far, one character each (replay key for resume)."""
    world: dict
    """Summary of the latest observation (inventory, vitals, achievements, step)."""
    outcome: str
