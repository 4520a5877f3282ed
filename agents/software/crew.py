"""What every software-team node shares: the worktree, its tools, the models per role, the experience pool."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from agents.core.memory import MemoryStore
from agents.core.models.base import ChatModel
from agents.core.runs import current_recorder
from agents.core.tool import Tool
from agents.software.tools import RepoTools
from agents.software.worktree import Worktree

READ_TOOLS = ("list_dir", "read_file", "search", "git_diff")
WRITE_TOOLS = ("write_file", "edit_file")
RUN_TOOLS = ("run", "run_tests")


@dataclass
class Crew:
    worktree: Worktree
    tools: RepoTools
    models: dict[str, ChatModel]
    memory: MemoryStore
    max_code_rounds: int = 3
    max_questions: int = 2
    extra: dict[str, Any] = field(default_factory=dict)

    def tool_set(self, *names: str) -> list[Tool]:
        """The named RepoTools methods as model-facing tools (docstrings become descriptions)."""
        return [Tool(getattr(self.tools, n), max_chars=self.tools.clip) for n in names]

    def listing(self) -> str:
        return self.tools.list_dir(".").replace("\n", ", ")

    def commit(self, phase: str, task: str) -> list[str]:
        """Commit what the phase changed on the run's branch (a no-op when nothing changed, so re-runs add none)."""
        sha = self.worktree.commit_all(f"rolegraph {phase}: {task[:60]}")
        if sha:
            emit("commit", phase=phase, sha=sha)
        return [sha] if sha else []


def emit(kind: str, **data: Any) -> None:
    recorder = current_recorder()
    if recorder is not None:
        recorder.event(kind, **data)
