"""Percipient: answers typed questions about the current frame, with evidence cells.

`knowledge` answers from pixel perception (CrafterVision) and the spatial memory; `llm` shows a multimodal model
the frame with a Set-of-Mark grid and, when the model is unsure, a zoomed crop of the cells it asks for (bounded
rounds), as in MP5's active perception. Answers are cached per (frame hash, question)."""
from __future__ import annotations

import json
from collections import Counter
from typing import Any

from pydantic import BaseModel, Field

from agents.core.models.base import ChatModel
from agents.core.models.messages import user
from agents.core.role import Role
from agents.mp5.state import Answer, Question
from perception.images import crafter_view_box, draw_grid, frame_hash, zoom

COLS, ROWS = 9, 7
NIGHT_BELOW = 0.35


def cell_index(dx: int, dy: int) -> int:
    """Set-of-Mark index of the cell at offset (dx, dy) from the player (centre cell 31)."""
    return (dy + ROWS // 2) * COLS + (dx + COLS // 2)


class KnowledgePercipient:
    """Answers from a `Percept` (what CrafterVision read off the pixels) and the world's spatial map."""

    def answer(self, question: Question, world: Any) -> Answer:
        percept = world.look()
        kind, target = question.kind, question.target
        if kind == "cell":
            col, row = question.cell % COLS, question.cell // COLS
            label = percept.grid[row][col]
            return Answer(answer=f"cell {question.cell} shows {label}", evidence=[question.cell], value=label)
        if kind == "facing":
            label = percept.facing_tile()
            return Answer(answer=f"facing {label}", evidence=[cell_index(*percept.facing)], value=label)
        if kind in ("nearest", "in_view"):
            hits = percept.find(target or "")
            if kind == "in_view":
                return Answer(answer=f"{target} {'is' if hits else 'is not'} in view", value=bool(hits),
                              evidence=[cell_index(*h) for h in hits[:5]])
            if hits:
                dx, dy = hits[0]
                return Answer(answer=f"nearest {target} at dx={dx}, dy={dy} ({abs(dx) + abs(dy)} steps)",
                              evidence=[cell_index(dx, dy)], value={"dx": dx, "dy": dy, "in_view": True})
            remembered = _remembered(world, target)
            if remembered is not None:
                return Answer(answer=f"no {target} in view; last seen at {remembered}", value=remembered,
                              confident=False)
            return Answer(answer=f"no {target} in view or in memory", value=None)
        if kind == "surroundings":
            counts = Counter(label for row in percept.grid for label in row)
            return Answer(answer=", ".join(f"{k}: {v}" for k, v in counts.most_common()), value=dict(counts))
        if kind == "time":
            night = percept.daylight < NIGHT_BELOW
            return Answer(answer="night" if night else "day", value={"night": night,
                                                                     "daylight": round(percept.daylight, 2)})
        if kind == "inventory":
            return Answer(answer=json.dumps(percept.inventory), value=dict(percept.inventory))
        raise ValueError(f"unknown question kind {kind!r}")


def _remembered(world: Any, target: str) -> Any:
    memory = getattr(world, "map", None)
    nearest = getattr(memory, "nearest", None)
    if nearest is None:
        return None
    found = nearest(target)
    return None if found is None else (found if isinstance(found, (dict, list, tuple, str)) else str(found))


class PerceptReply(BaseModel):
    """What the multimodal model answers; `zoom` asks for a closer look at those cells first."""

    answer: str
    evidence: list[int] = Field(default_factory=list)
    confident: bool = True
    value: Any = None
    zoom: list[int] = Field(default_factory=list, description="Cells to see enlarged before answering.")


class LlmPercipient:
    """MP5's active perception with a multimodal model: grid overlay, optional zoom rounds, per-frame cache."""

    def __init__(self, model: ChatModel, *, max_rounds: int = 2):
        self.role = Role("percipient", "mp5/percipient.j2", model, output=PerceptReply)
        self.max_rounds = max_rounds
        self.cache: dict[tuple[str, str], Answer] = {}

    def answer(self, question: Question, world: Any) -> Answer:
        frame = world.obs.image
        key = (frame_hash(frame), question.model_dump_json())
        if key in self.cache:
            return self.cache[key]
        box = crafter_view_box(frame)
        messages = self.role.messages(images=[draw_grid(frame, grid=(COLS, ROWS), box=box)],
                                      question=question.model_dump_json(exclude_none=True), cols=COLS, rows=ROWS)
        reply: PerceptReply = self.role.ask(messages).parsed
        rounds = 1
        while reply.zoom and rounds < self.max_rounds:
            cells = [c for c in reply.zoom if 0 <= c < COLS * ROWS][:9] or [cell_index(0, 0)]
            close = zoom(frame, cells, grid=(COLS, ROWS), box=box, scale=8)
            messages += [{"role": "assistant", "content": reply.model_dump_json()},
                         user(f"Here are cells {cells} enlarged. Answer the question now (zoom must be empty).",
                              [close])]
            reply = self.role.ask(messages).parsed
            rounds += 1
        answer = Answer(answer=reply.answer, evidence=reply.evidence, confident=reply.confident and not reply.zoom,
                        value=reply.value)
        self.cache[key] = answer
        return answer
