"""Budgets and the stuck detector: the ways a run ends other than finishing, each with its own status."""
from __future__ import annotations

from collections import deque
from typing import Hashable

from pydantic import BaseModel, Field


class Budget(BaseModel):
    """Limits for one run. Checked before every node, so a run overshoots by at most one step."""

    max_steps: int | None = Field(None, ge=0, description="Graph node executions.")
    max_tokens: int | None = Field(None, ge=0, description="Prompt + completion tokens over all roles.")
    max_cost: float | None = Field(None, ge=0, description="Dollars, from the model price table.")
    max_seconds: float | None = Field(None, ge=0, description="Wall time spent running (resumes add up).")


class RunStopped(Exception):
    """Raised inside a node wrapper to end the run with `status` (checkpoint stays at the last good step)."""

    def __init__(self, status: str, message: str):
        super().__init__(message)
        self.status = status


def check_budget(budget: Budget, *, steps: int, tokens: int, cost: float, seconds: float) -> None:
    """Raise `RunStopped` with the first exhausted limit."""
    if budget.max_steps is not None and steps >= budget.max_steps:
        raise RunStopped("max_steps", f"step budget of {budget.max_steps} used up")
    if budget.max_tokens is not None and tokens >= budget.max_tokens:
        raise RunStopped("max_tokens", f"token budget of {budget.max_tokens} used up ({tokens})")
    if budget.max_cost is not None and cost >= budget.max_cost:
        raise RunStopped("max_cost", f"cost budget of ${budget.max_cost:.4f} used up (${cost:.4f})")
    if budget.max_seconds is not None and seconds >= budget.max_seconds:
        raise RunStopped("max_time", f"time budget of {budget.max_seconds:.0f}s used up")


class StuckDetector:
    """Flags a run whose (action, observation) fingerprint repeats `patience` times in a row."""

    def __init__(self, patience: int = 8):
        self.patience = patience
        self.recent: deque[Hashable] = deque(maxlen=patience)

    def observe(self, fingerprint: Hashable | None) -> None:
        if fingerprint is None:
            return
        self.recent.append(fingerprint)
        if len(self.recent) == self.patience and len(set(self.recent)) == 1:
            raise RunStopped("stuck", f"the same action and observation repeated {self.patience} times")
