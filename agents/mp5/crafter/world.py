"""CrafterWorld: the MP5 `World` for Crafter. Skills run on a `Body`; the replay log is the session's identity."""
from __future__ import annotations

import inspect
from pathlib import Path


from agents.mp5.crafter.body import Body, OutOfSteps
from agents.mp5.crafter.skills import SKILLS
from agents.mp5.crafter.skills.survive import guard, reflexes
from agents.mp5.state import SkillCall
from agents.mp5.world import Asker, EpisodeOver, SkillResult
from environments.base import Observation
from perception.vision import Percept

REFLEX_SHARE = 0.5
"""Extra steps a skill may spend on survival reflexes, as a share of its own cap."""


class CrafterWorld:
    """A Crafter session for the MP5 graph. Reset lazily; `sync(log)` replays an action log exactly."""

    name = "crafter"

    def __init__(self, *, seed: int = 0, size: int = 64, length: int = 10000, record: bool = True) -> None:
        self.seed, self.size, self.length, self.record = seed, size, length, record
        self.body = Body(size=size, length=length, record=record)
        self._started = False

    # --- World protocol ---
    @property
    def obs(self) -> Observation:
        self._ensure()
        return self.body.obs

    @property
    def log(self) -> str:
        return self.body.log if self._started else ""

    @property
    def map(self):
        """The dead-reckoned map (`nearest(name)` -> offset from the player of the nearest remembered tile)."""
        self._ensure()
        return self.body.map

    def reset(self, seed: int) -> Observation:
        self.seed = seed
        self._started = True
        return self.body.reset(seed)

    def sync(self, log: str) -> None:
        """Make the session match `log`: nothing if it already does, else reset to the seed and replay it."""
        if self._started and log == self.body.log:
            return
        if self._started and log.startswith(self.body.log) and self.body.log:
            rest = log[len(self.body.log):]
        else:
            self.reset(self.seed)
            rest = log
        self.body.limit = None
        for char in rest:
            try:
                self.body.act(self.body.actions[ord(char) - ord("a")])
            except EpisodeOver:
                break

    def skills(self) -> dict[str, str]:
        return {name: spec.description for name, spec in SKILLS.items()}

    def run_skill(self, call: SkillCall, *, ask: Asker | None = None, max_steps: int = 1000) -> SkillResult:
        """Run one skill with a step cap; unknown skills or arguments give ok=False, episode end raises."""
        self._ensure()
        spec = SKILLS.get(call.skill)
        if spec is None:
            return SkillResult(ok=False, message=f"unknown skill {call.skill!r}; known: {', '.join(SKILLS)}")
        params = inspect.signature(spec.fn).parameters
        unknown = [k for k in call.args if k not in params]
        if unknown:
            return SkillResult(ok=False, message=f"{call.skill} does not take {', '.join(unknown)}")
        body, start = self.body, len(self.body.log)
        body.limit = start + max_steps
        body.reflex = reflexes(extra=int(max_steps * REFLEX_SHARE))
        body.guard = guard
        try:
            ok, message, details = spec.fn(body, **call.args)
        except OutOfSteps as stop:
            ok, message, details = False, f"{call.skill}: {stop}", {}
        except (TypeError, ValueError) as bad:
            ok, message, details = False, f"{call.skill}: bad arguments ({bad})", {}
        finally:
            body.limit, body.reflex, body.guard = None, None, None
        return SkillResult(ok=ok, message=message, steps=len(body.log) - start, details=details)

    def ground_truth(self) -> dict:
        """Semantic map, player position and facing of the current step: for evaluators only (skills never see it)."""
        self._ensure()
        return self.body.raw.ground_truth()

    def look(self) -> Percept:
        self._ensure()
        return self.body.percept

    def save_gif(self, path: str | Path) -> Path | None:
        env = self.body.env
        if not self.record or not getattr(env, "frames", None):
            return None
        return env.save(path)

    def close(self) -> None:
        self.body.env.close()

    def _ensure(self) -> None:
        if not self._started:
            self.reset(self.seed)

    def __repr__(self) -> str:
        return f"CrafterWorld(seed={self.seed}, steps={len(self.log)})"


