"""What the MP5 graph needs from a world: observe, run a skill, replay an action log. One per environment."""
from __future__ import annotations

from typing import Any, Callable, Protocol, runtime_checkable

from pydantic import BaseModel, Field

from agents.mp5.state import Answer, Question, SkillCall
from environments.base import Observation

Asker = Callable[[Question], Answer]
"""How a skill asks the Percipient a question while it runs ("is a tree in view?")."""


class SkillResult(BaseModel):
    """What one skill call did."""

    ok: bool
    message: str = ""
    steps: int = 0
    """World actions taken."""
    details: dict[str, Any] = Field(default_factory=dict)


class EpisodeOver(Exception):
    """The world ended (death or length cap) while a skill was running."""


@runtime_checkable
class World(Protocol):
    """A live world session. `log` is the replay key kept in the checkpointed state; `sync` makes the session
    match a log (after a resume), so re-running a node never applies its actions twice."""

    name: str
    obs: Observation
    log: str

    def reset(self, seed: int) -> Observation: ...

    def sync(self, log: str) -> None: ...

    def skills(self) -> dict[str, str]:
        """Skill name -> one-line description with arguments, for planners and prompts."""
        ...

    def run_skill(self, call: SkillCall, *, ask: Asker | None = None, max_steps: int = 1000) -> SkillResult: ...

    def look(self) -> Any:
        """The world's perception of the current frame (e.g. a `Percept`), for the knowledge Percipient."""
        ...

    def close(self) -> None: ...
