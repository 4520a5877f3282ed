"""The world-independent contract every environment adapter matches by shape."""
from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from PIL import Image
from pydantic import BaseModel, ConfigDict, Field


class Observation(BaseModel):
    """What an environment shows after reset or step."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    image: Image.Image | None = None
    """The rendered frame; the only input pixel perception may use."""
    inventory: dict[str, int] = Field(default_factory=dict)
    """Items held (no vitals), by name."""
    status: dict[str, Any] = Field(default_factory=dict)
    """Vitals and world status (health, food, drink, energy, daylight, sleeping...)."""
    achievements: list[str] = Field(default_factory=list)
    """Achievements unlocked so far in this episode."""
    done: bool = False
    reward: float = 0.0
    step: int = 0
    info: dict[str, Any] = Field(default_factory=dict)
    """World-specific extras and ground truth (for tests, benchmarks and evaluators, never for perception)."""

    def summary(self) -> dict[str, Any]:
        """A small JSON-able dict for trajectories: no image, no ground-truth arrays."""
        return {
            "step": self.step,
            "inventory": {k: v for k, v in self.inventory.items() if v},
            "status": {k: (round(v, 3) if isinstance(v, float) else v) for k, v in self.status.items()},
            "achievements": list(self.achievements),
            "done": self.done,
            "reward": round(float(self.reward), 4),
        }


@runtime_checkable
class Environment(Protocol):
    """A world the agent acts in; adapters match this by shape."""

    actions: list[str]

    def reset(self, seed: int | None = None) -> Observation: ...

    def step(self, action: str | int) -> Observation: ...

    def close(self) -> None: ...
