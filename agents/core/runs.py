"""Run directories: `runs/<run-id>/` with run.json (status), trajectory.jsonl (every event) and a process lock."""
from __future__ import annotations

import contextvars
import fcntl
import json
import os
import secrets as _random
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator

from agents.core.errors import RunLockedError, UnknownRunError, UserInputError
from agents.core.secrets import redact, secret_values

STATUSES = ("running", "done", "failed", "max_steps", "max_tokens", "max_cost", "max_time", "stuck", "interrupted")


def new_run_id(prefix: str = "run") -> str:
    """Sortable, unique, filesystem- and branch-safe: `run-20261123-203354-a1b2c3`."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    return f"{prefix}-{stamp}-{_random.token_hex(3)}"


def default_runs_dir() -> Path:
    return Path(os.environ.get("ROLEGRAPH_RUNS_DIR", "runs"))


class RunDir:
    """One run's folder. Everything written through it is passed through `redact` first."""

    def __init__(self, run_id: str, root: Path | None = None):
        if not run_id or "/" in run_id or run_id.startswith("."):
            raise UserInputError(f"invalid run id {run_id!r}")
        self.run_id = run_id
        self.root = Path(root) if root is not None else default_runs_dir()
        self.path = self.root / run_id
        self._secrets = secret_values()
        self._lock_fd: int | None = None
        self._events = None
        """The trajectory, open for appending while this process holds the run's lock (see `append`)."""

    checkpoint = property(lambda self: self.path / "checkpoint.sqlite")
    trajectory = property(lambda self: self.path / "trajectory.jsonl")
    meta_path = property(lambda self: self.path / "run.json")

    @classmethod
    def existing(cls, run_id: str, root: Path | None = None) -> "RunDir":
        run = cls(run_id, root)
        if not run.meta_path.exists():
            raise UnknownRunError(f"no run {run_id!r} under {run.root}/ (list them with `rolegraph runs`)")
        return run

    def create(self, **meta: Any) -> None:
        self.path.mkdir(parents=True, exist_ok=True)
        if not self.meta_path.exists():
            self.write_meta(created=_now(), status="running", **meta)

    def meta(self) -> dict[str, Any]:
        try:
            return json.loads(self.meta_path.read_text())
        except (OSError, json.JSONDecodeError):
            return {"run_id": self.run_id, "status": "unknown"}

    def write_meta(self, **updates: Any) -> None:
        data = {"run_id": self.run_id, **(self.meta() if self.meta_path.exists() else {}), **updates,
                "updated": _now()}
        tmp = self.meta_path.with_suffix(".tmp")
        tmp.write_text(redact(json.dumps(data, indent=2, default=str), self._secrets))
        os.replace(tmp, self.meta_path)

    def lock(self) -> None:
        """Hold an exclusive lock for this process; a second process driving the same run is refused."""
        self.path.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            holder = self.meta().get("pid") or "another process"
            raise RunLockedError(f"run {self.run_id} is already being driven by process {holder}; "
                                 f"wait for it to finish or stop it first") from None
        self._lock_fd = fd

    def unlock(self) -> None:
        if self._events is not None:
            self._events.close()
            self._events = None
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def append(self, event: dict[str, Any]) -> None:
        line = redact(json.dumps(event, default=str, ensure_ascii=False), self._secrets) + "\n"
        if self._lock_fd is None:
            with open(self.trajectory, "a", encoding="utf-8") as fh:
                fh.write(line)  # closed (flushed) per event: a kill loses at most the line being written
            return
        # While the lock is held (a run being driven) the file stays open until unlock: flushed per event, so a kill
        # still loses at most the line being written; opening and closing it took two thirds of an append.
        if self._events is None:
            self._events = open(self.trajectory, "a", encoding="utf-8")  # noqa: SIM115 - closed by unlock()
        self._events.write(line)
        self._events.flush()

    def events(self) -> Iterator[dict[str, Any]]:
        if not self.trajectory.exists():
            return
        with open(self.trajectory, encoding="utf-8") as fh:
            for line in fh:
                try:
                    yield json.loads(line)
                except json.JSONDecodeError:
                    continue  # a line cut by a kill

    def write_text(self, name: str, text: str) -> Path:
        path = self.path / name
        path.write_text(redact(text, self._secrets), encoding="utf-8")
        return path


def list_runs(root: Path | None = None) -> list[dict[str, Any]]:
    """Every run under `root`, newest first, with `interrupted` for a running run whose process is gone."""
    root = Path(root) if root is not None else default_runs_dir()
    rows = []
    for meta_path in sorted(root.glob("*/run.json"), reverse=True):
        meta = RunDir(meta_path.parent.name, root).meta()
        if meta.get("status") == "running" and not _pid_alive(meta.get("pid")):
            meta["status"] = "interrupted"
        rows.append(meta)
    return rows


class Recorder:
    """Collects events for the active run: model calls, tool calls, steps, status; usage per role."""

    def __init__(self, run: RunDir, *, started_elapsed: float = 0.0):
        self.run = run
        self.t0 = time.monotonic() - started_elapsed
        self.usage: dict[str, dict[str, float]] = {}
        self.listeners: list = []

    def elapsed(self) -> float:
        return time.monotonic() - self.t0

    def event(self, kind: str, **data: Any) -> None:
        """Append to the trajectory and tell listeners (e.g. the CLI's live view)."""
        event = {"t": _now(), "elapsed": round(self.elapsed(), 4), "kind": kind, **data}
        self.run.append(event)
        for listener in self.listeners:
            listener(event)

    def add_usage(self, role: str, *, prompt_tokens: int, completion_tokens: int, cost: float, calls: int = 1) -> None:
        row = self.usage.setdefault(role, {"calls": 0, "prompt_tokens": 0, "completion_tokens": 0, "cost": 0.0})
        row["calls"] += calls
        row["prompt_tokens"] += prompt_tokens
        row["completion_tokens"] += completion_tokens
        row["cost"] += cost

    def total(self, key: str) -> float:
        return sum(row[key] for row in self.usage.values())


_current: contextvars.ContextVar[Recorder | None] = contextvars.ContextVar("rolegraph_recorder", default=None)


def current_recorder() -> Recorder | None:
    """The recorder of the run whose node is executing here, if any."""
    return _current.get()


def set_recorder(recorder: Recorder | None):
    return _current.set(recorder)


def reset_recorder(token) -> None:
    _current.reset(token)


def _pid_alive(pid: Any) -> bool:
    try:
        os.kill(int(pid), 0)
    except (TypeError, ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")
