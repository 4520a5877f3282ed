"""`Team`: roles and functions as a LangGraph `StateGraph`, compiled per run with a SQLite checkpointer."""
from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, Mapping

from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.graph import END, START, StateGraph

from agents.core.budget import Budget, RunStopped, StuckDetector, check_budget
from agents.core.errors import CheckpointError, RolegraphError
from agents.core.report import write_report
from agents.core.role import Role
from agents.core.runs import Recorder, RunDir, new_run_id, reset_recorder, set_recorder

Fingerprint = Callable[[str, Mapping[str, Any], Mapping[str, Any]], Hashable | None]


@dataclass
class RunResult:
    """How a run ended: its id, status (see `runs.STATUSES`), final state, message and usage per role."""

    run_id: str
    status: str
    state: dict[str, Any]
    message: str | None = None
    usage: dict[str, dict[str, float]] = field(default_factory=dict)
    steps: int = 0


@dataclass
class _Session:
    recorder: Recorder
    steps: int
    stuck: StuckDetector
    pending: RunStopped | None = None


class Team:
    """Build with `add_node`/`add_edge`/`add_conditional_edges` (LangGraph's own), then `run` or `resume`."""

    def __init__(self, name: str, state: type, *, budget: Budget | None = None, fingerprint: Fingerprint | None = None,
                 stuck_patience: int = 8, factory: str | None = None, factory_args: dict[str, Any] | None = None,
                 after_run: Callable[[RunDir, "RunResult"], None] | None = None):
        self.name = name
        self.builder = StateGraph(state)
        self.budget = budget or Budget()
        self.fingerprint = fingerprint
        self.stuck_patience = stuck_patience
        self.factory = factory
        self.factory_args = factory_args or {}
        self.after_run = after_run
        """Called with the run directory and result when a run or resume ends without an exception
        (e.g. to write an episode GIF)."""
        self._session: _Session | None = None

    def add_node(self, name: str, action: Role | Callable[[Any], dict[str, Any]], **kwargs: Any) -> "Team":
        fn = action.node() if isinstance(action, Role) else action
        self.builder.add_node(name, self._wrap(name, fn), **kwargs)
        return self

    def add_edge(self, start: str, end: str) -> "Team":
        self.builder.add_edge(start, end)
        return self

    def add_conditional_edges(self, source: str, router: Callable[..., str], path_map: Any = None) -> "Team":
        self.builder.add_conditional_edges(source, router, path_map)
        return self

    def compile(self, checkpointer: Any = None):
        """The compiled graph (no checkpointer: for LangGraph Studio, which brings its own persistence)."""
        return self.builder.compile(checkpointer=checkpointer)

    def mermaid(self) -> str:
        return self.compile().get_graph().draw_mermaid()

    def run(self, inputs: dict[str, Any], *, run_id: str | None = None, task: str = "", runs_dir=None,
            on_event: Callable[[dict], None] | None = None) -> RunResult:
        """Start a new run in `runs/<run-id>/` (thread id = run id); `on_event` sees every trajectory event."""
        run = RunDir(run_id or new_run_id(self.name.replace(" ", "-")), runs_dir)
        run.lock()
        run.create(team=self.name, task=task, factory=self.factory, args=self.factory_args,
                   inputs=json.loads(json.dumps(inputs, default=str)))
        return self._drive(run, inputs, resumed=False, on_event=on_event)

    def resume(self, run_id: str, *, runs_dir=None, on_event: Callable[[dict], None] | None = None) -> RunResult:
        """Continue a run from its last checkpoint (after a kill, a budget stop with a raised budget, ...)."""
        run = RunDir.existing(run_id, runs_dir)
        check_checkpoint(run)
        run.lock()
        return self._drive(run, None, resumed=True, on_event=on_event)

    def state(self, run_id: str, *, runs_dir=None) -> dict[str, Any]:
        """The latest checkpointed state of a run."""
        run = RunDir.existing(run_id, runs_dir)
        conn = _connect(run)
        try:
            graph = self.builder.compile(checkpointer=SqliteSaver(conn))
            return dict(graph.get_state({"configurable": {"thread_id": run_id}}).values)
        finally:
            conn.close()

    def _drive(self, run: RunDir, inputs: dict[str, Any] | None, *, resumed: bool,
               on_event: Callable[[dict], None] | None = None) -> RunResult:
        try:
            conn = _connect(run)
        except CheckpointError:
            run.unlock()
            raise
        steps, usage, elapsed = _replay_counters(run)
        recorder = Recorder(run, started_elapsed=elapsed)
        recorder.usage = usage
        if on_event is not None:
            recorder.listeners.append(on_event)
        self._session = _Session(recorder, steps, StuckDetector(self.stuck_patience))
        run.write_meta(status="running", pid=os.getpid())
        recorder.event("resume" if resumed else "start", team=self.name, steps=steps)
        status, message, state = "done", None, {}
        try:
            graph = self.builder.compile(checkpointer=SqliteSaver(conn))
            config = {"configurable": {"thread_id": run.run_id}, "recursion_limit": 1_000_000}
            if resumed and graph.get_state(config).created_at is None:
                inputs = run.meta().get("inputs") or {}
            graph.invoke(inputs, config, durability="sync")
            state = dict(graph.get_state(config).values)
        except RunStopped as stop:
            status, message = stop.status, str(stop)
            state = dict(graph.get_state(config).values)
        except sqlite3.DatabaseError as exc:
            status, message = "failed", f"checkpoint database {run.checkpoint} is unusable ({exc})"
            raise CheckpointError(message + ": move it aside to start over") from None
        except BaseException as exc:
            status = "interrupted" if isinstance(exc, KeyboardInterrupt) else "failed"
            message = str(exc) if isinstance(exc, RolegraphError) else f"{type(exc).__name__}: {exc}"
            raise
        finally:
            session, self._session = self._session, None
            recorder.event("status", status=status, message=message, steps=session.steps, usage=recorder.usage)
            run.write_meta(status=status, message=message, steps=session.steps, usage=recorder.usage)
            conn.close()
            result = RunResult(run.run_id, status, state, message, recorder.usage, session.steps)
            self._finish(run, result)
            run.unlock()
        return result

    def _finish(self, run: RunDir, result: "RunResult") -> None:
        """GIF (after_run) and report.html for every ending, failures included; their own errors are recorded,
        never allowed to hide the run's."""
        try:
            if self.after_run is not None:
                self.after_run(run, result)
            write_report(run)
        except Exception as exc:  # noqa: BLE001 - reporting must not mask how the run ended
            run.append({"kind": "report_error", "message": f"{type(exc).__name__}: {exc}"})

    def _wrap(self, name: str, fn: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
        def node(state: Any) -> dict[str, Any]:
            session = self._session
            if session is None:
                return fn(state)
            if session.pending is not None:
                raise session.pending
            rec = session.recorder
            check_budget(self.budget, steps=session.steps,
                         tokens=int(rec.total("prompt_tokens") + rec.total("completion_tokens")),
                         cost=rec.total("cost"), seconds=rec.elapsed())
            token = set_recorder(rec)
            try:
                update = fn(state)
            finally:
                reset_recorder(token)
            session.steps += 1
            rec.event("step", node=name, step=session.steps, update=_summary(update))
            if self.fingerprint is not None:
                try:
                    session.stuck.observe(self.fingerprint(name, state, update or {}))
                except RunStopped as stop:
                    session.pending = stop
            return update

        node.__name__ = name
        return node


def check_checkpoint(run: RunDir) -> None:
    """Raise `CheckpointError` now, before anything is built or written, if the run's checkpoint is unusable."""
    _connect(run).close()


def _connect(run: RunDir) -> sqlite3.Connection:
    """Open the checkpoint database, refusing (before anything is written) one that is corrupt or read-only."""
    path = run.checkpoint
    if path.exists() and not path.stat().st_mode & 0o222:
        raise CheckpointError(f"checkpoint database {path} is read-only: make it writable (chmod u+w) to continue")
    try:
        conn = sqlite3.connect(path, check_same_thread=False)
        conn.execute("PRAGMA schema_version").fetchone()
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: commits survive a killed process, no fsync each
        return conn
    except sqlite3.DatabaseError as exc:
        raise CheckpointError(f"checkpoint database {path} is unusable ({exc}): "
                              "move it aside to start the run over") from None


def _replay_counters(run: RunDir) -> tuple[int, dict[str, dict[str, float]], float]:
    """Steps, usage per role and elapsed time so far, rebuilt from the trajectory (for budgets across resumes)."""
    steps, elapsed, usage = 0, 0.0, {}
    for event in run.events():
        elapsed = max(elapsed, float(event.get("elapsed", 0.0)))
        if event.get("kind") == "step":
            steps = max(steps, int(event.get("step", 0)))
        elif event.get("kind") == "model_call" and event.get("usage"):
            u = event["usage"]
            row = usage.setdefault(event.get("role", "?"), {"calls": 0, "prompt_tokens": 0,
                                                            "completion_tokens": 0, "cost": 0.0})
            row["calls"] += 1
            row["prompt_tokens"] += u.get("prompt_tokens", 0)
            row["completion_tokens"] += u.get("completion_tokens", 0)
            row["cost"] += u.get("cost", 0.0)
    return steps, usage, elapsed


def _summary(update: Any, limit: int = 1500) -> Any:
    text = json.dumps(update, default=str, ensure_ascii=False)
    return update if len(text) <= limit else text[:limit] + "...(clipped)"


__all__ = ["Team", "RunResult", "START", "END"]
