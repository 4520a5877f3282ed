"""Performer: runs a workflow's skills in the world, stopping at the first failure.

Skills are world code (see the world's `skills()`); both brains run the same skills. With the `llm` brain,
questions a skill asks while running ("is a tree in view?") go to the Percipient (whatever its brain);
with `knowledge`, skills read pixel perception directly."""
from __future__ import annotations

from typing import Callable

from agents.mp5.state import Answer, Question, SkillCall, Workflow
from agents.mp5.world import EpisodeOver, SkillResult, World


class Performer:
    def __init__(self, *, ask: Callable[[Question], Answer] | None = None, max_steps_per_skill: int = 1500):
        self.ask = ask
        self.max_steps_per_skill = max_steps_per_skill

    def perform(self, workflow: Workflow, world: World, *, on_skill: Callable[[SkillCall], None] | None = None
                ) -> tuple[list[SkillResult], bool]:
        """Results per skill call and whether the episode ended."""
        results: list[SkillResult] = []
        for call in workflow.steps:
            for _ in range(call.repeat):
                if on_skill is not None:
                    on_skill(call)
                try:
                    result = world.run_skill(call, ask=self.ask, max_steps=self.max_steps_per_skill)
                except EpisodeOver as over:
                    results.append(SkillResult(ok=False, message=f"episode over: {over}"))
                    return results, True
                results.append(result)
                if not result.ok:
                    return results, False
        return results, False
