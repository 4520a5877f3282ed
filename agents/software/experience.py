"""Experiential co-learning (ChatDev): after each run, what worked and what failed; recalled for similar tasks."""
from __future__ import annotations

from agents.core.memory import MemoryStore

KIND = "experience"


def recall(memory: MemoryStore, task: str, *, k: int = 2) -> list[str]:
    """The `k` most similar past experiences as short lines for prompts."""
    hits = memory.search(KIND, task, k=k)
    for hit in hits:
        memory.mark_used(hit.id)
    return [f"{h.key}: {h.text}" for h in hits]


def record(memory: MemoryStore, state: dict) -> int:
    """Store this run's lesson; idempotent, so a finish node re-run after a kill adds nothing."""
    test = state.get("test") or {}
    review = state.get("review") or {}
    worked = "tests passed" if test.get("passed") else f"tests failed: {test.get('summary', 'not run')}"
    changed = ", ".join((state.get("code") or {}).get("files_changed", [])) or "no files"
    text = (f"{worked}; changed {changed} in {state.get('code_rounds', 0)} coding round(s)"
            + (f"; review: {'; '.join(review.get('comments', [])[:3])}" if review and not review.get("approve") else ""))
    return memory.add(KIND, state["task"], text, {"passed": bool(test.get("passed")), "files": changed})
